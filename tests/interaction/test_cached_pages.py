"""互动交流 and the page cache (portal.page_cache): the form and its captcha are never stored and
never retire the stored pages, the asker's private page is never stored, and a published
answer shows at once. These tests commit for real, as tests/portal/test_page_cache.py does."""

import pytest
from django.core.cache import caches
from django.test import Client

from portal import page_cache
from portal.interaction.models import Question
from tests.factories import ask, build_site, follow_link, publish_answer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(settings):
    settings.PAGE_CACHE = True
    caches[page_cache.ALIAS].clear()
    tree = build_site()
    Client().get("/")  # the first reader creates the footer settings row: a write
    return tree


def stored(url):
    Client().get(url)
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.get("X-Page-Cache") == "hit"


def test_showing_the_form_and_its_captcha_retires_no_stored_page(site):
    assert stored("/interaction/")
    form = Client().get("/interaction/ask/")
    assert "X-Page-Cache" not in form  # a form with a CSRF token is never stored
    picture = Client().get(form.content.decode().split('<img src="')[1].split('"')[0])
    assert picture.status_code == 200 and "X-Page-Cache" not in picture
    assert Client().get("/interaction/")["X-Page-Cache"] == "hit"


def test_the_private_page_is_never_stored_and_a_published_answer_shows_at_once(site):
    assert stored("/interaction/")
    client = Client()
    ask(client, question="国合基地的牌匾遗失了，可以申请补发吗？")
    link = follow_link()
    assert not stored(link)
    publish_answer(Question.objects.get(), answer="可以向科技厅申请补发牌匾。")
    page = Client().get("/interaction/")
    assert page["X-Page-Cache"] == "miss"
    assert "国合基地的牌匾遗失了" in page.content.decode()
    assert "可以向科技厅申请补发牌匾。" in Client().get(link).content.decode()
