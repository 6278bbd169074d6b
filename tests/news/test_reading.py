"""Reading a news item: 上一篇 / 下一篇 within its own section, and printing it."""

import re

import pytest
from wagtail.models import PageViewRestriction

from alliance.models import AlliancePage
from tests.factories import NewsPageFactory, publish_child

pytestmark = pytest.mark.django_db


def pager(html):
    """(上一篇, 下一篇) as the page shows them: a title, or 没有了."""
    nav = re.search(r'<nav class="news-pager no-print".*?</nav>', html, re.S).group(0)
    found = re.findall(
        r"(上一篇|下一篇)：</span>(?:<a href=\"[^\"]+\" rel=\"\w+\">([^<]+)</a>|(没有了))", nav
    )
    return tuple(title or none for _label, title, none in found)


def test_previous_and_next_follow_the_publication_date_within_the_section(client, site_tree):
    index = site_tree.news_index
    first = NewsPageFactory(parent=index, number=1)
    second = NewsPageFactory(parent=index, number=2)
    third = NewsPageFactory(parent=index, number=5)
    # Published in between, but not to be reached: a draft, a withdrawn item, a private one.
    draft = NewsPageFactory.build(number=3, live=False)
    index.add_child(instance=draft)
    draft.save_revision()
    NewsPageFactory(parent=index, number=4, title="已撤下").unpublish()
    private = NewsPageFactory(parent=index, number=4, slug="private", title="内部")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    # Another section's news is not this section's neighbour.
    alliance = publish_child(site_tree.home, AlliancePage(title="联盟", slug="alliance-news"))
    NewsPageFactory(parent=alliance, number=3, title="联盟动态")

    assert pager(client.get(first.url).content.decode()) == ("没有了", "测试新闻2")
    assert pager(client.get(second.url).content.decode()) == ("测试新闻1", "测试新闻5")
    assert pager(client.get(third.url).content.decode()) == ("测试新闻2", "没有了")


def test_items_of_the_same_day_follow_their_first_publication(client, site_tree):
    index = site_tree.news_index
    morning = NewsPageFactory(parent=index, number=1, title="上午发布")
    afternoon = NewsPageFactory(parent=index, number=1, slug="afternoon", title="下午发布")
    assert morning.date == afternoon.date
    assert morning.first_published_at < afternoon.first_published_at
    assert pager(client.get(morning.url).content.decode()) == ("没有了", "下午发布")
    assert pager(client.get(afternoon.url).content.decode()) == ("上午发布", "没有了")


def test_a_news_item_prints_without_inline_script(client, site_tree):
    page = NewsPageFactory(parent=site_tree.news_index, number=1)
    response = client.get(page.url)
    html = response.content.decode()
    assert re.search(r'<button[^>]* type="button" data-print>打印</button>', html)
    # The Content Security Policy allows no inline script or style: the button works through
    # portal.js, and the print styles are a stylesheet of their own.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) and " onclick=" not in html
    assert 'href="/static/css/print.css" media="print"' in html
    print_css = b"".join(client.get("/static/css/print.css").streaming_content).decode()
    assert ".news-pager" in print_css and ".news-article h1" in print_css
    script = b"".join(client.get("/static/js/portal.js").streaming_content).decode()
    assert "[data-print]" in script and "window.print()" in script
