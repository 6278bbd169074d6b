"""The review: the people who act on each step, an application submitted into its review,
and the steps taken through the admin's own views."""

import datetime

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from bases.applying.submission import submit_application
from bases.models import BaseType, ExpertProfile, Publicity
from bases.review.roles import DEPARTMENT_STAFF, EXPERTS, LEADERSHIP
from tests.factories.accounts import (
    BAOTOU_BUREAU,
    HOHHOT_BUREAU,
    make_applicant,
    make_government,
    make_member,
    make_user,
)
from tests.factories.applications import complete_application, make_application


def make_expert(username, organisation):
    """An expert in the department's pool."""
    expert = make_user(username, EXPERTS)
    ExpertProfile.objects.create(user=expert, organisation=organisation)
    return expert


class Reviewers:
    """Staff, leadership, the 呼和浩特市 and 包头市 bureaus and three experts."""

    def __init__(self):
        self.staff = make_user("staff", DEPARTMENT_STAFF)
        self.leader = make_user("leader", LEADERSHIP)
        self.hohhot = make_member("hohhot_bureau", HOHHOT_BUREAU)
        self.baotou = make_member("baotou_bureau", BAOTOU_BUREAU)
        self.experts = [make_expert(f"expert{n}", f"内蒙古大学{n}") for n in range(1, 4)]


def submitted_application(base_type, league="呼和浩特市"):
    """A complete application of ``base_type`` submitted by a new applicant in ``league``."""
    if base_type == BaseType.INNOVATION_PARK:
        user = make_government(league)
    else:
        user = make_applicant(league=league, registration_date=datetime.date(2015, 1, 1))
    application = complete_application(make_application(user, base_type=base_type))
    # Submitting commits and mails the first step's reviewers, as the public page does.
    with TestCase.captureOnCommitCallbacks(execute=True):
        application, problems = submit_application(application, user)
    assert not problems, problems
    return application


def act_url(subject, action):
    """The admin's workflow action URL of any reviewed snippet (an application, a report)."""
    subject = type(subject).objects.get(pk=subject.pk)
    task_state = subject.current_workflow_task_state
    opts = subject._meta
    return reverse(
        f"wagtailsnippets_{opts.app_label}_{opts.model_name}:workflow_action",
        args=[subject.pk, action, task_state.pk],
    )


def act(client, user, subject, action, **data):
    """Post a workflow action as ``user`` through the admin's workflow action view."""
    client.force_login(user)
    return client.post(act_url(subject, action), data)


def assign_experts(client, people, application):
    client.force_login(people.staff)
    response = client.post(
        reverse("wagtailsnippets_bases_application:assign_experts", args=[application.pk]),
        {"experts": [expert.pk for expert in people.experts]},
    )
    assert response.status_code == 302


def pass_expert_review(client, people, application, scores=(80, 85, 90)):
    """Staff assign the three experts, who score, and staff conclude the step."""
    assign_experts(client, people, application)
    for expert, score in zip(people.experts, scores, strict=True):
        act(
            client,
            expert,
            application,
            "score",
            score=score,
            recommendation="recommend",
            opinion="材料完整，建议认定。",
        )
    act(
        client,
        people.staff,
        application,
        "approve",
        comment="专家评审通过。",
        internal_note="平均分较高",
    )


def pass_inspection(client, people, application):
    """Staff record a passed inspection (or assessment) and pass the step."""
    client.force_login(people.staff)
    response = client.post(
        reverse("wagtailsnippets_bases_application:record_inspection", args=[application.pk]),
        {
            "inspected_on": "2026-11-20",
            "team": "张三、李四",
            "findings": "条件具备。",
            "result": "passed",
        },
    )
    assert response.status_code == 302
    act(client, people.staff, application, "approve")


def end_publicity(application):
    """The publicity period is over (as if its working days had passed)."""
    Publicity.objects.filter(application=application).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
