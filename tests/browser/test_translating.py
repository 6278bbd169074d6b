"""A news editor translates a news item in the admin, in a real browser at 1366 and 390 px:
「翻译」 on the item, English chosen, the English copy opens in the editor; submitted, it
goes to the news reviewers as a Chinese item does, and once approved it is on /en/news/."""

import re

import pytest
from wagtail.models import Locale

from news.editorial import NEWS_EDITORS, NEWS_REVIEWERS
from portal.english_edition import translate
from tests.browser.test_news_workflow import approve, log_in
from tests.factories import NewsPageFactory, build_site, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 390])
def test_an_editor_translates_a_news_item(page, live_server, shoot, width):
    tree = build_site()
    translate(tree.home, title="Home")
    translate(tree.news_index, title="News")
    news = NewsPageFactory(parent=tree.news_index, title="联合实验室揭牌", slug="lab-opens")
    make_user("editor", NEWS_EDITORS)
    make_user("reviewer", NEWS_REVIEWERS)

    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/translation/submit/page/{news.pk}/")
    page.get_by_label("English").check()
    assert shoot(page, f"translate-news-{width}") == []
    page.locator("main form input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    english = news.get_translation(Locale.objects.get(language_code="en"))
    assert page.url.endswith(f"/admin/pages/{english.pk}/edit/")
    page.fill("#id_title", "Joint laboratory opens")
    page.eval_on_selector("button[name=action-submit]", "button => button.click()")
    page.get_by_text("已经提交进行审核").wait_for()
    english.refresh_from_db()
    assert not english.live and english.current_workflow_state is not None

    approve(page, live_server, english)
    assert english.live
    page.goto(live_server.url + "/en/news/")
    assert page.get_by_role("link", name="Joint laboratory opens").is_visible()
