"""The review engine's own rules: who acts is a permission, not a group's name; mail leaves
only after the step commits; a review never ends in a state no step holds; the department
that reviews is the one in force at submission."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry, TaskState, WorkflowState

from bases.applying.submission import submit_application
from bases.models import Application, ApplicationStatus, BaseType, RecommendingDepartment
from bases.models.accreditation_steps import DecisionTask
from bases.review.roles import LEADERSHIP
from tests.factories import (
    HostOrganisationFactory,
    Reviewers,
    act,
    complete_application,
    make_applicant,
    make_application,
    make_user,
    submitted_application,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_tree):
    return Reviewers()


def test_renaming_the_leadership_group_does_not_change_who_decides(people):
    decision = DecisionTask.objects.get()
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    impostor = make_user("impostor")
    Group.objects.filter(name=LEADERSHIP).update(name="领导班子")
    assert decision.can_act(application, people.leader)
    assert people.leader in decision.actors(application)
    # A new group that merely carries the old name decides nothing.
    impostor.groups.add(Group.objects.create(name=LEADERSHIP))
    assert not decision.can_act(application, impostor)
    assert impostor not in decision.actors(application)


def test_the_step_mail_leaves_only_when_the_step_commits(
    people, django_capture_on_commit_callbacks
):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    task_state = Application.objects.get(pk=application.pk).current_workflow_task_state
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        task_state.task.specific.on_action(
            task_state, people.hohhot, "approve", comment="同意推荐", internal_note=""
        )
    # Done in the database, told to nobody until the transaction commits.
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.EXPERT_REVIEW
    assert mail.outbox == []
    for callback in waiting:
        callback()
    assert any("已通过" in message.subject for message in mail.outbox)


def test_a_draft_started_before_confirmation_waits_for_its_department(people):
    hohhot = RecommendingDepartment.objects.get(name="呼和浩特市科学技术局")
    host = HostOrganisationFactory(
        recommending_department=None, confirmed=False, registration_date=datetime.date(2015, 1, 1)
    )
    user = make_applicant(host=host, confirmed=False)
    account = user.applicant_account
    account.recommending_department = hohhot
    account.save()
    application = complete_application(make_application(user))
    assert application.recommending_department is None
    account.confirm(people.staff)
    application, problems = submit_application(Application.objects.get(pk=application.pk), user)
    assert not problems
    assert application.recommending_department == hohhot
    waiting = TaskState.objects.reviewable_by(people.hohhot)
    assert application.pk in [int(state.workflow_state.object_id) for state in waiting]


def test_a_workflow_with_work_in_progress_cannot_be_disabled(people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    workflow = Application.objects.get(pk=application.pk).current_workflow_state.workflow
    admin = make_user("root", is_superuser=True)
    client = Client()
    client.force_login(admin)
    response = client.post(f"/admin/workflows/disable/{workflow.pk}/", follow=True)
    assert "不能停用" in response.content.decode()
    workflow.refresh_from_db()
    assert workflow.active
    state = Application.objects.get(pk=application.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task = state.current_task_state.task
    response = client.post(f"/admin/workflows/tasks/disable/{task.pk}/", follow=True)
    assert "不能停用" in response.content.decode()
    task.refresh_from_db()
    assert task.active


def test_a_review_cancelled_outside_its_steps_goes_back_to_the_applicant(people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(Client(), people.hohhot, application, "approve")
    state = Application.objects.get(pk=application.pk).current_workflow_state
    state.cancel(user=people.staff)
    application = Application.objects.get(pk=application.pk)
    assert application.status == ApplicationStatus.RETURNED
    assert application.events.filter(kind="returned").exists()
    # The applicant resubmits into a new review from the first step.
    application, problems = submit_application(application, application.applicant)
    assert not problems
    application = Application.objects.get(pk=application.pk)
    assert application.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert application.status == ApplicationStatus.RECOMMENDING_REVIEW


def test_a_refusal_is_not_mistaken_for_an_abandoned_review(people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(Client(), people.hohhot, application, "refuse", comment="不符合第七条")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.REFUSED


def test_a_steps_texts_are_kept_once_in_the_applications_history(people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    task_state = Application.objects.get(pk=application.pk).current_workflow_task_state
    act(
        Client(),
        people.hohhot,
        application,
        "approve",
        comment="同意推荐",
        internal_note="材料齐全",
    )
    event = application.events.get(kind="step_passed")
    assert (event.message, event.internal_note, event.actor) == (
        "同意推荐",
        "材料齐全",
        people.hohhot,
    )
    # Wagtail's task state and audit log say who acted on which step, with no copy of the text.
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED and task_state.comment == ""
    entry = ModelLogEntry.objects.get(action="wagtail.workflow.approve", object_id=application.pk)
    assert entry.user == people.hohhot
    assert entry.data["workflow"]["task"]["title"] == task_state.task.name
    assert entry.data["comment"] == ""
