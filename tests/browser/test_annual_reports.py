"""A host fills in and submits its annual summary on the public site, its recommending
department passes it in the admin, department staff file it, and the host sees it filed on
「我的基地」: the annual cycle of Art. 13 in a real browser, with screenshots at 1366 px and
390 px (README: 浏览器测试截图) and no page wider than a phone."""

import datetime
import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from bases.models import AnnualReport, ReportKind, ReportStatus
from tests.factories import (
    PASSWORD,
    PDF,
    Reviewers,
    act,
    build_site,
    make_applicant,
    make_base,
    report_post_data,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDIT_PATH = re.compile(r"/admin/snippets/bases/annualreport/edit/\d+/$")
INDEX_PATH = re.compile(r"/admin/snippets/bases/annualreport/$")


def filed_plan(host_user, base, people):
    """The year's plan, with two goals, submitted from its page and filed in the admin."""
    client = Client()
    client.force_login(host_user)
    client.post(f"/apply/bases/{base.pk}/2025/plan/start/")
    plan = AnnualReport.objects.get(base=base, year=2025, kind=ReportKind.PLAN)
    data = report_post_data(
        plan,
        "submit",
        **{
            "narrative-narrative": "深化中蒙草原生态合作，举办国际培训班。",
            "goals-0-goal": "新签国际合作协议",
            "goals-0-indicator": "协议数",
            "goals-0-target": "2",
            "goals-0-unit": "项",
            "goals-1-goal": "接待外国专家",
            "goals-1-indicator": "人次",
            "goals-1-target": "10",
            "goals-1-unit": "人次",
        },
    )
    assert client.post(f"/apply/bases/reports/{plan.pk}/edit/", data).status_code == 302
    act(client, people.hohhot, plan, "approve", comment="同意")
    act(client, people.staff, plan, "approve")
    assert AnnualReport.objects.get(pk=plan.pk).status == ReportStatus.FILED


def sign_in_to_admin(page, live_server, username, report):
    page.context.clear_cookies()
    edit_path = f"/admin/snippets/bases/annualreport/edit/{report.pk}/"
    page.goto(f"{live_server.url}/admin/login/?next={edit_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(EDIT_PATH)


def take_action(page, label, **fields):
    button = page.locator("footer button[data-workflow-action-name]", has_text=label)
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").click()
    button.click()
    modal = page.locator(".modal.in")
    modal.get_by_role("heading", name=label).wait_for()
    for field_label, value in fields.items():
        modal.get_by_label(re.compile(rf"^\s*{re.escape(field_label)}\s*\*?\s*$")).fill(value)
    modal.locator("button[type=submit]").click()
    page.wait_for_url(INDEX_PATH)


def sign_in_as_host(page, live_server, host_user):
    page.context.clear_cookies()
    page.goto(live_server.url + "/apply/login/")
    page.get_by_label("电子邮箱").fill(host_user.email)
    page.locator("input[name='password']").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/apply/mine/$"))


def test_a_host_submits_its_summary_which_is_passed_and_filed(page, live_server, tmp_path, shoot):
    page.set_default_timeout(10_000)
    build_site()
    people = Reviewers()
    host_user = make_applicant(league="呼和浩特市")
    base = make_base(
        host=host_user.applicant_account.host,
        accredited_on=datetime.date(2023, 6, 1),
        name="草原生态国际科技合作基地",
        countries=["MN"],
    )
    filed_plan(host_user, base, people)

    # From 「我的申报」 to 「我的基地」, and the year's summary.
    sign_in_as_host(page, live_server, host_user)
    page.get_by_role("link", name="我的基地").first.click()
    page.wait_for_url(re.compile(r"/apply/bases/$"))
    assert shoot(page, "my-bases") == []
    page.get_by_role("button", name="填写2025年度工作总结").click()
    page.wait_for_url(re.compile(r"/apply/bases/reports/\d+/edit/$"))
    assert shoot(page, "summary-form") == []

    # A draft with a mistake keeps what was typed.
    page.get_by_label("工作内容").fill("与蒙古国共建草原生态联合实验室，开展退化草地修复示范。")
    page.get_by_label("项目名称").first.fill("中蒙草原退化机理联合研究")
    page.get_by_role("button", name="保存草稿").click()
    # The form posts to its own address: wait for the answer, not the page being left.
    expect(page.locator("body")).to_contain_text("三、国际合作项目（有误）")
    assert page.get_by_label("项目名称").first.input_value() == "中蒙草原退化机理联合研究"
    assert page.get_by_label("工作内容").input_value().startswith("与蒙古国共建")
    assert shoot(page, "summary-form-error") == []

    # Fill in every section and submit.
    page.get_by_label("新签国际合作协议 完成值").fill("3")
    page.get_by_label("接待外国专家 完成值").fill("12")
    page.get_by_label("接待外国专家 说明").fill("含短期讲学")
    page.get_by_label("合作机构").first.fill("蒙古国科学院植物研究所")
    page.locator("select[name='projects-0-country']").select_option(label="蒙古")
    page.locator("select[name='projects-0-level']").select_option(label="国家级")
    page.locator("input[name='projects-0-funding']").fill("85")
    page.locator("input[name='projects-0-start']").fill("2025-03-01")
    page.locator("select[name='projects-0-status']").select_option(label="在研")
    page.locator("input[name='agreements-0-partner']").fill("蒙古国立大学")
    page.locator("select[name='agreements-0-country']").select_option(label="蒙古")
    page.locator("input[name='agreements-0-signed_on']").fill("2025-08-20")
    page.locator("select[name='agreements-0-kind']").select_option(label="框架协议")
    page.get_by_label("接待外国专家（人次）").fill("12")
    page.get_by_label("派出人员（人次）").fill("4")
    page.get_by_label("培养人才（人）").fill("6")
    page.get_by_label("合作发表论文（篇）").fill("5")
    page.get_by_label("对照年度计划的自我评价").fill("两项目标均已完成。")
    signed = tmp_path / "年度工作总结（盖章）.pdf"
    signed.write_bytes(PDF)
    page.locator("input[name='attachments-files']").set_input_files(str(signed))
    page.get_by_role("button", name="提交", exact=True).click()
    page.wait_for_url(re.compile(r"/apply/bases/reports/\d+/$"))
    assert "已提交" in page.content()
    assert shoot(page, "summary-submitted") == []

    summary = AnnualReport.objects.get(base=base, year=2025, kind=ReportKind.SUMMARY)
    assert summary.status == ReportStatus.RECOMMENDING_REVIEW
    assert (summary.foreign_experts_hosted, summary.papers) == (12, 5)
    assert summary.projects.get().country.code == "MN"
    assert sorted(summary.goal_results.values_list("achieved", flat=True)) == [3, 12]
    assert list(summary.attachments.values_list("original_name", flat=True)) == [
        "年度工作总结（盖章）.pdf"
    ]

    # The recommending department passes it; staff file it.
    sign_in_to_admin(page, live_server, "hohhot_bureau", summary)
    take_action(page, "审核通过", 给依托单位的意见="同意备案。")
    assert AnnualReport.objects.get(pk=summary.pk).status == ReportStatus.AWAITING_FILING
    sign_in_to_admin(page, live_server, "staff", summary)
    take_action(page, "备案")
    assert AnnualReport.objects.get(pk=summary.pk).status == ReportStatus.FILED
    page.goto(f"{live_server.url}/admin/snippets/bases/annualreport/inspect/{summary.pk}/")
    assert page.get_by_role("link", name="年度工作总结（盖章）.pdf").is_visible()

    # The host sees it filed, read-only.
    sign_in_as_host(page, live_server, host_user)
    page.goto(live_server.url + "/apply/bases/")
    row = page.locator("tr", has_text="2025 年度")
    assert "已备案" in row.locator("td").nth(1).inner_text()
    assert shoot(page, "my-bases-filed") == []
    row.get_by_role("link", name="查看2025年度工作总结").click()
    page.wait_for_url(re.compile(r"/apply/bases/reports/\d+/$"))
    assert "已备案的报告不能再修改" in page.content()
    assert "同意备案。" in page.content()
    assert shoot(page, "summary-filed") == []

    # Its figures are public: the statistics and the base's profile (shot at both widths).
    page.goto(live_server.url + "/bases/stats/")
    projects = page.locator("section[aria-labelledby='t-projects-countries'] table")
    assert projects.locator("tbody tr", has_text="蒙古").locator("td").first.inner_text() == "1"
    exchanges = page.locator("section[aria-labelledby='t-exchanges'] table")
    row = exchanges.locator("tbody tr", has_text="2025")
    assert [cell.inner_text() for cell in row.locator("td").all()] == ["12", "4"]
    results = page.locator("section[aria-labelledby='t-results'] tbody tr", has_text="2025")
    assert results.locator("td").first.inner_text() == "5"
    page.locator("#t-exchanges").scroll_into_view_if_needed()
    assert shoot(page, "stats-cooperation") == []

    page.goto(f"{live_server.url}/bases/{base.pk}/")
    figures = page.locator("section[aria-labelledby='s-figures']")
    figures.scroll_into_view_if_needed()
    header = [cell.inner_text() for cell in figures.locator("thead th").all()]
    cells = [
        cell.inner_text() for cell in figures.locator("tbody tr").first.locator("th, td").all()
    ]
    shown = dict(zip(header, cells, strict=True))
    assert (shown["年度"], shown["合作项目"], shown["签订协议"]) == ("2025", "1", "1")
    assert (shown["接待外国专家"], shown["派出人员"], shown["论文"]) == ("12", "4", "5")
    # The narrative and the names stay private.
    assert "退化草地修复示范" not in page.content()
    assert shoot(page, "profile-figures") == []
