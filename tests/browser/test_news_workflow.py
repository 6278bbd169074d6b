import re

import pytest

from news.editorial import NEWS_EDITORS, NEWS_REVIEWERS
from news.models import NewsPage
from tests.factories import PASSWORD, build_site, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def approve(page, live_server, news, reviewer="reviewer"):
    """The reviewer approves ``news`` from its edit view; waits until it is live (or 5 s)."""
    log_in(page, live_server, reviewer)
    page.goto(f"{live_server.url}/admin/pages/{news.pk}/edit/")
    page.eval_on_selector("[data-workflow-action-name=approve]", "button => button.click()")
    page.wait_for_load_state("networkidle")
    for _ in range(20):
        news.refresh_from_db()
        if news.live:
            break
        page.wait_for_timeout(250)


def test_editor_submits_reviewer_approves_and_the_news_is_published(page, live_server):
    tree = build_site()
    make_user("editor", NEWS_EDITORS)
    make_user("reviewer", NEWS_REVIEWERS)

    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/pages/add/news/newspage/{tree.news_index.pk}/")
    page.fill("#id_title", "浏览器测试新闻")
    page.fill("#id_summary", "编辑在浏览器中撰写并提交审核。")
    page.get_by_role("tab", name="推荐").click()
    page.fill("#id_slug", "browser-news")
    # The submit action sits in the footer's dropdown menu.
    page.eval_on_selector("button[name=action-submit]", "button => button.click()")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/(edit/)?$"))
    # Looked up by title: Wagtail may still be syncing the slug from the title when we type it.
    news = NewsPage.objects.get(title="浏览器测试新闻")
    assert not news.live
    assert news.current_workflow_state is not None

    approve(page, live_server, news)
    assert news.live

    page.goto(live_server.url + "/news/")
    assert page.get_by_role("link", name="浏览器测试新闻").is_visible()
