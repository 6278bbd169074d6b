"""The map of the public site: ``/sitemap.xml`` for search engines and the 网站地图 page
(``/sitemap/``) for people.

``SITEMAPS`` names every kind of public thing that has its own address (pages, base profiles,
the answered questions of 互动交流); another kind is one more line in it. A sitemap here may be
a Wagtail ``Sitemap`` subclass (given the request) or any Django sitemap.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.models import Page

from bases.models import Base, BaseIndexPage
from portal import i18n, routing
from portal.interaction.sitemaps import QuestionSitemap
from portal.page_privacy import exclude_private


class BaseProfileSitemap(Sitemap):
    """The profile of every base in the directory (``/bases/<id>/``). Revoked bases leave
    the directory (Art. 12); their profiles stay readable but are not offered here. Each
    profile is there in Chinese and in English (``/en/bases/<id>/``), as alternates."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        self.index = (
            BaseIndexPage.objects.live()
            .public()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .first()
        )
        if self.index is None:
            return Base.objects.none()
        return Base.objects.current().order_by("pk").only("pk", "updated_at")

    def location(self, base):
        # The Chinese directory's address, in the language the sitemap is being written in.
        return i18n.localise(
            self.index.url + self.index.reverse_subpage("profile", kwargs={"pk": base.pk})
        )

    def lastmod(self, base):
        return base.updated_at


class PortalPageSitemap(PageSitemap):
    """Wagtail's page sitemap over the site's home page in every language (the English
    edition's pages included), without the aliases the English tree holds for sections nobody
    translated (they are the Chinese pages again) and without private sections, aliases'
    included (portal.page_privacy)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key, alias_of__isnull=True)
        in_a_home = Q()
        for home in homes.only("path"):
            in_a_home |= Q(path__startswith=home.path)
        return (
            exclude_private(Page.objects.filter(in_a_home).live().filter(alias_of__isnull=True))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


SITEMAPS = {
    "pages": PortalPageSitemap,
    "bases": BaseProfileSitemap,
    "questions": QuestionSitemap,
}


# The services that are views, not pages, shown after the page tree on 网站地图.
# In English the first three say that they are in Chinese (the context tells them apart).
SERVICES = [
    (pgettext_lazy("网站地图", "申报服务"), "apply_index"),
    (pgettext_lazy("网站地图", "互动交流：在线提问"), "interaction_ask"),
    (pgettext_lazy("网站地图", "常见问题"), "interaction_faq"),
    (_("站内搜索"), "search"),
    (_("新闻订阅（RSS）"), "news_feed_rss"),
]


class MapEntry:
    def __init__(self, title, url):
        self.title, self.url, self.children = title, url, []


def site_map(request):
    """The request's site as a tree of :class:`MapEntry`: its home page with the public pages
    nested below it in the editors' order (one query of pages, however many), and the views a
    page routes to itself (``map_routes``, such as the bases' statistics). A page whose parent
    is not shown (a draft section) hangs from its nearest shown ancestor."""
    site = routing.load_site(request)
    if site is None:
        return None
    # The English home page and its tree in English, where there is one.
    root = site.root_page
    local = getattr(site, "_portal_roots", {}).get(translation.get_language())
    if local is not None and local.pk != root.pk and local.live:
        root = Page.objects.get(pk=local.pk)
    top = MapEntry(root.title, i18n.localise("/"))
    stack = [(root.path, top)]
    pages = exclude_private(Page.objects.descendant_of(root).live()).order_by("path")
    for page in pages:
        entry = MapEntry(page.title, page.get_url(request))
        for label, route in getattr(page.specific_class, "map_routes", ()):
            entry.children.append(
                MapEntry(label, entry.url + page.specific_deferred.reverse_subpage(route))
            )
        while not page.path.startswith(stack[-1][0]):
            stack.pop()
        stack[-1][1].children.append(entry)
        stack.append((page.path, entry))
    return top


def services():
    """The public services that are not pages, after the page tree."""
    return [MapEntry(title, reverse(name)) for title, name in SERVICES]
