"""The monitor's revocation proposals in the admin (Art. 12(四)): staff confirm or dismiss one
with a reason, which is recorded; confirming opens the revocation prefilled on Art. 12(四),
which the leadership confirms; the base's recommending department reads the proposal;
everyone else gets a 404 or a refusal; the staff dashboard lists the open ones in
「年度报告监测」."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import ModelLogEntry

from bases.models import BaseStatus, ComplianceFlag
from tests.factories import Reviewers, act, make_applicant, make_base, propose_revocation

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(site_tree, settings):
    settings.ANNUAL_REPORTS_FIRST_YEAR = 2020
    people = Reviewers()
    host_user = make_applicant(league="呼和浩特市")
    base = make_base(host=host_user.applicant_account.host, accredited_on=datetime.date(2024, 1, 1))
    call_command("annual_report_monitor", "--today", "2026-02-01", stdout=StringIO())
    return people, ComplianceFlag.objects.get(base=base)


def url(name, flag=None):
    args = [flag.pk] if flag is not None else []
    return reverse(f"wagtailsnippets_bases_complianceflag:{name}", args=args)


def test_staff_confirm_a_proposal_and_carry_it_out_as_a_revocation(client, flagged):
    people, flag = flagged
    client.force_login(people.staff)
    listing = client.get(url("list")).content.decode()
    assert flag.base.name in listing and "待确认" in listing
    page = client.get(url("inspect", flag)).content.decode()
    assert "2024年度：未报送" in page and url("decide", flag) in page

    # A reason is required.
    response = client.post(url("decide", flag), {"decision": "confirm", "reason": ""})
    assert response.status_code == 200 and "请填写确认或驳回的理由。" in response.content.decode()
    flag.refresh_from_db()
    assert flag.state == ComplianceFlag.State.PROPOSED

    # Confirming leads to the revocation form, prefilled on Art. 12(四) with the finding.
    decision = {"decision": "confirm", "reason": "经核实，两年均未报送。"}
    response = client.post(url("decide", flag), decision)
    add_url = reverse("wagtailsnippets_bases_revocation:add") + f"?flag={flag.pk}"
    assert response.status_code == 302 and response["Location"] == add_url
    flag.refresh_from_db()
    assert flag.state == ComplianceFlag.State.CONFIRMED
    assert flag.decided_by == people.staff and flag.decided_at
    assert flag.reason == "经核实，两年均未报送。"
    assert ModelLogEntry.objects.filter(action="bases.confirm_flag", user=people.staff).exists()
    form = client.get(add_url).content.decode()
    assert f'<option value="{flag.base.pk}" selected>' in form
    assert '<option value="12-4" selected>' in form
    assert flag.finding in form
    assert f'action="{add_url}"' in form.replace("&amp;", "&")
    # Confirming revokes nothing by itself; until a revocation is proposed the flag offers one.
    flag.base.refresh_from_db()
    assert flag.base.status == BaseStatus.ACCREDITED
    page = client.get(url("inspect", flag)).content.decode()
    assert "已确认撤销建议" in page and "经核实，两年均未报送。" in page
    assert url("decide", flag) not in page
    assert "尚未提出撤销" in page and f"?flag={flag.pk}" in page

    # Staff add the documents and submit; the revocation carries the flag.
    revocation = propose_revocation(
        client, people.staff, flag.base, query=f"?flag={flag.pk}", facts=flag.finding
    )
    assert revocation.flag == flag and revocation.reason == "12-4"
    page = client.get(url("inspect", flag)).content.decode()
    edit_url = reverse("wagtailsnippets_bases_revocation:edit", args=[revocation.pk])
    assert "撤销程序：待领导小组确认" in page and edit_url in page
    # A second form for the same flag no longer prefills anything.
    form = client.get(add_url).content.decode()
    assert '<option value="12-4" selected>' not in form

    # The leadership confirms: the base is revoked on Art. 12(四).
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, revocation, "approve", comment="同意撤销。")
    flag.base.refresh_from_db()
    assert flag.base.status == BaseStatus.REVOKED
    assert flag.base.revocation().article == "《管理办法》第十二条第（四）项"

    # Decided once: a second decision is refused.
    client.force_login(people.staff)
    client.post(url("decide", flag), {"decision": "dismiss", "reason": "改变主意"})
    flag.refresh_from_db()
    assert flag.state == ComplianceFlag.State.CONFIRMED
    # And the monitor proposes nothing more for the base.
    call_command("annual_report_monitor", "--today", "2027-02-01", stdout=StringIO())
    assert ComplianceFlag.objects.count() == 1


@pytest.mark.parametrize("value", ["", "x", "²", "99999999999999999999", "-1", "0"])
def test_a_guessed_flag_in_the_address_prefills_nothing(client, flagged, value):
    people, flag = flagged  # still only proposed: not yet confirmed
    client.force_login(people.staff)
    for query in (f"?flag={value}", f"?flag={flag.pk}"):
        response = client.get(reverse("wagtailsnippets_bases_revocation:add") + query)
        assert response.status_code == 200
        assert '<option value="12-4" selected>' not in response.content.decode()


def test_staff_dismiss_a_proposal(client, flagged):
    people, flag = flagged
    client.force_login(people.staff)
    client.post(url("decide", flag), {"decision": "dismiss", "reason": "已纸质报送，经核实。"})
    flag.refresh_from_db()
    assert flag.state == ComplianceFlag.State.DISMISSED and flag.reason == "已纸质报送，经核实。"
    assert ModelLogEntry.objects.filter(action="bases.dismiss_flag").exists()


def test_the_base_s_department_reads_others_get_nothing(client, flagged):
    people, flag = flagged
    for user, inspect in [
        (people.staff, 200),
        (people.leader, 200),
        (people.hohhot, 200),
        (people.baotou, 404),  # another department's base
        (people.experts[0], 403),  # no part in annual reports
    ]:
        client.force_login(user)
        assert client.get(url("inspect", flag)).status_code == inspect, user
    # The department reads, but does not decide, and is not offered to.
    client.force_login(people.hohhot)
    assert url("decide", flag) not in client.get(url("inspect", flag)).content.decode()
    refused = client.get(url("decide", flag))  # Wagtail's answer to a refusal: its home
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    client.post(url("decide", flag), {"decision": "dismiss", "reason": "不同意"})
    flag.refresh_from_db()
    assert flag.state == ComplianceFlag.State.PROPOSED
    # Another department's listing does not name it.
    client.force_login(people.baotou)
    assert flag.base.name not in client.get(url("list")).content.decode()
    assert client.get(url("decide", flag)).status_code == 404


def test_nobody_adds_edits_or_deletes_a_proposal(client, flagged):
    people, flag = flagged
    client.force_login(people.staff)
    assert client.get(url("add")).status_code == 403
    assert client.get(url("edit", flag)).status_code == 403
    assert client.get(url("delete", flag)).status_code == 403
    assert url("add") not in client.get(url("list")).content.decode()


def test_the_staff_dashboard_lists_open_proposals(client, flagged):
    people, flag = flagged
    client.force_login(people.staff)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "年度报告监测（1）" in page and url("inspect", flag) in page
    flag.state = ComplianceFlag.State.DISMISSED
    flag.save()
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "年度报告监测（0）" in page and "没有待确认的撤销建议" in page
    # The departments read proposals from the listing; the panel is for those who decide.
    client.force_login(people.hohhot)
    assert "年度报告监测" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_listing_and_the_panel_cost_the_same_queries_for_more_flags(
    client, flagged, django_assert_max_num_queries
):
    people, flag = flagged
    client.force_login(people.staff)
    for page in (url("list"), reverse("wagtailadmin_home")):
        client.get(page)  # the site's caches filled
    with django_assert_max_num_queries(13) as listing:
        client.get(url("list"))
    # Wagtail's review panel asks each step type what the user may act on: one query each
    # (a fixed number, one per step type of every process, whatever the number of flags);
    # 互动交流's panel of questions waiting for an answer reads them in a few more.
    with django_assert_max_num_queries(47) as home:
        client.get(reverse("wagtailadmin_home"))
    for league in ("包头市", "赤峰市", "呼和浩特市"):
        host = make_applicant(league=league).applicant_account.host
        make_base(host=host, league=league, accredited_on=datetime.date(2024, 1, 1))
    call_command("annual_report_monitor", "--today", "2026-02-02", stdout=StringIO())
    assert ComplianceFlag.objects.proposed().count() == 4
    with django_assert_max_num_queries(len(listing.captured_queries)):
        client.get(url("list"))
    with django_assert_max_num_queries(len(home.captured_queries)):
        assert "年度报告监测（4）" in client.get(reverse("wagtailadmin_home")).content.decode()
