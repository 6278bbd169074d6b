"""The annual plan and summary (Art. 13) on the review engine: the recommending department
reviews (pass, or return with comments and the host resubmits into the same step), staff file;
scoped for every role as accreditation is. Reviewers act through the admin's views."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from wagtail.models import WorkflowContentType

from bases.applying.annual_reports import ReportError, start_report, submit_report
from bases.models import AnnualGoal, AnnualReport, AnnualReportEvent, ReportKind, ReportStatus
from tests.factories import Reviewers, act, make_applicant, make_base, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    people = Reviewers()
    host_user = make_applicant(league="呼和浩特市")
    base = make_base(host=host_user.applicant_account.host, accredited_on=datetime.date(2023, 6, 1))
    return people, host_user, base


def submitted_plan(host_user, base, year=2025):
    report = start_report(host_user, base, year, ReportKind.PLAN)
    report.narrative = "开展中俄乳业联合研发，举办国际培训班。"
    report.save()
    AnnualGoal.objects.create(
        report=report, goal="新签国际合作协议", indicator="协议数", target=2, unit="项"
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        report, problems = submit_report(report, host_user)
    assert not problems, problems
    return report


def admin_url(name, report):
    return reverse(f"wagtailsnippets_bases_annualreport:{name}", args=[report.pk])


def test_the_recommending_department_returns_the_host_resubmits_and_staff_file(client, world):
    people, host_user, base = world
    mail.outbox.clear()
    report = submitted_plan(host_user, base)
    assert report.status == ReportStatus.RECOMMENDING_REVIEW
    assert [message.to for message in mail.outbox] == [[people.hohhot.email], [host_user.email]]

    # The department sees it in its listing, and acts from the edit view: no refusal offered.
    client.force_login(people.hohhot)
    listing = client.get(reverse("wagtailsnippets_bases_annualreport:list")).content.decode()
    assert admin_url("edit", report) in listing
    edit = client.get(admin_url("edit", report)).content.decode()
    assert 'data-workflow-action-name="approve"' in edit
    assert 'data-workflow-action-name="reject"' in edit
    assert 'data-workflow-action-name="refuse"' not in edit

    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.hohhot, report, "reject", comment="请补充培训班的规模。")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert "请补充培训班的规模。" in mail.outbox[0].body
    assert mail.outbox[0].to == [host_user.email]

    # The host edits and resubmits: the workflow resumes at the same step.
    report.narrative += "培训班规模 60 人。"
    report.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        report, problems = submit_report(report, host_user)
    assert not problems
    assert report.current_workflow_task.name == "推荐部门审核年度报告"

    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.hohhot, report, "approve", comment="同意")
    report.refresh_from_db()
    assert report.status == ReportStatus.AWAITING_FILING
    assert report.current_workflow_task.name == "科技厅备案"
    # The department has done its part; it cannot file.
    act(client, people.hohhot, report, "approve")
    report.refresh_from_db()
    assert report.status == ReportStatus.AWAITING_FILING

    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.staff, report, "approve", comment="")
    report.refresh_from_db()
    assert report.status == ReportStatus.FILED and report.live and report.filed_at
    assert "已备案" in mail.outbox[-1].subject and mail.outbox[-1].to == [host_user.email]
    kinds = list(report.events.values_list("kind", flat=True))
    assert kinds == [
        AnnualReportEvent.Kind.CREATED,
        AnnualReportEvent.Kind.SUBMITTED,
        AnnualReportEvent.Kind.STEP_STARTED,
        AnnualReportEvent.Kind.RETURNED,
        AnnualReportEvent.Kind.RESUBMITTED,
        AnnualReportEvent.Kind.STEP_STARTED,  # the same step, again
        AnnualReportEvent.Kind.STEP_PASSED,
        AnnualReportEvent.Kind.STEP_STARTED,
        AnnualReportEvent.Kind.STEP_PASSED,
        AnnualReportEvent.Kind.FILED,
    ]
    # Filed is read-only for the host.
    with pytest.raises(ReportError):
        submit_report(report, host_user)


def test_each_role_sees_only_its_own_reports(client, world):
    people, host_user, base = world
    report = submitted_plan(host_user, base)
    other_host = make_applicant(league="包头市")
    other_base = make_base(host=other_host.applicant_account.host, league="包头市")
    draft = start_report(other_host, other_base, 2025, ReportKind.PLAN)

    for user, expected in [
        (people.staff, 200),
        (people.leader, 200),
        (people.hohhot, 200),
        (people.baotou, 404),  # another department's base
        (people.experts[0], 403),  # experts have no part in annual reports
    ]:
        client.force_login(user)
        assert client.get(admin_url("inspect", report)).status_code == expected, user
    # A draft stays the host's own, even from its recommending department.
    client.force_login(people.baotou)
    assert client.get(admin_url("inspect", draft)).status_code == 404
    listing = client.get(reverse("wagtailsnippets_bases_annualreport:list")).content.decode()
    assert str(report) not in listing and str(draft) not in listing
    # Nor can the department delete, unpublish or revert what it may see.
    client.force_login(people.hohhot)
    assert client.get(admin_url("delete", report)).status_code == 403
    assert client.get(admin_url("history", report)).status_code == 200


def test_a_host_reports_only_for_its_own_current_bases(world):
    people, host_user, base = world
    other_base = make_base(league="包头市")
    with pytest.raises(ReportError, match="本单位"):
        start_report(host_user, other_base, 2025, ReportKind.PLAN)
    with pytest.raises(ReportError, match="认定当年"):
        start_report(host_user, base, 2022, ReportKind.PLAN)


def test_submission_lists_what_is_missing_and_fails_closed_without_a_workflow(world):
    people, host_user, base = world
    report = start_report(host_user, base, 2025, ReportKind.SUMMARY)
    report, problems = submit_report(report, host_user)
    assert "请填写工作内容。" in problems and "请填写对照年度计划的自我评价。" in problems
    assert report.status == ReportStatus.DRAFT

    report.narrative = "完成情况"
    report.self_assessment = "达到预期"
    report.save()
    WorkflowContentType.objects.filter(content_type__model="annualreport").delete()
    with pytest.raises(ReportError, match="审核流程尚未启用"):
        submit_report(report, host_user)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.submitted_at is None


def test_my_bases_shows_each_year_in_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    people, host_user, base = world
    submitted_plan(host_user, base)
    client.force_login(host_user)
    client.get(reverse("apply_my_bases"))  # the site's caches filled
    with django_assert_max_num_queries(16) as first:
        html = client.get(reverse("apply_my_bases")).content.decode()
    assert base.name in html and "推荐部门审核中" in html and "2026年1月31日" in html
    for year in range(2019, 2023):
        make_base(host=host_user.applicant_account.host, accredited_on=datetime.date(year, 1, 1))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("apply_my_bases"))
    # Staff and strangers have no bases here.
    client.force_login(make_user("somebody"))
    assert client.get(reverse("apply_my_bases")).status_code == 404


def test_the_listing_costs_the_same_queries_for_more_reports(
    client, world, django_assert_max_num_queries
):
    people, host_user, base = world

    def reports_in_three_departments(year):
        submitted_plan(host_user, base, year)
        for league in ("包头市", "赤峰市"):
            other = make_applicant(league=league)
            submitted_plan(other, make_base(host=other.applicant_account.host, league=league))

    reports_in_three_departments(2024)
    client.force_login(people.staff)
    url = reverse("wagtailsnippets_bases_annualreport:list")
    client.get(url)  # the site's caches filled
    with django_assert_max_num_queries(60) as first:
        client.get(url)
    reports_in_three_departments(2025)
    assert AnnualReport.objects.count() == 6
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)
