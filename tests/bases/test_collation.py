"""Names and countries are listed in pinyin order, as a Chinese reader looks for them, and the
countries carry the names China uses."""

import re

import pytest

from bases.models import Country
from portal.collation import pinyin_key
from tests.factories import make_applicant, make_application, make_base

pytestmark = pytest.mark.django_db


def test_pinyin_key_orders_by_sound_then_tone():
    words = ["加纳", "丹麦", "阿富汗", "几内亚比绍", "不丹", "几内亚", "东帝汶", "吉布提"]
    assert sorted(words, key=pinyin_key) == [
        "阿富汗",
        "不丹",
        "丹麦",
        "东帝汶",
        "吉布提",
        "几内亚",
        "几内亚比绍",
        "加纳",
    ]
    assert pinyin_key(" ICP备案 ") == "icp bei4 an4"


def test_countries_are_in_pinyin_order_with_their_chinese_names():
    names = list(Country.objects.values_list("name", flat=True))
    assert names[:3] == ["阿尔巴尼亚", "阿尔及利亚", "阿富汗"]
    assert names.index("澳大利亚") < names.index("巴基斯坦") < names.index("德国")
    assert all(name == name.strip() for name in names)
    assert len(set(names)) == len(names)
    wrong = {"塔吉克斯斯坦", "尼珀尔", "波斯尼亚和黑塞哥维", "法属奎亚那", "马其顿"}
    assert not wrong & set(names)
    assert Country.objects.get(code="WS").name == "萨摩亚"
    assert Country.objects.get(code="DM").name == "多米尼克"
    assert Country.objects.get(code="SJ").name == "斯瓦尔巴群岛和扬马延岛"


def test_the_application_form_offers_countries_in_pinyin_order(client, site_tree):
    applicant = make_applicant()
    application = make_application(applicant)
    client.force_login(applicant)
    html = client.get(f"/apply/mine/{application.pk}/edit/").content.decode()
    block = re.search(r'name="base-partner_countries".*?(?=name="base-goals")', html, re.S)
    labels = re.findall(r"(阿富汗|不丹|丹麦|东帝汶)", block.group(0))
    assert labels == ["阿富汗", "不丹", "丹麦", "东帝汶"]


def test_the_directory_lists_bases_in_pinyin_order(client, directory):
    for name in ("东胜国际技术转移中心", "阿拉善沙产业国际创新园", "北疆乳业国际科技合作基地"):
        make_base(name=name)
    html = client.get("/bases/").content.decode()
    found = re.findall(r'<li class="base-card">\s*<h3><a href="[^"]+">([^<]+)</a>', html)
    assert found == [
        "阿拉善沙产业国际创新园",
        "北疆乳业国际科技合作基地",
        "东胜国际技术转移中心",
    ]
