"""An editor translates a news item in the admin (「翻译」, wagtail.contrib.simple_translation):
the English copy is theirs to edit and goes through the same review as a Chinese item; a page
they may not edit they may not translate either."""

import pytest
from wagtail.models import Locale, Page, WorkflowPage

from portal.english_edition import translate
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_news_index(site_tree):
    translate(site_tree.home, title="Home")
    return translate(site_tree.news_index, title="News")


def test_an_editor_translates_a_news_item_and_edits_the_copy(
    client, site_tree, english_news_index, editor
):
    news = NewsPageFactory(parent=site_tree.news_index, title="待翻译的新闻", slug="to-translate")
    client.force_login(editor)
    url = f"/admin/translation/submit/page/{news.pk}/"
    assert "翻译" in client.get(f"/admin/pages/{news.pk}/edit/").content.decode()
    assert client.get(url).status_code == 200
    english = Locale.objects.get(language_code="en")
    response = client.post(url, {"locales": [english.pk]})
    copy = news.get_translation(english)
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{copy.pk}/edit/"
    assert copy.get_parent().pk == english_news_index.pk and copy.slug == "to-translate"
    assert client.get(response["Location"]).status_code == 200
    # The English section is under the news review workflow, as the Chinese one is.
    assert WorkflowPage.objects.filter(page=english_news_index).exists()
    assert english_news_index.get_workflow() == site_tree.news_index.get_workflow()


def test_a_page_an_editor_may_not_edit_cannot_be_translated_by_them(client, site_tree, editor):
    client.force_login(editor)
    url = f"/admin/translation/submit/page/{site_tree.measures.pk}/"
    assert client.get(url).status_code in (302, 403)
    english = Locale.objects.get(language_code="en")
    assert client.post(url, {"locales": [english.pk]}).status_code in (302, 403)
    assert not Page.objects.filter(
        translation_key=site_tree.measures.translation_key, locale__language_code="en"
    ).exists()


def test_an_editor_translates_one_page_into_an_english_section_that_exists(
    client, site_tree, editor
):
    """Not the news section with all its items (drafts included), and not an item whose section
    has no English version yet (the copy would make the section an alias where the editor may
    add nothing): the form says why, and nothing is created."""
    translate(site_tree.home, title="Home")
    news = NewsPageFactory(parent=site_tree.news_index, title="栏目未翻译", slug="early")
    english = Locale.objects.get(language_code="en")
    client.force_login(editor)
    before = Page.objects.count()
    response = client.post(
        f"/admin/translation/submit/page/{news.pk}/", {"locales": [english.pk]}, follow=True
    )
    assert response.status_code == 200
    assert "还没有English版：请管理员先翻译该栏目" in response.content.decode()
    response = client.post(
        f"/admin/translation/submit/page/{site_tree.news_index.pk}/",
        {"locales": [english.pk], "include_subtree": "on"},
        follow=True,
    )
    assert "只有管理员可以连同子页面一起翻译" in response.content.decode()
    assert Page.objects.count() == before
