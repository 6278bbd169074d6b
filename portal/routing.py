"""A public page request in two SQL queries before the page's own: its Site, then its pages.

Wagtail's own routing costs a query for the Site, one for the root page's specific row, two per
level of the path (the child, then its specific row), two for the view restrictions of the
page's ancestors, one for the site root paths that every ``page.url`` needs and one for each
site setting the templates read; and breadcrumbs asked again for the ancestors. Here:

1. ``load_site`` reads every Site with its root page and its site settings in one query, picks
   the request's as ``Site.find_for_request`` would, and keeps the site root paths that
   ``page.url`` reads (in Wagtail's own cache key, as ``Site.get_site_root_paths`` would) and
   the settings (where ``BaseSiteSetting.for_request`` looks first).
2. ``route_for_request`` reads the root page and every page the path can reach in one query,
   each already in its specific class, with whether a view restriction applies to it. Pages
   that mix in ``RoutedPage`` route through them and, when no restriction applies anywhere
   above them, answer Wagtail's restriction check without asking the database again.

With the English edition (``WAGTAIL_I18N_ENABLED``) the site's root translations come in one
more query, and an English path that has no English page falls back to the Chinese one.

Anything unusual (an alias on the path, a child this query did not find) goes the ordinary
Wagtail way, so the result is Wagtail's, only cheaper.
"""

from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import (
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

from portal.admin_forms import PortalPageForm
from portal.page_privacy import restricted_itself
from portal.specific_pages import specific_pages

# As in wagtail.models.sites.get_site_for_hostname: the better match first.
MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT, MATCH_DEFAULT, MATCH_HOSTNAME = range(4)


def _i18n():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


# --- The request's Site ----------------------------------------------------------------------


def _site_settings_models():
    return [model for model in settings_registry if issubclass(model, BaseSiteSetting)]


def _settings_accessor(model):
    return model._meta.get_field("site").remote_field.get_accessor_name()


def _settings_relations(model):
    """The join that reads a site setting with the site, and what the setting itself asks to
    be read with it (its ``select_related``, e.g. the footer's chosen pages)."""
    accessor = _settings_accessor(model)
    return [accessor, *(f"{accessor}__{name}" for name in model.select_related or ())]


def _match(site, hostname, port):
    if site.hostname == hostname and site.port == port:
        return MATCH_HOSTNAME_PORT
    if site.hostname == hostname and site.is_default_site:
        return MATCH_HOSTNAME_DEFAULT
    if site.is_default_site:
        return MATCH_DEFAULT
    if site.hostname == hostname:
        return MATCH_HOSTNAME
    return None


def _choose(sites, hostname, port):
    """The site Wagtail's get_site_for_hostname would choose, or None."""
    ranked = sorted(
        (match, index, site)
        for index, site in enumerate(sites)
        if (match := _match(site, hostname, port)) is not None
    )
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return ranked[0][2]
    if ranked[0][0] == MATCH_DEFAULT:
        # One other hostname match: that one; several: the default.
        return ranked[len(ranked) == 2][2]
    return None


def load_site(request):
    """The request's Site, as ``Site.find_for_request`` gives it, read with the site root paths
    (the root pages' translations included) and the site settings in one query, all kept
    where Wagtail looks for them."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    models = _site_settings_models()
    sites = list(
        Site.objects.select_related(
            "root_page",
            "root_page__locale",
            *(relation for model in models for relation in _settings_relations(model)),
        )
        .annotate(**_root_translation_columns())
        .order_by("-root_page__url_path", "-is_default_site", "hostname")
    )
    for site in sites:
        site._portal_roots = _root_translations(site)
    root_paths = [
        SiteRootPath(site.id, root.url_path, site.root_url, language)
        for site in sites
        for language, root in site._portal_roots.items()
    ]
    # Wagtail stores the same list under the same key (Site.get_site_root_paths), and clears
    # it whenever a site or a page's path changes.
    if default_cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION) is None:
        default_cache.set(
            SITE_ROOT_PATHS_CACHE_KEY, root_paths, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION
        )
    request._wagtail_cached_site_root_paths = root_paths
    site = _choose(sites, split_domain_port(request._get_raw_host())[0], request.get_port())
    request._wagtail_site = site
    if site is not None:
        for model in models:
            try:
                site_settings = getattr(site, _settings_accessor(model))
            except ObjectDoesNotExist:
                continue  # created on first use, by for_request
            site_settings._request = request
            setattr(request, model.get_cache_attr_name(), site_settings)
    return site


# What routing and page URLs need of a root page's translation, read with its Site.
ROOT_COLUMNS = ("id", "url_path", "path", "depth", "live", "locale_id")


def _other_languages():
    if not _i18n():
        return []
    return [
        code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE
    ]


def _root_translation_columns():
    """For each other language, its translation of the site's root page, column by column
    (``en_root_url_path`` …), as subqueries of the sites' own query."""
    columns = {}
    for language in _other_languages():
        translation_of_root = Page.objects.filter(
            translation_key=OuterRef("root_page__translation_key"),
            locale__language_code=language,
        )
        for column in ROOT_COLUMNS:
            columns[f"{_prefix(language)}_root_{column}"] = Subquery(
                translation_of_root.values(column)[:1]
            )
    return columns


def _prefix(language):
    return language.replace("-", "_")


class RootTranslation:
    """What the sites' query read of a root page's translation (see ROOT_COLUMNS)."""

    def __init__(self, **columns):
        self.__dict__.update(columns)
        self.pk = self.id


def _root_translations(site):
    """{language: the site's root page in it}: the root itself, then each translation found."""
    roots = {site.root_page.locale.language_code: site.root_page}
    for language in _other_languages():
        columns = {
            column: getattr(site, f"{_prefix(language)}_root_{column}") for column in ROOT_COLUMNS
        }
        if columns["id"] is not None and language not in roots:
            roots[language] = RootTranslation(**columns)
    return roots


# --- Routing ---------------------------------------------------------------------------------


def route_for_request(request, path):
    """``Page.route_for_request(request, path)``, in the two queries of this module.

    In English, the path is looked for under the English home page first and, if it is not
    there (a page nobody translated yet), under the Chinese one: the page is then served in
    Chinese with a note in English (``request.portal_language_fallback``), never a 404.
    """
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = load_site(request)
    result = None
    if site is not None:
        components = [component for component in path.split("/") if component]
        result = _route(request, site, components)
    request._wagtail_route_for_request = result
    return result


def _roots_to_try(site, language):
    """(language, home page): the one in the language being shown, then the site's own."""
    roots = getattr(site, "_portal_roots", None) or {
        site.root_page.locale.language_code: site.root_page
    }
    local = roots.get(language)
    own = next(iter(roots.items()))  # the site's root page comes first
    if local is None or local.pk == own[1].pk or not local.live:
        return [own], roots
    return [(language, local), own], roots


def _route(request, site, components):
    """Routes ``components`` from the home page in the language shown, then from the site's
    own. The query also reads the pages at the same path in every other language, which the
    language switcher looks at (portal.i18n)."""
    language = translation.get_language()
    to_try, roots = _roots_to_try(site, language)
    top = site.root_page
    reachable = [
        root.url_path + "".join(f"{component}/" for component in components[:n])
        for root in roots.values()
        for n in range(1, len(components) + 1)
    ]
    above_root = [top.path[: depth * top.steplen] for depth in range(1, top.depth)]
    # By slug and path, which are indexed (url_path is not).
    pages = specific_pages(
        Page.objects.filter(
            Q(slug__in=set(components), url_path__in=reachable)
            | Q(path__in=[*above_root, *(root.path for root in roots.values())])
        ).annotate(restricted=restricted_itself())
    )
    by_url_path = {page.url_path: page for page in pages if page.depth >= top.depth}
    request._portal_route = {
        "pages": by_url_path,
        "roots": roots,
        # A restriction or an alias above the root sends every page the Wagtail way.
        "above_root_clear": all(
            not page.restricted and not page.alias_of_id for page in pages if page.depth < top.depth
        ),
    }
    for root_language, root in to_try:
        specific_root = by_url_path.get(root.url_path)
        if specific_root is None or specific_root.pk != root.pk:
            specific_root = Page.objects.get(pk=root.pk).specific
        else:
            _mark_clearance(request, specific_root, None)
        try:
            result = specific_root.route(request, components)
        except Http404:
            continue
        request._portal_route["root"] = root
        # An alias in the English tree is a Chinese page copied along with a translated
        # child, and not translated itself: it too shows in Chinese with the note.
        request.portal_language_fallback = root_language != language or bool(
            language != settings.LANGUAGE_CODE and getattr(result[0], "alias_of_id", None)
        )
        return result
    return None


def locale_id(request):
    """The id of the locale of the language shown, from the site's root pages (no query);
    None when the site has no home page in that language."""
    site = load_site(request)
    root = getattr(site, "_portal_roots", {}).get(translation.get_language()) if site else None
    return root.locale_id if root is not None else None


def counterparts(request, page):
    """{language: the live page at ``page``'s path under that language's home page}, from the
    routing query, for the page routing found; None when routing did not find ``page``."""
    state = getattr(request, "_portal_route", None)
    if state is None or "root" not in state or not page.url_path.startswith(state["root"].url_path):
        return None
    relative = page.url_path[len(state["root"].url_path) :]
    found = {}
    for language, root in state["roots"].items():
        other = state["pages"].get(root.url_path + relative)
        if other is not None and other.live:
            found[language] = other
    return found


def _mark_clearance(request, page, parent):
    """Note on ``page`` whether the routing query showed that no view restriction applies to it
    or to any of its ancestors (and none of them is an alias, whose source Wagtail checks)."""
    if parent is None:
        above = request._portal_route["above_root_clear"]
    else:
        above = getattr(parent, "_portal_clear", False)
    page._portal_clear = (
        above and page.__dict__.get("restricted", True) is False and not page.alias_of_id
    )


class RoutedPage:
    """Mixed into each page model, before ``Page`` (and after ``RoutablePageMixin``): routes
    through the pages ``route_for_request`` read, and answers Wagtail's view-restriction check
    from them. Its admin form (portal.admin_forms.PortalPageForm) keeps a page off the
    addresses that the portal uses for something else."""

    base_form_class = PortalPageForm

    def route(self, request, path_components):
        state = getattr(request, "_portal_route", None)
        if state is None or not path_components:
            return super().route(request, path_components)
        child = state["pages"].get(f"{self.url_path}{path_components[0]}/")
        if child is None or child.depth != self.depth + 1 or not child.path.startswith(self.path):
            return super().route(request, path_components)  # as Wagtail: a query, or a 404
        child._cached_parent_obj = self
        _mark_clearance(request, child, self)
        return child.route(request, path_components[1:])

    def get_view_restrictions(self):
        if getattr(self, "_portal_clear", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def ancestors(page, from_depth=2):
    """``page``'s ancestors from ``from_depth`` down (2: the site root), from the parents that
    routing set when it found the page, otherwise in one query."""
    chain, current = [], page
    while current.depth > from_depth and "_cached_parent_obj" in current.__dict__:
        current = current._cached_parent_obj
        chain.append(current)
    if current.depth <= from_depth:
        return [ancestor for ancestor in reversed(chain) if ancestor.depth >= from_depth]
    return list(page.get_ancestors().filter(depth__gte=from_depth))
