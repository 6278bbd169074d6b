"""The English edition (issue 18): Chinese at /, English at /en/, the language switcher and
hreflang, untranslated pages in Chinese with a note, the Measures' anchors in both languages,
the Chinese-only services, and the catalogues."""

import gettext
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from portal.english_edition import measures_in_english, translate, translate_measures
from tests.english import chinese_left
from tests.factories import NewsPageFactory, make_base

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def english_home(site_tree):
    return translate(
        site_tree.home,
        title="Home",
        hero_heading="Inner Mongolia International S&T Cooperation Bases",
        hero_intro="The bases, their policy and their news.",
    )


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def switcher_links(html):
    """{hreflang: href} of the language switcher's links (the current language is no link)."""
    nav = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
    return {lang: href for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))


# --- Routing and language ---------------------------------------------------------------------


def test_chinese_at_the_root_and_english_under_en(client, english_home):
    chinese = client.get("/")
    assert chinese["Content-Language"] == "zh-hans"
    assert '<html lang="zh-CN"' in html_of(chinese)
    english = client.get("/en/")
    html = html_of(english)
    assert english["Content-Language"] == "en"
    assert '<html lang="en"' in html
    assert "Inner Mongolia International S&amp;T Cooperation Bases" in html
    assert "not been translated" not in html


def test_the_address_alone_decides_the_language(client, english_home):
    """A browser that prefers English still gets Chinese at /, and the page does not vary by
    Accept-Language, so the page cache keeps one copy of it."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="zh-CN"' in html_of(response)
    assert "accept-language" not in response.get("Vary", "").lower()
    # The stored Chinese page is not what /en/ gets, nor the other way round.
    assert '<html lang="en"' in html_of(client.get("/en/"))
    assert '<html lang="zh-CN"' in html_of(client.get("/"))


def test_an_untranslated_page_is_shown_in_chinese_with_a_note(client, site_tree, english_home):
    news = NewsPageFactory(parent=site_tree.news_index, title="只有中文的新闻", slug="only-zh")
    html = html_of(client.get("/en/news/only-zh/"))
    assert '<title lang="zh-CN">只有中文的新闻 - ' in html
    assert "This page has not been translated into English yet" in html
    assert '<main id="main-content" tabindex="-1" class="site-main" lang="zh-CN">' in html
    # Its only real address is the Chinese one: no hreflang claims an English version.
    assert hreflangs(html) == {
        "zh-Hans": f"http://testserver{news.url}",
        "x-default": f"http://testserver{news.url}",
    }
    assert switcher_links(html) == {"zh-Hans": news.url}
    assert chinese_left(html) == []
    # An address that is not a page in either language is still a 404, in English.
    missing = client.get("/en/news/no-such-item/")
    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode()


def test_without_an_english_home_page_english_addresses_fall_back(client, site_tree):
    html = html_of(client.get("/en/policy/measures/"))
    assert "not been translated" in html
    assert 'id="art-20"' in html and "第二十条" in html  # the Chinese text, labelled in Chinese
    assert '<html lang="en"' in html and "Skip to main content" in html


# --- The switcher and hreflang ----------------------------------------------------------------


def test_switcher_and_hreflang_lead_to_the_translation(client, site_tree, english_home):
    news = NewsPageFactory(parent=site_tree.news_index, title="合作会议", slug="meeting")
    translate(site_tree.news_index, title="News")
    english = translate(news, title="A cooperation meeting")
    assert english.url == "/en/news/meeting/"

    chinese_html = html_of(client.get(news.url))
    assert switcher_links(chinese_html) == {"en": "/en/news/meeting/"}
    assert hreflangs(chinese_html) == {
        "zh-Hans": "http://testserver/news/meeting/",
        "x-default": "http://testserver/news/meeting/",
        "en": "http://testserver/en/news/meeting/",
    }
    english_html = html_of(client.get("/en/news/meeting/"))
    assert "A cooperation meeting" in english_html
    assert switcher_links(english_html) == {"zh-Hans": "/news/meeting/"}
    assert hreflangs(english_html) == hreflangs(chinese_html)
    # The current language is named, not linked.
    assert '<span aria-current="true" lang="en">English</span>' in english_html


def test_a_translation_with_another_slug_is_still_found(client, site_tree, english_home):
    news = NewsPageFactory(parent=site_tree.news_index, title="改名的新闻", slug="renamed")
    translate(site_tree.news_index, title="News")
    translate(news, title="Renamed", slug="renamed-in-english")
    assert switcher_links(html_of(client.get(news.url))) == {"en": "/en/news/renamed-in-english/"}


def test_switcher_keeps_the_query_string_of_a_filtered_listing(client, english_home):
    html = html_of(client.get("/policy/?status=trial"))
    assert switcher_links(html) == {"en": "/en/policy/?status=trial"}


def test_views_that_are_not_pages_switch_too(client, english_home):
    html = html_of(client.get("/search/?q=%E7%A8%80%E5%9C%9F"))
    assert switcher_links(html) == {"en": "/en/search/?q=%E7%A8%80%E5%9C%9F"}
    english = html_of(client.get("/en/sitemap/"))
    assert switcher_links(english) == {"zh-Hans": "/sitemap/"}
    assert set(hreflangs(english)) == {"zh-Hans", "x-default", "en"}


# --- The Measures in English ------------------------------------------------------------------


def anchors(html):
    return re.findall(r'id="(art-\d+|chapter-\d+)"', html)


def test_the_english_measures_keep_the_article_anchors(client, site_tree, english_home):
    translate(site_tree.policy_index, title="Policies")
    english = translate_measures(site_tree.measures)
    assert english.url == "/en/policy/measures/"
    chinese_html = html_of(client.get("/policy/measures/"))
    english_html = html_of(client.get("/en/policy/measures/"))
    assert anchors(english_html) == anchors(chinese_html)
    assert len([a for a in anchors(english_html) if a.startswith("art-")]) == len(
        measures_in_english().all_articles
    )
    assert '<a class="article-number permalink" href="#art-20"' in english_html
    assert ">Article 20</a>" in english_html and "第二十条" in chinese_html
    assert "Unofficial translation." in english_html
    assert 'href="/policy/measures/" hreflang="zh-Hans">Read the authentic Chinese text' in (
        english_html
    )
    assert "Unofficial translation" not in chinese_html
    assert chinese_left(english_html) == []


def test_english_pages_have_no_chinese_left(client, site_tree, english_home):
    translate(site_tree.policy_index, title="Policies", intro="The policy on the bases.")
    translate_measures(site_tree.measures)
    for url in ("/en/", "/en/policy/", "/en/policy/measures/", "/en/sitemap/", "/en/apply/"):
        assert chinese_left(html_of(client.get(url))) == [], url
    assert chinese_left(client.get("/en/nothing-here/").content.decode()) == []


# --- The services that stay Chinese -----------------------------------------------------------


@pytest.mark.parametrize("url", ["/en/apply/", "/en/apply/mine/", "/en/interaction/ask/"])
def test_the_chinese_only_services_say_so_in_english(client, site_tree, url):
    html = html_of(client.get(url))
    assert "in Chinese only" in html
    chinese = "/apply/" if "apply" in url else "/interaction/"
    assert f'<a class="btn btn-primary" href="{chinese}" hreflang="zh-Hans" lang="zh-CN">' in html


def test_the_application_service_itself_stays_chinese(client, site_tree):
    html = html_of(client.get("/apply/"))
    assert '<html lang="zh-CN"' in html
    assert "申报" in html


# --- Catalogues -------------------------------------------------------------------------------


def catalogues():
    return sorted(ROOT.glob("*/locale/*/LC_MESSAGES/*.po"))


def test_there_are_english_catalogues():
    assert {po.parts[-5] for po in catalogues() if po.parts[-3] == "en"} >= {"portal"}


@pytest.mark.parametrize("po", catalogues(), ids=lambda po: str(po.relative_to(ROOT)))
def test_each_compiled_catalogue_matches_its_source(po, tmp_path):
    """The .mo beside each .po is what `make messages` compiles from it now."""
    compiled = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True)
    with open(po.with_suffix(".mo"), "rb") as committed, open(compiled, "rb") as fresh:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(fresh)._catalog
        ), f"run make messages: {po.with_suffix('.mo')} is out of date"


def test_a_section_copied_along_with_a_translation_counts_as_untranslated(client, site_tree):
    """Translating a news item before its section copies the section (and the home page) into
    the English tree as aliases of the Chinese pages: they show in Chinese with the note until
    they are translated too."""
    news = NewsPageFactory(parent=site_tree.news_index, title="先翻译的新闻", slug="first")
    translate(news, title="Translated first")
    html = html_of(client.get("/en/news/"))
    assert "This page has not been translated into English yet" in html
    assert "en" not in hreflangs(html)
    assert switcher_links(html) == {"zh-Hans": "/news/"}
    assert "Translated first" in html_of(client.get("/en/news/first/"))
    english_index = translate(site_tree.news_index, title="News")
    assert not english_index.alias_of_id
    assert "not been translated" not in html_of(client.get("/en/news/"))


def test_a_private_chinese_section_stays_private_through_its_english_alias(client, site_tree):
    """A page translated inside a Chinese section copies the section as an alias; when the
    Chinese section is then given a password, the English page is private too: not served,
    not found by search, not on the site map."""
    from wagtail.models import PageViewRestriction

    from portal.models import StandardPage
    from tests.factories import publish_child

    translate(site_tree.home, title="Home")
    section = publish_child(site_tree.home, StandardPage(title="内部", slug="internal"))
    doc = publish_child(section, StandardPage(title="内部文件", slug="doc"))
    translate(doc, title="Zebra memo", body="<p>zebra crossing</p>")
    assert "Zebra memo" in html_of(client.get("/en/search/?q=zebra"))
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert 'name="password"' in client.get("/en/internal/doc/").content.decode()
    assert "Zebra memo" not in html_of(client.get("/en/search/?q=zebra"))
    assert "Zebra memo" not in html_of(client.get("/en/sitemap/"))


def test_sitemap_xml_lists_the_english_pages_but_not_the_aliases(client, site_tree):
    translate(site_tree.home, title="Home")
    translate(site_tree.policy_index, title="Policies")
    news = NewsPageFactory(parent=site_tree.news_index, title="新闻", slug="item")
    translate(news, title="Item")  # /en/news/ becomes an alias of the Chinese index
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    for path in ("/", "/policy/", "/news/", "/news/item/", "/en/", "/en/policy/", "/en/news/item/"):
        assert f"http://localhost{path}" in locations, path
    assert "http://localhost/en/news/" not in locations


def test_translated_news_stay_with_their_language(client, site_tree, english_home):
    """A translated interpretation is listed with the English Measures, not the Chinese; a
    translated news item about a base is on the English profile, not the Chinese one."""
    from news.models import NewsCategory, PolicyCitation

    translate(site_tree.policy_index, title="Policies")
    translate_measures(site_tree.measures)
    translate(site_tree.news_index, title="News")
    base = make_base("包头市", name="稀土基地")
    news = NewsPageFactory(
        parent=site_tree.news_index,
        title="第五条解读",
        slug="art-5",
        category=NewsCategory.INTERPRETATION,
    )
    PolicyCitation.objects.create(page=news, policy=site_tree.measures, article=5)
    news.related_bases.add(base)
    news.save_revision().publish()
    translate(news, title="Article 5 explained")
    chinese = html_of(client.get("/policy/measures/"))
    english = html_of(client.get("/en/policy/measures/"))
    assert "第五条解读" in chinese and "Article 5 explained" not in chinese
    assert "Article 5 explained" in english and "第五条解读" not in english
    profile = html_of(client.get(f"/bases/{base.pk}/"))
    assert "第五条解读" in profile and "Article 5 explained" not in profile
    profile = html_of(client.get(f"/en/bases/{base.pk}/"))
    assert "Article 5 explained" in profile and "第五条解读" not in profile


def test_an_english_page_whose_chinese_is_unpublished_switches_to_the_chinese_home(
    client, site_tree, english_home
):
    translate(site_tree.news_index, title="News")
    news = NewsPageFactory(parent=site_tree.news_index, title="撤回的新闻", slug="withdrawn")
    translate(news, title="Withdrawn in Chinese")
    news.unpublish()
    assert switcher_links(html_of(client.get("/en/news/withdrawn/"))) == {"zh-Hans": "/"}
