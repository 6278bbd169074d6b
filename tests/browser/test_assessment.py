"""The failed-assessment chain of Art. 12(三) in a real browser, at both widths (screenshots:
README 浏览器测试截图): staff open a round and fail a base, the leadership confirms, the 通报
appears on the site, the host submits a rectification on 「我的基地」, staff fail the
re-evaluation, complete the proposed revocation, the leadership confirms it, and the base
leaves the directory with its announcement published."""

import datetime
import re

import pytest

from bases.models import (
    AssessmentRound,
    AssessmentRoundStatus,
    BaseStatus,
    Rectification,
    RectificationStatus,
    Revocation,
    RevocationStatus,
)
from tests.browser.test_admin_roles import main_button, sign_in
from tests.browser.test_annual_reports import sign_in_as_host
from tests.factories import PDF, Reviewers, build_site, make_applicant, make_base

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act_in_dialog(page, label, comment=""):
    button = page.locator("footer button[data-workflow-action-name]", has_text=label)
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    button.click()
    dialog = page.get_by_role("dialog")
    if comment:
        dialog.locator("#id_comment").fill(comment)
    dialog.locator("button[type=submit]").click()
    page.get_by_text(f"已办理“{label}”").wait_for()


def submit_from_editor(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="提交给").or_(
        page.get_by_role("button", name="提交")
    ).first.click()


def test_a_failed_base_is_noticed_rectifies_fails_again_and_is_revoked(
    page, live_server, shoot, tmp_path
):
    page.set_default_timeout(10_000)
    build_site()
    Reviewers()
    host_user = make_applicant(league="呼和浩特市")
    base = make_base(
        host=host_user.applicant_account.host,
        name="草原生态国际科技合作基地",
        accredited_on=datetime.date(2022, 6, 1),
    )
    other = make_base(
        "包头市", name="稀土新材料国际创新园", accredited_on=datetime.date(2021, 5, 1)
    )

    # Staff open the 2025 round: both bases are listed; they fail one and pass the other.
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/admin/snippets/bases/assessmentround/add/")
    page.locator("#id_year").fill("2025")
    page.locator("#id_rectification_deadline").fill("2026-09-30")
    page.locator("#id_notes").fill("按年度工作总结和实地抽查评定。")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url(re.compile(r"/admin/snippets/bases/assessmentround/edit/\d+/$"))
    assessment_round = AssessmentRound.objects.get(year=2025)
    assert page.get_by_text(base.name).count() >= 1 and page.get_by_text(other.name).count() >= 1

    # Staff assign an expert, who scores a base on the round's scoring page.
    page.get_by_role("link", name="指派专家").click()
    page.get_by_label(re.compile("expert1|内蒙古大学1")).check()
    page.get_by_role("button", name="指派").click()
    page.get_by_text("已指派 1 位专家").wait_for()
    sign_in(page, live_server, "expert1")
    page.goto(
        f"{live_server.url}/admin/snippets/bases/assessmentround/score/{assessment_round.pk}/"
    )
    assert shoot(page, "expert-scores") == []
    section = page.locator("section", has_text=other.name)
    section.get_by_label("专家评分").fill("84")
    section.get_by_label("评审意见").fill("合作项目进展顺利。")
    section.get_by_role("button", name="保存评分").click()
    page.get_by_text(f"已保存对“{other.name}”的评分").wait_for()
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/admin/snippets/bases/assessmentround/edit/{assessment_round.pk}/")
    assert page.get_by_text("平均 84.0 分").count() == 1
    order = [a.base_id for a in assessment_round.assessments.order_by("base__name_pinyin")]
    for index, base_pk in enumerate(order):
        failing = base_pk == base.pk
        page.locator(f"#id_assessments-{index}-score").fill("52" if failing else "82")
        page.locator(f"#id_assessments-{index}-grade").select_option(
            "failed" if failing else "passed"
        )
        if failing:
            page.locator(f"#id_assessments-{index}-comments").fill("年度计划目标未完成")
    assert shoot(page, "grade") == []
    submit_from_editor(page)
    page.wait_for_url(re.compile(r"/admin/snippets/bases/assessmentround/"))
    assessment_round.refresh_from_db()
    assert assessment_round.status == AssessmentRoundStatus.AWAITING_CONFIRMATION

    # The leadership confirms the results.
    sign_in(page, live_server, "leader")
    page.goto(f"{live_server.url}/admin/snippets/bases/assessmentround/edit/{assessment_round.pk}/")
    assert main_button(page).inner_text().strip() == "确认考核结果"
    assert shoot(page, "confirm") == []
    act_in_dialog(page, "确认考核结果", "同意。")
    base.refresh_from_db()
    assert base.status == BaseStatus.RECTIFYING

    # The 通报 is on the site; the base's profile says 整改中.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/news/")
    page.get_by_role("link", name=re.compile(f"关于{base.name}年度考核不合格的通报")).first.click()
    assert page.get_by_text("年度计划目标未完成").count() >= 1
    assert shoot(page, "notice") == []
    page.goto(f"{live_server.url}/bases/{base.pk}/")
    assert page.get_by_text("整改中").count() >= 1

    # The host writes its rectification report on 「我的基地」 and submits it.
    sign_in_as_host(page, live_server, host_user)
    page.goto(f"{live_server.url}/apply/bases/")
    assert shoot(page, "my-bases-rectifying") == []
    page.get_by_role("link", name="填写整改报告").click()
    page.wait_for_url(re.compile(r"/apply/bases/rectifications/\d+/edit/$"))
    page.get_by_role("button", name="提交", exact=True).click()
    assert page.get_by_text("请填写整改情况。").count() == 1
    page.get_by_label("整改情况").fill("已与蒙古国科学院续签合作协议，新增合作项目两项。")
    evidence = tmp_path / "整改证明材料.pdf"
    evidence.write_bytes(PDF)
    page.locator("input[name='attachments-files']").set_input_files(str(evidence))
    assert shoot(page, "rectification-form") == []
    page.get_by_role("button", name="提交", exact=True).click()
    page.wait_for_url(re.compile(r"/apply/bases/rectifications/\d+/$"))
    assert page.get_by_text("整改报告已提交").count() >= 1
    assert shoot(page, "rectification-submitted") == []
    rectification = Rectification.objects.get(base=base)
    assert rectification.status == RectificationStatus.REEVALUATION

    # Staff fail the re-evaluation: a revocation on Art. 12(三) is proposed as a draft.
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/admin/snippets/bases/rectification/edit/{rectification.pk}/")
    assert page.get_by_role("link", name="整改证明材料.pdf").is_visible()
    assert shoot(page, "reevaluation") == []
    act_in_dialog(page, "复评不合格", "整改措施未落实。")
    revocation = Revocation.objects.get(base=base)
    assert revocation.status == RevocationStatus.DRAFT and revocation.reason == "12-3"

    # Staff complete the revocation and submit it; the leadership confirms.
    decision = tmp_path / "撤销决定.pdf"
    decision.write_bytes(PDF)
    page.goto(f"{live_server.url}/admin/snippets/bases/revocation/edit/{revocation.pk}/")
    assert page.locator("#id_facts").input_value().startswith("该基地2025年度考核不合格")
    page.locator("#id_evidence").set_input_files(str(evidence))
    page.locator("#id_decision_document").set_input_files(str(decision))
    page.locator("#id_decision_number").fill("内科发〔2026〕41号")
    assert shoot(page, "revocation-draft") == []
    submit_from_editor(page)
    page.wait_for_url(re.compile(r"/admin/snippets/bases/revocation/"))
    revocation.refresh_from_db()
    assert revocation.status == RevocationStatus.AWAITING_CONFIRMATION
    sign_in(page, live_server, "leader")
    page.goto(f"{live_server.url}/admin/snippets/bases/revocation/edit/{revocation.pk}/")
    act_in_dialog(page, "确认撤销", "同意撤销。")
    base.refresh_from_db()
    assert base.status == BaseStatus.REVOKED

    # The base leaves the directory; its announcement is published.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/bases/")
    assert page.get_by_text(base.name).count() == 0
    assert page.get_by_text(other.name).count() >= 1
    page.goto(f"{live_server.url}/news/")
    page.get_by_role("link", name=re.compile(f"关于撤销{base.name}")).first.click()
    assert page.get_by_text("第十二条第（三）项").count() >= 1
    assert shoot(page, "announcement") == []
