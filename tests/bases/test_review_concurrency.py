"""Two people acting on the same step at the same moment move it once (row locks), and two
decisions taken at once get two different plaque numbers. Needs PostgreSQL's row locks;
SQLite serialises whole transactions, so there the race cannot be staged."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client

from bases.models import Application, ApplicationEvent, Base, BaseType, PlaqueSequence
from bases.review.roles import DEPARTMENT_STAFF
from tests.factories import (
    Reviewers,
    act,
    end_publicity,
    make_user,
    pass_expert_review,
    pass_inspection,
    submitted_application,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="行锁测试需要 PostgreSQL"),
]


def at_the_end_of_publicity(people):
    """A technology transfer center application whose publicity period has just ended."""
    client = Client()
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    act(client, people.hohhot, application, "approve")
    pass_expert_review(client, people, application)
    pass_inspection(client, people, application)
    act(client, people.leader, application, "approve", decision_number="内科发〔2026〕1号")
    end_publicity(application)
    return Application.objects.get(pk=application.pk)


def run_at_once(*calls):
    """Run the calls in threads released together; returns what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test compares
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def conclude(application_pk, user):
    def call():
        application = Application.objects.get(pk=application_pk)
        task_state = application.current_workflow_task_state
        task_state.task.specific.on_action(task_state, user, "approve", objections="公示期内无异议")
        return "approved"

    return call


def test_two_simultaneous_approvals_give_one_transition_and_one_plaque(site_tree):
    people = Reviewers()
    application = at_the_end_of_publicity(people)
    second_staff = make_user("staff2", DEPARTMENT_STAFF)

    results = run_at_once(
        conclude(application.pk, people.staff), conclude(application.pk, second_staff)
    )

    assert sorted(map(type, results), key=str) == sorted([str, PermissionDenied], key=str)
    assert Base.objects.filter(application=application).count() == 1
    assert (
        PlaqueSequence.objects.get(year=Base.objects.get().accreditation_date.year).last_number == 1
    )
    assert application.events.filter(kind=ApplicationEvent.Kind.ACCREDITED).count() == 1


def test_two_decisions_at_once_get_consecutive_plaque_numbers(site_tree):
    people = Reviewers()
    first = at_the_end_of_publicity(people)
    second = at_the_end_of_publicity(people)

    results = run_at_once(conclude(first.pk, people.staff), conclude(second.pk, people.staff))

    assert results == ["approved", "approved"]
    plaques = sorted(Base.objects.values_list("plaque_number", flat=True))
    assert len(set(plaques)) == 2
    assert [plaque[-5:] for plaque in plaques] == ["第001号", "第002号"]
