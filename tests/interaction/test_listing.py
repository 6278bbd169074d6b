"""The public lists of 互动交流: answers grouped by topic and paginated, the 常见问题 page, the
home page's block and the main navigation, each in a number of queries that does not grow."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.interaction.models import Topic
from tests.factories import QuestionFactory, publish_answer

pytestmark = pytest.mark.django_db


def published(count, topic=Topic.POLICY, faq=False, **fields):
    return [
        publish_answer(QuestionFactory(topic=topic, **fields), answer="答复内容。", faq=faq)
        for _ in range(count)
    ]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def headings(html):
    return re.findall(r'<h2 class="h4" id="(?:faq-)?topic-\d+">([^<]+)</h2>', html)


def test_answers_are_grouped_by_topic_in_the_topics_order(client, site_tree):
    published(1, Topic.OTHER)
    published(2, Topic.ACCREDITATION)
    published(1, Topic.REPORTING)
    QuestionFactory(topic=Topic.POLICY)  # not answered: its topic has nothing to show
    html = client.get("/interaction/").content.decode()
    assert headings(html) == ["认定申报", "年度报告与考核", "其他"]
    assert "认定申报（2）" in html and "政策咨询（0）" in html

    html = client.get("/interaction/", {"topic": Topic.REPORTING}).content.decode()
    assert headings(html) == ["年度报告与考核"]
    # A value that cannot be understood is ignored, never an error.
    html = client.get("/interaction/", {"topic": "x", "page": "y"}).content.decode()
    assert headings(html) == ["认定申报", "年度报告与考核", "其他"]


def test_the_list_is_paginated(client, site_tree):
    published(21, Topic.POLICY)
    first = client.get("/interaction/").content.decode()
    assert len(re.findall(r'href="/interaction/\d+/"', first)) == 20
    assert "第 1 / 2 页" in first
    second = client.get("/interaction/", {"page": 2}).content.decode()
    assert len(re.findall(r'href="/interaction/\d+/"', second)) == 1
    assert "第 2 / 2 页" in second


def test_the_list_costs_the_same_queries_whatever_the_number_of_answers(client, site_tree):
    published(2, Topic.POLICY, faq=True)
    for url in ("/", "/interaction/", "/interaction/faq/"):
        client.get(url)  # the site's first reader creates its footer settings: not the list's
    few = queries(client, "/interaction/")
    few_faq = queries(client, "/interaction/faq/")
    few_home = queries(client, "/")
    for topic in Topic.values:
        published(5, topic, faq=True)
    assert queries(client, "/interaction/") == few
    assert queries(client, "/interaction/faq/") == few_faq
    assert queries(client, "/") == few_home


def test_the_faq_page_gathers_the_flagged_answers(client, site_tree):
    faq = publish_answer(
        QuestionFactory(topic=Topic.REPORTING, question="年度工作总结什么时候截止？"),
        answer="年度工作总结在次年1月31日前报送。",
        articles=[13],
        faq=True,
    )
    publish_answer(
        QuestionFactory(question="这是一个普通的问题，没有列入常见问题。"), answer="普通答复。"
    )
    unpublished = QuestionFactory(question="尚未公开的常见问题候选？", is_faq=True)
    html = client.get("/interaction/faq/").content.decode()
    assert "年度工作总结什么时候截止？" in html and "年度工作总结在次年1月31日前报送。" in html
    assert '<a href="/policy/measures/#art-13">第十三条</a>' in html
    assert "这是一个普通的问题" not in html and unpublished.question not in html
    assert f'href="/interaction/{faq.pk}/"' in html
    assert headings(html) == ["年度报告与考核"]


def test_the_home_page_shows_the_latest_five_answers(client, site_tree):
    older = publish_answer(QuestionFactory(question="最早公开的一个问题，已经不在首页了吗？"))
    newer = [publish_answer(QuestionFactory()) for _ in range(5)]
    html = client.get("/").content.decode()
    assert 'id="interaction-heading"' in html
    for question in newer:
        assert f'href="/interaction/{question.pk}/"' in html
    assert f'href="/interaction/{older.pk}/"' not in html


def test_the_main_navigation_leads_to_the_answers(client, site_tree):
    html = client.get("/").content.decode()
    assert '<a class="nav-link" href="/interaction/">互动交流</a>' in html
    page = client.get("/interaction/").content.decode()
    assert 'href="/interaction/" aria-current="page">互动交流</a>' in page
    assert client.get("/interaction/ask/").status_code == 200
