"""The annual assessment of the accredited bases (Art. 9(四), 12) and what follows from it.

Department staff open a round for a year (``AssessmentRound``): every base that held its title
through that year gets an ``Assessment``, prefilled with the figures of its filed summary and
its plan's targets (``bases.review.assessments.prefill``). Staff record a score, a grade and
comments for each, and submit the round; the leadership confirms the results in the round's
workflow (``bases.models.assessment_steps``). Confirming publishes the round, and then, once:

- 优秀: the base is a candidate for a post-subsidy (Art. 16) and national recommendations
  (Art. 17–18), and staff can commend it (``Commendation``, with a 通知公告);
- 不合格: a public 通报 is published and the base becomes 整改中 with a rectification deadline
  (``Rectification``): the host reports its rectification, staff re-evaluate it; passing returns
  the base to 已认定, failing proposes its revocation on Art. 12(三).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from bases.models.annual_reports import year_validators
from bases.models.review_records import ReviewedSubject, ReviewEvent
from bases.review.roles import is_department_staff


class AssessmentGrade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    PASSED = "passed", _("合格")
    FAILED = "failed", _("不合格")


class AssessmentRoundStatus(models.TextChoices):
    DRAFT = "draft", _("评定中")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("待领导小组确认")
    RETURNED = "returned", _("退回修改")
    CONFIRMED = "confirmed", _("已确认")


class AssessmentRoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one visibility rule: a round compares every base, so department staff and the
        leadership see it, and the experts assigned to it (who score only the bases of hosts
        they do not belong to). A recommending department follows its own bases' outcome
        through their rectifications and the public notices."""
        if not user.is_authenticated:
            return self.none()
        if is_department_staff(user):
            return self.all()
        return self.filter(expert_assignments__expert=user).distinct()


class AssessmentRound(
    ReviewedSubject, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    year = models.PositiveSmallIntegerField(
        _("考核年度"), unique=True, validators=year_validators()
    )
    rectification_deadline = models.DateField(
        _("整改期限"),
        help_text=_("考核不合格的基地提交整改报告的截止日期，写入通报和通知。"),
    )
    notes = models.TextField(_("考核说明"), blank=True, help_text=_("考核的组织方式和标准。"))
    status = models.CharField(
        _("状态"),
        max_length=30,
        choices=AssessmentRoundStatus.choices,
        default=AssessmentRoundStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("组织人"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True, editable=False)
    commended_at = models.DateTimeField(_("表彰时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = AssessmentRoundQuerySet.as_manager()

    REVIEW_STATE_FIELDS = ["status", "confirmed_at", "commended_at", "opened_by_id"]

    class Meta:
        verbose_name = _("年度考核")
        verbose_name_plural = _("年度考核")
        ordering = ["-year"]
        permissions = [
            ("confirm_assessmentround", _("确认年度考核结果")),
            ("publish_assessmentround", _("发布年度考核结果")),
            ("lock_assessmentround", _("锁定年度考核")),
            ("unlock_assessmentround", _("解锁年度考核")),
        ]

    def __str__(self):
        return f"{self.year}年度"  # Wagtail says 年度考核“2025年度”已创建

    @property
    def name(self):
        return f"{self.year}年度国合基地考核"

    @property
    def is_confirmed(self):
        return self.status == AssessmentRoundStatus.CONFIRMED


class Assessment(models.Model):
    """One base's assessment in a round. ``figures`` is what the base's filed summary and
    plan said when the round was opened (kept as read, so a later change of the reports does
    not change what the assessment was based on)."""

    round = ParentalKey(AssessmentRound, related_name="assessments", on_delete=models.CASCADE)
    base = models.ForeignKey(
        "bases.Base", verbose_name=_("基地"), on_delete=models.PROTECT, related_name="assessments"
    )
    summary = models.ForeignKey(
        "bases.AnnualReport",
        verbose_name=_("年度工作总结"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    figures = models.JSONField(_("年度数据"), default=dict, blank=True)
    score = models.DecimalField(
        _("得分"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("0–100 分。"),
    )
    grade = models.CharField(_("等级"), max_length=10, choices=AssessmentGrade.choices, blank=True)
    comments = models.TextField(
        _("考核意见"), blank=True, help_text=_("不合格的，写明问题和整改要求；将写入通报。")
    )

    class Meta:
        verbose_name = _("基地考核")
        verbose_name_plural = _("基地考核")
        ordering = ["base__name_pinyin", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "base"], name="one_assessment_per_round_base")
        ]

    def __str__(self):
        return f"{self.base.name} {self.round}"


class AssessmentExpert(models.Model):
    """An expert assigned to a round by staff ("as in accreditation")."""

    round = models.ForeignKey(
        AssessmentRound, on_delete=models.CASCADE, related_name="expert_assignments"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评审专家"),
        on_delete=models.PROTECT,
        related_name="assessment_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("指派时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("考核专家")
        verbose_name_plural = _("考核专家")
        constraints = [
            models.UniqueConstraint(fields=["round", "expert"], name="one_assignment_per_round")
        ]

    def __str__(self):
        return f"{self.round} {self.expert}"


class AssessmentScore(models.Model):
    """An assigned expert's score of one base in a round; staff see them beside their own."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="expert_scores"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessment_scores"
    )
    score = models.DecimalField(
        _("专家评分"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    opinion = models.TextField(_("评审意见"), blank=True)
    scored_at = models.DateTimeField(_("评分时间"), auto_now=True)

    class Meta:
        verbose_name = _("专家考核评分")
        verbose_name_plural = _("专家考核评分")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "expert"], name="one_score_per_assessment_expert"
            )
        ]

    def __str__(self):
        return f"{self.assessment} {self.score}"


class AssessmentEvent(ReviewEvent):
    class Kind(models.TextChoices):
        OPENED = "opened", _("组织考核")
        STEP_STARTED = "step_started", _("进入审核环节")
        STEP_PASSED = "step_passed", _("审核通过")
        RETURNED = "returned", _("退回修改")
        REFUSED = "refused", _("不予确认")
        CONFIRMED = "confirmed", _("确认考核结果")
        COMMENDED = "commended", _("表彰优秀基地")

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    message = models.TextField(_("意见"), blank=True)

    class Meta(ReviewEvent.Meta):
        verbose_name = _("考核进程")
        verbose_name_plural = _("考核进程")


class Commendation(models.Model):
    """A base commended for an excellent assessment (Art. 12), with its 通知公告."""

    base = models.ForeignKey(
        "bases.Base", verbose_name=_("基地"), on_delete=models.PROTECT, related_name="commendations"
    )
    assessment = models.OneToOneField(
        Assessment, verbose_name=_("考核"), on_delete=models.PROTECT, related_name="commendation"
    )
    announcement = models.ForeignKey(
        "news.NewsPage",
        verbose_name=_("表彰通报"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    commended_on = models.DateField(_("表彰日期"))

    class Meta:
        verbose_name = _("表彰")
        verbose_name_plural = _("表彰")
        ordering = ["-commended_on", "pk"]

    def __str__(self):
        return f"{self.base.name} {self.assessment.round}考核优秀"
