"""A change the host did not report (Art. 14): staff record a request in the admin, the host is
mailed and sees it on 「我的基地」, and its next change report for the base answers it. And the
query counts of the change reports' pages, which must not grow with rows."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from bases.models import ChangeReportRequest
from tests.factories import (
    Reviewers,
    act,
    change_report_post_data,
    evidence,
    make_applicant,
    make_base,
    submitted_change_report,
)

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_bases_changereportrequest:add"
LIST = "wagtailsnippets_bases_changereportrequest:list"


@pytest.fixture
def world(site_tree):
    people = Reviewers()
    host_user = make_applicant(league="呼和浩特市")
    base = make_base(
        host=host_user.applicant_account.host,
        accredited_on=datetime.date(2022, 6, 1),
        name="草原乳业国际科技合作基地",
    )
    return people, host_user, base


def ask(client, staff, base, learned="据媒体报道，依托单位已被某集团并购。"):
    client.force_login(staff)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse(ADD),
            {
                "base": base.pk,
                "noticed_on": "2026-10-08",
                "learned": learned,
                "note": "内部：来源为内蒙古日报。",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ChangeReportRequest.objects.latest("pk")


def test_staff_ask_the_host_sees_it_and_its_report_answers_it(client, world):
    people, host_user, base = world
    mail.outbox.clear()
    change_request = ask(client, people.staff, base)
    assert change_request.created_by == people.staff and change_request.is_open
    assert [m.to for m in mail.outbox] == [[host_user.email]]
    assert "并购" in mail.outbox[0].body and "第十四条" in mail.outbox[0].body
    assert "内蒙古日报" not in mail.outbox[0].body  # the internal note stays inside

    # Staff see it open in the listing.
    listing = client.get(reverse(LIST)).content.decode()
    assert base.name in listing and "待报告" in listing

    client.force_login(host_user)
    page = client.get(reverse("apply_my_bases")).content.decode()
    assert "科技厅要求报告重大变更" in page and "已被某集团并购" in page
    assert "内蒙古日报" not in page
    assert reverse("apply_change_start", args=[base.pk]) in page

    report = submitted_change_report(host_user, base)
    change_request.refresh_from_db()
    assert change_request.answered_by == report and not change_request.is_open
    page = client.get(reverse("apply_my_bases")).content.decode()
    assert "科技厅要求报告重大变更" not in page
    client.force_login(people.staff)
    assert "已报告" in client.get(reverse(LIST) + "?state=answered").content.decode()
    assert base.name not in client.get(reverse(LIST) + "?state=open").content.decode()


def test_open_requests_come_first_in_the_listing(client, world):
    people, host_user, base = world
    other = make_base(league="包头市", name="稀土新材料国际科技合作基地")
    answered = ask(client, people.staff, base)
    still_open = ask(client, people.staff, other)
    ChangeReportRequest.objects.filter(pk=answered.pk).update(answered_at=timezone.now())
    listing = client.get(reverse(LIST)).content.decode()
    rows = [f'id="snippet_{pk}_title"' for pk in (still_open.pk, answered.pk)]
    assert listing.index(rows[0]) < listing.index(rows[1])


def test_each_role_sees_only_its_own_requests(client, world):
    people, host_user, base = world
    change_request = ask(client, people.staff, base)
    inspect = reverse("wagtailsnippets_bases_changereportrequest:inspect", args=[change_request.pk])
    for user, expected in [
        (people.staff, 200),
        (people.leader, 200),
        (people.hohhot, 200),  # its own base's, read-only
        (people.baotou, 404),
        (people.experts[0], 403),
    ]:
        client.force_login(user)
        assert client.get(inspect).status_code == expected, user
    # Only staff ask; nobody deletes a request.
    client.force_login(people.hohhot)
    client.post(reverse(ADD), {"base": base.pk, "noticed_on": "2026-10-08", "learned": "x"})
    assert ChangeReportRequest.objects.count() == 1
    client.force_login(people.staff)
    delete = reverse("wagtailsnippets_bases_changereportrequest:delete", args=[change_request.pk])
    assert client.get(delete).status_code == 403
    # A request names a current base and says what was learned.
    response = client.post(reverse(ADD), {"base": base.pk, "noticed_on": "", "learned": ""})
    assert response.status_code == 200 and ChangeReportRequest.objects.count() == 1


def test_my_bases_costs_the_same_queries_with_more_reports_and_requests(
    client, world, django_assert_max_num_queries
):
    people, host_user, base = world
    host = host_user.applicant_account.host
    submitted_change_report(host_user, base)
    ask(client, people.staff, base)
    client.force_login(host_user)
    client.get(reverse("apply_my_bases"))  # the site's caches filled
    with django_assert_max_num_queries(18) as first:
        html = client.get(reverse("apply_my_bases")).content.decode()
    baseline = len(first.captured_queries)  # read now: later requests may empty the log
    assert "推荐部门审核中" in html and "科技厅要求报告重大变更" in html
    for year in (2023, 2024):
        more = make_base(host=host, accredited_on=datetime.date(year, 1, 1))
        submitted_change_report(host_user, more)
        ask(client, people.staff, more)
    client.force_login(host_user)
    with django_assert_max_num_queries(baseline):
        html = client.get(reverse("apply_my_bases")).content.decode()
    assert html.count("科技厅要求报告重大变更") == 3


def test_the_listing_and_pages_cost_the_same_queries_for_more_rows(
    client, world, django_assert_max_num_queries
):
    people, host_user, base = world

    def reports_in_three_departments():
        reports = [submitted_change_report(host_user, base)]
        for league in ("包头市", "赤峰市"):
            other = make_applicant(league=league)
            reports.append(
                submitted_change_report(
                    other, make_base(host=other.applicant_account.host, league=league)
                )
            )
        return reports

    first_report = reports_in_three_departments()[0]
    url = reverse("wagtailsnippets_bases_changereport:list")
    client.force_login(people.staff)
    client.get(url)  # the site's caches filled
    with django_assert_max_num_queries(60) as listing:
        client.get(url)
    listing_queries = len(listing.captured_queries)
    reports_in_three_departments()
    with django_assert_max_num_queries(listing_queries):
        client.get(url)

    # The host's page and the department's review page, with more files and history: each
    # return and resubmission adds events, files and a revision.
    detail = reverse("apply_change", args=[first_report.pk])
    edit = reverse("wagtailsnippets_bases_changereport:edit", args=[first_report.pk])

    def return_and_resubmit(*names):
        act(client, people.hohhot, first_report, "reject", comment="请补充材料。")
        client.force_login(host_user)
        data = change_report_post_data("submit", files=[evidence(name) for name in names])
        response = client.post(reverse("apply_change_edit", args=[first_report.pk]), data)
        assert response.status_code == 302

    return_and_resubmit("补充一.pdf")
    client.force_login(host_user)
    with django_assert_max_num_queries(25) as host_page:
        client.get(detail)
    host_queries = len(host_page.captured_queries)
    client.force_login(people.hohhot)
    client.get(edit)
    with django_assert_max_num_queries(100) as review_page:  # Wagtail's editor
        client.get(edit)
    review_queries = len(review_page.captured_queries)

    return_and_resubmit("补充二.pdf", "补充三.pdf", "补充四.pdf")
    assert first_report.attachments.count() == 5 and first_report.events.count() == 9
    client.force_login(host_user)
    with django_assert_max_num_queries(host_queries):
        client.get(detail)
    client.force_login(people.hohhot)
    with django_assert_max_num_queries(review_queries):
        client.get(edit)
