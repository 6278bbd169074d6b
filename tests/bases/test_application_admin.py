"""Calls and applications in the Wagtail admin, scoped by Application.objects.visible_to."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bases.applying.submission import submit_application
from bases.models import ApplicationCall
from bases.review.roles import DEPARTMENT_STAFF
from tests.factories import (
    ApplicationCallFactory,
    complete_application,
    make_applicant,
    make_application,
    make_member,
    make_user,
)

pytestmark = pytest.mark.django_db

LISTING = "wagtailsnippets_bases_application:list"
INSPECT = "wagtailsnippets_bases_application:inspect"


@pytest.fixture
def submitted(site_tree):
    call = ApplicationCallFactory()
    hohhot = make_applicant(registration_date=datetime.date(2015, 1, 1))
    baotou = make_applicant(league="包头市", registration_date=datetime.date(2015, 1, 1))
    applications = {}
    for name, user in (("hohhot", hohhot), ("baotou", baotou)):
        application = complete_application(make_application(user, call))
        application.base_name = f"{name}基地"
        application.save()
        applications[name], _problems = submit_application(application, user)
    return applications


def test_staff_see_every_application(client, submitted):
    client.force_login(make_user("staff", DEPARTMENT_STAFF))
    html = client.get(reverse(LISTING)).content.decode()
    assert "hohhot基地" in html and "baotou基地" in html


def test_a_recommending_department_sees_only_its_own(client, submitted):
    client.force_login(make_member("hhht", "呼和浩特市科学技术局"))
    html = client.get(reverse(LISTING)).content.decode()
    assert "hohhot基地" in html and "baotou基地" not in html
    assert client.get(reverse(INSPECT, args=[submitted["hohhot"].pk])).status_code == 200
    assert client.get(reverse(INSPECT, args=[submitted["baotou"].pk])).status_code == 404


def test_a_recommending_department_cannot_edit_an_application(client, submitted):
    client.force_login(make_member("hhht", "呼和浩特市科学技术局"))
    application = submitted["hohhot"]
    url = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    revisions = application.revisions.count()
    # The bureau may open the editor to act on its review step, but not change the content.
    assert client.get(url).status_code == 200
    client.post(url, {"base_name": "被改写", "action": "edit"})
    application.refresh_from_db()
    assert application.base_name == "hohhot基地"
    assert application.revisions.count() == revisions


def test_staff_publish_a_call_in_the_admin(client, site_tree):
    client.force_login(make_user("staff", DEPARTMENT_STAFF))
    url = reverse("wagtailsnippets_bases_applicationcall:add")
    assert client.get(url).status_code == 200
    data = {
        "title": "2027年度认定申报通知",
        "year": "2027",
        "document_number": "内科外字〔2027〕1号",
        "opens_at": "2027-03-01 09:00",
        "closes_at": "2027-04-30 17:30",
        "contact": "0471-0000000",
        "guidance": '{"blocks":[],"entityMap":{}}',
        "base_types-TOTAL_FORMS": "1",
        "base_types-INITIAL_FORMS": "0",
        "base_types-MIN_NUM_FORMS": "0",
        "base_types-MAX_NUM_FORMS": "1000",
        "base_types-0-base_type": "demonstration_base",
        "base_types-0-ORDER": "1",
        "base_types-0-id": "",
        "base_types-0-DELETE": "",
        "action-publish": "action-publish",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    call = ApplicationCall.objects.get(title="2027年度认定申报通知")
    assert call.live
    assert call.accepted_types() == ["demonstration_base"]
    # Beijing time, as typed.
    assert call.closes_at.isoformat() == "2027-04-30T09:30:00+00:00"


def test_a_call_must_close_after_it_opens(client, site_tree):
    call = ApplicationCall(title="x", year=2027)
    call.opens_at = datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC)
    call.closes_at = call.opens_at
    with pytest.raises(ValidationError, match="截止时间必须晚于开始时间"):
        call.full_clean()
