import re

import feedparser
import pytest

from news.models import NewsCategory
from tests.factories import ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def titles(html):
    return re.findall(r'<li class="news-item">.*?<h2><a href="[^"]+">([^<]+)</a>', html, re.S)


def test_listing_is_newest_first_and_filters_by_category_and_tag(client, site_tree):
    index = site_tree.news_index
    NewsPageFactory(parent=index, number=1, category=NewsCategory.WORK, tags=["稀土"])
    NewsPageFactory(parent=index, number=2, category=NewsCategory.NOTICE, tags=["年度考核"])
    NewsPageFactory(parent=index, number=3, category=NewsCategory.WORK, tags=["年度考核", "稀土"])
    assert titles(client.get("/news/").content.decode()) == ["测试新闻3", "测试新闻2", "测试新闻1"]
    work = client.get("/news/", {"category": "work"}).content.decode()
    assert titles(work) == ["测试新闻3", "测试新闻1"]
    assert titles(client.get("/news/", {"tag": "年度考核"}).content.decode()) == [
        "测试新闻3",
        "测试新闻2",
    ]
    both = client.get("/news/", {"category": "work", "tag": "年度考核"}).content.decode()
    assert titles(both) == ["测试新闻3"]
    assert client.get("/news/", {"category": "bogus", "page": "x"}).status_code == 200


def test_listing_paginates_with_filters_kept(client, site_tree):
    for number in range(20):
        NewsPageFactory(parent=site_tree.news_index, number=number, category=NewsCategory.WORK)
    html = client.get("/news/", {"category": "work"}).content.decode()
    assert len(titles(html)) == 15
    assert "?category=work&amp;page=2" in html


def test_listing_queries_do_not_grow_with_news_and_covers(
    client, site_tree, django_assert_max_num_queries
):
    index = site_tree.news_index
    NewsPageFactory(parent=index, number=1, cover_image=ImageFactory(title="一"), tags=["甲"])
    client.get("/news/")  # warm the site settings and renditions
    with django_assert_max_num_queries(15) as few:
        client.get("/news/")
    few_count = len(few.captured_queries)
    for number in range(2, 14):
        NewsPageFactory(
            parent=index,
            number=number,
            cover_image=ImageFactory(title=f"图{number}"),
            tags=["甲", f"乙{number}"],
        )
    client.get("/news/")  # the first view of a new cover creates its rendition
    with django_assert_max_num_queries(few_count):
        html = client.get("/news/").content.decode()
    assert len(titles(html)) == 13
    assert html.count('class="news-item__cover"') == 13


def test_news_page_renders_its_blocks(client, site_tree):
    page = NewsPageFactory(
        parent=site_tree.news_index,
        number=1,
        source="联盟秘书处",
        body=[
            {"type": "text", "value": "<p>正文段落</p>"},
            {"type": "quote", "value": {"text": "合作共赢", "source": "某会议"}},
            {
                "type": "table",
                "value": {
                    "data": [["盟市", "数量"], ["包头市", "5"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                },
            },
        ],
    )
    html = client.get(page.url).content.decode()
    assert "正文段落" in html and "合作共赢" in html and "来源：联盟秘书处" in html
    assert '<th scope="col">盟市</th>' in html and "<td>包头市</td>" in html


def test_rss_and_atom_feeds_validate(client, site_tree):
    NewsPageFactory(
        parent=site_tree.news_index, number=1, category=NewsCategory.WORK, summary="第一条摘要"
    )
    NewsPageFactory(parent=site_tree.news_index, number=2, category=NewsCategory.NOTICE)
    rss = client.get("/news/feed/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    parsed = feedparser.parse(rss.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert [e.title for e in parsed.entries] == ["测试新闻2", "测试新闻1"]
    assert parsed.entries[1].summary == "第一条摘要"
    assert parsed.entries[0].link.endswith("/news/news-2/")
    assert parsed.entries[0].published_parsed is not None

    atom = feedparser.parse(client.get("/news/feed/atom/").content)
    assert not atom.bozo and atom.version == "atom10"
    assert len(atom.entries) == 2 and atom.entries[0].updated_parsed is not None

    notice = feedparser.parse(client.get("/news/feed/notice/rss/").content)
    assert not notice.bozo
    assert [e.title for e in notice.entries] == ["测试新闻2"]
    assert "通知公告" in notice.feed.title
    assert client.get("/news/feed/unknown/rss/").status_code == 404


def test_home_page_shows_the_latest_news(client, site_tree):
    """Notices lead in their own block (通知公告), the other news follow in 新闻动态, the newest
    seven of each."""
    for number in range(9):
        NewsPageFactory(parent=site_tree.news_index, number=number, category=NewsCategory.NOTICE)
    for number in range(10, 19):
        NewsPageFactory(parent=site_tree.news_index, number=number, category=NewsCategory.WORK)
    html = client.get("/").content.decode()
    notices = re.search(r'<h2 id="notices-heading">.*?</ul>', html, re.S).group(0)
    news = re.search(r'<h2 id="news-heading">.*?</ul>', html, re.S).group(0)
    assert re.findall(r">(测试新闻\d+)</a>", notices) == [f"测试新闻{n}" for n in range(8, 1, -1)]
    assert re.findall(r">(测试新闻\d+)</a>", news) == [f"测试新闻{n}" for n in range(18, 11, -1)]


def test_pagination_links_encode_the_filters(client, site_tree):
    for number in range(16):
        NewsPageFactory(parent=site_tree.news_index, number=number, tags=["R&D 合作"])
    html = client.get("/news/", {"tag": "R&D 合作"}).content.decode()
    assert "?tag=R%26D+%E5%90%88%E4%BD%9C&amp;page=2" in html
