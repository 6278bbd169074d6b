"""A 国际技术转移中心 application is reviewed in the Wagtail admin by the people who act on
each step (Art. 6), until its host sees it accredited, with its plaque number, on its
dashboard: the whole review in a real browser. The public submission is covered by
test_apply.py, so the application is submitted by the factory."""

import re

import pytest
from django.utils import timezone

from bases.models import (
    Application,
    BaseType,
    Decision,
    ExpertAssignment,
    Publicity,
    SiteInspection,
)
from tests.factories import PASSWORD, Reviewers, build_site, end_publicity, submitted_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDIT_PATH = re.compile(r"/admin/snippets/bases/application/edit/\d+/$")
# A workflow action done from the edit view returns to the listing.
INDEX_PATH = re.compile(r"/admin/snippets/bases/application/$")


def open_as(page, live_server, username, application):
    """Sign in to the admin as ``username`` and land on the application's edit view, where
    reviewers act on a step."""
    page.context.clear_cookies()
    edit_path = f"/admin/snippets/bases/application/edit/{application.pk}/"
    page.goto(f"{live_server.url}/admin/login/?next={edit_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(EDIT_PATH)
    assert page.locator("h2", has_text="审核情况").is_visible()


def take_action(page, label, **fields):
    """Choose ``label`` in the edit view's footer action menu, fill in the modal it opens
    (fields by their labels; a select by the label of its option) and confirm: the edit form
    is then posted with the action, as Wagtail does."""
    button = page.locator("footer button[data-workflow-action-name]", has_text=label)
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").click()
    button.click()
    modal = page.locator(".modal.in")
    modal.get_by_role("heading", name=label).wait_for()
    for field_label, value in fields.items():
        # Required fields' labels end with "*".
        field = modal.get_by_label(re.compile(rf"^\s*{re.escape(field_label)}\s*\*?\s*$"))
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    modal.locator("button[type=submit]").click()
    page.wait_for_url(INDEX_PATH)


def status_of(application):
    return Application.objects.get(pk=application.pk).status


def test_a_technology_transfer_center_is_reviewed_in_the_admin_until_accredited(page, live_server):
    page.set_default_timeout(10_000)  # A step that does not happen fails the test sooner.
    build_site()
    Reviewers()
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    assert status_of(application) == "recommending_review"

    # 推荐部门审核: the host's recommending department recommends it.
    open_as(page, live_server, "hohhot_bureau", application)
    take_action(page, "审核同意并推荐", 给申报单位的意见="同意推荐。")
    assert status_of(application) == "expert_review"

    # 专家评审: staff assign the three experts the step needs...
    open_as(page, live_server, "staff", application)
    page.get_by_role("link", name="指派评审专家").click()
    for number in (1, 2, 3):
        page.get_by_label(f"expert{number}（内蒙古大学{number}）").check()
    page.get_by_role("button", name="指派", exact=True).click()
    page.wait_for_url(EDIT_PATH)
    assert sorted(
        ExpertAssignment.objects.filter(application=application).values_list(
            "expert__username", flat=True
        )
    ) == ["expert1", "expert2", "expert3"]

    # ... each expert scores it in the admin...
    for number, score in ((1, "86"), (2, "78"), (3, "91")):
        open_as(page, live_server, f"expert{number}", application)
        take_action(
            page,
            "提交评审意见",
            **{
                "评分（0–100）": score,
                "评审意见": "推荐认定",
                "评审意见说明": f"专家{number}：技术转移体系健全，建议认定。",
            },
        )
        assignment = ExpertAssignment.objects.get(
            application=application, expert__username=f"expert{number}"
        )
        assert (assignment.score, assignment.recommendation) == (int(score), "recommend")
        assert status_of(application) == "expert_review"

    # ... and staff conclude the step.
    open_as(page, live_server, "staff", application)
    take_action(page, "评审通过")
    assert status_of(application) == "site_inspection"

    # 申报机构考核: staff record the assessment, then pass the step.
    page.goto(f"{live_server.url}/admin/snippets/bases/application/edit/{application.pk}/")
    page.get_by_role("link", name="登记考察（考核）情况").click()
    page.get_by_label("考察（考核）日期").fill(timezone.localdate().isoformat())
    page.get_by_label("考察组成员").fill("王专家、李处长")
    page.get_by_label("考察意见").fill("机构运行规范，技术转移成效明显。")
    page.get_by_label("结论").select_option(label="合格")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_url(EDIT_PATH)
    assert SiteInspection.objects.get(application=application).result == "passed"
    take_action(page, "考察（考核）合格，通过")
    assert status_of(application) == "awaiting_decision"

    # 认定决定: leadership approves with the decision's reference number.
    open_as(page, live_server, "leader", application)
    take_action(page, "批准认定", 认定文号="内科发〔2026〕101号")
    assert status_of(application) == "publicity"
    assert Decision.objects.get(application=application).decision_number == "内科发〔2026〕101号"

    # 认定公示: time cannot pass in a test, so the publicity period is ended in the database;
    # the step can only be concluded after it.
    end_publicity(application)
    open_as(page, live_server, "staff", application)
    take_action(page, "公示期满，办结认定", 公示期间的异议情况="公示期内无异议")
    assert status_of(application) == "accredited"
    assert Publicity.objects.get(application=application).objections == "公示期内无异议"
    plaque_number = Application.objects.get(pk=application.pk).base.plaque_number
    assert plaque_number

    # The host sees it accredited, with its plaque number, on its dashboard.
    page.context.clear_cookies()
    page.goto(live_server.url + "/apply/login/")
    page.get_by_label("电子邮箱").fill(application.applicant.email)
    page.locator("input[name='password']").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/apply/mine/$"))
    row = page.locator("tr", has_text=application.reference)
    assert row.locator(".application-status").inner_text() == "已认定"
    assert f"牌匾编号：{plaque_number}" in row.inner_text()
