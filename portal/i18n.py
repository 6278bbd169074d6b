"""The English edition: which language a request is in, and the same place in the other one.

Chinese is the portal's language and lives at ``/``; English lives under ``/en/``. The address
alone decides: not the browser's Accept-Language, not a cookie. So a link, a bookmark or a
cached page always shows the language its address says, and one address is one page in the
page cache (no ``Vary: Accept-Language``).

Public views are in ``i18n_patterns`` (portal.urls); the admin, the application service and
the other Chinese-only services are not, and answer in Chinese whatever the address.
"""

import re

from django.conf import settings
from django.utils import translation

CHINESE = settings.LANGUAGE_CODE
ENGLISH = "en"
ENGLISH_PREFIX = f"/{ENGLISH}/"
# The lang attribute of each language's text (BCP 47, as screen readers and browsers read it).
HTML_LANG = {CHINESE: "zh-CN", ENGLISH: "en"}
# Chinese characters and punctuation (CJK ideographs, their symbols and the full-width forms).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# hreflang values: Chinese as written in mainland China, English for everyone else.
HREFLANG = {CHINESE: "zh-Hans", ENGLISH: "en"}


def language_of_path(path):
    return ENGLISH if path == f"/{ENGLISH}" or path.startswith(ENGLISH_PREFIX) else CHINESE


def is_english():
    return translation.get_language() == ENGLISH


def html_lang(language=None):
    return HTML_LANG.get(language or translation.get_language(), HTML_LANG[CHINESE])


def local(obj, field="name"):
    """``obj.<field>_en`` in English when it is filled in, else ``obj.<field>``: the English
    names and summaries the registry keeps beside the Chinese ones."""
    if obj is None:
        return ""
    if is_english():
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "")


def chinese_path(path):
    """``path`` without its English prefix (``/en/news/`` → ``/news/``)."""
    if language_of_path(path) == ENGLISH:
        return path[len(ENGLISH_PREFIX) - 1 :] or "/"
    return path


def path_in(path, language):
    """The same address in ``language``: ``/news/`` ↔ ``/en/news/``."""
    path = chinese_path(path)
    return f"/{ENGLISH}{path}" if language == ENGLISH else path


def localise(path):
    """A site-relative address of the Chinese site, in the language being shown."""
    return path_in(path, translation.get_language())


class PathLocaleMiddleware:
    """Activates the language the address names, before the URL resolver reads it.

    Django's LocaleMiddleware would do the same for /en/, but for every other address it looks
    at Accept-Language first and marks the response ``Vary: Accept-Language``, which would
    split each Chinese page into one cache entry per browser language for nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# --- The same place in the other language ----------------------------------------------------


def alternates(request, page=None):
    """Where the page being shown is in each language, for the switcher and hreflang.

    A list of dicts, one per language, each with ``language``, ``name`` (in that language),
    ``url`` (the switcher's link, with the query string so a filtered directory stays
    filtered), ``href`` (absolute, for hreflang, or None where the language only has the
    Chinese fallback) and ``current``. Kept on the request: the head and the header both ask.
    """
    if hasattr(request, "_portal_alternates"):
        return request._portal_alternates
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    path = request.path
    urls = {language: path_in(path, language) for language, _ in settings.LANGUAGES}
    translated = set(urls)
    if page is not None and getattr(page, "translation_key", None):
        translated, urls = _page_alternates(request, page, path, urls)
    result = []
    for language, name in settings.LANGUAGES:
        url = urls[language]
        result.append(
            {
                "language": language,
                "name": name,
                "lang": HTML_LANG.get(language, language),
                "hreflang": HREFLANG.get(language, language),
                "url": f"{url}?{query}" if query else url,
                "href": request.build_absolute_uri(url) if language in translated else None,
                "current": language == current,
            }
        )
    request._portal_alternates = result
    return result


def _page_alternates(request, page, path, urls):
    """Where ``page`` is in each language. Its translations are usually at the same path under
    the other home page, which the routing query read already; otherwise one query finds them
    (a page not translated, or moved since). A routable page's sub-address (a base's profile
    under the directory) is registry data in both languages: it carries over to the page at
    the same path without asking."""
    from wagtail.models import Page

    from portal import routing

    own = page.get_url(request) or ""
    suffix = ""
    if own and chinese_path(path).startswith(chinese_path(own)):
        suffix = chinese_path(path)[len(chinese_path(own)) :]
    found = routing.counterparts(request, page) or {}
    if suffix:
        translations = found
    else:
        translations = {
            language: other
            for language, other in found.items()
            if other.translation_key == page.translation_key
        }
        if set(translations) != set(urls):
            translations = {
                other.locale.language_code: other
                for other in Page.objects.filter(translation_key=page.translation_key, live=True)
                .select_related("locale")
                .only("url_path", "locale__language_code", "translation_key", "alias_of")
            }
    if not suffix and CHINESE not in translations:
        # An English page whose Chinese original is not published: the Chinese home page,
        # not its address, which is not there.
        urls[CHINESE] = "/"
    translated = set()
    for language, other in translations.items():
        fallback = getattr(request, "portal_language_fallback", False)
        if other.pk == page.pk and fallback and not page.alias_of_id:
            # The Chinese page shown at an English address: its own address is the Chinese one.
            urls[language] = chinese_path(path)
            translated.add(language)
            continue
        url = other.get_url(request)
        if url:
            urls[language] = url + suffix
            if not other.alias_of_id:  # an alias is the Chinese page again, not a translation
                translated.add(language)
    return translated, urls
