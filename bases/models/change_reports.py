"""Major change reports (Art. 14): the host of a base reports a change of the base's head, a
merger or reorganisation of the host, or a major change of its business, with details and
evidence. The base's recommending department reviews the report, then department staff decide
whether the base still meets its conditions (the change enters the base's record and history)
or no longer does (a revocation on Art. 14 is drafted). ``ChangeReport`` is a moderated
snippet reviewed in the workflow 「重大变更报告」 on the review engine
(``bases.models.change_report_steps``); its effects are ``bases.review.change_reports``.

Staff who learn of a change the host has not reported record a ``ChangeReportRequest``: the host
is told, and the request is answered by the host's next change report for the base."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from bases.models.bases import ChangeKind
from bases.models.review_records import PrivateFile, ReviewedSubject, ReviewEvent
from bases.review.files import PrivateFileField, generated_name, private_storage
from bases.review.roles import is_department_staff


class ChangeReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    RECOMMENDING_REVIEW = "recommending_review", _("推荐部门审核中")
    AWAITING_DECISION = "awaiting_decision", _("待科技厅审定")
    RETURNED = "returned", _("退回修改")
    STILL_QUALIFIED = "still_qualified", _("仍符合认定条件")
    NO_LONGER_QUALIFIED = "no_longer_qualified", _("不再符合认定条件")


EDITABLE_CHANGE_STATUSES = {ChangeReportStatus.DRAFT, ChangeReportStatus.RETURNED}
DECIDED_CHANGE_STATUSES = {
    ChangeReportStatus.STILL_QUALIFIED,
    ChangeReportStatus.NO_LONGER_QUALIFIED,
}


class ChangeReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one visibility rule for change reports and their files, used by the admin and
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


class ChangeReport(
    ReviewedSubject, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    base = models.ForeignKey(
        "bases.Base",
        verbose_name=_("基地"),
        on_delete=models.PROTECT,
        related_name="change_reports",
    )
    # Blank only in a draft: submission requires it.
    kind = models.CharField(_("变更事项"), max_length=20, choices=ChangeKind.choices, blank=True)
    description = models.TextField(
        _("变更情况"),
        blank=True,
        help_text=_("发生了什么变更、自何时起，以及对基地运行和认定条件的影响。仅审核人员可见。"),
    )
    effective_on = models.DateField(_("变更日期"), null=True, blank=True)
    new_head = models.CharField(
        _("新任基地负责人"),
        max_length=50,
        blank=True,
        help_text=_("国合基地负责人变更时必填：新任负责人的姓名。"),
    )
    new_host_name = models.CharField(
        _("变更后的依托单位名称"),
        max_length=200,
        blank=True,
        help_text=_("依托单位并购、重组后名称改变的填写；名称不变的留空。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=30,
        choices=ChangeReportStatus.choices,
        default=ChangeReportStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报账户"),
        on_delete=models.PROTECT,
        related_name="change_reports",
    )
    # The revocation drafted when staff found that the base no longer qualifies.
    revocation = models.ForeignKey(
        "bases.Revocation",
        verbose_name=_("撤销资格"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="change_reports",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("审定时间"), null=True, blank=True)

    objects = ChangeReportQuerySet.as_manager()

    # What the review owns rather than the host (see Application.REVIEW_STATE_FIELDS).
    REVIEW_STATE_FIELDS = ["status", "submitted_at", "decided_at", "revocation_id"]

    class Meta:
        verbose_name = _("重大变更报告")
        verbose_name_plural = _("重大变更报告")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("decide_changereport", _("审定重大变更报告")),
            # Declared so that role migrations can grant them (see Application.Meta).
            ("publish_changereport", _("发布重大变更报告")),
            ("lock_changereport", _("锁定重大变更报告")),
            ("unlock_changereport", _("解锁重大变更报告")),
        ]

    def __str__(self):
        if self.kind:
            return f"{self.base.name}重大变更报告（{self.get_kind_display()}）"
        return f"{self.base.name}重大变更报告"

    @property
    def name(self):
        return str(self)

    @property
    def is_editable(self):
        return self.status in EDITABLE_CHANGE_STATUSES

    @property
    def is_decided(self):
        return self.status in DECIDED_CHANGE_STATUSES


def change_report_file_path(attachment, filename):
    return f"change-reports/{attachment.report_id}/{generated_name(filename)}"


class ChangeReportAttachment(PrivateFile):
    """Evidence of the change (an appointment, a merger agreement, a new business licence),
    checked as an application's files are."""

    report = models.ForeignKey(ChangeReport, on_delete=models.PROTECT, related_name="attachments")
    file = PrivateFileField(_("文件"), storage=private_storage, upload_to=change_report_file_path)

    class Meta:
        verbose_name = _("重大变更报告附件")
        verbose_name_plural = _("重大变更报告附件")
        ordering = ["uploaded_at", "pk"]


class ChangeReportEvent(ReviewEvent):
    """One step of a change report's history (see ``ReviewEvent``)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("创建草稿")
        SUBMITTED = "submitted", _("提交")
        RESUBMITTED = "resubmitted", _("修改后重新提交")
        STEP_STARTED = "step_started", _("进入审核环节")
        STEP_PASSED = "step_passed", _("审核通过")
        RETURNED = "returned", _("退回修改")
        # The engine's final refusal: staff found the base no longer qualifies.
        REFUSED = "refused", _("审定：不再符合认定条件")
        STILL_QUALIFIED = "still_qualified", _("审定：仍符合认定条件，已记入变更记录")

    report = models.ForeignKey(ChangeReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    message = models.TextField(_("给依托单位的意见"), blank=True)

    class Meta(ReviewEvent.Meta):
        verbose_name = _("重大变更报告进程")
        verbose_name_plural = _("重大变更报告进程")

    def __str__(self):
        return self.get_kind_display()


class ChangeReportRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Department staff and leadership see every request; a recommending department those
        about its bases (read-only); nobody else, in the admin. The host sees its own on
        「我的基地」."""
        if not user.is_authenticated:
            return self.none()
        if is_department_staff(user):
            return self.all()
        return self.filter(base__recommending_department__in=user.recommending_departments.all())

    def open(self):
        return self.filter(answered_at__isnull=True)


class ChangeReportRequest(models.Model):
    """Art. 14 requires the host to report a major change in time. Staff who learn of one that
    was not reported record what they learned; the host is mailed and sees the request on
    「我的基地」 until it submits a change report for the base, which answers it."""

    base = models.ForeignKey(
        "bases.Base",
        verbose_name=_("基地"),
        on_delete=models.PROTECT,
        related_name="change_requests",
    )
    learned = models.TextField(
        _("获悉的情况"),
        help_text=_("科技厅获悉的变更情况及来源。将通过邮件和「我的基地」告知依托单位。"),
    )
    noticed_on = models.DateField(_("获悉日期"))
    note = models.TextField(_("内部备注"), blank=True, help_text=_("仅审核人员可见。"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    answered_by = models.ForeignKey(
        ChangeReport,
        verbose_name=_("答复的变更报告"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="answered_requests",
    )
    answered_at = models.DateTimeField(_("报告时间"), null=True, blank=True, editable=False)

    objects = ChangeReportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("要求报告重大变更")
        verbose_name_plural = _("要求报告重大变更")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.base.name}（{self.noticed_on:%Y-%m-%d}获悉）"

    @property
    def is_open(self):
        return self.answered_at is None

    @property
    def state(self):
        return _("待报告") if self.is_open else _("已报告")
