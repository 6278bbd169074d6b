"""The second factor of the admin (portal.two_factor): set up with a QR code and a confirming
code, asked at each login, recovery codes, and a user administrator's reset of a lost device.
Everything goes through the admin's pages, logged in with a password as people do."""

import re
import time

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from bases.review.roles import DEPARTMENT_STAFF, EXPERTS, LEADERSHIP, RECOMMENDING_DEPARTMENTS
from news.editorial import NEWS_EDITORS
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def enforced(settings):
    settings.TWO_FACTOR_ENFORCED = True


def sign_in(client, user):
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def code(device, steps_ahead=0):
    """The code the user's phone shows now (or ``steps_ahead`` 30-second steps later: a
    code once accepted is never accepted again)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def set_up(client, user):
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("two_factor_setup"), {"code": code(device), "next": "/admin/"})
    assert response.status_code == 302
    device.refresh_from_db()
    return device


@pytest.mark.parametrize("group", [DEPARTMENT_STAFF, LEADERSHIP, RECOMMENDING_DEPARTMENTS, EXPERTS])
def test_every_review_group_must_set_up_an_authenticator_before_the_admin(
    client, site_tree, enforced, group
):
    user = make_user("reviewer", group)
    sign_in(client, user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_setup"))
    # Nor any other page: a report, a listing, the public site's file downloads.
    for url in ("/admin/reports/site-history/", "/admin/snippets/", "/apply/files/1/"):
        assert client.get(url).status_code == 302, url

    page = client.get(response.url).content.decode()
    assert "设置身份验证器" in page and "<svg" in page and "必须使用双因素认证" in page
    secret = re.search(r'two-factor-secret">([A-Z2-7 ]+)<', page).group(1)
    assert len(secret.replace(" ", "")) == 32


def test_a_group_without_the_permission_is_not_asked(client, site_tree, enforced):
    sign_in(client, make_user("editor", NEWS_EDITORS))
    assert client.get("/admin/").status_code == 200


def test_nothing_is_asked_while_the_setting_is_off(client, site_tree):
    sign_in(client, make_user("staff", DEPARTMENT_STAFF))
    assert client.get("/admin/").status_code == 200


def test_setting_up_takes_a_right_code_and_shows_ten_recovery_codes_once(
    client, site_tree, enforced
):
    user = make_user("staff", DEPARTMENT_STAFF)
    sign_in(client, user)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert "验证码不正确或已过期" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)

    response = client.post(reverse("two_factor_setup"), {"code": code(device), "next": "/admin/"})
    assert response.status_code == 302
    codes_page = client.get(response.url).content.decode()
    shown = re.findall(r"<li><code>([a-z0-9]+)</code></li>", codes_page)
    assert len(shown) == 10
    assert set(shown) == set(StaticToken.objects.values_list("token", flat=True))
    assert "只显示这一次" in codes_page
    # Shown once: the page does not show them again.
    assert client.get(reverse("two_factor_codes")).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_each_login_asks_for_the_code_and_a_wrong_one_is_refused(client, site_tree, enforced):
    user = make_user("staff", DEPARTMENT_STAFF)
    sign_in(client, user)
    device = set_up(client, user)
    client.post("/admin/logout/")

    sign_in(client, user)
    response = client.get("/admin/snippets/")
    assert response.status_code == 302
    assert response.url == f"{reverse('two_factor_verify')}?next=%2Fadmin%2Fsnippets%2F"
    wrong = client.post(reverse("two_factor_verify"), {"code": "123456", "next": "/admin/"})
    assert wrong.status_code == 200
    assert "验证码不正确或已过期" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    # django-otp slows down repeated wrong codes: the next try, even a right one, must wait.
    throttled = client.post(reverse("two_factor_verify"), {"code": code(device, 1)})
    assert "输错次数过多，请稍候再试。" in throttled.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)

    right = client.post(
        reverse("two_factor_verify"), {"code": code(device, 1), "next": "/admin/snippets/"}
    )
    assert right.status_code == 302 and right.url == "/admin/snippets/"
    assert client.get("/admin/").status_code == 200


def test_a_user_with_an_authenticator_is_asked_even_when_the_setting_is_off(
    client, site_tree, settings, enforced
):
    user = make_user("staff", DEPARTMENT_STAFF)
    sign_in(client, user)
    set_up(client, user)
    client.post("/admin/logout/")
    settings.TWO_FACTOR_ENFORCED = False
    sign_in(client, user)
    assert client.get("/admin/").url.startswith(reverse("two_factor_verify"))


def test_a_recovery_code_works_once(client, site_tree, enforced):
    user = make_user("staff", DEPARTMENT_STAFF)
    sign_in(client, user)
    set_up(client, user)
    recovery = StaticToken.objects.filter(device__user=user).first().token
    client.post("/admin/logout/")

    sign_in(client, user)
    response = client.post(reverse("two_factor_verify"), {"code": recovery.upper()})
    assert response.status_code == 302
    home = client.get("/admin/", follow=True).content.decode()
    assert "还剩 9 个" in home
    client.post("/admin/logout/")

    sign_in(client, user)
    again = client.post(reverse("two_factor_verify"), {"code": recovery})
    assert "验证码不正确或已过期" in again.content.decode()


def test_the_account_page_regenerates_codes_and_replaces_the_authenticator(
    client, site_tree, enforced
):
    user = make_user("staff", DEPARTMENT_STAFF)
    sign_in(client, user)
    set_up(client, user)
    old = set(StaticToken.objects.values_list("token", flat=True))
    client.get(reverse("two_factor_codes"))  # the codes were shown

    account = client.get(reverse("two_factor_account")).content.decode()
    assert "剩余恢复码：10 个" in account
    assert reverse("two_factor_account") in client.get("/admin/account/").content.decode()

    response = client.post(reverse("two_factor_regenerate"), follow=True)
    new = set(re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode()))
    assert len(new) == 10 and not new & old
    assert set(StaticToken.objects.values_list("token", flat=True)) == new

    response = client.post(reverse("two_factor_replace"))
    assert response.url == reverse("two_factor_setup")
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_an_administrator_resets_a_lost_device_which_is_logged_and_mailed(
    client, site_tree, enforced
):
    staff = make_user("staff", DEPARTMENT_STAFF, email="staff@example.org")
    sign_in(client, staff)
    set_up(client, staff)
    client.post("/admin/logout/")

    admin = make_user("admin", is_superuser=True)
    sign_in(client, admin)
    set_up(client, admin)
    users = client.get("/admin/users/").content.decode()
    assert reverse("two_factor_reset", args=[staff.pk]) in users
    page = client.get(reverse("two_factor_reset", args=[staff.pk])).content.decode()
    assert "确认重置" in page
    mail.outbox.clear()
    response = client.post(reverse("two_factor_reset", args=[staff.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert ModelLogEntry.objects.filter(
        action="portal.two_factor.reset", object_id=str(staff.pk), user=admin
    ).exists()
    assert mail.outbox[0].to == ["staff@example.org"]
    assert "重置" in mail.outbox[0].subject
    client.post("/admin/logout/")

    # The next login sets up a new authenticator.
    sign_in(client, staff)
    assert client.get("/admin/").url.startswith(reverse("two_factor_setup"))


def test_only_user_administrators_may_reset_and_never_a_superuser_s(client, site_tree):
    staff = make_user("staff", DEPARTMENT_STAFF)
    other = make_user("other", DEPARTMENT_STAFF)
    sign_in(client, staff)
    assert client.get(reverse("two_factor_reset", args=[other.pk])).status_code == 404
    assert client.post(reverse("two_factor_reset", args=[other.pk])).status_code == 404
    assert client.get(reverse("two_factor_reset", args=[999999])).status_code == 404
    assert (
        reverse("two_factor_reset", args=[other.pk])
        not in client.get("/admin/users/").content.decode()
    )


def test_the_permission_is_granted_per_group_in_the_group_editor(admin_client, site_tree):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=DEPARTMENT_STAFF)
    page = admin_client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    assert "必须使用双因素认证" in page
