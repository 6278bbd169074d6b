"""The department's news section (Art. 21): /news/ and its articles."""

import django_filters
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from news.admin_forms import CitationsPanel, NewsPageForm
from news.blocks import NewsBodyBlock
from news.models.citations import PolicyCitation
from portal import i18n
from portal.chinese_search import SegmentedSearchMixin
from portal.filters import ListingFilterSet
from portal.page_privacy import PublicPageQuerySet
from portal.routing import RoutedPage

COVER_RENDITION = "fill-480x300"
# The order of every news listing; 上一篇 / 下一篇 follow it too.
NEWEST_FIRST = ("-date", "-first_published_at", "-pk")


class NewsCategory(models.TextChoices):
    WORK = "work", _("工作动态")
    INTERPRETATION = "interpretation", _("政策解读")
    SHOWCASE = "showcase", _("基地风采")
    NOTICE = "notice", _("通知公告")


class NewsFilter(ListingFilterSet):
    """A news listing's query string: ``?category=&tag=``."""

    category = django_filters.ChoiceFilter(choices=NewsCategory.choices)
    tag = django_filters.CharFilter(field_name="tags__name", max_length=100)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged")


class NewsPageQuerySet(PublicPageQuerySet):
    def for_listing(self):
        """Live public news, newest first, with cover renditions and tags fetched up front."""
        images = get_image_model().objects.prefetch_renditions(COVER_RENDITION)
        return (
            self.live()
            .public()
            .select_related("cover_image")
            .prefetch_related(Prefetch("cover_image", queryset=images), "tags")
            .order_by(*NEWEST_FIRST)
        )

    def interpreting(self, policy):
        """The live public interpretations (政策解读) that cite ``policy``, newest first, each
        with its citations of that policy in ``cited_articles``: three queries however many.
        In the policy's language: a translated interpretation keeps citing the Chinese text
        (its citations are copied with it), and belongs with the policy's translation."""
        citations = PolicyCitation.objects.filter(policy__translation_key=policy.translation_key)
        return (
            self.live()
            .public()
            .filter(
                category=NewsCategory.INTERPRETATION,
                locale_id=policy.locale_id,
                pk__in=citations.values("page_id"),
            )
            .defer_streamfields()
            .prefetch_related(
                Prefetch("citations", citations.order_by("article"), to_attr="cited_articles")
            )
            .order_by(*NEWEST_FIRST)
        )


class NewsIndexPage(SegmentedSearchMixin, RoutedPage, Page):
    """/news/ (and the alliance's news listing reuses the same listing code)."""

    search_kind = _("新闻动态")

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1
    page_size = 15

    class Meta:
        verbose_name = _("新闻栏目")

    def get_search_plain_text(self):
        return f"{self.title} {self.intro}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = NewsFilter(request.GET, queryset=NewsPage.objects.child_of(self).for_listing())
        selected = filters.selected
        context.update(
            news=Paginator(filters.qs, self.page_size).get_page(request.GET.get("page")),
            categories=NewsCategory.choices,
            current_category=selected["category"],
            current_tag=selected["tag"],
            chinese_edition_url=self.chinese_edition_url(request),
        )
        return context

    def chinese_edition_url(self, request):
        """On the English news index, the Chinese one's address: the English index lists only
        the news that editors translated, the rest are there."""
        if not i18n.is_english() or getattr(request, "portal_language_fallback", False):
            return None
        chinese = Page.objects.filter(
            translation_key=self.translation_key, locale__language_code=i18n.CHINESE, live=True
        ).first()
        return chinese.get_url(request) if chinese else None


class NewsPage(SegmentedSearchMixin, RoutedPage, Page):
    date = models.DateField(_("发布日期"), default=timezone.localdate)
    category = models.CharField(
        _("栏目分类"), max_length=20, choices=NewsCategory.choices, default=NewsCategory.WORK
    )
    source = models.CharField(_("来源"), max_length=100, default="内蒙古自治区科学技术厅")
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("摘要"), blank=True, max_length=300)
    body = StreamField(NewsBodyBlock(), verbose_name=_("正文"), blank=True)
    tags = ClusterTaggableManager(verbose_name=_("标签"), through=NewsPageTag, blank=True)
    related_bases = ParentalManyToManyField(
        "bases.Base", verbose_name=_("相关基地"), blank=True, related_name="news_pages"
    )
    # Set by announce(): one announcement per base, event and date, however often it is called.
    announcement_key = models.CharField(max_length=100, blank=True, editable=False, db_index=True)

    objects = PageManager.from_queryset(NewsPageQuerySet)()
    base_form_class = NewsPageForm
    # The kinds of news that may cite the articles of a policy.
    citing_categories = {NewsCategory.INTERPRETATION}

    @property
    def search_kind(self):
        return self.get_category_display()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
                FieldPanel("source"),
                FieldPanel("cover_image"),
                FieldPanel("summary"),
            ],
            heading=_("基本信息"),
        ),
        FieldPanel("body"),
        CitationsPanel(
            "citations",
            label=_("解读的政策条款"),
            heading=_("解读的政策条款（仅“政策解读”）"),
            help_text=_(
                "选择本文解读的政策文件及其条款；发布后，政策文件的相应条款旁显示本文的链接。"
            ),
        ),
        InlinePanel("attachments", label=_("附件")),
        FieldPanel("tags"),
        FieldPanel("related_bases"),
    ]
    search_fields = Page.search_fields + [
        index.FilterField("category"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]

    parent_page_types = ["news.NewsIndexPage", "alliance.AlliancePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("新闻")
        verbose_name_plural = _("新闻")

    def get_search_plain_text(self):
        texts = [self.title, self.summary]
        for block in self.body:
            if block.block_type == "text":
                texts.append(strip_tags(block.value.source))
            elif block.block_type == "quote":
                texts.append(block.value["text"])
        return " ".join(texts)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_bases"] = self.related_bases.select_related("host__league_city")
        context["attachments"] = self.attachments.select_related("document")
        context["explained_policies"] = self.explained_policies()
        context["previous_news"], context["next_news"] = self.neighbours()
        # Read once: each .all() of modelcluster's tag manager is a query of its own.
        context["tags"] = list(self.tags.all())
        return context

    def explained_policies(self):
        """[(policy, [citation])] of the live public policies this interpretation explains, in
        the editor's order, leaving out articles a later import removed. Reads the citations
        through the page (so a preview shows the draft's) and costs three queries."""
        if self.category not in self.citing_categories:
            return []
        citations = list(self.citations.all().select_related("policy"))
        public = set(
            Page.objects.live()
            .public()
            .filter(pk__in={c.policy_id for c in citations})
            .values_list("pk", flat=True)
        )
        grouped = {}
        for citation in citations:
            policy = citation.policy
            if policy.pk in public and citation.article in policy.article_numbers():
                articles = grouped.setdefault(policy.pk, (policy, []))[1]
                if citation.article not in {c.article for c in articles}:
                    articles.append(citation)
        return list(grouped.values())

    def neighbours(self):
        """(上一篇, 下一篇): the live public news of the same section published just before
        and just after this one, in the listings' order (date, then first publication)."""
        if not self.live:
            return None, None
        siblings = NewsPage.objects.sibling_of(self, inclusive=False).live().public()
        same_day = Q(date=self.date)
        same_time = same_day & Q(first_published_at=self.first_published_at)
        earlier = (
            Q(date__lt=self.date)
            | same_day & Q(first_published_at__lt=self.first_published_at)
            | same_time & Q(pk__lt=self.pk)
        )
        later = (
            Q(date__gt=self.date)
            | same_day & Q(first_published_at__gt=self.first_published_at)
            | same_time & Q(pk__gt=self.pk)
        )
        siblings = siblings.defer_streamfields()
        previous = siblings.filter(earlier).order_by(*NEWEST_FIRST).first()
        oldest_first = [name.lstrip("-") for name in NEWEST_FIRST]
        following = siblings.filter(later).order_by(*oldest_first).first()
        return previous, following


class NewsAttachment(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("附件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
