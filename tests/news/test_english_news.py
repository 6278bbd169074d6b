"""The news in the English edition: the news editors translated, in English, and the rest in
Chinese with a note, never a 404 (issue 18)."""

import re

import feedparser
import pytest

from news.models import NewsCategory
from portal.english_edition import translate
from tests.english import chinese_left
from tests.factories import NewsPageFactory, interpretation

pytestmark = pytest.mark.django_db

NOTE = "This page has not been translated into English yet, so it is shown in Chinese."


def titles(html):
    return re.findall(r'<li class="news-item">.*?<h2><a href="([^"]+)">([^<]+)</a>', html, re.S)


@pytest.fixture
def english_index(site_tree):
    return translate(site_tree.news_index, title="News", intro="News of the bases.")


@pytest.fixture
def news(site_tree):
    """Two news items in Chinese, of 2 and 3 January 2026."""
    return [
        NewsPageFactory(parent=site_tree.news_index, number=1, summary="第一条摘要"),
        NewsPageFactory(
            parent=site_tree.news_index, number=2, category=NewsCategory.NOTICE, tags=["合作"]
        ),
    ]


def translate_news(page, title):
    return translate(
        page,
        title=title,
        summary="An English summary.",
        source="Department of Science and Technology",
    )


def test_the_english_index_lists_the_translated_news_in_english(client, english_index, news):
    translate_news(news[0], "Bases sign cooperation agreements")
    response = client.get("/en/news/")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == [("/en/news/news-1/", "Bases sign cooperation agreements")]
    assert '<time datetime="2026-01-02">2 Jan 2026</time>' in html
    assert ">Work updates</span>" in html and ">Notices</a>" in html
    assert '<a href="/news/" hreflang="zh-Hans">More news in Chinese</a>' in html
    assert 'href="/en/news/feed/rss/"' in html
    assert chinese_left(html) == []


def test_the_chinese_index_is_unchanged(client, english_index, news):
    translate_news(news[0], "Bases sign cooperation agreements")
    html = client.get("/news/").content.decode()
    assert [title for _url, title in titles(html)] == ["测试新闻2", "测试新闻1"]
    assert "2026-01-02" in html and "订阅：" in html and ">通知公告</a>" in html
    assert "More news in Chinese" not in html
    assert 'href="/news/feed/rss/"' in html


def test_an_english_news_item_is_english_throughout(client, english_index, news):
    translate_news(news[0], "Bases sign cooperation agreements")
    translate_news(news[1], "Call for applications")
    html = client.get("/en/news/news-1/").content.decode()
    assert '<h1 id="news-title">Bases sign cooperation agreements</h1>' in html
    assert ">2 January 2026</time>" in html
    assert "Source: Department of Science and Technology" in html
    assert 'rel="next">Call for applications</a>' in html and "Previous: </span>none" in html
    assert NOTE not in html
    assert chinese_left(html) == []


def test_an_untranslated_item_is_shown_in_chinese_with_a_note(client, english_index, news):
    translate_news(news[0], "Bases sign cooperation agreements")
    response = client.get("/en/news/news-2/")
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTE in html
    assert re.search(r'<main id="main-content"[^>]* lang="zh-CN"', html)
    # The Chinese page keeps its Chinese labels, all inside the part marked Chinese.
    assert '<h1 id="news-title">测试新闻2</h1>' in html
    assert "来源：" in html and "2026年1月3日" in html
    assert chinese_left(html) == []
    # Not in the English listing, which has only what was translated.
    assert "测试新闻2" not in client.get("/en/news/").content.decode()


def test_an_untranslated_item_falls_back_before_anything_is_translated(client, news):
    response = client.get("/en/news/news-1/")
    assert response.status_code == 200
    assert NOTE in response.content.decode()
    assert "测试新闻1" in response.content.decode()


def test_an_interpretation_cites_the_articles_in_english(client, site_tree, english_index):
    chinese = interpretation(site_tree.news_index, site_tree.measures, [5, 20], number=3)
    translate_news(chinese, "The Measures explained")
    html = client.get("/en/news/news-3/").content.decode()
    assert "Articles this interpretation explains" in html
    assert ">Article 5</a>" in html and ">Article 20</a>" in html
    # The Measures have no English page in this test: the link leads to the Chinese one,
    # whose title is marked Chinese.
    measures_url = site_tree.measures.url
    explained = re.search(r'<li><a href="[^"]*"[^>]*>[^<]*</a><a href="[^"]*#art-5">', html)
    assert explained, html
    assert explained.group(0).startswith(f'<li><a href="{measures_url}" lang="zh-CN">'), (
        explained.group(0)
    )
    assert f'href="{measures_url}#art-20"' in html
    assert chinese_left(html) == []


def test_the_english_feeds_carry_the_english_news_only(client, english_index, news):
    translate_news(news[0], "Bases sign cooperation agreements")
    rss = feedparser.parse(client.get("/en/news/feed/rss/").content)
    assert not rss.bozo, rss.get("bozo_exception")
    assert rss.feed.language == "en"
    assert rss.feed.title.endswith(" · News")
    assert [entry.title for entry in rss.entries] == ["Bases sign cooperation agreements"]
    assert rss.entries[0].link.endswith("/en/news/news-1/")
    assert rss.entries[0].summary == "An English summary."
    assert [tag.term for tag in rss.entries[0].tags] == ["Work updates"]
    atom = feedparser.parse(client.get("/en/news/feed/work/atom/").content)
    assert not atom.bozo and len(atom.entries) == 1
    assert atom.feed.title.endswith(" · News · Work updates")
    assert feedparser.parse(client.get("/en/news/feed/notice/rss/").content).entries == []
    # The Chinese feed keeps all the Chinese news.
    chinese = feedparser.parse(client.get("/news/feed/rss/").content)
    assert chinese.feed.language == "zh-cn"
    assert [entry.title for entry in chinese.entries] == ["测试新闻2", "测试新闻1"]


def test_there_is_no_english_feed_without_an_english_news_index(client, news):
    assert client.get("/en/news/feed/rss/").status_code == 404
