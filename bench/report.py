"""bench/RESULTS.md from the bench's saved results (var/bench/results-*.json).

    .venv/bin/python bench/report.py     # rewrite RESULTS.md from the last run of each database

Every number in a row is the median over the rounds; a ratio is taken within each round (the
page's req/s over the reference's, both measured minutes apart in the same round) and then
its median, so that a busier machine in one round moves both sides of it.
"""

import json
import os
import platform
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "RESULTS.md"
TRIVIAL, BARE = "/bench/trivial/", "/bench/"
GROWTH_PATHS = ["/bases/", "/bases/stats/", "/search/?q=稀土"]
EXPORTS = ["/bases/export.json", "/bases/export.csv"]
MODE = {"reference": "参照（缓存关）", "uncached": "缓存关", "cached": "缓存开"}
REFERENCE_NAME = {TRIVIAL: "简单 Django 视图", BARE: "Wagtail 普通页面"}

# The targets of issue 16.
UNCACHED_OF_BARE = 0.50
GROWTH_LOSS = 0.10
EXPORT_CPU_MS = 50
CACHED_OF_TRIVIAL = 0.70
CACHED_P99_MS = 20


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


class Results:
    def __init__(self, data):
        self.data = data
        self.rows = defaultdict(list)
        for row in data["rows"]:
            self.rows[(row["size"], row["mode"], row["path"])].append(row)
        self.sizes = list(dict.fromkeys(row["size"] for row in data["rows"]))
        self.bases = {row["size"]: row["bases"] for row in data["rows"]}

    def reference(self, size, path, round_number):
        for row in self.rows[(size, "reference", path)]:
            if row["round"] == round_number:
                return row
        return None

    def ratio(self, size, mode, path, reference):
        """Median over the rounds of this page's req/s over the reference's."""
        ratios = []
        for row in self.rows[(size, mode, path)]:
            ref = self.reference(size, reference, row["round"])
            if ref and ref["rps"]:
                ratios.append(row["rps"] / ref["rps"])
        return median(ratios)

    def cpu_ratio(self, size, mode, path, reference):
        """The same by CPU time: the reference's CPU per request over this page's, which
        does not depend on how much of the machine the servers got."""
        ratios = []
        for row in self.rows[(size, mode, path)]:
            ref = self.reference(size, reference, row["round"])
            if ref and row["cpu_ms"]:
                ratios.append(ref["cpu_ms"] / row["cpu_ms"])
        return median(ratios)

    def summary(self, size, mode, path):
        rows = self.rows[(size, mode, path)]
        if not rows:
            return None
        return {
            "rps": median(r["rps"] for r in rows),
            "p50": median(r["p50_ms"] for r in rows),
            "p99": median(r["p99_ms"] for r in rows),
            "cpu": median(r["cpu_ms"] for r in rows),
            "errors": sum(r["non_2xx_3xx"] + sum(r["socket_errors"].values()) for r in rows),
            "misses": sum(1 for r in rows if r.get("hit") is False),
            "trivial": self.ratio(size, mode, path, TRIVIAL),
            "bare": self.ratio(size, mode, path, BARE),
            "cpu_trivial": self.cpu_ratio(size, mode, path, TRIVIAL),
            "cpu_bare": self.cpu_ratio(size, mode, path, BARE),
        }

    def paths(self, size, mode):
        return list(
            dict.fromkeys(
                r["path"] for r in self.data["rows"] if (r["size"], r["mode"]) == (size, mode)
            )
        )


def percent(value):
    return "–" if value is None else f"{value * 100:.0f}%"


def number(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}"


def spread(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return "–"
    return f"{percent(statistics.median(values))}（{percent(values[0])} – {percent(values[-1])}）"


def overview(results):
    """One line a size: the references, and the public pages' ratios (median, lowest, highest)."""
    lines = [
        "| 基地数 | 简单视图 req/s | Wagtail 页面 req/s | 未缓存 ÷ Wagtail 页面 | 未缓存 ÷ Wagtail 页面（按 CPU） | 缓存 ÷ 简单视图 | 缓存 ÷ 简单视图（按 CPU） | 缓存 p99 ms（最高） |",
        "|---:|---:|---:|---|---|---|---|---:|",
    ]
    for size in results.sizes:
        trivial = results.summary(size, "reference", TRIVIAL)
        bare = results.summary(size, "reference", BARE)
        uncached = [results.summary(size, "uncached", p) for p in results.paths(size, "uncached")]
        cached = [results.summary(size, "cached", p) for p in results.paths(size, "cached")]
        worst_p99 = max((c["p99"] for c in cached if c["p99"] is not None), default=None)
        lines.append(
            f"| {results.bases[size]:,} | {number(trivial and trivial['rps'], 0)} "
            f"| {number(bare and bare['rps'], 0)} "
            f"| {spread(u['bare'] for u in uncached)} | {spread(u['cpu_bare'] for u in uncached)} "
            f"| {spread(c['trivial'] for c in cached)} | {spread(c['cpu_trivial'] for c in cached)} "
            f"| {number(worst_p99)} |"
        )
    return lines


def table(results):
    lines = [
        "| 网址 | 页面缓存 | 基地数 | req/s | p50 ms | p99 ms | CPU ms/请求 | 对比简单视图 | 对比 Wagtail 页面 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results.sizes:
        bases = results.bases[size]
        entries = [("reference", p) for p in results.paths(size, "reference")]
        for path in results.paths(size, "uncached"):
            entries += [("uncached", path), ("cached", path)]
        for mode, path in entries:
            s = results.summary(size, mode, path)
            if s is None:
                continue
            name = f"`{path}`" + (f"（{REFERENCE_NAME[path]}）" if path in REFERENCE_NAME else "")
            notes = []
            if s["errors"]:
                notes.append(f"错误 {s['errors']}")
            if s["misses"]:
                notes.append(f"{s['misses']} 轮未命中缓存")
            lines.append(
                f"| {name}{'（' + '，'.join(notes) + '）' if notes else ''} | {MODE[mode]} | {bases:,} "
                f"| {number(s['rps'], 0)} | {number(s['p50'])} | {number(s['p99'])} "
                f"| {number(s['cpu'], 2)} | {percent(s['trivial'])} | {percent(s['bare'])} |"
            )
    return lines


def verdict(ok):
    return "✅ 达到" if ok else "❌ 未达到"


def targets(results):
    lines = []
    small, large = results.sizes[0], results.sizes[-1]

    # 1. Uncached pages at least half as fast as the bare Wagtail page.
    checked, missed, missed_cpu, items = 0, 0, 0, []
    for size in results.sizes:
        for path in results.paths(size, "uncached"):
            s = results.summary(size, "uncached", path)
            checked += 1
            low = s["bare"] is None or s["bare"] < UNCACHED_OF_BARE
            low_cpu = s["cpu_bare"] is None or s["cpu_bare"] < UNCACHED_OF_BARE
            missed += low
            missed_cpu += low_cpu
            if low or low_cpu:
                gap = (UNCACHED_OF_BARE - (s["bare"] or 0)) * 100
                items.append(
                    f"   - `{path}`，{results.bases[size]:,} 个基地：req/s 为 {percent(s['bare'])}"
                    + (f"（差 {gap:.0f} 个百分点）" if low else "")
                    + f"，按 CPU 为 {percent(s['cpu_bare'])}"
                )
    lines.append(
        f"1. **未缓存的页面 ≥ Wagtail 普通页面的 {percent(UNCACHED_OF_BARE)}**："
        f"{verdict(not missed)}（按 req/s {checked - missed}/{checked} 项达到，"
        f"按 CPU 时间 {checked - missed_cpu}/{checked} 项）"
    )
    lines += items

    # 2. Directory, statistics and search lose at most 10% from 40 to 2,000 bases. Judged by
    # CPU time per request, the measure a busy machine moves least; the throughput's change
    # relative to the bare page (same rounds) and the raw req/s are given beside it.
    ok_cpu, ok_rps, growth = True, True, []
    for path in GROWTH_PATHS:
        before, after = (
            results.summary(small, "uncached", path),
            results.summary(large, "uncached", path),
        )
        if not (before and after and before["cpu"] and after["cpu"] and before["bare"]):
            growth.append(f"   - `{path}`：没有可比的数据")
            ok_cpu = ok_rps = False
            continue
        by_cpu = before["cpu"] / after["cpu"] - 1
        relative = (after["bare"] or 0) / before["bare"] - 1
        raw = after["rps"] / before["rps"] - 1 if before["rps"] else 0
        ok_cpu &= by_cpu >= -GROWTH_LOSS
        ok_rps &= relative >= -GROWTH_LOSS
        growth.append(
            f"   - `{path}`：CPU {before['cpu']:.1f} → {after['cpu']:.1f} ms/请求，"
            f"相当于吞吐量 {by_cpu * 100:+.0f}%"
            + (
                ""
                if by_cpu >= -GROWTH_LOSS
                else f"（超出 {(-by_cpu - GROWTH_LOSS) * 100:.0f} 个百分点）"
            )
            + f"；对 Wagtail 页面的比值 {relative * 100:+.0f}%，req/s {raw * 100:+.0f}%"
        )
    lines.append(
        f"2. **名录、统计、搜索从 {results.bases[small]} 到 {results.bases[large]:,} 个基地"
        f"下降 ≤ {percent(GROWTH_LOSS)}**：按 CPU 时间 {verdict(ok_cpu)}；"
        f"按对 Wagtail 页面的 req/s 比值 {verdict(ok_rps)}"
    )
    lines += growth

    # 3. The exports at 2,000 bases cost under 50 ms of CPU.
    exports = []
    ok_all = True
    for path in EXPORTS:
        s = results.summary(large, "uncached", path)
        if s:
            ok = s["cpu"] < EXPORT_CPU_MS
            ok_all &= ok
            exports.append(
                f"   - `{path}`：{s['cpu']:.1f} ms"
                + ("" if ok else f"，超出 {s['cpu'] - EXPORT_CPU_MS:.1f} ms")
            )
    lines.append(
        f"3. **{results.bases[large]:,} 个基地时导出的 CPU < {EXPORT_CPU_MS} ms/请求**（未缓存）："
        + verdict(ok_all)
    )
    lines += exports

    # 4. Cached pages at least 70% of the trivial view, p99 under 20 ms, at 16 clients.
    checked, missed, missed_cpu, items = 0, 0, 0, []
    for size in results.sizes:
        for path in results.paths(size, "cached"):
            s = results.summary(size, "cached", path)
            checked += 1
            problems = []
            if s["trivial"] is None or s["trivial"] < CACHED_OF_TRIVIAL:
                gap = (CACHED_OF_TRIVIAL - (s["trivial"] or 0)) * 100
                problems.append(
                    f"req/s 为简单视图的 {percent(s['trivial'])}（差 {gap:.0f} 个百分点）"
                )
            if s["p99"] is None or s["p99"] >= CACHED_P99_MS:
                problems.append(f"p99 {number(s['p99'])} ms")
            cpu_low = s["cpu_trivial"] is None or s["cpu_trivial"] < CACHED_OF_TRIVIAL
            missed_cpu += cpu_low or s["p99"] is None or s["p99"] >= CACHED_P99_MS
            if problems:
                missed += 1
                items.append(
                    f"   - `{path}`，{results.bases[size]:,} 个基地：{'；'.join(problems)}"
                    f"；按 CPU 为简单视图的 {percent(s['cpu_trivial'])}"
                )
    lines.append(
        f"4. **缓存的页面 ≥ 简单视图的 {percent(CACHED_OF_TRIVIAL)}，且 p99 < {CACHED_P99_MS} ms"
        f"（{results.data['connections']} 个连接）**：{verdict(not missed)}"
        f"（{checked - missed}/{checked} 项达到；CPU 比加 p99 {checked - missed_cpu}/{checked} 项）"
    )
    lines += items

    # 5. The load round has no errors.
    load = results.data.get("load")
    if load:
        errors = load["non_2xx_3xx"] + sum(load["socket_errors"].values())
        lines.append(
            f"5. **负载下零错误**：{verdict(errors == 0 and not load['publish_errors'])}"
            f"（{errors} 个错误，发布失败 {len(load['publish_errors'])} 次）"
        )
    else:
        lines.append("5. **负载下零错误**：未测（这次运行没有到负载一轮）")
    return lines


def load_section(results):
    load = results.data.get("load")
    if not load:
        return []
    errors = load["non_2xx_3xx"] + sum(load["socket_errors"].values())
    sockets = load["socket_errors"]
    return [
        f"开始时的负载：`{load.get('uptime', '–')}`。",
        "",
        f"{results.data['load_connections']} 个客户端、{results.data['load_seconds']} 秒，"
        f"{load['bases']:,} 个基地，页面缓存开，在 {len(load['paths'])} 个公开页面之间轮流请求；"
        f"同时每 2 秒发布一条新闻（ORM，与服务器相同的配置，所以每次发布都使全部缓存页面失效）。",
        "",
        "| req/s | p50 ms | p99 ms | CPU ms/请求 | 非 2xx/3xx | 套接字错误（连接/读/写/超时） | 发布 | 发布失败 | 最慢一次发布 |",
        "|---:|---:|---:|---:|---:|---|---:|---:|---:|",
        f"| {load['rps']:,.0f} | {load['p50_ms']:.1f} | {load['p99_ms']:.1f} | {load['cpu_ms']:.2f} "
        f"| {load['non_2xx_3xx']} | {sockets['connect']}/{sockets['read']}/{sockets['write']}/"
        f"{sockets['timeout']} | {load['published']} 条 | {len(load['publish_errors'])} "
        f"| {load['publish_max_seconds']:.2f} s |",
        "",
        f"错误合计 {errors}。负载结束后，最后发布的一条"
        + ("出现在 `/news/` 上。" if load["last_item_on_news"] else "**没有**出现在 `/news/` 上。"),
    ]


def two_servers_section(results):
    check = results.data.get("two_servers")
    if not check:
        return []
    cache = "Redis" if check["cache"] == "redis" else "同一个文件缓存目录"
    lines = [
        f"两个 gunicorn（各 2 个 worker，不同端口）共用这个数据库和{cache}。先让两者都从缓存提供 `/` 和 "
        f"`/news/`（`X-Page-Cache: hit`），再用第一个服务器的配置发布一条新闻「{check['item']['title']}」"
        "（ORM），然后立即读另一个服务器：",
        "",
        "| 服务器 | 网址 | 状态 | X-Page-Cache | 显示新条目 |",
        "|---|---|---:|---|---|",
    ]
    for s in check["seen"]:
        shown = "–" if s.get("before") else ("是" if s["shows_item"] else "**否**")
        lines.append(
            f"| {s['server']} | `{s['path']}` | {s['status']} | {s['cache'] or '–'} | {shown} |"
        )
    lines += ["", f"结果：**{'通过' if check['ok'] else '失败'}**。"]
    return lines


def machine():
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f"，内存 {kb / 1024 / 1024:.0f} GiB"
    return f"{os.cpu_count()} 个 CPU 核心（{model}）{memory}，{platform.platform()}，Python {sys.version.split()[0]}"


def section(data):
    results = Results(data)
    lines = [
        f"## {data['title']}",
        "",
        f"运行于 {data['started']} – {data['finished'] or '（未完成）'}，提交 `{data['commit']}`；"
        f"每项 `wrk -t2 -c{data['connections']} -d{data['seconds']}s --latency`，{data['rounds']} 轮。",
        "",
        "每轮开始时的机器负载（`uptime`）：",
        "",
    ]
    lines += [
        f"- {results.bases.get(u['size'], 0):,} 个基地 · 第 {u['round']} 轮：`{u['uptime']}`"
        for u in data["uptime"]
    ]
    lines += ["", "### 摘要", ""]
    lines += [
        "公开页面（"
        + f"{len(results.paths(results.sizes[0], 'uncached'))} 个）对参照的比值：中位数（最低 – 最高）。",
        "",
    ]
    lines += overview(results)
    lines += ["", "### 结果", ""]
    lines += table(results)
    lines += ["", "### 性能目标（第 16 号问题）", ""]
    lines += targets(results)
    if data.get("load"):
        lines += ["", "### 负载", ""]
        lines += load_section(results)
    if data.get("two_servers"):
        lines += ["", "### 两个服务器", ""]
        lines += two_servers_section(results)
    return lines


HEADER = """# 基准测试结果

由 `make bench`（`bench/run.py`）生成，`bench/report.py` 可以从 `var/bench/results-*.json` 重写本文件。
方法：

- 服务器：gunicorn，2 个同步 worker，`127.0.0.1`，生产配置（`portal.settings.production`）加上基准测试的两个参照
  网址（`portal.settings.bench`）。请求带 `X-Forwarded-Proto: https`，就像在终结 TLS 的反向代理之后，所以生产配置的
  HTTPS 跳转不会把每个请求变成 301。同步 worker 每个响应后关闭连接，wrk 每个请求都重新连接。
- 两个参照（只在基准测试的服务器和数据库中）：`/bench/trivial/` 是经过门户全部中间件的最简单的 Django 视图；
  `/bench/` 是一个约 2 KB 中文正文的普通页面（`StandardPage`，门户的页头页脚），由 `load_bench_content` 只在基准测试数据库中建立。
  两者都在页面缓存关闭的服务器上测；“对比”一栏是同一轮中本行的 req/s 与参照的 req/s 之比的中位数。
- “缓存关”是 `PAGE_CACHE=off` 的服务器，“缓存开”是另一个页面缓存打开、每次测之前确认已命中（`X-Page-Cache: hit`）的服务器；
  两者同时运行，每轮按网址交替测，所以同一轮中的负载相同。
- req/s、p50、p99、CPU 都是各轮的中位数。CPU ms/请求 = 测量期间 gunicorn 主进程和 worker 的 CPU 时间
  （`/proc/<pid>/stat` 的 utime + stime）之差 ÷ 请求数；wrk 自己的 CPU 不计在内，但它和服务器共用这两个核心。
- wrk 的超时设为 10 秒：更慢的响应算作套接字错误（timeout）。
- 这台机器由几个人共用，负载见每轮开始时的 `uptime`；绝对数字只在同一台机器、同一次运行中可比，比值更可靠。
"""


def write():
    found = sorted(VAR.glob("results-*.json"), key=lambda p: 0 if "sqlite" in p.name else 1)
    lines = [HEADER.rstrip(), "", f"机器：{machine()}。", ""]
    for path in found:
        lines += section(json.loads(path.read_text("utf-8")))
        lines.append("")
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    return RESULTS


if __name__ == "__main__":
    print(write())
