"""The alliance of all bases and its secretariat (Art. 20), and the platform for exchange
between bases that Art. 21 asks the website to provide."""

import datetime

import django_filters
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from alliance.forms import ContactPosterForm, send_contact_message
from bases.models import Base, BaseStatus, CooperationField, LeagueCity, holds_title
from news.models import NewsPage
from portal.chinese_search import SegmentedSearchMixin
from portal.filters import IdFilter, ListingFilterSet
from portal.page_privacy import exclude_private
from portal.routing import RoutedPage


class AllianceMembershipQuerySet(models.QuerySet):
    def active(self):
        """Members now: not left, and their base still holds the title."""
        return self.filter(holds_title("base__"), left_on__isnull=True)


class AllianceMembership(models.Model):
    """A base's membership of the alliance. The member list is derived from these and the
    registry, never kept by hand."""

    base = models.OneToOneField(
        "bases.Base",
        verbose_name=_("基地"),
        on_delete=models.CASCADE,
        related_name="alliance_membership",
    )
    joined_on = models.DateField(_("入盟日期"), default=datetime.date.today)
    left_on = models.DateField(_("退出日期"), null=True, blank=True)
    left_reason = models.CharField(_("退出原因"), max_length=200, blank=True)

    objects = AllianceMembershipQuerySet.as_manager()

    panels = [
        FieldPanel("base"),
        FieldPanel("joined_on"),
        FieldPanel("left_on"),
        FieldPanel("left_reason"),
    ]

    class Meta:
        verbose_name = _("联盟成员")
        verbose_name_plural = _("联盟成员")
        ordering = ["joined_on", "pk"]

    def __str__(self):
        return str(self.base)


REVOKED_REASON = _("国合基地资格被撤销")


def leave_alliance_when_revoked(sender, base, change, **kwargs):
    # Art. 20: the alliance is of bases; a base whose title is revoked is no longer a member.
    if change.to_status == BaseStatus.REVOKED:
        AllianceMembership.objects.filter(base=base, left_on__isnull=True).update(
            left_on=change.changed_on, left_reason=REVOKED_REASON
        )
    elif change.from_status == BaseStatus.REVOKED:
        # A wrong revocation corrected: the base is a member again, as if it had not left.
        AllianceMembership.objects.filter(
            base=base, left_on__isnull=False, left_reason=str(REVOKED_REASON)
        ).update(left_on=None, left_reason="")


class ResourcePost(ClusterableModel):
    """An offer or a need posted on the resource-sharing board (资源共享)."""

    class Direction(models.TextChoices):
        OFFER = "offer", _("提供")
        NEED = "need", _("需求")

    class Kind(models.TextChoices):
        EQUIPMENT = "equipment", _("仪器设备")
        EXPERTISE = "expertise", _("专家智力")
        CHANNEL = "channel", _("合作渠道")
        TALENT = "talent", _("人才")

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已发布")
        REJECTED = "rejected", _("未通过")

    base = models.ForeignKey(
        "bases.Base",
        verbose_name=_("发布基地"),
        on_delete=models.CASCADE,
        related_name="resource_posts",
    )
    direction = models.CharField(_("供需"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("资源类别"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=120)
    description = models.TextField(_("详细说明"))
    fields = ParentalManyToManyField(
        "bases.CooperationField", verbose_name=_("合作领域"), blank=True, related_name="+"
    )
    contact_email = models.EmailField(
        _("接收咨询的邮箱"), help_text=_("不公开显示；访客通过网站留言，留言转发至此邮箱")
    )
    expires_on = models.DateField(_("有效期至"))
    status = models.CharField(
        _("审核状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    moderation_note = models.CharField(_("审核意见"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    panels = [
        FieldPanel("base"),
        FieldRowPanel([FieldPanel("direction"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("fields"),
        FieldRowPanel([FieldPanel("contact_email"), FieldPanel("expires_on")]),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("moderation_note")], heading=_("秘书处审核")
        ),
    ]

    class Meta:
        verbose_name = _("资源共享信息")
        verbose_name_plural = _("资源共享信息")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_expired(self):
        return self.expires_on < timezone.localdate()

    @classmethod
    def published(cls):
        """Approved posts of bases that hold the title, expired ones included."""
        return cls.objects.filter(holds_title("base__"), status=cls.Status.APPROVED)

    @classmethod
    def visible(cls):
        """What the board lists: published posts that have not expired."""
        return cls.published().filter(expires_on__gte=timezone.localdate())


class BoardFilter(ListingFilterSet):
    """The board's query string: ``?direction=&kind=&field=&league=``."""

    direction = django_filters.ChoiceFilter(choices=ResourcePost.Direction.choices)
    kind = django_filters.ChoiceFilter(choices=ResourcePost.Kind.choices)
    field = IdFilter(field_name="fields__id")
    league = IdFilter(field_name="base__host__league_city_id")


class AlliancePage(SegmentedSearchMixin, RoutablePageMixin, RoutedPage, Page):
    """/alliance/: the charter, the secretariat, how to join, the members, news, events and
    the resource-sharing board."""

    search_kind = _("基地联盟")

    intro = models.TextField(_("导语"), blank=True)
    charter = RichTextField(_("联盟章程"), blank=True)
    secretariat_host = models.CharField(_("秘书处依托单位"), max_length=200, blank=True)
    secretariat_address = models.CharField(_("秘书处地址"), max_length=200, blank=True)
    secretariat_phone = models.CharField(_("秘书处电话"), max_length=50, blank=True)
    secretariat_email = models.EmailField(_("秘书处邮箱"), blank=True)
    how_to_join = RichTextField(_("入盟方式"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("charter"),
        MultiFieldPanel(
            [
                FieldPanel("secretariat_host"),
                FieldPanel("secretariat_address"),
                FieldRowPanel([FieldPanel("secretariat_phone"), FieldPanel("secretariat_email")]),
            ],
            heading=_("秘书处"),
        ),
        FieldPanel("how_to_join"),
    ]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsPage", "alliance.AllianceEventPage"]
    max_count = 1
    board_page_size = 20

    class Meta:
        verbose_name = _("基地联盟")

    def get_search_plain_text(self):
        return f"{self.title} {self.intro} {strip_tags(self.charter)} {self.secretariat_host}"

    def members(self):
        return (
            Base.objects.filter(alliance_membership__in=AllianceMembership.objects.active())
            .select_related("host__league_city")
            .order_by("alliance_membership__joined_on", "name")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = exclude_private(AllianceEventPage.objects.child_of(self).live())
        context.update(
            members=self.members(),
            upcoming_events=events.filter(
                Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
            ).order_by("start")[:5],
            past_events=events.filter(start__lt=now).order_by("-start")[:5],
            alliance_news=NewsPage.objects.child_of(self).live().public().order_by("-date")[:6],
            latest_posts=ResourcePost.visible().select_related("base")[:5],
        )
        return context

    @path("board/")
    def board(self, request):
        posts = ResourcePost.visible().select_related("base", "base__host__league_city")
        filters = BoardFilter(request.GET, queryset=posts.prefetch_related("fields"))
        context = self.get_context(request)
        context.update(
            posts=Paginator(filters.qs.distinct(), self.board_page_size).get_page(
                request.GET.get("page")
            ),
            directions=ResourcePost.Direction.choices,
            kinds=ResourcePost.Kind.choices,
            fields_choices=CooperationField.objects.all(),
            leagues=LeagueCity.objects.all(),
            current=filters.selected,
            board_trail=[(_("资源共享"), None)],
        )
        return TemplateResponse(request, "alliance/resource_board.html", context)

    @re_path(r"^board/(?P<pk>\d+)/$")
    def post(self, request, pk):
        post = get_object_or_404(
            ResourcePost.published().select_related("base__host__league_city"),
            pk=pk,
        )
        sent = False
        form = None
        if not post.is_expired:
            form = ContactPosterForm(request.POST or None, request=request)
            if request.method == "POST" and form.is_valid():
                if send_contact_message(post, form.cleaned_data):
                    sent = True
                    form = ContactPosterForm(request=request)
                else:  # the mail server failed: keep what was typed, ask to retry
                    form.add_error(None, _("留言暂时未能发出，请稍后重试。"))
        context = self.get_context(request)
        context.update(
            post=post,
            form=form,
            sent=sent,
            board_trail=[(_("资源共享"), f"{self.url}board/"), (post.title, None)],
        )
        return TemplateResponse(request, "alliance/resource_post.html", context)


class AllianceEventPage(SegmentedSearchMixin, RoutedPage, Page):
    search_kind = _("联盟活动")
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200)
    organiser = models.CharField(_("主办单位"), max_length=200)
    agenda = RichTextField(_("议程"), blank=True)
    registration_url = models.URLField(_("报名链接"), blank=True)
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("place"),
        FieldPanel("organiser"),
        FieldPanel("agenda"),
        FieldRowPanel([FieldPanel("registration_url"), FieldPanel("contact")]),
    ]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields

    parent_page_types = ["alliance.AlliancePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("联盟活动")
        verbose_name_plural = _("联盟活动")

    def get_search_plain_text(self):
        return f"{self.title} {self.place} {self.organiser} {strip_tags(self.agenda)}"
