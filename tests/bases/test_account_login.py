"""Applicant accounts on the public site: login and its rate limits, logout, password reset,
and no way into the admin."""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from bases.review.roles import DEPARTMENT_STAFF
from portal.throttle import client_ip
from tests.factories import (
    PASSWORD,
    ApplicantAccountFactory,
    User,
    link_in,
    logged_in_user_id,
    login,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_login_is_by_email_whatever_its_case(client, site_tree):
    account = ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    response = login(client, "Li.Hua@EXAMPLE.org")
    assert response.status_code == 302
    assert response.url == reverse("apply_dashboard")
    assert logged_in_user_id(client) == str(account.user.pk)


def test_login_follows_a_safe_next_and_ignores_an_unsafe_one(client, site_tree):
    ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    response = client.post(
        reverse("apply_login") + "?next=/apply/mine/",
        {"username": "li.hua@example.org", "password": PASSWORD},
    )
    assert response.url == "/apply/mine/"
    client.logout()
    response = client.post(
        reverse("apply_login") + "?next=https://evil.example/steal",
        {"username": "li.hua@example.org", "password": PASSWORD},
    )
    assert response.url == reverse("apply_dashboard")


def test_a_wrong_password_gives_a_chinese_error(client, site_tree):
    ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    response = login(client, "li.hua@example.org", "wrong-password")
    assert response.status_code == 200
    assert "邮箱或密码不正确" in response.content.decode()
    assert 'value="li.hua@example.org"' in response.content.decode()
    assert logged_in_user_id(client) is None


def test_an_unverified_account_is_told_to_verify_with_a_resend_link(client, site_tree):
    ApplicantAccountFactory(email="new@example.org", verified=False, confirmed=False)
    response = login(client, "new@example.org")
    html = response.content.decode()
    assert "邮箱尚未验证" in html
    assert reverse("apply_verify_resend") + "?email=new%40example.org" in html
    assert logged_in_user_id(client) is None
    # The wrong password gets the generic answer, not the hint.
    wrong = login(client, "new@example.org", "wrong-password").content.decode()
    assert "邮箱尚未验证" not in wrong and "邮箱或密码不正确" in wrong


def test_staff_users_are_sent_to_the_admin_login(client, site_tree):
    make_user("staff", DEPARTMENT_STAFF)
    response = login(client, "staff@example.org")
    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    # The staff user's username is not an address, so this is simply a failed login.
    assert "邮箱或密码不正确" in response.content.decode()
    User.objects.filter(username="staff").update(username="staff@example.org")
    response = login(client, "staff@example.org")
    assert "工作人员请从管理后台登录" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_failed_logins_are_rate_limited_even_for_the_right_password(client, site_tree):
    ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    ApplicantAccountFactory(email="other@example.org", confirmed=False)
    for _ in range(4):
        response = login(client, "li.hua@example.org", "wrong-password")
        assert "邮箱或密码不正确" in response.content.decode()
    # The fifth failure locks the account from this address (django-axes), on the form.
    response = login(client, "li.hua@example.org", "wrong-password")
    assert response.status_code == 429
    assert "登录尝试过于频繁，请 15 分钟后再试。" in response.content.decode()
    response = login(client, "LI.HUA@example.org")
    assert "登录尝试过于频繁，请 15 分钟后再试。" in response.content.decode()
    assert logged_in_user_id(client) is None
    # The limit is per account and address: another account, or another address, still works.
    assert login(client, "other@example.org").status_code == 302
    client.logout()
    assert login(client, "li.hua@example.org", REMOTE_ADDR="10.9.8.7").status_code == 302


def test_failures_on_other_accounts_never_lock_out_the_right_one(client, site_tree):
    """Behind one proxy address many people log in: 45 failures on made-up addresses must not
    stop anybody else's correct login (issue 12)."""
    ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    for number in range(45):
        login(client, f"guess{number}@example.org", "wrong-password")
    assert login(client, "li.hua@example.org").status_code == 302
    assert logged_in_user_id(client) is not None


def test_the_admin_login_locks_an_account_after_five_failures_with_a_chinese_answer(
    client, site_tree
):
    make_user("staffer", DEPARTMENT_STAFF)
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "staffer", "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/admin/login/", {"username": "staffer", "password": "wrong"})
    assert response.status_code == 429
    assert "登录尝试过于频繁，请 15 分钟后再试。" in response.content.decode()
    # Even the right password is refused now, from this address; another address gets in.
    right = {"username": "staffer", "password": PASSWORD}
    assert client.post("/admin/login/", right).status_code == 429
    assert client.post("/admin/login/", right, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_failures_count_in_the_database_that_every_worker_shares(client, site_tree):
    """Each attempt may reach another worker (or server), whose local cache knows nothing of
    the others: both logins still lock after five failures, counted in axes' table."""
    make_user("staffer", DEPARTMENT_STAFF)
    ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    for _ in range(5):
        client.post("/admin/login/", {"username": "staffer", "password": "wrong"})
        login(client, "li.hua@example.org", "wrong-password")
        cache.clear()  # as if the next request reached another worker
    right = {"username": "staffer", "password": PASSWORD}
    assert client.post("/admin/login/", right).status_code == 429
    assert login(client, "li.hua@example.org").status_code == 429
    assert AccessAttempt.objects.count() == 2  # one per account and address


def test_behind_a_proxy_each_client_is_locked_by_its_own_address(client, site_tree, settings):
    """With one trusted proxy, the address is what the proxy appended to X-Forwarded-For:
    five failures lock that client out of the account, not everyone behind the proxy, and a
    client cannot escape by claiming another address further left in the header."""
    settings.TRUSTED_PROXY_COUNT = 1
    ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for number in range(5):
        claim = f"198.51.100.{number}, 203.0.113.9"  # a made-up entry, then the proxy's
        login(client, "li.hua@example.org", "wrong-password", HTTP_X_FORWARDED_FOR=claim, **proxy)
    guesser = login(client, "li.hua@example.org", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert guesser.status_code == 429
    owner = login(client, "li.hua@example.org", HTTP_X_FORWARDED_FOR="203.0.113.20", **proxy)
    assert owner.status_code == 302


def test_the_client_address_is_read_through_the_configured_proxies(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.1")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"  # no proxy trusted: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # what our proxy saw, not the client's claim
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"


def test_a_successful_login_clears_earlier_failures(client, site_tree):
    ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    for _ in range(4):
        login(client, "li.hua@example.org", "wrong-password")
    assert login(client, "li.hua@example.org").status_code == 302
    client.post(reverse("apply_logout"))
    for _ in range(4):
        login(client, "li.hua@example.org", "wrong-password")
    assert login(client, "li.hua@example.org").status_code == 302


def test_logout_is_a_post(client, site_tree):
    account = ApplicantAccountFactory(confirmed=False)
    client.force_login(account.user)
    assert client.get(reverse("apply_logout")).status_code == 405
    assert logged_in_user_id(client) is not None
    response = client.post(reverse("apply_logout"))
    assert response.status_code == 302
    assert response.url == "/apply/"
    assert logged_in_user_id(client) is None


def test_pages_show_who_is_logged_in_with_a_logout_button(client, site_tree):
    account = ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    client.force_login(account.user)
    html = client.get(reverse("apply_password_reset")).content.decode()
    assert "li.hua@example.org" in html
    assert f'action="{reverse("apply_logout")}"' in html


# Password reset


def test_password_reset_end_to_end(client, site_tree):
    account = ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    response = client.post(reverse("apply_password_reset"), {"email": "LI.HUA@example.org"})
    assert response.url == reverse("apply_password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["li.hua@example.org"]
    assert "重新设置" in message.subject and "密码" in message.body
    link = link_in(message, r"/apply/reset/[^/\s]+/[^/\s]+/")

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    assert "设置新密码" in form_page.content.decode()
    new_password = "Xin-Mima-2026-ok"
    done = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert done.url == reverse("apply_password_reset_complete")
    assert "密码已设置" in client.get(done.url).content.decode()

    account.user.refresh_from_db()
    assert account.user.check_password(new_password)
    assert login(client, "li.hua@example.org", new_password).status_code == 302
    client.logout()
    # The link was for one use.
    again = client.get(link, follow=True)
    assert "该链接无效或已过期" in again.content.decode()


def test_a_weak_new_password_is_refused_in_chinese(client, site_tree):
    ApplicantAccountFactory(email="li.hua@example.org", confirmed=False)
    client.post(reverse("apply_password_reset"), {"email": "li.hua@example.org"})
    link = link_in(mail.outbox[0], r"/apply/reset/[^/\s]+/[^/\s]+/")
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": "123", "new_password2": "123"})
    errors = response.context["form"].errors["new_password2"]
    assert errors and all("密码" in error for error in errors)


def test_password_reset_sends_nothing_for_unknown_or_staff_addresses(client, site_tree):
    make_user("staff", DEPARTMENT_STAFF)  # staff@example.org, not an applicant
    for email in ("nobody@example.org", "staff@example.org"):
        response = client.post(reverse("apply_password_reset"), {"email": email})
        assert response.url == reverse("apply_password_reset_done")
    assert not mail.outbox


# The admin


def test_an_applicant_gets_no_access_to_the_admin(client, site_tree):
    account = ApplicantAccountFactory(confirmed=True)
    client.force_login(account.user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    listing = client.get(reverse("applicant_accounts:index"))
    assert listing.status_code == 302
    assert listing.url.startswith(reverse("wagtailadmin_login"))
