"""The bases' annual cycle (Art. 12–13): every year the host of an accredited base submits an
annual work plan and an annual summary, which its recommending department reviews and the
department files (备案). Both are one moderated snippet, ``AnnualReport``, told apart by its
``kind``, reviewed in the workflow 「年度报告审核」 on the review engine
(``bases.models.annual_report_steps``).

The summary is structured data as well as a narrative, so that the statistics and the annual
assessment can read it: projects, agreements, exchanges, talent and results, and a result per
goal of the year's plan. Figures are public once filed; the narrative and the names of people
are not, unless marked public.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)

from bases.models.review_records import PrivateFile, ReviewedSubject, ReviewEvent
from bases.review.files import PrivateFileField, generated_name, private_storage
from bases.review.roles import is_department_staff

FIRST_YEAR = 2000


def year_validators():
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]


class ReportKind(models.TextChoices):
    PLAN = "plan", _("年度工作计划")
    SUMMARY = "summary", _("年度工作总结")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    RECOMMENDING_REVIEW = "recommending_review", _("推荐部门审核中")
    AWAITING_FILING = "awaiting_filing", _("待科技厅备案")
    RETURNED = "returned", _("退回修改")
    FILED = "filed", _("已备案")


EDITABLE_REPORT_STATUSES = {ReportStatus.DRAFT, ReportStatus.RETURNED}


class ReportingYear(models.Model):
    """The deadlines of one reporting year, which department staff may change. A year with
    no row uses the defaults: the plan by 31 March of the year, the summary by 31 January of
    the next year."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True, validators=year_validators())
    plan_deadline = models.DateField(_("年度工作计划截止日期"))
    summary_deadline = models.DateField(_("年度工作总结截止日期"))

    class Meta:
        verbose_name = _("年度报告截止日期")
        verbose_name_plural = _("年度报告截止日期")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年度"

    def save(self, *args, **kwargs):
        if self.plan_deadline is None:
            self.plan_deadline = self.default_deadline(self.year, ReportKind.PLAN)
        if self.summary_deadline is None:
            self.summary_deadline = self.default_deadline(self.year, ReportKind.SUMMARY)
        super().save(*args, **kwargs)

    @staticmethod
    def default_deadline(year, kind):
        if kind == ReportKind.PLAN:
            return datetime.date(year, 3, 31)
        return datetime.date(year + 1, 1, 31)

    NONE = object()  # "not looked up yet", as opposed to None, "no row for the year"

    @classmethod
    def deadline(cls, year, kind, row=NONE):
        """The deadline of ``kind`` for ``year``; pass the year's ``row`` (or None) when it
        has been looked up already."""
        if row is cls.NONE:
            row = cls.objects.filter(year=year).first()
        if row is None:
            return cls.default_deadline(year, kind)
        return row.plan_deadline if kind == ReportKind.PLAN else row.summary_deadline


class Deadlines:
    """The deadlines of every year from one query of the years staff changed, for code that
    asks for many (the monitor, the table of bases × years)."""

    def __init__(self):
        self.overrides = {row.year: row for row in ReportingYear.objects.all()}

    def of(self, year, kind):
        return ReportingYear.deadline(year, kind, self.overrides.get(year))


class AnnualReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one visibility rule for annual reports and their files, used by the admin and
        the public pages: the accounts of the base's host, department staff and leadership,
        and the members of the base's recommending department once the report is submitted
        (a draft stays the host's own)."""
        if not user.is_authenticated:
            return self.none()
        if is_department_staff(user):
            return self.all()
        return self.filter(
            Q(base__host__applicant_accounts__user=user)
            | (
                Q(base__recommending_department__in=user.recommending_departments.all())
                & Q(submitted_at__isnull=False)
            )
        ).distinct()

    def filed(self):
        return self.filter(status=ReportStatus.FILED)


class AnnualReport(
    ReviewedSubject, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    base = models.ForeignKey(
        "bases.Base",
        verbose_name=_("基地"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    kind = models.CharField(_("类别"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators())
    status = models.CharField(
        _("状态"),
        max_length=30,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报账户"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )

    # The narrative. Never public.
    narrative = models.TextField(
        _("工作内容"),
        blank=True,
        help_text=_("计划：本年度的工作安排；总结：本年度工作完成情况。仅审核人员可见。"),
    )
    # The summary's figures (public once filed).
    foreign_experts_hosted = models.PositiveIntegerField(_("接待外国专家（人次）"), default=0)
    staff_sent_abroad = models.PositiveIntegerField(_("派出人员（人次）"), default=0)
    exchange_names = models.TextField(
        _("外国专家和派出人员名单"), blank=True, help_text=_("可选。不公开。")
    )
    talent_trained = models.PositiveIntegerField(_("培养人才（人）"), default=0)
    training_events = models.PositiveIntegerField(_("举办培训（场次）"), default=0)
    papers = models.PositiveIntegerField(_("合作发表论文（篇）"), default=0)
    patents = models.PositiveIntegerField(_("专利（件）"), default=0)
    standards = models.PositiveIntegerField(_("标准（项）"), default=0)
    technologies_in = models.PositiveIntegerField(_("引进技术（项）"), default=0)
    technologies_out = models.PositiveIntegerField(_("输出技术（项）"), default=0)
    self_assessment = models.TextField(_("对照年度计划的自我评价"), blank=True)

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    filed_at = models.DateTimeField(_("备案时间"), null=True, blank=True)

    objects = AnnualReportQuerySet.as_manager()

    # What the review owns rather than the host (see Application.REVIEW_STATE_FIELDS).
    REVIEW_STATE_FIELDS = ["status", "submitted_at", "filed_at"]
    FIGURES = [
        "foreign_experts_hosted",
        "staff_sent_abroad",
        "talent_trained",
        "training_events",
        "papers",
        "patents",
        "standards",
        "technologies_in",
        "technologies_out",
    ]

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["-year", "base__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["base", "year", "kind"], name="one_report_per_base_year_kind"
            )
        ]
        permissions = [
            ("file_annualreport", _("年度报告备案")),
            # Declared so that role migrations can grant them (see Application.Meta).
            ("publish_annualreport", _("发布年度报告")),
            ("lock_annualreport", _("锁定年度报告")),
            ("unlock_annualreport", _("解锁年度报告")),
        ]

    def __str__(self):
        return f"{self.base.name} {self.year}{self.get_kind_display()}"  # …2025年度工作总结

    @property
    def name(self):
        return str(self)

    @property
    def is_editable(self):
        return self.status in EDITABLE_REPORT_STATUSES

    @property
    def is_plan(self):
        return self.kind == ReportKind.PLAN

    @property
    def deadline(self):
        return ReportingYear.deadline(self.year, self.kind)

    def plan(self):
        """The same year's plan, whose goals a summary reports against."""
        return AnnualReport.objects.filter(
            base_id=self.base_id, year=self.year, kind=ReportKind.PLAN
        ).first()


class AnnualGoal(Orderable):
    """A goal of the plan with a measurable target; the summary reports what was achieved."""

    report = ParentalKey(AnnualReport, related_name="goals", on_delete=models.CASCADE)
    goal = models.CharField(_("目标"), max_length=200)
    indicator = models.CharField(_("考核指标"), max_length=100)
    target = models.DecimalField(_("目标值"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=20, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")

    def __str__(self):
        return self.goal


class GoalResult(Orderable):
    """What the summary reports for one goal of the same year's plan."""

    report = ParentalKey(AnnualReport, related_name="goal_results", on_delete=models.CASCADE)
    goal = models.ForeignKey(
        AnnualGoal, verbose_name=_("目标"), on_delete=models.PROTECT, related_name="results"
    )
    achieved = models.DecimalField(_("完成值"), max_digits=12, decimal_places=2)
    comment = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("目标完成情况")
        verbose_name_plural = _("目标完成情况")

    @property
    def ratio(self):
        if not self.goal.target:
            return None
        return self.achieved / self.goal.target


class ReportProject(Orderable):
    """An international cooperation project of the year."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("国家级")
        REGIONAL = "regional", _("自治区级")
        CITY = "city", _("盟市级")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        ONGOING = "ongoing", _("在研")
        COMPLETED = "completed", _("已结题")
        STARTING = "starting", _("新立项")

    report = ParentalKey(AnnualReport, related_name="projects", on_delete=models.CASCADE)
    title = models.CharField(_("项目名称"), max_length=200)
    partner = models.CharField(_("合作机构"), max_length=200)
    country = models.ForeignKey(
        "bases.Country", verbose_name=_("国家和地区"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("项目级别"), max_length=20, choices=Level.choices)
    funding = models.DecimalField(
        _("经费（万元）"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices)

    class Meta(Orderable.Meta):
        verbose_name = _("国际合作项目")
        verbose_name_plural = _("国际合作项目")

    def __str__(self):
        return self.title


class ReportAgreement(Orderable):
    """A cooperation agreement signed in the year."""

    class Kind(models.TextChoices):
        FRAMEWORK = "framework", _("框架协议")
        PROJECT = "project", _("项目协议")
        MOU = "mou", _("合作备忘录")
        OTHER = "other", _("其他")

    report = ParentalKey(AnnualReport, related_name="agreements", on_delete=models.CASCADE)
    partner = models.CharField(_("合作方"), max_length=200)
    country = models.ForeignKey(
        "bases.Country", verbose_name=_("国家和地区"), on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField(_("签订日期"))
    kind = models.CharField(_("协议类型"), max_length=20, choices=Kind.choices)

    class Meta(Orderable.Meta):
        verbose_name = _("签订协议")
        verbose_name_plural = _("签订协议")

    def __str__(self):
        return self.partner


def report_file_path(attachment, filename):
    return f"annual-reports/{attachment.report_id}/{generated_name(filename)}"


class AnnualReportAttachment(PrivateFile):
    """A file of the report (the signed report, evidence), checked as an application's."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="attachments")
    file = PrivateFileField(_("文件"), storage=private_storage, upload_to=report_file_path)

    class Meta:
        verbose_name = _("年度报告附件")
        verbose_name_plural = _("年度报告附件")
        ordering = ["uploaded_at"]


class AnnualReportEvent(ReviewEvent):
    """One step of a report's history (see ``ReviewEvent``)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("创建草稿")
        SUBMITTED = "submitted", _("提交")
        RESUBMITTED = "resubmitted", _("修改后重新提交")
        STEP_STARTED = "step_started", _("进入审核环节")
        STEP_PASSED = "step_passed", _("审核通过")
        RETURNED = "returned", _("退回修改")
        FILED = "filed", _("已备案")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    message = models.TextField(_("给依托单位的意见"), blank=True)

    class Meta(ReviewEvent.Meta):
        verbose_name = _("年度报告进程")
        verbose_name_plural = _("年度报告进程")

    def __str__(self):
        return self.get_kind_display()
