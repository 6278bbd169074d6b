"""A foreign partner reads a base's profile and switches language in a real browser, at 1366
and 390 px: the switcher in the header leads to the same profile in English and back."""

import re

import pytest

from bases.models import BaseIndexPage, CooperationField, Country, HostOrganisation
from portal.english_edition import translate
from tests.factories import build_site, make_base

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 390])
def test_a_reader_switches_a_profile_between_chinese_and_english(page, live_server, shoot, width):
    site = build_site()
    translate(site.home, title="Home", hero_heading="Inner Mongolia S&T Cooperation Bases")
    translate(BaseIndexPage.objects.get(), title="Bases")
    base = make_base(
        "包头市",
        name="鹿城稀土国际科技合作基地",
        name_en="Lucheng Rare-Earth International S&T Cooperation Base",
        summary="与日本、德国合作开发稀土永磁材料。",
        summary_en="Develops rare-earth permanent magnets with partners in Japan and Germany.",
        fields=["稀土新材料"],
        countries=["JP", "DE"],
    )
    CooperationField.objects.filter(name="稀土新材料").update(name_en="Rare-earth materials")
    HostOrganisation.objects.filter(pk=base.host_id).update(name_en="Lucheng Institute")
    Country.objects.filter(code="JP").update(name_en="Japan")

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/bases/{base.pk}/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.get_by_role("heading", level=1).inner_text() == "鹿城稀土国际科技合作基地"
    switcher = page.get_by_role("navigation", name="语言")
    assert switcher.is_visible()
    switcher.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(rf"/en/bases/{base.pk}/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Lucheng Rare-Earth International S&T Cooperation Base"
    body = page.locator("main").inner_text()
    assert "Develops rare-earth permanent magnets" in body and "Lucheng Institute" in body
    assert "not been translated" not in body
    assert shoot(page, f"profile-english-{width}") == []

    page.get_by_role("navigation", name="Language").get_by_role("link", name="简体中文").click()
    page.wait_for_url(re.compile(rf"{live_server.url}/bases/{base.pk}/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "鹿城稀土国际科技合作基地"
