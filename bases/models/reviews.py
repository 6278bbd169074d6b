"""What the review steps record about an application (Art. 5–7): the workflow chosen for each
base type, expert assignments and scores, the consultation agenda item, site inspections,
the decision, the publicity period and the plaque numbers.

These live beside the application rather than on it: publishing the application at the end of
its workflow copies the submitted revision back onto it, which would erase anything the
reviewers had written onto the application itself.
"""

import statistics

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bases.models.bases import BaseType
from bases.review.files import NAME_LENGTH, PrivateFileField, generated_name, private_storage
from bases.rules.calendar import uncovered_years
from portal.names import person_name


class ApplicationWorkflow(models.Model):
    """Which Wagtail workflow reviews applications of a base type. The department can point a
    type at another workflow in the admin; ``Application.get_workflow()`` reads this."""

    base_type = models.CharField(
        _("基地类型"), max_length=40, choices=BaseType.choices, unique=True
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name=_("审核流程"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("申报审核流程设置")
        verbose_name_plural = _("申报审核流程设置")
        ordering = ["base_type"]

    def __str__(self):
        return f"{self.get_base_type_display()}：{self.workflow}"


class ExpertProfile(models.Model):
    """An expert in the department's pool. ``host`` marks the host organisation the expert
    works for, which rules them out of its applications (conflict of interest)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    organisation = models.CharField(_("工作单位"), max_length=200)
    host = models.ForeignKey(
        "bases.HostOrganisation",
        verbose_name=_("所属依托单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
        help_text=_("专家本人所在单位是依托单位的，请选择；该单位的申报不能指派该专家"),
    )
    speciality = models.CharField(_("专业领域"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")

    def __str__(self):
        return f"{person_name(self.user)}（{self.organisation}）"

    @property
    def name(self):
        return person_name(self.user)

    name.fget.short_description = _("专家")


class ExpertAssignment(models.Model):
    class Recommendation(models.TextChoices):
        RECOMMEND = "recommend", _("推荐认定")
        REVISE = "revise", _("修改后推荐")
        REJECT = "reject", _("不推荐")

    application = models.ForeignKey(
        "bases.Application", on_delete=models.CASCADE, related_name="expert_assignments"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("专家"),
        on_delete=models.PROTECT,
        related_name="expert_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("指派时间"), auto_now_add=True)
    score = models.PositiveSmallIntegerField(
        _("评分"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    recommendation = models.CharField(
        _("评审意见"), max_length=20, choices=Recommendation.choices, blank=True
    )
    opinion = models.TextField(_("评审意见说明"), blank=True)
    scored_at = models.DateTimeField(_("评分时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("专家评审")
        verbose_name_plural = _("专家评审")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "expert"], name="one_assignment_per_expert"
            )
        ]

    def __str__(self):
        return f"{self.application} - {self.expert}"

    @property
    def has_scored(self):
        return self.score is not None


def score_summary(assignments):
    """Mean and spread (max − min, and standard deviation) of the submitted scores."""
    scores = [a.score for a in assignments if a.score is not None]
    if not scores:
        return {"count": 0, "mean": None, "spread": None, "stdev": None}
    return {
        "count": len(scores),
        "mean": round(statistics.fmean(scores), 1),
        "spread": max(scores) - min(scores),
        "stdev": round(statistics.pstdev(scores), 1),
    }


class StepRecord(models.Model):
    """Common fields of what a step records: who, when, under which task state."""

    application = models.ForeignKey("bases.Application", on_delete=models.CASCADE, related_name="+")
    task_state = models.ForeignKey(
        "wagtailcore.TaskState", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["recorded_at"]


class ConsultationAgendaItem(StepRecord):
    """Art. 5: a joint innovation park is first listed on the department–city consultation."""

    year = models.PositiveSmallIntegerField(_("会商年度"))
    reference = models.CharField(_("会商议题编号或纪要文号"), max_length=200)

    class Meta(StepRecord.Meta):
        verbose_name = _("厅市会商议题")
        verbose_name_plural = _("厅市会商议题")
        default_related_name = "consultation_agenda_items"

    def __str__(self):
        return f"{self.year}年 {self.reference}"


def inspection_report_path(inspection, filename):
    return f"inspections/{generated_name(filename)}"


class SiteInspection(StepRecord):
    """Art. 5–7: the site inspection (innovation park) or assessment of the host."""

    class Result(models.TextChoices):
        PASSED = "passed", _("合格")
        FAILED = "failed", _("不合格")

    inspected_on = models.DateField(_("考察（考核）日期"))
    team = models.CharField(_("考察组成员"), max_length=300)
    findings = models.TextField(_("考察意见"))
    result = models.CharField(_("结论"), max_length=20, choices=Result.choices)
    report = PrivateFileField(
        _("考察报告"), storage=private_storage, upload_to=inspection_report_path, blank=True
    )
    # The name the uploader gave the report (stored under a generated name, see files.py).
    report_name = models.CharField(
        _("考察报告文件名"), max_length=NAME_LENGTH, blank=True, editable=False
    )

    class Meta(StepRecord.Meta):
        verbose_name = _("实地考察（考核）")
        verbose_name_plural = _("实地考察（考核）")

    def __str__(self):
        return f"{self.application}：{self.get_result_display()}（{self.inspected_on}）"


class Decision(StepRecord):
    """The leadership group's approval (批复 / 认定)."""

    decision_number = models.CharField(_("认定文号"), max_length=100)
    decided_on = models.DateField(_("决定日期"))

    class Meta(StepRecord.Meta):
        verbose_name = _("认定决定")
        verbose_name_plural = _("认定决定")

    def __str__(self):
        return self.decision_number


class Publicity(StepRecord):
    """*practice*: the decision is published for objections before it takes effect."""

    starts_on = models.DateField(_("公示开始"))
    ends_on = models.DateField(_("公示截止"))
    announcement = models.ForeignKey(
        "news.NewsPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    objections = models.TextField(_("异议情况"), blank=True)
    concluded_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta(StepRecord.Meta):
        verbose_name = _("公示")
        verbose_name_plural = _("公示")

    def __str__(self):
        return f"{self.application}：{self.starts_on} 至 {self.ends_on}"

    @property
    def uncovered_years(self):
        """Years of the period whose holiday arrangements are not known: counted by weekends."""
        return uncovered_years(self.starts_on, self.ends_on)


class PlaqueSequence(models.Model):
    """The last plaque number issued in a year; locked while the next one is issued."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("牌匾编号")
        verbose_name_plural = _("牌匾编号")

    def __str__(self):
        return f"{self.year}：{self.last_number}"
