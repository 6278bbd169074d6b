"""Where an uncached public page spends its time: cProfile, in process, on the bench's databases.

    .venv/bin/python bench/profile_pages.py            # after `make bench` has built var/bench/

Each database the last `make bench` left (SQLite under var/bench/sqlite/: the demo, about 40
bases, and the run's copy topped up to 2,000; the PostgreSQL ones when BENCH_DATABASE_URL is set)
is read in a process of its own with the bench servers' settings and the page cache off. Every
public page and the bench's bare Wagtail page is requested through Django's test client (the
portal's whole middleware, as gunicorn's worker runs it), 3 times to warm, then REQUESTS times
under cProfile. bench/PROFILE.md gets, per page: the time per request under the profiler (which
inflates Python-heavy code), the share spent executing SQL, rendering templates (which includes
queries a template triggers) and in Wagtail's page routing, and the functions with the most time
of their own. Never part of `make test`.
"""

import cProfile
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))  # after the project: bench/bases.py is no app

import run  # noqa: E402  (the bench's databases and its servers' environment)

REQUESTS = int(os.environ.get("BENCH_PROFILE_REQUESTS", "20"))
OUT = run.ROOT / "bench" / "PROFILE.md"
# (label, where the function is, its name): cumulative time, counted once however nested.
PARTS = [
    ("执行 SQL", "django/db/backends/utils.py", "_execute"),
    ("模板渲染（含模板触发的查询）", "django/template/base.py", "render"),
    ("Wagtail 页面路由", "wagtail/views.py", "serve"),
]
TOP = 8


def inner(paths):
    """In the profiled process: Django set up, every path requested, the stats as JSON."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    results = []
    for path in paths:
        for _ in range(3):
            status = client.get(path).status_code
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for _ in range(REQUESTS):
            client.get(path)
        profile.disable()
        elapsed = (time.perf_counter() - started) / REQUESTS * 1000
        stats = pstats.Stats(profile).stats
        parts = {}
        for label, filename, name in PARTS:
            # The outermost call of the function: cProfile's cumulative time for it.
            parts[label] = (
                max(
                    (
                        row[3]
                        for (file, _line, func), row in stats.items()
                        if func == name and file.endswith(filename)
                    ),
                    default=0.0,
                )
                / REQUESTS
                * 1000
            )
        own = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:TOP]
        results.append(
            {
                "path": path,
                "status": status,
                "ms": elapsed,
                "parts": parts,
                "top": [
                    {
                        "where": f"{short(file)}:{line} {func}",
                        "calls": row[1] / REQUESTS,
                        "ms": row[2] / REQUESTS * 1000,
                    }
                    for (file, line, func), row in own
                ],
            }
        )
    print("PROFILE " + json.dumps(results, ensure_ascii=False))


def short(file):
    for marker in ("site-packages/", "lib/python3.11/", str(run.ROOT) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def profile_database(title, url, cache):
    """One database's pages, profiled in a child process with the bench servers' settings."""
    script = (
        "import json, sys; sys.path.append('bench'); import profile_pages; "
        "profile_pages.inner(json.loads(sys.argv[1]))"
    )
    env = run.server_env(url, cache, page_cache=False)
    facts = facts_of(url)
    paths = [run.BARE, *run.public_paths(facts)]
    output = subprocess.run(
        [run.PYTHON, "-c", script, json.dumps(paths)],
        cwd=run.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("PROFILE "))
    return {"title": title, "bases": facts["bases"], "pages": json.loads(line[8:])}


def facts_of(url):
    database = run.SQLiteDatabase()
    database.url = url
    return database.facts()


def databases():
    sqlite = run.SQLiteDatabase()
    found = []
    if sqlite.demo_file.exists():
        found.append(("SQLite，演示数据", sqlite.demo_url, sqlite.cache))
    if Path(sqlite.url.removeprefix("sqlite:///")).exists():
        found.append(("SQLite，补足基地之后", sqlite.url, sqlite.cache))
    if os.environ.get("BENCH_DATABASE_URL"):
        postgres = run.PostgresDatabase(
            os.environ["BENCH_DATABASE_URL"], os.environ.get("REDIS_URL")
        )
        found.append(("PostgreSQL，演示数据", postgres.demo_url, postgres.cache))
        found.append(("PostgreSQL，补足基地之后", postgres.url, postgres.cache))
    return found


def write(profiles):
    lines = [
        "# 未缓存页面的剖析",
        "",
        "由 `bench/profile_pages.py` 生成：`make bench` 留下的数据库，"
        "基准测试服务器的配置，页面缓存关；"
        "每个网址经 Django 的测试客户端（门户的全部中间件）先请求 3 次预热，"
        f"再在 cProfile 下请求 {REQUESTS} 次。cProfile 本身使 Python 代码变慢，"
        "所以毫秒数只在本文件内可比；各部分的比例更可靠。部分之间可以重叠"
        "（模板渲染包含模板触发的查询，路由包含页面的渲染）。",
        "",
    ]
    for profile in profiles:
        lines += [f"## {profile['title']}（{profile['bases']:,} 个基地）", ""]
        labels = [label for label, _file, _name in PARTS]
        lines.append("| 网址 | ms/请求 | " + " | ".join(labels) + " |")
        lines.append("|---|---:|" + "---:|" * len(labels))
        for page in profile["pages"]:
            shares = " | ".join(
                f"{page['parts'][label]:.1f}（{page['parts'][label] / page['ms']:.0%}）"
                for label in labels
            )
            lines.append(f"| `{page['path']}` | {page['ms']:.1f} | {shares} |")
        lines.append("")
        for page in profile["pages"]:
            lines += [
                f"### `{page['path']}`：自身耗时最多的 {TOP} 个函数",
                "",
                "| 函数 | 调用次数/请求 | 自身 ms/请求 |",
                "|---|---:|---:|",
            ]
            lines += [
                f"| `{row['where']}` | {row['calls']:,.0f} | {row['ms']:.2f} |"
                for row in page["top"]
            ]
            lines.append("")
    OUT.write_text("\n".join(lines), encoding="utf-8")
    return OUT


def main():
    profiles = []
    for title, url, cache in databases():
        run.say(f"剖析：{title}")
        profiles.append(profile_database(title, url, cache))
    if not profiles:
        raise SystemExit("没有基准测试数据库：先运行 make bench")
    run.say(f"结果已写入 {write(profiles)}")


if __name__ == "__main__":
    main()
