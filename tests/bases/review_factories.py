"""Builders for the review: the people who act on each step, and a helper to act."""

import datetime

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from bases.applying.submission import submit_application
from bases.models import Application, ExpertProfile, Publicity, RecommendingDepartment
from bases.review.roles import DEPARTMENT_STAFF, EXPERTS, LEADERSHIP, RECOMMENDING_DEPARTMENTS
from tests.bases.application_factories import (
    complete_application,
    make_applicant,
    make_application,
    make_government,
)
from tests.factories import make_user


class Reviewers:
    """Staff, leadership, the 呼和浩特市 and 包头市 bureaus and three experts."""

    def __init__(self):
        self.staff = make_user("staff", DEPARTMENT_STAFF)
        self.leader = make_user("leader", LEADERSHIP)
        self.hohhot = make_user("hohhot_bureau", RECOMMENDING_DEPARTMENTS)
        RecommendingDepartment.objects.get(name="呼和浩特市科学技术局").members.add(self.hohhot)
        self.baotou = make_user("baotou_bureau", RECOMMENDING_DEPARTMENTS)
        RecommendingDepartment.objects.get(name="包头市科学技术局").members.add(self.baotou)
        self.experts = []
        for number in range(1, 4):
            expert = make_user(f"expert{number}", EXPERTS)
            ExpertProfile.objects.create(user=expert, organisation=f"内蒙古大学{number}")
            self.experts.append(expert)


def submitted_application(base_type, league="呼和浩特市"):
    if base_type == "innovation_park":
        user = make_government(league)
    else:
        user = make_applicant(league=league, registration_date=datetime.date(2015, 1, 1))
    application = complete_application(make_application(user, base_type=base_type))
    # Submitting commits and mails the first step's reviewers, as the public page does.
    with TestCase.captureOnCommitCallbacks(execute=True):
        application, problems = submit_application(application, user)
    assert not problems, problems
    return application


def act_url(application, action):
    application = Application.objects.get(pk=application.pk)
    task_state = application.current_workflow_task_state
    return reverse(
        "wagtailsnippets_bases_application:workflow_action",
        args=[application.pk, action, task_state.pk],
    )


def act(client, user, application, action, **data):
    """Post a workflow action as ``user`` through the admin's workflow action view."""
    client.force_login(user)
    return client.post(act_url(application, action), data)


def end_publicity(application):
    """The publicity period is over (as if its working days had passed)."""
    Publicity.objects.filter(application=application).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
