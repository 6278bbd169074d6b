"""The annual report monitor (Art. 12(四), Art. 13), run daily by ``manage.py
annual_report_monitor``: it reminds the hosts of the current bases before and after each
deadline of a report not yet submitted, and proposes to staff the revocation of a base that
missed its summary two years in a row. Which years count and which are missed is
``bases.rules.annual_reports``.

It works from the state, not from the day: what it has sent is in ``ReminderSent`` and what it
has proposed in ``ComplianceFlag``, so that a second run on the same day does nothing and a run
after days without one catches up (each report gets the reminder of the window it is in, each
missed pair is proposed once)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from bases.models import (
    AnnualReport,
    Base,
    ComplianceArticle,
    ComplianceFlag,
    Deadlines,
    ReminderSent,
    ReportKind,
    ReportStatus,
)
from bases.review.notifications import host_addresses
from bases.review.roles import holders_of
from bases.rules.annual_reports import (
    consecutive_missed,
    first_counted_year,
    missed_years,
    reminder_due,
)
from portal.mail import SIGNATURE, SUBJECT_PREFIX, send

FILE_PERMISSION = "bases.file_annualreport"
NOT_BEGUN = "未报送"


def chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Outcome:
    reminders: int = 0  # mails to hosts
    reminded_reports: int = 0
    failed: int = 0  # reminders the mail server refused: tried again on the next run
    unreachable: list = field(default_factory=list)  # bases whose host has no account to mail
    flags: list = field(default_factory=list)


def run(today):
    """One run of the monitor as of ``today``; returns what it did."""
    deadlines = Deadlines()
    first_year = settings.ANNUAL_REPORTS_FIRST_YEAR
    bases = list(
        Base.objects.current()
        .select_related("host")
        .prefetch_related("host__applicant_accounts__user")
        .order_by("name_pinyin", "pk")
    )
    statuses = {
        (base_id, year, kind): status
        for base_id, year, kind, status in AnnualReport.objects.filter(base__in=bases).values_list(
            "base_id", "year", "kind", "status"
        )
    }
    sent = set(
        ReminderSent.objects.filter(base__in=bases).values_list("base_id", "year", "kind", "which")
    )
    flagged = {}
    for flag in ComplianceFlag.objects.filter(
        base__in=bases, article=ComplianceArticle.NO_SUMMARY_TWO_YEARS
    ):
        flagged.setdefault(flag.base_id, []).append(flag)

    outcome = Outcome()
    for base in bases:
        remind(base, today, first_year, deadlines, statuses, sent, outcome)
        flag = propose(base, today, first_year, deadlines, statuses, flagged.get(base.pk, []))
        if flag is not None:
            outcome.flags.append(flag)
    # Every open proposal staff have not been told of: this run's, and any whose mail failed.
    untold = list(
        ComplianceFlag.objects.proposed()
        .filter(notified_at__isnull=True)
        .select_related("base")
        .order_by("created_at", "pk")
    )
    if untold and tell_staff(untold):
        ComplianceFlag.objects.filter(pk__in=[flag.pk for flag in untold]).update(
            notified_at=timezone.now()
        )
    return outcome


def remind(base, today, first_year, deadlines, statuses, sent, outcome):
    """One mail to the base's host listing every report whose reminder is due and not sent."""
    due = []
    first = first_counted_year(base.accreditation_date, first_year)
    for year in range(first, today.year + 1):
        for kind in (ReportKind.PLAN, ReportKind.SUMMARY):
            deadline = deadlines.of(year, kind)
            which = reminder_due(
                deadline,
                statuses.get((base.pk, year, kind)),
                today,
                settings.ANNUAL_REPORT_REMINDER_DAYS,
            )
            if which is not None and (base.pk, year, kind, which) not in sent:
                due.append((year, kind, deadline, which))
    if not due:
        return
    addresses = host_addresses(base)
    if not addresses:  # nobody to remind yet; tried again once the host has an account
        outcome.unreachable.append(base)
        return
    if not send(reminder_subject(base, due), reminder_body(base, due, today), addresses):
        outcome.failed += len(due)
        return
    outcome.reminders += 1
    for year, kind, _deadline, which in due:
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    base=base, year=year, kind=kind, which=which, sent_on=today
                )
        except IntegrityError:  # another run recorded it meanwhile
            pass
        outcome.reminded_reports += 1


def reminder_subject(base, due):
    if any(which == "after" for *_rest, which in due):
        return f"{SUBJECT_PREFIX}年度报告已逾期：{base.name}"
    return f"{SUBJECT_PREFIX}年度报告即将截止：{base.name}"


def reminder_body(base, due, today):
    lines = [f"{base.host.name}：", "", f"贵单位“{base.name}”的下列年度报告尚未提交："]
    for year, kind, deadline, which in due:
        days = (deadline - today).days
        when = "已逾期，请尽快提交" if which == "after" else f"还有 {days} 天"
        lines.append(f"- {year}{ReportKind(kind).label}：截止日期 {chinese_date(deadline)}，{when}")
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("apply_my_bases")
    lines += [
        "",
        f"请登录「我的基地」填写并提交：{url}",
        "",
        "依据《内蒙古自治区国际科技合作基地管理办法（试行）》第十三条，年度工作总结经推荐部门审核后"
        "报科技厅备案；连续两年未提交年度工作总结的，撤销其国合基地资格（第十二条第（四）项）。",
        "",
        SIGNATURE,
    ]
    return "\n".join(lines)


def propose(base, today, first_year, deadlines, statuses, flags):
    """Propose the revocation of ``base`` on Art. 12(四) if it missed two consecutive summaries,
    unless a proposal of it is open or confirmed, or these years were proposed before (and
    dismissed). Returns the new flag, or None."""
    if any(flag.state != ComplianceFlag.State.DISMISSED for flag in flags):
        return None

    def status(year):
        return statuses.get((base.pk, year, ReportKind.SUMMARY))

    missed = missed_years(
        base.accreditation_date,
        first_year,
        today,
        lambda year: deadlines.of(year, ReportKind.SUMMARY),
        status,
    )
    pair = consecutive_missed(missed)
    if pair is None or any((flag.first_year, flag.second_year) == pair for flag in flags):
        return None
    finding = "；".join(
        f"{year}年度工作总结截止日期为{chinese_date(deadlines.of(year, ReportKind.SUMMARY))}，"
        f"至{chinese_date(today)}仍未提交（{state_label(status(year))}）"
        for year in pair
    )
    try:
        with transaction.atomic():
            return ComplianceFlag.objects.create(
                base=base,
                article=ComplianceArticle.NO_SUMMARY_TWO_YEARS,
                first_year=pair[0],
                second_year=pair[1],
                finding=finding + "。依据第十二条第（四）项，建议撤销其国合基地资格。",
            )
    except IntegrityError:  # another run proposed it meanwhile
        return None


def state_label(status):
    return ReportStatus(status).label if status else NOT_BEGUN


def tell_staff(flags):
    """One mail to the staff who file annual reports, listing the proposals; whether the mail
    server took it."""
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = [
        "以下国合基地连续两年未提交年度工作总结，"
        "年度报告监测建议依据第十二条第（四）项撤销其资格：",
        "",
    ]
    for flag in flags:
        url = base_url + reverse("wagtailsnippets_bases_complianceflag:inspect", args=[flag.pk])
        lines += [f"- {flag.base.name}（{flag.years}年度）：{url}"]
    lines += ["", "请在后台「年度报告 → 撤销建议」中确认或驳回，并填写理由。", "", SIGNATURE]
    addresses = [user.email for user in holders_of(FILE_PERMISSION) if user.email]
    subject = f"{SUBJECT_PREFIX}年度报告监测：{len(flags)} 个基地连续两年未提交年度工作总结"
    return send(subject, "\n".join(lines), addresses)
