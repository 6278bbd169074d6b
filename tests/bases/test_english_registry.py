"""The public registry in English (issue 18): the directory and its filters, the profiles,
the statistics and the downloads at /en/bases/, with the registry's English names, and a
name given only in Chinese shown in Chinese and marked as such. The test site has no English
page tree, so the Chinese directory page serves /en/bases/ with a note: the registry's own
parts are English all the same. The Chinese pages and downloads are unchanged."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bases.models import (
    BaseAchievement,
    BaseChange,
    BaseContact,
    BaseImage,
    BaseStatus,
    BaseType,
    ChangeKind,
    CooperationField,
    Country,
    LeagueCity,
    PartnerInstitution,
)
from portal.english_edition import translate
from tests.english import chinese_left
from tests.factories import (
    HostOrganisationFactory,
    ImageFactory,
    NewsPageFactory,
    make_base,
    make_summary,
)
from tests.factories.rewards import NationalRecommendationFactory, PostSubsidyAwardFactory

pytestmark = pytest.mark.django_db

NOTE = "This page has not been translated into English yet, so it is shown in Chinese."


@pytest.fixture
def registry(site_tree):
    """A base named in English throughout, in 包头, and one named only in Chinese, in 赤峰."""
    CooperationField.objects.create(name="稀土新材料", name_en="Rare earth materials")
    CooperationField.objects.create(name="现代农牧业")  # no English name yet
    host = HostOrganisationFactory(
        league="包头市", name="包头稀土研究院", name_en="Baotou Rare Earth Research Institute"
    )
    named = make_base(
        host=host,
        base_type=BaseType.INNOVATION_PARK,
        accredited_on=datetime.date(2024, 3, 5),
        fields=["稀土新材料"],
        countries=["JP", "DE"],
        name="包头稀土国际创新园",
        name_en="Baotou Rare Earth International Innovation Park",
        summary="包头稀土国际创新园的中文简介。",
        summary_en="A park for rare-earth cooperation.",
        decision_number="内科发〔2024〕12号",
    )
    PartnerInstitution.objects.create(
        base=named,
        name="东北大学",
        name_en="Tohoku University",
        country=Country.objects.get(code="JP"),
        since=2019,
    )
    unnamed = make_base(
        "赤峰市",
        BaseType.DEMONSTRATION_BASE,
        datetime.date(2023, 8, 1),
        fields=["现代农牧业"],
        countries=["MN"],
        name="红山农牧国际科技合作基地",
    )
    return {"named": named, "unnamed": unnamed}


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def element(html, tag, start):
    """The element of ``tag`` that begins with ``start`` (its opening tag up to there)."""
    match = re.search(rf"{re.escape(start)}.*?</{tag}>", html, re.S)
    assert match, start
    return match.group(0)


def cards(html):
    return re.findall(r'<li class="base-card">\s*<h3><a href="([^"]+)"[^>]*>([^<]+)</a>', html)


def options(html, name):
    select = element(html, "select", f'<select class="form-select" id="f-{name}"')
    return re.findall(r"<option ([^>]*)>([^<]*)</option>", select)


def table(html, slug):
    """The head and rows of the table under the heading of id ``slug``."""
    match = re.search(
        rf'<h2 id="{slug}">.*?<thead>(.*?)</thead>\s*<tbody>(.*?)</tbody>', html, re.S
    )
    head = re.findall(r"<th[^>]*>(.*?)</th>", match.group(1))
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(2), re.S)
    return head, [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]


def chart(html, chart_id):
    return re.search(rf'<svg[^>]*aria-labelledby="{chart_id}-title.*?</svg>', html, re.S)[0]


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


# --- The directory -------------------------------------------------------------------------


def test_the_english_directory_shows_the_registry_in_english(client, registry):
    named, unnamed = registry["named"], registry["unnamed"]
    html = get(client, "/en/bases/")
    assert chinese_left(html) == []
    assert NOTE in html  # the page itself is not translated; the registry is English
    # Its title is translated, so it is not marked as Chinese as the untranslated page is.
    assert "<title>Directory of bases - " in html
    assert cards(html) == [
        (f"/en/bases/{named.pk}/", "Baotou Rare Earth International Innovation Park"),
        (f"/en/bases/{unnamed.pk}/", "红山农牧国际科技合作基地"),
    ]
    card = element(html, "li", '<li class="base-card">')
    assert ">International Innovation Park</span>" in card
    assert "<span>Baotou</span>" in card
    assert "<span>Host organisation: Baotou Rare Earth Research Institute</span>" in card
    assert 'Accredited in <time datetime="2024-03-05">March 2024</time>' in card
    assert "Fields of cooperation: Rare earth materials</p>" in card
    assert "Partner countries and regions: Germany, Japan</p>" in card
    # The base named only in Chinese: its name, its host's and its field marked as Chinese.
    assert f'<a href="/en/bases/{unnamed.pk}/" lang="zh-CN">红山农牧国际科技合作基地</a>' in html
    assert f'Host organisation: <span lang="zh-CN">{unnamed.host.name}</span>' in html
    assert 'Fields of cooperation: <span lang="zh-CN">现代农牧业</span>' in html
    assert ">2 bases</h2>" in html
    assert 'href="/en/bases/stats/"' in html and 'href="/en/bases/export.csv"' in html
    assert 'action="/en/bases/"' in html


def test_the_english_filters_offer_english_names(client, registry):
    html = get(client, "/en/bases/")
    baotou = LeagueCity.objects.get(name="包头市").pk
    chifeng = LeagueCity.objects.get(name="赤峰市").pk
    assert options(html, "league") == [
        ('value=""', "All"),
        (f'value="{baotou}"', "Baotou (1)"),
        (f'value="{chifeng}"', "Chifeng (1)"),
    ]
    farming = CooperationField.objects.get(name="现代农牧业").pk
    rare_earth = CooperationField.objects.get(name="稀土新材料").pk
    assert set(options(html, "field")) == {
        ('value=""', "All"),
        (f'value="{rare_earth}"', "Rare earth materials (1)"),
        (f'value="{farming}" lang="zh-CN"', "现代农牧业 (1)"),
    }
    assert {label for _value, label in options(html, "country")} == {
        "All",
        "Germany (1)",
        "Japan (1)",
        "Mongolia (1)",
    }
    assert [label for _value, label in options(html, "type")] == [
        "All",
        "International Innovation Park (1)",
        "Demonstration International S&amp;T Cooperation Base (1)",
    ]
    assert [label for _value, label in options(html, "year")] == ["All", "2024 (1)", "2023 (1)"]
    assert [label for _value, label in options(html, "sort")] == [
        "Name (in pinyin order)",
        "Accreditation (newest first)",
        "Accreditation (oldest first)",
    ]
    assert 'placeholder="Name, field, partner country"' in html


def test_the_english_filters_by_league_and_field_find_the_right_bases(client, registry):
    named, unnamed = registry["named"], registry["unnamed"]
    baotou = LeagueCity.objects.get(name="包头市").pk
    html = get(client, "/en/bases/", league=baotou)
    assert chinese_left(html) == []
    assert [url for url, _name in cards(html)] == [f"/en/bases/{named.pk}/"]
    assert ">1 base matches</h2>" in html and "Filters (1 chosen)" in html
    assert f'<option value="{baotou}" selected>Baotou (1)</option>' in html
    assert '<a href="/en/bases/">Clear all filters</a>' in html
    assert f'href="/en/bases/export.csv?league={baotou}"' in html

    farming = CooperationField.objects.get(name="现代农牧业").pk
    html = get(client, "/en/bases/", field=farming, sort="newest")
    assert chinese_left(html) == []
    assert [url for url, _name in cards(html)] == [f"/en/bases/{unnamed.pk}/"]

    html = get(client, "/en/bases/", league=LeagueCity.objects.get(name="呼和浩特市").pk)
    assert chinese_left(html) == []
    assert ">0 bases match</h2>" in html
    assert 'No base matches these filters. <a href="/en/bases/">See all bases</a>' in html


def test_the_chinese_directory_is_unchanged(client, registry):
    html = get(client, "/bases/")
    assert cards(html)[0] == (f"/bases/{registry['named'].pk}/", "包头稀土国际创新园")
    assert "共 2 个国合基地</h2>" in html and ">筛选条件</summary>" in html
    assert "<span>依托单位：包头稀土研究院</span>" in html
    assert '认定于 <time datetime="2024-03-05">2024年3月</time>' in html
    assert "合作领域：稀土新材料</p>" in html and "合作国家和地区：德国、日本</p>" in html
    assert "包头市（1）</option>" in html and "2024年（1）</option>" in html
    assert "统计数据</a> · 开放数据：" in html and 'placeholder="名称、领域、合作国家"' in html
    main = element(html, "main", "<main")
    assert "Baotou" not in main and "Rare earth" not in main and "lang=" not in main


def test_an_english_directory_page_serves_the_registry_in_english_too(client, registry):
    from bases.models import BaseIndexPage

    translate(BaseIndexPage.objects.get(), title="Bases", intro="The accredited bases.")
    html = get(client, "/en/bases/")
    assert NOTE not in html and "<h1>Bases</h1>" in html
    assert chinese_left(html) == []
    assert cards(html)[0][0] == f"/en/bases/{registry['named'].pk}/"
    html = get(client, f"/en/bases/{registry['named'].pk}/")
    assert chinese_left(html) == []


def measure(client, url):
    client.get(url)  # ContentType ids, once per process
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_english_costs_the_queries_chinese_costs_whatever_the_number_of_bases(client, registry):
    """The English names come with the Chinese ones, in the same queries."""
    baotou = LeagueCity.objects.get(name="包头市").pk
    counts = [measure(client, url) for url in ("/en/bases/", f"/en/bases/?league={baotou}")]
    assert counts[0] == measure(client, "/bases/")
    for number in range(8):
        make_base("包头市", fields=["稀土新材料", f"领域{number}"], countries=["JP", "MN"])
    assert [measure(client, url) for url in ("/en/bases/", f"/en/bases/?league={baotou}")] == counts
    named = registry["named"].pk
    assert measure(client, f"/en/bases/{named}/") == measure(client, f"/bases/{named}/")


# --- The profiles --------------------------------------------------------------------------


def test_the_english_profile_shows_the_english_names_and_summary(client, registry):
    named = registry["named"]
    html = get(client, f"/en/bases/{named.pk}/")
    assert chinese_left(html) == []
    assert "<title>Baotou Rare Earth International Innovation Park - " in html
    assert '<h1 id="base-title">Baotou Rare Earth International Innovation Park</h1>' in html
    assert "<dt>Host organisation</dt><dd>Baotou Rare Earth Research Institute</dd>" in html
    assert "<dt>League / city</dt><dd>Baotou</dd>" in html
    assert '<dd lang="zh-CN">包头市科学技术局</dd>' in html  # no English name kept
    assert '<time datetime="2024-03-05">5 March 2024</time>' in html
    assert '<dd lang="zh-CN">内科发〔2024〕12号</dd>' in html
    assert "<dd>Rare earth materials</dd>" in html and "<dd>Germany, Japan</dd>" in html
    assert '<h2 id="s-summary">About the base</h2><p>A park for rare-earth cooperation.</p>' in html
    assert "中文简介" not in html
    assert '<th scope="row">Tohoku University</th><td data-label="Country or region">Japan' in html
    assert ">Accredited</span>" in html and ">Status history</h2>" in html


def test_a_base_without_english_names_shows_them_in_chinese_marked_as_such(client, registry):
    unnamed = registry["unnamed"]
    unnamed.change_status(
        BaseStatus.REVOKED, on=datetime.date(2026, 4, 10), reason="主动申请撤销", article=""
    )
    html = get(client, f"/en/bases/{unnamed.pk}/")
    assert chinese_left(html) == []
    # The document's title is the Chinese name, and says so.
    assert '<title lang="zh-CN">红山农牧国际科技合作基地 - ' in html
    profile = element(html, "article", "<article ")
    assert '<h1 id="base-title" lang="zh-CN">红山农牧国际科技合作基地</h1>' in profile
    assert f'<dd lang="zh-CN">{unnamed.host.name}</dd>' in profile
    assert "<dt>League / city</dt><dd>Chifeng</dd>" in profile
    assert '<dd><span lang="zh-CN">现代农牧业</span></dd>' in profile
    assert "lost its title of Inner Mongolia International S&T Cooperation Base on " in html
    assert "10 April 2026." in html and 'Reason: <span lang="zh-CN">主动申请撤销</span>' in html
    assert ">Revoked</span>" in html


def test_an_english_profile_with_everything_a_profile_shows(client, site_tree, registry):
    base = registry["named"]
    for number in range(2):
        BaseAchievement.objects.create(base=base, year=2024, title=f"成果{number}")
        BaseContact.objects.create(
            base=base, office="国际合作办公室", phone="0472-0000000", address="包头市"
        )
        BaseImage.objects.create(base=base, image=ImageFactory(title=f"图片{number}"))
        BaseChange.objects.create(
            base=base,
            kind=ChangeKind.BASE_HEAD,
            changed_on=datetime.date(2025, 1, 1 + number),
            summary=f"基地负责人变更{number}",
        )
        PostSubsidyAwardFactory(base=base, year=2023 + number)
        NationalRecommendationFactory(base=base, year=2023 + number)
        make_summary(base, 2023 + number, projects=["JP"], agreements=["DE"], papers=2)
        news = NewsPageFactory(parent=site_tree.news_index, title=f"基地新闻{number}")
        news.related_bases.add(base)
        news.save()
    html = get(client, f"/en/bases/{base.pk}/")
    assert chinese_left(html) == []
    head, rows = table(html, "s-figures")
    assert head[:3] == ["Year", "Cooperation projects", "Agreements signed"]
    assert rows[0][:3] == ["2024", "1", "1"]
    assert (
        "<strong>2024</strong>" in html and "Post-subsidy awards (Art. 16 of the Measures)" in html
    )
    assert ">Recommended for a national-level international S&amp;T cooperation base" in html
    assert ">Change of the base&#x27;s head</td>" in html and " · Telephone: 0472-0000000" in html
    assert re.search(r'<a href="/en/news/[^"]+" lang="zh-CN">基地新闻1</a>', html)


def test_the_chinese_profile_is_unchanged(client, registry):
    html = get(client, f"/bases/{registry['named'].pk}/")
    assert '<h1 id="base-title">包头稀土国际创新园</h1>' in html
    assert "<dt>依托单位</dt><dd>包头稀土研究院</dd>" in html
    assert '<time datetime="2024-03-05">2024年3月5日</time>' in html
    assert "<dd>稀土新材料</dd>" in html and "<dd>德国、日本</dd>" in html
    assert '<h2 id="s-summary">基地简介</h2><p>包头稀土国际创新园的中文简介。</p>' in html
    assert '<section aria-labelledby="s-en" lang="en"><h2 id="s-en">About the base</h2>' in html
    assert '<th scope="row">东北大学</th><td data-label="国家和地区">日本</td>' in html
    main = element(html, "main", "<main")
    assert "Baotou" not in main and 'lang="zh-CN"' not in main


# --- The statistics and the downloads -------------------------------------------------------


@pytest.fixture
def records(registry):
    make_summary(registry["named"], 2024, projects=["JP", "JP"], agreements=["DE"], papers=3)
    PostSubsidyAwardFactory(base=registry["named"], year=2024)
    NationalRecommendationFactory(base=registry["unnamed"], year=2024)
    return registry


def test_the_english_statistics_have_english_headings_names_and_charts(client, records):
    html = get(client, "/en/bases/stats/")
    assert "<h1>Statistics of the bases</h1>" in html
    head, rows = table(html, "t-type-league")
    assert head == [
        "League / city",
        "International Innovation Park",
        "International Technology Transfer Center",
        "Demonstration International S&amp;T Cooperation Base",
        "Total",
    ]
    rows = {row[0]: row[1:] for row in rows}
    assert rows["Baotou"] == ["1", "0", "0", "1"] and rows["Total"] == ["1", "0", "1", "2"]
    assert table(html, "t-years")[0] == ["Year", "Bases accredited"]
    assert dict(table(html, "t-countries")[1]) == {"Germany": "1", "Japan": "1", "Mongolia": "1"}
    assert table(html, "t-projects-countries") == (
        ["Country or region", "2024", "Total"],
        [["Japan", "2", "2"]],
    )
    assert table(html, "t-recommendations")[0] == [
        "Year",
        "National base",
        "National project",
        "Total",
        "Of which approved",
    ]
    assert 'href="/en/bases/stats/years.csv">download CSV</a>' in html
    assert 'href="/en/bases/export.csv">directory of bases (CSV)</a>' in html
    # The charts: the tile map's legend, tiles and note, and the bars' labels and descriptions.
    tiles = chart(html, "chart-league-map")
    assert ">P = International Innovation Park</text>" in tiles
    assert (
        "<g><title>Baotou: International Innovation Park 1, International Technology Transfer "
        "Center 0, Demonstration International S&amp;T Cooperation Base 0</title>"
    ) in tiles
    assert 'font-weight="700" fill="#1a1a1a">Xilingol</text>' in tiles
    assert ">P 1</text>" in tiles and "no boundaries" in tiles
    assert "Baotou International Innovation Park 1, International Technology Transfer" in tiles
    bars = chart(html, "chart-type-league")
    assert '<title id="chart-type-league-title">Bases by league / city and type</title>' in bars
    assert "Baotou 1; " in bars and ">Chifeng</text>" in bars
    years = chart(html, "chart-results")
    assert ">2024</text>" in years and ">Papers</text>" in years


def test_the_english_statistics_page_has_no_chinese_left(client, records):
    html = get(client, "/en/bases/stats/")
    assert chinese_left(html) == []
    assert 'aria-current="page">Statistics</li>' in html


def test_the_chinese_statistics_are_unchanged(client, records):
    html = get(client, "/bases/stats/")
    assert "<h1>国合基地统计</h1>" in html
    assert table(html, "t-type-league")[0] == [
        "盟市",
        "国际创新园",
        "国际技术转移中心",
        "示范型国际科技合作基地",
        "合计",
    ]
    assert table(html, "t-projects-countries") == (
        ["国家和地区", "2024年", "合计"],
        [["日本", "2", "2"]],
    )
    assert '<title id="chart-league-map-title">国合基地分布示意图（按盟市、类型）</title>' in html
    assert ">创＝国际创新园</text>" in html and "Baotou" not in html


def test_the_english_statistics_csv_has_english_headings_and_names(client, records):
    assert csv_rows(client.get("/en/bases/stats/years.csv"))[0] == ["Year", "Bases accredited"]
    rows = csv_rows(client.get("/en/bases/stats/type-league.csv"))
    assert rows[0][0] == "League / city" and rows[0][-1] == "Total"
    assert ["Baotou", "1", "0", "0", "1"] in rows and rows[-1][0] == "Total"
    rows = csv_rows(client.get("/en/bases/stats/results.csv"))
    assert rows[0][:3] == ["Year", "Papers", "Patents"] and rows[1][:2] == ["2024", "3"]
    # The Chinese download, byte for byte as before.
    chinese = client.get("/bases/stats/projects-countries.csv").content
    assert chinese == "\ufeff国家和地区,2024年,合计\r\n日本,2,2\r\n".encode()


def test_the_english_directory_download_has_english_headings_and_names(client, records):
    named, unnamed = records["named"], records["unnamed"]
    rows = csv_rows(client.get("/en/bases/export.csv"))
    assert rows[0][:5] == ["ID", "Name of the base", "Type of base", "Status", "Host organisation"]
    assert rows[0][-3:] == ["Partner countries and regions", "Website", "Profile address"]
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    park = by_id[str(named.pk)]
    assert park["Name of the base"] == "Baotou Rare Earth International Innovation Park"
    assert park["Type of base"] == "International Innovation Park"
    assert park["Status"] == "Accredited"
    assert park["Host organisation"] == "Baotou Rare Earth Research Institute"
    assert park["League / city"] == "Baotou"
    assert park["Fields of cooperation"] == "Rare earth materials"
    assert park["Partner countries and regions"] == "Germany; Japan"
    assert park["Profile address"] == f"http://localhost/en/bases/{named.pk}/"
    farm = by_id[str(unnamed.pk)]
    assert farm["Name of the base"] == "红山农牧国际科技合作基地"
    assert farm["Fields of cooperation"] == "现代农牧业" and farm["League / city"] == "Chifeng"
    chinese = csv_rows(client.get("/bases/export.csv"))
    assert chinese[0][:3] == ["编号", "基地名称", "基地类型"]
    assert [row[1] for row in chinese[1:]] == ["包头稀土国际创新园", "红山农牧国际科技合作基地"]
    assert chinese[1][-4:-1] == ["稀土新材料", "德国、日本", ""]


def test_the_english_json_keeps_its_keys_and_translates_its_labels(client, records):
    english = json.loads(client.get("/en/bases/export.json").content)
    chinese = json.loads(client.get("/bases/export.json").content)
    assert list(english["fields"]) == list(chinese["fields"])
    assert (
        english["fields"]["name"] == "Name of the base" and chinese["fields"]["name"] == "基地名称"
    )
    assert [list(base) for base in english["bases"]] == [list(base) for base in chinese["bases"]]
    park = next(base for base in english["bases"] if base["id"] == records["named"].pk)
    assert park["name"] == "Baotou Rare Earth International Innovation Park"
    assert park["fields"] == ["Rare earth materials"]
    assert park["partner_countries"] == ["Germany", "Japan"]
    assert park["type"] == "International Innovation Park"
    filtered = json.loads(
        client.get("/en/bases/export.json", {"type": "demonstration_base"}).content
    )
    assert [base["name"] for base in filtered["bases"]] == ["红山农牧国际科技合作基地"]
