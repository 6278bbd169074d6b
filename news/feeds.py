"""RSS 2.0 and Atom feeds of the news, for all of it and per category.

Under /en/news/feed/ they carry the English news index's items (the news editors translated)
with their English titles; there is no English feed before there is an English news index."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from news.models import NewsCategory, NewsIndexPage, NewsPage
from portal import i18n

FEED_LENGTH = 30


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    @property
    def language(self):
        return "en" if i18n.is_english() else "zh-cn"

    def get_object(self, request, category=None):
        if category is not None and category not in NewsCategory.values:
            raise Http404
        index = NewsIndexPage.objects.live().filter(locale=Locale.get_active()).first()
        if index is None:
            raise Http404
        self.request = request
        return {"index": index, "category": category}

    def title(self, obj):
        name = f"{_('国合基地门户')} · {_('新闻动态')}"
        if obj["category"]:
            name += f" · {NewsCategory(obj['category']).label}"
        return name

    def link(self, obj):
        url = obj["index"].get_url(self.request)
        return f"{url}?category={obj['category']}" if obj["category"] else url

    def description(self, obj):
        return _("内蒙古自治区科学技术厅国际科技合作基地工作动态、政策解读、基地风采和通知公告。")

    def items(self, obj):
        news = NewsPage.objects.child_of(obj["index"]).live().public()
        if obj["category"]:
            news = news.filter(category=obj["category"])
        return news.order_by("-date", "-first_published_at")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description or item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [str(item.get_category_display())]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
