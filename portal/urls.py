from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from bases.review import reports
from portal import elder, views
from portal.sitemaps import SITEMAPS

urlpatterns = [
    # Reports scoped to what the user may see, and workflows that cannot be disabled while
    # work is in progress, ahead of Wagtail's own views at the same addresses.
    *reports.admin_urls(),
    path("admin/failwhale/", views.admin_error_test),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("elder-mode/", elder.switch, name="elder_mode"),
    path("favicon.ico", views.favicon),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_xml"),
    path("sitemap/", views.site_map, name="site_map"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("bases/", include("bases.registry.urls")),
    path("apply/", include("bases.applying.urls")),
    path("news/", include("news.urls")),
    path("interaction/", include("portal.interaction.urls")),
    path("captcha/", include("captcha.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA_FILES", False):
    # Development only: production's web server serves MEDIA_ROOT itself (README: 生产部署).
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Wagtail's pages, routed by portal.routing; Wagtail's own _util/ views (page passwords,
    # the front-end login) stay with it.
    re_path(serve_pattern.replace("^", "^(?!_util/)", 1), views.serve, name="portal_serve"),
    path("", include(wagtail_urls)),
]
