"""A page right under a home page may not take an address the portal uses for something else
(/en/, /apply/, /search/, /admin/…): Wagtail would save it and nobody could ever open it."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from portal.english_edition import translate
from portal.models import StandardPage
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def add_standard_page(client, parent, slug):
    url = reverse("wagtailadmin_pages:add", args=("portal", "standardpage", parent.pk))
    data = nested_form_data(
        {"title": "关于我们", "slug": slug, "intro": "简介", "body": rich_text("<p>正文</p>")}
    )
    return client.post(url, data)


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("root", is_superuser=True))
    return client


@pytest.mark.parametrize(
    "slug, path",
    [("en", "/en/"), ("apply", "/apply/"), ("search", "/search/"), ("admin", "/admin/")],
)
def test_a_page_under_the_chinese_home_may_not_take_a_service_address(
    admin_client, site_tree, slug, path
):
    response = add_standard_page(admin_client, site_tree.home, slug)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"网址 {path} 本站另有用途" in html
    assert 'value="关于我们"' in html  # what was typed is kept
    assert not StandardPage.objects.filter(slug=slug).exists()


def test_the_same_words_are_free_deeper_down_and_ordinary_words_under_the_home(
    admin_client, site_tree
):
    assert add_standard_page(admin_client, site_tree.home, "about").status_code == 302
    about = StandardPage.objects.get(slug="about")
    assert add_standard_page(admin_client, about, "apply").status_code == 302
    assert StandardPage.objects.get(slug="apply").url_path.endswith("/about/apply/")


def test_under_the_english_home_the_english_services_are_reserved(admin_client, site_tree):
    english_home = translate(site_tree.home, title="Home")
    response = add_standard_page(admin_client, english_home, "apply")
    assert "网址 /en/apply/ 本站另有用途" in response.content.decode()
    # /en/en/ is an ordinary address of the English edition.
    assert add_standard_page(admin_client, english_home, "en").status_code == 302
    assert Page.objects.filter(slug="en", locale__language_code="en").exists()


def test_a_page_moved_under_the_home_is_held_to_the_same_rule(admin_client, site_tree):
    assert add_standard_page(admin_client, site_tree.home, "about").status_code == 302
    about = StandardPage.objects.get(slug="about")
    assert add_standard_page(admin_client, about, "search").status_code == 302
    search = StandardPage.objects.get(slug="search")
    confirm = reverse("wagtailadmin_pages:move_confirm", args=(search.pk, site_tree.home.pk))
    response = admin_client.post(confirm, follow=True)
    assert "网址 /search/ 本站另有用途" in response.content.decode()
    search.refresh_from_db()
    assert search.get_parent().pk == about.pk
