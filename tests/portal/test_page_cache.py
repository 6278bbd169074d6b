"""The page cache: anonymous readers get stored pages, and every change shows on them at once.

These tests commit for real (``transaction=True``), so that invalidation runs where it runs in
production, after the commit, and they use the configured cache (Redis when REDIS_URL is set,
the file cache that the workers share otherwise)."""

import datetime
import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from alliance.models import AlliancePage
from bases.models import Base, BaseStatus, Revocation, RevocationReason
from bases.review.accreditation import accredit
from bases.review.revocations import revoke
from portal import page_cache
from portal.models import SiteFooterSettings, StandardPage
from tests.factories import build_site
from tests.factories.accounts import make_applicant
from tests.factories.alliance import ResourcePostFactory
from tests.factories.applications import PDF, make_application
from tests.factories.news import NewsPageFactory, news_form
from tests.factories.registry import make_base
from tests.factories.site import publish_child

pytestmark = pytest.mark.django_db(transaction=True)

DIRECTORY_PAGES = ["/", "/bases/", "/bases/stats/", "/bases/export.json", "/bases/export.csv"]
NEWS_PAGES = ["/", "/news/", "/news/feed/rss/", "/news/feed/atom/"]


@pytest.fixture
def site(settings):
    settings.PAGE_CACHE = True
    caches[page_cache.ALIAS].clear()
    tree = build_site()
    tree.base = make_base(name="北疆稀土国际科技合作基地", fields=["稀土新材料"], countries=["DE"])
    tree.news = NewsPageFactory(parent=tree.news_index, title="自治区科技厅召开国际合作座谈会")
    tree.about = publish_child(tree.home, StandardPage(title="关于门户", slug="about"))
    # The site's first reader creates its footer settings row: a write like any other.
    Client().get("/")
    return tree


@pytest.fixture
def admin_client(site):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "x")
    client = Client()
    client.force_login(user)
    return client


def primed(*urls):
    """Read ``urls`` as anonymous readers until the page comes from the cache."""
    for url in urls:
        Client().get(url)
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response["X-Page-Cache"] == "hit", url


def fresh(url):
    """What an anonymous reader gets now: rendered again, not the stored page."""
    response = Client().get(url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == "miss", url
    return response.content.decode()


def test_elder_mode_readers_get_their_own_stored_page(site):
    primed("/bases/")
    elder = Client()
    elder.cookies["portal_elder"] = "1"
    first = elder.get("/bases/")
    assert first["X-Page-Cache"] == "miss" and 'class="no-js elder"' in first.content.decode()
    again = elder.get("/bases/")
    assert again["X-Page-Cache"] == "hit" and 'class="no-js elder"' in again.content.decode()
    plain = Client().get("/bases/")
    assert plain["X-Page-Cache"] == "hit" and 'class="no-js elder"' not in plain.content.decode()


def test_anonymous_readers_get_the_stored_page_without_a_query(site):
    first = Client().get("/bases/")
    assert first["X-Page-Cache"] == "miss"
    queries = []

    def count(run, sql, *args):
        queries.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(count):
        second = Client().get("/bases/")
    assert second["X-Page-Cache"] == "hit"
    assert queries == []
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The middleware outside the cache still sets the security headers on a stored page.
    assert "Content-Security-Policy" in second and "Permissions-Policy" in second


def test_logged_in_users_the_admin_and_forms_never_come_from_the_cache(site, admin_client):
    primed("/bases/")
    assert "X-Page-Cache" not in admin_client.get("/bases/")
    assert "X-Page-Cache" not in admin_client.get("/admin/")
    preview = reverse("wagtailadmin_pages:view_draft", args=[site.news.pk])
    assert "X-Page-Cache" not in admin_client.get(preview)
    # A page with a form sets the CSRF cookie: rendered for each reader, never stored.
    alliance = publish_child(site.home, AlliancePage(title="国合基地联盟", slug="league"))
    post = ResourcePostFactory(base=site.base)
    for _ in range(2):
        response = Client().get(f"{alliance.url}board/{post.pk}/")
        assert response.status_code == 200 and 'name="csrfmiddlewaretoken"' in response.text
        assert "X-Page-Cache" not in response
    # A reader with any cookie but the CSRF token's may see something of their own.
    reader = Client()
    reader.cookies["sessionid"] = "whatever"
    assert "X-Page-Cache" not in reader.get("/bases/")


def test_errors_and_long_queries_are_not_stored(site):
    for _ in range(2):
        response = Client().get("/no-such-page/")
        assert response.status_code == 404 and "X-Page-Cache" not in response
    long_query = "/search/?q=" + "稀" * 300
    for _ in range(2):
        assert "X-Page-Cache" not in Client().get(long_query)


def test_reading_public_pages_starts_no_new_generation(site):
    primed(*DIRECTORY_PAGES, f"/bases/{site.base.pk}/", *NEWS_PAGES, site.news.url, "/policy/")
    generation = caches[page_cache.ALIAS].get(page_cache.GENERATION_KEY)
    Client().get("/search/", {"q": "稀土"})
    Client().get("/apply/login/")
    assert caches[page_cache.ALIAS].get(page_cache.GENERATION_KEY) == generation


def test_a_login_starts_no_new_generation(site):
    get_user_model().objects.create_user("staff", "s@example.com", "Ss3cret-Pass", is_staff=True)
    primed("/bases/")
    response = Client().post(
        reverse("wagtailadmin_login"), {"username": "staff", "password": "Ss3cret-Pass"}
    )
    assert response.status_code == 302
    assert Client().get("/bases/")["X-Page-Cache"] == "hit"


def test_publishing_a_news_item_shows_at_once(site, admin_client):
    primed(*NEWS_PAGES)
    add = reverse("wagtailadmin_pages:add", args=["news", "newspage", site.news_index.pk])
    form = news_form("科技厅发布国际合作新举措", "new-measures", **{"action-publish": "publish"})
    assert admin_client.post(add, form).status_code == 302
    for url in NEWS_PAGES:
        assert "科技厅发布国际合作新举措" in fresh(url), url


def test_unpublishing_a_page_shows_at_once(site, admin_client):
    url = site.news.url
    primed(*NEWS_PAGES, url)
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[site.news.pk]))
    assert response.status_code == 302
    for listing in NEWS_PAGES:
        assert site.news.title not in fresh(listing), listing
    assert Client().get(url).status_code == 404


def test_moving_a_page_shows_at_once(site, admin_client):
    alliance = StandardPage.objects.get(slug="alliance")
    primed("/about/", "/")
    confirm = reverse("wagtailadmin_pages:move_confirm", args=[site.about.pk, alliance.pk])
    assert admin_client.post(confirm).status_code == 302
    # Wagtail leaves a redirect at the old address, instead of the stored page.
    old = Client().get("/about/")
    assert old.status_code == 301 and old["Location"].endswith("/alliance/about/")
    assert "关于门户" in fresh("/alliance/about/")


def test_a_status_change_shows_on_every_directory_page_at_once(site):
    profile = f"/bases/{site.base.pk}/"
    primed(*DIRECTORY_PAGES, profile)
    base = Base.objects.get(pk=site.base.pk)
    base.change_status(BaseStatus.REVOKED, on=datetime.date(2026, 4, 10), reason="连续两年未提交")
    base.save()
    assert "资格已于 2026年4月10日 撤销" in fresh(profile)
    assert "北疆稀土" not in fresh("/bases/")
    assert "北疆稀土" not in fresh("/bases/export.csv")
    for url in ("/", "/bases/stats/", "/bases/export.json"):
        fresh(url)


def test_an_accreditation_and_its_announcement_show_at_once(site):
    primed(*DIRECTORY_PAGES, *NEWS_PAGES)
    application = make_application(make_applicant(), complete=True)
    application.base_name = "草原云计算国际科技合作基地"
    application.save()
    accredit(application)
    assert "草原云计算国际科技合作基地" in fresh("/bases/")
    assert "草原云计算国际科技合作基地" in fresh("/bases/export.json")
    for url in NEWS_PAGES:
        assert "草原云计算国际科技合作基地" in fresh(url), url


def test_a_revocation_and_its_announcement_show_at_once(site):
    profile = f"/bases/{site.base.pk}/"
    primed(*DIRECTORY_PAGES, profile, *NEWS_PAGES)
    revocation = Revocation.objects.create(
        base=site.base,
        reason=RevocationReason.NO_ANNUAL_SUMMARY,
        facts="经核查，该基地2024、2025年度均未提交年度工作总结。",
        decision_number="内科发〔2026〕30号",
        evidence=ContentFile(PDF, name="核查记录.pdf"),
        decision_document=ContentFile(PDF, name="撤销决定.pdf"),
    )
    revoke(revocation, on=datetime.date(2026, 4, 10))
    assert "资格已于 2026年4月10日 撤销" in fresh(profile)
    assert "北疆稀土" not in fresh("/bases/")
    assert "撤销" in fresh("/news/")


def test_a_site_settings_change_shows_on_every_page_at_once(site, admin_client):
    primed("/", "/bases/", site.news.url)
    settings_row = SiteFooterSettings.for_site(site.home.get_site())
    edit = reverse(
        "wagtailsettings:edit", args=["portal", "sitefootersettings", site.home.get_site().pk]
    )
    data = {
        field: getattr(settings_row, field) or ""
        for field in ("department_name", "address", "postcode", "phone", "email")
    }
    data.update(icp_number="蒙ICP备12345678号-1", public_security_number="", site_code="1500000099")
    response = admin_client.post(edit, data)
    assert response.status_code == 302
    for url in ("/", "/bases/", site.news.url):
        assert "1500000099" in fresh(url), url


def test_a_broken_cache_serves_the_page_and_says_why_in_the_log(site, settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    with caplog.at_level(logging.WARNING, logger="portal.page_cache"):
        response = Client().get("/bases/")
    assert response.status_code == 200
    assert "北疆稀土" in response.content.decode()
    assert "页面缓存不可用" in caplog.text
