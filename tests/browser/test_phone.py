"""The public site on a 360–390 px phone: tables become cards whose cells say what they are
(the ``table-stack`` pattern of 「我的申报」), the menu and the directory's filters work with
JavaScript off, and short words are not broken, with screenshots of what was seen."""

import datetime
import re

import pytest

from bases.models import BaseStatus, Country, LeagueCity, PartnerInstitution
from tests.browser.layout import lines
from tests.factories import (
    PASSWORD,
    ApplicationCallFactory,
    HostOrganisationFactory,
    NationalRecommendationFactory,
    make_applicant,
    make_application,
    make_base,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONES = [{"width": 360, "height": 800}, {"width": 390, "height": 844}]

# Each row of a table as the reader sees it: [label shown before the cell, the cell's text];
# a row heading has no label. Without the card layout there are no labels at all.
CARDS = """table => [...table.tBodies[0].rows].map(row => [...row.cells].map(cell => [
    cell.tagName === "TH" ? "" : getComputedStyle(cell, "::before").content.replace(/^"|"$/g, ""),
    cell.innerText.trim(),
  ]))"""


def assert_cards(page, table, expected, viewport):
    """At this phone width the table's rows are cards: the column headings are not shown, every
    cell says which column it is, and no card is wider than the screen."""
    assert table.evaluate(CARDS) == expected, viewport
    assert table.locator("thead").bounding_box()["width"] <= 1, viewport
    for row in table.locator("tbody tr").all():
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], viewport


def test_the_policy_library_is_a_list_of_cards_on_a_phone(page, live_site):
    for viewport in PHONES:
        page.set_viewport_size(viewport)
        page.goto(live_site.url + "/policy/")
        assert_cards(
            page,
            page.locator("table.policy-table"),
            [
                [
                    ["", "内蒙古自治区国际科技合作基地管理办法（试行）"],
                    ["文号", "—"],
                    ["发布机关", "内蒙古自治区科学技术厅"],
                    ["发布日期", "原文未载明"],
                    ["效力状态", "试行"],
                ]
            ],
            viewport,
        )


def test_the_profiles_tables_are_cards_on_a_phone(page, live_site):
    base = make_base(
        "呼和浩特市",
        host=HostOrganisationFactory(name="北疆乳业研究院"),
        name="北疆乳业国际科技合作基地",
        accredited_on=datetime.date(2022, 6, 1),
    )
    PartnerInstitution.objects.create(
        base=base,
        name="梅西大学乳品研究所",
        country=Country.objects.get(code="NZ"),
        since=2018,
        agreement="科技合作协议",
    )
    NationalRecommendationFactory(base=base, year=2025)
    base.change_status(
        BaseStatus.RECTIFYING,
        on=datetime.date(2025, 3, 1),
        reason="年度考核不合格，限期整改",
        article="《管理办法》第十二条第（三）项",
    )
    for viewport in PHONES:
        page.set_viewport_size(viewport)
        page.goto(f"{live_site.url}/bases/{base.pk}/")
        partners = page.locator("section[aria-labelledby='s-partners'] table")
        assert_cards(
            page,
            partners,
            [
                [
                    ["", "梅西大学乳品研究所"],
                    ["国家和地区", "新西兰"],
                    ["合作起始", "2018"],
                    ["合作协议", "科技合作协议"],
                ]
            ],
            viewport,
        )
        recommendations = page.locator("#s-recommendations")
        # The caption spans the cards, not one character's width beside them.
        caption = recommendations.locator("caption").bounding_box()
        assert caption["width"] >= recommendations.bounding_box()["width"] - 1, viewport
        assert recommendations.evaluate(CARDS)[0][1:] == [
            ["类别", "推荐申报国家级国际科技合作基地（第十七条）"],
            ["项目", "—"],
            ["结果", "评审中"],
        ]
        # Newest first.
        history = page.locator("section[aria-labelledby='s-history'] table")
        assert_cards(
            page,
            history,
            [
                [
                    ["日期", "2025-03-01"],
                    ["状态", "整改中"],
                    ["原因", "年度考核不合格，限期整改"],
                    ["依据", "《管理办法》第十二条第（三）项"],
                ],
                [
                    ["日期", "2022-06-01"],
                    ["状态", "已认定"],
                    ["原因", "认定"],
                    ["依据", "—"],
                ],
            ],
            viewport,
        )


def test_without_javascript_a_phone_reaches_the_directory_and_filters_it(browser, live_site, shoot):
    """JavaScript off, at 390 px: 栏目导航 opens the menu, which leads to 基地展示; there the
    folded filters open, and a filter is submitted, with nothing but HTML and CSS."""
    make_base("包头市", name="包头稀土高新区国际合作园")
    make_base("赤峰市", name="红山农牧国际科技合作基地")
    context = browser.new_context(
        locale="zh-CN", java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(live_site.url + "/")
    nav = page.get_by_role("navigation", name="主导航")
    assert not nav.get_by_role("link", name="基地展示").is_visible()
    nav.get_by_text("栏目导航").click()
    nav.get_by_role("link", name="基地展示").click()
    page.wait_for_url(re.compile(r"/bases/$"))
    assert page.locator(".base-card").count() == 2

    filters = page.locator("#directory-filters")
    assert not filters.is_visible()
    page.locator(".filter-toggle summary").click()
    assert filters.is_visible()
    assert shoot(page, "directory-filters-open-without-js") == []
    page.set_viewport_size({"width": 390, "height": 844})  # shoot() leaves it at 1366 px.
    league = LeagueCity.objects.get(name="赤峰市").pk
    filters.get_by_label("所在盟市").select_option(str(league))
    filters.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(rf"league={league}"))
    assert page.locator(".base-card h3").all_inner_texts() == ["红山农牧国际科技合作基地"]
    # The panel folds again after the search, saying how many filters are on.
    assert not filters.is_visible()
    assert "已选 1 项" in page.locator(".filter-toggle summary").inner_text()
    context.close()


def test_my_applications_and_the_form_keep_words_whole(page, live_site, shoot):
    """「我的申报」 as an applicant sees it: on a desktop the reference, the time and the button
    stay on one line each (not SB2026-/0003 or 继续填/写); the form's 248 countries scroll down
    inside their box, at every width, instead of running sideways out of it."""
    user = make_applicant(registration_date=datetime.date(2015, 1, 1))
    call = ApplicationCallFactory(title="2026年度国合基地认定申报通知")
    draft = make_application(user, call=call)
    page.goto(live_site.url + "/apply/login/")
    page.get_by_label("电子邮箱").fill(user.username)
    page.locator("input[name='password']").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/apply/mine/$"))
    assert shoot(page, "my-applications") == []
    row = page.locator("tbody tr", has_text=draft.reference)
    for cell in ("申报编号", "更新时间"):
        assert lines(row.locator(f"td[data-label='{cell}']")) == 1, cell
    button = row.get_by_role("link", name="继续填写")
    assert lines(button) == 1

    button.click()
    page.wait_for_url(re.compile(rf"/apply/mine/{draft.pk}/edit/$"))
    countries = page.locator(".option-list fieldset > div").first
    for width, height in ((1366, 900), (390, 844), (360, 800)):
        page.set_viewport_size({"width": width, "height": height})
        across, down = countries.evaluate(
            "box => [box.scrollWidth - box.clientWidth, box.scrollHeight - box.clientHeight]"
        )
        assert across == 0 and down > 0, (width, across, down)
    assert shoot(page, "application-form") == []
