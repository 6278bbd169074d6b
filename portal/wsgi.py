import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# jieba loads its dictionary on first use (about half a second): pay it at start-up,
# not on the first visitor's search.
from portal.chinese_search import warm_up  # noqa: E402

warm_up()
