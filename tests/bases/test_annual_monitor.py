"""The annual report monitor (Art. 12(四), Art. 13), through ``manage.py annual_report_monitor
--today``: which years count for a base accredited in the middle of a year, when a year is
missed, the reminders before and after a deadline, the proposals to staff, and that a run
repeated on the same day does nothing twice while a run after missed days catches up."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase

from bases.applying.annual_reports import start_report, submit_report
from bases.models import ComplianceFlag, ReminderSent, ReportingYear, ReportKind, ReportStatus
from bases.rules.annual_reports import consecutive_missed, first_counted_year, reminder_due
from tests.factories import Reviewers, make_applicant, make_base, report_in_state

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture(autouse=True)
def cycle(settings):
    settings.ANNUAL_REPORTS_FIRST_YEAR = 2020
    settings.ANNUAL_REPORT_REMINDER_DAYS = (30, 7)


def monitor(today):
    out = StringIO()
    call_command("annual_report_monitor", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def base_accredited(on, league="呼和浩特市"):
    host_user = make_applicant(league=league)
    return make_base(host=host_user.applicant_account.host, league=league, accredited_on=on)


def flags_of(base):
    return list(
        ComplianceFlag.objects.filter(base=base).values_list("first_year", "second_year", "state")
    )


# The rule, on plain values.


def test_the_first_year_that_counts_is_the_first_full_calendar_year_under_the_title():
    assert first_counted_year(D(2023, 12, 31), 2020) == 2024
    assert first_counted_year(D(2024, 1, 1), 2020) == 2024
    assert first_counted_year(D(2024, 1, 2), 2020) == 2025
    # Nothing before the first year the portal takes summaries.
    assert first_counted_year(D(2015, 1, 1), 2026) == 2026


def test_the_latest_pair_of_consecutive_missed_years():
    assert consecutive_missed([2021, 2023, 2024, 2026]) == (2023, 2024)
    assert consecutive_missed([2021, 2023, 2025]) is None
    assert consecutive_missed([]) is None


def test_the_reminder_of_each_window():
    deadline = D(2026, 1, 31)
    due = [30, 7]
    assert reminder_due(deadline, None, D(2025, 12, 31), due) is None
    assert reminder_due(deadline, None, D(2026, 1, 1), due) == "before_30"
    assert reminder_due(deadline, "draft", D(2026, 1, 24), due) == "before_7"
    assert reminder_due(deadline, "returned", D(2026, 1, 31), due) == "before_7"
    assert reminder_due(deadline, None, D(2026, 2, 1), due) == "after"
    assert reminder_due(deadline, "recommending_review", D(2026, 2, 1), due) is None


# The proposals, through the command.


def test_two_missed_summaries_are_proposed_the_day_after_the_second_deadline(client):
    people = Reviewers()
    base = base_accredited(D(2024, 1, 1))
    monitor(D(2026, 1, 31))  # the 2025 summary's deadline day: still on time
    assert flags_of(base) == []

    mail.outbox.clear()
    out = monitor(D(2026, 2, 1))
    assert flags_of(base) == [(2024, 2025, ComplianceFlag.State.PROPOSED)]
    assert "新的撤销建议 1 条" in out
    to_staff = [message for message in mail.outbox if people.staff.email in message.to]
    assert len(to_staff) == 1
    assert base.name in to_staff[0].body and "第十二条第（四）项" in to_staff[0].body
    flag = ComplianceFlag.objects.get(base=base)
    assert f"/admin/snippets/bases/complianceflag/inspect/{flag.pk}/" in to_staff[0].body
    assert "2024年度工作总结截止日期为2025年1月31日" in flag.finding
    assert "（未报送）" in flag.finding

    # The same day again: nothing proposed and nobody mailed twice.
    mail.outbox.clear()
    out = monitor(D(2026, 2, 1))
    assert "提醒邮件 0 封" in out and "新的撤销建议 0 条" in out
    assert mail.outbox == []
    # Nor on the following days, while the proposal is open.
    monitor(D(2026, 2, 2))
    assert ComplianceFlag.objects.count() == 1 and mail.outbox == []


def test_accredited_on_31_december_or_1_january_the_first_year_is_the_next_full_one():
    Reviewers()
    late_in_2023 = base_accredited(D(2023, 12, 31))
    new_year_2024 = base_accredited(D(2024, 1, 1))
    second_of_january = base_accredited(D(2024, 1, 2))
    monitor(D(2026, 2, 1))
    # 2023 does not count for the first: 2024 and 2025 are its first two years, as for the
    # second; the third has had one year only (2025).
    assert flags_of(late_in_2023) == [(2024, 2025, "proposed")]
    assert flags_of(new_year_2024) == [(2024, 2025, "proposed")]
    assert flags_of(second_of_january) == []
    monitor(D(2027, 2, 1))
    assert flags_of(second_of_january) == [(2025, 2026, "proposed")]


def test_a_summary_of_the_partial_accreditation_year_is_not_needed():
    Reviewers()
    base = base_accredited(D(2023, 12, 31))
    report_in_state(base, 2024, ReportKind.SUMMARY, ReportStatus.FILED)
    monitor(D(2026, 2, 1))  # 2023 and 2025 missing, but 2023 does not count
    assert flags_of(base) == []


def test_submitted_summaries_count_drafts_and_returned_ones_do_not():
    Reviewers()
    in_review = base_accredited(D(2022, 1, 1))
    host = in_review.host.applicant_accounts.get().user
    summary = start_report(host, in_review, 2024, ReportKind.SUMMARY)
    summary.narrative, summary.self_assessment = "完成情况", "达到预期"
    summary.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        submit_report(summary, host)
    awaiting = base_accredited(D(2022, 1, 1))
    report_in_state(awaiting, 2024, ReportKind.SUMMARY, ReportStatus.AWAITING_FILING)
    draft = base_accredited(D(2022, 1, 1))
    report_in_state(draft, 2024, ReportKind.SUMMARY, ReportStatus.DRAFT)
    returned = base_accredited(D(2022, 1, 1))
    report_in_state(returned, 2024, ReportKind.SUMMARY, ReportStatus.RETURNED)
    for base in (in_review, awaiting, draft, returned):
        report_in_state(base, 2022, ReportKind.SUMMARY, ReportStatus.FILED)
        report_in_state(base, 2023, ReportKind.SUMMARY, ReportStatus.FILED)

    monitor(D(2026, 2, 1))  # 2025 missing everywhere; 2024 depends
    assert flags_of(in_review) == [] and flags_of(awaiting) == []
    assert flags_of(draft) == [(2024, 2025, "proposed")]
    assert flags_of(returned) == [(2024, 2025, "proposed")]
    assert "（退回修改）" in ComplianceFlag.objects.get(base=returned).finding


def test_staff_may_move_a_deadline_and_the_monitor_follows_it():
    Reviewers()
    base = base_accredited(D(2024, 1, 1))
    ReportingYear.objects.create(
        year=2025, plan_deadline=D(2025, 3, 31), summary_deadline=D(2026, 2, 28)
    )
    monitor(D(2026, 2, 28))
    assert flags_of(base) == []
    monitor(D(2026, 3, 1))
    assert flags_of(base) == [(2024, 2025, "proposed")]


def test_a_run_after_missed_days_catches_up_and_revoked_bases_are_left_alone():
    Reviewers()
    base = base_accredited(D(2020, 1, 1))
    revoked = base_accredited(D(2020, 1, 1))
    revoked.change_status("revoked", on=D(2021, 6, 1), reason="依托单位自行要求撤销")
    report_in_state(base, 2020, ReportKind.SUMMARY, ReportStatus.FILED)
    report_in_state(base, 2021, ReportKind.SUMMARY, ReportStatus.FILED)
    # The monitor did not run for years: it proposes the latest pair, once.
    monitor(D(2026, 6, 1))
    assert flags_of(base) == [(2024, 2025, "proposed")]
    assert flags_of(revoked) == []


def test_a_dismissed_pair_is_not_proposed_again_but_a_new_pair_is():
    Reviewers()
    base = base_accredited(D(2024, 1, 1))
    monitor(D(2026, 2, 1))
    ComplianceFlag.objects.filter(base=base).update(state=ComplianceFlag.State.DISMISSED)
    monitor(D(2026, 5, 1))
    assert flags_of(base) == [(2024, 2025, "dismissed")]
    monitor(D(2027, 2, 1))  # 2026 missed too
    assert sorted(flags_of(base)) == [(2024, 2025, "dismissed"), (2025, 2026, "proposed")]


def test_a_wrong_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("annual_report_monitor", "--today", "2026-13-01")


# The reminders to hosts.


def reminders_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_hosts_are_reminded_30_and_7_days_before_and_once_after_a_deadline():
    base = base_accredited(D(2025, 1, 1))
    host = base.host.applicant_accounts.get().user
    plan_due = D(2026, 3, 31)

    monitor(D(2026, 2, 28))  # 31 days before the plan's: only 2025's overdue reports
    [first] = reminders_to(host.email)
    assert "2025年度工作计划：截止日期 2025年3月31日，已逾期" in first.body
    assert "2025年度工作总结：截止日期 2026年1月31日，已逾期" in first.body
    assert "2026年度" not in first.body
    assert "http://testserver/apply/bases/" in first.body
    assert "逾期" in first.subject and base.name in first.subject

    monitor(D(2026, 3, 1))  # 30 days before
    second = reminders_to(host.email)[-1]
    assert "2026年度工作计划：截止日期 2026年3月31日，还有 30 天" in second.body
    assert "2025年度" not in second.body and "即将截止" in second.subject

    for day in (D(2026, 3, 1), D(2026, 3, 10), D(2026, 3, 23)):
        monitor(day)  # the same day again, and days in the same window: nothing new
    assert len(reminders_to(host.email)) == 2

    monitor(plan_due - datetime.timedelta(days=7))
    third = reminders_to(host.email)[-1]
    assert "还有 7 天" in third.body and "2025年度" not in third.body
    monitor(plan_due)
    monitor(plan_due + datetime.timedelta(days=1))
    fourth = reminders_to(host.email)[-1]
    assert len(reminders_to(host.email)) == 4
    assert "2026年度工作计划：截止日期 2026年3月31日，已逾期" in fourth.body
    monitor(plan_due + datetime.timedelta(days=40))
    assert len(reminders_to(host.email)) == 4
    assert set(ReminderSent.objects.values_list("which", flat=True)) == {
        "before_30",
        "before_7",
        "after",
    }


def test_a_missed_window_is_caught_up_and_a_submitted_report_is_not_reminded():
    base = base_accredited(D(2026, 1, 1))
    host = base.host.applicant_accounts.get().user
    # The monitor first runs 5 days before the plan's deadline: only the 7-day reminder.
    monitor(D(2026, 3, 26))
    [message] = reminders_to(host.email)
    assert "还有 5 天" in message.body
    assert list(ReminderSent.objects.values_list("which", flat=True)) == ["before_7"]

    report_in_state(base, 2026, ReportKind.PLAN, ReportStatus.RECOMMENDING_REVIEW)
    monitor(D(2026, 4, 1))
    assert len(reminders_to(host.email)) == 1


def test_a_reminder_the_mail_server_refused_is_tried_again(settings):
    base = base_accredited(D(2026, 1, 1))
    host = base.host.applicant_accounts.get().user
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    err = StringIO()
    call_command("annual_report_monitor", "--today", "2026-03-26", stdout=StringIO(), stderr=err)
    assert "下次运行时重试" in err.getvalue()
    assert not ReminderSent.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monitor(D(2026, 3, 27))
    assert len(reminders_to(host.email)) == 1


def test_a_host_without_an_account_is_reported_and_reminded_once_it_has_one():
    host = make_applicant(league="呼和浩特市").applicant_account.host
    base = make_base(host=host, accredited_on=D(2026, 1, 1))
    account = host.applicant_accounts.get()
    account.user.is_active = False
    account.user.save()
    assert "1 个基地的依托单位没有可接收邮件的申报账户" in monitor(D(2026, 3, 26))
    assert not ReminderSent.objects.exists()
    account.user.is_active = True
    account.user.save()
    monitor(D(2026, 3, 27))
    assert ReminderSent.objects.filter(base=base).count() == 1


def test_staff_are_told_of_a_proposal_on_the_next_run_if_the_mail_failed(settings):
    people = Reviewers()
    base = base_accredited(D(2024, 1, 1))
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    monitor(D(2026, 2, 1))
    assert ComplianceFlag.objects.get(base=base).notified_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monitor(D(2026, 2, 2))
    [told] = [message for message in mail.outbox if people.staff.email in message.to]
    assert base.name in told.body
    assert ComplianceFlag.objects.get(base=base).notified_at is not None
    monitor(D(2026, 2, 3))
    assert len([m for m in mail.outbox if people.staff.email in m.to]) == 1
