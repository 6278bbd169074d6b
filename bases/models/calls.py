"""Calls for applications (申报通知): the department opens a window for one or more base types,
with an implementation-plan guide to download for each (*practice*)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin

from bases.models.bases import BaseType


class ApplicationCallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def open(self, now=None):
        now = now or timezone.now()
        return self.published().filter(opens_at__lte=now, closes_at__gt=now)


class ApplicationCall(DraftStateMixin, RevisionMixin, ClusterableModel):
    title = models.CharField(_("标题"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    opens_at = models.DateTimeField(_("开始时间"), help_text=_("北京时间"))
    closes_at = models.DateTimeField(_("截止时间"), help_text=_("北京时间；截止后不能再提交"))
    guidance = RichTextField(_("申报说明"), blank=True)
    contact = models.CharField(_("咨询电话"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = ApplicationCallQuerySet.as_manager()

    class Meta:
        verbose_name = _("申报通知")
        verbose_name_plural = _("申报通知")
        ordering = ["-opens_at"]
        # Wagtail adds the publish permission only after all migrations have run; declaring it
        # lets the roles migration grant it.
        permissions = [("publish_applicationcall", _("发布申报通知"))]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("截止时间必须晚于开始时间。")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.live and self.opens_at <= now < self.closes_at

    def has_closed(self, now=None):
        return (now or timezone.now()) >= self.closes_at

    def accepted_types(self):
        return [row.base_type for row in self.base_types.all()]

    def accepts(self, base_type):
        return base_type in self.accepted_types()


class CallBaseType(Orderable):
    """One base type a call accepts, with its implementation-plan guide."""

    call = ParentalKey(ApplicationCall, related_name="base_types", on_delete=models.CASCADE)
    base_type = models.CharField(_("基地类型"), max_length=40, choices=BaseType.choices)
    plan_guide = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("实施方案编写提纲"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("申报类型")
        verbose_name_plural = _("申报类型")
        constraints = [
            models.UniqueConstraint(fields=["call", "base_type"], name="unique_call_base_type")
        ]
