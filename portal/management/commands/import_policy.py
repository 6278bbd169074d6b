"""Import a plain-text policy file into a PolicyPage, creating it or updating it in place."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, Site

from portal.models import PolicyIndexPage, PolicyPage, PolicyStatus
from portal.policy_text import PolicyParseError, parse_policy_text

STATUS_BY_NAME = {value: value for value in PolicyStatus.values} | {
    str(label): value for value, label in PolicyStatus.choices
}


def find_page_by_path(path):
    """The page that serves ``path`` (e.g. ``/policy/``) on the default site."""
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        raise CommandError("没有默认站点：请先运行 migrate 并设置站点。")
    url_path = site.root_page.url_path + path.strip("/") + ("/" if path.strip("/") else "")
    page = Page.objects.filter(url_path=url_path).first()
    if page is None:
        raise CommandError(f"找不到路径为 {path} 的页面。")
    return page.specific


def parse_date(value, option):
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{option} 须为 YYYY-MM-DD 格式的日期，收到：{value}") from exc


class Command(BaseCommand):
    help = "把纯文本政策文件导入为政策文件页面；再次运行会更新同一页面，不会重复创建。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="UTF-8 纯文本文件")
        parser.add_argument("--parent", default="/policy/", help="政策文件库的路径，默认 /policy/")
        parser.add_argument("--title", help="页面标题，默认取文件开头的标题行")
        parser.add_argument("--slug", help="页面网址名，例如 measures")
        parser.add_argument("--status", help="效力状态：现行有效 / 试行 / 已废止")
        parser.add_argument("--authority", help="发布机关")
        parser.add_argument("--document-number", help="文号")
        parser.add_argument("--issue-date", help="发布日期 YYYY-MM-DD")
        parser.add_argument("--effective-date", help="施行日期 YYYY-MM-DD")
        parser.add_argument("--no-publish", action="store_true", help="只保存草稿，不发布")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{path}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} 不是 UTF-8 编码的文本文件。") from exc
        try:
            document = parse_policy_text(text)
        except PolicyParseError as exc:
            raise CommandError(f"{path}：{exc}") from exc

        parent = find_page_by_path(options["parent"])
        if not isinstance(parent, PolicyIndexPage):
            raise CommandError(f"{options['parent']} 不是政策文件库页面。")

        title = options["title"] or document.title
        if not title:
            raise CommandError("文件开头没有标题行，请用 --title 指定标题。")
        status = None
        if options["status"]:
            status = STATUS_BY_NAME.get(options["status"])
            if status is None:
                raise CommandError(f"未知的效力状态：{options['status']}")
        issue_date = parse_date(options["issue_date"], "--issue-date")
        effective_date = parse_date(options["effective_date"], "--effective-date")

        with transaction.atomic():
            page, created = self.find_or_build(parent, title, options["slug"], path)
            before = None if created else self.snapshot(page)

            page.title = title
            if status:
                page.status = status
            elif created and "试行" in title:
                page.status = PolicyStatus.TRIAL
            if options["authority"]:
                page.issuing_authority = options["authority"]
            if options["document_number"] is not None:
                page.document_number = options["document_number"]
            if issue_date:
                page.issue_date = issue_date
            if effective_date:
                page.effective_date = effective_date
            page.set_body_from_document(document)

            if created:
                page.live = False  # Live only once the revision below is published.
                parent.add_child(instance=page)
            elif before == self.snapshot(page):
                self.stdout.write(f"未变化：{page.title}（{page.url_path}）")
                return

            revision = page.save_revision(log_action=True)
            if not options["no_publish"]:
                revision.publish()

        articles = len(document.all_articles)
        verb = "已创建" if created else "已更新"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}：{page.title}，{len(document.chapters)} 章 {articles} 条"
                f"{'（草稿）' if options['no_publish'] else ''}"
            )
        )

    @staticmethod
    def snapshot(page):
        """What an import can change, to tell a no-op re-run from a real update."""
        return (
            page.title,
            page.status,
            page.issuing_authority,
            page.document_number,
            page.issue_date,
            page.effective_date,
            page.get_search_plain_text(),
        )

    @staticmethod
    def find_or_build(parent, title, slug, path):
        children = PolicyPage.objects.child_of(parent)
        existing = (
            children.filter(slug=slug).first() if slug else children.filter(title=title).first()
        )
        if existing:
            return existing.get_latest_revision_as_object(), False
        slug = slug or slugify(path.stem) or "policy"
        return PolicyPage(title=title, slug=slug), True
