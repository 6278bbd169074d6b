"""Settings shared by every environment. Safe for production: nothing here is relaxed.

Environment variables override what matters per deployment:
DATABASE_URL (SQLite file when unset), DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, REDIS_URL,
WAGTAILADMIN_BASE_URL, DJANGO_MEDIA_ROOT, DJANGO_PRIVATE_MEDIA_ROOT, DJANGO_STATIC_ROOT,
S3_BUCKET (and S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_MEDIA_DOMAIN),
SEARCH_URL (OpenSearch or Elasticsearch instead of the database's search), PAGE_CACHE,
PAGE_CACHE_SECONDS, PAGE_CACHE_DIR.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "bases",
    "news",
    "alliance",
    "portal.interaction",
    "wagtail.contrib.forms",
    # Editors translate a page by copying it into the English tree (README: 英文版).
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    # Last: its catalogue translates Django's own messages too ("This field is required." as
    # 这个字段是必须的), and an app earlier in this list wins over Wagtail's wording (必需字段).
    "captcha",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The language comes from the address alone: /en/… is English, everything else Chinese.
    "portal.i18n.PathLocaleMiddleware",
    # Anonymous readers get stored public pages before sessions or users are looked at.
    "portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A user with an authenticator, or who must have one, gets nothing before the code.
    "portal.two_factor.middleware.TwoFactorGate",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Every admin view of a reviewed model passes the one visibility rule first.
    "bases.review.scoping.ScopeGate",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a locked-out login into the login page with its Chinese error (portal.logins).
    "axes.middleware.AxesMiddleware",
    # The admin's own Content Security Policy (Wagtail's editor needs inline script and style).
    "portal.middleware.AdminContentSecurityPolicyMiddleware",
]

# The public site runs no inline script or style: everything comes from the site itself
# (static/js/portal.js holds its few behaviours). The admin gets its own policy
# (portal.middleware). Nothing is loaded from another site, on any page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# The captcha of the public question form (portal.interaction): drawn on this server, no
# third-party service; four characters, valid for ten minutes.
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 10
CAPTCHA_FONT_SIZE = 28
CAPTCHA_LETTER_ROTATION = (-25, 25)

# Both logins: django-axes counts failures in the database (shared by every worker and server)
# per account and client address together, so guessing one account never locks out another.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # never a per-worker cache
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # keep no record of successful logins
AXES_CLIENT_IP_CALLABLE = "portal.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.logins.locked_out"
# How many reverse proxies in front of the portal append to X-Forwarded-For (README: 生产部署).
# 0 trusts no header: the client is REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))

# Second factor (portal.two_factor): when on, every member of a group holding the permission
# 「必须使用双因素认证」 must set up an authenticator (TOTP) before reaching the admin. On in
# production unless DJANGO_TWO_FACTOR=false; off for `make run`'s demo accounts.
TWO_FACTOR_ENFORCED = os.environ.get("DJANGO_TWO_FACTOR", "false").lower() == "true"
OTP_TOTP_ISSUER = "国合基地门户"

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.elder.context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# `make run`'s embedded database must take two requests at once: writers queue for up to 20 s
# instead of failing with "database is locked", a transaction takes its write lock when it
# starts (so two cannot deadlock upgrading a read lock), and readers do not block writers.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
# PostgreSQL's JIT compiler is for long analytical queries. A portal's page tables are small
# enough never to reach autovacuum's analyze threshold (50 changed rows), so the planner
# estimates Wagtail's specific-page join (one LEFT JOIN a page type) at billions of rows and JIT
# compiles it: measured 0.75 s added to every page request (bench/RESULTS.md). Off for the
# portal's connections; PostgreSQL's own default stays for everything else.
POSTGRES_OPTIONS = {"options": "-c jit=off"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = POSTGRES_OPTIONS
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The page cache (portal.page_cache): on unless PAGE_CACHE=off; a stored page lives at most
# PAGE_CACHE_SECONDS, but any write to public data retires every stored page at once.
PAGE_CACHE = os.environ.get("PAGE_CACHE", "on").lower() not in {"0", "off", "false", "no"}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
        },
        # Every worker of every server shares it, and so its invalidation.
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal-pages",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Files, so that the workers of this machine share the pages and their invalidation.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# The public site in Chinese at / and in English at /en/ (portal.i18n); the admin stays Chinese.
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Application files: never under MEDIA_ROOT, served only through a permission-checked view.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Several app servers share their files on S3-compatible object storage (MinIO, 华为云 OBS,
# 阿里云 OSS, AWS S3) when S3_BUCKET is set: public media (images, documents) under media/, and
# the private files (applications, reports, decisions) under private/, which get no public
# address: bases.review.files.PrivateStorage reads them for the permission-checked views only.
if os.environ.get("S3_BUCKET"):
    S3_OPTIONS = {
        "bucket_name": os.environ["S3_BUCKET"],
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **S3_OPTIONS,
            "location": "media",
            "querystring_auth": False,
            "custom_domain": os.environ.get("S3_MEDIA_DOMAIN") or None,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**S3_OPTIONS, "location": "private", "default_acl": "private"},
    }
    # Documents in a private collection stay behind Wagtail's own permission check: the
    # serve view streams them instead of redirecting to the bucket.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail overrides it for its own preview iframes.
SESSION_COOKIE_HTTPONLY = True
# Sessions live in the database, so every worker of every app server knows every login.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Applicants sign in on the public site; staff use the Wagtail admin's own login.
LOGIN_URL = "apply_login"
LOGIN_REDIRECT_URL = "apply_dashboard"
LOGOUT_REDIRECT_URL = "/apply/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Wagtail
WAGTAIL_SITE_NAME = "国合基地门户"
# The dashboard would ask releases.wagtail.org for the latest version: the admin loads nothing
# from another site (its Content-Security-Policy refuses it), and upgrades are planned anyway.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: unreachable from mainland China, and it would send hashes of
# staff addresses abroad. Wagtail shows its own default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_USER_LOGIN_FORM = "portal.admin_forms.PortalLoginForm"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# OpenSearch or Elasticsearch when SEARCH_URL is set (SEARCH_ENGINE=opensearch, the default, or
# elasticsearch; install opensearch-py or elasticsearch 8). Every indexed page and base carries
# a copy of its text already segmented by jieba (portal.chinese_search), and queries are
# segmented the same way, so the index's default analyzer splits on blanks only and lowercases:
# jieba's words survive as they are, with no plugin. A cluster with analysis-smartcn or IK may
# set SEARCH_ANALYZER=smartcn or ik_max_word instead (README 「多台服务器」).
SEARCH_ANALYZERS = {
    "jieba-words": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
    "smartcn": {"type": "smartcn"},
    "ik_max_word": {"type": "custom", "tokenizer": "ik_max_word"},
}
if os.environ.get("SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": {
                "opensearch": "wagtail.search.backends.opensearch2",
                "elasticsearch": "wagtail.search.backends.elasticsearch8",
            }[os.environ.get("SEARCH_ENGINE", "opensearch")],
            "URLS": [os.environ["SEARCH_URL"]],
            "INDEX_PREFIX": "portal_",
            "TIMEOUT": 5,
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            "default": SEARCH_ANALYZERS[
                                os.environ.get("SEARCH_ANALYZER", "jieba-words")
                            ]
                        }
                    }
                }
            },
        }
    }
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "txt", "ofd", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# The annual cycle (Art. 12(四), Art. 13; see bases.rules.annual_reports): the first year whose
# summary the portal takes (earlier ones were filed on paper and count for nothing here), and
# how many days before a deadline the monitor reminds the hosts.
ANNUAL_REPORTS_FIRST_YEAR = int(os.environ.get("DJANGO_ANNUAL_REPORTS_FIRST_YEAR", "2026"))
ANNUAL_REPORT_REMINDER_DAYS = (30, 7)

# Plain text that import_policy and the demo content publish as the Measures.
MEASURES_TEXT_PATH = PROJECT_DIR / "content" / "measures-zh.txt"

DEMO_PASSWORD_DEFAULT = "portal-demo"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
