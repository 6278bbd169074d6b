"""Revocation of a base's title (Art. 12, 14): an action with its own workflow, never a field
edit. Department staff propose it on one of the nine reasons of Art. 12 or on Art. 14, with
the facts, evidence and the decision document; the leadership confirms it
(``bases.models.revocation_steps``). The confirmation's effects — the base revoked, its plaque
to be returned, the announcement, the three-year bar — happen once, in one transaction
(``bases.review.revocations``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from bases.models.review_records import ReviewedSubject, ReviewEvent
from bases.review.files import NAME_LENGTH, PrivateFileField, generated_name, private_storage
from bases.review.roles import is_department_staff


class RevocationReason(models.TextChoices):
    FALSE_INFORMATION = "12-1", _("在申请认定或考核过程中提供虚假信息（第十二条第（一）项）")
    INTEGRITY_BLACKLIST = (
        "12-2",
        _("依托单位或其负责人违背科研诚信要求，被列入黑名单（第十二条第（二）项）"),
    )
    FAILED_REEVALUATION = (
        "12-3",
        _("工作开展不力、发展缓慢，绩效考评不合格，整改后复评仍不合格（第十二条第（三）项）"),
    )
    NO_ANNUAL_SUMMARY = "12-4", _("连续两年未提交年度工作总结（第十二条第（四）项）")
    SERIOUS_ACCIDENT = "12-5", _("发生重大安全、质量事故，造成严重后果（第十二条第（五）项）")
    SERIOUS_VIOLATION = "12-6", _("有严重违法、违规和违纪行为，造成严重后果（第十二条第（六）项）")
    HOST_REQUEST = "12-7", _("依托单位自行要求撤销其国合基地（第十二条第（七）项）")
    HOST_DISSOLVED = "12-8", _("国合基地依托单位被依法终止（第十二条第（八）项）")
    OTHER = "12-9", _("其他科技厅认为应该撤销的情形（第十二条第（九）项）")
    NO_LONGER_QUALIFIED = "14", _("重大变更后已不符合认定条件（第十四条）")

    @property
    def article(self):
        """The article as the status history and the announcement cite it."""
        if self.value == "14":
            return "《管理办法》第十四条"
        item = "一二三四五六七八九"[int(self.value.split("-")[1]) - 1]
        return f"《管理办法》第十二条第（{item}）项"


class RevocationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("待领导小组确认")
    RETURNED = "returned", _("退回修改")
    CONFIRMED = "confirmed", _("已撤销")
    REFUSED = "refused", _("不予撤销")
    REVERSED = "reversed", _("已撤回（撤销决定已纠正）")


def revocation_file_path(revocation, filename):
    return f"revocations/{generated_name(filename)}"


class RevocationQuerySet(models.QuerySet):
    def under_way(self):
        """Proposed and not yet decided: a base has at most one at a time."""
        return self.exclude(
            status__in=[
                RevocationStatus.CONFIRMED,
                RevocationStatus.REFUSED,
                RevocationStatus.REVERSED,
            ]
        )

    def visible_to(self, user):
        """The one visibility rule: department staff and leadership see every revocation; the
        base's recommending department sees it once proposed; nobody else."""
        if not user.is_authenticated:
            return self.none()
        if is_department_staff(user):
            return self.all()
        return self.filter(
            Q(base__recommending_department__in=user.recommending_departments.all())
            & ~Q(status=RevocationStatus.DRAFT)
        )


class Revocation(
    ReviewedSubject, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    base = models.ForeignKey(
        "bases.Base", verbose_name=_("基地"), on_delete=models.PROTECT, related_name="revocations"
    )
    reason = models.CharField(_("撤销事由"), max_length=5, choices=RevocationReason.choices)
    facts = models.TextField(
        _("事实与理由"), help_text=_("写明查实的事实和依据；确认后写入状态记录和撤销公告。")
    )
    evidence = PrivateFileField(
        _("证据材料"),
        storage=private_storage,
        upload_to=revocation_file_path,
        help_text=_("PDF 等，不公开，只有审核人员可以下载。"),
    )
    # The names the uploader gave each file (stored under generated names, see files.py).
    evidence_name = models.CharField(
        _("证据材料文件名"), max_length=NAME_LENGTH, blank=True, editable=False
    )
    decision_document = PrivateFileField(
        _("撤销决定文件"), storage=private_storage, upload_to=revocation_file_path
    )
    decision_document_name = models.CharField(
        _("撤销决定文件名"), max_length=NAME_LENGTH, blank=True, editable=False
    )
    decision_number = models.CharField(
        _("撤销决定文号"), max_length=100, help_text=_("如：内科发〔2026〕30号")
    )
    status = models.CharField(
        _("状态"),
        max_length=30,
        choices=RevocationStatus.choices,
        default=RevocationStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True, editable=False)
    # Art. 12: 收回所授牌匾. Empty until staff record that the plaque came back.
    plaque_returned_on = models.DateField(_("牌匾收回日期"), null=True, blank=True, editable=False)
    # A wrong revocation is corrected only by a recorded decision (Art. 12; announced too).
    reversed_on = models.DateField(_("撤回日期"), null=True, blank=True, editable=False)
    reversal_reason = models.TextField(_("撤回理由"), blank=True, editable=False)
    reversal_number = models.CharField(
        _("撤回决定文号"), max_length=100, blank=True, editable=False
    )
    reversal_document = PrivateFileField(
        _("撤回决定文件"),
        storage=private_storage,
        upload_to=revocation_file_path,
        blank=True,
        editable=False,
    )
    reversal_document_name = models.CharField(
        _("撤回决定文件名"), max_length=NAME_LENGTH, blank=True, editable=False
    )
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回决定人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The annual report monitor's proposal that staff confirmed and this revocation carries out
    # (Art. 12(四)); empty for a revocation staff proposed themselves.
    flag = models.OneToOneField(
        "bases.ComplianceFlag",
        verbose_name=_("撤销建议"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="revocation",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RevocationQuerySet.as_manager()

    REVIEW_STATE_FIELDS = [
        "status",
        "revoked_on",
        "plaque_returned_on",
        "proposed_by_id",
        "reversed_on",
        "reversal_reason",
        "reversal_number",
        "reversal_document",
        "reversal_document_name",
        "reversed_by_id",
    ]

    class Meta:
        verbose_name = _("撤销资格")
        verbose_name_plural = _("撤销资格")
        ordering = ["-created_at"]
        permissions = [
            ("confirm_revocation", _("确认撤销国合基地资格")),
            ("reverse_revocation", _("撤回错误的撤销决定")),
            ("publish_revocation", _("发布撤销决定")),
            ("lock_revocation", _("锁定撤销资格")),
            ("unlock_revocation", _("解锁撤销资格")),
        ]

    def __str__(self):
        return self.base.name  # Wagtail says 撤销资格“…”已创建

    @property
    def name(self):
        return f"撤销“{self.base.name}”资格"

    @property
    def reason_choice(self):
        return RevocationReason(self.reason)

    @property
    def plaque_state(self):
        if self.status != RevocationStatus.CONFIRMED:
            return ""
        return _("已收回") if self.plaque_returned_on else _("待收回")


class RevocationEvent(ReviewEvent):
    class Kind(models.TextChoices):
        PROPOSED = "proposed", _("提出撤销")
        STEP_STARTED = "step_started", _("进入审核环节")
        STEP_PASSED = "step_passed", _("审核通过")
        RETURNED = "returned", _("退回修改")
        REFUSED = "refused", _("不予撤销")
        REVOKED = "revoked", _("撤销资格")
        PLAQUE_RETURNED = "plaque_returned", _("收回牌匾")
        REVERSED = "reversed", _("撤回撤销决定")

    revocation = models.ForeignKey(Revocation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    message = models.TextField(_("意见"), blank=True)

    class Meta(ReviewEvent.Meta):
        verbose_name = _("撤销进程")
        verbose_name_plural = _("撤销进程")
