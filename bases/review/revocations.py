"""What a confirmed revocation does (Art. 12, 14), once and in one transaction: the base is
revoked (never deleted) with the article and the reason in its status history, so it leaves
the directory and the alliance and the host's three-year bar starts (the application rules
read that history); its plaque is marked 待收回 until staff record its return; the revocation
announcement is published; the audit log records who did it."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from bases.models import BaseStatus
from bases.models.review_steps import announce_transition
from bases.models.revocations import Revocation, RevocationEvent, RevocationReason, RevocationStatus
from bases.review.announcements import TITLE, AnnouncementEvent, announce
from bases.review.notifications import host_addresses
from bases.review.roles import holders_of
from portal.mail import SIGNATURE, SUBJECT_PREFIX, send

# Reasons 7 and 8 are not the base's failings: their announcement says what happened.
LEADS = {
    RevocationReason.HOST_REQUEST: (
        "根据依托单位{host}的申请，依据{article}，经研究决定，撤销{name}的{title}资格，"
        "收回所授牌匾。"
    ),
    RevocationReason.HOST_DISSOLVED: (
        "鉴于依托单位{host}已被依法终止，依据{article}，经研究决定，撤销{name}的{title}资格，"
        "收回所授牌匾。"
    ),
}


@transaction.atomic
def revoke(revocation, user=None, on=None):
    """Carry out a confirmed revocation. Idempotent: a second call changes nothing."""
    revocation = (
        Revocation.objects.select_for_update().select_related("base__host").get(pk=revocation.pk)
    )
    if revocation.status == RevocationStatus.CONFIRMED:
        return revocation
    on = on or timezone.localdate()
    base = revocation.base
    reason = revocation.reason_choice
    base.change_status(
        BaseStatus.REVOKED,
        on=on,
        reason=f"{reason.label}。{revocation.facts}（{revocation.decision_number}）",
        article=reason.article,
        user=user,
    )
    revocation.move_to(RevocationStatus.CONFIRMED, revoked_on=on)
    revocation.record(RevocationEvent.Kind.REVOKED, user=user)
    lead = LEADS.get(reason, "")
    if lead:
        lead = lead.format(host=base.host.name, article=reason.article, name=base.name, title=TITLE)
    announce(base, AnnouncementEvent.REVOCATION, on=on, details=lead, user=user)
    log(instance=base, action="bases.revoke", user=user, data={"article": reason.article})
    announce_transition(revocation, RevocationEvent.Kind.REVOKED, user=user)
    return revocation


@transaction.atomic
def draft_revocation(base, reason, facts, origin, user=None):
    """Propose a revocation on ``reason`` from another process (a failed re-evaluation, a major
    change after which the base no longer qualifies, an integrity record): a draft with the
    facts, which staff complete with the evidence and the decision document and submit to the
    leadership; nothing changes for the base until the leadership confirms. Staff who propose
    revocations are mailed. If a revocation is already under way for the base, that one is
    returned and nothing is added."""
    from bases.models import Base

    Base.objects.select_for_update().get(pk=base.pk)  # one proposal at a time per base
    under_way = Revocation.objects.under_way().filter(base=base).first()
    if under_way is not None:
        return under_way
    revocation = Revocation(base=base, reason=reason, facts=facts, live=False)
    revocation.save()
    revocation.save_revision(user=user, clean=False)  # the documents are added by staff
    revocation.record(RevocationEvent.Kind.PROPOSED, user=user, message=origin)
    log(instance=revocation, action="wagtail.create", user=user, data={"origin": origin})
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_bases_revocation:edit", args=[revocation.pk]
    )
    recipients = [u.email for u in holders_of("bases.add_revocation") if u.email]
    transaction.on_commit(
        lambda: send(
            f"{SUBJECT_PREFIX}待办：{revocation.name}（撤销建议待补充材料）",
            "\n".join(
                [
                    f"{origin}，系统已依据{RevocationReason(reason).article}提出{revocation.name}"
                    "的建议（草稿）。",
                    "请补充证据材料、撤销决定文件和文号后提交领导小组确认；确认前基地状态不变。",
                    "",
                    f"办理地址：{url}",
                    "",
                    SIGNATURE,
                ]
            ),
            recipients,
        )
    )
    return revocation


def propose_on_integrity_record(sender, instance, created=False, **kwargs):
    """Art. 12(二): a serious integrity record (blacklisting) of a host or its head proposes
    the revocation of each of its bases that holds a title. Connected to ``post_save`` of
    ``ResearchIntegrityRecord`` in ``BasesConfig.ready``."""
    from bases.models import Base, ResearchIntegrityRecord

    if instance.severity != ResearchIntegrityRecord.Severity.SERIOUS or instance.lifted_on:
        return
    facts = (
        f"{instance.get_subject_display()}于{instance.listed_on:%Y年%-m月%-d日}经{instance.authority}"
        f"认定严重违背科研诚信要求，被列入黑名单：{instance.description}"
    )
    for base in Base.objects.current().filter(host_id=instance.host_id):
        draft_revocation(
            base,
            RevocationReason.INTEGRITY_BLACKLIST,
            facts,
            origin=f"{instance.host.name}的科研诚信记录（列入黑名单）",
        )


def revoke_on_publish(sender, instance, revision=None, user=None, **kwargs):
    """Connected to ``wagtail.signals.published`` in ``BasesConfig.ready``."""
    if isinstance(instance, Revocation):
        revoke(instance, user=user)


class ReversalError(Exception):
    """A reversal the rules do not allow; the message is shown to the user."""


@transaction.atomic
def reverse_revocation(revocation, *, on, reason, number, document, user=None):
    """Correct a wrong revocation by the recorded decision ``number`` (with its ``document``):
    the base returns to the status it had before (recorded in its status history, so it
    is back in the directory and the alliance, and the three-year bar no longer applies), the
    revocation is marked 已撤回, and the correction is announced. Once only."""
    revocation = (
        Revocation.objects.select_for_update().select_related("base__host").get(pk=revocation.pk)
    )
    if revocation.status != RevocationStatus.CONFIRMED:
        raise ReversalError("只能撤回已生效的撤销决定。")
    base = revocation.base
    change = base.revocation()
    if change is None:
        raise ReversalError("该基地当前不是已撤销状态。")
    restored = BaseStatus(change.from_status or BaseStatus.ACCREDITED)
    base.change_status(
        restored,
        on=on,
        reason=f"撤回撤销决定（{number}）：{reason}",
        article=revocation.reason_choice.article,
        user=user,
        correcting=True,
    )
    name = document.name
    revocation.reversal_document.save(name, document, save=False)
    revocation.move_to(
        RevocationStatus.REVERSED,
        reversed_on=on,
        reversal_reason=reason,
        reversal_number=number,
        reversal_document=revocation.reversal_document.name,
        reversal_document_name=name,
        reversed_by=user,
    )
    revocation.record(RevocationEvent.Kind.REVERSED, user=user, message=f"{number}：{reason}")
    details = (
        f"{revocation.revoked_on:%Y年%-m月%-d日}，科技厅依据{revocation.reason_choice.article}"
        f"作出撤销{base.name}{TITLE}资格的决定（{revocation.decision_number}）。经复核，"
        f"该决定有误：{reason.rstrip('。')}。依据{number}，撤回该撤销决定。"
    )
    announce(base, AnnouncementEvent.REVOCATION_REVERSAL, on=on, details=details, user=user)
    log(instance=base, action="bases.reverse_revocation", user=user, data={"number": number})
    announce_transition(revocation, RevocationEvent.Kind.REVERSED, user=user)
    return revocation


@transaction.atomic
def record_plaque_return(revocation, on, user=None):
    revocation = Revocation.objects.select_for_update().get(pk=revocation.pk)
    if revocation.status != RevocationStatus.CONFIRMED or revocation.plaque_returned_on:
        return revocation
    revocation.move_to(revocation.status, plaque_returned_on=on)
    revocation.record(
        RevocationEvent.Kind.PLAQUE_RETURNED, user=user, message=f"{on:%Y年%-m月%-d日}"
    )
    log(instance=revocation.base, action="bases.plaque_returned", user=user)
    return revocation


def on_revocation_transition(sender, subject, event, task=None, user=None, message="", **kwargs):
    """Mail the leadership when a revocation waits for it, the proposer when it is returned
    or not confirmed, and the host's accounts when the title is revoked."""
    if sender is not Revocation:
        return
    revocation = subject
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    admin_url = base_url + reverse("wagtailsnippets_bases_revocation:edit", args=[revocation.pk])
    if event == RevocationEvent.Kind.STEP_STARTED and task is not None:
        recipients = [actor.email for actor in task.actors(revocation) if actor.email]
        send(
            f"{SUBJECT_PREFIX}待办：{revocation.name}（{task.name}）",
            "\n".join(
                [
                    f"{revocation}待确认，事由：{revocation.get_reason_display()}。",
                    "",
                    f"办理地址：{admin_url}",
                    "",
                    SIGNATURE,
                ]
            ),
            recipients,
        )
    elif event in (RevocationEvent.Kind.RETURNED, RevocationEvent.Kind.REFUSED):
        proposer = revocation.proposed_by
        what = "被退回修改" if event == RevocationEvent.Kind.RETURNED else "未获确认（不予撤销）"
        lines = [f"{revocation.name}{what}。"]
        if message:
            lines += ["", f"意见：{message}"]
        lines += ["", f"查看：{admin_url}", "", SIGNATURE]
        send(
            f"{SUBJECT_PREFIX}{revocation.name}{what}",
            "\n".join(lines),
            [proposer.email] if proposer else [],
        )
    elif event == RevocationEvent.Kind.REVOKED:
        base = revocation.base
        addresses = host_addresses(base)
        lines = [
            f"{base.host.name}：",
            "",
            f"根据{revocation.reason_choice.article}，科技厅决定撤销{base.name}的国合基地资格"
            f"（{revocation.decision_number}），请将所授牌匾交回科技厅。",
            "被撤销国合基地资格者，三年内不得再次提出认定申请。",
            "",
            SIGNATURE,
        ]
        send(f"{SUBJECT_PREFIX}关于撤销{base.name}国合基地资格的通知", "\n".join(lines), addresses)
    elif event == RevocationEvent.Kind.REVERSED:
        base = revocation.base
        addresses = host_addresses(base)
        lines = [
            f"{base.host.name}：",
            "",
            f"科技厅已撤回撤销{base.name}国合基地资格的决定（{revocation.reversal_number}），"
            "恢复其国合基地资格。",
            f"理由：{revocation.reversal_reason}",
            "",
            SIGNATURE,
        ]
        send(f"{SUBJECT_PREFIX}关于恢复{base.name}国合基地资格的通知", "\n".join(lines), addresses)
