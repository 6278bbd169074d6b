import re

import pytest

from portal.chinese_search import clean_query, highlight, index_tokens, segment
from portal.models import StandardPage
from tests.factories import publish_child

pytestmark = pytest.mark.django_db


def results(html):
    return re.findall(r'<li class="search-result">\s*<h2><a href="([^"]+)">', html)


@pytest.mark.parametrize(
    ("query", "article", "label"),
    [
        ("技术转移", 2, "第二条"),
        ("科研诚信", 4, "第四条"),
        ("国合基地联盟", 20, "第二十条"),
        ("年度工作总结", 12, "第十二条"),
    ],
)
def test_chinese_queries_find_the_measures_and_link_the_article(
    client, measures, query, article, label
):
    html = client.get("/search/", {"q": query}).content.decode()
    assert f"/policy/measures/#art-{article}" in results(html)
    snippet = re.search(
        rf'href="/policy/measures/#art-{article}">.*?<p class="search-result__snippet">(.*?)</p>',
        html,
        re.S,
    ).group(1)
    assert f"<mark>{query}</mark>" in snippet
    assert f"{label}</a></h2>" in html


def test_search_finds_other_pages_and_not_drafts(client, site_tree):
    publish_child(
        site_tree.home,
        StandardPage(title="关于门户", slug="about", body="<p>本站介绍国际技术转移服务。</p>"),
    )
    draft = StandardPage(title="未发布页面", slug="draft", body="<p>技术转移草稿</p>", live=False)
    site_tree.home.add_child(instance=draft)
    draft.save_revision()
    html = client.get("/search/", {"q": "技术转移"}).content.decode()
    urls = results(html)
    assert "/about/" in urls
    assert "/draft/" not in urls
    assert "未发布页面" not in html


def test_a_word_that_is_not_there_finds_nothing(client, measures):
    html = client.get("/search/", {"q": "量子计算机"}).content.decode()
    assert "找到 <strong>0</strong> 条" in html
    assert results(html) == []


def test_empty_query_gives_a_friendly_page(client, site_tree):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "请输入要查找的内容" in response.content.decode()
    assert "请输入要查找的内容" in client.get("/search/", {"q": "   "}).content.decode()


@pytest.mark.parametrize(
    "junk",
    [
        '"',
        "*",
        "'",
        "NEAR(",
        "AND OR NOT",
        "<script>alert(1)</script>",
        "%",
        "\\",
        "a" * 5000,
        "技术转移" * 200,
        "\x00\x01",
        "--",
        "：；，。",
        "😀",
        "科研 OR 诚信",
        "page",
    ],
)
def test_junk_input_never_fails(client, measures, junk):
    response = client.get("/search/", {"q": junk, "page": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_query_made_of_punctuation_only_says_so(client, site_tree):
    html = client.get("/search/", {"q": "！？。"}).content.decode()
    assert "没有可以检索的文字" in html


def test_results_paginate(client, site_tree):
    for number in range(12):
        publish_child(
            site_tree.home,
            StandardPage(title=f"示范页面{number}", slug=f"demo-{number}", body="<p>科研诚信</p>"),
        )
    first = client.get("/search/", {"q": "科研诚信"}).content.decode()
    assert len(results(first)) == 10
    assert "找到 <strong>13</strong> 条" in first
    second = client.get("/search/", {"q": "科研诚信", "page": 2}).content.decode()
    assert len(results(second)) == 3
    assert "q=%E7%A7%91%E7%A0%94%E8%AF%9A%E4%BF%A1&amp;page=1" in second


def test_index_holds_the_words_inside_long_words():
    tokens = index_tokens("国际技术转移中心")
    assert {"国际技术转移中心", "技术转移", "技术", "转移", "中心"} <= set(tokens)
    assert "园" in index_tokens("国际创新园")


def test_query_is_split_into_the_finest_dictionary_words():
    assert segment("技术转移") == ["技术", "转移"]
    assert segment("国合基地联盟") == ["国合", "基地", "联盟"]
    assert segment("ICP备案") == ["icp", "备案"]
    assert segment("！？，。") == []


def test_a_page_that_only_has_the_long_word_is_found(client, site_tree):
    publish_child(
        site_tree.home,
        StandardPage(title="服务机构", slug="tt", body="<p>包头稀土国际技术转移中心。</p>"),
    )
    assert "/tt/" in results(client.get("/search/", {"q": "技术转移"}).content.decode())
    assert "/tt/" in results(client.get("/search/", {"q": "稀土"}).content.decode())


def test_highlight_escapes_and_marks():
    html = highlight("<b>科研诚信</b>记录良好", "科研诚信", ["科研", "诚信"])
    assert html == "&lt;b&gt;<mark>科研诚信</mark>&lt;/b&gt;记录良好"


def test_clean_query_limits_length_and_strips_control_characters():
    assert clean_query("  技术\x00转移  ") == "技术转移"
    assert len(clean_query("x" * 1000)) == 100
