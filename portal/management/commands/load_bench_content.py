"""Top the demo site up for bench/run.py: generated bases up to a total, and the plain page
that serves as the bench's Wagtail reference. Only for a bench database, after
`load_demo_content`; like it, it refuses to run outside development."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.html import escape

from bases.demo.registry import generate_bases
from bases.models import Base
from portal.models import HomePage, StandardPage
from portal.sqlite import analyze

BENCH_PAGE_SLUG = "bench"
# About 2 KB of Chinese: the opening articles of the Measures the portal publishes.
BENCH_PAGE_BYTES = 2048


def bench_page_body():
    paragraphs = []
    text = settings.MEASURES_TEXT_PATH.read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip().startswith("第") and "条" in line[:6]:
            paragraphs.append(f"<p>{escape(line.strip())}</p>")
        if len("".join(paragraphs).encode()) >= BENCH_PAGE_BYTES:
            break
    return "".join(paragraphs)


class Command(BaseCommand):
    help = (
        "基准测试数据（只用于基准测试数据库）：把基地总数补足到 N 个，"
        "并建立作为参照的普通页面 /bench/。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bases", type=int, default=0, metavar="N", help="基地总数（已有的不删除）"
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or getattr(settings, "DEMO_CONTENT_ALLOWED", False)):
            raise CommandError("基准测试数据只能在开发环境中加载。")
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("请先运行 load_demo_content。")
        with transaction.atomic():
            added = generate_bases(max(0, options["bases"] - Base.objects.count()))
            page = StandardPage.objects.child_of(home).filter(slug=BENCH_PAGE_SLUG).first()
            if page is None:
                page = StandardPage(
                    title="基准测试参照页面",
                    slug=BENCH_PAGE_SLUG,
                    intro="只用于性能基准测试的普通页面。",
                    body=bench_page_body(),
                )
                home.add_child(instance=page)
                page.save_revision().publish()
        # The planner's statistics for the topped-up tables, as load_demo_content gives its own.
        analyze()
        total = Base.objects.count()
        self.stdout.write(f"基地：{total} 个（新生成 {added} 个）；参照页面：{page.url}")
