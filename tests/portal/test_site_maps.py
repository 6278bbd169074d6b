"""The map of the site: /sitemap.xml and robots.txt for search engines, 网站地图 for people."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from bases.models import BaseStatus
from portal.models import StandardPage
from tests.factories import NewsPageFactory, make_base, publish_child

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def public_things(site_tree):
    """Published pages and bases, and what must never be offered: a draft page, a withdrawn
    news item, a private section with its page, and a revoked base."""
    home, index = site_tree.home, site_tree.news_index
    NewsPageFactory(parent=index, number=1, title="已发布的新闻")
    NewsPageFactory(parent=index, number=2, title="已撤下的新闻", slug="withdrawn").unpublish()
    draft = StandardPage(title="草稿页面", slug="draft", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    private = publish_child(home, StandardPage(title="内部栏目", slug="internal"))
    publish_child(private, StandardPage(title="内部通知", slug="memo"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    guide = publish_child(home, StandardPage(title="办事指南", slug="guide"))
    publish_child(guide, StandardPage(title="申报指南", slug="how-to-apply"))
    current = make_base(name="现有基地")
    rectifying = make_base(name="整改中的基地")
    rectifying.change_status(BaseStatus.RECTIFYING, on=datetime.date(2026, 3, 1), reason="考核")
    revoked = make_base(name="已撤销的基地")
    revoked.change_status(BaseStatus.REVOKED, on=datetime.date(2026, 3, 1), reason="撤销")
    return {"current": [current, rectifying], "revoked": revoked}


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", NS)]


def test_sitemap_xml_lists_public_pages_and_current_bases(client, public_things):
    locations = sitemap_locations(client)
    for path in (
        "/",
        "/policy/",
        "/policy/measures/",
        "/news/",
        "/news/news-1/",
        "/bases/",
        "/bases/stats/",
        "/guide/",
        "/guide/how-to-apply/",
    ):
        assert f"http://localhost{path}" in locations, path
    for base in public_things["current"]:
        assert f"http://testserver/bases/{base.pk}/" in locations
    # Never drafts, withdrawn or private pages, nor the revoked base that left the directory.
    for path in ("/draft/", "/news/withdrawn/", "/internal/", "/internal/memo/"):
        assert not any(loc.endswith(path) for loc in locations), path
    assert not any(loc.endswith(f"/bases/{public_things['revoked'].pk}/") for loc in locations)
    assert len(locations) == len(set(locations))


def test_sitemap_xml_queries_do_not_grow_with_pages_and_bases(
    client, site_tree, django_assert_max_num_queries
):
    make_base(name="基地一")
    NewsPageFactory(parent=site_tree.news_index, number=1)
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(30) as few:
        client.get("/sitemap.xml")
    for number in range(2, 12):
        NewsPageFactory(parent=site_tree.news_index, number=number)
        make_base(name=f"基地{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        # home, policy library, Measures, bases, their statistics, news, alliance; the news;
        # each base's profile in Chinese and in English (/en/bases/<id>/)
        assert len(sitemap_locations(client)) == 7 + 11 + 2 * 11


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    for path in ("/admin/", "/apply/", "/django-admin/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    secure = client.get("/robots.txt", secure=True, HTTP_HOST="localhost").content.decode()
    assert "Sitemap: https://localhost/sitemap.xml" in secure.splitlines()


def section_titles(html):
    return re.findall(r'<h2 id="map-section-\d+" class="h5"><a href="[^"]+">([^<]+)</a>', html)


def test_the_site_map_page_lists_every_section_and_its_public_pages(client, public_things):
    html = client.get("/sitemap/").content.decode()
    assert "<h1>网站地图</h1>" in html
    assert section_titles(html) == ["政策文件", "基地展示", "新闻动态", "基地联盟", "办事指南"]
    assert '<a href="/policy/measures/">内蒙古自治区国际科技合作基地管理办法（试行）</a>' in html
    assert '<a href="/bases/stats/">基地统计</a>' in html
    assert '<a href="/news/news-1/">已发布的新闻</a>' in html
    # A page's own pages are nested under it.
    assert re.search(
        r'<a href="/guide/">办事指南</a></h2>\s*<ul><li><a href="/guide/how-to-apply/">', html
    )
    for title in ("草稿页面", "已撤下的新闻", "内部栏目", "内部通知"):
        assert title not in html
    assert '<a href="/apply/">申报服务</a>' in html and '<a href="/search/">站内搜索</a>' in html


def test_every_page_links_to_the_site_map_from_its_footer(client, site_tree):
    for url in ("/", "/policy/measures/", "/news/", "/search/"):
        footer = re.search(r"<footer.*?</footer>", client.get(url).content.decode(), re.S)
        assert '<a href="/sitemap/">网站地图</a>' in footer.group(0), url


def test_the_site_map_page_queries_do_not_grow_with_pages(
    client, site_tree, django_assert_max_num_queries
):
    guide = publish_child(site_tree.home, StandardPage(title="办事指南", slug="guide"))
    client.get("/sitemap/")
    with django_assert_max_num_queries(30) as few:
        client.get("/sitemap/")
    for number in range(10):
        publish_child(guide, StandardPage(title=f"指南{number}", slug=f"guide-{number}"))
        NewsPageFactory(parent=site_tree.news_index, number=number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/sitemap/").content.decode()
    assert "指南9" in html and "测试新闻9" in html
