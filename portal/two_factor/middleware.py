"""The gate: a signed-in user who has an authenticator, or who must have one, reaches nothing
but the second-factor pages until a code is given. It fails closed: every address is gated,
the public site's and the file downloads' as well as the admin's, except those listed here."""

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from portal.two_factor.rules import enforced_for, has_authenticator

# Reachable before the second factor: signing in and out, and what those pages load.
OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
    "apply_logout",
}
# Reachable by a user who must set up an authenticator and has none yet.
SETUP = {"two_factor_setup"}


class TwoFactorGate:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                name = None
            if name not in OPEN:
                if has_authenticator(user):
                    return self.send_to("two_factor_verify", request)
                if name not in SETUP and enforced_for(user):
                    return self.send_to("two_factor_setup", request)
        return self.get_response(request)

    @staticmethod
    def send_to(url_name, request):
        next_url = request.get_full_path() if request.method == "GET" else ""
        url = reverse(url_name)
        return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)
