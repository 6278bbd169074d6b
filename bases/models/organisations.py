"""Who hosts and who recommends: host organisations, recommending departments and the
research-integrity record that the Art. 4 veto reads."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bases.rules.credit_code import normalise_credit_code, validate_credit_code


class RecommendingDepartment(models.Model):
    """A league/city S&T bureau or an autonomous-region government department (Art. 10)."""

    class Kind(models.TextChoices):
        LEAGUE_CITY_BUREAU = "league_city", _("盟市科技主管部门")
        REGION_DEPARTMENT = "region", _("自治区政府有关部门")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    league_city = models.ForeignKey(
        "bases.LeagueCity",
        verbose_name=_("所在盟市"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommending_departments",
        help_text=_("盟市科技主管部门必填"),
    )
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("工作人员"),
        blank=True,
        related_name="recommending_departments",
        help_text=_("代表本部门在后台办理推荐、审核的用户"),
    )

    class Meta:
        verbose_name = _("推荐部门")
        verbose_name_plural = _("推荐部门")
        ordering = ["kind", "league_city__sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.LEAGUE_CITY_BUREAU and not self.league_city_id:
            raise ValidationError({"league_city": _("盟市科技主管部门必须选择所在盟市。")})


class HostOrganisation(models.Model):
    """The organisation a base is built on (依托单位, Art. 2)."""

    class Kind(models.TextChoices):
        SCIENCE_PARK = "science_park", _("科技园区")
        RESEARCH_INSTITUTE = "research_institute", _("科研院所")
        UNIVERSITY = "university", _("高等学校")
        ENTERPRISE = "enterprise", _("创新型企业")
        INTERMEDIARY = "intermediary", _("科技中介组织")

    name = models.CharField(_("单位名称"), max_length=200)
    name_en = models.CharField(
        _("英文名称"), max_length=300, blank=True, help_text=_("基地英文页面上显示的单位名称")
    )
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        error_messages={"unique": _("该统一社会信用代码已被其他单位使用。")},
    )
    kind = models.CharField(_("单位类型"), max_length=30, choices=Kind.choices)
    registration_date = models.DateField(_("注册（成立）日期"), null=True, blank=True)
    league_city = models.ForeignKey(
        "bases.LeagueCity",
        verbose_name=_("所在盟市"),
        on_delete=models.PROTECT,
        related_name="host_organisations",
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    recommending_department = models.ForeignKey(
        RecommendingDepartment,
        verbose_name=_("推荐部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="host_organisations",
    )
    # A unit that registered itself stays unconfirmed until its recommending department or
    # the department confirms its account.
    confirmed = models.BooleanField(_("已确认"), default=True)

    class Meta:
        verbose_name = _("依托单位")
        verbose_name_plural = _("依托单位")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = normalise_credit_code(self.credit_code)
        super().save(*args, **kwargs)

    def serious_integrity_records(self, on=None):
        """Records that trigger the Art. 4 integrity veto on the given date (default today)."""
        on = on or datetime.date.today()
        return self.integrity_records.filter(
            severity=ResearchIntegrityRecord.Severity.SERIOUS, listed_on__lte=on
        ).filter(Q(lifted_on__isnull=True) | Q(lifted_on__gt=on))

    def is_vetoed_for_integrity(self, on=None):
        # Art. 4: a host or its head with a serious integrity record is refused outright.
        return self.serious_integrity_records(on).exists()


class ResearchIntegrityRecord(models.Model):
    """An entry in the host's research-integrity record (科研诚信记录)."""

    class Subject(models.TextChoices):
        ORGANISATION = "organisation", _("依托单位")
        HEAD = "head", _("单位负责人")

    class Severity(models.TextChoices):
        MINOR = "minor", _("一般失信")
        SERIOUS = "serious", _("严重失信（列入黑名单）")

    host = models.ForeignKey(
        HostOrganisation,
        verbose_name=_("依托单位"),
        on_delete=models.CASCADE,
        related_name="integrity_records",
    )
    subject = models.CharField(_("失信主体"), max_length=20, choices=Subject.choices)
    severity = models.CharField(_("严重程度"), max_length=20, choices=Severity.choices)
    listed_on = models.DateField(_("记录日期"))
    lifted_on = models.DateField(_("移出日期"), null=True, blank=True)
    authority = models.CharField(_("认定机关"), max_length=100)
    description = models.TextField(_("情况说明"))

    class Meta:
        verbose_name = _("科研诚信记录")
        verbose_name_plural = _("科研诚信记录")
        ordering = ["-listed_on"]

    def __str__(self):
        return f"{self.host}（{self.get_severity_display()}，{self.listed_on}）"
