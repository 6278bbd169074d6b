"""The rate limits of the public forms (issue 12) count in the database that every worker and
server shares, and decide and count in one step: requests sent at once never pass the limit
together. (That they keep no address: tests/alliance and tests/bases/test_account_registration.)"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from bases.accounts.throttle import REGISTRATIONS_PER_IP
from bases.models import ApplicantAccount
from portal.models import RateCount
from portal.throttle import HOUR, Throttle
from tests.bases.test_review_concurrency import run_at_once
from tests.factories import credit_code, registration_data

ADDRESS = "203.0.113.9"
at_once = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite 以立即事务串行执行整个事务，同时到达的请求只能在 PostgreSQL 上演示",
)


@at_once
@pytest.mark.django_db(transaction=True)
def test_attempts_at_once_take_each_place_once():
    throttle = Throttle("at-once", 5, HOUR)
    results = run_at_once(*[lambda: throttle.allow(ADDRESS)] * 16)
    assert sorted(results, key=str) == [False] * 11 + [True] * 5, results
    assert RateCount.objects.get().count == 16


@at_once
@pytest.mark.django_db(transaction=True)
def test_registrations_sent_at_once_never_pass_the_limit(site_tree):
    """Eight registrations from one address arrive together: five accounts, and three forms
    told that registration is too frequent (checking before counting let all eight in)."""

    def register(number):
        data = registration_data(
            email=f"unit{number}@example.org", credit_code=credit_code("150100")
        )
        return lambda: Client().post(reverse("apply_register"), data, REMOTE_ADDR=ADDRESS)

    responses = run_at_once(*[register(number) for number in range(8)])
    assert [getattr(response, "status_code", response) for response in responses].count(302) == 5
    assert ApplicantAccount.objects.count() == REGISTRATIONS_PER_IP.limit
    refused = [response for response in responses if response.status_code == 200]
    assert all("注册过于频繁" in response.content.decode() for response in refused)
