"""Build a believable demo site, idempotently: running it twice changes nothing the second time.

Like bakerydemo's ``load_initial_data`` it builds real objects through the code paths people
use (pages published through revisions, the Measures through ``import_policy``), never rows
poked into tables. Later issues add their sections and demo accounts here.
"""

import os
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from alliance.demo import load_demo_alliance
from alliance.models import AlliancePage
from alliance.permissions import SECRETARIAT
from bases.demo.annual_reports import load_demo_annual_reports
from bases.demo.applications import load_demo_applications
from bases.demo.change_reports import load_demo_change_reports
from bases.demo.oversight import load_demo_oversight
from bases.demo.registry import generate_bases, load_demo_bases
from bases.demo.reviews import load_demo_reviews
from bases.demo.rewards import load_demo_rewards
from bases.models import Base, BaseIndexPage, BaseStatus
from bases.review.announcements import AnnouncementEvent, announce
from news.demo import load_demo_news
from news.editorial import NEWS_EDITORS, NEWS_REVIEWERS
from news.models import NewsIndexPage
from portal.models import HomePage, PolicyIndexPage, PolicyPage, SiteFooterSettings
from portal.sqlite import analyze

HOME_INTRO = (
    "内蒙古自治区国际科技合作基地（国合基地）是经自治区科学技术厅认定的国际科技合作载体，"
    "分为国际创新园、国际技术转移中心和示范型国际科技合作基地三种类型。本门户发布国合基地政策、"
    "展示已认定基地、报道工作动态，并为依托单位提供国合基地认定的在线申报服务。"
)

FOOTER = {
    "department_name": "内蒙古自治区科学技术厅",
    "address": "内蒙古自治区呼和浩特市（演示地址）",
    "postcode": "010000",
    "phone": "0471-0000000（演示）",
    "email": "guohe@example.org",
    "icp_number": "蒙ICP备00000000号-1（演示）",
    "public_security_number": "蒙公网安备 15000000000000号（演示）",
    "site_code": "",
}


DEMO_ACCOUNTS = [
    # (username, role shown to the developer, groups, superuser)
    ("admin", "系统管理员（全部权限）", [], True),
    ("news_editor", "新闻编辑：撰写新闻并提交审核", [NEWS_EDITORS], False),
    ("news_reviewer", "新闻审核：审核并发布新闻", [NEWS_REVIEWERS], False),
    ("secretariat", "联盟秘书处：编辑联盟栏目、审核资源共享信息", [SECRETARIAT], False),
]


class Command(BaseCommand):
    help = "加载演示内容（可重复运行）：首页、政策文件库、《管理办法》、各栏目和演示账号。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--bases",
            type=int,
            default=0,
            metavar="N",
            help="另外生成 N 个基地，用于性能测试",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or getattr(settings, "DEMO_CONTENT_ALLOWED", False)):
            raise CommandError("演示内容含有公开的演示密码，只能在开发环境（DEBUG）中加载。")
        password = os.environ.get("DEMO_PASSWORD") or settings.DEMO_PASSWORD_DEFAULT

        self.stdout.write("正在加载首页、栏目、基地名录和新闻……")
        with transaction.atomic():
            home = self.home_page()
            self.footer(home)
            policy_index = self.child(
                home,
                PolicyIndexPage,
                slug="policy",
                title="政策文件",
                intro="国合基地认定、管理和支持相关的政策文件。",
            )
            # /apply/ is served by the application service; drop the old placeholder page.
            home.get_children().filter(slug="apply").delete()
            self.bases(home)
            self.news(home)
            self.replace_placeholder(home, "alliance", AlliancePage)
            load_demo_alliance(home)
        self.measures(policy_index)
        if options["bases"]:
            self.stdout.write(f"已生成 {generate_bases(options['bases'])} 个测试基地。")
        accounts = self.accounts(password)
        self.stdout.write("正在加载申报通知、申报和审核进度……")
        # The demo reviews trigger the notices real reviews send; nobody should receive them.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            accounts += load_demo_applications(password)
            load_demo_reviews(password)
            self.stdout.write("正在加载基地的年度工作总结……")
            accounts += load_demo_annual_reports(password)
            self.stdout.write("正在加载年度考核、整改和撤销……")
            accounts += load_demo_oversight(password)
            # Art. 16–18: two post-subsidy awards and two national recommendations.
            load_demo_rewards()
            self.stdout.write("正在加载重大变更报告……")
            load_demo_change_reports()
            # Today's run of the daily monitor: the base silent for two years is flagged.
            call_command("annual_report_monitor", stdout=StringIO())
        # The planner's statistics for the rows just written (portal.sqlite).
        analyze()

        self.stdout.write(self.style.SUCCESS("演示内容已就绪。"))
        self.stdout.write(f"演示账号（仅限开发环境，密码均为 {password}）：")
        for username, role in accounts:
            self.stdout.write(f"  {username:<24} {role}")

    def home_page(self):
        home = HomePage.objects.first()
        root = Page.get_first_root_node()
        if home is None:
            # Replace the "Welcome to Wagtail" page that Wagtail's migrations create.
            for welcome in root.get_children().exact_type(Page):
                if not welcome.get_children().exists():
                    welcome.delete()
            home = HomePage(
                title="首页",
                slug="home",
                hero_heading="内蒙古自治区国际科技合作基地",
                hero_intro=HOME_INTRO,
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname, site.port, site.site_name, site.root_page = (
            "localhost",
            80,
            "国合基地门户",
            home,
        )
        site.save()
        return home

    @staticmethod
    def footer(home):
        footer = SiteFooterSettings.for_site(Site.objects.get(root_page=home))
        if not footer.address:
            for field, value in FOOTER.items():
                setattr(footer, field, value)
            footer.save()

    @staticmethod
    def child(parent, model, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    @staticmethod
    def replace_placeholder(home, slug, model):
        existing = home.get_children().filter(slug=slug).first()
        if existing and not isinstance(existing.specific, model):
            existing.delete()  # The "under construction" page of an earlier release.

    def news(self, home):
        self.replace_placeholder(home, "news", NewsIndexPage)
        index = self.child(
            home,
            NewsIndexPage,
            slug="news",
            title="新闻动态",
            intro="科技厅国合基地工作动态、政策解读、基地风采和通知公告。",
        )
        count = load_demo_news(index)
        revoked = Base.objects.filter(status=BaseStatus.REVOKED).first()
        if revoked:
            announce(revoked, AnnouncementEvent.REVOCATION, on=revoked.revocation().changed_on)
        self.stdout.write(f"演示新闻：{count} 条")

    def bases(self, home):
        self.replace_placeholder(home, "bases", BaseIndexPage)
        self.child(
            home,
            BaseIndexPage,
            slug="bases",
            title="基地展示",
            intro="经内蒙古自治区科学技术厅认定的国际科技合作基地名录。",
        )
        count = load_demo_bases()
        self.stdout.write(f"演示基地：{count} 个")

    def measures(self, policy_index):
        document = self.original_file()
        call_command(
            "import_policy",
            str(settings.MEASURES_TEXT_PATH),
            parent="/policy/",
            slug="measures",
            status="试行",
            stdout=self.stdout,
        )
        measures = PolicyPage.objects.child_of(policy_index).get(slug="measures")
        if measures.original_file_id != document.pk:
            measures.original_file = document
            measures.save_revision().publish()

    @staticmethod
    def original_file():
        Document = get_document_model()
        title = "内蒙古自治区国际科技合作基地管理办法（试行）原文"
        document = Document.objects.filter(title=title).first()
        if document is None:
            with open(settings.MEASURES_TEXT_PATH, "rb") as handle:
                document = Document(title=title)
                document.file.save("measures-zh.txt", File(handle), save=False)
                document.save()
        return document

    @staticmethod
    def accounts(password):
        """The demo accounts, one per role; every one gets the demo password on each run."""
        User = get_user_model()
        accounts = []
        for username, role, groups, superuser in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.is_active = True
            user.is_staff = user.is_superuser = superuser
            user.set_password(password)
            user.save()
            user.groups.set(Group.objects.filter(name__in=groups))
            accounts.append((username, role))
        return accounts
