"""The demo's oversight of the accredited bases (Art. 9, 12), made by the reviewers' own
actions: last year's assessment round, confirmed, with all three grades; the 优秀 bases
commended; one 不合格 base noticed and under rectification until its deadline (its host's
account can write the report); one base revoked at its host's request and awaiting the return
of its plaque; and the record of the base revoked two years ago (Art. 12(四)) with its
announcement and its plaque returned."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from bases.demo.applications import applicant, docx
from bases.models import (
    AssessmentGrade,
    AssessmentRound,
    Base,
    BaseStatus,
    Revocation,
    RevocationReason,
    RevocationStatus,
)
from bases.review.announcements import AnnouncementEvent, announce
from bases.review.assessments import commend, prefill
from bases.review.revocations import draft_revocation, record_plaque_return

RECTIFYING_ACCOUNT = "zhenggai@example.org"


def _act(subject, user, action, **data):
    subject = type(subject).objects.get(pk=subject.pk)
    task_state = subject.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, **data)


def _documents(revocation, number):
    for field, title in (("evidence", "核查材料"), ("decision_document", "撤销决定")):
        content = docx(f"{revocation.base.name}{title}", ["事实", "依据", "结论"])
        getattr(revocation, field).save(f"{title}.docx", ContentFile(content), save=False)
        setattr(revocation, f"{field}_name", f"{title}.docx")
    revocation.decision_number = number
    revocation.save()


def _assessment_round(staff, leader, year, today):
    assessment_round = AssessmentRound.objects.create(
        year=year,
        rectification_deadline=today + datetime.timedelta(days=120),
        notes="依据各基地已备案的年度工作总结，结合实地抽查，按百分制评定。",
        opened_by=staff,
        live=False,
    )
    prefill(assessment_round, staff)
    assessment_round.refresh_from_db()  # the revision prefill saved, with the bases
    draft = assessment_round.get_latest_revision_as_object()
    rows = sorted(draft.assessments.all(), key=lambda a: -(a.figures.get("papers") or 0))
    # The base that fails: the weakest of those whose summary was filed (the bases without one
    # are the annual report demo's: returned, waiting, silent).
    failing = next(
        row
        for row in reversed(rows)
        if "papers" in row.figures and row.base.status == BaseStatus.ACCREDITED
    )
    for index, row in enumerate(rows):
        if row is failing:
            row.score, row.grade = 55, AssessmentGrade.FAILED
            row.comments = "国际合作项目进展缓慢，年度计划的两项目标未完成，合作协议未实际执行"
        elif index < 2:
            row.score, row.grade = 94 - index, AssessmentGrade.EXCELLENT
            row.comments = "合作成效显著，示范带动作用突出"
        else:
            row.score, row.grade = 70 + (index * 7) % 20, AssessmentGrade.PASSED
    revision = draft.save_revision(user=staff, clean=False)
    assessment_round.get_workflow().start(assessment_round, staff)
    _act(assessment_round, leader, "approve", comment="同意考核结果。")
    commend(assessment_round, staff)
    return revision, failing.base


def load_demo_oversight(password):
    """Once: a second run finds the round and leaves it be. Returns the accounts to print."""
    today = timezone.localdate()
    year = today.year - 1
    if AssessmentRound.objects.filter(year=year).exists():
        return []
    users = get_user_model().objects
    staff, leader = users.get(username="staff"), users.get(username="leader")
    _revision, rectifying = _assessment_round(staff, leader, year, today)
    applicant(RECTIFYING_ACCOUNT, password, host=rectifying.host)

    # A host asked for its base's revocation (Art. 12(七)); the plaque is still to come back.
    asking = (
        Base.objects.current()
        .filter(status=BaseStatus.ACCREDITED, accreditation_date__year__lt=year)
        .exclude(pk=rectifying.pk)
        .order_by("-pk")
        .first()
    )
    revocation = draft_revocation(
        asking,
        RevocationReason.HOST_REQUEST,
        "依托单位因业务调整，书面申请撤销其国合基地资格。",
        origin="依托单位书面申请",
        user=staff,
    )
    _documents(revocation, f"内科发〔{today.year}〕52号")
    revocation.save_revision(user=staff)
    Revocation.objects.filter(pk=revocation.pk).update(proposed_by=staff)
    revocation.get_workflow().start(revocation, staff)
    _act(revocation, leader, "approve", comment="同意撤销。")

    # The base revoked two years ago for reporting nothing (its status history is the
    # registry's): its revocation on record, announced, the plaque returned.
    revoked = Base.objects.filter(status=BaseStatus.REVOKED).exclude(pk=asking.pk).first()
    if revoked is not None and not revoked.revocations.exists():
        change = revoked.revocation()
        past = Revocation(
            base=revoked,
            reason=RevocationReason.NO_ANNUAL_SUMMARY,
            facts="经核查，该基地连续两年未提交年度工作总结。",
            status=RevocationStatus.CONFIRMED,
            revoked_on=change.changed_on,
            proposed_by=staff,
        )
        _documents(past, f"内科发〔{change.changed_on.year}〕88号")
        past.save_revision(user=staff)
        announce(revoked, AnnouncementEvent.REVOCATION, on=change.changed_on, user=staff)
        record_plaque_return(past, change.changed_on + datetime.timedelta(days=20), staff)
    return [(RECTIFYING_ACCOUNT, f"依托单位：{rectifying.name}（考核不合格，整改中）")]
