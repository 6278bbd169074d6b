"""The public journeys, each at 1366 px and at 390 px, with screenshots of what they saw
(README: 浏览器测试截图): no page is wider than a phone, the menu works without JavaScript,
the directory's filters fold away on a phone, and the statistics stay legible at 360 px."""

import datetime
import re

import pytest

from bases.models import BaseType, Country, PartnerInstitution
from tests.factories import (
    PASSWORD,
    HostOrganisationFactory,
    NationalRecommendationFactory,
    PostSubsidyAwardFactory,
    make_base,
    submitted_application,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def registry(live_site):
    dairy = make_base(
        "呼和浩特市",
        host=HostOrganisationFactory(name="北疆乳业研究院"),
        name="北疆乳业国际科技合作基地",
        fields=["乳业与食品", "现代农牧业"],
        countries=["NZ", "NL", "DK"],
        summary_en="Dairy science with partners in New Zealand and the Netherlands.",
    )
    PartnerInstitution.objects.create(
        base=dairy, name="梅西大学乳品研究所", country=Country.objects.get(code="NZ")
    )
    dairy.save()
    park = make_base(
        "包头市",
        BaseType.INNOVATION_PARK,
        datetime.date(2021, 5, 1),
        name="包头稀土高新区国际合作园",
        fields=["稀土新材料"],
        countries=["JP", "DE"],
    )
    make_base("赤峰市", name="红山农牧国际科技合作基地", fields=["现代农牧业"], countries=["MN"])
    # Art. 16–18: on the dairy base's profile and in the statistics.
    PostSubsidyAwardFactory(base=dairy, year=2024)
    PostSubsidyAwardFactory(base=park, year=2025)
    NationalRecommendationFactory(base=dairy, year=2025)
    NationalRecommendationFactory(base=dairy, year=2025, project=True)
    return dairy


def test_read_the_measures_from_the_menu(page, live_site, shoot):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/")
    assert shoot(page, "home") == []
    page.set_viewport_size(PHONE)  # shoot() leaves the page at desktop width.
    nav = page.get_by_role("navigation", name="主导航")
    nav.get_by_text("栏目导航").click()
    nav.get_by_role("link", name="政策文件").click()
    page.wait_for_url(re.compile(r"/policy/$"))
    assert shoot(page, "policy-library") == []
    page.get_by_role("link", name="内蒙古自治区国际科技合作基地管理办法（试行）").first.click()
    page.wait_for_url(re.compile(r"/policy/measures/$"))
    assert shoot(page, "measures") == []
    page.goto(live_site.url + "/policy/measures/#art-6")
    assert page.locator("#art-6").is_visible()


def test_the_menu_works_without_javascript(browser, live_site, shoot):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_site.url + "/")
    nav = page.get_by_role("navigation", name="主导航")
    assert not nav.get_by_role("link", name="基地展示").is_visible()
    nav.get_by_text("栏目导航").click()
    assert nav.get_by_role("link", name="基地展示").is_visible()
    assert shoot(page, "menu-open-without-js") == []
    nav.get_by_role("link", name="申报服务").click()
    page.wait_for_url(re.compile(r"/apply/$"))
    # On a desktop the menu is simply there, and the disclosure is not.
    page.set_viewport_size({"width": 1366, "height": 900})
    assert (
        page.get_by_role("navigation", name="主导航")
        .get_by_role("link", name="政策文件")
        .is_visible()
    )
    assert not page.get_by_role("navigation", name="主导航").get_by_text("栏目导航").is_visible()
    context.close()


def test_filter_the_directory_on_a_phone_and_open_a_profile(page, live_site, registry, shoot):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/bases/")
    # The filters fold away, so the first base is on the first screen.
    assert not page.get_by_label("基地类型").is_visible()
    first = page.locator(".base-card").first.bounding_box()
    assert first["y"] + first["height"] < PHONE["height"]
    assert shoot(page, "directory") == []
    page.set_viewport_size(PHONE)
    page.get_by_text("筛选条件").click()
    page.get_by_label("合作领域").select_option(label="现代农牧业（2）")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"field=\d+"))
    assert page.locator(".base-card h3").all_inner_texts() == [
        "北疆乳业国际科技合作基地",
        "红山农牧国际科技合作基地",
    ]
    assert "已选 1 项" in page.locator(".filter-toggle summary").inner_text()
    assert shoot(page, "directory-filtered") == []
    page.get_by_role("link", name="北疆乳业国际科技合作基地").click()
    page.wait_for_url(re.compile(rf"/bases/{registry.pk}/$"))
    english = page.locator("main [lang=en]").inner_text()
    assert "New Zealand" in english
    assert shoot(page, "profile") == []
    # On a desktop the filters are open beside the results.
    page.goto(live_site.url + "/bases/")
    assert page.get_by_label("基地类型").is_visible()


def test_search_finds_a_base_by_its_host(page, live_site, registry, shoot):
    page.set_viewport_size(PHONE)
    page.goto(live_site.url + "/")
    page.get_by_label("站内搜索").fill("北疆乳业")
    page.get_by_label("站内搜索").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    first = page.locator(".search-result").first
    assert first.locator(".badge").inner_text() == "国合基地"
    assert first.locator(".search-result__url").inner_text() == f"/bases/{registry.pk}/"
    assert shoot(page, "search") == []
    first.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/bases/{registry.pk}/$"))


def test_the_statistics_are_legible_on_a_360_px_phone(page, live_site, registry, shoot):
    page.goto(live_site.url + "/bases/stats/")
    assert shoot(page, "statistics") == []
    page.set_viewport_size({"width": 360, "height": 800})
    # The smallest text of every chart, in CSS pixels as drawn on the screen.
    smallest = page.evaluate(
        """[...document.querySelectorAll("svg.chart")].map(svg =>
             Math.min(...[...svg.querySelectorAll("text")].map(t =>
               t.getBoundingClientRect().height)))"""
    )
    # The registry's four (with the tile map of the leagues) and the rewards' two; the
    # cooperation figures have none until a summary is filed.
    assert len(smallest) == 6 and min(smallest) >= 11, smallest
    # No column heading is broken inside a word: each is on one line.
    lines = page.evaluate(
        """[...document.querySelectorAll(".stats-table thead th")].map(th => {
             const range = document.createRange(); range.selectNodeContents(th);
             return [th.textContent, new Set([...range.getClientRects()].map(r => r.top)).size];
           })"""
    )
    assert all(count == 1 for _text, count in lines), lines
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_follow_an_application_on_my_applications(page, live_site, shoot):
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    page.goto(live_site.url + "/apply/login/")
    page.get_by_label("电子邮箱").fill(application.applicant.username)
    page.locator("input[name='password']").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/apply/mine/$"))
    assert shoot(page, "my-applications") == []
    page.set_viewport_size(PHONE)
    # Each application is a card whose fields say what they are, not a table squeezed to
    # one character a line.
    card = page.locator("tbody tr").first
    assert "推荐部门审核中" in card.inner_text()
    assert card.bounding_box()["width"] <= PHONE["width"]
    name = card.get_by_role("link", name=application.base_name)
    assert name.bounding_box()["height"] < 60
    name.click()
    page.wait_for_url(re.compile(rf"/apply/mine/{application.pk}/$"))
    assert "办理进程" in page.content()
    assert shoot(page, "application") == []
