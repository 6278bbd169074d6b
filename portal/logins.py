"""Both logins (the admin's and the applicants') are guarded by django-axes: failures are counted
per account *and* address in the database, so every worker and server agrees, and a failed
attempt on one account never locks out another (issue 12). These are the Chinese answers."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

TOO_MANY_LOGINS = _("登录尝试过于频繁，请 15 分钟后再试。")


def is_locked_out(request):
    """Whether axes refused the attempt just made (it refuses even the right password)."""
    return bool(getattr(request, "axes_locked_out", False))


def locked_out(request, original_response=None, credentials=None):
    """Axes' answer to a locked-out attempt: the login page itself, whose form says why in
    Chinese (the login forms add the error), with status 429."""
    if original_response is not None:
        original_response.status_code = 429
        return original_response
    return HttpResponse(str(TOO_MANY_LOGINS), status=429, content_type="text/plain; charset=utf-8")
