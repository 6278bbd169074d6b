"""Applicant accounts: registration, e-mail verification, login and its rate limits, logout,
password reset on the public site; confirming accounts and creating government accounts in
the admin, each role seeing only what ``ApplicantAccount.objects.manageable_by`` allows."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from bases.models import ApplicantAccount, HostOrganisation, LeagueCity, RecommendingDepartment
from bases.review.roles import DEPARTMENT_STAFF, RECOMMENDING_DEPARTMENTS
from tests.bases.factories import credit_code, make_host

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "Caoyuan-Jidi-2026"
HOHHOT_BUREAU = "呼和浩特市科学技术局"
BAOTOU_BUREAU = "包头市科学技术局"


def registration_data(**overrides):
    data = {
        "name": "内蒙古草原测试科技有限公司",
        "credit_code": credit_code("150100"),
        "kind": HostOrganisation.Kind.ENTERPRISE,
        "registration_date": "2018-03-15",
        "league_city": LeagueCity.objects.get(name="呼和浩特市").pk,
        "recommending_department": RecommendingDepartment.objects.get(name=HOHHOT_BUREAU).pk,
        "address": "呼和浩特市赛罕区测试路 1 号",
        "contact_name": "张晓明",
        "phone": "0471-1234567",
        "email": "Zhang.Xiaoming@Example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def make_account(email="applicant@example.org", host=None, verified=True, confirmed=False):
    host = host or make_host()
    user = User.objects.create_user(email, email, PASSWORD, is_active=verified)
    return ApplicantAccount.objects.create(
        user=user,
        kind=ApplicantAccount.Kind.HOST,
        host=host,
        recommending_department=host.recommending_department,
        contact_name="李华",
        phone="13800000000",
        email_verified_at=timezone.now() if verified else None,
        confirmed_at=timezone.now() if confirmed else None,
    )


def make_member(username, department_name):
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=RECOMMENDING_DEPARTMENTS))
    RecommendingDepartment.objects.get(name=department_name).members.add(user)
    return user


def make_staff(username="staff"):
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=DEPARTMENT_STAFF))
    return user


def link_in(message, pattern):
    match = re.search(r"http://testserver(" + pattern + ")", message.body)
    assert match, message.body
    return match.group(1)


def verification_link(message):
    return link_in(message, r"/apply/verify/[^/\s]+/[^/\s]+/")


def login(client, username, password=PASSWORD, **extra):
    return client.post(
        reverse("apply_login"), {"username": username, "password": password}, **extra
    )


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


# Registration


def test_registration_creates_an_inactive_user_a_pending_host_and_account_and_sends_mail(
    client, site_tree
):
    data = registration_data()
    response = client.post(reverse("apply_register"), data)
    assert response.status_code == 302
    assert response.url == reverse("apply_register_done")

    user = User.objects.get(username="zhang.xiaoming@example.org")
    assert user.email == "zhang.xiaoming@example.org"
    assert not user.is_active
    assert user.check_password(PASSWORD)
    assert not user.is_staff and not user.is_superuser
    assert not user.groups.exists()
    assert not user.has_perm("wagtailadmin.access_admin")

    account = user.applicant_account
    assert account.kind == ApplicantAccount.Kind.HOST
    assert account.email_verified_at is None
    assert account.confirmed_at is None
    assert (account.contact_name, account.phone) == ("张晓明", "0471-1234567")
    host = account.host
    assert host.confirmed is False
    assert host.name == data["name"] and host.credit_code == data["credit_code"]
    assert str(host.registration_date) == "2018-03-15"
    assert host.league_city.name == "呼和浩特市"
    assert host.recommending_department.name == HOHHOT_BUREAU
    assert account.confirming_department.name == HOHHOT_BUREAU

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhang.xiaoming@example.org"]
    assert "验证" in message.subject
    assert "内蒙古草原测试科技有限公司" in message.body
    verification_link(message)

    done = client.get(response.url)
    assert "zhang.xiaoming@example.org" in done.content.decode()


def test_the_verification_link_activates_the_account_once(client, site_tree):
    client.post(reverse("apply_register"), registration_data())
    link = verification_link(mail.outbox[0])

    response = client.get(link)
    html = response.content.decode()
    assert "邮箱验证成功" in html
    assert "推荐部门" in html and "草稿" in html
    user = User.objects.get(username="zhang.xiaoming@example.org")
    assert user.is_active
    verified_at = user.applicant_account.email_verified_at
    assert verified_at is not None
    assert user.applicant_account.confirmed_at is None

    again = client.get(link)
    assert "验证链接无效" in again.content.decode()
    assert reverse("apply_verify_resend") in again.content.decode()
    user.applicant_account.refresh_from_db()
    assert user.applicant_account.email_verified_at == verified_at


def test_a_tampered_verification_link_is_refused(client, site_tree):
    client.post(reverse("apply_register"), registration_data())
    link = verification_link(mail.outbox[0])
    response = client.get(link[:-3] + "xx/")
    assert "验证链接无效" in response.content.decode()
    assert not User.objects.get(username="zhang.xiaoming@example.org").is_active


def test_registering_a_unit_in_the_registry_links_to_it_and_leaves_it_unchanged(client, site_tree):
    host = make_host("包头市", name="包头稀土测试研究院（有限公司）", address="包头市昆都仑区")
    hosts_before = HostOrganisation.objects.count()
    data = registration_data(
        # As typed: lower case, blanks, half-width brackets.
        credit_code=" " + host.credit_code.lower()[:9] + " " + host.credit_code.lower()[9:],
        name="包头稀土测试研究院(有限公司)",
        address="另一个地址",
        league_city=LeagueCity.objects.get(name="呼和浩特市").pk,
        recommending_department=RecommendingDepartment.objects.get(name=HOHHOT_BUREAU).pk,
    )
    response = client.post(reverse("apply_register"), data)
    assert response.status_code == 302, response.context["form"].errors

    assert HostOrganisation.objects.count() == hosts_before
    account = ApplicantAccount.objects.get(user__username="zhang.xiaoming@example.org")
    assert account.host == host
    # Anyone may know a credit code: the account waits for the registered department.
    assert account.confirmed_at is None
    assert account.recommending_department.name == BAOTOU_BUREAU
    host.refresh_from_db()
    assert host.name == "包头稀土测试研究院（有限公司）"
    assert host.address == "包头市昆都仑区"
    assert host.league_city.name == "包头市"
    assert host.confirmed is True


def test_a_name_that_differs_from_the_registry_is_refused(client, site_tree):
    host = make_host(name="鄂尔多斯测试能源集团")
    data = registration_data(credit_code=host.credit_code, name="鄂尔多斯另一家公司")
    response = client.post(reverse("apply_register"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["name"]
    assert "鄂尔多斯测试能源集团" in errors[0] and "鄂尔多斯另一家公司" in errors[0]
    assert not User.objects.filter(username="zhang.xiaoming@example.org").exists()
    host.refresh_from_db()
    assert host.name == "鄂尔多斯测试能源集团"


def test_a_bad_credit_code_is_an_error_and_the_form_keeps_what_was_typed(client, site_tree):
    good = credit_code("150100")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client.post(reverse("apply_register"), registration_data(credit_code=bad))
    assert response.status_code == 200
    assert "校验位不正确" in response.context["form"].errors["credit_code"][0]
    html = response.content.decode()
    assert 'value="内蒙古草原测试科技有限公司"' in html
    assert f'value="{bad}"' in html
    assert 'value="Zhang.Xiaoming@Example.org"' in html
    assert 'value="0471-1234567"' in html
    assert 'value="2018-03-15"' in html
    assert PASSWORD not in html
    assert not User.objects.exists()
    assert not mail.outbox


def test_an_email_already_registered_is_refused_whatever_its_case(client, site_tree):
    make_account(email="zhang.xiaoming@example.org")
    response = client.post(reverse("apply_register"), registration_data())
    assert response.status_code == 200
    assert "该邮箱已注册" in response.context["form"].errors["email"][0]
    assert User.objects.filter(email__iexact="zhang.xiaoming@example.org").count() == 1


def test_a_weak_password_is_refused_in_chinese(client, site_tree):
    response = client.post(
        reverse("apply_register"), registration_data(password1="9876543", password2="9876543")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["password1"]
    assert errors and all("密码" in error for error in errors)
    assert not any(re.search("[A-Za-z]{4,}", error) for error in errors), errors
    html = response.content.decode()
    assert 'value="内蒙古草原测试科技有限公司"' in html
    assert "9876543" not in html


def test_passwords_that_do_not_match_are_refused(client, site_tree):
    response = client.post(reverse("apply_register"), registration_data(password2="Other-2026-x"))
    assert "两次输入的密码不一致" in response.context["form"].errors["password2"][0]


def test_a_league_city_bureau_must_be_that_of_the_units_league_city(client, site_tree):
    data = registration_data(
        recommending_department=RecommendingDepartment.objects.get(name=BAOTOU_BUREAU).pk
    )
    response = client.post(reverse("apply_register"), data)
    assert response.status_code == 200
    assert (
        "不是呼和浩特市的科技主管部门"
        in (response.context["form"].errors["recommending_department"][0])
    )


def test_a_region_department_may_recommend_a_unit_in_any_league_city(client, site_tree):
    data = registration_data(
        recommending_department=RecommendingDepartment.objects.get(name="内蒙古自治区教育厅").pk,
        kind=HostOrganisation.Kind.UNIVERSITY,
    )
    assert client.post(reverse("apply_register"), data).status_code == 302


def test_registration_is_rate_limited_per_address(client, site_tree):
    for number in range(5):
        data = registration_data(
            email=f"unit{number}@example.org", credit_code=credit_code("150100")
        )
        assert client.post(reverse("apply_register"), data).status_code == 302
    response = client.post(
        reverse("apply_register"),
        registration_data(email="unit5@example.org", credit_code=credit_code("150100")),
    )
    assert response.status_code == 200
    assert "注册过于频繁" in response.content.decode()
    assert not User.objects.filter(username="unit5@example.org").exists()
    other = client.post(
        reverse("apply_register"),
        registration_data(email="unit6@example.org", credit_code=credit_code("150100")),
        REMOTE_ADDR="10.1.2.3",
    )
    assert other.status_code == 302


# Resending the verification e-mail


def test_the_verification_email_can_be_resent_and_the_answer_reveals_nothing(client, site_tree):
    client.post(reverse("apply_register"), registration_data())
    mail.outbox.clear()

    known = client.post(reverse("apply_verify_resend"), {"email": "ZHANG.xiaoming@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zhang.xiaoming@example.org"]
    client.get(verification_link(mail.outbox[0]))
    assert User.objects.get(username="zhang.xiaoming@example.org").is_active

    unknown = client.post(reverse("apply_verify_resend"), {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1
    # Apart from echoing the address, both answers are the same page.
    known_html = known.content.decode().replace("zhang.xiaoming@example.org", "ADDRESS")
    unknown_html = unknown.content.decode().replace("nobody@example.org", "ADDRESS")
    assert known_html == unknown_html


def test_a_verified_account_gets_no_new_verification_email(client, site_tree):
    make_account(email="done@example.org")
    client.post(reverse("apply_verify_resend"), {"email": "done@example.org"})
    assert not mail.outbox


def test_resending_is_rate_limited(client, site_tree):
    for _ in range(3):
        client.post(reverse("apply_verify_resend"), {"email": "someone@example.org"})
    response = client.post(reverse("apply_verify_resend"), {"email": "someone@example.org"})
    assert "操作过于频繁" in response.content.decode()


# Login and logout


def test_login_is_by_email_whatever_its_case(client, site_tree):
    account = make_account(email="li.hua@example.org")
    response = login(client, "Li.Hua@EXAMPLE.org")
    assert response.status_code == 302
    assert response.url == reverse("apply_dashboard")
    assert logged_in_user_id(client) == str(account.user.pk)


def test_login_follows_a_safe_next_and_ignores_an_unsafe_one(client, site_tree):
    make_account(email="li.hua@example.org")
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
    make_account(email="li.hua@example.org")
    response = login(client, "li.hua@example.org", "wrong-password")
    assert response.status_code == 200
    assert "邮箱或密码不正确" in response.content.decode()
    assert 'value="li.hua@example.org"' in response.content.decode()
    assert logged_in_user_id(client) is None


def test_an_unverified_account_is_told_to_verify_with_a_resend_link(client, site_tree):
    make_account(email="new@example.org", verified=False)
    response = login(client, "new@example.org")
    html = response.content.decode()
    assert "邮箱尚未验证" in html
    assert reverse("apply_verify_resend") + "?email=new%40example.org" in html
    assert logged_in_user_id(client) is None
    # The wrong password gets the generic answer, not the hint.
    wrong = login(client, "new@example.org", "wrong-password").content.decode()
    assert "邮箱尚未验证" not in wrong and "邮箱或密码不正确" in wrong


def test_staff_users_are_sent_to_the_admin_login(client, site_tree):
    make_staff("staff")
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
    make_account(email="li.hua@example.org")
    make_account(email="other@example.org")
    for _ in range(5):
        response = login(client, "li.hua@example.org", "wrong-password")
        assert "邮箱或密码不正确" in response.content.decode()
    response = login(client, "LI.HUA@example.org")
    assert "登录尝试过于频繁，请 15 分钟后再试。" in response.content.decode()
    assert logged_in_user_id(client) is None
    # The limit is per account and address: another account, or another address, still works.
    assert login(client, "other@example.org").status_code == 302
    client.logout()
    assert login(client, "li.hua@example.org", REMOTE_ADDR="10.9.8.7").status_code == 302


def test_one_address_trying_many_accounts_is_cut_off(client, site_tree):
    make_account(email="li.hua@example.org")
    for number in range(20):
        login(client, f"guess{number}@example.org", "wrong-password")
    response = login(client, "li.hua@example.org")
    assert "登录尝试过于频繁" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_a_successful_login_clears_earlier_failures(client, site_tree):
    make_account(email="li.hua@example.org")
    for _ in range(4):
        login(client, "li.hua@example.org", "wrong-password")
    assert login(client, "li.hua@example.org").status_code == 302
    client.post(reverse("apply_logout"))
    for _ in range(4):
        login(client, "li.hua@example.org", "wrong-password")
    assert login(client, "li.hua@example.org").status_code == 302


def test_logout_is_a_post(client, site_tree):
    account = make_account()
    client.force_login(account.user)
    assert client.get(reverse("apply_logout")).status_code == 405
    assert logged_in_user_id(client) is not None
    response = client.post(reverse("apply_logout"))
    assert response.status_code == 302
    assert response.url == "/apply/"
    assert logged_in_user_id(client) is None


def test_pages_show_who_is_logged_in_with_a_logout_button(client, site_tree):
    account = make_account(email="li.hua@example.org")
    client.force_login(account.user)
    html = client.get(reverse("apply_password_reset")).content.decode()
    assert "li.hua@example.org" in html
    assert f'action="{reverse("apply_logout")}"' in html


# Password reset


def test_password_reset_end_to_end(client, site_tree):
    account = make_account(email="li.hua@example.org")
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
    make_account(email="li.hua@example.org")
    client.post(reverse("apply_password_reset"), {"email": "li.hua@example.org"})
    link = link_in(mail.outbox[0], r"/apply/reset/[^/\s]+/[^/\s]+/")
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": "123", "new_password2": "123"})
    errors = response.context["form"].errors["new_password2"]
    assert errors and all("密码" in error for error in errors)


def test_password_reset_sends_nothing_for_unknown_or_staff_addresses(client, site_tree):
    make_staff("staff")  # staff@example.org, not an applicant
    for email in ("nobody@example.org", "staff@example.org"):
        response = client.post(reverse("apply_password_reset"), {"email": email})
        assert response.url == reverse("apply_password_reset_done")
    assert not mail.outbox


# The admin


def test_an_applicant_gets_no_access_to_the_admin(client, site_tree):
    account = make_account(confirmed=True)
    client.force_login(account.user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    listing = client.get(reverse("applicant_accounts:index"))
    assert listing.status_code == 302
    assert listing.url.startswith(reverse("wagtailadmin_login"))


@pytest.fixture
def two_departments(site_tree):
    hohhot = make_account("hohhot@example.org", host=make_host("呼和浩特市", name="呼市测试单位"))
    baotou = make_account("baotou@example.org", host=make_host("包头市", name="包头测试单位"))
    return hohhot, baotou


def test_a_recommending_department_member_sees_only_its_own_accounts(client, two_departments):
    hohhot, baotou = two_departments
    client.force_login(make_member("hohhot-bureau", HOHHOT_BUREAU))
    response = client.get(reverse("applicant_accounts:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "呼市测试单位" in html and "hohhot@example.org" in html
    assert "包头测试单位" not in html and "baotou@example.org" not in html

    own = client.get(reverse("applicant_accounts:inspect", args=[hohhot.pk]))
    assert own.status_code == 200 and "确认账户" in own.content.decode()
    for name in ("inspect", "edit", "delete", "history"):
        response = client.get(reverse(f"applicant_accounts:{name}", args=[baotou.pk]))
        assert response.status_code == 404, name
    response = client.post(reverse("applicant_accounts:confirm", args=[baotou.pk]))
    assert response.status_code == 404
    baotou.refresh_from_db()
    assert baotou.confirmed_at is None


def test_an_account_registered_for_a_new_unit_goes_to_the_chosen_department(client, site_tree):
    client.post(reverse("apply_register"), registration_data())
    client.force_login(make_member("hohhot-bureau", HOHHOT_BUREAU))
    html = client.get(reverse("applicant_accounts:index")).content.decode()
    assert "内蒙古草原测试科技有限公司" in html
    client.force_login(make_member("baotou-bureau", BAOTOU_BUREAU))
    html = client.get(reverse("applicant_accounts:index")).content.decode()
    assert "内蒙古草原测试科技有限公司" not in html


def test_a_recommending_department_member_confirms_its_own_account(client, site_tree):
    client.post(reverse("apply_register"), registration_data())
    account = ApplicantAccount.objects.get(user__username="zhang.xiaoming@example.org")
    mail.outbox.clear()
    member = make_member("hohhot-bureau", HOHHOT_BUREAU)
    client.force_login(member)

    response = client.post(reverse("applicant_accounts:confirm", args=[account.pk]))
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.confirmed_at is not None
    assert account.confirmed_by == member
    assert account.host.confirmed is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zhang.xiaoming@example.org"]
    assert "已确认" in mail.outbox[0].subject
    assert reverse("apply_login") in mail.outbox[0].body

    # Confirming is a POST: the link in the listing leads to the page with the form.
    assert client.get(reverse("applicant_accounts:confirm", args=[account.pk])).status_code == 405


def test_the_listing_filters_by_confirmation_and_kind(client, site_tree):
    make_account("pending@example.org", host=make_host(name="待确认单位"))
    make_account("confirmed@example.org", host=make_host(name="已确认单位"), confirmed=True)
    client.force_login(make_staff())
    url = reverse("applicant_accounts:index")
    pending = client.get(url, {"status": "pending"}).content.decode()
    assert "待确认单位" in pending and "已确认单位" not in pending
    confirmed = client.get(url, {"status": "confirmed"}).content.decode()
    assert "已确认单位" in confirmed and "待确认单位" not in confirmed
    governments = client.get(url, {"kind": "government"}).content.decode()
    assert "待确认单位" not in governments and "已确认单位" not in governments


def test_department_staff_create_a_government_account(client, site_tree):
    staff = make_staff()
    client.force_login(staff)
    baotou = LeagueCity.objects.get(name="包头市")
    response = client.post(
        reverse("applicant_accounts:add"),
        {
            "government_name": "包头市人民政府",
            "league_city": baotou.pk,
            "contact_name": "王强",
            "phone": "0472-7654321",
            "email": "Kejiju@Baotou.example.org",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    account = ApplicantAccount.objects.get(government_name="包头市人民政府")
    assert account.kind == ApplicantAccount.Kind.GOVERNMENT
    assert account.league_city == baotou
    assert account.confirmed_at is not None and account.confirmed_by == staff
    assert account.email_verified_at is not None
    user = account.user
    assert user.username == user.email == "kejiju@baotou.example.org"
    assert user.is_active and not user.is_staff and not user.groups.exists()
    assert not user.has_usable_password()

    # The government sets its own password through the e-mailed link.
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0], r"/apply/reset/[^/\s]+/[^/\s]+/")
    client.logout()
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert login(client, "kejiju@baotou.example.org").status_code == 302


def test_a_government_account_needs_a_unique_email_and_a_name(client, site_tree):
    make_account(email="taken@example.org")
    client.force_login(make_staff())
    response = client.post(
        reverse("applicant_accounts:add"),
        {
            "government_name": "",
            "league_city": LeagueCity.objects.get(name="包头市").pk,
            "contact_name": "王强",
            "phone": "0472-7654321",
            "email": "TAKEN@example.org",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "government_name" in errors
    assert "已被其他账户使用" in errors["email"][0]
    assert not ApplicantAccount.objects.filter(kind=ApplicantAccount.Kind.GOVERNMENT).exists()


def test_a_recommending_department_member_cannot_create_accounts(client, site_tree):
    client.force_login(make_member("hohhot-bureau", HOHHOT_BUREAU))
    response = client.get(reverse("applicant_accounts:add"))
    assert response.status_code == 302  # the admin turns PermissionDenied into a redirect
    assert response.url == reverse("wagtailadmin_home")


def test_an_applicant_cannot_confirm_an_account(client, site_tree):
    account = make_account()
    client.force_login(account.user)
    response = client.post(reverse("applicant_accounts:confirm", args=[account.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    account.refresh_from_db()
    assert account.confirmed_at is None
    assert not mail.outbox


def test_an_admin_user_without_the_confirm_permission_cannot_confirm(client, two_departments):
    hohhot, _ = two_departments
    editor = User.objects.create_user("editor", "editor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    client.post(reverse("applicant_accounts:confirm", args=[hohhot.pk]))
    hohhot.refresh_from_db()
    assert hohhot.confirmed_at is None


def test_deleting_an_account_deletes_its_login(client, site_tree):
    account = make_account(email="spam@example.org", verified=False)
    client.force_login(make_staff())
    response = client.post(reverse("applicant_accounts:delete", args=[account.pk]))
    assert response.status_code == 302
    assert not ApplicantAccount.objects.filter(pk=account.pk).exists()
    assert not User.objects.filter(username="spam@example.org").exists()
