import os

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

# Under pytest-xdist each worker gets its own Redis database (tests clear the cache, which
# empties the whole database): worker gwN uses the configured database number + N.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and "RedisCache" in CACHES["default"]["BACKEND"]:  # noqa: F405
    _location, _sep, _db = CACHES["default"]["LOCATION"].rpartition("/")  # noqa: F405
    if _sep and _db.isdecimal():
        CACHES["default"]["LOCATION"] = f"{_location}/{int(_db) + int(_worker[2:])}"  # noqa: F405
