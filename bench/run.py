"""`make bench`: every public page under gunicorn and wrk, beside the bench's two references.

    make bench                                   # SQLite, 10 s a measurement (about 1 hour)
    BENCH_SECONDS=3 BENCH_LOAD_SECONDS=20 make bench          # a quick run
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
    REDIS_URL=redis://127.0.0.1:6379/9 make bench             # then PostgreSQL and Redis too

For each database (SQLite under var/bench/; PostgreSQL when BENCH_DATABASE_URL is set, with
the page cache in Redis when REDIS_URL is set) it builds the demo site (`load_demo_content`,
about 40 bases) and the bench page (`load_bench_content`), then, at that size and again at
2,000 bases (BENCH_BASES), starts two gunicorn servers with the production settings plus the
bench's addresses (portal.settings.bench; 2 sync workers each, on 127.0.0.1): one with the page
cache off (PAGE_CACHE=0), one with it on and warm. Each round (BENCH_ROUNDS, 3) runs
`wrk -t2 -c16 -d<BENCH_SECONDS>s --latency` once on every address in turn: the trivial view
/bench/trivial/ and the bare Wagtail page /bench/ (page cache off), then each public page
uncached and cached. The servers' CPU time per request comes from /proc (master and workers).

At 2,000 bases a load round sends 50 clients (BENCH_LOAD_CONNECTIONS) for BENCH_LOAD_SECONDS
(60) over a mix of the public pages to the cached server, while bench/publisher.py publishes a
news item every 2 s; then two servers share the database and the cache, an item is published
with the first one's settings, and the second must show it on / and /news/ at once.

Results go to var/bench/results-<database>.json (one file a database, written as the run goes)
and bench/RESULTS.md (bench/report.py, which can also be run alone to rewrite it).
The PostgreSQL database's name must contain "bench" (it is dropped and created again, with a
template <name>_demo); the Redis database given in REDIS_URL is emptied. BENCH_REUSE_DEMO=1
keeps the demo database of an earlier run instead of building it again (3 minutes).
"""

import datetime
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import report
import wrk
from servers import ROOT, Server, get

VAR = ROOT / "var" / "bench"
PYTHON = sys.executable

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
LOAD_CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "50"))
BASES = int(os.environ.get("BENCH_BASES", "2000"))
PUBLISH_EVERY = 2
REUSE_DEMO = os.environ.get("BENCH_REUSE_DEMO", "") == "1"
SECRET_KEY = secrets.token_urlsafe(50)

TRIVIAL, BARE = "/bench/trivial/", "/bench/"
REFERENCES = [TRIVIAL, BARE]
# The changing environment of a developer's shell must not leak into the bench's processes.
OWN_VARIABLES = ("DATABASE_URL", "REDIS_URL", "PAGE_CACHE", "PAGE_CACHE_DIR", "DJANGO_")


def public_paths(site):
    return [
        "/",
        "/policy/measures/",
        "/bases/",
        site["profile"],
        "/bases/stats/",
        "/bases/export.json",
        "/bases/export.csv",
        "/news/",
        site["news_item"],
        "/search/?q=稀土",
        "/alliance/",
    ]


def encoded(path):
    return quote(path, safe="/?=&")


def clean_environ():
    return {k: v for k, v in os.environ.items() if not k.startswith(OWN_VARIABLES)}


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def say(text):
    print(text, flush=True)


class Database:
    """One of the bench's databases: its demo template, and a fresh copy for a run."""

    def __init__(self, name, title, url, cache):
        self.name, self.title, self.url, self.cache = name, title, url, cache
        self.dir = VAR / name
        self.log = self.dir / "build.log"

    def build_env(self, url):
        """`make demo`'s settings, pointed at the bench's database and folders."""
        env = clean_environ()
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.dev",
            DATABASE_URL=url,
            PAGE_CACHE="off",
            DJANGO_MEDIA_ROOT=str(VAR / "media"),
            DJANGO_PRIVATE_MEDIA_ROOT=str(VAR / "private-media"),
        )
        return env

    def manage(self, url, *args):
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(f"\n$ manage.py {' '.join(args)}\n")
            log.flush()
            subprocess.run(
                [PYTHON, "manage.py", *args],
                cwd=ROOT,
                env=self.build_env(url),
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
            )

    def build_demo(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        if REUSE_DEMO and self.demo_exists():
            say(f"[{self.name}] 沿用上次的演示数据库")
            return
        say(f"[{self.name}] 建立演示数据库（迁移、演示内容、参照页面，约 3 分钟；日志 {self.log}）")
        self.log.write_text("", encoding="utf-8")
        self.drop_demo()
        self.manage(self.demo_url, "migrate", "--noinput", "-v0")
        self.manage(self.demo_url, "load_demo_content")
        self.manage(self.demo_url, "load_bench_content", "--bases", "0")

    def top_up(self, bases):
        say(f"[{self.name}] 生成基地，补足到 {bases} 个")
        self.manage(self.url, "load_bench_content", "--bases", str(bases))

    def facts(self):
        """What the run needs from the database: its number of bases, a profile, a news item."""
        script = (
            "import json; from bases.models import Base; from news.models import NewsPage; "
            "base = Base.objects.order_by('pk').first(); "
            "item = NewsPage.objects.live().filter(announcement_key='').order_by('pk').first(); "
            "print('FACTS ' + json.dumps({'bases': Base.objects.count(), "
            "'profile': f'/bases/{base.pk}/', 'news_item': item.url}))"
        )
        output = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env=self.build_env(self.url),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        line = next(x for x in output.splitlines() if x.startswith("FACTS "))
        return json.loads(line[len("FACTS ") :])

    def reset_cache(self):
        if self.cache["kind"] == "redis":
            import redis

            redis.Redis.from_url(self.cache["url"]).flushdb()
        else:
            shutil.rmtree(self.cache["dir"], ignore_errors=True)

    def server_env(self, page_cache):
        return server_env(self.url, self.cache, page_cache)


class SQLiteDatabase(Database):
    def __init__(self):
        folder = VAR / "sqlite"
        super().__init__(
            "sqlite",
            "SQLite，页面缓存在文件中",
            f"sqlite:///{folder / 'bench.sqlite3'}",
            {"kind": "file", "dir": folder / "page-cache"},
        )
        self.demo_file = folder / "demo.sqlite3"
        self.demo_url = f"sqlite:///{self.demo_file}"

    def demo_exists(self):
        return self.demo_file.exists()

    def drop_demo(self):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.demo_file}{suffix}").unlink(missing_ok=True)

    def fresh_copy(self):
        target = Path(urlsplit(self.url).path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        with sqlite3.connect(self.demo_file) as source, sqlite3.connect(target) as copy:
            source.backup(copy)


class PostgresDatabase(Database):
    def __init__(self, url, redis_url):
        self.database = urlsplit(url).path.lstrip("/")
        if "bench" not in self.database:
            raise SystemExit(
                f"BENCH_DATABASE_URL 的数据库名必须含有 bench（它会被删除重建）：{self.database}"
            )
        if redis_url:
            if not urlsplit(redis_url).path.strip("/").isdecimal():
                raise SystemExit(
                    "REDIS_URL 须写明库号（例如 redis://127.0.0.1:6379/9），它会被清空"
                )
            cache = {"kind": "redis", "url": redis_url}
            title = "PostgreSQL，页面缓存在 Redis 中"
        else:
            cache = {"kind": "file", "dir": VAR / "postgres" / "page-cache"}
            title = "PostgreSQL，页面缓存在文件中"
        super().__init__("postgres", title, url, cache)
        self.demo_database = f"{self.database}_demo"
        self.demo_url = url.replace(f"/{self.database}", f"/{self.demo_database}", 1)

    def admin(self, *statements):
        import psycopg
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        params = conninfo_to_dict(self.url)
        params["dbname"] = "postgres"
        with psycopg.connect(make_conninfo(**params), autocommit=True) as connection:
            results = []
            for statement in statements:
                cursor = connection.execute(statement)
                results.append(cursor.fetchall() if cursor.description else None)
            return results

    def demo_exists(self):
        (rows,) = self.admin(
            f"SELECT 1 FROM pg_database WHERE datname = '{self.demo_database}'"  # noqa: S608
        )
        return bool(rows)

    def drop_demo(self):
        self.admin(f'DROP DATABASE IF EXISTS "{self.demo_database}" WITH (FORCE)')
        self.admin(f'CREATE DATABASE "{self.demo_database}"')

    def fresh_copy(self):
        self.admin(
            f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)',
            f'CREATE DATABASE "{self.database}" TEMPLATE "{self.demo_database}"',
        )


class Run:
    """One database's measurements, saved to var/bench/results-<name>.json as they come."""

    def __init__(self, database):
        self.db = database
        self.path = VAR / f"results-{database.name}.json"
        self.servers = []
        self.data = {
            "database": database.name,
            "title": database.title,
            "started": datetime.datetime.now().isoformat(timespec="seconds"),
            "commit": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
            ).stdout.strip(),
            "seconds": SECONDS,
            "rounds": ROUNDS,
            "connections": CONNECTIONS,
            "load_seconds": LOAD_SECONDS,
            "load_connections": LOAD_CONNECTIONS,
            "uptime": [],
            "rows": [],
            "load": None,
            "two_servers": None,
            "finished": None,
        }

    def save(self):
        self.path.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), "utf-8")

    def settle(self):
        for server in self.servers:
            server.wait_idle()

    def measure(self, server, path, mode, size, round_number, check_hit):
        self.settle()
        hit = None
        if check_hit:
            # Stored pages live PAGE_CACHE_SECONDS: make sure this one is there, and say so.
            for _ in range(3):
                _status, headers, _body = get(server.port, encoded(path))
                hit = headers.get("X-Page-Cache") == "hit"
                if hit:
                    break
        before = server.cpu_seconds()
        result = wrk.run(server.url(encoded(path)), SECONDS, CONNECTIONS)
        cpu = server.cpu_seconds() - before
        result.update(
            path=path,
            mode=mode,
            size=size["label"],
            bases=size["bases"],
            round=round_number,
            hit=hit,
            cpu_ms=cpu * 1000 / max(result["requests"], 1),
        )
        self.data["rows"].append(result)
        errors = result["non_2xx_3xx"] + sum(result["socket_errors"].values())
        say(
            f"  {mode:<9} {path:<24} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:6.1f} ms"
            f"  p99 {result['p99_ms']:7.1f} ms  CPU {result['cpu_ms']:6.2f} ms/请求"
            + (f"  错误 {errors}" if errors else "")
            + ("  (缓存未命中!)" if hit is False else "")
        )

    def measure_size(self, label, last):
        site = self.db.facts()
        size = {"label": label, "bases": site["bases"]}
        paths = public_paths(site)
        say(f"[{self.db.name}] {site['bases']} 个基地：启动两个 gunicorn（页面缓存关 / 开）")
        self.db.reset_cache()
        uncached = Server(f"{self.db.name}-{label}-uncached", self.db.server_env(False), VAR)
        cached = Server(f"{self.db.name}-{label}-cached", self.db.server_env(True), VAR)
        self.servers = [uncached, cached]
        try:
            for server in (uncached.start(), cached.start()):
                server.wait_ready()
            warm(uncached, REFERENCES + paths, cache=False)
            warm(cached, paths, cache=True)
            for number in range(1, ROUNDS + 1):
                load = uptime()
                say(
                    f"== {self.db.name} · {site['bases']} 个基地 · 第 {number}/{ROUNDS} 轮 · {load}"
                )
                self.data["uptime"].append(
                    {"size": label, "bases": site["bases"], "round": number, "uptime": load}
                )
                for path in REFERENCES:
                    self.measure(uncached, path, "reference", size, number, check_hit=False)
                for path in paths:
                    self.measure(uncached, path, "uncached", size, number, check_hit=False)
                    self.measure(cached, path, "cached", size, number, check_hit=True)
                self.save()
            if last:
                uncached.stop()
                self.servers = [cached]
                self.settle()
                self.data["load"] = self.load_round(cached, paths, size)
                self.save()
        finally:
            uncached.stop()
            cached.stop()

    def load_round(self, server, paths, size):
        load = uptime()
        say(
            f"== 负载：{LOAD_CONNECTIONS} 个客户端 {LOAD_SECONDS} 秒，"
            f"每 {PUBLISH_EVERY} 秒发布一条新闻 · {load}"
        )
        script = wrk.mix_script([encoded(p) for p in paths], VAR / "mix.lua")
        writer = subprocess.Popen(
            [PYTHON, "bench/publisher.py", "--every", str(PUBLISH_EVERY)]
            + ["--seconds", str(LOAD_SECONDS)],
            cwd=ROOT,
            env=server.env,
            stdout=subprocess.PIPE,
            stderr=open(VAR / "publisher.log", "w"),  # noqa: SIM115
            text=True,
        )
        assert writer.stdout.readline().strip() == "ready"
        before = server.cpu_seconds()
        result = wrk.run(server.url("/"), LOAD_SECONDS, LOAD_CONNECTIONS, script=script)
        cpu = server.cpu_seconds() - before
        summary = json.loads(writer.communicate(timeout=120)[0].strip().splitlines()[-1])
        last = summary["published"][-1]["title"] if summary["published"] else None
        _status, _headers, body = get(server.port, "/news/")
        result.update(
            uptime=load,
            paths=paths,
            bases=size["bases"],
            cpu_ms=cpu * 1000 / max(result["requests"], 1),
            published=len(summary["published"]),
            publish_errors=summary["errors"],
            publish_max_seconds=summary["max_seconds"],
            last_item_on_news=bool(last) and last in body.decode(),
        )
        errors = result["non_2xx_3xx"] + sum(result["socket_errors"].values())
        say(
            f"  {result['rps']:.1f} req/s  p50 {result['p50_ms']:.1f} ms"
            f"  p99 {result['p99_ms']:.1f} ms  错误 {errors}"
            f"（非 2xx/3xx {result['non_2xx_3xx']}，套接字 {result['socket_errors']}）"
            f"  发布 {result['published']} 条，失败 {len(summary['errors'])} 条"
        )
        return result

    def two_servers(self):
        say(f"== 两个服务器共用{self.db.title}：一个发布，另一个立即显示")
        self.db.reset_cache()
        first = Server(f"{self.db.name}-first", self.db.server_env(True), VAR)
        second = Server(f"{self.db.name}-second", self.db.server_env(True), VAR)
        checks = ["/", "/news/"]
        try:
            for server in (first.start(), second.start()):
                server.wait_ready()
            seen = []
            for server, role in (
                (second, "另一个服务器（发布前）"),
                (first, "发布所用的服务器（发布前）"),
            ):
                warm(server, checks, cache=True)
                for path in checks:
                    seen.append(dict(look(server, path, None), server=role, before=True))
            writer = subprocess.run(
                [PYTHON, "bench/publisher.py", "--count", "1"],
                cwd=ROOT,
                env=first.env,
                capture_output=True,
                text=True,
                check=True,
            )
            item = json.loads(writer.stdout.strip().splitlines()[-1])["published"][0]
            for server, role in ((second, "另一个服务器"), (first, "发布所用的服务器")):
                for path in [*checks, item["url"]]:
                    seen.append(dict(look(server, path, item), server=role, before=False))
            # Read again: now it comes from the cache, still with the new item.
            for path in checks:
                seen.append(dict(look(second, path, item), server="另一个服务器（再读一次）"))
        finally:
            first.stop()
            second.stop()
        after = [s for s in seen if not s.get("before")]
        ok = all(s["status"] == 200 and s["shows_item"] for s in after)
        for s in seen:
            say(
                f"  {s['server']:<14} {s['path']:<28} {s['status']} 缓存 {s['cache'] or '-':<4}"
                f" {'' if s.get('before') else '显示新条目' if s['shows_item'] else '没有新条目!'}"
            )
        say(f"  结果：{'通过' if ok else '失败'}")
        return {"cache": self.db.cache["kind"], "item": item, "seen": seen, "ok": ok}

    def run(self):
        self.db.build_demo()
        self.db.fresh_copy()
        self.measure_size("demo", last=False)
        self.db.top_up(BASES)
        self.measure_size(str(BASES), last=True)
        self.data["two_servers"] = self.two_servers()
        self.data["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
        self.save()


def server_env(database_url, cache, page_cache):
    """A server's environment: the production settings with the bench's addresses."""
    env = clean_environ()
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.bench",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        DJANGO_STATIC_ROOT=str(VAR / "static"),
        DJANGO_MEDIA_ROOT=str(VAR / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(VAR / "private-media"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DJANGO_TWO_FACTOR="false",
        PAGE_CACHE="on" if page_cache else "off",
    )
    if cache["kind"] == "redis":
        env["REDIS_URL"] = cache["url"]
    else:
        env["PAGE_CACHE_DIR"] = str(cache["dir"])
    return env


def look(server, path, item):
    """What a reader of ``path`` gets from ``server``: status, cache state, the new ``item``."""
    status, headers, body = get(server.port, encoded(path))
    return {
        "path": path,
        "status": status,
        "cache": headers.get("X-Page-Cache", ""),
        "shows_item": bool(item) and item["title"] in body.decode(),
    }


def warm(server, paths, cache):
    """Read each page until it is stored (``cache``), failing loudly on anything but a 200."""
    for path in paths:
        for _attempt in range(3):
            status, headers, _body = get(server.port, encoded(path))
            if status != 200:
                raise RuntimeError(f"{server.name} answered {status} for {path}: see {server.log}")
            state = headers.get("X-Page-Cache")
            if not cache:
                if state is not None:
                    raise RuntimeError(f"{server.name} used the page cache with PAGE_CACHE=off")
                break
            if state == "hit":
                break
        else:
            raise RuntimeError(f"{server.name} never served {path} from the page cache")


def collect_static():
    say("collectstatic（生产配置的静态文件清单）")
    env = server_env("sqlite://:memory:", {"kind": "file", "dir": VAR / "page-cache"}, False)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


def main():
    VAR.mkdir(parents=True, exist_ok=True)
    databases = [SQLiteDatabase()]
    if os.environ.get("BENCH_DATABASE_URL"):
        databases.append(
            PostgresDatabase(os.environ["BENCH_DATABASE_URL"], os.environ.get("REDIS_URL"))
        )
    only = os.environ.get("BENCH_ONLY")
    if only:
        databases = [db for db in databases if db.name == only]
    say(
        f"基准测试：每项 {SECONDS} 秒、{CONNECTIONS} 个连接、{ROUNDS} 轮；"
        f"数据库 {', '.join(db.title for db in databases)} · {uptime()}"
    )
    collect_static()
    for database in databases:
        Run(database).run()
    written = report.write()
    say(f"结果已写入 {written}")


if __name__ == "__main__":
    started = time.monotonic()
    main()
    say(f"用时 {(time.monotonic() - started) / 60:.1f} 分钟")
