"""Rewards and national recommendations (Art. 16–18) as staff record them in the admin, as each
role may read them there, and as the public sees them on a base's profile and in the
statistics: the public records only."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from bases.models import (
    BaseStatus,
    NationalRecommendation,
    PostSubsidyAward,
    RecommendationKind,
    RecommendationOutcome,
)
from tests.bases.test_stats_export import table, table_by_id
from tests.factories import (
    NationalRecommendationFactory,
    PostSubsidyAwardFactory,
    Reviewers,
    award_data,
    make_base,
    recommendation_data,
)

pytestmark = pytest.mark.django_db

AWARDS = "wagtailsnippets_bases_postsubsidyaward"
RECOMMENDATIONS = "wagtailsnippets_bases_nationalrecommendation"


@pytest.fixture
def world(directory):
    people = Reviewers()
    hohhot = make_base("呼和浩特市", name="青城草原国际科技合作基地")
    baotou = make_base("包头市", name="鹿城稀土国际科技合作基地")
    return people, hohhot, baotou


def test_staff_record_an_award_and_a_recommendation_through_the_admin(client, world):
    people, hohhot, _baotou = world
    client.force_login(people.staff)
    response = client.post(reverse(f"{AWARDS}:add"), award_data(hohhot))
    assert response.status_code == 302, response.content.decode()[:2000]
    award = PostSubsidyAward.objects.get()
    assert (award.base, award.year, award.amount) == (hohhot, 2025, Decimal("80.50"))
    assert award.decision_number == "内科发〔2026〕12号"
    assert award.decided_on == datetime.date(2026, 4, 15) and award.is_public
    assert award.recorded_by == people.staff
    assert ModelLogEntry.objects.filter(
        action="wagtail.create", user=people.staff, object_id=str(award.pk)
    ).exists()

    response = client.post(reverse(f"{RECOMMENDATIONS}:add"), recommendation_data(hohhot))
    assert response.status_code == 302, response.content.decode()[:2000]
    recommendation = NationalRecommendation.objects.get()
    assert recommendation.kind == RecommendationKind.NATIONAL_PROJECT
    assert recommendation.project_title == "中俄寒区农作物种质资源联合研究"
    assert recommendation.recorded_by == people.staff

    # Staff correct the outcome later; the audit log has the edit.
    edit = reverse(f"{RECOMMENDATIONS}:edit", args=[recommendation.pk])
    data = recommendation_data(hohhot, outcome=RecommendationOutcome.APPROVED)
    assert client.post(edit, data).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.outcome == RecommendationOutcome.APPROVED
    assert recommendation.recorded_by == people.staff
    assert ModelLogEntry.objects.filter(action="wagtail.edit", user=people.staff).exists()


def test_the_base_list_offers_current_bases_in_pinyin_order(client, world):
    people, hohhot, baotou = world
    gone = make_base("赤峰市", name="已撤销的奖励基地")
    gone.change_status(BaseStatus.REVOKED, on=datetime.date(2026, 1, 5), reason="撤销")
    client.force_login(people.staff)
    html = client.get(reverse(f"{AWARDS}:add")).content.decode()
    # 鹿城 (lu) before 青城 (qing); a revoked base cannot be given a new award.
    assert html.index(baotou.name) < html.index(hohhot.name)
    assert gone.name not in html
    response = client.post(reverse(f"{AWARDS}:add"), award_data(gone))
    assert response.status_code == 200 and not PostSubsidyAward.objects.exists()


def test_bad_input_is_answered_in_chinese_and_nothing_typed_is_lost(client, world):
    people, hohhot, _baotou = world
    client.force_login(people.staff)
    response = client.post(
        reverse(f"{AWARDS}:add"),
        award_data(hohhot, amount="0", decision_number="内科发〔2026〕77号"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "后补助金额须大于 0 万元。" in html
    assert "内科发〔2026〕77号" in html and "依据2025年度运行评估结果。" in html
    assert not PostSubsidyAward.objects.exists()

    # One award a base and year, said on the year.
    PostSubsidyAwardFactory(base=hohhot, year=2025)
    html = client.post(reverse(f"{AWARDS}:add"), award_data(hohhot)).content.decode()
    assert "该基地本年度已有一条奖励性后补助记录，请修改那一条。" in html
    assert PostSubsidyAward.objects.count() == 1

    # Art. 18 recommends a project: its title is required; Art. 17 recommends the base itself.
    response = client.post(
        reverse(f"{RECOMMENDATIONS}:add"), recommendation_data(hohhot, project_title="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "推荐项目申报国家专项时，请填写项目名称。" in html
    assert "科技部政府间国际科技创新合作重点专项" in html  # the programme, kept as typed
    html = client.post(
        reverse(f"{RECOMMENDATIONS}:add"),
        recommendation_data(hohhot, kind=RecommendationKind.NATIONAL_BASE),
    ).content.decode()
    assert "推荐申报国家级基地时不填写项目名称（推荐的是基地本身）。" in html
    assert not NationalRecommendation.objects.exists()

    # The same recommendation twice is said on the field too (the form shows no other errors).
    NationalRecommendationFactory(base=hohhot, year=2026)
    html = client.post(
        reverse(f"{RECOMMENDATIONS}:add"),
        recommendation_data(hohhot, kind=RecommendationKind.NATIONAL_BASE, project_title=""),
    ).content.decode()
    assert "该基地本年度已有相同的推荐记录。" in html
    assert NationalRecommendation.objects.count() == 1


def test_each_role_sees_only_the_records_of_its_bases(client, world):
    people, hohhot, baotou = world
    own = PostSubsidyAwardFactory(base=hohhot, decision_number="内科发〔2026〕101号")
    other = PostSubsidyAwardFactory(base=baotou, decision_number="内科发〔2026〕102号")
    theirs = NationalRecommendationFactory(base=baotou)
    for user, expected in [
        (people.staff, {own: 200, other: 200}),
        (people.leader, {own: 200, other: 200}),
        (people.hohhot, {own: 200, other: 404}),
        (people.baotou, {own: 404, other: 200}),
        (people.experts[0], {own: 403, other: 403}),
    ]:
        client.force_login(user)
        for award, status in expected.items():
            url = reverse(f"{AWARDS}:inspect", args=[award.pk])
            assert client.get(url).status_code == status, (user, award)

    client.force_login(people.hohhot)
    listing = client.get(reverse(f"{AWARDS}:list")).content.decode()
    assert "内科发〔2026〕101号" in listing and "内科发〔2026〕102号" not in listing
    inspect = reverse(f"{RECOMMENDATIONS}:inspect", args=[theirs.pk])
    assert client.get(inspect).status_code == 404
    # A department reads, and neither adds, changes nor deletes (Wagtail sends it back to the
    # dashboard): its own base's award stays as staff recorded it.
    assert client.get(reverse(f"{AWARDS}:add")).url == "/admin/"
    edit = reverse(f"{AWARDS}:edit", args=[own.pk])
    assert client.post(edit, award_data(hohhot, amount="999")).url == "/admin/"
    delete = reverse(f"{AWARDS}:delete", args=[own.pk])
    assert client.post(delete).url == "/admin/"
    own.refresh_from_db()
    assert own.amount == Decimal("50.00")
    # The experts have no such menu; the whole register is refused to them.
    client.force_login(people.experts[0])
    assert client.get(reverse(f"{AWARDS}:list")).status_code == 403
    assert client.get(reverse(f"{RECOMMENDATIONS}:list")).status_code == 403


def test_the_editing_session_ping_answers_staff_and_no_one_outside_the_scope(client, world):
    people, hohhot, baotou = world
    award = PostSubsidyAwardFactory(base=baotou)
    ping = reverse(
        "wagtailadmin_editing_sessions:ping", args=["bases", "postsubsidyaward", award.pk, 1]
    )
    client.force_login(people.staff)
    response = client.post(ping)
    assert response.status_code == 200 and "other_sessions" in response.json()
    client.force_login(people.hohhot)
    assert client.post(ping).status_code == 404


def test_staff_export_the_register_and_a_department_its_own_rows(client, world):
    people, hohhot, baotou = world
    PostSubsidyAwardFactory(base=hohhot, year=2024, amount=Decimal("30.00"), is_public=False)
    PostSubsidyAwardFactory(base=baotou, year=2025, decision_number="内科发〔2026〕9号")
    client.force_login(people.staff)
    response = client.get(reverse(f"{AWARDS}:list"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [(row["基地"], row["年度"], row["金额（万元）"], row["公开"]) for row in rows] == [
        (baotou.name, "2025", "50.00", "是"),
        (hohhot.name, "2024", "30.00", "否"),
    ]
    assert rows[0]["推荐部门"] == "包头市科学技术局" and rows[0]["文号"] == "内科发〔2026〕9号"
    # Filtered by year, as the listing is.
    response = client.get(reverse(f"{AWARDS}:list"), {"export": "csv", "year": "2024"})
    assert baotou.name not in b"".join(response.streaming_content).decode()

    client.force_login(people.hohhot)
    response = client.get(reverse(f"{AWARDS}:list"), {"export": "xlsx"})
    assert response.status_code == 200
    response = client.get(reverse(f"{AWARDS}:list"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert hohhot.name in text and baotou.name not in text


def test_the_listings_ignore_filter_values_they_cannot_read(client, world):
    people, hohhot, _baotou = world
    PostSubsidyAwardFactory(base=hohhot)
    NationalRecommendationFactory(base=hohhot)
    client.force_login(people.staff)
    hostile = {
        "year": "二〇二五",
        "department": "99999999999999999999",
        "kind": "<script>",
        "outcome": "x",
        "is_public": "maybe",
        "q": "'; DROP TABLE bases_base; --",
    }
    for name in (AWARDS, RECOMMENDATIONS):
        for export in ("", "csv"):
            response = client.get(reverse(f"{name}:list"), {**hostile, "export": export})
            assert response.status_code == 200, (name, export)
    response = client.get(reverse(f"{AWARDS}:list"), {"year": "2025", "is_public": "true"})
    assert hohhot.name in response.content.decode()


def test_the_profile_shows_the_public_records_only(client, world):
    _people, hohhot, _baotou = world
    PostSubsidyAwardFactory(base=hohhot, year=2024, amount=Decimal("30"), decision_number="甲号")
    PostSubsidyAwardFactory(base=hohhot, year=2025, decision_number="内科发〔2026〕12号")
    PostSubsidyAwardFactory(base=hohhot, year=2023, decision_number="内部文号", is_public=False)
    NationalRecommendationFactory(base=hohhot, year=2025, outcome=RecommendationOutcome.APPROVED)
    NationalRecommendationFactory(
        base=hohhot, project=True, project_title="中蒙联合研究", year=2026
    )
    NationalRecommendationFactory(
        base=hohhot, project=True, project_title="未公开的项目", is_public=False
    )
    html = client.get(f"/bases/{hohhot.pk}/").content.decode()
    assert '<h2 id="s-rewards">奖励与推荐</h2>' in html
    assert table_by_id(html, "s-post-subsidies") == [
        ["2025", "50.00", "内科发〔2026〕12号"],
        ["2024", "30.00", "甲号"],
    ]
    assert table_by_id(html, "s-recommendations") == [
        [
            "2026",
            "推荐项目申报国家重点专项或援外项目（第十八条）",
            "中蒙联合研究（科技部政府间国际科技创新合作重点专项）",
            "评审中",
        ],
        ["2025", "推荐申报国家级国际科技合作基地（第十七条）", "—", "获批"],
    ]
    assert "内部文号" not in html and "未公开的项目" not in html
    # The table scrolls inside itself on a phone.
    assert re.search(r'<div class="table-responsive">\s*<table [^>]*id="s-post-subsidies"', html)

    # A revoked base's public record stays on its profile; a base with none has no section.
    hohhot.change_status(BaseStatus.REVOKED, on=datetime.date(2026, 6, 1), reason="撤销")
    assert "内科发〔2026〕12号" in client.get(f"/bases/{hohhot.pk}/").content.decode()
    other = make_base("赤峰市")
    assert "奖励与推荐" not in client.get(f"/bases/{other.pk}/").content.decode()


def test_the_statistics_count_public_records_only(client, world):
    _people, hohhot, baotou = world
    third = make_base("赤峰市")
    PostSubsidyAwardFactory(base=hohhot, year=2024, amount=Decimal("50"))
    PostSubsidyAwardFactory(base=baotou, year=2024, amount=Decimal("30.5"))
    PostSubsidyAwardFactory(base=third, year=2024, amount=Decimal("999"), is_public=False)
    PostSubsidyAwardFactory(base=hohhot, year=2025, amount=Decimal("80"))
    NationalRecommendationFactory(base=hohhot, year=2024, outcome=RecommendationOutcome.APPROVED)
    NationalRecommendationFactory(base=baotou, year=2024, project=True)
    NationalRecommendationFactory(
        base=baotou, year=2025, project=True, outcome=RecommendationOutcome.APPROVED
    )
    NationalRecommendationFactory(base=third, year=2025, is_public=False)

    html = client.get("/bases/stats/").content.decode()
    assert html.index("国际合作情况") < html.index('<h2 class="stats-part">奖励与推荐</h2>')
    assert table(html, "post-subsidies") == [["2024", "2", "80.50"], ["2025", "1", "80.00"]]
    assert table(html, "recommendations") == [
        ["2024", "1", "1", "2", "1"],
        ["2025", "0", "1", "1", "1"],
    ]
    assert 'id="chart-post-subsidies-title"' in html and 'id="chart-recommendations-title"' in html
    assert "999" not in html

    response = client.get("/bases/stats/post-subsidies.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["年度", "基地数", "金额（万元）"],
        ["2024", "2", "80.50"],
        ["2025", "1", "80.00"],
    ]
    response = client.get("/bases/stats/recommendations.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["年度", "申报国家级基地", "申报国家项目", "合计", "其中获批"]
    assert rows[1:] == [["2024", "1", "1", "2", "1"], ["2025", "0", "1", "1", "1"]]


def test_nothing_public_yet_says_so_without_an_empty_chart(client, world):
    _people, hohhot, _baotou = world
    PostSubsidyAwardFactory(base=hohhot, is_public=False)
    html = client.get("/bases/stats/").content.decode()
    assert table(html, "post-subsidies") == [["暂无数据"]]
    assert "chart-post-subsidies" not in html and "chart-recommendations" not in html


def _records(bases, years):
    for base in bases:
        for year in years:
            PostSubsidyAwardFactory(base=base, year=year)
            NationalRecommendationFactory(base=base, year=year)
            NationalRecommendationFactory(base=base, year=year, project=True)


def test_the_profile_and_statistics_cost_the_same_queries_with_more_records(
    client, world, django_assert_max_num_queries
):
    _people, hohhot, baotou = world
    _records([hohhot], [2025])
    client.get("/")  # the site's footer settings row
    with django_assert_max_num_queries(15) as profile:
        client.get(f"/bases/{hohhot.pk}/")
    with django_assert_max_num_queries(15) as stats:
        client.get("/bases/stats/")
    _records([hohhot, baotou], [2020, 2021, 2022, 2023, 2024])
    with django_assert_max_num_queries(len(profile.captured_queries)):
        html = client.get(f"/bases/{hohhot.pk}/").content.decode()
    assert len(table_by_id(html, "s-post-subsidies")) == 6
    with django_assert_max_num_queries(len(stats.captured_queries)):
        html = client.get("/bases/stats/").content.decode()
    assert len(table(html, "post-subsidies")) == 6


def test_the_admin_listings_cost_the_same_queries_with_more_records(
    client, world, django_assert_max_num_queries
):
    people, hohhot, baotou = world
    _records([hohhot], [2025])
    for user in (people.staff, people.hohhot):
        client.force_login(user)
        for name in (AWARDS, RECOMMENDATIONS):
            client.get(reverse(f"{name}:list"))
    counts = {}
    for user in (people.staff, people.hohhot):
        client.force_login(user)
        for name in (AWARDS, RECOMMENDATIONS):
            with django_assert_max_num_queries(40) as first:
                assert client.get(reverse(f"{name}:list")).status_code == 200
            counts[user.pk, name] = len(first.captured_queries)
    _records([hohhot, baotou], [2020, 2021, 2022, 2023, 2024])
    for user in (people.staff, people.hohhot):
        client.force_login(user)
        for name in (AWARDS, RECOMMENDATIONS):
            with django_assert_max_num_queries(counts[user.pk, name]):
                assert client.get(reverse(f"{name}:list")).status_code == 200
