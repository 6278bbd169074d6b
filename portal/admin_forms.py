"""Forms of the Wagtail admin that the portal adjusts."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import LocalePrefixPattern, Resolver404, get_resolver, resolve
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.models import Site

from portal import i18n
from portal.logins import TOO_MANY_LOGINS, is_locked_out


class PortalLoginForm(LoginForm):
    """Wagtail's login form names its password field by the field's name ("Password"), which
    no catalogue translates; give it a label that is. A login that django-axes refused says
    so, rather than "wrong password"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if is_locked_out(self.request):
                raise ValidationError(TOO_MANY_LOGINS, code="throttled") from None
            raise


# The view that serves pages (portal.urls); any other view at a home page's child address is
# something else of the portal's (search, the site map, the English notice on /en/apply/).
PAGE_VIEW = "portal_serve"


def service_segments():
    """The first segments of the addresses that are never pages: the portal's URL patterns
    outside the public, per-language ones (admin/, apply/, documents/, captcha/, en/…), and
    the static and media files."""
    segments = {settings.STATIC_URL.strip("/").split("/")[0]}
    segments.add(settings.MEDIA_URL.strip("/").split("/")[0])
    for pattern in get_resolver().url_patterns:
        if not isinstance(pattern.pattern, LocalePrefixPattern):
            first = re.match(r"\^?([\w.-]+)/", str(pattern.pattern))
            if first:
                segments.add(first.group(1))
    return segments


def is_home(page):
    """Whether ``page`` is a site's home page or a translation of one (the English home)."""
    return Site.objects.filter(root_page__translation_key=page.translation_key).exists()


def shadowing_path(slug, home):
    """The address a page called ``slug`` directly under ``home`` would have, when the portal
    already uses that address for something else and the page could never be reached there
    (``/apply/``, ``/search/``, and ``/en/``, the English edition, under the Chinese home);
    else None."""
    language = home.locale.language_code
    if language == i18n.CHINESE and slug in service_segments():
        return f"/{slug}/"
    path = i18n.path_in(f"/{slug}/", language)
    try:
        with translation.override(language):
            match = resolve(path)
    except Resolver404:
        return None
    return None if match.url_name == PAGE_VIEW else path


SERVICE_ADDRESS = _("网址 %(path)s 本站另有用途，首页下的页面用这个别名将无法打开，请换一个。")


def service_address(slug, parent):
    """The address that a page called ``slug`` under ``parent`` would share with something
    else of the portal's, or None (always None below the home pages)."""
    if slug and parent is not None and is_home(parent):
        return shadowing_path(slug, parent)
    return None


class PortalPageForm(WagtailAdminPageForm):
    """Every page's admin form. A page right under a home page may not take an address that
    the portal uses for something else: Wagtail would save it, and nobody could open it."""

    def clean(self):
        cleaned_data = super().clean()
        path = service_address(cleaned_data.get("slug"), self.parent_page)
        if path:
            self.add_error("slug", SERVICE_ADDRESS % {"path": path})
        return cleaned_data
