"""Time the public pages through Django's test client, against the dev database.

    .venv/bin/python bench/pages.py [--requests 200]

Run `make demo` first. Prints, per URL, the SQL queries of one request and the mean time per
request. Numbers are for comparing changes on one machine, not absolute truths.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from measure import measure  # noqa: E402

URLS = [
    "/",
    "/policy/",
    "/policy/measures/",
    "/search/?q=技术转移",
    "/search/?q=科研诚信",
    "/search/?q=国合基地联盟",
    "/bases/",
    "/bases/?type=demonstration_base&sort=newest",
    "/bases/1/",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    client = Client(HTTP_HOST="localhost")
    print(f"{'url':<28} {'queries':>7} {'ms/req':>8} {'req/s':>7}")
    for url in URLS:
        queries, ms = measure(client, url, args.requests)
        print(f"{url:<28} {queries:>7} {ms:>8.1f} {1000 / ms:>7.0f}")


if __name__ == "__main__":
    main()
