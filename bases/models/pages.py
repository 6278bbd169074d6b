"""The public showcase of the registry: /bases/ and a profile per base."""

from django.db import models
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from bases.models.bases import (
    Base,
    BaseImage,
    BaseType,
    PartnerInstitution,
    attach_cooperation_names,
)
from bases.models.rewards import NationalRecommendation, PostSubsidyAward
from bases.registry.charts import columns, horizontal_bars, tile_map
from bases.registry.directory import (
    SORTS,
    CountedPaginator,
    DirectoryFilter,
    directory_results,
    facets,
)
from bases.registry.statistics import (
    accreditations_per_year,
    base_figures,
    cooperation_charts,
    registry_counts,
    reward_charts,
    top_partner_countries,
    type_by_league,
)
from portal import i18n, routing
from portal.chinese_search import SegmentedSearchMixin
from portal.routing import RoutedPage


class BaseIndexPage(SegmentedSearchMixin, RoutablePageMixin, RoutedPage, Page):
    """/bases/: the directory of accredited bases and each base's profile."""

    search_kind = _("基地展示")

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    page_size = 20
    # Its own views with an address that the site maps list (portal.sitemaps); the profiles
    # have a sitemap of their own.
    map_routes = [(_("基地统计"), "statistics")]

    class Meta:
        verbose_name = _("基地展示")

    @path("")
    def directory(self, request):
        filters = DirectoryFilter(request.GET)
        counted = facets(filters)
        results = CountedPaginator(
            directory_results(filters), self.page_size, counted.result_count
        ).get_page(request.GET.get("page"))
        results.object_list = attach_cooperation_names(results.object_list)
        context = self.get_context(request)
        context.update(
            filters=filters,
            selected=filters.selected,
            facets=counted.options,
            results=results,
            sorts=[(key, label) for key, (label, _order) in SORTS.items()],
            type_choices=BaseType.choices,
        )
        return TemplateResponse(request, "bases/base_index_page.html", context)

    @re_path(r"^(?P<pk>\d+)/$")
    def profile(self, request, pk):
        images = BaseImage.objects.select_related("image").prefetch_related(
            Prefetch("image__renditions")
        )
        # Each list read once, as a list: every .all() of modelcluster's managers costs time.
        base = get_object_or_404(
            Base.objects.select_related(
                "host", "host__league_city", "recommending_department"
            ).prefetch_related(
                Prefetch(
                    "partner_institutions",
                    PartnerInstitution.objects.select_related("country"),
                    to_attr="institution_list",
                ),
                Prefetch("achievements", to_attr="achievement_list"),
                Prefetch("contacts", to_attr="contact_list"),
                Prefetch("images", images, to_attr="image_list"),
                "status_changes",
                # Art. 16–18: only what the department made public.
                Prefetch(
                    "post_subsidies",
                    PostSubsidyAward.objects.public().order_by("-year"),
                    to_attr="public_post_subsidies",
                ),
                Prefetch(
                    "national_recommendations",
                    NationalRecommendation.objects.public().order_by("-year", "kind", "pk"),
                    to_attr="public_recommendations",
                ),
                "changes",
            ),
            pk=pk,
        )
        attach_cooperation_names([base])
        context = self.get_context(request)
        context.update(
            base=base,
            figures=base_figures(base),
            news=list(self._news_about(request, base)),
            status_changes=list(base.status_changes.all()),
            changes=list(base.changes.all()),
            base_trail=[(i18n.local(base), None)],
        )
        context["revocation"] = base.revocation()
        return TemplateResponse(request, "bases/base_profile.html", context)

    @staticmethod
    def _news_about(request, base):
        """The latest news about ``base`` in the language shown: a translated item's copy is
        about the base too, and belongs on the other language's profile only."""
        news = base.news_pages.live().public()
        locale = routing.locale_id(request)
        if locale is not None:
            news = news.filter(locale_id=locale)
        return news.order_by("-date", "-pk")[:10]

    @path("stats/")
    def statistics(self, request):
        counts = registry_counts()
        by_league = type_by_league(counts)
        per_year = accreditations_per_year(counts)
        countries = top_partner_countries()
        types = by_league.columns[1:-1]
        league_rows = by_league.rows[:-1]  # without the totals
        charts = [
            (
                by_league,
                tile_map(
                    "chart-league-map",
                    _("国合基地分布示意图（按盟市、类型）"),
                    [
                        (code, row[0], row[1:-1])
                        for code, row in zip(by_league.row_keys, league_rows, strict=True)
                    ],
                    series_labels=types,
                )
                + horizontal_bars(
                    "chart-type-league",
                    by_league.title,
                    [(row[0], row[1:-1]) for row in league_rows],
                    series_labels=types,
                ),
            ),
            (per_year, columns("chart-years", per_year.title, per_year.rows)),
            (
                countries,
                horizontal_bars(
                    "chart-countries", countries.title, [(n, [v]) for n, v in countries.rows]
                ),
            ),
        ]
        context = self.get_context(request)
        context.update(
            charts=charts,
            cooperation_charts=cooperation_charts(),
            reward_charts=reward_charts(),
            total=by_league.rows[-1][-1],
            stats_trail=[(_("统计"), None)],
        )
        return TemplateResponse(request, "bases/base_statistics.html", context)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        location, lastmod = urls[0]["location"], urls[0].get("lastmod")
        return urls + [
            {"location": location + self.reverse_subpage(route), "lastmod": lastmod}
            for _label, route in self.map_routes
        ]

    def get_search_plain_text(self):
        return f"{self.title} {self.intro}"
