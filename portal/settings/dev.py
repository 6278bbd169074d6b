"""`make run`: the portal as a newcomer should first see it, with its own Chinese 404 and 500
pages. DJANGO_DEBUG=true brings back Django's debug pages for whoever wants them."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = os.environ.get("DJANGO_DEBUG", "false").lower() == "true"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-not-for-production")  # noqa: F405
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_CONTENT_ALLOWED = True
# Static files come from their source folders through whitenoise, whether DEBUG is on or off:
# runserver serves them without collectstatic, and a changed file is served at once.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploaded images and documents, which production leaves to the web server (portal.urls).
SERVE_MEDIA_FILES = True
# The demo's bases have reported through the portal since 2023 (bases.demo.annual_reports),
# so the monitor counts their years from then.
ANNUAL_REPORTS_FIRST_YEAR = int(os.environ.get("DJANGO_ANNUAL_REPORTS_FIRST_YEAR", "2023"))
