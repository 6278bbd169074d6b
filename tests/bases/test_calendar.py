"""Publicity periods in working days follow the State Council's holiday arrangements (issue 12)."""

import datetime

import pytest
from django.urls import reverse

from bases.models import BaseType, Publicity
from bases.rules.calendar import add_working_days, uncovered_years
from tests.factories import (
    Reviewers,
    act,
    pass_expert_review,
    pass_inspection,
    submitted_application,
)


def test_national_day_and_its_make_up_saturday_are_counted_as_the_state_council_set_them():
    # 2025: 1–8 October are holidays; Saturday 11 October is a make-up working day (调休).
    assert add_working_days(datetime.date(2025, 9, 30), 5) == datetime.date(2025, 10, 13)


def test_the_spring_festival_is_not_part_of_a_five_day_publicity():
    # 2026: 15–23 February are holidays; Saturday 14 and Saturday 28 February are working days.
    assert add_working_days(datetime.date(2026, 2, 13), 5) == datetime.date(2026, 2, 26)


def test_a_year_not_yet_covered_falls_back_to_weekends_and_says_so():
    start = datetime.date(2099, 10, 1)  # a Thursday
    assert add_working_days(start, 5) == datetime.date(2099, 10, 7)
    assert uncovered_years(start, datetime.date(2099, 10, 7)) == [2099]
    assert uncovered_years(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)) == []


@pytest.mark.django_db
def test_staff_are_warned_when_a_publicity_runs_into_an_unknown_year(client, site_tree):
    people = Reviewers()
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    act(client, people.hohhot, application, "approve", comment="同意推荐。")
    pass_expert_review(client, people, application)
    pass_inspection(client, people, application)
    act(client, people.leader, application, "approve", decision_number="内科发〔2026〕9号")
    publicity = Publicity.objects.get(application=application)
    client.force_login(people.staff)
    edit = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    Publicity.objects.filter(pk=publicity.pk).update(
        starts_on=datetime.date(2099, 1, 1), ends_on=datetime.date(2099, 1, 8)
    )
    html = client.get(edit).content.decode()
    assert "尚未收录 2099 年的法定节假日安排" in html
