"""The host's side of the annual plan and summary (Art. 13), through the public pages: 「我的基地」,
starting a report, the edit page's drafts and submission, the department's return and the
host's resubmission, filing, files, and what the host may not open or change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bases.applying.annual_reports import start_report
from bases.models import (
    AnnualGoal,
    AnnualReport,
    AnnualReportAttachment,
    BaseStatus,
    Country,
    GoalResult,
    ReportKind,
    ReportProject,
    ReportStatus,
)
from tests.factories import (
    PDF,
    Reviewers,
    act,
    make_applicant,
    make_base,
    pdf_upload,
    report_post_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    people = Reviewers()
    host_user = make_applicant(league="呼和浩特市")
    base = make_base(
        host=host_user.applicant_account.host,
        accredited_on=datetime.date(2023, 6, 1),
        name="草原乳业国际科技合作基地",
    )
    return people, host_user, base


def edit_url(report):
    return reverse("apply_report_edit", args=[report.pk])


def detail_url(report):
    return reverse("apply_report", args=[report.pk])


def start_url(base, year, kind):
    return reverse("apply_report_start", args=[base.pk, year, kind])


def country(code):
    return str(Country.objects.get(code=code).pk)


def post(client, report, action="save", **overrides):
    report = AnnualReport.objects.get(pk=report.pk)
    return client.post(edit_url(report), report_post_data(report, action, **overrides))


def filed_plan(client, people, host_user, base, year=2025):
    """A plan with two goals, submitted from its edit page, passed and filed in the admin."""
    client.force_login(host_user)
    client.post(start_url(base, year, ReportKind.PLAN))
    plan = AnnualReport.objects.get(base=base, year=year, kind=ReportKind.PLAN)
    response = post(
        client,
        plan,
        "submit",
        **{
            "narrative-narrative": "开展中俄乳业联合研发，举办国际培训班。",
            "goals-0-goal": "新签国际合作协议",
            "goals-0-indicator": "协议数",
            "goals-0-target": "2",
            "goals-0-unit": "项",
            "goals-1-goal": "接待外国专家",
            "goals-1-indicator": "人次",
            "goals-1-target": "10",
        },
    )
    assert response["Location"] == detail_url(plan)
    act(client, people.hohhot, plan, "approve", comment="同意")
    act(client, people.staff, plan, "approve")
    plan.refresh_from_db()
    assert plan.status == ReportStatus.FILED
    client.force_login(host_user)
    return plan


SUMMARY = {
    "narrative-narrative": "全年执行计划，联合研发取得进展。",
    "projects-0-title": "中俄乳酸菌联合研究",
    "projects-0-partner": "俄罗斯科学院西伯利亚分院",
    "projects-0-level": "national",
    "projects-0-funding": "120.5",
    "projects-0-start": "2025-03-01",
    "projects-0-status": "ongoing",
    "agreements-0-partner": "蒙古国立农业大学",
    "agreements-0-signed_on": "2025-07-15",
    "agreements-0-kind": "framework",
    "exchanges-foreign_experts_hosted": "12",
    "exchanges-staff_sent_abroad": "5",
    "exchanges-exchange_names": "伊万诺夫等",
    "talent-talent_trained": "8",
    "talent-training_events": "2",
    "results-papers": "6",
    "results-patents": "2",
    "assessment-self_assessment": "基本完成年度目标。",
}


def summary_data(plan=None, **overrides):
    data = {
        **SUMMARY,
        "projects-0-country": country("RU"),
        "agreements-0-country": country("MN"),
    }
    for number, goal in enumerate(plan.goals.all() if plan else []):
        data[f"results_of_goals-achieved_{goal.pk}"] = ("3", "9")[number] if number < 2 else "1"
    data.update(overrides)
    return data


def test_my_bases_offers_each_year_of_a_current_base_and_starts_a_draft(client, world):
    people, host_user, base = world
    revoked = make_base(host=host_user.applicant_account.host, name="已撤销的基地")
    left_over = start_report(host_user, revoked, 2025, ReportKind.SUMMARY)
    revoked.change_status(BaseStatus.REVOKED, on=datetime.date(2026, 3, 1), reason="依托单位申请")
    client.force_login(host_user)
    html = client.get(reverse("apply_my_bases")).content.decode()
    for year in (2023, 2024, 2025, 2026):
        assert start_url(base, year, "summary") in html and start_url(base, year, "plan") in html
    assert start_url(base, 2022, "plan") not in html
    # Each report past its deadline and not submitted, none for the revoked base, which
    # reports no more.
    today = timezone.localdate()
    overdue = [
        deadline
        for year in range(2023, today.year + 1)
        for deadline in (datetime.date(year, 3, 31), datetime.date(year + 1, 1, 31))
        if deadline < today
    ]
    assert html.count("已逾期") == len(overdue)
    assert start_url(revoked, 2025, "plan") not in html and "不能再报送" in html
    # 「我的申报」 and 「我的基地」 link to each other.
    assert reverse("apply_dashboard") in html
    assert reverse("apply_my_bases") in client.get(reverse("apply_dashboard")).content.decode()

    assert client.get(start_url(base, 2025, "plan")).status_code == 405  # a GET changes nothing
    response = client.post(start_url(base, 2025, "plan"))
    plan = AnnualReport.objects.get(base=base, year=2025, kind="plan")
    assert response["Location"] == edit_url(plan)
    assert plan.status == ReportStatus.DRAFT and plan.author == host_user
    client.post(start_url(base, 2025, "plan"))  # a double click opens the same draft
    assert AnnualReport.objects.filter(base=base).count() == 1
    html = client.get(reverse("apply_my_bases")).content.decode()
    assert edit_url(plan) in html and "继续填写" in html

    for url in (
        start_url(revoked, 2025, "plan"),  # not a current base
        start_url(base, 2022, "plan"),  # before accreditation
    ):
        response = client.post(url, follow=True)
        assert "不能报送" in response.content.decode() or "只能报送" in response.content.decode()
    assert list(AnnualReport.objects.filter(base=revoked)) == [left_over]
    # A revoked base's draft stays to be read, and can no longer be changed (Art. 12).
    assert client.get(edit_url(left_over))["Location"] == detail_url(left_over)
    client.post(edit_url(left_over), {"narrative-narrative": "撤销后补写"})
    left_over.refresh_from_db()
    assert left_over.narrative == ""
    assert "该基地已被撤销" in client.get(detail_url(left_over)).content.decode()
    assert client.post(start_url(base, 2025, "budget")).status_code == 404
    assert client.post(start_url(make_base(league="包头市"), 2025, "plan")).status_code == 404


def test_a_draft_save_keeps_what_was_typed_in_a_section_with_an_error(client, world):
    people, host_user, base = world
    report = start_report(host_user, base, 2025, ReportKind.SUMMARY)
    client.force_login(host_user)
    response = post(
        client,
        report,
        **summary_data(
            **{
                "exchanges-foreign_experts_hosted": "十二",
                "exchanges-exchange_names": "不应保存的名单",
                "projects-0-start": "2025-13-01",
            }
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "部分内容有误" in html and "请输入整数。" in html and "请输入有效的日期" in html
    assert 'value="十二"' in html and "不应保存的名单" in html  # shown again, to correct
    assert "五、人员交流（有误）" in html and "三、国际合作项目（有误）" in html
    report.refresh_from_db()
    # The valid sections are stored, nothing of the invalid ones.
    assert report.narrative == SUMMARY["narrative-narrative"]
    assert report.papers == 6 and report.talent_trained == 8
    assert report.agreements.get().partner == "蒙古国立农业大学"
    assert report.exchange_names == "" and report.foreign_experts_hosted == 0
    assert not report.projects.exists()
    assert report.status == ReportStatus.DRAFT

    response = post(client, report, **{"projects-0-start": "2025-05-01", "projects-0-end": "2024"})
    assert "结束日期" in response.content.decode() or "有效的日期" in response.content.decode()


def test_a_submit_with_problems_lists_them_and_saves_the_draft(client, world):
    people, host_user, base = world
    report = start_report(host_user, base, 2025, ReportKind.SUMMARY)
    client.force_login(host_user)
    response = post(client, report, "submit", **{"results-papers": "3"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "报告尚不完整，未能提交" in html
    assert "请填写工作内容。" in html and "请填写对照年度计划的自我评价。" in html
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.papers == 3


def test_summary_returned_resubmitted_filed_then_read_only(client, world):
    people, host_user, base = world
    plan = filed_plan(client, people, host_user, base)
    client.post(start_url(base, 2025, "summary"))
    summary = AnnualReport.objects.get(base=base, year=2025, kind="summary")

    # One row per goal of the year's plan; a goal left without its result is a problem.
    html = client.get(edit_url(summary)).content.decode()
    goals = list(plan.goals.all())
    for goal in goals:
        assert f'name="results_of_goals-achieved_{goal.pk}"' in html and goal.goal in html
    data = summary_data(plan)
    del data[f"results_of_goals-achieved_{goals[1].pk}"]
    html = post(client, summary, "submit", **data).content.decode()
    assert "请报告年度计划中各项目标的完成情况：接待外国专家。" in html
    assert 'value="3"' in html  # the first goal's result, prefilled from what was saved

    response = post(client, summary, "submit", **summary_data(plan))
    assert response["Location"] == detail_url(summary)
    summary.refresh_from_db()
    assert summary.status == ReportStatus.RECOMMENDING_REVIEW
    assert summary.latest_revision.user == host_user
    assert summary.latest_revision.content["papers"] == 6
    assert [r.achieved for r in summary.goal_results.order_by("sort_order")] == [3, 9]
    # Under review: neither the page nor a post changes it.
    assert client.get(edit_url(summary))["Location"] == detail_url(summary)
    response = post(client, summary, **{"results-papers": "99"})
    assert response["Location"] == detail_url(summary)
    summary.refresh_from_db()
    assert summary.papers == 6

    # The recommending department returns it through the admin's action.
    act(
        client,
        people.hohhot,
        summary,
        "reject",
        comment="请补充合作项目的经费来源。",
        internal_note="经费数字偏高，需核实",
    )
    summary.refresh_from_db()
    assert summary.status == ReportStatus.RETURNED
    client.force_login(host_user)
    assert "修改并重新提交" in client.get(reverse("apply_my_bases")).content.decode()
    for url in (edit_url(summary), detail_url(summary)):
        html = client.get(url).content.decode()
        assert "请补充合作项目的经费来源。" in html
        assert "经费数字偏高" not in html  # the internal note is the reviewers' own

    # The host edits and resubmits into the same step.
    response = post(
        client,
        summary,
        "submit",
        **{"projects-0-title": "中俄乳酸菌联合研究（国家重点研发计划）"},
    )
    assert response["Location"] == detail_url(summary)
    summary.refresh_from_db()
    assert summary.status == ReportStatus.RECOMMENDING_REVIEW
    assert summary.revisions.count() == 2

    act(client, people.hohhot, summary, "approve", comment="同意备案")
    act(client, people.staff, summary, "approve")
    summary.refresh_from_db()
    assert summary.status == ReportStatus.FILED and summary.filed_at

    client.force_login(host_user)
    html = client.get(reverse("apply_my_bases")).content.decode()
    assert "已备案" in html and detail_url(summary) in html
    html = client.get(detail_url(summary)).content.decode()
    assert "已备案的报告不能再修改" in html and edit_url(summary) not in html
    assert "修改后重新提交" in html and "中俄乳酸菌联合研究（国家重点研发计划）" in html
    response = client.post(edit_url(summary), summary_data(plan, **{"results-papers": "99"}))
    assert response["Location"] == detail_url(summary)
    assert "不能修改" in client.get(detail_url(summary)).content.decode()
    summary.refresh_from_db()
    assert summary.papers == 6


def test_a_plan_goal_reported_against_cannot_be_deleted(client, world):
    people, host_user, base = world
    plan = start_report(host_user, base, 2025, ReportKind.PLAN)
    goal = AnnualGoal.objects.create(report=plan, goal="联合培养", indicator="人", target=5)
    summary = start_report(host_user, base, 2025, ReportKind.SUMMARY)
    GoalResult.objects.create(report=summary, goal=goal, achieved=4)
    client.force_login(host_user)
    response = post(client, plan, **{"goals-0-DELETE": "on"})
    assert response.status_code == 200
    assert "已在年度工作总结中报告完成情况，不能删除" in response.content.decode()
    assert AnnualGoal.objects.filter(pk=goal.pk).exists()


def test_another_hosts_report_and_files_are_404(client, world):
    people, host_user, base = world
    report = start_report(host_user, base, 2025, ReportKind.SUMMARY)
    client.force_login(host_user)
    post(client, report, **{"attachments-files": pdf_upload("年度总结.pdf")})
    attachment = report.attachments.get()
    before = list(AnnualReport.objects.filter(pk=report.pk).values())

    other = make_applicant(league="包头市")
    client.force_login(other)
    for url in (edit_url(report), detail_url(report)):
        assert client.get(url).status_code == 404
        assert client.post(url, {"narrative-narrative": "改写"}).status_code == 404
    assert client.get(reverse("apply_report_file", args=[attachment.pk])).status_code == 404
    assert list(AnnualReport.objects.filter(pk=report.pk).values()) == before
    # Reviewers reach the files through the same rule: the department once it is submitted.
    client.force_login(people.hohhot)
    assert client.get(reverse("apply_report_file", args=[attachment.pk])).status_code == 404
    client.force_login(people.staff)
    response = client.get(reverse("apply_report_file", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_files_are_checked_like_the_applications(client, world):
    people, host_user, base = world
    report = start_report(host_user, base, 2025, ReportKind.PLAN)
    client.force_login(host_user)
    program = pdf_upload("计划.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = post(client, report, **{"attachments-files": [pdf_upload("计划.PDF"), program]})
    html = response.content.decode()
    assert "文件「计划.pdf」不是允许的格式" in html
    assert list(report.attachments.values_list("original_name", flat=True)) == ["计划.pdf"]
    attachment = report.attachments.get()
    assert reverse("apply_report_file", args=[attachment.pk]) in html
    post(client, report, **{"attachments-remove": str(attachment.pk)})
    assert not report.attachments.current().exists()
    assert AnnualReportAttachment.objects.filter(pk=attachment.pk).exists()  # kept on record


def test_hostile_values_are_answered_on_the_form(client, world):
    people, host_user, base = world
    other_host = make_applicant(league="包头市")
    other_base = make_base(host=other_host.applicant_account.host, league="包头市")
    theirs = start_report(other_host, other_base, 2025, ReportKind.PLAN)
    their_goal = AnnualGoal.objects.create(report=theirs, goal="他人目标", indicator="项", target=1)
    their_file = theirs.attachments.create(
        file=pdf_upload("他人.pdf"), original_name="他人.pdf", size=len(PDF)
    )
    summary = start_report(host_user, base, 2025, ReportKind.SUMMARY)
    plan = start_report(host_user, base, 2025, ReportKind.PLAN)
    client.force_login(host_user)
    hostile = [
        {"projects-0-country": "99999999999999999999", "projects-0-title": "x"},
        {"projects-0-country": "-1", "projects-0-funding": "1e400"},
        {"projects-TOTAL_FORMS": "1001", "agreements-TOTAL_FORMS": "-5"},
        {"projects-INITIAL_FORMS": "abc"},
        {"attachments-remove": str(their_file.pk)},
        {"results-papers": "99999999999999999999999"},
        {"exchanges-staff_sent_abroad": "-3", "talent-talent_trained": "１２"},
        {f"results_of_goals-achieved_{their_goal.pk}": "5"},
        {"narrative-narrative": "\x00<script>alert(1)</script>"},
    ]
    for overrides in hostile:
        response = post(client, summary, **overrides)
        assert response.status_code in (200, 302), overrides
    response = post(client, summary, **{"projects-TOTAL_FORMS": "1001"})
    assert "最多填写 50 项" in response.content.decode()
    for overrides in (
        {"goals-0-id": str(their_goal.pk), "goals-0-goal": "改写他人目标"},
        {"goals-TOTAL_FORMS": "1001"},
        {"goals-0-target": "NaN", "goals-0-goal": "目标"},
    ):
        response = post(client, plan, **overrides)
        assert response.status_code in (200, 302), overrides
    their_goal.refresh_from_db()
    assert their_goal.goal == "他人目标" and their_goal.report_id == theirs.pk
    assert their_file.removed_at is None
    assert not GoalResult.objects.filter(goal=their_goal).exists()
    assert ReportProject.objects.filter(report=summary).count() == 0
    summary.refresh_from_db()
    assert summary.papers == 0 and "<script>" not in summary.narrative


def test_my_bases_and_the_edit_page_cost_the_same_queries_for_more_rows(
    client, world, django_assert_max_num_queries
):
    people, host_user, base = world
    summary = start_report(host_user, base, 2025, ReportKind.SUMMARY)
    plan = start_report(host_user, base, 2025, ReportKind.PLAN)
    AnnualGoal.objects.create(report=plan, goal="目标0", indicator="项", target=1)
    client.force_login(host_user)
    client.get(reverse("apply_my_bases"))  # the site's caches filled
    # Two of them read the bases' change reports and requests to report one (Art. 14).
    with django_assert_max_num_queries(14) as counted:
        client.get(reverse("apply_my_bases"))
    my_bases = len(counted.captured_queries)
    with django_assert_max_num_queries(20) as counted:
        client.get(edit_url(summary))
    edit_page = len(counted.captured_queries)

    for year in (2024, 2026):
        for kind in ReportKind.values:
            start_report(host_user, base, year, kind)
    make_base(host=host_user.applicant_account.host, accredited_on=datetime.date(2020, 1, 1))
    for number in range(1, 4):
        AnnualGoal.objects.create(report=plan, goal=f"目标{number}", indicator="项", target=1)
    data = summary_data(plan)
    for number in range(1, 5):
        for key in ("title", "partner", "level", "funding", "start", "status", "country"):
            data[f"projects-{number}-{key}"] = data[f"projects-0-{key}"]
    data["projects-TOTAL_FORMS"] = "5"
    post(client, summary, **data)
    summary.refresh_from_db()
    assert summary.projects.count() == 5 and summary.goal_results.count() == 4
    summary.attachments.create(file=pdf_upload(), original_name="总结.pdf", size=len(PDF))

    with django_assert_max_num_queries(my_bases):
        client.get(reverse("apply_my_bases"))
    with django_assert_max_num_queries(edit_page):
        html = client.get(edit_url(summary)).content.decode()
    assert html.count("俄罗斯科学院西伯利亚分院") == 5
