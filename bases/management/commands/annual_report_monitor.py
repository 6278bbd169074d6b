"""The daily run of the annual report monitor (Art. 12(四), Art. 13); see
``bases.review.annual_monitor``. For cron, e.g. ``15 6 * * * .venv/bin/python manage.py
annual_report_monitor``."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bases.review.annual_monitor import run


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from None


class Command(BaseCommand):
    help = (
        "年度报告监测：截止日期前后提醒依托单位；"
        "连续两年未提交年度工作总结的基地，向科技厅提出撤销建议。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=iso_date, help="按这一天运行（YYYY-MM-DD，默认今天，北京时间）"
        )

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        outcome = run(today)
        self.stdout.write(
            f"{today.isoformat()} 年度报告监测：提醒邮件 {outcome.reminders} 封"
            f"（涉及 {outcome.reminded_reports} 份报告），"
            f"新的撤销建议 {len(outcome.flags)} 条。"
        )
        for flag in outcome.flags:
            self.stdout.write(f"  撤销建议：{flag}")
        if outcome.unreachable:
            self.stdout.write(
                f"{len(outcome.unreachable)} 个基地的依托单位没有可接收邮件的申报账户，未能提醒。"
            )
        if outcome.failed:
            self.stderr.write(f"{outcome.failed} 份报告的提醒邮件未能发出，下次运行时重试。")
