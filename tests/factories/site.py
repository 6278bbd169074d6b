"""The page tree: home, sections, the policy library and the Measures, built and published
through the same code paths editors and commands use."""

import datetime
from dataclasses import dataclass
from io import StringIO

import factory
import wagtail_factories
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from bases.models import BaseIndexPage
from news.models import NewsIndexPage
from portal.models import HomePage, PolicyIndexPage, PolicyPage, PolicyStatus, StandardPage
from tests.factories.migrated import ensure_migrated_data


@dataclass
class SiteTree:
    home: HomePage
    policy_index: PolicyIndexPage
    measures: PolicyPage
    news_index: NewsIndexPage


def publish(page):
    """Publish ``page`` from a revision, as the editor's publish button does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def publish_child(parent, page):
    parent.add_child(instance=page)
    return publish(page)


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and published once its post-generation steps (tags...)
    have run, so that its revision holds them."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            publish(instance)


class HomePageFactory(PublishedPageFactory):
    class Meta:
        model = HomePage

    title = "首页"
    slug = "home"
    hero_intro = "国合基地门户测试首页"


class PolicyPageFactory(PublishedPageFactory):
    """Policy document ``number``, in force, issued ``number`` days into 2020."""

    class Meta:
        model = PolicyPage

    class Params:
        number = factory.Sequence(int)

    title = factory.LazyAttribute(lambda page: f"测试政策文件{page.number}")
    slug = factory.LazyAttribute(lambda page: f"policy-{page.number}")
    issue_date = factory.LazyAttribute(
        lambda page: datetime.date(2020, 1, 1) + datetime.timedelta(days=page.number)
    )
    status = PolicyStatus.CURRENT


def tree_root():
    """The tree root that Wagtail's migrations create. Transactional tests flush it away, so
    recreate it (and the default locale) when it is gone."""
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def build_home():
    """A published home page, the root of the only site, in place of Wagtail's welcome page."""
    ensure_migrated_data()
    root = tree_root()
    for welcome in root.get_children().exact_type(Page):
        welcome.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    wagtail_factories.SiteFactory(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="国合基地门户",
    )
    return home


def build_site():
    """The public site as the demo builds it: home, sections, policy library and the Measures,
    imported by the management command."""
    home = build_home()
    policy_index = publish_child(home, PolicyIndexPage(title="政策文件", slug="policy"))
    publish_child(home, BaseIndexPage(title="基地展示", slug="bases"))
    news_index = publish_child(home, NewsIndexPage(title="新闻动态", slug="news"))
    publish_child(home, StandardPage(title="基地联盟", slug="alliance", body="<p>基地联盟</p>"))
    call_command(
        "import_policy",
        str(settings.MEASURES_TEXT_PATH),
        parent="/policy/",
        slug="measures",
        stdout=StringIO(),
    )
    measures = PolicyPage.objects.get(slug="measures")
    return SiteTree(home=home, policy_index=policy_index, measures=measures, news_index=news_index)
