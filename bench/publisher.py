"""Publish news items through the ORM, as the bench's writer (bench/run.py starts it).

    python bench/publisher.py --every 2 --seconds 60   # the load round's writer
    python bench/publisher.py --count 1                # the two-server check's one item

Run with a server's environment (settings, database, cache), so that its writes retire the
stored pages exactly as that server's own writes would. Prints one line of JSON at the end.
"""

import argparse
import json
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from news.models import NewsCategory, NewsIndexPage, NewsPage  # noqa: E402


def publish(stamp, number):
    index = NewsIndexPage.objects.live().first()
    page = NewsPage(
        title=f"基准测试新闻 {stamp} 第{number}条",
        slug=f"bench-{stamp}-{number}",
        category=NewsCategory.WORK,
        summary="基准测试期间发布的新闻。",
        body=[{"type": "text", "value": "<p>基准测试期间发布的新闻。</p>"}],
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--every", type=float, default=2.0, help="seconds between two items")
    parser.add_argument("--seconds", type=float, default=0, help="keep publishing this long")
    parser.add_argument("--count", type=int, default=0, help="or publish this many items")
    args = parser.parse_args()
    print("ready", flush=True)  # Django is set up: the bench starts its clients now.
    stamp = uuid.uuid4().hex[:8]
    published, errors, durations = [], [], []
    started = time.monotonic()
    number = 0
    while True:
        number += 1
        began = time.monotonic()
        try:
            page = publish(stamp, number)
            published.append({"title": page.title, "url": page.url})
        except Exception as error:  # Count every failure and go on, as a newsroom would.
            errors.append(repr(error))
        durations.append(time.monotonic() - began)
        if args.count and number >= args.count:
            break
        if not args.count and time.monotonic() - started + args.every > args.seconds:
            break
        time.sleep(max(0.0, args.every - (time.monotonic() - began)))
    print(
        json.dumps(
            {
                "published": published,
                "errors": errors,
                "max_seconds": max(durations),
                "mean_seconds": sum(durations) / len(durations),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
