"""The annual assessment's effects (Art. 9, 12), each once and in one transaction:

- ``prefill``: a new round gets one assessment per base that held its title in the year, with
  the figures of its filed summary and its plan's targets;
- ``confirm_results``: the leadership's confirmation publishes the round; every 不合格 base gets
  its public 通报, becomes 整改中 and is asked for a rectification report by the deadline;
- ``commend``: staff commend the round's 优秀 bases, each with a 表彰 record and a 通知公告;
- ``pass_reevaluation`` / ``fail_reevaluation``: a passed re-evaluation returns the base to
  已认定; a failed one proposes its revocation on Art. 12(三) (``revocations.draft_revocation``).

Mail goes to the host's accounts and to the people of the next step once the transaction has
committed (``on_assessment_transition``)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from bases.models import (
    AnnualReport,
    Assessment,
    AssessmentEvent,
    AssessmentGrade,
    AssessmentRound,
    AssessmentRoundStatus,
    Base,
    BaseStatus,
    Commendation,
    Rectification,
    RectificationEvent,
    RectificationStatus,
    ReportKind,
    RevocationReason,
)
from bases.models.bases import TITLE_HOLDING_STATUSES
from bases.models.review_steps import announce_transition
from bases.review.announcements import AnnouncementEvent, announce
from bases.review.notifications import host_addresses
from bases.review.revocations import draft_revocation
from portal.mail import SIGNATURE, SUBJECT_PREFIX, send

ARTICLE = "《管理办法》第十二条第（三）项"


def assessed_bases(year):
    """The bases a round for ``year`` assesses: those holding their title now that were
    accredited by the end of the year."""
    return Base.objects.filter(
        status__in=TITLE_HOLDING_STATUSES, accreditation_date__lte=datetime.date(year, 12, 31)
    )


def _figures(summary, plan):
    figures = {"summary": summary.get_status_display() if summary else "未备案"}
    if summary is not None:
        figures["projects"] = summary.project_count
        figures["agreements"] = summary.agreement_count
        for name in AnnualReport.FIGURES:
            figures[name] = getattr(summary, name)
    results = {}
    if summary is not None:
        results = {result.goal_id: result for result in summary.goal_results.all()}
    figures["goals"] = [
        {
            "goal": goal.goal,
            "indicator": goal.indicator,
            "target": str(goal.target.normalize()),
            "unit": goal.unit,
            "achieved": str(results[goal.pk].achieved.normalize()) if goal.pk in results else "",
        }
        for goal in (plan.goals.all() if plan else [])
    ]
    return figures


@transaction.atomic
def prefill(assessment_round, user=None):
    """One assessment per assessed base, with its figures; bases already in the round are
    left as they are. A fixed number of queries per round (the prefetches), not per base.
    The rows are saved in a new revision too: the round's edit page, where staff grade them,
    shows the latest revision."""
    year = assessment_round.year
    present = set(assessment_round.assessments.values_list("base_id", flat=True))
    bases = list(assessed_bases(year).exclude(pk__in=present).order_by("name_pinyin", "pk"))
    # Only what the department filed counts: a plan's targets, a summary's figures.
    reports = (
        AnnualReport.objects.filter(base__in=bases, year=year, kind=ReportKind.PLAN)
        .filed()
        .prefetch_related("goals")
    )
    plans = {report.base_id: report for report in reports}
    summaries = {
        report.base_id: report
        for report in AnnualReport.objects.filter(
            base__in=bases, year=year, kind=ReportKind.SUMMARY
        )
        .filed()
        .annotate(
            project_count=Count("projects", distinct=True),
            agreement_count=Count("agreements", distinct=True),
        )
        .prefetch_related("goal_results")
    }
    Assessment.objects.bulk_create(
        Assessment(
            round=assessment_round,
            base=base,
            summary=summaries.get(base.pk),
            figures=_figures(summaries.get(base.pk), plans.get(base.pk)),
        )
        for base in bases
    )
    assessment_round = AssessmentRound.objects.get(pk=assessment_round.pk)
    assessment_round.save_revision(user=user, clean=False)
    return len(bases)


FAILED_DETAILS = (
    "{year}年度考核不合格。{comments}请依托单位于{deadline:%Y年%-m月%-d日}前完成整改并提交整改报告，"
    "整改后由科技厅组织复评；复评仍不合格的，依据《管理办法》第十二条第（三）项撤销其国合基地资格。"
)


@transaction.atomic
def confirm_results(assessment_round, user=None):
    """Wagtail publishes the round when the leadership confirms it: the results take effect.
    Idempotent: a second call changes nothing."""
    assessment_round = AssessmentRound.objects.select_for_update().get(pk=assessment_round.pk)
    if assessment_round.is_confirmed:
        return assessment_round
    assessment_round.move_to(AssessmentRoundStatus.CONFIRMED, confirmed_at=timezone.now())
    assessment_round.record(AssessmentEvent.Kind.CONFIRMED, user=user)
    today = timezone.localdate()
    failed = Assessment.objects.filter(
        round=assessment_round, grade=AssessmentGrade.FAILED
    ).select_related("base__host")
    for assessment in failed:
        base = assessment.base
        if base.status != BaseStatus.ACCREDITED:
            continue  # revoked meanwhile, or still under an earlier rectification
        comments = assessment.comments.strip().rstrip("。") + "。" if assessment.comments else ""
        details = FAILED_DETAILS.format(
            year=assessment_round.year,
            comments=comments,
            deadline=assessment_round.rectification_deadline,
        )
        announce(base, AnnouncementEvent.FAILED_ASSESSMENT, on=today, details=details, user=user)
        base.change_status(
            BaseStatus.RECTIFYING,
            on=today,
            reason=f"{assessment_round.year}年度考核不合格，限期整改",
            article=ARTICLE,
            user=user,
        )
        rectification = Rectification.objects.create(
            base=base,
            assessment=assessment,
            deadline=assessment_round.rectification_deadline,
            live=False,
        )
        rectification.record(RectificationEvent.Kind.OPENED, user=user, message=details)
        announce_transition(rectification, RectificationEvent.Kind.OPENED, user=user)
    log(instance=assessment_round, action="bases.confirm_assessment", user=user)
    return assessment_round


def confirm_on_publish(sender, instance, revision=None, user=None, **kwargs):
    """Connected to ``wagtail.signals.published`` in ``BasesConfig.ready``: the round's
    results, or a passed re-evaluation."""
    if isinstance(instance, AssessmentRound):
        confirm_results(instance, user=user)
    elif isinstance(instance, Rectification):
        pass_reevaluation(instance, user=user)


def candidates(assessment_round):
    """The round's 优秀 assessments: the candidates for a post-subsidy and for national
    recommendations (Art. 16–18)."""
    return Assessment.objects.filter(
        round=assessment_round, grade=AssessmentGrade.EXCELLENT
    ).select_related("base__host", "commendation")


@transaction.atomic
def commend(assessment_round, user=None):
    """Commend every 优秀 base of a confirmed round not yet commended: a 表彰 record and a
    通知公告 each. Returns how many were commended."""
    assessment_round = AssessmentRound.objects.select_for_update().get(pk=assessment_round.pk)
    if not assessment_round.is_confirmed:
        return 0
    today = timezone.localdate()
    commended = 0
    for assessment in candidates(assessment_round).filter(commendation__isnull=True):
        page = announce(
            assessment.base,
            AnnouncementEvent.COMMENDATION,
            on=today,
            details=f"该基地在{assessment_round.year}年度考核中被评为优秀。",
            user=user,
        )
        Commendation.objects.create(
            base=assessment.base, assessment=assessment, announcement=page, commended_on=today
        )
        commended += 1
    if commended:
        assessment_round.move_to(assessment_round.status, commended_at=timezone.now())
        assessment_round.record(
            AssessmentEvent.Kind.COMMENDED, user=user, message=f"表彰 {commended} 个优秀基地"
        )
        log(instance=assessment_round, action="bases.commend", user=user)
    return commended


@transaction.atomic
def pass_reevaluation(rectification, user=None):
    """The re-evaluation passed (its step published the rectification): the base is 已认定
    again, recorded in its status history."""
    rectification = Rectification.objects.select_for_update().get(pk=rectification.pk)
    if rectification.status == RectificationStatus.PASSED:
        return rectification
    rectification.move_to(RectificationStatus.PASSED, decided_at=timezone.now())
    base = rectification.base
    if base.status == BaseStatus.RECTIFYING:
        base.change_status(
            BaseStatus.ACCREDITED,
            on=timezone.localdate(),
            reason=f"整改后复评合格（{rectification.assessment.round}考核）",
            article=ARTICLE,
            user=user,
        )
    log(instance=rectification, action="bases.pass_reevaluation", user=user)
    return rectification


def fail_reevaluation(rectification, user, comment=""):
    """The re-evaluation failed (called by its step, inside its transaction): the revocation
    of the title on Art. 12(三) is proposed to staff; the base stays 整改中 until the
    leadership confirms it."""
    rectification.move_to(RectificationStatus.FAILED, decided_at=timezone.now())
    assessment_round = rectification.assessment.round
    facts = f"该基地{assessment_round}考核不合格，经整改后复评仍不合格。" + (
        f"复评意见：{comment}" if comment else ""
    )
    draft_revocation(
        rectification.base,
        RevocationReason.FAILED_REEVALUATION,
        facts,
        origin=f"{rectification.name}复评不合格",
        user=user,
    )
    log(instance=rectification, action="bases.fail_reevaluation", user=user)


HOST_SUBJECTS = {
    RectificationEvent.Kind.OPENED: "考核不合格，请限期整改",
    RectificationEvent.Kind.RETURNED: "整改报告被退回补充",
    RectificationEvent.Kind.STEP_PASSED: "整改复评合格",
    RectificationEvent.Kind.REFUSED: "整改复评不合格",
}


def on_assessment_transition(sender, subject, event, task=None, user=None, message="", **kwargs):
    """Mail the people of a step when a round or a rectification reaches it, and the host
    at each turn of its rectification."""
    if sender not in (AssessmentRound, Rectification):
        return
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if event == AssessmentEvent.Kind.STEP_STARTED and task is not None:
        viewset = "assessmentround" if sender is AssessmentRound else "rectification"
        url = base_url + reverse(f"wagtailsnippets_bases_{viewset}:edit", args=[subject.pk])
        recipients = sorted(
            {
                actor.email
                for actor in task.actors(subject).exclude(pk=getattr(user, "pk", None))
                if actor.email
            }
        )
        if recipients:
            send(
                f"{SUBJECT_PREFIX}待办：{subject.name}（{task.name}）",
                "\n".join(
                    [f"{subject.name}待{task.name}。", "", f"办理地址：{url}", "", SIGNATURE]
                ),
                recipients,
            )
    if sender is Rectification and event in HOST_SUBJECTS:
        what = HOST_SUBJECTS[event]
        base = subject.base
        lines = [f"{base.host.name}：", "", f"{base.name}{what}。"]
        if event == RectificationEvent.Kind.OPENED:
            lines += [
                "",
                f"请于{subject.deadline:%Y年%-m月%-d日}前在「我的基地」提交整改报告和证明材料。",
            ]
        if message:
            lines += ["", f"意见：{message}"]
        if event == RectificationEvent.Kind.REFUSED:
            lines += [
                "",
                "科技厅将依据《管理办法》第十二条第（三）项研究撤销该基地的国合基地资格。",
            ]
        lines += ["", f"「我的基地」：{base_url}{reverse('apply_my_bases')}", "", SIGNATURE]
        send(f"{SUBJECT_PREFIX}{base.name}{what}", "\n".join(lines), host_addresses(base))


def experts_assigned(assessment_round, experts):
    """Invite the experts staff assigned to a round to score it."""
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_bases_assessmentround:score", args=[assessment_round.pk]
    )
    for expert in experts:
        if not expert.email:
            continue
        send(
            f"{SUBJECT_PREFIX}考核评审邀请：{assessment_round.name}",
            "\n".join(
                [
                    f"您被指派参加{assessment_round.name}的评审。",
                    "请登录管理后台，对各基地的年度工作情况评分并填写评审意见"
                    "（与您所在单位有关的基地不会列出）。",
                    "",
                    f"评分地址：{url}",
                    "",
                    SIGNATURE,
                ]
            ),
            [expert.email],
        )
