"""The news editor cites policy articles in a real browser: the page chooser picks the policy,
and the article list then offers that policy's articles only."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from news.models import NewsPage
from tests.browser.test_news_workflow import log_in
from tests.factories import build_site, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_editor_chooses_a_policy_and_one_of_its_articles(
    page, live_server, tmp_path, shoot, settings
):
    # Without Wagtail's autosave, which under a loaded machine may still be saving the new page
    # when the editor publishes it: the test is about the citations, not about autosaving.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    tree = build_site()
    other = tmp_path / "other.txt"
    other.write_text("另一份规定\n\n第一条 甲。\n第二条 乙。\n", encoding="utf-8")
    call_command("import_policy", str(other), parent="/policy/", slug="other", stdout=StringIO())
    make_user("root", is_superuser=True, is_staff=True)

    log_in(page, live_server, "root")
    page.goto(f"{live_server.url}/admin/pages/add/news/newspage/{tree.news_index.pk}/")
    page.fill("#id_title", "浏览器中的政策解读")
    page.select_option("#id_category", "interpretation")
    page.locator("#id_citations-ADD").click()
    articles = page.locator("#id_citations-0-article")
    articles.focus()
    # Before a policy is chosen, no policy's articles are offered.
    assert page.locator("#id_citations-0-article optgroup:not([hidden])").count() == 0

    page.locator("#id_citations-0-policy-chooser [data-chooser-action-choose]").click()
    # The chooser opens on the policy library, where only policies can be chosen.
    page.locator(".modal a.choose-page", has_text=tree.measures.title).click()
    expect(page.locator("#id_citations-0-policy")).not_to_have_value("")
    visible = page.locator("#id_citations-0-article optgroup:not([hidden])")
    assert visible.count() == 1
    assert visible.get_attribute("label") == f"《{tree.measures.title}》"
    articles.select_option(label="第五条 国际创新园认定条件和程序")
    shoot(page, "citation-chosen")

    page.get_by_role("tab", name="推荐").click()
    page.fill("#id_slug", "browser-interpretation")
    page.eval_on_selector("button[name=action-publish]", "button => button.click()")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    news = NewsPage.objects.get(title="浏览器中的政策解读")
    assert news.live
    assert list(news.citations.values_list("policy__slug", "article")) == [("measures", 5)]

    page.goto(f"{live_server.url}/policy/measures/")
    link = page.locator("#art-5 .article-interpretations a")
    assert link.inner_text() == "浏览器中的政策解读"
    link.scroll_into_view_if_needed()
    assert shoot(page, "policy-with-interpretation") == []
    link.click()
    assert shoot(page, "interpretation") == []
    page.get_by_role("link", name="第五条").click()
    page.wait_for_url(re.compile(r"/policy/measures/#art-5$"))
