"""Time the application service and the review admin, per role, against the dev database.

    .venv/bin/python bench/review.py [--requests 50]

Run `make demo` (or `make run`) first: it loads applications at every step. Prints, per role
and URL, the SQL queries of one request and the mean time per request.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from measure import measure  # noqa: E402
from wagtail.models import TaskState  # noqa: E402

from bases.models import Application  # noqa: E402

ADMIN_URLS = ["/admin/", "/admin/snippets/bases/application/"]


def urls_for(user):
    if user.username.endswith("@example.org"):
        first = Application.objects.filter(applicant=user).first()
        return ["/apply/", "/apply/mine/", f"/apply/mine/{first.pk}/"]
    waiting = TaskState.objects.reviewable_by(user).select_related("workflow_state").first()
    return [
        *ADMIN_URLS,
        f"/admin/snippets/bases/application/edit/{waiting.workflow_state.object_id}/",
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    print(f"{'user':<18} {'url':<44} {'queries':>7} {'ms/req':>8}")
    for username in ("staff", "hhht_bureau", "leader", "expert2", "yituo@example.org"):
        user = get_user_model().objects.get(username=username)
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        for url in urls_for(user):
            queries, ms = measure(client, url, args.requests)
            print(f"{username:<18} {url:<44} {queries:>7} {ms:>8.1f}")


if __name__ == "__main__":
    main()
