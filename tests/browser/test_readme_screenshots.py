"""The pictures in the README, taken by this test as a reader sees the pages: the home page,
the Measures with their 「解读」 links, 互动交流 and the statistics' tile map. They go to the
browser screenshots folder like every other test's; with README_SCREENSHOTS=1 they are also
written to tests/browser/readme/, which the README shows (update them that way)."""

import os
import shutil
from pathlib import Path

import pytest

from bases.models import BaseType
from news.models import NewsCategory, NewsIndexPage
from portal.models import PolicyPage
from tests.browser.conftest import SCREENSHOTS
from tests.factories import (
    NewsPageFactory,
    QuestionFactory,
    interpretation,
    make_base,
    publish_answer,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

README_PICTURES = Path(__file__).parent / "readme"


@pytest.fixture
def content(live_site):
    news = NewsIndexPage.objects.get()
    measures = PolicyPage.objects.get(slug="measures")
    interpretation(news, measures, [5, 6, 7], title="一图读懂国合基地的三种类型")
    interpretation(news, measures, [12], title="《管理办法》中的“一票否决”如何理解")
    NewsPageFactory(parent=news, title="关于认定国合基地的公告", category=NewsCategory.NOTICE)
    for league, base_type in [
        ("呼和浩特市", BaseType.TECHNOLOGY_TRANSFER_CENTER),
        ("包头市", BaseType.INNOVATION_PARK),
        ("赤峰市", BaseType.DEMONSTRATION_BASE),
        ("呼伦贝尔市", BaseType.DEMONSTRATION_BASE),
    ]:
        make_base(league, base_type)
    publish_answer(
        QuestionFactory(question="技术转移中心申报时，合作协议需要提供原件吗？"),
        answer="提供加盖公章的复印件即可，现场考察时核对原件。",
        articles=[7],
        faq=True,
    )


def picture(page, name, selector=None):
    """Save the page (or one element of it) at 1366 px; returns the file."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"readme--{name}.png"
    page.set_viewport_size({"width": 1366, "height": 900})
    page.wait_for_load_state("networkidle")
    if selector:
        page.locator(selector).first.screenshot(path=target)
    else:
        page.screenshot(path=target)
    if os.environ.get("README_SCREENSHOTS"):
        README_PICTURES.mkdir(exist_ok=True)
        shutil.copy(target, README_PICTURES / f"{name}.png")
    return target


def test_the_readmes_pictures(page, live_site, content):
    page.goto(live_site.url + "/")
    assert page.get_by_role("heading", name="通知公告").is_visible()
    assert page.get_by_role("heading", name="互动交流").count() == 1
    picture(page, "home")

    page.goto(live_site.url + "/policy/measures/#art-6")
    article = page.locator("#art-6")
    assert article.get_by_role("link", name="一图读懂国合基地的三种类型").count() >= 1
    picture(page, "measures-interpretations")

    page.goto(live_site.url + "/interaction/")
    assert "技术转移中心申报时，合作协议需要提供原件吗？" in page.content()
    picture(page, "interaction")

    page.goto(live_site.url + "/bases/stats/")
    tile_map = page.locator("svg[aria-labelledby^='chart-league-map-title']")
    assert tile_map.is_visible()
    picture(page, "stats-map", "section.stats-block")
