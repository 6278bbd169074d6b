"""What the department's decision on a major change report does (Art. 14), each once and in the
decision step's transaction, and the mail at every step.

- Still qualified (the last step passes and Wagtail publishes the report): the base's record
  takes the change as reported (the new head, the host's new name), an entry is added to the
  base's history of changes (``BaseChange``, the profile's 「变更记录」; its status history is
  untouched), the audit log records it and the host is told.
- No longer qualified (the decision step's refusal): a revocation on Art. 14 is drafted with the
  facts (``draft_revocation``), which staff complete and the leadership confirms; the base keeps
  its title until then. The host is told.

A staff request to report an unreported change (``ChangeReportRequest``) is mailed to the host
from here too."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from bases.models.bases import TITLE_HOLDING_STATUSES, Base, BaseChange, ChangeKind
from bases.models.change_reports import ChangeReport, ChangeReportEvent, ChangeReportStatus
from bases.models.review_steps import announce_transition
from bases.models.revocations import RevocationReason
from bases.review.notifications import host_addresses
from bases.review.revocations import draft_revocation
from portal.mail import SIGNATURE, SUBJECT_PREFIX, send

ORIGIN = "重大变更报告审定：不再符合认定条件"

HOST_SUBJECTS = {
    ChangeReportEvent.Kind.STEP_STARTED: "进入“{step}”环节",
    ChangeReportEvent.Kind.RETURNED: "被退回修改",
    ChangeReportEvent.Kind.STILL_QUALIFIED: "经审定仍符合认定条件",
    ChangeReportEvent.Kind.REFUSED: "经审定已不符合认定条件",
}


def _date(day):
    return f"{day:%Y年%-m月%-d日}" if day else "（未填写）"


@transaction.atomic
def record_still_qualified(report, user=None):
    """The base still qualifies after the change: write it into the base's record and history.
    Idempotent: a second call changes nothing."""
    report = ChangeReport.objects.select_for_update().get(pk=report.pk)
    if report.status == ChangeReportStatus.STILL_QUALIFIED:
        return report
    base = Base.objects.select_for_update().select_related("host").get(pk=report.base_id)
    previous = current = ""
    if report.kind == ChangeKind.BASE_HEAD:
        previous, current = base.head, report.new_head
        base.head = report.new_head
        summary = f"国合基地负责人变更为{report.new_head}"
    elif report.kind == ChangeKind.MERGER:
        summary = "依托单位发生并购、重组"
        new_name = report.new_host_name.strip()
        if new_name and new_name != base.host.name:
            previous, current = base.host.name, new_name
            base.host.name = new_name
            base.host.save(update_fields=["name"])
            summary += f"，依托单位名称变更为{new_name}"
    else:
        summary = "依托单位经营业务发生重大变化"
    base.save()  # the profile and the search index read the new head and host name
    change = BaseChange.objects.create(
        base=base,
        kind=report.kind,
        changed_on=report.effective_on or timezone.localdate(),
        summary=f"{summary}，经科技厅审定仍符合认定条件",
        previous=previous,
        current=current,
        change_report=report,
        recorded_by=user,
    )
    report.move_to(ChangeReportStatus.STILL_QUALIFIED, decided_at=timezone.now())
    report.record(ChangeReportEvent.Kind.STILL_QUALIFIED, user=user)
    log(
        instance=base,
        action="bases.record_change",
        user=user,
        data={"change_report": report.pk, "kind": report.kind, "summary": change.summary},
    )
    announce_transition(report, ChangeReportEvent.Kind.STILL_QUALIFIED, user=user)
    return report


def record_on_publish(sender, instance, revision=None, user=None, **kwargs):
    """Wagtail publishes a change report when its last step passes: the department found that
    the base still qualifies (connected to ``wagtail.signals.published`` in
    ``BasesConfig.ready``)."""
    if isinstance(instance, ChangeReport):
        record_still_qualified(instance, user=user)


def no_longer_qualified(report, user, reason):
    """Art. 14: after the change the base no longer meets its conditions. Draft the revocation
    (or find the one under way) and link it to the report; nothing changes for the base until
    the leadership confirms. Called by the decision step inside its transaction."""
    base = report.base
    facts = (
        f"{base.name}的依托单位报告{report.get_kind_display()}（变更日期：{_date(report.effective_on)}）："
        f"{report.description.strip()}\n科技厅审定认为变更后已不符合认定条件：{reason.strip()}"
    )
    revocation = None
    if base.status in TITLE_HOLDING_STATUSES:
        revocation = draft_revocation(
            base, RevocationReason.NO_LONGER_QUALIFIED, facts, origin=ORIGIN, user=user
        )
        report.move_to(report.status, revocation=revocation)
    log(
        instance=report,
        action="bases.change_no_longer_qualified",
        user=user,
        data={"revocation": revocation.pk if revocation else None},
    )
    return revocation


def _base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def on_change_report_transition(sender, subject, event, task=None, user=None, message="", **kwargs):
    """Mail the people of the step a report reaches, and the host at every turn."""
    if sender is not ChangeReport:
        return
    report = subject
    step = task.name if task is not None else ""
    if event == ChangeReportEvent.Kind.STEP_STARTED and task is not None:
        recipients = sorted(
            {
                actor.email
                for actor in task.actors(report).exclude(pk=getattr(user, "pk", None))
                if actor.email
            }
        )
        url = _base_url() + reverse("wagtailsnippets_bases_changereport:edit", args=[report.pk])
        body = "\n".join(
            [
                f"“{report}”已进入“{step}”环节，请及时办理（《管理办法》第十四条）。",
                "",
                f"办理地址：{url}",
                "",
                SIGNATURE,
            ]
        )
        if recipients:
            send(f"{SUBJECT_PREFIX}待办：“{report}”{step}", body, recipients)
    if event not in HOST_SUBJECTS:
        return
    what = HOST_SUBJECTS[event].format(step=step)
    lines = [f"{report.base.host.name}：", "", f"贵单位报送的“{report}”{what}。"]
    if event == ChangeReportEvent.Kind.STILL_QUALIFIED:
        lines += ["变更已记入基地的变更记录，基地简介已按报告的内容更新。"]
    elif event == ChangeReportEvent.Kind.REFUSED:
        lines += [
            "依据《管理办法》第十四条，变更后已不符合认定条件的，取消其国合基地资格，并收回所授牌匾。",
            "科技厅将办理撤销资格的程序；在科技厅领导小组确认之前，基地的资格不变。",
        ]
    if message:
        lines += ["", f"意见：{message}"]
    url = _base_url() + reverse("apply_change", args=[report.pk])
    lines += ["", f"请登录「我的基地」查看：{url}", "", SIGNATURE]
    send(f"{SUBJECT_PREFIX}“{report}”{what}", "\n".join(lines), host_addresses(report.base))


def mail_request(change_request):
    """Tell the host that the department asks it to report a change (Art. 14). Returns whether
    the mail server took the mail."""
    base = change_request.base
    url = _base_url() + reverse("apply_my_bases")
    lines = [
        f"{base.host.name}：",
        "",
        f"科技厅于{_date(change_request.noticed_on)}获悉{base.name}可能发生重大变更：",
        change_request.learned,
        "",
        "依据《管理办法》第十四条，国合基地负责人变更、依托单位发生并购或重组、依托单位经营业务"
        "发生重大变化的，应及时上报科技厅。请登录「我的基地」，报告重大变更并上传证明材料：",
        url,
        "",
        SIGNATURE,
    ]
    return send(
        f"{SUBJECT_PREFIX}科技厅要求报告{base.name}的重大变更",
        "\n".join(lines),
        host_addresses(base),
    )
