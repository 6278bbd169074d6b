from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from bases.applying.admin import SiteHistoryView
from portal import views

urlpatterns = [
    # Site history scoped to the applications the user may see (ahead of Wagtail's own).
    path("admin/reports/site-history/", SiteHistoryView.as_view()),
    path("admin/reports/site-history/results/", SiteHistoryView.as_view(results_only=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("bases/", include("bases.urls")),
    path("apply/", include("bases.applying.urls")),
    path("news/", include("news.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
