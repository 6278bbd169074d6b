"""Search in English (issue 18): English words are found by their stem on every backend, the
English edition's pages and the bases' English names are what /en/search/ finds, and Chinese
search keeps its segmentation."""

import pytest

from bases.models import CooperationField, Country, HostOrganisation
from portal.chinese_search import index_tokens, segment
from portal.english_edition import translate
from tests.english import chinese_left
from tests.factories import NewsPageFactory, make_base
from tests.factories.interaction import QuestionFactory, publish_answer

pytestmark = pytest.mark.django_db


def test_english_words_are_indexed_and_looked_for_by_their_stem():
    assert {"partners", "partner"} <= set(index_tokens("Our partners"))
    assert segment("Technologies of universities") == ["technolog", "of", "universiti"]
    assert set(segment("technology university")) <= set(
        index_tokens("technologies of universities")
    )
    # Chinese keeps jieba's segmentation: no stemming, and its sub-words.
    assert segment("技术转移") == ["技术", "转移"]
    assert "技术转移" not in segment("technology transfer")


@pytest.fixture
def english_site(site_tree):
    translate(site_tree.home, title="Home")
    translate(site_tree.news_index, title="News")
    news = NewsPageFactory(
        parent=site_tree.news_index, title="稀土合作会议", slug="rare-earth-meeting"
    )
    translate(
        news,
        title="Partners meet on rare-earth cooperation",
        summary="Universities and laboratories from Japan discussed joint projects.",
    )
    return site_tree


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_english_search_finds_english_pages_by_their_stems(client, english_site):
    html = results(client, "/en/search/?q=partner+university")
    assert "Partners meet on rare-earth cooperation" in html
    assert 'href="/en/news/rare-earth-meeting/"' in html
    # The Chinese original is not an English result, nor the other way round.
    assert "稀土合作会议" not in html
    chinese = results(client, "/search/?q=稀土")
    assert "稀土合作会议" in chinese and "Partners meet" not in chinese


def test_english_search_finds_a_base_by_its_english_names(client, site_tree):
    translate(site_tree.home, title="Home")
    base = make_base(
        "包头市",
        name="稀土功能材料国际科技合作基地",
        name_en="International Cooperation Base for Rare-Earth Functional Materials",
        summary_en="Works with universities in Japan and Germany on permanent magnets.",
        fields=["稀土新材料"],
        countries=["JP"],
    )
    CooperationField.objects.filter(name="稀土新材料").update(name_en="Rare-earth materials")
    HostOrganisation.objects.filter(pk=base.host_id).update(name_en="Luchang Institute")
    Country.objects.filter(code="JP").update(name_en="Japan")
    base.save()  # reindexed with its English names
    html = results(client, "/en/search/?q=magnet+universities")
    assert "International Cooperation Base for Rare-Earth Functional Materials" in html
    assert f'href="/en/bases/{base.pk}/"' in html
    assert "Host organisation: Luchang Institute" in html
    assert "Fields: Rare-earth materials" in html
    assert chinese_left(html) == []
    # In Chinese, the same base by its Chinese name, at its Chinese address.
    chinese = results(client, "/search/?q=稀土功能材料")
    assert f'href="/bases/{base.pk}/"' in chinese


def test_questions_of_the_chinese_only_service_are_not_english_results(client, site_tree):
    translate(site_tree.home, title="Home")
    publish_answer(QuestionFactory(question="Can a WTO member company apply?"), answer="Yes.")
    assert "Can a WTO member company apply?" in results(client, "/search/?q=wto")
    assert "Can a WTO member company apply?" not in results(client, "/en/search/?q=wto")
