"""Builders for test content. They go through the same code paths editors and commands use."""

import datetime
from dataclasses import dataclass
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from bases.models import BaseIndexPage
from news.models import NewsIndexPage
from portal.models import HomePage, PolicyIndexPage, PolicyPage, PolicyStatus, StandardPage


@dataclass
class SiteTree:
    home: HomePage
    policy_index: PolicyIndexPage
    measures: PolicyPage
    news_index: NewsIndexPage


def tree_root():
    """The tree root that Wagtail's migrations create. Transactional tests flush it away, so
    recreate it (and the default locale) when it is gone."""
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def ensure_roles():
    """The role groups and the news workflow that migrations create. Transactional tests
    flush them away with everything else, so recreate them when they are gone."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from alliance.permissions import SECRETARIAT, create_secretariat_role
    from bases.review.roles import (
        DEPARTMENT_STAFF,
        LEADERSHIP,
        create_application_roles,
        create_review_roles,
        grant_step_permissions,
    )
    from bases.review.workflows import create_review_workflows
    from news.editorial import NEWS_REVIEWERS, create_news_roles

    if not Group.objects.filter(name=NEWS_REVIEWERS).exists():
        create_news_roles(apps)
    if not Group.objects.filter(name=SECRETARIAT).exists():
        create_secretariat_role(apps)
    if not Group.objects.filter(name=DEPARTMENT_STAFF).exists():
        create_application_roles(apps)
    if not Group.objects.filter(name=LEADERSHIP).exists():
        create_review_roles(apps)
        grant_step_permissions(apps)
    ensure_reference_data()
    create_review_workflows(apps)


def ensure_reference_data():
    """Leagues, countries and recommending departments, loaded by migration bases/0002."""
    import importlib

    from django.apps import apps

    from bases.models import LeagueCity

    if not LeagueCity.objects.exists():
        importlib.import_module("bases.migrations.0002_reference_data").load(apps, None)


def build_home():
    ensure_roles()
    root = tree_root()
    for welcome in root.get_children().exact_type(Page):
        welcome.delete()
    home = HomePage(title="首页", slug="home", hero_intro="国合基地门户测试首页")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="国合基地门户",
    )
    return home


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site():
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


def make_policy(policy_index, number, **fields):
    fields.setdefault("title", f"测试政策文件{number}")
    fields.setdefault("slug", f"policy-{number}")
    fields.setdefault("issue_date", datetime.date(2020, 1, 1) + datetime.timedelta(days=number))
    fields.setdefault("status", PolicyStatus.CURRENT)
    return publish_child(policy_index, PolicyPage(**fields))


def make_user(username, *group_names):
    """A user in the named role groups, e.g. make_user("staff", "科技厅工作人员")."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    ensure_roles()
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pass-1234")
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user
