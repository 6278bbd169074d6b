"""The public site's page cache: anonymous readers get stored pages, and no stored page is stale.

A page is stored with the *generation* that was current when its rendering began. Every
committed write to a table the public site reads starts a new generation (``WriteWatch``), and
an entry of an older generation is never served. So a publish, an unpublish, a move, a base's
status change, an accreditation, a revocation, an announcement or a site-settings change shows at
once on every page, whichever worker or server wrote it, as long as all of them share the cache
alias ``pages`` (Redis when ``REDIS_URL`` is set; otherwise a file cache that the workers of one
machine share). A request and its generation are read in one round trip.

Only what is the same for every anonymous reader is stored: a GET without cookies (other than
``csrftoken``, and the 长者模式 one, which the key holds) outside the admin and the application
service, answered 200 by a response that sets no cookie, used no CSRF token and is not marked
private. Logged-in users, forms, previews and anything personalised never come from it.
"""

import hashlib
import logging
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.http import HttpResponse

from portal import elder

logger = logging.getLogger(__name__)

ALIAS = "pages"
GENERATION_KEY = "page-generation"
# Never from the cache: the admins, the application service, private files, documents
# (Wagtail checks documents' collection permissions on each download) and captcha pictures
# (each is drawn once for one form).
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/apply/",
    "/documents/",
    "/private/",
    "/captcha/",
)
MAX_QUERY_STRING = 512
# A response may vary only by what the key already holds (no cookies; the language header).
ALLOWED_VARY = {"cookie", "accept-encoding", "accept-language"}
# Cookies that do not change what an anonymous page shows, or that the key holds (长者模式).
NEUTRAL_COOKIES = {settings.CSRF_COOKIE_NAME, elder.COOKIE}


def enabled():
    return getattr(settings, "PAGE_CACHE", False)


def store():
    return caches[ALIAS]


def new_generation():
    return uuid.uuid4().hex


def invalidate():
    """Start a new generation: every stored page is out of date from now on."""
    if not enabled():
        return
    try:
        store().set(GENERATION_KEY, new_generation(), timeout=None)
    except Exception:
        # The pages of the old generation cannot be served stale if the cache cannot be read
        # either; if it can be read but not written, say so loudly.
        logger.exception("页面缓存无法失效：缓存不可写")


def cacheable_request(request):
    if request.method != "GET" or not enabled():
        return False
    if request.path.startswith(EXCLUDED_PREFIXES):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    return set(request.COOKIES) <= NEUTRAL_COOKIES


def cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= ALLOWED_VARY


def page_key(request):
    parts = "\n".join(
        [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            # The language is in the path (portal.i18n), not in Accept-Language.
            "elder" if elder.is_on(request) else "",
        ]
    )
    return "page:" + hashlib.sha256(parts.encode("utf-8", "surrogateescape")).hexdigest()


class PageCacheMiddleware:
    """Serve and store anonymous public pages (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        generation = None
        try:
            found = store().get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                generation = new_generation()
                if not store().add(GENERATION_KEY, generation, timeout=None):
                    generation = store().get(GENERATION_KEY)
            entry = found.get(key)
            if entry is not None and generation is not None and entry[0] == generation:
                return self.replay(entry)
        except Exception:
            logger.warning("页面缓存不可用，页面照常生成", exc_info=True)
            return self.get_response(request)
        response = self.get_response(request)
        if generation is not None and cacheable_response(request, response):
            entry = (generation, response.status_code, list(response.items()), response.content)
            try:
                store().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("页面缓存不可用，页面未存入", exc_info=True)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def replay(entry):
        _generation, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


# --- Invalidation: every committed write to a table that public pages read -------------------

# Tables whose rows no public page shows: sessions, login records, rate counters, devices, the
# admin's own bookkeeping, images' renditions (made while a public page renders) and the
# captchas that every rendering of a form with one writes.
UNSEEN_TABLES = {
    "captcha_captchastore",
    "django_session",
    "django_admin_log",
    "portal_ratecount",
    "wagtailadmin_editingsession",
    "wagtailadmin_formstate",
    "wagtailusers_userprofile",
    "wagtailcore_pagesubscription",
    "wagtailcore_uploadedfile",
    "wagtailimages_rendition",
}
UNSEEN_PREFIXES = ("axes_", "otp_")
WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+[`"]?(\w+)',
    re.IGNORECASE,
)
# A login writes the user's last_login and nothing a page shows.
LAST_LOGIN_ONLY = re.compile(
    r'^\s*UPDATE\s+"auth_user"\s+SET\s+"last_login"\s*=\s*%s\s+WHERE', re.IGNORECASE
)


def changes_public_data(sql):
    match = WRITE.match(sql)
    if match is None:
        return False
    table = match.group(1).lower()
    if table in UNSEEN_TABLES or table.startswith(UNSEEN_PREFIXES):
        return False
    return LAST_LOGIN_ONLY.match(sql) is None


class WriteWatch:
    """An execute wrapper that starts a new page generation when the write's transaction commits."""

    def __init__(self, alias):
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and changes_public_data(sql):
            self.invalidate_on_commit()
        return result

    def invalidate_on_commit(self):
        connection = connections[self.alias]
        # Once per transaction (a publish writes dozens of rows).
        if any(func is invalidate for _sids, func, _robust in connection.run_on_commit):
            return
        transaction.on_commit(invalidate, using=self.alias, robust=True)


def watch(sender, connection, **kwargs):
    """connection_created: put the watch in front of every other execute wrapper, once."""
    if not any(isinstance(w, WriteWatch) for w in connection.execute_wrappers):
        connection.execute_wrappers.insert(0, WriteWatch(connection.alias))
