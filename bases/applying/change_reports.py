"""Reporting a major change of a base (Art. 14): the rules the host's pages apply, in one place
so that the pages and the tests share them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bases.applying.annual_reports import bases_of
from bases.models import (
    Base,
    ChangeKind,
    ChangeReport,
    ChangeReportEvent,
    ChangeReportRequest,
    ChangeReportStatus,
)


class ChangeReportError(Exception):
    """An action the rules do not allow; the message is shown to the host."""


def change_reports_of(user):
    """The change reports of the user's own bases: what the host may open, change and submit.
    Any other report is a 404 on the host's pages."""
    return ChangeReport.objects.filter(base__in=bases_of(user))


def attach_changes(bases):
    """Give each of ``bases`` its change reports (newest first) and the department's open
    requests to report a change, for 「我的基地」: two queries, however many bases."""
    by_base = {base.pk: base for base in bases}
    for base in bases:
        base.change_list, base.open_requests = [], []
    for report in ChangeReport.objects.filter(base__in=bases).order_by("-created_at", "-pk"):
        report.base = by_base[report.base_id]  # named in the row, at no further query
        report.base.change_list.append(report)
    for request in ChangeReportRequest.objects.open().filter(base__in=bases).order_by("noticed_on"):
        request.base = by_base[request.base_id]
        request.base.open_requests.append(request)
    return bases


def last_return(report):
    """What the reviewers said when they last returned the report (never an internal note)."""
    return (
        report.events.filter(kind=ChangeReportEvent.Kind.RETURNED)
        .order_by("-created_at", "-pk")
        .first()
    )


@transaction.atomic
def start_change_report(user, base):
    """The base's draft change report: the one the host has begun already, or a new one."""
    if not bases_of(user).filter(pk=base.pk).exists():
        raise ChangeReportError(_("只能为本单位的基地报告重大变更。"))
    # One at a time per base: two clicks must not make two drafts.
    base = Base.objects.select_for_update().get(pk=base.pk)
    if not Base.objects.current().filter(pk=base.pk).exists():
        raise ChangeReportError(_("该基地已被撤销，不能再报告重大变更。"))
    draft = ChangeReport.objects.filter(base=base, status=ChangeReportStatus.DRAFT).first()
    if draft is not None:
        return draft
    report = ChangeReport.objects.create(base=base, author=user, live=False)
    report.record(ChangeReportEvent.Kind.CREATED, user=user)
    return report


def submission_problems(report):
    """What the report lacks before it can be submitted, as {field: message}; ``files`` for
    the evidence."""
    problems = {}
    if not report.kind:
        problems["kind"] = _("请选择变更事项。")
    if not report.effective_on:
        problems["effective_on"] = _("请填写变更日期。")
    if report.kind == ChangeKind.BASE_HEAD and not report.new_head.strip():
        problems["new_head"] = _("报告国合基地负责人变更时，请填写新任负责人的姓名。")
    if not report.description.strip():
        problems["description"] = _("请说明变更的情况。")
    if not report.attachments.current().exists():
        problems["files"] = _("请上传变更的证明材料，如任免文件、并购重组协议或营业执照变更登记。")
    return problems


@transaction.atomic
def submit_change_report(report, user, now=None):
    """Submit (or resubmit) the report into its review. Returns (report, problems); it is
    submitted only if there are none. Fails closed: with no workflow assigned to change
    reports, nothing is submitted. A first submission answers the department's open requests
    to report a change of the base."""
    now = now or timezone.now()
    report = ChangeReport.objects.select_for_update().select_related("base").get(pk=report.pk)
    if not report.is_editable:
        raise ChangeReportError(
            _("该报告当前状态为“%(status)s”，不能提交。") % {"status": report.get_status_display()}
        )
    if not Base.objects.current().filter(pk=report.base_id).exists():
        raise ChangeReportError(_("该基地已被撤销，不能再报告重大变更。"))
    problems = submission_problems(report)
    if problems:
        return report, problems
    resubmission, enter_review = report.review_entry()
    if enter_review is None:
        raise ChangeReportError(_("重大变更报告的审核流程尚未启用，暂不能提交，请联系科技厅。"))
    report.submitted_at = now
    report.save()
    report.save_revision(user=user, log_action=True)
    report.record(
        ChangeReportEvent.Kind.RESUBMITTED if resubmission else ChangeReportEvent.Kind.SUBMITTED,
        user=user,
    )
    ChangeReportRequest.objects.open().filter(base_id=report.base_id).update(
        answered_by=report, answered_at=now
    )
    enter_review(user)
    report.refresh_from_db()  # the step that started has moved it on
    return report, problems
