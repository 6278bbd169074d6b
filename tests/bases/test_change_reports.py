"""Major change reports (Art. 14) through HTTP, on the review engine: the host reports from the
public site, the recommending department returns or passes, the host resubmits into the same
step, and staff decide either outcome — still qualified (the base's record and history take the
change) or no longer qualified (a revocation on Art. 14 is drafted; the base keeps its title
until the leadership confirms). Scoped for every role as accreditation is."""

import datetime

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowContentType

from bases.applying.change_reports import ChangeReportError, submit_change_report
from bases.models import (
    BaseChange,
    BaseStatus,
    ChangeKind,
    ChangeReport,
    ChangeReportEvent,
    ChangeReportStatus,
    Revocation,
    RevocationReason,
    RevocationStatus,
)
from tests.factories import (
    Reviewers,
    act,
    change_report_post_data,
    evidence,
    make_applicant,
    make_base,
    revocation_data,
    submitted_change_report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    people = Reviewers()
    host_user = make_applicant(league="呼和浩特市")
    base = make_base(
        host=host_user.applicant_account.host,
        accredited_on=datetime.date(2022, 6, 1),
        name="草原乳业国际科技合作基地",
        head="王建国",
    )
    return people, host_user, base


def admin_url(name, report):
    return reverse(f"wagtailsnippets_bases_changereport:{name}", args=[report.pk])


def host_starts(client, host_user, base):
    """The host presses 「报告重大变更」 on 「我的基地」; returns the draft."""
    client.force_login(host_user)
    page = client.get(reverse("apply_my_bases")).content.decode()
    assert reverse("apply_change_start", args=[base.pk]) in page and "报告重大变更" in page
    response = client.post(reverse("apply_change_start", args=[base.pk]))
    report = ChangeReport.objects.get(base=base)
    assert response.status_code == 302 and response.url == reverse(
        "apply_change_edit", args=[report.pk]
    )
    return report


def test_a_head_change_is_returned_resubmitted_passed_and_found_still_qualified(client, world):
    people, host_user, base = world
    report = host_starts(client, host_user, base)
    mail.outbox.clear()
    edit = reverse("apply_change_edit", args=[report.pk])
    response = client.post(edit, change_report_post_data("submit", files=[evidence()]))
    assert response.status_code == 302 and response.url == reverse("apply_change", args=[report.pk])
    report.refresh_from_db()
    assert report.status == ChangeReportStatus.RECOMMENDING_REVIEW and report.submitted_at
    assert report.new_head == "李新民" and report.effective_on == datetime.date(2026, 3, 1)
    assert [m.to for m in mail.outbox] == [[people.hohhot.email], [host_user.email]]
    assert "推荐部门审核重大变更报告" in mail.outbox[0].subject

    # The department finds it in its listing and acts from the edit view: no refusal offered.
    client.force_login(people.hohhot)
    listing = client.get(reverse("wagtailsnippets_bases_changereport:list")).content.decode()
    assert admin_url("edit", report) in listing
    page = client.get(admin_url("edit", report)).content.decode()
    assert 'data-workflow-action-name="approve"' in page
    assert 'data-workflow-action-name="reject"' in page
    assert 'data-workflow-action-name="refuse"' not in page
    assert "证明材料" in page and "任免文件.pdf" in page and "王建国" in page  # head now

    mail.outbox.clear()
    act(client, people.hohhot, report, "reject", comment="请补充党委任免文件的文号。")
    report.refresh_from_db()
    assert report.status == ChangeReportStatus.RETURNED
    assert mail.outbox[-1].to == [host_user.email]
    assert "请补充党委任免文件的文号。" in mail.outbox[-1].body

    # The host sees the comment, edits and resubmits: the workflow resumes at the same step.
    client.force_login(host_user)
    assert "请补充党委任免文件的文号。" in client.get(edit).content.decode()
    data = change_report_post_data(
        "submit", description="经依托单位党委研究（党发〔2026〕5号），由李新民同志任基地负责人。"
    )
    assert client.post(edit, data).status_code == 302
    report.refresh_from_db()
    assert report.status == ChangeReportStatus.RECOMMENDING_REVIEW
    assert report.current_workflow_task.name == "推荐部门审核重大变更报告"

    act(client, people.hohhot, report, "approve", comment="情况属实。")
    report.refresh_from_db()
    assert report.status == ChangeReportStatus.AWAITING_DECISION
    assert report.current_workflow_task.name == "科技厅审定重大变更"
    act(client, people.hohhot, report, "approve")  # not the department's to decide
    assert ChangeReport.objects.get(pk=report.pk).status == ChangeReportStatus.AWAITING_DECISION

    mail.outbox.clear()
    client.force_login(people.staff)
    page = client.get(admin_url("edit", report)).content.decode()
    assert "仍符合认定条件" in page and "不再符合认定条件" in page
    act(client, people.staff, report, "approve", comment="变更后仍符合认定条件。")
    report.refresh_from_db()
    base.refresh_from_db()
    assert report.status == ChangeReportStatus.STILL_QUALIFIED and report.live
    assert report.decided_at is not None
    assert base.head == "李新民" and base.status == BaseStatus.ACCREDITED
    change = BaseChange.objects.get(base=base)
    assert change.kind == ChangeKind.BASE_HEAD
    assert (change.previous, change.current) == ("王建国", "李新民")
    assert change.changed_on == datetime.date(2026, 3, 1) and change.change_report == report
    assert change.article == "《管理办法》第十四条"
    assert ModelLogEntry.objects.filter(action="bases.record_change", user=people.staff).exists()
    assert mail.outbox[-1].to == [host_user.email] and "仍符合认定条件" in mail.outbox[-1].subject

    # The public profile shows the new head and the change under 「变更记录」; the status
    # history has no new entry.
    profile = Client().get(f"/bases/{base.pk}/").content.decode()
    assert "基地负责人" in profile and "李新民" in profile and "王建国" not in profile
    assert "变更记录" in profile and "国合基地负责人变更为李新民" in profile
    assert base.status_changes.count() == 1
    # The host's description stays private.
    assert "党发〔2026〕5号" not in profile

    assert list(report.events.values_list("kind", flat=True)) == [
        ChangeReportEvent.Kind.CREATED,
        ChangeReportEvent.Kind.SUBMITTED,
        ChangeReportEvent.Kind.STEP_STARTED,
        ChangeReportEvent.Kind.RETURNED,
        ChangeReportEvent.Kind.RESUBMITTED,
        ChangeReportEvent.Kind.STEP_STARTED,  # the same step, again
        ChangeReportEvent.Kind.STEP_PASSED,
        ChangeReportEvent.Kind.STEP_STARTED,
        ChangeReportEvent.Kind.STEP_PASSED,
        ChangeReportEvent.Kind.STILL_QUALIFIED,
    ]
    # Decided is read-only for the host.
    client.force_login(host_user)
    assert client.get(edit).url == reverse("apply_change", args=[report.pk])
    detail = client.get(reverse("apply_change", args=[report.pk])).content.decode()
    assert "已审定的报告不能再修改" in detail and "情况属实。" in detail
    with pytest.raises(ChangeReportError):
        submit_change_report(report, host_user)


def test_a_merger_with_a_new_name_renames_the_host_on_the_profile(client, world):
    people, host_user, base = world
    report = submitted_change_report(
        host_user, base, kind=ChangeKind.MERGER, new_host_name="内蒙古草原乳业集团有限公司"
    )
    act(client, people.hohhot, report, "approve")
    act(client, people.staff, report, "approve")
    base.refresh_from_db()
    assert base.host.name == "内蒙古草原乳业集团有限公司"
    profile = Client().get(f"/bases/{base.pk}/").content.decode()
    assert "内蒙古草原乳业集团有限公司" in profile
    assert "依托单位名称变更为内蒙古草原乳业集团有限公司" in profile


def test_a_base_found_no_longer_qualified_gets_a_draft_revocation_on_article_14(client, world):
    people, host_user, base = world
    report = submitted_change_report(
        host_user,
        base,
        kind=ChangeKind.BUSINESS,
        description="依托单位已转为房地产开发，不再从事乳业研发。",
    )
    act(client, people.hohhot, report, "approve")
    # A refusal needs its reason.
    act(client, people.staff, report, "refuse", comment="")
    assert ChangeReport.objects.get(pk=report.pk).status == ChangeReportStatus.AWAITING_DECISION
    mail.outbox.clear()
    act(client, people.staff, report, "refuse", comment="已无国际科技合作的机构和人员。")
    report.refresh_from_db()
    base.refresh_from_db()
    assert report.status == ChangeReportStatus.NO_LONGER_QUALIFIED and not report.live
    revocation = Revocation.objects.get(base=base)
    assert report.revocation == revocation
    assert revocation.status == RevocationStatus.DRAFT
    assert revocation.reason == RevocationReason.NO_LONGER_QUALIFIED
    assert "不再从事乳业研发" in revocation.facts and "已无国际科技合作" in revocation.facts
    origin = revocation.events.get().message
    assert origin == "重大变更报告审定：不再符合认定条件"
    # Nothing changes for the base until the leadership confirms.
    assert base.status == BaseStatus.ACCREDITED and not BaseChange.objects.exists()
    assert "已认定" in Client().get(f"/bases/{base.pk}/").content.decode()
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted([host_user.email, people.staff.email])
    host_mail = next(m for m in mail.outbox if m.to == [host_user.email])
    assert "已不符合认定条件" in host_mail.subject and "领导小组确认之前" in host_mail.body
    client.force_login(host_user)
    detail = client.get(reverse("apply_change", args=[report.pk])).content.decode()
    assert "不再符合认定条件" in detail and "已无国际科技合作的机构和人员。" in detail
    # Staff see the revocation from the report's page.
    client.force_login(people.staff)
    inspect = client.get(admin_url("inspect", report)).content.decode()
    assert reverse("wagtailsnippets_bases_revocation:edit", args=[revocation.pk]) in inspect

    # Staff complete the draft, the leadership confirms: only now is the base revoked.
    edit = reverse("wagtailsnippets_bases_revocation:edit", args=[revocation.pk])
    data = revocation_data(
        base, reason=RevocationReason.NO_LONGER_QUALIFIED, facts=revocation.facts
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(edit, data).status_code == 302
    base.refresh_from_db()
    assert base.status == BaseStatus.ACCREDITED
    act(client, people.leader, revocation, "approve")
    base.refresh_from_db()
    assert base.status == BaseStatus.REVOKED
    assert base.revocation().article == "《管理办法》第十四条"


def test_each_role_sees_only_its_own_change_reports(client, world):
    people, host_user, base = world
    report = submitted_change_report(host_user, base)
    attachment = report.attachments.get()
    other_host = make_applicant(league="包头市")
    other_base = make_base(host=other_host.applicant_account.host, league="包头市")
    client.force_login(other_host)
    client.post(reverse("apply_change_start", args=[other_base.pk]))
    draft = ChangeReport.objects.get(base=other_base)

    for user, expected in [
        (people.staff, 200),
        (people.leader, 200),
        (people.hohhot, 200),
        (people.baotou, 404),  # another department's base
        (people.experts[0], 403),  # experts have no part in change reports
    ]:
        client.force_login(user)
        assert client.get(admin_url("inspect", report)).status_code == expected, user
    # The edit view, where the step is acted on: the department's now; never another's.
    client.force_login(people.hohhot)
    assert client.get(admin_url("edit", report)).status_code == 200
    client.force_login(people.baotou)
    assert client.get(admin_url("edit", report)).status_code == 404
    # A draft stays the host's own, even from its recommending department.
    client.force_login(people.baotou)
    assert client.get(admin_url("inspect", draft)).status_code == 404
    listing = client.get(reverse("wagtailsnippets_bases_changereport:list")).content.decode()
    assert base.name not in listing and other_base.name not in listing
    # Nor can a department delete, unpublish or revert what it may see.
    client.force_login(people.hohhot)
    assert client.get(admin_url("delete", report)).status_code == 403
    assert client.get(admin_url("history", report)).status_code == 200

    # The files: the host, staff and the base's department; not another department or host.
    file_url = reverse("apply_change_file", args=[attachment.pk])
    for user, expected in [
        (host_user, 200),
        (people.staff, 200),
        (people.hohhot, 200),
        (people.baotou, 404),
        (other_host, 404),
    ]:
        client.force_login(user)
        assert client.get(file_url).status_code == expected, user
    # The host's pages of another host's report are a 404.
    client.force_login(other_host)
    for name in ("apply_change", "apply_change_edit"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404
    assert client.post(reverse("apply_change_start", args=[base.pk])).status_code == 404
    client.logout()
    assert "/login/" in client.get(reverse("apply_change", args=[report.pk])).url


def test_bad_input_is_answered_on_the_form_and_keeps_what_was_typed(client, world):
    people, host_user, base = world
    report = host_starts(client, host_user, base)
    edit = reverse("apply_change_edit", args=[report.pk])
    program = evidence("任免文件.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    data = change_report_post_data(
        "save",
        files=[program, evidence("党委会议纪要.pdf")],
        effective_on="2021-13-40",
        new_head="王建国",
        description="描述保留",
    )
    response = client.post(edit, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "请输入有效的日期" in html and "不是允许的格式" in html
    assert "描述保留" in html  # what was typed stays on the form
    report.refresh_from_db()
    assert report.description == ""  # and nothing of an invalid form is stored
    # The acceptable file of the same upload was kept.
    assert list(report.attachments.values_list("original_name", flat=True)) == ["党委会议纪要.pdf"]

    for day, error in [("2030-01-01", "不能晚于今天"), ("2020-01-01", "不能早于基地的认定日期")]:
        html = client.post(edit, change_report_post_data(effective_on=day)).content.decode()
        assert error in html
    html = client.post(edit, change_report_post_data(new_head="王建国")).content.decode()
    assert "新任负责人与现任负责人相同" in html
    html = client.post(edit, change_report_post_data(kind="nonsense")).content.decode()
    assert "请选择有效的变更事项" in html

    # Submitting an incomplete report: the draft is saved, each gap shown on its field.
    report.attachments.all().delete()
    response = client.post(edit, change_report_post_data("submit", new_head="", description=""))
    html = response.content.decode()
    assert "报告国合基地负责人变更时，请填写新任负责人的姓名。" in html
    assert "请说明变更的情况。" in html and "请上传变更的证明材料" in html
    report.refresh_from_db()
    assert report.status == ChangeReportStatus.DRAFT and report.effective_on is not None
    # Only the fields of the reported kind are stored.
    client.post(edit, change_report_post_data(kind=ChangeKind.BUSINESS, new_host_name="某公司"))
    report.refresh_from_db()
    assert (report.kind, report.new_head, report.new_host_name) == (ChangeKind.BUSINESS, "", "")


def test_submission_fails_closed_without_a_workflow_and_a_revoked_base_reports_no_more(
    client, world
):
    people, host_user, base = world
    report = host_starts(client, host_user, base)
    client.post(
        reverse("apply_change_edit", args=[report.pk]), change_report_post_data(files=[evidence()])
    )
    WorkflowContentType.objects.filter(content_type__model="changereport").delete()
    with pytest.raises(ChangeReportError, match="审核流程尚未启用"):
        submit_change_report(report, host_user)
    report.refresh_from_db()
    assert report.status == ChangeReportStatus.DRAFT and report.submitted_at is None

    base.change_status(BaseStatus.REVOKED, on=datetime.date(2026, 5, 1), reason="撤销")
    page = client.get(reverse("apply_my_bases")).content.decode()
    assert reverse("apply_change_start", args=[base.pk]) not in page
    response = client.post(reverse("apply_change_start", args=[base.pk]))
    assert response.url == reverse("apply_my_bases")
    assert client.get(reverse("apply_change_edit", args=[report.pk])).status_code == 302
