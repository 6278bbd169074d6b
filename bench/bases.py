"""Render time and SQL queries of the base showcase at 50, 500 and 2,000 bases.

    .venv/bin/python bench/bases.py [--requests 20]

Builds a throwaway SQLite database (the demo content, then generated bases up to each size),
renders each page in-process through Django's test client, and prints one row per page and
size. The query count must not grow with the number of bases.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from measure import measure  # noqa: E402

from bases.demo.registry import generate_bases  # noqa: E402
from bases.models import Base  # noqa: E402

SIZES = [50, 500, 2000]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client(HTTP_HOST="localhost")
    client.get("/")
    profile = Base.objects.order_by("pk").first().pk
    pages = {
        "/bases/": "/bases/",
        "/bases/?q=稀土&sort=newest": "/bases/?q=稀土&sort=newest",
        "profile": f"/bases/{profile}/",
        "/bases/stats/": "/bases/stats/",
        "/bases/export.json": "/bases/export.json",
    }
    print(f"{'bases':>6}  {'page':<28} {'queries':>7} {'ms/req':>8}")
    for size in SIZES:
        generate_bases(size - Base.objects.count(), seed=size)
        for label, url in pages.items():
            queries, ms = measure(client, url, args.requests)
            print(f"{size:>6}  {label:<28} {queries:>7} {ms:>8.1f}")
    DATABASE.unlink()


if __name__ == "__main__":
    main()
