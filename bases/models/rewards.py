"""Rewards and national recommendations of accredited bases (Art. 16–18): the post-subsidy
awards the department grants to excellent bases on their evaluation (Art. 16), and the
recommendations of the best bases for national-level bases (Art. 17) and of their projects for
the national key programme or foreign-aid projects (Art. 18). Staff record them against the
base; those marked public show on the base's profile and in the statistics."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bases.models.compliance import bases_overseen_by

YEAR_VALIDATORS = [
    MinValueValidator(2000, message=_("请填写有效的年度。")),
    MaxValueValidator(2100, message=_("请填写有效的年度。")),
]


class RewardQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one visibility rule in the admin: department staff and leadership see every
        record; a recommending department sees those of the bases it recommended; nobody
        else."""
        return self.filter(base__in=bases_overseen_by(user))

    def public(self):
        """What the profile and the statistics show. A revoked base's public records stay on
        its profile: they were granted while it held the title."""
        return self.filter(is_public=True)


class RecordedReward(models.Model):
    """What an award and a recommendation share: the base, whether it is public, a note and
    who recorded it."""

    is_public = models.BooleanField(
        _("公开"), default=True, help_text=_("公开的记录显示在基地简介和统计页面。")
    )
    note = models.TextField(_("备注"), blank=True, help_text=_("只在后台可见。"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RewardQuerySet.as_manager()

    class Meta:
        abstract = True


class PostSubsidyAward(RecordedReward):
    """A post-subsidy award (奖励性后补助, Art. 16): at most one per base and year."""

    base = models.ForeignKey(
        "bases.Base",
        verbose_name=_("基地"),
        on_delete=models.PROTECT,
        related_name="post_subsidies",
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=YEAR_VALIDATORS, help_text=_("奖励所依据的评估年度")
    )
    amount = models.DecimalField(
        _("金额（万元）"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"), message=_("后补助金额须大于 0 万元。"))],
    )
    decision_number = models.CharField(
        _("文号"), max_length=100, help_text=_("如：内科发〔2026〕12号")
    )
    decided_on = models.DateField(_("下达日期"))

    class Meta:
        verbose_name = _("奖励性后补助")
        verbose_name_plural = _("奖励性后补助")
        ordering = ["-year", "base__name_pinyin"]
        constraints = [
            models.UniqueConstraint(
                fields=["base", "year"],
                name="bases_one_post_subsidy_per_base_and_year",
                violation_error_message=_("该基地本年度已有一条奖励性后补助记录。"),
            )
        ]

    def __str__(self):
        return f"{self.base.name}（{self.year}年度）"

    def clean(self):
        super().clean()
        # Said on the year, where it is fixed: the admin's form shows errors beside fields only.
        if self.base_id and self.year:
            others = PostSubsidyAward.objects.filter(base_id=self.base_id, year=self.year)
            if others.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"year": _("该基地本年度已有一条奖励性后补助记录，请修改那一条。")}
                )


class RecommendationKind(models.TextChoices):
    NATIONAL_BASE = "national_base", _("推荐申报国家级国际科技合作基地（第十七条）")
    NATIONAL_PROJECT = (
        "national_project",
        _("推荐项目申报国家重点专项或援外项目（第十八条）"),
    )

    @property
    def short_label(self):
        """The label where room is short: the statistics' columns and legend. No brackets: a
        column heading on a phone would break before one."""
        return {
            RecommendationKind.NATIONAL_BASE: _("申报国家级基地"),
            RecommendationKind.NATIONAL_PROJECT: _("申报国家项目"),
        }[self]


class RecommendationOutcome(models.TextChoices):
    PENDING = "pending", _("评审中")
    APPROVED = "approved", _("获批")
    NOT_APPROVED = "not_approved", _("未获批")


class NationalRecommendation(RecordedReward):
    """A recommendation of the department (择优推荐): of the base for a national-level base
    (Art. 17), or of one of its projects for a national programme (Art. 18)."""

    base = models.ForeignKey(
        "bases.Base",
        verbose_name=_("基地"),
        on_delete=models.PROTECT,
        related_name="national_recommendations",
    )
    kind = models.CharField(_("类别"), max_length=20, choices=RecommendationKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    project_title = models.CharField(
        _("项目名称"), max_length=200, blank=True, help_text=_("推荐项目时必填。")
    )
    programme = models.CharField(
        _("申报专项"),
        max_length=200,
        blank=True,
        help_text=_("如：科技部政府间国际科技创新合作重点专项、援外项目"),
    )
    recommended_on = models.DateField(_("推荐日期"))
    outcome = models.CharField(
        _("结果"),
        max_length=20,
        choices=RecommendationOutcome.choices,
        default=RecommendationOutcome.PENDING,
    )

    class Meta:
        verbose_name = _("择优推荐")
        verbose_name_plural = _("择优推荐")
        ordering = ["-year", "base__name_pinyin", "kind"]
        constraints = [
            # A base once a year for a national base (its title is empty); a project once.
            models.UniqueConstraint(
                fields=["base", "kind", "year", "project_title"],
                name="bases_one_recommendation_per_base_kind_year_project",
                violation_error_message=_("该基地本年度已有相同的推荐记录。"),
            )
        ]

    def __str__(self):
        return f"{self.base.name}（{self.year}年度，{self.get_kind_display()}）"

    def clean(self):
        super().clean()
        # Art. 18 recommends a project: say which. Art. 17 recommends the base itself.
        if self.kind == RecommendationKind.NATIONAL_PROJECT and not self.project_title.strip():
            raise ValidationError({"project_title": _("推荐项目申报国家专项时，请填写项目名称。")})
        if self.kind == RecommendationKind.NATIONAL_BASE and self.project_title.strip():
            raise ValidationError(
                {"project_title": _("推荐申报国家级基地时不填写项目名称（推荐的是基地本身）。")}
            )
        # The admin's form shows errors beside fields only: say it where it is fixed.
        if self.base_id and self.year and self.kind:
            same = NationalRecommendation.objects.filter(
                base_id=self.base_id,
                kind=self.kind,
                year=self.year,
                project_title=self.project_title,
            ).exclude(pk=self.pk)
            if same.exists():
                field = "project_title" if self.project_title else "year"
                raise ValidationError({field: _("该基地本年度已有相同的推荐记录。")})
