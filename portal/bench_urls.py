"""The portal's addresses plus the bench's trivial Django view (only under portal.settings.bench).

The bench's other reference, a plain Wagtail page, is a page that `load_bench_content` creates
in the bench database only (``/bench/``); the production site has neither.
"""

from django.http import HttpResponse
from django.urls import path

from portal import urls as portal_urls


def trivial(request):
    """The least a request through the portal's middleware can cost: the bench's ceiling."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


# The portal's own list, not include()d: Django allows i18n_patterns only at the top.
urlpatterns = [path("bench/trivial/", trivial), *portal_urls.urlpatterns]
