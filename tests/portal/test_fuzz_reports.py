"""Hostile input to every section of the annual plan and summary (the host's edit page), as
``test_fuzz`` does for the application: never a 5xx, nothing echoed unescaped, a section with
errors keeps what it had stored, and another host's report, goals and files never change."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from bases.applying.annual_report_forms import (
    GoalResultsForm,
    ReportAttachmentsForm,
    ReportSections,
)
from bases.applying.annual_reports import start_report
from bases.models import (
    AnnualGoal,
    AnnualReport,
    AnnualReportAttachment,
    GoalResult,
    ReportKind,
)
from tests.factories import PDF, make_applicant, make_base, pdf_upload, report_post_data
from tests.portal.fuzzing import FUZZ, checked, hostile_data, one_example

pytestmark = pytest.mark.django_db

# Names the edit page does not render but a forger may send.
FORGED_FIELDS = [
    "goals-0-id",
    "goals-0-DELETE",
    "projects-0-id",
    "projects-0-DELETE",
    "agreements-0-id",
    "attachments-remove",
]


def host_with_base(league):
    user = make_applicant(league=league)
    base = make_base(host=user.applicant_account.host, accredited_on=datetime.date(2023, 6, 1))
    return user, base


def stored_parts(report, plan):
    """What each section of the edit page has stored, in the order of ``ReportSections``."""
    report = AnnualReport.objects.get(pk=report.pk)
    parts = []
    for _section, form in ReportSections(report, plan=plan).forms:
        if hasattr(form, "management_form"):
            parts.append(list(form.model.objects.filter(report=report).order_by("pk").values()))
        elif isinstance(form, GoalResultsForm):
            parts.append(list(GoalResult.objects.filter(report=report).order_by("pk").values()))
        elif isinstance(form, ReportAttachmentsForm):
            parts.append(sorted(report.attachments.current().values_list("pk", flat=True)))
        else:
            parts.append({name: getattr(report, name) for name in form._meta.fields})
    return parts


def theirs_as_stored(report):
    return (
        list(AnnualReport.objects.filter(pk=report.pk).values()),
        list(AnnualGoal.objects.filter(report=report).values()),
        list(AnnualReportAttachment.objects.filter(report=report).values()),
    )


@pytest.mark.parametrize("kind", ReportKind.values)
def test_every_section_of_a_report_takes_hostile_values(client, site_tree, kind):
    other_user, other_base = host_with_base("包头市")
    theirs = start_report(other_user, other_base, 2025, ReportKind.PLAN)
    their_goal = AnnualGoal.objects.create(report=theirs, goal="他人目标", indicator="项", target=1)
    their_file = theirs.attachments.create(
        file=pdf_upload("他人.pdf"), original_name="他人.pdf", size=len(PDF)
    )

    user, base = host_with_base("呼和浩特市")
    plan = start_report(user, base, 2025, ReportKind.PLAN)
    goal = AnnualGoal.objects.create(report=plan, goal="新签协议", indicator="项", target=2)
    report = plan if kind == ReportKind.PLAN else start_report(user, base, 2025, kind)
    report.attachments.create(file=pdf_upload("总结.pdf"), original_name="总结.pdf", size=len(PDF))
    plan_of_report = None if kind == ReportKind.PLAN else plan
    client.force_login(user)
    url = reverse("apply_report_edit", args=[report.pk])
    unchanged = report_post_data(report)
    names = {*unchanged, *FORGED_FIELDS, f"results_of_goals-achieved_{their_goal.pk}"}
    forged = [their_goal.pk, their_file.pk, theirs.pk, goal.pk, 1001, 99999999999999999999]

    @FUZZ
    @given(st.data())
    def submit(data):
        with one_example():
            payload = hostile_data(data.draw, names, forged, unchanged)
            before, theirs_before = stored_parts(report, plan_of_report), theirs_as_stored(theirs)
            response = checked(client.post(url, payload))
            assert response.status_code in (200, 302), response.status_code
            after = stored_parts(report, plan_of_report)
            if response.status_code == 200:
                sections = response.context["sections"].forms
                assert any(not form.is_valid() for _section, form in sections)
                for index, (section, form) in enumerate(sections):
                    if not form.is_valid():
                        assert after[index] == before[index], (section, form.errors)
            assert theirs_as_stored(theirs) == theirs_before

    submit()
