from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from bases.review import reports
from portal import elder, views
from portal.sitemaps import SITEMAPS
from portal.translation_admin import PortalSubmitPageTranslationView

urlpatterns = [
    # Reports scoped to what the user may see, and workflows that cannot be disabled while
    # work is in progress, ahead of Wagtail's own views at the same addresses.
    *reports.admin_urls(),
    path("admin/failwhale/", views.admin_error_test),
    # 「翻译」 with the page permissions of the portal's roles (portal.translation_admin).
    path(
        "admin/translation/submit/page/<int:page_id>/",
        require_admin_access(PortalSubmitPageTranslationView.as_view()),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("elder-mode/", elder.switch, name="elder_mode"),
    path("favicon.ico", views.favicon),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_xml"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # The services for domestic organisations and the public stay Chinese; in English their
    # addresses say so (portal.views.chinese_only).
    path("apply/", include("bases.applying.urls")),
    path("interaction/", include("portal.interaction.urls")),
    path("en/apply/", views.chinese_only, {"service": "apply"}, name="en_apply"),
    re_path(r"^en/apply/.+$", views.chinese_only, {"service": "apply"}, name="en_apply_any"),
    path("en/interaction/", views.chinese_only, {"service": "interaction"}),
    re_path(r"^en/interaction/.+$", views.chinese_only, {"service": "interaction"}),
    path("captcha/", include("captcha.urls")),
]

# Chinese at /, English at /en/ (portal.i18n): the public site itself.
public = [
    path("search/", views.search, name="search"),
    path("sitemap/", views.site_map, name="site_map"),
    path("bases/", include("bases.registry.urls")),
    path("news/", include("news.urls")),
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

public += [
    # Wagtail's pages, routed by portal.routing; Wagtail's own _util/ views (page passwords,
    # the front-end login) stay with it.
    re_path(serve_pattern.replace("^", "^(?!_util/)", 1), views.serve, name="portal_serve"),
    path("", include(wagtail_urls)),
]
urlpatterns += i18n_patterns(*public, prefix_default_language=False)
