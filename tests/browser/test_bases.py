import datetime
import re

import pytest

from bases.models import BaseIndexPage, BaseType, LeagueCity
from tests.factories import build_home, make_base, publish_child

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filter_the_directory_by_type_and_league_and_open_a_profile(page, live_server):
    home = build_home()
    publish_child(home, BaseIndexPage(title="基地展示", slug="bases"))
    make_base(
        "包头市",
        BaseType.INNOVATION_PARK,
        datetime.date(2021, 5, 1),
        name="包头稀土国际创新园",
        countries=["JP"],
        summary_en="A rare-earth innovation park.",
    )
    make_base("包头市", BaseType.TECHNOLOGY_TRANSFER_CENTER, name="阴山国际技术转移中心")
    make_base("赤峰市", BaseType.INNOVATION_PARK, name="赤峰国际创新园")

    page.goto(live_server.url + "/bases/")
    assert page.get_by_role("status").inner_text() == "共 3 个国合基地"
    page.get_by_label("基地类型").select_option("innovation_park")
    league = LeagueCity.objects.get(name="包头市").pk
    page.get_by_label("所在盟市").select_option(str(league))
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"type=innovation_park"))
    assert f"league={league}" in page.url
    cards = page.locator(".base-card h3")
    assert cards.all_inner_texts() == ["包头稀土国际创新园"]

    cards.first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/bases/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "包头稀土国际创新园"
    assert page.locator("main [lang=en]").inner_text().endswith("A rare-earth innovation park.")
    assert "日本" in page.locator(".profile-facts").inner_text()
