"""Applicant accounts: who may apply from the public site, and on whose behalf.

Host organisations register themselves; league/city governments, which apply for innovation
parks (Art. 5), get accounts created by department staff. Applicant accounts never enter the
Wagtail admin: they belong to no group and are never staff.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile

from bases.review.roles import is_department_staff


class ApplicantAccountQuerySet(models.QuerySet):
    def manageable_by(self, user):
        """Accounts ``user`` may confirm: all for department staff, otherwise those of the
        hosts in the user's recommending departments (Art. 10)."""
        if not user.is_authenticated:
            return self.none()
        if is_department_staff(user):
            return self.all()
        if not user.has_perm("bases.confirm_applicantaccount"):
            return self.none()
        return self.filter(
            Q(host__recommending_department__members=user)
            | Q(recommending_department__members=user)
        ).distinct()

    def pending(self):
        return self.filter(confirmed_at__isnull=True)


class ApplicantAccount(models.Model):
    class Kind(models.TextChoices):
        HOST = "host", _("依托单位")
        GOVERNMENT = "government", _("盟市人民政府")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="applicant_account",
    )
    kind = models.CharField(_("账户类别"), max_length=20, choices=Kind.choices)
    host = models.ForeignKey(
        "bases.HostOrganisation",
        verbose_name=_("依托单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applicant_accounts",
    )
    government_name = models.CharField(
        _("政府名称"), max_length=100, blank=True, help_text=_("例如：包头市人民政府")
    )
    league_city = models.ForeignKey(
        "bases.LeagueCity",
        verbose_name=_("所在盟市"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Which recommending department confirms the account when the host has none yet.
    recommending_department = models.ForeignKey(
        "bases.RecommendingDepartment",
        verbose_name=_("推荐部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact_name = models.CharField(_("联系人"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30)
    email_verified_at = models.DateTimeField(_("邮箱验证时间"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("注册时间"), auto_now_add=True)

    objects = ApplicantAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("申报账户")
        verbose_name_plural = _("申报账户")
        ordering = ["-created_at"]
        permissions = [("confirm_applicantaccount", _("确认申报账户"))]

    def __str__(self):
        return f"{self.organisation_name}（{self.user.get_username()}）"

    def save(self, *args, **kwargs):
        creating = self._state.adding
        super().save(*args, **kwargs)
        if creating:
            self.opt_out_of_admin_workflow_mail()

    def clean(self):
        if self.kind == self.Kind.HOST and not self.host_id:
            raise ValidationError({"host": _("依托单位账户必须关联依托单位。")})
        if self.kind == self.Kind.GOVERNMENT and not (self.league_city_id and self.government_name):
            raise ValidationError(_("盟市人民政府账户必须填写政府名称和所在盟市。"))

    def opt_out_of_admin_workflow_mail(self):
        """Wagtail mails a workflow's requester, in its own words and with links into the
        admin, when the workflow is submitted, approved or rejected. Applicants have no admin
        access and get the portal's own notices (``bases.review.notifications``) instead."""
        profile = UserProfile.get_for_user(self.user)
        profile.submitted_notifications = False
        profile.approved_notifications = False
        profile.rejected_notifications = False
        profile.updated_comments_notifications = False
        profile.save()

    @property
    def organisation_name(self):
        return self.host.name if self.host_id else self.government_name

    @property
    def is_government(self):
        return self.kind == self.Kind.GOVERNMENT

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def confirming_department(self):
        if self.host_id and self.host.recommending_department_id:
            return self.host.recommending_department
        return self.recommending_department

    def confirm(self, user):
        """Confirm the account, and the host it registered if that host was new."""
        self.confirmed_at = timezone.now()
        self.confirmed_by = user
        self.save(update_fields=["confirmed_at", "confirmed_by"])
        if self.host_id and not self.host.confirmed:
            self.host.confirmed = True
            if not self.host.recommending_department_id:
                self.host.recommending_department = self.recommending_department
            self.host.save(update_fields=["confirmed", "recommending_department"])
