"""Rectification after a failed annual assessment (Art. 12(三)): the base is 整改中 until its
re-evaluation. The host writes a rectification report with evidence on the public site
(「我的基地」) and submits it before the deadline; department staff re-evaluate it in the
workflow 「整改复评」 (``bases.models.assessment_steps``): passing returns the base to 已认定,
failing proposes the revocation of its title on Art. 12(三) (``bases.review.assessments``)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from bases.models.review_records import PrivateFile, ReviewedSubject, ReviewEvent
from bases.review.files import PrivateFileField, generated_name, private_storage
from bases.review.roles import is_department_staff


class RectificationStatus(models.TextChoices):
    AWAITING_REPORT = "awaiting_report", _("待提交整改报告")
    REEVALUATION = "reevaluation", _("待复评")
    RETURNED = "returned", _("退回补充")
    PASSED = "passed", _("复评合格")
    FAILED = "failed", _("复评不合格")


# The host may write the report while it waits for one or after it was returned.
EDITABLE_RECTIFICATION_STATUSES = (
    RectificationStatus.AWAITING_REPORT,
    RectificationStatus.RETURNED,
)


class RectificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one visibility rule: department staff and leadership see every rectification;
        the base's recommending department and the accounts of its host see the base's."""
        if not user.is_authenticated:
            return self.none()
        if is_department_staff(user):
            return self.all()
        return self.filter(
            Q(base__host__applicant_accounts__user=user)
            | Q(base__recommending_department__in=user.recommending_departments.all())
        ).distinct()

    def open(self):
        return self.exclude(status__in=[RectificationStatus.PASSED, RectificationStatus.FAILED])


class Rectification(
    ReviewedSubject, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    base = models.ForeignKey(
        "bases.Base",
        verbose_name=_("基地"),
        on_delete=models.PROTECT,
        related_name="rectifications",
    )
    assessment = models.OneToOneField(
        "bases.Assessment",
        verbose_name=_("不合格的考核"),
        on_delete=models.PROTECT,
        related_name="rectification",
        editable=False,
    )
    deadline = models.DateField(_("整改期限"), editable=False)
    report = models.TextField(
        _("整改情况"),
        blank=True,
        help_text=_("逐条说明考核意见指出的问题和整改措施、完成情况。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=30,
        choices=RectificationStatus.choices,
        default=RectificationStatus.AWAITING_REPORT,
        editable=False,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("复评时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RectificationQuerySet.as_manager()

    REVIEW_STATE_FIELDS = ["status", "submitted_at", "decided_at"]

    class Meta:
        verbose_name = _("整改复评")
        verbose_name_plural = _("整改复评")
        ordering = ["-created_at"]
        permissions = [
            ("reevaluate_rectification", _("整改复评")),
            ("publish_rectification", _("发布整改复评结果")),
            ("lock_rectification", _("锁定整改复评")),
            ("unlock_rectification", _("解锁整改复评")),
        ]

    def __str__(self):
        return self.base.name

    @property
    def name(self):
        return f"{self.base.name}整改（{self.assessment.round}考核）"

    @property
    def is_editable(self):
        return self.status in EDITABLE_RECTIFICATION_STATUSES


def rectification_file_path(attachment, filename):
    return f"rectifications/{generated_name(filename)}"


class RectificationAttachment(PrivateFile):
    rectification = models.ForeignKey(
        Rectification, on_delete=models.CASCADE, related_name="attachments"
    )
    file = PrivateFileField(
        _("文件"), storage=private_storage, upload_to=rectification_file_path, max_length=500
    )

    class Meta:
        verbose_name = _("整改证明材料")
        verbose_name_plural = _("整改证明材料")


class RectificationEvent(ReviewEvent):
    class Kind(models.TextChoices):
        OPENED = "opened", _("要求整改")
        SUBMITTED = "submitted", _("提交整改报告")
        STEP_STARTED = "step_started", _("进入审核环节")
        STEP_PASSED = "step_passed", _("复评合格")
        RETURNED = "returned", _("退回补充")
        REFUSED = "refused", _("复评不合格")

    rectification = models.ForeignKey(
        Rectification, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    message = models.TextField(_("意见"), blank=True)

    class Meta(ReviewEvent.Meta):
        verbose_name = _("整改进程")
        verbose_name_plural = _("整改进程")
