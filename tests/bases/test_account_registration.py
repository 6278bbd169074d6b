"""Applicant accounts on the public site: registration, e-mail verification and its resend."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from bases.models import ApplicantAccount, HostOrganisation, LeagueCity, RecommendingDepartment
from portal.models import RateCount
from tests.factories import (
    BAOTOU_BUREAU,
    HOHHOT_BUREAU,
    PASSWORD,
    ApplicantAccountFactory,
    HostOrganisationFactory,
    User,
    credit_code,
    registration_data,
    verification_link,
)

pytestmark = pytest.mark.django_db


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
    host = HostOrganisationFactory(
        league="包头市", name="包头稀土测试研究院（有限公司）", address="包头市昆都仑区"
    )
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
    host = HostOrganisationFactory(name="鄂尔多斯测试能源集团")
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
    ApplicantAccountFactory(email="zhang.xiaoming@example.org", confirmed=False)
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
        cache.clear()  # as if each request reached another worker
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
    ApplicantAccountFactory(email="done@example.org", confirmed=False)
    client.post(reverse("apply_verify_resend"), {"email": "done@example.org"})
    assert not mail.outbox


def test_resending_is_rate_limited_across_workers_without_keeping_the_address(client, site_tree):
    for _ in range(3):
        client.post(reverse("apply_verify_resend"), {"email": "someone@example.org"})
        # The next request may reach another worker, whose local cache knows nothing.
        cache.clear()
    response = client.post(reverse("apply_verify_resend"), {"email": "someone@example.org"})
    assert "操作过于频繁" in response.content.decode()
    keys = " ".join(RateCount.objects.values_list("key", flat=True))
    assert keys and "someone" not in keys and "127.0.0.1" not in keys


def test_a_rate_limit_window_that_has_run_out_starts_again(client, site_tree):
    for _ in range(4):
        client.post(reverse("apply_verify_resend"), {"email": "someone@example.org"})
    RateCount.objects.update(window_ends=timezone.now())
    response = client.post(reverse("apply_verify_resend"), {"email": "someone@example.org"})
    assert "操作过于频繁" not in response.content.decode()


# Login and logout
