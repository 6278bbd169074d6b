"""The table of bases × reporting years (Art. 13) in the admin: each year's plan and summary
with its state and 逾期, for staff (every current base) and each recommending department (its
own; a host's draft is not theirs to see), filterable, exported as CSV and XLSX, in a constant
number of queries."""

import datetime
import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bases.models import BaseStatus, LeagueCity, RecommendingDepartment, ReportKind, ReportStatus
from bases.review.annual_table import AnnualReportTableView
from tests.factories import BAOTOU_BUREAU, Reviewers, make_applicant, make_base, report_in_state

pytestmark = pytest.mark.django_db

D = datetime.date
URL = reverse("annual_report_table:index")


@pytest.fixture
def table(site_tree, settings, monkeypatch):
    settings.ANNUAL_REPORTS_FIRST_YEAR = 2024
    monkeypatch.setattr(AnnualReportTableView, "today", staticmethod(lambda: D(2026, 6, 1)))
    people = Reviewers()
    hohhot = make_base(
        host=make_applicant(league="呼和浩特市").applicant_account.host,
        accredited_on=D(2024, 1, 1),
        name="青城乳业国际科技合作基地",
    )
    baotou = make_base(
        host=make_applicant(league="包头市").applicant_account.host,
        league="包头市",
        accredited_on=D(2025, 6, 1),
        name="=HYPERLINK(稀土)基地",
    )
    revoked = make_base(accredited_on=D(2024, 1, 1), name="已撤销的基地")
    revoked.change_status(BaseStatus.REVOKED, on=D(2025, 5, 1), reason="依托单位自行要求撤销")
    report_in_state(hohhot, 2024, ReportKind.PLAN, ReportStatus.FILED)
    report_in_state(hohhot, 2024, ReportKind.SUMMARY, ReportStatus.RETURNED)
    report_in_state(hohhot, 2025, ReportKind.SUMMARY, ReportStatus.RECOMMENDING_REVIEW)
    report_in_state(hohhot, 2026, ReportKind.PLAN, ReportStatus.DRAFT)
    report_in_state(baotou, 2025, ReportKind.PLAN, ReportStatus.AWAITING_FILING)
    return people, hohhot, baotou


def cells(html, base_name, year):
    """The text of the row of ``base_name`` and ``year``, tags removed."""
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        if text.startswith(str(year)) and base_name in text:
            return text
    return None


def test_staff_see_every_current_base_and_year_with_its_states(client, table):
    people, hohhot, baotou = table
    client.force_login(people.staff)
    html = client.get(URL).content.decode()
    assert "已撤销的基地" not in html
    # 2024 counts for a base accredited on 1 January: its returned summary is overdue.
    assert "已备案" in cells(html, hohhot.name, 2024)
    assert "退回修改（逾期）" in cells(html, hohhot.name, 2024)
    assert "推荐部门审核中" in cells(html, hohhot.name, 2025)
    # Staff see the host's draft; its deadline (31 March) has passed.
    assert "草稿（逾期）" in cells(html, hohhot.name, 2026)
    # 2025 does not count for a base accredited in June 2025: missing, never overdue.
    row = cells(html, "HYPERLINK", 2025)
    assert "待科技厅备案" in row and "未报送" in row and "逾期" not in row
    assert cells(html, "HYPERLINK", 2024) is None  # before its accreditation
    # The 2026 plan of the base is due since its first counted year, 2026.
    assert "未报送（逾期）" in cells(html, "HYPERLINK", 2026)
    report = hohhot.annual_reports.get(year=2025, kind=ReportKind.SUMMARY)
    assert reverse("wagtailsnippets_bases_annualreport:inspect", args=[report.pk]) in html


def test_a_department_sees_its_own_bases_and_not_the_hosts_drafts(client, table):
    people, hohhot, baotou = table
    client.force_login(people.hohhot)
    html = client.get(URL).content.decode()
    assert hohhot.name in html and "HYPERLINK" not in html
    assert "草稿" not in cells(html, hohhot.name, 2026)
    assert "未报送（逾期）" in cells(html, hohhot.name, 2026)
    # Asking for another department's bases by the filter shows nothing of them.
    baotou_bureau = RecommendingDepartment.objects.get(name=BAOTOU_BUREAU)
    html = client.get(URL, {"department": baotou_bureau.pk}).content.decode()
    assert "HYPERLINK" not in html and hohhot.name in html  # the value is ignored
    html = client.get(URL, {"export": "csv"}).getvalue().decode()
    assert "HYPERLINK" not in html and hohhot.name in html


def test_experts_and_hosts_may_not_see_the_table(client, table):
    people, hohhot, baotou = table
    client.force_login(people.experts[0])
    refused = client.get(URL)  # Wagtail's answer to a refusal: its home
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    client.force_login(people.staff)
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(people.experts[0])
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(hohhot.host.applicant_accounts.get().user)
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_filters_by_year_department_league_and_state(client, table):
    people, hohhot, baotou = table
    client.force_login(people.staff)

    def shown(**query):
        html = client.get(URL, query).content.decode()
        return {
            (name, year)
            for name in (hohhot.name, "HYPERLINK")
            for year in (2024, 2025, 2026)
            if cells(html, name, year)
        }

    assert shown(year=2025) == {(hohhot.name, 2025), ("HYPERLINK", 2025)}
    baotou_bureau = RecommendingDepartment.objects.get(name=BAOTOU_BUREAU)
    assert shown(department=baotou_bureau.pk) == {("HYPERLINK", 2025), ("HYPERLINK", 2026)}
    league = LeagueCity.objects.get(name="呼和浩特市")
    assert {year for _name, year in shown(league_city=league.pk)} == {2024, 2025, 2026}
    assert shown(summary_state="returned") == {(hohhot.name, 2024)}
    assert shown(plan_state="overdue") == {
        (hohhot.name, 2025),
        (hohhot.name, 2026),
        ("HYPERLINK", 2026),
    }
    assert shown(plan_state="awaiting_filing") == {("HYPERLINK", 2025)}
    # Values that make no sense are ignored, never an error.
    assert len(shown(year="abc", department="999999", plan_state="<script>")) == 5


def test_the_table_exports_as_csv_and_xlsx(client, table):
    people, hohhot, baotou = table
    client.force_login(people.staff)
    response = client.get(URL, {"export": "csv", "year": 2025})
    assert response["Content-Disposition"] == 'attachment; filename="annual-report-table.csv"'
    text = response.getvalue().decode()
    assert text.startswith("\ufeff基地名称,依托单位,推荐部门,所在盟市,年度,年度工作计划")
    assert "'=HYPERLINK(稀土)基地" in text  # not a formula in a spreadsheet
    assert f"{hohhot.name}," in text and "推荐部门审核中" in text and "2026-01-31" in text
    assert len(text.strip().splitlines()) == 3

    response = client.get(URL, {"export": "xlsx"})
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][0] == "基地名称" and len(rows) == 6
    assert any("草稿（逾期）" in row for row in rows)


def test_the_table_costs_the_same_queries_for_more_bases_and_reports(
    client, table, django_assert_max_num_queries
):
    people, hohhot, baotou = table
    client.force_login(people.staff)
    client.get(URL)  # the site's caches filled
    with django_assert_max_num_queries(15) as first:
        client.get(URL)
    for league in ("赤峰市", "包头市", "呼和浩特市"):
        host = make_applicant(league=league).applicant_account.host
        base = make_base(host=host, league=league, accredited_on=D(2024, 1, 1))
        report_in_state(base, 2025, ReportKind.SUMMARY, ReportStatus.FILED)
        report_in_state(base, 2026, ReportKind.PLAN, ReportStatus.RETURNED)
    with django_assert_max_num_queries(len(first.captured_queries)):
        html = client.get(URL).content.decode()
    assert "共 14 行" in html


def test_a_department_s_table_costs_the_same_queries_for_more_bases(
    client, table, django_assert_max_num_queries
):
    people, hohhot, baotou = table
    client.force_login(people.hohhot)
    client.get(URL)
    with django_assert_max_num_queries(18) as first:
        client.get(URL)
    for _n in range(3):
        host = make_applicant(league="呼和浩特市").applicant_account.host
        base = make_base(host=host, accredited_on=D(2024, 1, 1))
        report_in_state(base, 2025, ReportKind.SUMMARY, ReportStatus.AWAITING_FILING)
    with django_assert_max_num_queries(len(first.captured_queries)):
        html = client.get(URL).content.decode()
    assert "共 12 行" in html
