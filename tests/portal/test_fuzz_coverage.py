"""No public address escapes the fuzzer (issue 12). The URL resolver is walked: every address of
the portal's own public URLconfs (``/apply/``, ``/bases/``, ``/news/``, ``/search/``) must be
one that the fuzz tests send hostile values to, so that a new page or form fails here until it
is added to them. The signed-in pages without an id and logout are fuzzed here."""

from urllib.parse import urlsplit

import pytest
from django.urls import URLResolver, get_resolver, resolve
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import make_applicant
from tests.portal import test_fuzz, test_fuzz_host_forms, test_fuzz_reports
from tests.portal.fuzzing import FUZZ, checked, hostile_data, one_example

pytestmark = pytest.mark.django_db

PUBLIC_PREFIXES = ("apply/", "bases/", "news/", "search/")

# Pages of a signed-in applicant whose address has no id, and what they read from the query.
SIGNED_IN = {"/apply/mine/": [], "/apply/bases/": []}
LOGOUT = "/apply/logout/"

# The forms with many fields, each fuzzed field by field by its own test (beyond the hostile ids
# of ADDRESSES, which every one of these addresses also gets).
FORM_FUZZERS = {
    "apply_start": test_fuzz.test_starting_an_application_takes_any_type,
    "apply_edit": test_fuzz.test_every_section_of_the_application_takes_hostile_values,
    "apply_password_reset_confirm": (
        test_fuzz.test_the_set_password_form_keeps_the_password_on_errors
    ),
    "apply_report_edit": test_fuzz_reports.test_every_section_of_a_report_takes_hostile_values,
    "apply_change_edit": test_fuzz_host_forms.test_a_change_report_takes_hostile_values,
    "apply_rectification_edit": (
        test_fuzz_host_forms.test_a_rectification_report_takes_hostile_values
    ),
}


def portal_routes():
    """(route, URL name) of every address under the portal's own public URLconfs."""

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            else:
                yield route, entry.name

    return [
        (route, name)
        for route, name in walk(get_resolver().url_patterns, "")
        if route.startswith(PUBLIC_PREFIXES)
    ]


def fuzzed_names():
    """The URL names the fuzz tests reach, from the addresses they send values to."""
    urls = [
        *test_fuzz.LISTINGS,
        *SIGNED_IN,
        LOGOUT,
        *(address.format("1", "1") for address in test_fuzz.ADDRESSES),
        *(url.format(post=1) for url, *_rest in test_fuzz.FORMS.values()),
    ]
    return {resolve(url).url_name for url in urls}


def test_every_public_address_is_fuzzed():
    routes = portal_routes()
    assert len(routes) > 30  # the walk reached the included URLconfs
    fuzzed = fuzzed_names()
    missing = [f"/{route} ({name})" for route, name in routes if name not in fuzzed]
    assert not missing, (
        "not fuzzed: add each to LISTINGS, ADDRESSES or FORMS in tests/portal/test_fuzz.py "
        f"(and a form with many fields to FORM_FUZZERS, with its own test): {missing}"
    )
    assert set(FORM_FUZZERS) <= fuzzed  # each form's address gets hostile ids too


@pytest.mark.parametrize("url", SIGNED_IN)
def test_signed_in_pages_take_any_query(client, site_tree, url):
    client.force_login(make_applicant())
    names = [*SIGNED_IN[url], "page", "utm_source"]

    @FUZZ
    @given(st.data())
    def request(data):
        with one_example():
            response = checked(client.get(url, hostile_data(data.draw, names)))
            assert response.status_code == 200, response.status_code

    request()


def test_logout_takes_any_next_and_stays_on_the_site(client, site_tree):
    user = make_applicant()

    @FUZZ
    @given(st.data())
    def request(data):
        with one_example():
            client.force_login(user)
            response = checked(client.post(LOGOUT, hostile_data(data.draw, ["next"])))
            assert response.status_code in (200, 302), response.status_code
            # Never to another site: a relative address, or this one (browsers read \ as /).
            location = response.get("Location", "")
            parts = urlsplit(location.replace("\\", "/"))
            assert parts.scheme in ("", "http") and parts.netloc in ("", "testserver"), location
            assert client.session.get("_auth_user_id") is None

    request()
