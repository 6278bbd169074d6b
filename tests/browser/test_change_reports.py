"""A major change report (Art. 14) in a real browser: staff ask the host to report a change,
the host reports the new head with evidence on the public site, its recommending department
passes the report in the admin and staff find the base still qualified; the base's profile then
shows the new head and the change under 「变更记录」. Screenshots at 1366 px and 390 px (README:
浏览器测试截图), and no page wider than a phone."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from bases.models import ChangeReport, ChangeReportRequest, ChangeReportStatus
from tests.browser.test_admin_roles import sign_in
from tests.browser.test_annual_reports import sign_in_as_host
from tests.factories import PDF, Reviewers, build_site, make_applicant, make_base

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INDEX_PATH = re.compile(r"/admin/snippets/bases/changereport/$")


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


def test_a_host_reports_a_new_head_which_is_passed_and_found_still_qualified(
    page, live_server, tmp_path, shoot
):
    page.set_default_timeout(10_000)
    build_site()
    Reviewers()
    host_user = make_applicant(league="呼和浩特市")
    base = make_base(
        host=host_user.applicant_account.host,
        accredited_on=datetime.date(2022, 6, 1),
        name="草原乳业国际科技合作基地",
        head="王建国",
    )

    # Staff learned of the change and ask the host to report it.
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/admin/snippets/bases/changereportrequest/add/")
    page.locator("#id_base").select_option(label=base.name)
    page.locator("#id_noticed_on").fill("2026-10-08")
    page.locator("#id_learned").fill("据依托单位官网消息，基地负责人已调整。")
    assert shoot(page, "request-form") == []
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/bases/changereportrequest/$"))
    assert "待报告" in page.content()
    assert ChangeReportRequest.objects.get(base=base).is_open

    # The host sees the request on 「我的基地」 and reports the change.
    sign_in_as_host(page, live_server, host_user)
    page.goto(live_server.url + "/apply/bases/")
    assert page.get_by_text("科技厅要求报告重大变更").is_visible()
    assert shoot(page, "my-bases-request") == []
    page.get_by_role("button", name=f"报告重大变更：{base.name}").click()
    page.wait_for_url(re.compile(r"/apply/bases/changes/\d+/edit/$"))
    assert shoot(page, "change-form") == []

    # A date in the future is refused on the form, which keeps what was typed and uploaded.
    page.get_by_label("国合基地负责人变更").check()
    page.get_by_label("变更日期").fill("2030-01-01")
    page.get_by_label("新任基地负责人").fill("李新民")
    page.get_by_label("变更情况").fill("原负责人退休，自2026年3月1日起由李新民同志任基地负责人。")
    appointment = tmp_path / "任免文件.pdf"
    appointment.write_bytes(PDF)
    page.locator("input[name='evidence-files']").set_input_files(str(appointment))
    page.get_by_role("button", name="保存草稿").click()
    # The form posts to its own address: wait for the answer, not the page being left.
    expect(page.locator("body")).to_contain_text("变更日期不能晚于今天")
    assert page.get_by_label("新任基地负责人").input_value() == "李新民"
    assert page.get_by_role("link", name="任免文件.pdf").is_visible()
    assert shoot(page, "change-form-error") == []

    page.get_by_label("变更日期").fill("2026-03-01")
    page.get_by_role("button", name="提交", exact=True).click()
    page.wait_for_url(re.compile(r"/apply/bases/changes/\d+/$"))
    assert "重大变更报告已提交" in page.content()
    assert shoot(page, "change-submitted") == []
    report = ChangeReport.objects.get(base=base)
    assert report.status == ChangeReportStatus.RECOMMENDING_REVIEW
    assert list(report.attachments.values_list("original_name", flat=True)) == ["任免文件.pdf"]
    assert not ChangeReportRequest.objects.get(base=base).is_open

    # The recommending department passes it; staff find the base still qualified.
    edit = f"{live_server.url}/admin/snippets/bases/changereport/edit/{report.pk}/"
    sign_in(page, live_server, "hohhot_bureau")
    page.goto(edit)
    assert page.get_by_role("link", name="任免文件.pdf").is_visible()
    assert shoot(page, "department-review") == []
    take_action(page, "审核通过", 给依托单位的意见="情况属实。")
    assert ChangeReport.objects.get(pk=report.pk).status == ChangeReportStatus.AWAITING_DECISION
    sign_in(page, live_server, "staff")
    page.goto(edit)
    assert shoot(page, "staff-decision") == []
    take_action(page, "仍符合认定条件")
    assert ChangeReport.objects.get(pk=report.pk).status == ChangeReportStatus.STILL_QUALIFIED

    # The host sees the decision; the profile shows the new head and the change.
    sign_in_as_host(page, live_server, host_user)
    page.goto(f"{live_server.url}/apply/bases/changes/{report.pk}/")
    assert "经科技厅审定，变更后基地仍符合认定条件" in page.content()
    assert "已审定的报告不能再修改" in page.content()
    assert shoot(page, "change-decided") == []
    page.goto(f"{live_server.url}/bases/{base.pk}/")
    facts = page.locator("dl.profile-facts")
    assert "李新民" in facts.inner_text() and "王建国" not in page.content()
    changes = page.locator("section[aria-labelledby='s-changes']")
    changes.scroll_into_view_if_needed()
    assert "国合基地负责人变更为李新民" in changes.inner_text()
    assert shoot(page, "profile-changes") == []
