import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files from the finders, as in development: no collectstatic needed for tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
DEMO_CONTENT_ALLOWED = True

# The page cache is off, except in the tests that prove it (tests/portal/test_page_cache.py).
PAGE_CACHE = False
if "FileBasedCache" in CACHES["pages"]["BACKEND"]:  # noqa: F405
    CACHES["pages"]["LOCATION"] = os.path.join(  # noqa: F405
        tempfile.gettempdir(), f"portal-page-cache-{os.getpid()}"
    )

# Under pytest-xdist each worker gets its own Redis database (tests clear the cache, which
# empties the whole database): worker gwN uses the configured database number + N.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
for _cache in CACHES.values():  # noqa: F405
    if _worker.startswith("gw") and "RedisCache" in _cache["BACKEND"]:
        _location, _sep, _db = _cache["LOCATION"].rpartition("/")
        if _sep and _db.isdecimal():
            _cache["LOCATION"] = f"{_location}/{int(_db) + int(_worker[2:])}"
