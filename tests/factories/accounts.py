"""People: users in role groups, members of recommending departments, and applicant accounts
(a host organisation's or a league/city government's)."""

import re

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from factory.django import DjangoModelFactory, Password

from bases.models import ApplicantAccount, HostOrganisation, LeagueCity, RecommendingDepartment
from bases.review.roles import RECOMMENDING_DEPARTMENTS
from tests.factories.migrated import ensure_migrated_data
from tests.factories.registry import HostOrganisationFactory, credit_code

User = get_user_model()
# Every user the factories make signs in with this password; it passes the validators, so
# forms that set a password (registration, reset) take it too.
PASSWORD = "Caoyuan-Jidi-2026"
HOHHOT_BUREAU = "呼和浩特市科学技术局"
BAOTOU_BUREAU = "包头市科学技术局"


class UserFactory(DjangoModelFactory):
    """A user; ``roles`` names the role groups it is in."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = Password(PASSWORD)

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        if create and extracted:
            ensure_migrated_data()
            user.groups.set(Group.objects.filter(name__in=extracted))


def make_user(username, *roles, **fields):
    """A user in the named role groups: ``make_user("staff", DEPARTMENT_STAFF)``."""
    return UserFactory(username=username, roles=roles, **fields)


def make_member(username, department=HOHHOT_BUREAU):
    """A member of the recommending department named ``department``, in its role group."""
    user = make_user(username, RECOMMENDING_DEPARTMENTS)
    RecommendingDepartment.objects.get(name=department).members.add(user)
    return user


class ApplicantAccountFactory(DjangoModelFactory):
    """A host organisation's account, e-mail verified and confirmed unless told otherwise. Its
    user's name is its e-mail address; it is active once the address is verified."""

    class Meta:
        model = ApplicantAccount

    class Params:
        email = factory.Sequence(lambda n: f"applicant{n}@example.org")
        verified = True
        confirmed = True

    user = factory.SubFactory(
        UserFactory,
        username=factory.SelfAttribute("..email"),
        email=factory.SelfAttribute("..email"),
        is_active=factory.SelfAttribute("..verified"),
    )
    kind = ApplicantAccount.Kind.HOST
    host = factory.SubFactory(HostOrganisationFactory)
    recommending_department = factory.SelfAttribute("host.recommending_department")
    contact_name = "李华"
    phone = "13800000000"
    email_verified_at = factory.Maybe("verified", factory.LazyFunction(timezone.now), None)
    confirmed_at = factory.Maybe("confirmed", factory.LazyFunction(timezone.now), None)


class GovernmentAccountFactory(ApplicantAccountFactory):
    """A league/city government's account (Art. 5), confirmed, as department staff create it."""

    class Params:
        league = "包头市"

    kind = ApplicantAccount.Kind.GOVERNMENT
    host = None
    recommending_department = None
    government_name = factory.LazyAttribute(lambda account: f"{account.league}人民政府")
    league_city = factory.LazyAttribute(lambda account: LeagueCity.objects.get(name=account.league))
    contact_name = "王联系"
    phone = "0472-1234567"


def make_applicant(host=None, confirmed=True, **host_fields):
    """The user of a host's account, confirmed unless told otherwise; ``host_fields``
    (``league``, ``registration_date``...) describe a new host when none is given."""
    host = host or HostOrganisationFactory(**host_fields)
    return ApplicantAccountFactory(host=host, confirmed=confirmed).user


def make_government(league="包头市"):
    """The user of a league/city government's account."""
    return GovernmentAccountFactory(league=league).user


def registration_data(**overrides):
    """What the registration form posts for a new enterprise in 呼和浩特市."""
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
