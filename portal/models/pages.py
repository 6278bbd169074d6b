from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from news.models import NewsCategory, NewsIndexPage, NewsPage
from portal.chinese_search import SegmentedSearchMixin
from portal.models.policy import PolicyPage
from portal.routing import RoutedPage


class HomePage(SegmentedSearchMixin, RoutedPage, Page):
    """The department's portal front: the root of the public site."""

    hero_heading = models.CharField(
        _("首屏标题"), max_length=100, default="内蒙古自治区国际科技合作基地"
    )
    hero_intro = models.TextField(_("首屏简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("hero_heading"), FieldPanel("hero_intro")]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields

    subpage_types = [
        "portal.PolicyIndexPage",
        "bases.BaseIndexPage",
        "news.NewsIndexPage",
        "portal.StandardPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("门户首页")

    # Items in each of the home page's lists (通知公告, 政策文件, 新闻动态): the two leading
    # blocks stand side by side at the same height.
    BLOCK_LENGTH = 7

    def get_search_plain_text(self):
        return f"{self.title} {self.hero_heading} {self.hero_intro}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The policies in this home page's language (the English edition lists its own).
        context["latest_policies"] = PolicyPage.objects.latest_public().filter(
            locale_id=self.locale_id
        )[: self.BLOCK_LENGTH]
        news_index = NewsIndexPage.objects.child_of(self).live().first()
        context["news_index"] = news_index
        news = NewsPage.objects.child_of(news_index).for_listing() if news_index else None
        context["latest_notices"] = (
            news.filter(category=NewsCategory.NOTICE)[: self.BLOCK_LENGTH] if news else []
        )
        context["latest_news"] = (
            news.exclude(category=NewsCategory.NOTICE)[: self.BLOCK_LENGTH] if news else []
        )
        return context


class StandardPage(SegmentedSearchMixin, RoutedPage, Page):
    """A plain content page: guidance, "about", and the sections still being built."""

    intro = models.TextField(_("导语"), blank=True)
    body = RichTextField(_("正文"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("普通页面")

    def get_search_plain_text(self):
        return f"{self.title} {self.intro} {strip_tags(self.body)}"
