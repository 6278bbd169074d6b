from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import views as wagtail_views
from wagtail.admin.views import home

from portal import i18n, routing, sitemaps
from portal.chinese_search import clean_query, segment
from portal.site_search import SiteSearchResults

RESULTS_PER_PAGE = 10


def serve(request, path):
    """Wagtail's page view, with the page found in two queries (portal.routing)."""
    routing.route_for_request(request, path)
    return wagtail_views.serve(request, path)


def search(request):
    """Site search over the bases and every live public page, with Chinese segmentation
    (see chinese_search); each result says what kind of thing it is."""
    routing.load_site(request)  # with the site root paths its hits' URLs need
    query = clean_query(request.GET.get("q"))
    terms = segment(query)
    results, total = None, 0
    if terms:
        found = SiteSearchResults(query, terms, request)
        results = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        total = results.paginator.count
    return render(
        request,
        "portal/search.html",
        {
            "search_query": query,
            "has_terms": bool(terms),
            "results": results,
            "total": total,
            "search_trail": [(_("站内搜索"), i18n.localise("/search/"))],
        },
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the emblem."""
    return HttpResponsePermanentRedirect(staticfiles_storage.url("img/emblem.svg"))


def site_map(request):
    """网站地图: every section of the site and its public pages, for people."""
    return render(
        request,
        "portal/site_map.html",
        {
            "home": sitemaps.site_map(request),
            "services": sitemaps.services(),
            "site_map_trail": [(_("网站地图"), None)],
        },
    )


# The services that stay Chinese, as /en/<service>/ names them: (English name, Chinese address).
CHINESE_ONLY_SERVICES = {
    "apply": ("The application service", "/apply/"),
    "interaction": ("Questions and answers", "/interaction/"),
}


def chinese_only(request, service):
    """/en/apply/ and /en/interaction/: these services are for domestic organisations and
    residents and work in Chinese only; say so in English and lead to the Chinese service."""
    name, chinese_url = CHINESE_ONLY_SERVICES[service]
    return render(
        request,
        "portal/chinese_only.html",
        {"service": service, "service_name": name, "chinese_url": chinese_url},
    )


def robots_txt(request):
    """Everything may be crawled except the admin and the applicants' service; the sitemap
    is named by its absolute address, as the robots.txt convention requires."""
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap_xml"))},
        content_type="text/plain; charset=utf-8",
    )


def admin_error_test(request):
    """Wagtail's deliberate server error (/admin/failwhale/), for checking error reporting,
    kept to superusers: for anyone else it is a page that is not there."""
    if not request.user.is_superuser:
        raise Http404
    return home.error_test(request)
