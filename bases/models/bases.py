"""Accredited bases, their public profile data, their status history and the history of their
other changes (Art. 14)."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, Value
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from bases.signals import base_status_changed
from portal.chinese_search import SegmentedSearchMixin
from portal.collation import KEY_LENGTH, pinyin_key


class BaseType(models.TextChoices):
    INNOVATION_PARK = "innovation_park", _("国际创新园")
    TECHNOLOGY_TRANSFER_CENTER = "technology_transfer_center", _("国际技术转移中心")
    DEMONSTRATION_BASE = "demonstration_base", _("示范型国际科技合作基地")


class BaseStatus(models.TextChoices):
    ACCREDITED = "accredited", _("已认定")
    RECTIFYING = "rectifying", _("整改中")
    REVOKED = "revoked", _("已撤销")


# Which status may follow which. Revocation is final (Art. 12); a rectifying base either passes
# its re-evaluation or is revoked.
ALLOWED_TRANSITIONS = {
    None: {BaseStatus.ACCREDITED},
    BaseStatus.ACCREDITED: {BaseStatus.RECTIFYING, BaseStatus.REVOKED},
    BaseStatus.RECTIFYING: {BaseStatus.ACCREDITED, BaseStatus.REVOKED},
    BaseStatus.REVOKED: set(),
}


# A revocation found wrong is corrected by a recorded decision (bases.review.revocations
# .reverse_revocation): the base returns to the status it had before; nothing else leaves 已撤销.
CORRECTIONS = {BaseStatus.REVOKED: {BaseStatus.ACCREDITED, BaseStatus.RECTIFYING}}


class StatusChangeError(ValueError):
    pass


# A base holds its title while accredited or under rectification; revocation ends it (Art. 12).
TITLE_HOLDING_STATUSES = (BaseStatus.ACCREDITED, BaseStatus.RECTIFYING)


def holds_title(through=""):
    """The one rule for "a current base", as a Q. ``through`` reaches the base from another
    model: ``holds_title("base__")`` for memberships, ``holds_title("bases__")`` for countries."""
    return Q(**{f"{through}status__in": TITLE_HOLDING_STATUSES})


class BaseQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def current(self):
        """Bases that hold the title: accredited or under rectification, not revoked."""
        return self.filter(holds_title())


def _names(*named):
    """The Chinese and English names of each object, as the search index reads them."""
    return [name for item in named for name in (item.name, item.name_en)]


class Base(SegmentedSearchMixin, index.Indexed, ClusterableModel):
    """An International S&T Cooperation Base (国合基地)."""

    name = models.CharField(_("基地名称"), max_length=200)
    name_en = models.CharField(
        _("英文名称"), max_length=300, blank=True, help_text=_("基地英文页面上显示的名称")
    )
    # The directory lists bases in pinyin order (portal.collation).
    name_pinyin = models.CharField(
        _("名称拼音"), max_length=KEY_LENGTH, editable=False, db_index=True, default=""
    )
    base_type = models.CharField(_("基地类型"), max_length=40, choices=BaseType.choices)
    host = models.ForeignKey(
        "bases.HostOrganisation",
        verbose_name=_("依托单位"),
        on_delete=models.PROTECT,
        related_name="bases",
    )
    recommending_department = models.ForeignKey(
        "bases.RecommendingDepartment",
        verbose_name=_("推荐部门"),
        on_delete=models.PROTECT,
        related_name="bases",
    )
    accreditation_date = models.DateField(_("认定日期"))
    # Art. 14: a change of head is reported and, once the department finds the base still
    # qualifies, written here by the change report's effects (bases.review.change_reports).
    head = models.CharField(_("基地负责人"), max_length=50, blank=True)
    decision_number = models.CharField(_("认定文号"), max_length=100, blank=True)
    plaque_number = models.CharField(
        _("牌匾编号"),
        max_length=50,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("该牌匾编号已被使用。")},
    )
    # Written only by change_status(), which records every change in BaseStatusChange.
    status = models.CharField(
        _("状态"), max_length=20, choices=BaseStatus.choices, editable=False, db_index=True
    )
    fields = ParentalManyToManyField(
        "bases.CooperationField", verbose_name=_("合作领域"), blank=True, related_name="bases"
    )
    partner_countries = ParentalManyToManyField(
        "bases.Country", verbose_name=_("合作国家和地区"), blank=True, related_name="bases"
    )
    # The application that led to accreditation, if it came through the portal. Unique, so an
    # application is accredited at most once.
    application = models.OneToOneField(
        "bases.Application",
        verbose_name=_("认定申报"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="base",
    )
    summary = models.TextField(_("基地简介"), blank=True)
    summary_en = models.TextField(
        _("英文简介"), blank=True, help_text=_("供国际合作伙伴阅读的简短英文介绍")
    )
    website = models.URLField(_("网址"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = BaseQuerySet.as_manager()
    search_kind = _("国合基地")

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]

    class Meta:
        verbose_name = _("国合基地")
        verbose_name_plural = _("国合基地")
        ordering = ["name_pinyin", "pk"]
        permissions = [("change_base_status", _("变更基地状态"))]
        # The directory's year filter and its newest / oldest orders.
        indexes = [models.Index(fields=["accreditation_date"], name="base_accredited_on_idx")]

    def __str__(self):
        return self.name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_status = instance.__dict__.get("status")
        return instance

    def save(self, *args, **kwargs):
        status_changed = self.pk and self.status != getattr(self, "_saved_status", self.status)
        if status_changed and not getattr(self, "_changing_status", False):
            raise StatusChangeError("基地状态只能通过 change_status() 变更，以便留下记录。")
        self.name_pinyin = pinyin_key(self.name)
        super().save(*args, **kwargs)
        self._saved_status = self.status
        # ClusterableModel commits fields and partner countries after the post_save signal has
        # indexed the base, so index it again now that they are stored.
        index.insert_or_update_object(self)

    def get_search_plain_text(self):
        return " ".join(
            part
            for part in [
                *_names(self, self.host),
                self.get_base_type_display(),
                self.summary,
                self.summary_en,
                *_names(*self.fields.all()),
                *_names(*self.partner_countries.all()),
                *_names(*self.partner_institutions.all()),
            ]
            if part
        )

    @property
    def is_revoked(self):
        return self.status == BaseStatus.REVOKED

    @transaction.atomic
    def change_status(self, new_status, *, on, reason, article="", user=None, correcting=False):
        """The one place a base's status changes. Records who, when, why and under which
        article, and refuses transitions the Measures do not allow; ``correcting`` allows
        the correction of a wrong revocation (``CORRECTIONS``) and nothing else."""
        new_status = BaseStatus(new_status)
        old_status = None
        if self.pk:
            old_status = (
                Base.objects.select_for_update().values_list("status", flat=True).get(pk=self.pk)
                or None
            )
        old = BaseStatus(old_status) if old_status else None
        allowed = CORRECTIONS.get(old, set()) if correcting else ALLOWED_TRANSITIONS[old]
        if new_status not in allowed:
            old_label = BaseStatus(old_status).label if old_status else "（无）"
            raise StatusChangeError(f"不能从“{old_label}”变更为“{new_status.label}”。")
        if not reason:
            raise StatusChangeError("请填写状态变更的原因。")
        self.status = new_status
        self._changing_status = True
        try:
            self.save()
        finally:
            self._changing_status = False
        change = BaseStatusChange.objects.create(
            base=self,
            from_status=old_status or "",
            to_status=new_status,
            changed_on=on,
            reason=reason,
            article=article,
            recorded_by=user,
        )
        base_status_changed.send(sender=Base, base=self, change=change)
        return change

    def revocation(self):
        """The status change that revoked this base, if it was revoked."""
        if not self.is_revoked:
            return None
        # Read from the (possibly prefetched) history, so a profile costs no extra query.
        return next(
            (c for c in self.status_changes.all() if c.to_status == BaseStatus.REVOKED), None
        )


def attach_cooperation_names(bases):
    """Give each of ``bases`` its ``field_names`` and ``country_names``, the names of its
    cooperation fields and partner countries in their usual order, and the same in English
    (``field_names_en``, ``country_names_en``: the Chinese name where there is no English
    one), read in one query for all four lists (a UNION of the two link tables) instead of a
    prefetch each. Returns ``bases``."""
    bases = list(bases)
    by_pk = {base.pk: base for base in bases}
    for base in bases:
        base.field_names, base.country_names = [], []
        base.field_names_en, base.country_names_en = [], []
    if not by_pk:
        return bases
    # Each row: base, list (0 fields, 1 countries), its order's two keys, the name, in English.
    fields = Base.fields.through.objects.filter(base_id__in=by_pk).values_list(
        "base_id",
        Value(0),
        "cooperationfield__sort_order",
        "cooperationfield__name",
        "cooperationfield__name",
        "cooperationfield__name_en",
    )
    countries = Base.partner_countries.through.objects.filter(base_id__in=by_pk).values_list(
        "base_id", Value(1), Value(0), "country__name_pinyin", "country__name", "country__name_en"
    )
    for pk, which, _position, _key, name, name_en in sorted(
        fields.union(countries, all=True), key=lambda row: row[:4]
    ):
        base = by_pk[pk]
        (base.country_names if which else base.field_names).append(name)
        (base.country_names_en if which else base.field_names_en).append(name_en or name)
    return bases


class BaseStatusChange(models.Model):
    """One entry in a base's status history."""

    base = models.ForeignKey(
        Base, verbose_name=_("基地"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("原状态"), max_length=20, choices=BaseStatus.choices, blank=True
    )
    to_status = models.CharField(_("新状态"), max_length=20, choices=BaseStatus.choices)
    changed_on = models.DateField(_("变更日期"))
    reason = models.TextField(_("原因"))
    article = models.CharField(
        _("依据条款"),
        max_length=100,
        blank=True,
        help_text=_("例如：《管理办法》第十二条第（四）项"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("基地状态变更")
        verbose_name_plural = _("基地状态变更")
        ordering = ["-changed_on", "-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.base}：{self.get_to_status_display()}（{self.changed_on}）"


class ChangeKind(models.TextChoices):
    """The major changes a host must report (Art. 14)."""

    BASE_HEAD = "base_head", _("国合基地负责人变更")
    MERGER = "merger", _("依托单位并购、重组")
    BUSINESS = "business", _("依托单位经营业务重大变化")


class BaseChange(models.Model):
    """One entry in a base's history of changes other than of its status: a major change that
    its host reported and the department found leaves the base qualified (Art. 14). The status
    history is ``BaseStatusChange``, written only by ``Base.change_status``; nothing here
    changes a status. ``summary`` is public (the profile's 「变更记录」); the host's account of
    the change stays in its report."""

    base = models.ForeignKey(
        Base, verbose_name=_("基地"), on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(_("变更事项"), max_length=20, choices=ChangeKind.choices)
    changed_on = models.DateField(_("变更日期"))
    summary = models.CharField(_("变更内容"), max_length=300)
    previous = models.CharField(_("变更前"), max_length=200, blank=True)
    current = models.CharField(_("变更后"), max_length=200, blank=True)
    article = models.CharField(_("依据条款"), max_length=100, default="《管理办法》第十四条")
    change_report = models.OneToOneField(
        "bases.ChangeReport",
        verbose_name=_("重大变更报告"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="base_change",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("基地变更记录")
        verbose_name_plural = _("基地变更记录")
        ordering = ["-changed_on", "-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.base}：{self.summary}（{self.changed_on}）"


class ForeignPartner(Orderable):
    """A foreign partner institution: named in an application, then carried over to the base
    it becomes. One definition; each owner keeps its rows in its own table."""

    FIELDS = ("name", "name_en", "country", "since", "agreement")

    name = models.CharField(_("机构名称"), max_length=200)
    name_en = models.CharField(_("英文名称"), max_length=300, blank=True)
    country = models.ForeignKey(
        "bases.Country", verbose_name=_("国家和地区"), on_delete=models.PROTECT, related_name="+"
    )
    since = models.PositiveSmallIntegerField(_("合作起始年份"), null=True, blank=True)
    agreement = models.CharField(_("合作协议"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("国外合作机构")
        verbose_name_plural = _("国外合作机构")

    def __str__(self):
        return self.name

    def copy_fields(self):
        """The partner's own data, to create the same partner under another owner."""
        return {field: getattr(self, field) for field in self.FIELDS}


class PartnerInstitution(ForeignPartner):
    """A foreign partner institution of a base."""

    base = ParentalKey(Base, on_delete=models.CASCADE, related_name="partner_institutions")

    class Meta(ForeignPartner.Meta):
        pass


class BaseAchievement(Orderable):
    base = ParentalKey(Base, on_delete=models.CASCADE, related_name="achievements")
    year = models.PositiveSmallIntegerField(_("年份"))
    title = models.CharField(_("成果名称"), max_length=200)
    description = models.TextField(_("简要说明"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("合作成果")
        verbose_name_plural = _("合作成果")


class BaseContact(Orderable):
    """A public contact point: an office, not a named person."""

    base = ParentalKey(Base, on_delete=models.CASCADE, related_name="contacts")
    office = models.CharField(_("联系部门"), max_length=100)
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("联系方式")
        verbose_name_plural = _("联系方式")


class BaseImage(Orderable):
    base = ParentalKey(Base, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("图片"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("基地图片")
        verbose_name_plural = _("基地图片")
