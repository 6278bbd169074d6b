"""What the annual report monitor records (Art. 12(四), Art. 13): the revocations it proposes to
staff, who confirm or dismiss them with a reason, and the reminders it has sent, so that a run
repeated on the same day, or catching up after missed days, does nothing twice."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bases.models.annual_reports import ReportKind
from bases.models.bases import Base
from bases.review.roles import is_department_staff


def bases_overseen_by(user):
    """The bases whose annual cycle ``user`` oversees: every base for department staff and
    leadership, the bases of their own recommending departments for its members, none for
    anyone else."""
    if not user.is_authenticated:
        return Base.objects.none()
    if is_department_staff(user):
        return Base.objects.all()
    return Base.objects.filter(recommending_department__in=user.recommending_departments.all())


class ComplianceArticle(models.TextChoices):
    # Art. 12(四): no annual summary submitted for two consecutive years.
    NO_SUMMARY_TWO_YEARS = "12(四)", _("第十二条第（四）项：连续两年未提交年度工作总结")


class ComplianceFlagQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one visibility rule for flags: those of the bases ``user`` oversees."""
        return self.filter(base__in=bases_overseen_by(user))

    def proposed(self):
        return self.filter(state=ComplianceFlag.State.PROPOSED)


class ComplianceFlag(models.Model):
    """A revocation the monitor proposes on an article of the Measures, for staff to confirm or
    dismiss. Confirming records the proposal; the revocation itself is a separate step."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("待确认")
        CONFIRMED = "confirmed", _("已确认撤销建议")
        DISMISSED = "dismissed", _("已驳回")

    base = models.ForeignKey(
        Base, verbose_name=_("基地"), on_delete=models.PROTECT, related_name="compliance_flags"
    )
    article = models.CharField(_("依据条款"), max_length=20, choices=ComplianceArticle.choices)
    first_year = models.PositiveSmallIntegerField(_("第一年度"))
    second_year = models.PositiveSmallIntegerField(_("第二年度"))
    finding = models.TextField(_("监测发现"))
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.PROPOSED, db_index=True
    )
    reason = models.TextField(_("办理理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("办理时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    # When staff were told by mail; a proposal whose mail failed is sent again on the next run.
    notified_at = models.DateTimeField(_("通知时间"), null=True, blank=True, editable=False)

    objects = ComplianceFlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("撤销建议")
        verbose_name_plural = _("撤销建议")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["base", "article", "first_year", "second_year"],
                name="one_flag_per_base_article_years",
            ),
            models.CheckConstraint(
                condition=Q(second_year__gt=models.F("first_year")), name="flag_years_in_order"
            ),
        ]
        permissions = [("decide_complianceflag", _("确认或驳回撤销建议"))]

    def __str__(self):
        return f"{self.base.name}：{self.years}年度未提交年度工作总结"

    @property
    def years(self):
        return f"{self.first_year}、{self.second_year}"

    @property
    def is_open(self):
        return self.state == self.State.PROPOSED


class ReminderSent(models.Model):
    """A reminder of one report of one base and year the monitor has sent: ``which`` is
    ``before_N`` (N days before the deadline) or ``after`` (once it has passed)."""

    base = models.ForeignKey(
        Base, verbose_name=_("基地"), on_delete=models.CASCADE, related_name="reminders_sent"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=10, choices=ReportKind.choices)
    which = models.CharField(_("提醒"), max_length=20)
    sent_on = models.DateField(_("发送日期"))

    class Meta:
        verbose_name = _("年度报告提醒")
        verbose_name_plural = _("年度报告提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["base", "year", "kind", "which"], name="one_reminder_per_report_and_stage"
            )
        ]

    def __str__(self):
        return f"{self.base_id} {self.year} {self.kind} {self.which}"
