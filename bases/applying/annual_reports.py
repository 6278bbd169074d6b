"""Starting and submitting a base's annual plan or summary (Art. 13): the rules the host's
pages apply, in one place so that the pages and the tests share them."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bases.models import (
    AnnualReport,
    AnnualReportEvent,
    Base,
    ReportingYear,
    ReportKind,
    ReportStatus,
)
from bases.models.bases import TITLE_HOLDING_STATUSES


class ReportError(Exception):
    """An action the rules do not allow; the message is shown to the host."""


def bases_of(user):
    """The bases whose host the user's account belongs to."""
    account = getattr(user, "applicant_account", None)
    if account is None or account.host_id is None:
        return Base.objects.none()
    return Base.objects.filter(host_id=account.host_id)


def reports_of(user):
    """The reports of the user's own bases: what the host may open, change and submit. Any
    other report, whoever may see it in the admin, is a 404 on the host's pages."""
    return AnnualReport.objects.filter(base__in=bases_of(user))


def last_return(report):
    """What the reviewers said when they last returned the report: the messages addressed to
    the host, never an internal note."""
    return (
        report.events.filter(kind=AnnualReportEvent.Kind.RETURNED)
        .order_by("-created_at", "-pk")
        .first()
    )


def report_grid(bases):
    """For each base, its years since accreditation (newest first), each as
    (year, plan, summary, plan deadline, summary deadline), the reports None when not begun:
    [(base, [years])]. Three queries, however many bases and years."""
    bases = list(bases.select_related("recommending_department").order_by("name_pinyin", "pk"))
    reports = {
        (report.base_id, report.year, report.kind): report
        for report in AnnualReport.objects.filter(base__in=bases)
    }
    overrides = {row.year: row for row in ReportingYear.objects.all()}
    this_year = timezone.localdate().year
    rows = []
    for base in bases:
        base.may_report = base.status in TITLE_HOLDING_STATUSES
        years = []
        for year in range(this_year, base.accreditation_date.year - 1, -1):
            row = overrides.get(year)
            years.append(
                (
                    year,
                    reports.get((base.pk, year, ReportKind.PLAN)),
                    reports.get((base.pk, year, ReportKind.SUMMARY)),
                    ReportingYear.deadline(year, ReportKind.PLAN, row),
                    ReportingYear.deadline(year, ReportKind.SUMMARY, row),
                )
            )
        rows.append((base, years))
    return rows


@transaction.atomic
def start_report(user, base, year, kind):
    """The base's report of ``kind`` for ``year``: the existing one, or a new draft."""
    if not bases_of(user).filter(pk=base.pk).exists():
        raise ReportError(_("只能为本单位的基地报送年度报告。"))
    if not Base.objects.current().filter(pk=base.pk).exists():
        raise ReportError(_("该基地当前不是已认定状态，不能报送年度报告。"))
    if year < base.accreditation_date.year or year > timezone.localdate().year:
        raise ReportError(_("只能报送认定当年至今年的年度报告。"))
    existing = AnnualReport.objects.filter(base=base, year=year, kind=kind).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                base=base, year=year, kind=kind, author=user, live=False
            )
    except IntegrityError:  # a double click made it first
        return AnnualReport.objects.get(base=base, year=year, kind=kind)
    report.record(AnnualReportEvent.Kind.CREATED, user=user)
    return report


def submission_problems(report):
    """What the report lacks before it can be submitted, as messages."""
    problems = []
    if not report.narrative.strip():
        problems.append(_("请填写工作内容。"))
    if report.kind == ReportKind.PLAN:
        if not report.goals.exists():
            problems.append(_("年度工作计划至少要有一项可考核的目标。"))
    else:
        if not report.self_assessment.strip():
            problems.append(_("请填写对照年度计划的自我评价。"))
        plan = report.plan()
        if plan is not None and plan.status == ReportStatus.FILED:
            reported = set(report.goal_results.values_list("goal_id", flat=True))
            missing = plan.goals.exclude(pk__in=reported)
            if missing.exists():
                names = "、".join(missing.values_list("goal", flat=True))
                problems.append(
                    _("请报告年度计划中各项目标的完成情况：%(goals)s。") % {"goals": names}
                )
    return problems


@transaction.atomic
def submit_report(report, user, now=None):
    """Submit (or resubmit) the report into review. Returns the problems found; the report
    is submitted only if there are none. Fails closed: with no workflow assigned to annual
    reports, nothing is submitted."""
    now = now or timezone.now()
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise ReportError(
            _("该报告当前状态为“%(status)s”，不能提交。") % {"status": report.get_status_display()}
        )
    problems = submission_problems(report)
    if problems:
        return report, problems
    resubmission, enter_review = report.review_entry()
    if enter_review is None:
        raise ReportError(_("年度报告的审核流程尚未启用，暂不能提交，请联系科技厅。"))
    report.submitted_at = now
    report.save()
    report.save_revision(user=user, log_action=True)
    report.record(
        AnnualReportEvent.Kind.RESUBMITTED if resubmission else AnnualReportEvent.Kind.SUBMITTED,
        user=user,
    )
    enter_review(user)
    report.refresh_from_db()  # the step that started has moved it on
    return report, problems
