"""Applicant accounts in the admin: confirming accounts and creating government accounts, each
role seeing only what ``ApplicantAccount.objects.manageable_by`` allows."""

import pytest
from django.core import mail
from django.urls import reverse

from bases.models import ApplicantAccount, LeagueCity
from bases.review.roles import DEPARTMENT_STAFF
from tests.factories import (
    BAOTOU_BUREAU,
    HOHHOT_BUREAU,
    PASSWORD,
    ApplicantAccountFactory,
    HostOrganisationFactory,
    User,
    link_in,
    login,
    make_member,
    make_user,
    registration_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_departments(site_tree):
    hohhot = ApplicantAccountFactory(
        email="hohhot@example.org",
        host=HostOrganisationFactory(league="呼和浩特市", name="呼市测试单位"),
        confirmed=False,
    )
    baotou = ApplicantAccountFactory(
        email="baotou@example.org",
        host=HostOrganisationFactory(league="包头市", name="包头测试单位"),
        confirmed=False,
    )
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
    ApplicantAccountFactory(
        email="pending@example.org",
        host=HostOrganisationFactory(name="待确认单位"),
        confirmed=False,
    )
    ApplicantAccountFactory(
        email="confirmed@example.org",
        host=HostOrganisationFactory(name="已确认单位"),
        confirmed=True,
    )
    client.force_login(make_user("staff", DEPARTMENT_STAFF))
    url = reverse("applicant_accounts:index")
    pending = client.get(url, {"status": "pending"}).content.decode()
    assert "待确认单位" in pending and "已确认单位" not in pending
    confirmed = client.get(url, {"status": "confirmed"}).content.decode()
    assert "已确认单位" in confirmed and "待确认单位" not in confirmed
    governments = client.get(url, {"kind": "government"}).content.decode()
    assert "待确认单位" not in governments and "已确认单位" not in governments


def test_department_staff_create_a_government_account(client, site_tree):
    staff = make_user("staff", DEPARTMENT_STAFF)
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
    ApplicantAccountFactory(email="taken@example.org", confirmed=False)
    client.force_login(make_user("staff", DEPARTMENT_STAFF))
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
    account = ApplicantAccountFactory(confirmed=False)
    client.force_login(account.user)
    response = client.post(reverse("applicant_accounts:confirm", args=[account.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    account.refresh_from_db()
    assert account.confirmed_at is None
    assert not mail.outbox


def test_an_admin_user_without_the_confirm_permission_cannot_confirm(client, two_departments):
    hohhot, _ = two_departments
    editor = make_user("editor", "Editors")
    client.force_login(editor)
    client.post(reverse("applicant_accounts:confirm", args=[hohhot.pk]))
    hohhot.refresh_from_db()
    assert hohhot.confirmed_at is None


def test_deleting_an_account_deletes_its_login(client, site_tree):
    account = ApplicantAccountFactory(email="spam@example.org", verified=False, confirmed=False)
    client.force_login(make_user("staff", DEPARTMENT_STAFF))
    response = client.post(reverse("applicant_accounts:delete", args=[account.pk]))
    assert response.status_code == 302
    assert not ApplicantAccount.objects.filter(pk=account.pk).exists()
    assert not User.objects.filter(username="spam@example.org").exists()
