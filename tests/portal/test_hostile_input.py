"""Hostile input (issue 12): a value that cannot be understood is answered on the form, or
ignored in a query string, never with a 500, and nothing of an invalid submission is stored."""

import csv
import datetime
import io
import re
import sqlite3
import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from bases.models import Application, ApplicationPartner
from portal.settings.base import SQLITE_OPTIONS
from tests.factories import (
    PostSubsidyAwardFactory,
    Reviewers,
    complete_application,
    edit_post_data,
    make_applicant,
    make_application,
    make_base,
)
from tests.portal.test_project import in_make_run

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.fixture
def logged_in_draft(client, site_tree):
    applicant = make_applicant(registration_date=datetime.date(2015, 1, 1))
    application = complete_application(make_application(applicant))
    client.force_login(applicant)
    return application


@pytest.mark.parametrize(
    "field",
    [
        "attachments-remove",
        "base-fields",
        "base-partner_countries",
        "partners-0-country",
        "partners-0-id",
    ],
)
def test_a_forged_id_too_large_for_the_database_is_answered_on_the_form(
    client, logged_in_draft, field
):
    application = logged_in_draft
    data = edit_post_data(application, **{"base-base_name": "不应保存的名称", field: HUGE})
    response = client.post(reverse("apply_edit", args=[application.pk]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "不是有效的选项" in response.content.decode() or "有误" in response.content.decode()
    if field.startswith("base-"):  # the section with the error keeps what it had stored
        assert Application.objects.get(pk=application.pk).base_name != "不应保存的名称"


def test_a_forged_form_count_builds_no_more_rows_than_allowed(client, logged_in_draft):
    application = logged_in_draft
    data = edit_post_data(application, **{"partners-TOTAL_FORMS": "1001"})
    response = client.post(reverse("apply_edit", args=[application.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "国外合作机构最多填写 30 个。" in html
    # At most 30 rows of the partner's fields, its id and its delete box.
    assert html.count('name="partners-') < 31 * (len(ApplicationPartner.FIELDS) + 2)
    assert Application.objects.get(pk=application.pk).partners.count() <= 30


@pytest.mark.parametrize(
    "url,params",
    [
        ("/bases/", {"year": "10000"}),
        ("/bases/", {"year": "-1"}),
        ("/bases/", {"year": "9" * 20}),
        ("/bases/", {"league": "9223372036854775808"}),
        ("/bases/export.csv", {"year": "10000", "league": "9223372036854775808"}),
        ("/bases/export.json", {"field": "²"}),
        ("/alliance/board/", {"field": "²", "league": "³"}),
        ("/news/", {"tag": "\x00", "category": "\x00"}),
        ("/policy/", {"status": "\x00"}),
        ("/search/", {"q": "\x00" * 3 + "<script>"}),
    ],
)
def test_query_strings_that_cannot_be_understood_are_ignored(client, site_tree, url, params):
    response = client.get(url, params)
    assert response.status_code in (200, 404), response.status_code
    assert "<script>" not in response.content.decode(errors="replace")


def test_the_embedded_database_queues_writers_instead_of_failing(tmp_path):
    """Two applicants submitting at once on `make run`'s SQLite: the second waits for the
    first (IMMEDIATE transactions, a busy timeout, WAL) instead of "database is locked"
    (with SQLite's default deferred transactions this test fails with exactly that)."""
    path = tmp_path / "embedded.sqlite3"
    options = dict(SQLITE_OPTIONS)
    init = options.pop("init_command")
    mode = options.pop("transaction_mode")
    first = sqlite3.connect(path, timeout=options["timeout"], isolation_level=None)
    first.executescript(init)
    assert first.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    first.execute("CREATE TABLE t (n INTEGER)")
    # Both read, then both write: deferred transactions would deadlock on the upgrade.
    first.execute(f"BEGIN {mode}")
    first.execute("SELECT count(*) FROM t").fetchone()
    done = []

    def write_second():
        second = sqlite3.connect(path, timeout=options["timeout"], isolation_level=None)
        second.executescript(init)
        second.execute(f"BEGIN {mode}")
        second.execute("SELECT count(*) FROM t").fetchone()
        second.execute("INSERT INTO t VALUES (2)")
        second.execute("COMMIT")
        done.append(True)

    thread = threading.Thread(target=write_second)
    thread.start()
    time.sleep(0.3)
    first.execute("INSERT INTO t VALUES (1)")
    first.execute("COMMIT")
    thread.join(timeout=10)
    assert done == [True]
    assert first.execute("SELECT count(*) FROM t").fetchone()[0] == 2


def test_make_run_s_database_connection_runs_with_those_options(tmp_path):
    """The options above are the ones `make run`'s Django connection opens with: WAL, a 20 s
    busy timeout and IMMEDIATE transactions (read in a fresh process on a database file)."""
    options = in_make_run(
        "from django.db import connection as c; cursor = c.cursor(); "
        "print(json.dumps([cursor.execute('PRAGMA journal_mode').fetchone()[0], "
        "cursor.execute('PRAGMA busy_timeout').fetchone()[0], c.transaction_mode]))",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert options == ["wal", 20000, "IMMEDIATE"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="JIT 是 PostgreSQL 的功能")
def test_postgresql_connections_run_without_jit(db):
    """Every page request's specific-page join was JIT-compiled for 0.75 s on a site whose
    small tables were never analysed: the portal's connections turn JIT off."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_exported_spreadsheets_never_turn_a_name_into_a_formula(client, site_tree):
    make_base("包头市", name='=HYPERLINK("http://evil.example","点击")')
    make_base("包头市", name="+cmd|' /C calc'!A0")
    make_base("包头市", name="-2+3")
    rows = list(
        csv.reader(io.StringIO(client.get("/bases/export.csv").content.decode("utf-8-sig")))
    )
    names = sorted(row[1] for row in rows[1:])
    assert names == sorted(
        ["'+cmd|' /C calc'!A0", "'-2+3", '\'=HYPERLINK("http://evil.example","点击")']
    )


def test_the_admin_s_downloads_never_turn_a_name_into_a_formula(client, site_tree):
    """The register of awards names each base by its related row, not by a text column."""
    base = make_base("包头市", name='=HYPERLINK("http://evil.example","点击")')
    PostSubsidyAwardFactory(base=base, year=2025, note="@SUM(A1)")
    client.force_login(Reviewers().staff)
    response = client.get(reverse("wagtailsnippets_bases_postsubsidyaward:list"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["基地"] == '\'=HYPERLINK("http://evil.example","点击")'
    assert row["备注"] == "'@SUM(A1)"


def test_every_response_forbids_devices_the_portal_never_uses(client, site_tree):
    for url in ("/", "/admin/login/", "/apply/login/"):
        policy = client.get(url)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_the_public_site_runs_no_inline_script_and_the_admin_its_own_policy(client, site_tree):
    for url in ("/", "/policy/measures/", "/bases/", "/news/", "/apply/login/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, url
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " onclick=" not in html and ' style="' not in html, url
    admin = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin and "frame-ancestors 'self'" in admin
    assert "http" not in admin  # nothing from another site, in the admin either
