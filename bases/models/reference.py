"""Reference data: leagues and cities, countries and fields of cooperation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.collation import KEY_LENGTH, pinyin_key


class LeagueCity(models.Model):
    """One of the 12 prefecture-level divisions, plus 满洲里市 and 二连浩特市 (*practice*)."""

    name = models.CharField(_("名称"), max_length=20, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=50, blank=True)
    division_code = models.CharField(_("行政区划代码"), max_length=6, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("盟市")
        verbose_name_plural = _("盟市")
        ordering = ["sort_order", "division_code"]

    def __str__(self):
        return self.name


class Country(models.Model):
    """A partner country or region, named in Chinese (ISO 3166-1 alpha-2 code)."""

    code = models.CharField(_("代码"), max_length=2, unique=True)
    name = models.CharField(_("中文名称"), max_length=50)
    name_en = models.CharField(_("英文名称"), max_length=100, blank=True)
    # Lists of countries read in pinyin order (portal.collation).
    name_pinyin = models.CharField(
        _("名称拼音"), max_length=KEY_LENGTH, editable=False, db_index=True, default=""
    )

    class Meta:
        verbose_name = _("国家和地区")
        verbose_name_plural = _("国家和地区")
        ordering = ["name_pinyin", "code"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        self.name_pinyin = pinyin_key(self.name)
        super().save(*args, **kwargs)


class CooperationField(models.Model):
    """A field of cooperation (合作领域), e.g. 稀土新材料, 现代农牧业."""

    name = models.CharField(_("名称"), max_length=30, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("合作领域")
        verbose_name_plural = _("合作领域")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
