"""长者模式 (适老化): larger type, higher contrast and one column, chosen with one link and
remembered per browser in a cookie, so nothing needs JavaScript. The page cache keeps the two
modes of a page apart (portal.page_cache.page_key)."""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

COOKIE = "portal_elder"
MAX_AGE = 60 * 60 * 24 * 365


def is_on(request):
    return request.COOKIES.get(COOKIE) == "1"


def context(request):
    """Template context: ``elder_mode`` for <html class="elder"> and the switch's wording."""
    return {"elder_mode": is_on(request)}


@never_cache
@require_GET
def switch(request):
    """Turn the mode on (?on=1) or off (?on=0) and go back to the page the link was on."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("on") == "1":
        response.set_cookie(COOKIE, "1", max_age=MAX_AGE, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response
