"""The site search box finds the bases of the registry as well as pages, says what each result
is, shows addresses as people read them, and never offers the home page."""

import re

import pytest

from bases.models import BaseStatus, BaseType, Country, PartnerInstitution
from news.models import NewsCategory, NewsIndexPage
from portal.models import StandardPage
from tests.factories import HostOrganisationFactory, NewsPageFactory, make_base, publish_child

pytestmark = pytest.mark.django_db


def results(html):
    """(url, kind) of every result, in order."""
    return re.findall(
        r'<li class="search-result">\s*<h2><a href="([^"]+)">.*?</h2>\s*'
        r'<p class="search-result__kind"><span class="badge">([^<]+)</span>',
        html,
        re.S,
    )


def search(client, query, **params):
    return client.get("/search/", {"q": query, **params}).content.decode()


@pytest.fixture
def dairy(site_tree):
    host = HostOrganisationFactory(
        name="北疆乳业研究院", name_en="Beijiang Dairy Research Institute"
    )
    base = make_base(
        host=host,
        name="呼和浩特乳品国际科技合作基地",
        name_en="Hohhot Dairy Cooperation Base",
        fields=["乳业与食品"],
        countries=["NZ"],
        summary_en="Dairy science with partners in New Zealand.",
    )
    PartnerInstitution.objects.create(
        base=base,
        name="梅西大学乳品研究所",
        name_en="Massey University Dairy Institute",
        country=Country.objects.get(code="NZ"),
    )
    base.save()  # Index the partner too.
    return base


@pytest.mark.parametrize(
    "query", ["北疆乳业", "乳品", "乳业与食品", "新西兰", "梅西大学", "Zealand", "dairy"]
)
def test_a_base_is_found_by_name_host_field_country_partner_and_english_summary(
    client, dairy, query
):
    assert (f"/bases/{dairy.pk}/", "国合基地") in results(search(client, query))


@pytest.mark.parametrize("query", ["Beijiang", "Massey", "Hohhot Dairy"])
def test_a_base_is_found_by_the_english_names_of_itself_its_host_and_partners(client, dairy, query):
    assert (f"/bases/{dairy.pk}/", "国合基地") in results(search(client, query))


def test_a_base_is_found_by_the_english_name_of_a_partner_country(client, site_tree):
    base = make_base(name="鹿城稀土国际科技合作基地", countries=["DE"])
    assert Country.objects.get(code="DE").name_en == "Germany"
    assert (f"/bases/{base.pk}/", "国合基地") in results(search(client, "Germany"))


def test_every_base_of_a_field_is_found(client, site_tree):
    rare_earth = [
        make_base("包头市", name=f"稀土基地{n}", fields=["稀土新材料"]).pk for n in range(3)
    ]
    rare_earth.append(make_base("包头市", name="包头新材料国际创新园", fields=["稀土新材料"]).pk)
    make_base("赤峰市", name="红山农牧国际科技合作基地", fields=["现代农牧业"])
    found = {url for url, kind in results(search(client, "稀土")) if kind == "国合基地"}
    assert found == {f"/bases/{pk}/" for pk in rare_earth}


def test_a_revoked_base_is_found_and_said_to_be_revoked(client, dairy):
    dairy.change_status(BaseStatus.REVOKED, on=dairy.accreditation_date, reason="依托单位申请")
    html = search(client, "北疆乳业")
    assert (f"/bases/{dairy.pk}/", "国合基地") in results(html)
    assert "<span>已撤销</span>" in html


def test_results_say_what_they_are(client, site_tree, dairy):
    news_index = NewsIndexPage.objects.get()
    NewsPageFactory(
        parent=news_index, title="乳业合作通知", category=NewsCategory.NOTICE, slug="dairy-notice"
    )
    kinds = dict(results(search(client, "乳业")))
    assert kinds[f"/bases/{dairy.pk}/"] == "国合基地"
    assert kinds["/news/dairy-notice/"] == "通知公告"
    assert dict(results(search(client, "科研诚信")))["/policy/measures/#art-4"] == "政策文件"
    # No policy says 乳业: the base comes first, it is what a name is most often typed for.
    assert results(search(client, "乳业"))[0][1] == "国合基地"


def test_the_policy_comes_before_the_bases_and_pages_that_mention_its_words(
    client, site_tree, measures
):
    news_index = NewsIndexPage.objects.get()
    for number in range(12):
        make_base(name=f"技术转移合作基地{number}", fields=["稀土新材料"])
    NewsPageFactory(parent=news_index, title="技术转移培训", slug="tt-training")
    found = results(search(client, "技术转移"))
    assert found[0] == ("/policy/measures/#art-2", "政策文件")
    assert [kind for _url, kind in found[1:]] == ["国合基地"] * 9
    last = results(search(client, "技术转移", page=2))
    assert [kind for _url, kind in last] == ["国合基地"] * 3 + ["工作动态"]


def test_the_home_page_is_not_a_result(client, site_tree):
    # The test home page's introduction reads 国合基地门户测试首页.
    assert "/" not in [url for url, _kind in results(search(client, "测试首页"))]
    assert "/" not in [url for url, _kind in results(search(client, "国合基地门户"))]


def test_addresses_are_shown_as_people_read_them(client, site_tree):
    publish_child(
        site_tree.home,
        StandardPage(title="联系我们", slug="联系我们", body="<p>国际合作处联系方式。</p>"),
    )
    html = search(client, "联系方式")
    shown = re.findall(r'<p class="search-result__url">([^<]+)</p>', html)
    assert "/联系我们/" in shown
    assert "%E8" not in "".join(shown)


def test_the_search_page_costs_the_same_queries_however_many_hits(
    client, site_tree, django_assert_max_num_queries
):
    news_index = NewsIndexPage.objects.get()
    make_base(name="稀土基地甲", fields=["稀土新材料"], countries=["JP"])
    NewsPageFactory(parent=news_index, title="稀土新闻甲")
    with django_assert_max_num_queries(15) as few:
        search(client, "稀土")
    for number in range(12):
        make_base(
            "包头市",
            BaseType.INNOVATION_PARK,
            name=f"稀土基地{number}",
            fields=["稀土新材料", "新能源"],
            countries=["JP", "DE"],
        )
        NewsPageFactory(parent=news_index, title=f"稀土新闻{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        first = search(client, "稀土")
    assert len(results(first)) == 10
    with django_assert_max_num_queries(len(few.captured_queries)):
        second = search(client, "稀土", page=2)
    # The second page holds the last bases and the first news items.
    assert {kind for _url, kind in results(second)} == {"国合基地", "工作动态"}
