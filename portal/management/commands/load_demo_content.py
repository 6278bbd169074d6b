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
from news.demo import load_demo_interpretations, load_demo_news
from news.editorial import NEWS_EDITORS, NEWS_REVIEWERS
from news.models import NewsIndexPage
from portal.english_demo import load_demo_english
from portal.interaction.demo import load_demo_interaction
from portal.models import (
    HomePage,
    PolicyIndexPage,
    PolicyPage,
    SiteFooterSettings,
    StandardPage,
)
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

CONTACT_BODY = (
    "<h2>国合基地认定与管理</h2>"
    "<p>内蒙古自治区科学技术厅 对外合作与交流处（演示）</p>"
    "<p>联系电话：0471-0000000（演示）　电子邮箱：guohe@example.org</p>"
    "<p>办公时间：工作日 上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）。</p>"
    "<h2>网上申报技术支持</h2>"
    "<p>申报系统使用中遇到问题，请发送邮件至 guohe@example.org，写明申报单位和问题截图。</p>"
    "<h2>来信来访</h2>"
    "<p>关于申报和政策的咨询，也可以通过本站的「互动交流」提出，答复后在网站公开（不公开您的联系方式）。</p>"
)
PRIVACY_BODY = (
    "<p>本网站由内蒙古自治区科学技术厅主办。我们重视您的个人信息保护，依照《中华人民共和国个人信息保护法》"
    "处理您的信息。本声明说明本网站收集哪些信息、用于什么目的以及您的权利。</p>"
    "<h2>我们收集的信息</h2>"
    "<ul><li>浏览本网站的公开页面无需注册，我们不收集您的个人信息，也不使用任何第三方统计或广告服务。</li>"
    "<li>申报单位注册账户时填写的单位名称、联系人姓名、电子邮箱和电话，只用于国合基地的申报、审核和管理。</li>"
    "<li>申报材料和年度报告只有您本单位、推荐部门、评审专家和科技厅工作人员按职责查看，不对外公开；"
    "认定后按《管理办法》公开的只有基地名称、依托单位、合作领域等名录信息。</li>"
    "<li>在「互动交流」提问时填写的电子邮箱只用于通知您答复情况，任何时候都不在网站上显示。</li></ul>"
    "<h2>Cookie</h2>"
    "<p>本网站只使用运行所必需的 Cookie：登录状态（sessionid）、表单防伪（csrftoken）"
    "和您选择的长者模式（portal_elder）。不使用跟踪类 Cookie。</p>"
    "<h2>存储与安全</h2>"
    "<p>信息存储在中华人民共和国境内的服务器上，不向境外提供。我们采用访问控制、登录保护和传输加密等措施保护信息安全，"
    "按档案管理规定的期限保存申报和审核记录。</p>"
    "<h2>您的权利</h2>"
    "<p>您可以登录申报账户查看和更正单位信息；需要查询、复制或删除个人信息的，请通过「联系我们」中的方式与我们联系，"
    "我们将在十五个工作日内答复。</p>"
)


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
            self.footer_pages(home)
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
        measures = self.measures(policy_index)
        # 政策解读 that cite the Measures' articles, published with them.
        load_demo_interpretations(NewsIndexPage.objects.child_of(home).get(slug="news"), measures)
        self.stdout.write("正在加载英文版（首页、政策文件、《管理办法》英译本、各栏目）……")
        with transaction.atomic():
            load_demo_english(home)
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
            self.stdout.write("正在加载互动交流的提问和答复……")
            load_demo_interaction()
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

    def footer_pages(self, home):
        """联系我们 and 隐私声明, linked from the footer of every page."""
        footer = SiteFooterSettings.for_site(Site.objects.get(root_page=home))
        contact = self.child(
            home,
            StandardPage,
            slug="contact",
            title="联系我们",
            intro="国合基地认定、管理和本网站的联系方式。",
            body=CONTACT_BODY,
        )
        privacy = self.child(
            home,
            StandardPage,
            slug="privacy",
            title="隐私声明",
            intro="本网站如何收集、使用和保护您的个人信息。",
            body=PRIVACY_BODY,
        )
        if footer.contact_page_id is None or footer.privacy_page_id is None:
            footer.contact_page, footer.privacy_page = contact, privacy
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
        return measures

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
