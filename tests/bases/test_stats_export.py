import csv
import datetime
import io
import json
import re

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from bases.demo.registry import generate_bases
from bases.models import Base, BaseStatus, BaseStatusChange, BaseType, ReportStatus
from tests.factories import make_base, make_summary

pytestmark = pytest.mark.django_db


def table(html, slug):
    body = re.search(rf'<h2 id="t-{slug}">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]


def test_statistics_match_hand_counted_fixtures(client, revoked):
    # Fixtures: 包头 1 park + 1 transfer centre; 赤峰 1 demonstration base (+1 revoked).
    html = client.get("/bases/stats/").content.decode()
    rows = {row[0]: row[1:] for row in table(html, "type-league")}
    assert rows["包头市"] == ["1", "1", "0", "2"]
    assert rows["赤峰市"] == ["0", "0", "1", "1"]
    assert rows["呼和浩特市"] == ["0", "0", "0", "0"]
    assert rows["合计"] == ["1", "1", "1", "3"]
    # Accreditations per year include the revoked base: it was accredited in 2020.
    assert table(html, "years") == [["2020", "1"], ["2021", "1"], ["2022", "0"], ["2023", "2"]]
    # Countries of current bases: 俄罗斯 2 (transfer, demo), 蒙古 1 (the revoked one excluded).
    countries = dict(table(html, "countries"))
    assert countries["俄罗斯"] == "2"
    assert countries["蒙古"] == "1"
    assert countries["日本"] == "1"
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert 'role="img" aria-labelledby="chart-years-title chart-years-desc"' in html
    assert "2023 2" in html  # the chart's text description carries the numbers too


def test_the_tile_map_places_each_league_with_its_counts_by_type(client, revoked):
    html = client.get("/bases/stats/").content.decode()
    svg = re.search(r'<svg[^>]*aria-labelledby="chart-league-map-title[^"]*".*?</svg>', html, re.S)
    assert svg, "no tile map on the statistics page"
    svg = svg.group(0)
    assert '<title id="chart-league-map-title">国合基地分布示意图（按盟市、类型）</title>' in svg
    # Fourteen tiles (12 leagues and cities, 满洲里 and 二连浩特), each titled with its counts.
    tiles = re.findall(r"<g><title>(.*?)</title>", svg)
    assert len(tiles) == 14
    assert "包头市：国际创新园 1，国际技术转移中心 1，示范型国际科技合作基地 0" in tiles
    assert "赤峰市：国际创新园 0，国际技术转移中心 0，示范型国际科技合作基地 1" in tiles

    # Tiles stand in their rough place: 阿拉善 in the west, 呼伦贝尔 in the north-east.
    def tile_x(name):
        return float(re.search(rf'<rect x="([\d.]+)"[^>]*/><text[^>]*>{name}</text>', svg)[1])

    assert tile_x("阿拉善") < tile_x("包头") < tile_x("呼和浩特") < tile_x("呼伦贝尔")
    # The description (read by screen readers) carries every number, the table beside it too,
    # and the map says it draws no boundaries.
    assert "包头市 国际创新园1、国际技术转移中心1、示范型国际科技合作基地0" in svg
    assert "不表示界线" in svg


def test_statistics_csv_downloads_the_same_numbers(client, revoked):
    response = client.get("/bases/stats/years.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [
        ["年份", "认定数量"],
        ["2020", "1"],
        ["2021", "1"],
        ["2022", "0"],
        ["2023", "2"],
    ]
    assert client.get("/bases/stats/other.csv").status_code == 404


def test_csv_export_lists_current_bases_with_a_bom(client, bases, revoked):
    response = client.get("/bases/export.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row["基地名称"] for row in rows) == sorted(
        ["包头稀土国际创新园", "阴山国际技术转移中心", "红山农牧国际科技合作基地"]
    )
    demo = next(row for row in rows if row["基地名称"] == "红山农牧国际科技合作基地")
    assert demo["基地类型"] == "示范型国际科技合作基地"
    assert demo["所在盟市"] == "赤峰市"
    assert demo["合作领域"] == "现代农牧业、稀土新材料"
    assert demo["基地简介网址"] == f"http://localhost/bases/{bases['demo'].pk}/"


def test_json_export_is_utf8_and_honours_filters(client, revoked):
    response = client.get("/bases/export.json", {"type": "innovation_park"})
    assert response["Content-Type"] == "application/json"
    assert "包头稀土国际创新园".encode() in response.content  # not \\u escapes
    data = json.loads(response.content)
    assert data["count"] == 1
    record = data["bases"][0]
    assert record["name"] == "包头稀土国际创新园"
    assert record["partner_countries"] == ["德国", "日本"]
    assert record["status"] == "已认定"
    everything = json.loads(client.get("/bases/export.json").content)
    assert everything["count"] == 3


def test_generated_bases_are_searchable_and_recorded(directory):
    assert generate_bases(30, seed=1) == 30
    assert Base.objects.filter(status=BaseStatus.ACCREDITED).count() == 30
    assert BaseStatusChange.objects.count() == 30
    league_word = Base.objects.first().host.name[:2]
    assert Base.objects.search(league_word).count() >= 1


@pytest.mark.parametrize("count", [50, 500])
def test_showcase_pages_run_a_bounded_number_of_queries(
    client,
    directory,
    django_assert_max_num_queries,
    count,
):
    generate_bases(count, seed=count)
    base = make_base(
        "包头市",
        BaseType.INNOVATION_PARK,
        datetime.date(2024, 1, 1),
        fields=["稀土新材料"],
        countries=["JP"],
    )
    client.get("/")  # The first request of a site creates its footer settings row.
    with django_assert_max_num_queries(15):
        assert client.get("/bases/", {"sort": "newest"}).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/bases/", {"q": "稀土", "country": "JP"}).status_code == 200
    # The profile's public rewards and recommendations (Art. 16–18) and its change record
    # (Art. 14) are a query each.
    with django_assert_max_num_queries(15):
        assert client.get(f"/bases/{base.pk}/").status_code == 200
    # Two of them are the rewards' tables (Art. 16–18).
    with django_assert_max_num_queries(15):
        assert client.get("/bases/stats/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/bases/export.json").status_code == 200


def test_open_data_exports_cost_the_same_queries_for_ten_times_the_bases(client, directory):
    """Each export reads the bases, their fields and their countries in one query each."""

    def queries(count):
        generate_bases(count, seed=count)
        spent = {}
        for url in ("/bases/export.json", "/bases/export.csv"):
            client.get(url)  # Warm: the first request caches the site and its root page.
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url, {"sort": "newest"}).status_code == 200
            spent[url] = len(captured)
        return spent

    few = queries(5)
    many = queries(45)
    assert few == many
    assert max(many.values()) <= 6
    data = json.loads(client.get("/bases/export.json").content)
    assert data["count"] == 50
    assert all(record["fields"] and record["partner_countries"] for record in data["bases"])


def test_open_data_exports_build_no_model_instance_per_base(client, directory):
    """At 2,000 bases building some 17,000 instances per download cost most of a second of CPU:
    the exports read plain values."""
    generate_bases(30, seed=3)
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    post_init.connect(count)
    try:
        for url in ("/bases/export.json", "/bases/export.csv"):
            client.get(url)  # Warm: the first request caches the site and its root page.
            built.clear()
            assert client.get(url).status_code == 200
            # The directory page itself is read once, for the profiles' address.
            per_row = [model.__name__ for model in built if model._meta.app_label == "bases"]
            assert per_row == ["BaseIndexPage"], url
    finally:
        post_init.disconnect(count)


def test_charts_are_drawn_legible_on_a_360_px_phone(client, revoked):
    """Text drawn at font-size F in a viewBox W units wide shows at F × 336 / W px on a 360 px
    phone (its content is 336 px wide); it must stay at 11 px or more."""
    html = client.get("/bases/stats/").content.decode()
    charts = re.findall(r'<svg [^>]*viewBox="0 0 (\d+) \d+"[^>]*font-size="(\d+)"', html)
    assert (
        len(charts) == 3
    )  # the registry's; the cooperation figures have none until a summary is filed
    for width, font_size in charts:
        assert int(font_size) * 336 / int(width) >= 11
    assert 'font-size="' not in "".join(re.findall(r"<text[^>]*>", html))


def test_cooperation_figures_come_from_filed_summaries_only(client, bases):
    park, demo = bases["park"], bases["demo"]
    make_summary(
        park,
        2024,
        projects=["JP", "JP", "DE"],
        agreements=["JP"],
        papers=4,
        foreign_experts_hosted=6,
        staff_sent_abroad=2,
        talent_trained=10,
    )
    make_summary(demo, 2024, projects=["RU"], papers=1, foreign_experts_hosted=3)
    make_summary(park, 2025, projects=["DE"], agreements=["DE", "RU"], patents=2)
    # Neither a summary under review nor a returned one counts.
    make_summary(demo, 2025, status=ReportStatus.AWAITING_FILING, projects=["JP"], papers=99)
    make_summary(bases["transfer"], 2025, status=ReportStatus.RETURNED, papers=50)

    html = client.get("/bases/stats/").content.decode()
    projects = {row[0]: row[1:] for row in table(html, "projects-countries")}
    assert projects == {"日本": ["2", "0", "2"], "德国": ["1", "1", "2"], "俄罗斯": ["1", "0", "1"]}
    assert table(html, "agreements") == [["2024", "1"], ["2025", "2"]]
    assert table(html, "exchanges") == [["2024", "9", "2"], ["2025", "0", "0"]]
    results = {row[0]: row[1:] for row in table(html, "results")}
    assert results["2024"][:2] == ["5", "0"] and results["2025"][:2] == ["0", "2"]
    assert 'id="chart-projects-countries-title"' in html and 'id="chart-results-title"' in html

    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/bases/stats/projects-countries.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0] == ["国家和地区", "2024年", "2025年", "合计"]
    assert ["日本", "2", "0", "2"] in rows


def test_a_profile_shows_the_filed_figures_by_year_and_nothing_private(client, bases):
    park = bases["park"]
    make_summary(park, 2024, projects=["JP", "DE"], agreements=["JP"], papers=4)
    make_summary(park, 2025, status=ReportStatus.RECOMMENDING_REVIEW, papers=99)
    html = client.get(f"/bases/{park.pk}/").content.decode()
    figures = table_by_id(html, "s-figures")
    assert figures == [["2024", "2", "1", "0", "0", "0", "4", "0", "0", "0"]]
    assert "本年度工作总结（内部）" not in html and "伊万" not in html


def test_the_statistics_cost_the_same_queries_with_more_summaries(
    client, bases, django_assert_max_num_queries
):
    make_summary(bases["park"], 2024, projects=["JP"], agreements=["JP"])
    client.get("/bases/stats/")
    with django_assert_max_num_queries(15) as first:
        client.get("/bases/stats/")
    for year in (2022, 2023, 2025):
        make_summary(bases["demo"], year, projects=["RU", "DE"], agreements=["RU"])
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/bases/stats/")


def table_by_id(html, section_id):
    body = re.search(rf'id="{section_id}".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]
