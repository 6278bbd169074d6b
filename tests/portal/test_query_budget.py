"""What a public page costs an anonymous reader when nothing is cached (issue 16): at most
BUDGET SQL queries each, and for the pages that list or count bases, the same number however
many bases there are.

Every measured request starts with every cache empty (Wagtail's site root paths included).
ContentType ids stay remembered, as in every worker after its first request, so each page is
requested once before it is measured."""

import datetime

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction

from bases.models import (
    Base,
    BaseAchievement,
    BaseChange,
    BaseContact,
    BaseImage,
    BaseType,
    ChangeKind,
    CooperationField,
    Country,
    LeagueCity,
    PartnerInstitution,
)
from news.models import NewsPage
from portal.models import StandardPage
from tests.factories import (
    ImageFactory,
    NewsPageFactory,
    PolicyPageFactory,
    make_base,
    make_summary,
    publish_child,
)
from tests.factories.rewards import NationalRecommendationFactory, PostSubsidyAwardFactory

pytestmark = pytest.mark.django_db

BUDGET = 15


def clear_caches():
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def measure(client, django_assert_max_num_queries):
    """measure(url) → the queries of an anonymous request with every cache empty, asserting
    that they are at most BUDGET and that the page answers 200."""

    def measure(url):
        assert client.get(url).status_code == 200  # ContentType ids, once per process
        clear_caches()
        with django_assert_max_num_queries(BUDGET) as counted:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(counted.captured_queries)

    return measure


@pytest.fixture
def news(site_tree):
    for number in range(8):
        NewsPageFactory(parent=site_tree.news_index, number=number, tags=["合作", f"标签{number}"])
    return site_tree.news_index


LEAGUES = ["包头市", "赤峰市", "呼和浩特市"]
COUNTRIES = ["RU", "MN", "DE", "KR"]


def add_bases(count, start=0):
    """``count`` more bases of every type, league/city and several years, each with two
    fields and two partner countries; all of them match a search for 稀土."""
    for number in range(start, start + count):
        make_base(
            LEAGUES[number % len(LEAGUES)],
            list(BaseType)[number % len(BaseType)],
            datetime.date(2019 + number % 6, 1 + number % 12, 1),
            fields=["稀土新材料", f"合作领域{number}"],
            countries=["JP", COUNTRIES[number % len(COUNTRIES)]],
            name=f"稀土合作基地{number}",
        )


# Every page routed by portal.routing starts with the same two queries: the sites (with their
# root paths and the footer settings), then the page and its ancestors in their own classes.
ROUTING = 2
# An editorial page then asks for its translations, for the language switcher and hreflang
# (portal.i18n); a routable page's sub-address (a profile, the statistics) does not.
SWITCHER = 1


def test_home_page(measure, news):
    # The latest policies, the news index, the latest notices and their tags, the latest other
    # news and their tags, and the latest answers of 互动交流.
    assert measure("/") == ROUTING + SWITCHER + 8


def test_the_measures(measure, site_tree):
    # Its published interpretations (an original document to download would be one more).
    assert measure("/policy/measures/") == ROUTING + SWITCHER + 1


def test_news_index(measure, news):
    # The count, the page of news, their tags.
    assert measure("/news/") == ROUTING + SWITCHER + 3


def test_a_news_item_three_levels_down(measure, news):
    # Its related bases, its attachments, its tags, and the items before and after it.
    assert measure(NewsPage.objects.live().first().url) == ROUTING + SWITCHER + 5


def test_routing_in_two_queries_still_keeps_private_sections_private(
    client, site_tree, django_assert_num_queries
):
    """The lean routing answers Wagtail's view-restriction check itself only when no
    restriction applies; a restricted section still asks for a login or a password."""
    members = publish_child(site_tree.home, StandardPage(title="内部资料", slug="internal"))
    notice = publish_child(members, StandardPage(title="内部通知", slug="notice"))
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    clear_caches()
    response = client.get(notice.url)
    assert response.status_code == 302 and "/_util/login/" in response["Location"]

    locked = NewsPageFactory(parent=site_tree.news_index, title="需要密码的新闻")
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    clear_caches()
    html = client.get(locked.url).content.decode()
    assert 'name="password"' in html
    # Private pages stay out of the listings, whose privacy filter is now a subquery.
    assert "需要密码的新闻" not in client.get("/news/").content.decode()
    assert "需要密码的新闻" not in client.get("/").content.decode()
    # A public page of the same depth costs two queries before its own: the site, its pages;
    # and its translations.
    public = publish_child(site_tree.home, StandardPage(title="公开页面", slug="open"))
    client.get(public.url)
    clear_caches()
    with django_assert_num_queries(ROUTING + SWITCHER):
        assert client.get(public.url).status_code == 200
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/open/no-such-child/").status_code == 404


def test_the_directory_costs_the_same_for_three_times_the_bases(measure, site_tree):
    add_bases(4)
    league = LeagueCity.objects.get(name="包头市").pk
    field = CooperationField.objects.get(name="稀土新材料").pk
    filtered = f"/bases/?league={league}&field={field}&country=JP&year=2019&sort=newest"
    # Three for the facets and the number of results, the page of bases, and their fields'
    # and countries' names.
    assert measure("/bases/") == ROUTING + SWITCHER + 5
    assert measure(filtered) == ROUTING + SWITCHER + 5
    assert measure("/bases/?q=稀土") == ROUTING + SWITCHER + 6  # and the keyword's search
    add_bases(8, start=4)
    assert measure("/bases/") == ROUTING + SWITCHER + 5
    assert measure(filtered) == ROUTING + SWITCHER + 5
    assert measure("/bases/?q=稀土") == ROUTING + SWITCHER + 6


def test_a_profile_with_everything_a_profile_shows(client, measure, site_tree):
    base = make_base(
        "包头市", fields=["稀土新材料", "新能源"], countries=["JP", "DE"], name="包头稀土基地"
    )
    for number in range(3):
        PartnerInstitution.objects.create(
            base=base, name=f"合作大学{number}", country=Country.objects.get(code="JP")
        )
        BaseAchievement.objects.create(base=base, year=2024, title=f"成果{number}")
        BaseContact.objects.create(base=base, office=f"办公室{number}", phone="0472-0000000")
        BaseImage.objects.create(base=base, image=ImageFactory(title=f"图片{number}"))
        BaseChange.objects.create(
            base=base,
            kind=ChangeKind.BASE_HEAD,
            changed_on=datetime.date(2025, 1, 1 + number),
            summary=f"基地负责人变更{number}",
        )
        PostSubsidyAwardFactory(base=base, year=2023 + number)
        NationalRecommendationFactory(base=base, year=2023 + number)
        make_summary(base, 2023 + number, projects=["JP"], agreements=["DE"])
        news = NewsPageFactory(parent=site_tree.news_index, title=f"基地新闻{number}")
        news.related_bases.add(base)
    # The base with its host, league/city and department; its foreign partners, achievements,
    # contacts, images and their renditions, status history, public awards, public
    # recommendations, change record, fields' and countries' names, filed figures and news.
    assert measure(f"/bases/{base.pk}/") == ROUTING + 13
    html = client.get(f"/bases/{base.pk}/").content.decode()
    assert "稀土新材料" in html and "新能源" in html and "德国、日本" in html
    assert html.count("合作大学") == 3 and html.count("<figure") == 3


def add_records(bases):
    """A filed summary, a public award and a public recommendation for each of ``bases``."""
    for base in bases:
        make_summary(base, 2024, projects=["JP"], agreements=["DE"], papers=2)
        PostSubsidyAwardFactory(base=base, year=2024)
        NationalRecommendationFactory(base=base, year=2024)


def test_the_statistics_cost_the_same_for_three_times_the_bases(measure, site_tree):
    add_bases(4)
    add_records(Base.objects.all())
    # The bases by league/city, type and year; the top partner countries; the filed
    # summaries' projects, agreements and figures; the public awards and recommendations.
    assert measure("/bases/stats/") == ROUTING + 7
    add_bases(8, start=4)
    add_records(Base.objects.filter(annual_reports__isnull=True))
    assert measure("/bases/stats/") == ROUTING + 7


def test_the_search_costs_the_same_for_three_times_the_bases(client, measure, site_tree):
    PolicyPageFactory(parent=site_tree.policy_index, title="稀土产业支持政策")
    NewsPageFactory(parent=site_tree.news_index, title="稀土合作新闻")
    add_bases(4)
    # The site, the directory, every page hit, the bases' count, a page of bases, their
    # fields' and countries' names and their foreign partners, and the count of 互动交流's
    # published answers.
    assert measure("/search/?q=稀土") == 8
    html = client.get("/search/?q=稀土").content.decode()
    assert "稀土产业支持政策" in html and "稀土合作新闻" in html
    # Now the bases fill the first page and push the news to the second: the same queries.
    add_bases(8, start=4)
    assert measure("/search/?q=稀土") == 8
    assert "稀土合作新闻" not in client.get("/search/?q=稀土").content.decode()
    assert measure("/search/?q=稀土&page=2") == 8
    assert "稀土合作新闻" in client.get("/search/?q=稀土&page=2").content.decode()


def test_english_pages_cost_what_the_chinese_ones_do(measure, site_tree):
    """The English edition's pages, translated or shown in Chinese with a note, are routed
    by the same queries; a fallback costs one more (the English section that is not there)."""
    from portal.english_edition import translate, translate_measures

    translate(site_tree.home, title="Home")
    translate(site_tree.policy_index, title="Policies")
    translate_measures(site_tree.measures)
    translate(site_tree.news_index, title="News")
    for number in range(3):
        translate(NewsPageFactory(parent=site_tree.news_index, slug=f"n{number}"), title="N")
    NewsPageFactory(parent=site_tree.news_index, slug="only-chinese")
    # Like the Chinese pages: the home page lists no 互动交流 answers in English (Chinese only).
    assert measure("/en/") == ROUTING + SWITCHER + 6
    assert measure("/en/policy/measures/") == ROUTING + 1  # translations at the same path
    assert measure("/en/news/") == ROUTING + 1 + 3  # and the Chinese news index, for its link
    assert measure("/en/news/n0/") == ROUTING + 5
    # Not at /en/news/: Wagtail's own look for the child, then the Chinese page's translations.
    assert measure("/en/news/only-chinese/") == ROUTING + 1 + SWITCHER + 5
    assert measure("/en/search/?q=cooperation") == 4
