import re

import pytest

from news.models import NewsIndexPage
from tests.factories import PASSWORD, make_user

# The live server runs in another thread, so the test data must be committed.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_and_the_measures(page, live_site):
    page.goto(live_site.url + "/")
    assert page.title() == "首页 - 国合基地门户"
    nav = page.get_by_role("navigation", name="主导航")
    for label in ("政策文件", "基地展示", "新闻动态", "基地联盟", "申报服务"):
        assert nav.get_by_role("link", name=label).is_visible()

    # The skip link is the first thing a keyboard user reaches.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"

    page.get_by_role("link", name="阅读《管理办法》").click()
    page.wait_for_url(re.compile(r"/policy/measures/$"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "内蒙古自治区国际科技合作基地管理办法（试行）"
    )
    assert page.locator("section.policy-article").count() == 23

    # A table-of-contents link jumps to the article's stable anchor.
    page.locator(".policy-toc a[href='#art-12']").click()
    page.wait_for_url(re.compile(r"#art-12$"))
    assert page.locator("#art-12").is_visible()
    assert "被撤销国合基地资格者" in page.locator("#art-12").inner_text()


def test_search_from_the_header(page, live_site):
    page.goto(live_site.url + "/policy/")
    page.get_by_label("站内搜索").fill("科研诚信")
    page.get_by_label("站内搜索").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    first = page.locator(".search-result").first
    assert "第四条" in first.inner_text()
    assert first.locator("mark").first.inner_text() == "科研诚信"


def test_public_pages_break_no_rule_of_the_content_security_policy(page, live_site):
    """The strict policy (no inline script or style) is kept by the pages themselves: the
    browser reports no violation, and the policy page's print button still prints."""
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    for path in ("/", "/policy/", "/policy/measures/", "/bases/", "/bases/stats/", "/news/"):
        page.goto(live_site.url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], path
    page.goto(live_site.url + "/policy/measures/")
    # (Ends in null: Playwright would call a function the expression evaluates to.)
    page.evaluate("window.__printed = 0; window.print = () => { window.__printed += 1; }; null")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.__printed") == 1


def test_the_admin_works_under_its_own_policy(page, live_site):
    """The admin's policy lets Wagtail's own inline code run (its rich text editor is built by
    script) while still loading nothing from another site: no violation, and the editor
    appears."""
    make_user("csp-admin", is_superuser=True)
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(live_site.url + "/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    news_index = NewsIndexPage.objects.get()
    editor = "/admin/snippets/bases/applicationcall/add/"  # a call's guidance is rich text
    for path in ("/admin/", f"/admin/pages/add/news/newspage/{news_index.pk}/", editor):
        page.goto(live_site.url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], path
    assert page.locator(".Draftail-Editor").first.is_visible()
