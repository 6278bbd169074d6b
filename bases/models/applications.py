"""Applications for accreditation (Art. 5–7): a moderated snippet that host organisations and
league/city governments fill in on the public site and submit into review."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)

from bases.models.bases import BaseType, ForeignPartner
from bases.models.organisations import HostOrganisation
from bases.models.review_records import PrivateFile, ReviewedSubject, ReviewEvent
from bases.models.reviews import ApplicationWorkflow, ExpertAssignment
from bases.review.files import PrivateFileField, generated_name, private_storage
from bases.review.roles import is_department_staff


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    RECOMMENDING_REVIEW = "recommending_review", _("推荐部门审核中")
    EXPERT_REVIEW = "expert_review", _("专家评审中")
    SITE_INSPECTION = "site_inspection", _("实地考察中")
    AWAITING_DECISION = "awaiting_decision", _("待批复")
    PUBLICITY = "publicity", _("公示中")
    ACCREDITED = "accredited", _("已认定")
    RETURNED = "returned", _("退回修改")
    REFUSED = "refused", _("不予认定")
    WITHDRAWN = "withdrawn", _("已撤回")


# An application is closed once it is decided or withdrawn; every other state is open.
CLOSED_STATUSES = {
    ApplicationStatus.ACCREDITED,
    ApplicationStatus.REFUSED,
    ApplicationStatus.WITHDRAWN,
}
# The applicant may change the content only of a draft or of an application returned to them.
EDITABLE_STATUSES = {ApplicationStatus.DRAFT, ApplicationStatus.RETURNED}
# Once publicity begins the decision has been taken, and withdrawing is no longer possible.
WITHDRAWABLE_STATUSES = set(ApplicationStatus) - CLOSED_STATUSES - {ApplicationStatus.PUBLICITY}


# The fields of the unit section (一、单位信息), all required on submission.
UNIT_FIELDS = [
    "unit_name",
    "credit_code",
    "unit_kind",
    "registration_date",
    "league_city",
    "address",
    "unit_head",
    "contact_name",
    "contact_phone",
    "contact_email",
]


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one visibility rule for applications and their files, used by the admin
        listing, the admin views, the public pages and the file download: the applicant who
        owns them, department staff and leadership, the members of the application's
        recommending department once it is submitted, and the experts assigned to it."""
        if not user.is_authenticated:
            return self.none()
        if is_department_staff(user):
            return self.all()
        return self.filter(
            Q(applicant=user)
            | (
                # A draft, even one withdrawn before it was ever submitted, stays private.
                Q(recommending_department__in=user.recommending_departments.all())
                & Q(submitted_at__isnull=False)
            )
            | Q(pk__in=ExpertAssignment.objects.filter(expert=user).values("application"))
        )

    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)


class Application(
    ReviewedSubject, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    call = models.ForeignKey(
        "bases.ApplicationCall",
        verbose_name=_("申报通知"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申报账户"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    base_type = models.CharField(_("申报类型"), max_length=40, choices=BaseType.choices)
    status = models.CharField(
        _("状态"),
        max_length=30,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    host = models.ForeignKey(
        HostOrganisation,
        verbose_name=_("依托单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    recommending_department = models.ForeignKey(
        "bases.RecommendingDepartment",
        verbose_name=_("推荐部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )

    # 一、单位信息
    unit_name = models.CharField(_("单位名称"), max_length=200, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    unit_kind = models.CharField(
        _("单位类型"), max_length=30, choices=HostOrganisation.Kind.choices, blank=True
    )
    registration_date = models.DateField(_("注册（成立）日期"), null=True, blank=True)
    league_city = models.ForeignKey(
        "bases.LeagueCity",
        verbose_name=_("所在盟市"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("通讯地址"), max_length=200, blank=True)
    unit_head = models.CharField(_("单位负责人"), max_length=50, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)

    # 二、拟建基地
    base_name = models.CharField(_("拟建基地名称"), max_length=200, blank=True)
    base_head = models.CharField(_("基地负责人"), max_length=50, blank=True)
    fields = ParentalManyToManyField(
        "bases.CooperationField", verbose_name=_("合作领域"), blank=True, related_name="+"
    )
    partner_countries = ParentalManyToManyField(
        "bases.Country", verbose_name=_("合作国家和地区"), blank=True, related_name="+"
    )
    goals = models.TextField(_("国际科技合作目标"), blank=True)
    team = models.TextField(_("合作团队与管理机构"), blank=True)
    plan_summary = models.TextField(_("实施方案摘要"), blank=True)

    # 三、合作基础
    results = models.TextField(_("主要合作成效"), blank=True)

    # 四、条件自查：condition key → the applicant's statement (see bases.rules.conditions)
    condition_statements = models.JSONField(_("认定条件自查"), default=dict, blank=True)

    # 六、科研诚信承诺
    integrity_commitment = models.BooleanField(_("已作出科研诚信承诺"), default=False)
    commitment_signatory = models.CharField(_("承诺人"), max_length=50, blank=True)

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("认定申报")
        verbose_name_plural = _("认定申报")
        ordering = ["-created_at"]
        permissions = [
            ("view_all_applications", _("查看全部认定申报")),
            ("review_application", _("办理认定审核")),
            ("decide_application", _("作出认定决定")),
            ("score_application", _("担任评审专家")),
            # Declared so that role migrations can grant them; Wagtail would add them only
            # after all migrations have run.
            ("publish_application", _("批准认定申报")),
            ("lock_application", _("锁定认定申报")),
            ("unlock_application", _("解锁认定申报")),
        ]

    def __str__(self):
        return self.base_name or f"{self.get_base_type_display()}申报（{self.unit_name}）"

    # What the review owns rather than the applicant. A revision is the applicant's submission:
    # loading one in the admin, or publishing one when the review completes, must not turn
    # these back to what they were when it was submitted.
    REVIEW_STATE_FIELDS = ["status", "submitted_at", "host_id"]

    def get_workflow(self):
        """The workflow of this application's base type, as the department has mapped it
        (``ApplicationWorkflow``), rather than one workflow for every application."""
        mapping = (
            ApplicationWorkflow.objects.filter(base_type=self.base_type, workflow__active=True)
            .select_related("workflow")
            .first()
        )
        return mapping.workflow if mapping else None

    @property
    def name(self):
        return self.base_name

    @property
    def host_display(self):
        """The host's name as the application gives it (a park may not be registered yet)."""
        return self.unit_name or (self.host.name if self.host_id else "")

    @property
    def reference(self):
        """The number quoted in correspondence, e.g. SB2026-0042."""
        return f"SB{self.call.year}-{self.pk:04d}"

    reference.fget.short_description = _("申报编号")

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def can_withdraw(self):
        return self.status in WITHDRAWABLE_STATUSES

    @property
    def is_open(self):
        return self.status not in CLOSED_STATUSES


class ApplicationPartner(ForeignPartner):
    """A foreign partner institution the proposed base works with."""

    application = ParentalKey(Application, related_name="partners", on_delete=models.CASCADE)

    class Meta(ForeignPartner.Meta):
        pass


class ApplicationProject(Orderable):
    """An international S&T cooperation project the host has undertaken (Art. 7)."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("国家级")
        REGIONAL = "regional", _("自治区级")
        OTHER = "other", _("其他")

    application = ParentalKey(Application, related_name="projects", on_delete=models.CASCADE)
    name = models.CharField(_("项目名称"), max_length=200)
    level = models.CharField(_("项目级别"), max_length=20, choices=Level.choices)
    programme = models.CharField(_("项目来源（计划类别）"), max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(_("起始年份"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("结束年份"), null=True, blank=True)
    role = models.CharField(_("承担角色"), max_length=50, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("国际科技合作项目")
        verbose_name_plural = _("国际科技合作项目")

    @property
    def counts_for_article_7(self):
        return self.level in (self.Level.NATIONAL, self.Level.REGIONAL)


def attachment_path(attachment, filename):
    return f"applications/{attachment.application_id}/{generated_name(filename)}"


class ApplicationAttachment(PrivateFile):
    class Kind(models.TextChoices):
        IMPLEMENTATION_PLAN = "implementation_plan", _("实施方案")
        REGISTRATION_CERTIFICATE = "registration_certificate", _("法人登记证书")
        COOPERATION_AGREEMENT = "cooperation_agreement", _("合作协议")
        OTHER = "other", _("其他证明材料")

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="attachments"
    )
    kind = models.CharField(_("材料类别"), max_length=30, choices=Kind.choices)
    file = PrivateFileField(_("文件"), storage=private_storage, upload_to=attachment_path)

    class Meta:
        verbose_name = _("申报材料")
        verbose_name_plural = _("申报材料")
        ordering = ["kind", "uploaded_at"]


class ApplicationEvent(ReviewEvent):
    """One step of an application's timeline (see ``ReviewEvent``)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("创建草稿")
        SUBMITTED = "submitted", _("提交申报")
        RESUBMITTED = "resubmitted", _("修改后重新提交")
        STEP_STARTED = "step_started", _("进入审核环节")
        STEP_PASSED = "step_passed", _("审核通过")
        RETURNED = "returned", _("退回修改")
        REFUSED = "refused", _("不予认定")
        WITHDRAWN = "withdrawn", _("撤回申报")
        ACCREDITED = "accredited", _("认定并授牌")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    message = models.TextField(_("给申报单位的意见"), blank=True)

    class Meta(ReviewEvent.Meta):
        verbose_name = _("申报进程")
        verbose_name_plural = _("申报进程")

    def __str__(self):
        return f"{self.application}：{self.get_kind_display()}"
