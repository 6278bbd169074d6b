"""Revocation (Art. 12, 14) as staff and the leadership do it in the admin: staff propose on a
reason with evidence and the decision document and submit; the leadership confirms, returns
or refuses. Confirming revokes the base once, in one transaction: status history, directory
and alliance, the plaque to be returned, the announcement, the three-year bar."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from alliance.models import AllianceMembership
from bases.models import (
    Base,
    BaseStatus,
    Revocation,
    RevocationReason,
    RevocationStatus,
)
from bases.review.revocations import draft_revocation
from bases.rules.eligibility import article_12_revocation_bar
from news.models import NewsPage
from tests.factories import (
    PDF,
    IntegrityRecordFactory,
    Reviewers,
    act,
    make_applicant,
    make_base,
    propose_revocation,
    revocation_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    people = Reviewers()
    host_user = make_applicant(league="呼和浩特市")
    base = make_base(host=host_user.applicant_account.host, accredited_on=datetime.date(2021, 6, 1))
    AllianceMembership.objects.create(base=base, joined_on=datetime.date(2022, 1, 1))
    return people, host_user, base


def test_staff_propose_and_the_leadership_confirms_with_every_effect(client, world):
    people, host_user, base = world
    mail.outbox.clear()
    revocation = propose_revocation(client, people.staff, base)
    assert revocation.status == RevocationStatus.AWAITING_CONFIRMATION
    assert revocation.proposed_by == people.staff
    assert mail.outbox[-1].to == [people.leader.email]
    # Proposing changes nothing yet.
    base.refresh_from_db()
    assert base.status == BaseStatus.ACCREDITED

    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, revocation, "approve", comment="同意撤销。")
    revocation.refresh_from_db()
    base.refresh_from_db()
    assert revocation.status == RevocationStatus.CONFIRMED
    assert revocation.revoked_on == timezone.localdate()
    assert base.status == BaseStatus.REVOKED and Base.objects.filter(pk=base.pk).exists()
    change = base.revocation()
    assert change.article == "《管理办法》第十二条第（四）项"
    assert "连续两年未提交年度工作总结" in change.reason and "内科发〔2026〕30号" in change.reason
    # It leaves the directory and the alliance; its profile says when, on which article, why.
    assert base not in Base.objects.current()
    assert AllianceMembership.objects.get(base=base).left_on == timezone.localdate()
    public = Client()
    directory = public.get("/bases/").content.decode()
    assert base.name not in directory
    profile = public.get(f"/bases/{base.pk}/").content.decode()
    assert "第十二条第（四）项" in profile
    # The announcement is published; the plaque waits to be returned; the host is told.
    announcement = NewsPage.objects.live().get(title__contains="撤销")
    assert base.name in announcement.title
    assert revocation.plaque_state == "待收回"
    assert any(message.to == [host_user.email] for message in mail.outbox)
    assert ModelLogEntry.objects.filter(action="bases.revoke", user=people.leader).exists()
    # The three-year bar starts.
    refusal = article_12_revocation_bar(base.host, timezone.localdate())
    assert refusal is not None and "三年内不得再次提出认定申请" in str(refusal)

    # Staff record the plaque's return.
    client.force_login(people.staff)
    client.post(
        reverse("wagtailsnippets_bases_revocation:record_plaque_return", args=[revocation.pk]),
        {"returned_on": "2026-12-05"},
    )
    revocation.refresh_from_db()
    assert revocation.plaque_returned_on == datetime.date(2026, 12, 5)
    assert revocation.plaque_state == "已收回"


@pytest.mark.parametrize("reason", list(RevocationReason))
def test_every_reason_revokes_on_its_own_article(client, world, reason):
    people, host_user, base = world
    revocation = propose_revocation(client, people.staff, base, reason=reason)
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, revocation, "approve")
    base.refresh_from_db()
    assert base.status == BaseStatus.REVOKED
    assert base.revocation().article == reason.article
    text = NewsPage.objects.live().get(title__contains="撤销").body.render_as_block()
    if reason == RevocationReason.HOST_REQUEST:
        assert "根据依托单位" in text and "的申请" in text
    elif reason == RevocationReason.HOST_DISSOLVED:
        assert "已被依法终止" in text
    else:
        assert f"根据{reason.article}的规定" in text


def test_the_leadership_returns_or_refuses_and_nothing_is_revoked(client, world):
    people, host_user, base = world
    revocation = propose_revocation(client, people.staff, base)
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, revocation, "reject", comment="请补充核查记录。")
    revocation.refresh_from_db()
    assert revocation.status == RevocationStatus.RETURNED
    assert "请补充核查记录。" in mail.outbox[-1].body and mail.outbox[-1].to == [people.staff.email]

    # Staff amend and resubmit from the edit view; the leadership then refuses.
    client.force_login(people.staff)
    edit = reverse("wagtailsnippets_bases_revocation:edit", args=[revocation.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            edit,
            {
                "base": base.pk,
                "reason": revocation.reason,
                "facts": revocation.facts + "补充：已电话核实。",
                "decision_number": revocation.decision_number,
                "action-submit": "1",
            },
        )
    revocation.refresh_from_db()
    assert revocation.status == RevocationStatus.AWAITING_CONFIRMATION
    assert "已电话核实" in revocation.facts
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, revocation, "refuse", comment="情节尚不构成撤销。")
    revocation.refresh_from_db()
    base.refresh_from_db()
    assert revocation.status == RevocationStatus.REFUSED
    assert base.status == BaseStatus.ACCREDITED
    assert not NewsPage.objects.filter(title__contains="撤销").exists()


def test_a_proposal_needs_its_documents_and_staff_cannot_confirm(client, world):
    people, host_user, base = world
    client.force_login(people.staff)
    response = client.post(
        reverse("wagtailsnippets_bases_revocation:add"),
        {"base": base.pk, "reason": RevocationReason.OTHER, "facts": "", "action-submit": "1"},
    )
    html = response.content.decode()
    assert (
        response.status_code == 200 and html.count("必需字段") == 4
    )  # facts, both files, the number
    assert not Revocation.objects.exists()

    revocation = propose_revocation(client, people.staff, base)
    for user in (people.staff, people.leader):
        client.force_login(user)
        edit = reverse("wagtailsnippets_bases_revocation:edit", args=[revocation.pk])
        assert client.get(edit).status_code == 200  # private files are not linked publicly
    act(client, people.staff, revocation, "approve")
    base.refresh_from_db()
    assert base.status == BaseStatus.ACCREDITED
    assert Revocation.objects.get(pk=revocation.pk).status == RevocationStatus.AWAITING_CONFIRMATION


def test_a_base_has_one_revocation_under_way_at_a_time(client, world):
    people, host_user, base = world
    first = propose_revocation(client, people.staff, base)
    data = revocation_data(base, reason=RevocationReason.OTHER)
    response = client.post(reverse("wagtailsnippets_bases_revocation:add"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "该基地已有一项正在办理的撤销（待领导小组确认）" in html
    assert "经核查，该基地2024、2025年度均未提交年度工作总结。" in html  # kept as typed
    assert Revocation.objects.count() == 1
    # Once the first is decided, another may be proposed.
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, first, "refuse", comment="暂不撤销。")
    second = propose_revocation(client, people.staff, base, reason=RevocationReason.OTHER)
    assert second.pk != first.pk and second.status == RevocationStatus.AWAITING_CONFIRMATION


def test_each_role_sees_only_its_own_revocations(client, world):
    people, host_user, base = world
    revocation = propose_revocation(client, people.staff, base)
    draft = propose_revocation(client, people.staff, make_base(league="包头市"), submit=False)
    inspect = "wagtailsnippets_bases_revocation:inspect"
    for user, expected in [
        (people.staff, 200),
        (people.leader, 200),
        (people.hohhot, 200),  # its own base's, once proposed
        (people.baotou, 404),
        (people.experts[0], 403),
    ]:
        client.force_login(user)
        assert client.get(reverse(inspect, args=[revocation.pk])).status_code == expected, user
    client.force_login(people.baotou)
    assert client.get(reverse(inspect, args=[draft.pk])).status_code == 404  # a draft
    file_url = reverse("wagtailsnippets_bases_revocation:file", args=[revocation.pk, "evidence"])
    assert client.get(file_url).status_code == 404
    client.force_login(people.hohhot)
    assert client.get(file_url).status_code == 200
    # Nobody but staff proposes (Wagtail sends others back to the dashboard); a department
    # cannot delete.
    refused = client.get(reverse("wagtailsnippets_bases_revocation:add"))
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert (
        client.get(
            reverse("wagtailsnippets_bases_revocation:delete", args=[revocation.pk])
        ).status_code
        == 403
    )


def test_a_process_drafts_a_revocation_which_staff_complete_and_submit(client, world):
    people, host_user, base = world
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        draft = draft_revocation(
            base, RevocationReason.FAILED_REEVALUATION, "复评仍不合格。", origin="整改后复评不合格"
        )
    assert draft.status == RevocationStatus.DRAFT and draft.proposed_by is None
    assert [message.to for message in mail.outbox] == [[people.staff.email]]
    assert "第十二条第（三）项" in mail.outbox[0].body and "整改后复评不合格" in mail.outbox[0].body
    # A second proposal for the same base adds nothing while this one is under way.
    again = draft_revocation(base, RevocationReason.OTHER, "另案", origin="另一来源")
    assert again.pk == draft.pk and Revocation.objects.count() == 1
    # The department of the base does not see a draft; staff do, and complete it.
    client.force_login(people.hohhot)
    edit = reverse("wagtailsnippets_bases_revocation:edit", args=[draft.pk])
    assert client.get(edit).status_code == 404
    client.force_login(people.staff)
    page = client.get(edit).content.decode()
    assert "复评仍不合格。" in page and "整改后复评不合格" in page
    data = revocation_data(
        base, reason=RevocationReason.FAILED_REEVALUATION, facts="复评仍不合格。"
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(edit, data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == RevocationStatus.AWAITING_CONFIRMATION
    assert draft.proposed_by == people.staff
    base.refresh_from_db()
    assert base.status == BaseStatus.ACCREDITED


def reversal_data(**extra):
    return {
        "reversed_on": "2026-12-20",
        "decision_number": "内科发〔2026〕60号",
        "reason": "经复核，该基地已按期纸质报送两年的年度工作总结，原认定事实不成立。",
        "document": SimpleUploadedFile("撤回决定.pdf", PDF, content_type="application/pdf"),
        **extra,
    }


def test_a_wrong_revocation_is_reversed_by_a_recorded_decision_and_announced(client, world):
    people, host_user, base = world
    revocation = propose_revocation(client, people.staff, base)
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(client, people.leader, revocation, "approve", comment="同意撤销。")
    base.refresh_from_db()
    assert base.status == BaseStatus.REVOKED
    reverse_url = reverse("wagtailsnippets_bases_revocation:reverse", args=[revocation.pk])

    # Staff, who proposed it, cannot reverse it (Wagtail's answer to a refusal: its home).
    client.force_login(people.staff)
    refused = client.post(reverse_url, reversal_data())
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    # The leadership must give the decision: a missing file keeps what was typed.
    client.force_login(people.leader)
    inspect = reverse("wagtailsnippets_bases_revocation:inspect", args=[revocation.pk])
    assert reverse_url in client.get(inspect).content.decode()
    response = client.post(reverse_url, reversal_data(document=""))
    html = response.content.decode()
    assert response.status_code == 200 and "请上传撤回决定文件。" in html
    assert "内科发〔2026〕60号" in html
    base.refresh_from_db()
    assert base.status == BaseStatus.REVOKED

    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(reverse_url, reversal_data()).status_code == 302
    revocation.refresh_from_db()
    base.refresh_from_db()
    assert revocation.status == RevocationStatus.REVERSED
    assert revocation.reversal_number == "内科发〔2026〕60号" and revocation.reversal_document
    assert base.status == BaseStatus.ACCREDITED
    change = base.status_changes.latest("pk")
    assert (change.from_status, change.to_status) == ("revoked", "accredited")
    assert "撤回撤销决定（内科发〔2026〕60号）" in change.reason
    # Back in the directory and the alliance; the bar no longer applies; announced; told.
    assert base.name in Client().get("/bases/").content.decode()
    assert AllianceMembership.objects.get(base=base).left_on is None
    assert article_12_revocation_bar(base.host, timezone.localdate()) is None
    notice = NewsPage.objects.live().get(title__contains="撤回撤销")
    assert base.name in notice.title and "原认定事实不成立" in str(notice.body)
    assert any(message.to == [host_user.email] for message in mail.outbox)
    assert ModelLogEntry.objects.filter(action="bases.reverse_revocation").exists()
    # Once only.
    client.post(reverse_url, reversal_data())
    assert NewsPage.objects.filter(title__contains="撤回撤销").count() == 1


def test_a_serious_integrity_record_proposes_the_revocation_of_the_host_s_bases(client, world):
    people, host_user, base = world
    revoked = make_base(host=base.host, name="已撤销的另一基地")
    revoked.change_status(BaseStatus.REVOKED, on=timezone.localdate(), reason="依托单位申请")
    mail.outbox.clear()
    # A minor record proposes nothing; a blacklisting does, for the bases holding a title.
    with TestCase.captureOnCommitCallbacks(execute=True):
        IntegrityRecordFactory(host=base.host, severity="minor")
    assert not Revocation.objects.exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        IntegrityRecordFactory(host=base.host, severity="serious", subject="head")
    revocation = Revocation.objects.get()
    assert revocation.base == base and revocation.status == RevocationStatus.DRAFT
    assert revocation.reason == "12-2" and "单位负责人" in revocation.facts
    assert any(message.to == [people.staff.email] for message in mail.outbox)
