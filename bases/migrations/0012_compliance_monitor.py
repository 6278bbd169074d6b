"""The annual report monitor's records (Art. 12(四)) and who reads and decides its proposals."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def grant(apps, schema_editor):
    from bases.review.roles import create_compliance_roles

    create_compliance_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0011_annual_report_workflow"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ComplianceFlag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "article",
                    models.CharField(
                        choices=[("12(四)", "第十二条第（四）项：连续两年未提交年度工作总结")],
                        max_length=20,
                        verbose_name="依据条款",
                    ),
                ),
                ("first_year", models.PositiveSmallIntegerField(verbose_name="第一年度")),
                ("second_year", models.PositiveSmallIntegerField(verbose_name="第二年度")),
                ("finding", models.TextField(verbose_name="监测发现")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("proposed", "待确认"),
                            ("confirmed", "已确认撤销建议"),
                            ("dismissed", "已驳回"),
                        ],
                        db_index=True,
                        default="proposed",
                        max_length=20,
                        verbose_name="状态",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="办理理由")),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="办理时间"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="提出时间")),
                (
                    "notified_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="通知时间"
                    ),
                ),
                (
                    "base",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="compliance_flags",
                        to="bases.base",
                        verbose_name="基地",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="办理人",
                    ),
                ),
            ],
            options={
                "verbose_name": "撤销建议",
                "verbose_name_plural": "撤销建议",
                "ordering": ["-created_at", "-pk"],
                "permissions": [("decide_complianceflag", "确认或驳回撤销建议")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("base", "article", "first_year", "second_year"),
                        name="one_flag_per_base_article_years",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("second_year__gt", models.F("first_year"))),
                        name="flag_years_in_order",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ReminderSent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="年度")),
                (
                    "kind",
                    models.CharField(
                        choices=[("plan", "年度工作计划"), ("summary", "年度工作总结")],
                        max_length=10,
                        verbose_name="类别",
                    ),
                ),
                ("which", models.CharField(max_length=20, verbose_name="提醒")),
                ("sent_on", models.DateField(verbose_name="发送日期")),
                (
                    "base",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders_sent",
                        to="bases.base",
                        verbose_name="基地",
                    ),
                ),
            ],
            options={
                "verbose_name": "年度报告提醒",
                "verbose_name_plural": "年度报告提醒",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("base", "year", "kind", "which"),
                        name="one_reminder_per_report_and_stage",
                    )
                ],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
