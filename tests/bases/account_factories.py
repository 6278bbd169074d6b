"""Builders and helpers for the applicant-account tests."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from bases.models import ApplicantAccount, HostOrganisation, LeagueCity, RecommendingDepartment
from bases.review.roles import DEPARTMENT_STAFF, RECOMMENDING_DEPARTMENTS
from tests.bases.factories import credit_code, make_host

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
