import re

import pytest

from bases.models import CooperationField, LeagueCity
from tests.factories import make_base

pytestmark = pytest.mark.django_db


def names(html):
    return re.findall(r'<li class="base-card">\s*<h3><a href="[^"]+">([^<]+)</a>', html)


def option(html, name, label):
    select = re.search(
        rf'<select class="form-select" id="f-{name}" name="{name}">(.*?)</select>', html, re.S
    ).group(1)
    found = re.search(rf">{re.escape(label)}（(\d+)）</option>", select)
    return int(found.group(1)) if found else None


def test_directory_lists_current_bases_and_not_revoked_ones(client, revoked):
    html = client.get("/bases/").content.decode()
    assert sorted(names(html)) == sorted(
        ["包头稀土国际创新园", "阴山国际技术转移中心", "红山农牧国际科技合作基地"]
    )
    assert "共 3 个国合基地" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "innovation_park"}, ["包头稀土国际创新园"]),
        ({"league": "包头市"}, ["包头稀土国际创新园", "阴山国际技术转移中心"]),
        ({"field": "稀土新材料"}, ["包头稀土国际创新园", "红山农牧国际科技合作基地"]),
        ({"country": "RU"}, ["红山农牧国际科技合作基地", "阴山国际技术转移中心"]),
        ({"year": "2023"}, ["红山农牧国际科技合作基地", "阴山国际技术转移中心"]),
        ({"q": "技术转移"}, ["阴山国际技术转移中心"]),
        ({"q": "农牧"}, ["红山农牧国际科技合作基地"]),
        ({"league": "包头市", "country": "RU", "year": "2023"}, ["阴山国际技术转移中心"]),
        ({"field": "稀土新材料", "league": "赤峰市"}, ["红山农牧国际科技合作基地"]),
        ({"type": "innovation_park", "country": "RU"}, []),
    ],
)
def test_each_filter_and_their_combination(client, revoked, query, expected):
    params = dict(query)
    if "league" in params:
        params["league"] = LeagueCity.objects.get(name=params["league"]).pk
    if "field" in params:
        params["field"] = CooperationField.objects.get(name=params["field"]).pk
    html = client.get("/bases/", params).content.decode()
    assert sorted(names(html)) == sorted(expected)


def test_filter_options_show_counts_of_current_bases(client, revoked):
    html = client.get("/bases/").content.decode()
    assert option(html, "type", "国际创新园") == 1
    assert option(html, "type", "示范型国际科技合作基地") == 1  # the revoked one is not counted
    assert option(html, "league", "包头市") == 2
    assert option(html, "field", "稀土新材料") == 2
    assert option(html, "country", "俄罗斯") == 2
    assert option(html, "year", "2023年") == 2
    # With a filter applied, the other filters count within it.
    league = LeagueCity.objects.get(name="包头市").pk
    html = client.get("/bases/", {"league": league}).content.decode()
    assert option(html, "country", "俄罗斯") == 1
    assert option(html, "league", "赤峰市") == 1  # its own facet ignores itself


def test_sorting_and_shareable_urls(client, bases):
    html = client.get("/bases/", {"sort": "newest"}).content.decode()
    assert names(html)[0] == "红山农牧国际科技合作基地"
    html = client.get("/bases/", {"sort": "oldest"}).content.decode()
    assert names(html)[0] == "已撤销的基地"


def test_bad_filter_values_are_ignored(client, bases):
    response = client.get(
        "/bases/",
        {"type": "x", "league": "abc", "year": "'", "country": "<>", "sort": "drop", "page": "999"},
    )
    assert response.status_code == 200
    assert len(names(response.content.decode())) == 4


def test_numbers_too_large_for_the_database_are_ignored_not_a_500(client, bases):
    huge = "9" * 30
    response = client.get("/bases/", {"league": huge, "field": huge, "year": huge, "page": huge})
    assert response.status_code == 200
    assert len(names(response.content.decode())) == 4
    assert client.get("/bases/export.csv", {"league": huge}).status_code == 200


def test_filters_keep_their_values_in_the_form_and_the_open_data_links(client, bases):
    league = LeagueCity.objects.get(name="包头市").pk
    html = client.get("/bases/", {"league": league, "q": " 稀土 ", "sort": "newest"}).content
    html = html.decode()
    assert re.search(rf'<option value="{league}" selected>包头市（\d+）</option>', html)
    assert 'value="稀土"' in html
    assert '<option value="newest" selected>' in html
    assert f"export.csv?league={league}&amp;q=+%E7%A8%80%E5%9C%9F+&amp;sort=newest" in html


def test_revoked_profile_stays_reachable_and_says_so(client, revoked):
    html = client.get(f"/bases/{revoked.pk}/").content.decode()
    assert "资格已于 2026年4月10日 撤销" in html
    assert "《管理办法》第十二条第（四）项" in html
    assert "连续两年未提交年度工作总结" in html


def test_profile_shows_the_public_facts(client, bases):
    base = bases["demo"]
    base.summary_en = "A base for modern agriculture."
    base.save()
    html = client.get(f"/bases/{base.pk}/").content.decode()
    assert '<h1 id="base-title">红山农牧国际科技合作基地</h1>' in html
    assert "示范型国际科技合作基地" in html and "赤峰市科学技术局" in html
    assert 'lang="en"' in html and "A base for modern agriculture." in html
    assert "蒙古" in html and "俄罗斯" in html
    assert client.get("/bases/999999/").status_code == 404


def test_directory_and_profile_queries_do_not_grow_with_rows(
    client, directory, django_assert_max_num_queries
):
    for number in range(3):
        make_base("包头市", fields=["稀土新材料"], countries=["RU"], name=f"基地{number}")
    with django_assert_max_num_queries(15) as small:
        client.get("/bases/")
    small_count = len(small.captured_queries)
    first = make_base("赤峰市", fields=["信息技术", "新能源"], countries=["MN", "DE"])
    with django_assert_max_num_queries(15) as profile_small:
        client.get(f"/bases/{first.pk}/")
    profile_small_count = len(profile_small.captured_queries)
    for number in range(25):
        make_base(
            "通辽市", fields=[f"领域{number}"], countries=["JP", "KR"], name=f"更多基地{number}"
        )
    with django_assert_max_num_queries(small_count):
        html = client.get("/bases/").content.decode()
    assert len(names(html)) == 20
    with django_assert_max_num_queries(profile_small_count):
        client.get(f"/bases/{first.pk}/")
