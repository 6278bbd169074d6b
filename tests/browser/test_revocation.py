"""Staff propose a revocation in the admin and the leadership confirms it, in a real browser at
both widths (screenshots: README 浏览器测试截图); the base then leaves the public directory
and its announcement is published."""

import datetime
import re

import pytest

from bases.models import Revocation, RevocationStatus
from tests.browser.test_admin_roles import main_button, sign_in
from tests.factories import PDF, Reviewers, build_site, make_base

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_propose_and_the_leadership_confirms_a_revocation(page, live_server, shoot, tmp_path):
    build_site()
    Reviewers()
    base = make_base(
        league="包头市", accredited_on=datetime.date(2020, 5, 1), name="白云鄂博稀土示范基地"
    )
    evidence = tmp_path / "核查记录.pdf"
    evidence.write_bytes(PDF)
    decision = tmp_path / "撤销决定.pdf"
    decision.write_bytes(PDF)

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/admin/snippets/bases/revocation/add/")
    page.locator("#id_base").select_option(label=base.name)
    page.locator("#id_reason").select_option("12-4")
    page.locator("#id_facts").fill("经核查，该基地2024、2025年度均未提交年度工作总结。")
    page.locator("#id_evidence").set_input_files(str(evidence))
    page.locator("#id_decision_document").set_input_files(str(decision))
    page.locator("#id_decision_number").fill("内科发〔2026〕30号")
    assert shoot(page, "propose") == []
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="提交给").or_(
        page.get_by_role("button", name="提交")
    ).first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/bases/revocation/"))
    revocation = Revocation.objects.get(base=base)
    assert revocation.status == RevocationStatus.AWAITING_CONFIRMATION

    sign_in(page, live_server, "leader")
    page.goto(f"{live_server.url}/admin/snippets/bases/revocation/edit/{revocation.pk}/")
    button = main_button(page)
    assert button.inner_text().strip() == "确认撤销"
    assert shoot(page, "confirm") == []
    button.click()
    dialog = page.get_by_role("dialog")
    dialog.locator("#id_comment").fill("同意撤销。")
    shoot(page, "confirm-dialog")
    dialog.locator("button[type=submit]").click()
    page.get_by_text("已办理“确认撤销”").wait_for()
    revocation.refresh_from_db()
    assert revocation.status == RevocationStatus.CONFIRMED

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/bases/")
    assert page.get_by_text(base.name).count() == 0
    page.goto(f"{live_server.url}/news/")
    page.get_by_role("link", name=re.compile(f"关于撤销{base.name}")).first.click()
    assert page.get_by_text("连续两年未提交年度工作总结").count() >= 1
    assert shoot(page, "announcement") == []
