"""A member of the department's staff sets up an authenticator at the first login and gives a
code at the next, in a real browser at both widths (screenshots: README 浏览器测试截图)."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bases.review.roles import DEPARTMENT_STAFF
from tests.factories import PASSWORD, build_site, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def password_login(page, live_server):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("用户名").fill("staff")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_staff_set_up_an_authenticator_then_give_a_code_at_each_login(
    page, live_server, settings, shoot
):
    settings.TWO_FACTOR_ENFORCED = True
    build_site()
    user = make_user("staff", DEPARTMENT_STAFF)

    password_login(page, live_server)
    page.wait_for_url("**/admin/two-factor/setup/**")
    assert page.locator(".two-factor-qr svg").is_visible()
    assert shoot(page, "setup") == []
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.get_by_label("验证码").fill(code(device))
    page.get_by_role("button", name="启用").click()

    page.wait_for_url("**/admin/two-factor/codes/**")
    assert page.locator(".two-factor-codes li").count() == 10
    assert shoot(page, "recovery-codes") == []
    page.get_by_role("link", name="我已保存，继续").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    password_login(page, live_server)
    page.wait_for_url("**/admin/two-factor/verify/**")
    page.get_by_label("验证码").fill("111111")
    page.get_by_role("button", name="验证").click()
    page.locator(".messages li.error", has_text="验证码不正确或已过期").wait_for()
    assert shoot(page, "verify-wrong-code") == []
    TOTPDevice.objects.filter(user=user).update(throttling_failure_timestamp=None)
    page.get_by_label("验证码").fill(code(device, 1))
    page.get_by_role("button", name="验证").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/two-factor/")
    page.get_by_text("剩余恢复码：10 个").wait_for()
    assert shoot(page, "account") == []
