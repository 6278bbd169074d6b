"""Each admin role walks its main task from its dashboard, in a real browser, at 1366 px and at
390 px, and the pages it sees are saved as screenshots (README: 浏览器测试截图)."""

import re

import pytest
from django.test import Client

from alliance.models import ResourcePost
from alliance.permissions import SECRETARIAT
from bases.models import BaseType
from news.editorial import NEWS_EDITORS, NEWS_REVIEWERS
from news.models import NewsIndexPage
from tests.factories import (
    PASSWORD,
    ResourcePostFactory,
    Reviewers,
    act,
    build_site,
    make_base,
    make_user,
    news_form,
    pass_expert_review,
    pass_inspection,
    submitted_application,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def main_button(page):
    """The edit view's primary action: the first of the footer's step buttons, the one shown
    without opening the menu."""
    button = page.locator("footer button[data-workflow-action-name]").first
    assert button.is_visible()
    return button


def open_from_queue(page, application):
    queue = page.locator("section", has=page.get_by_role("heading", name=re.compile("待我办理")))
    queue.get_by_role("link", name=application.base_name).click()
    page.wait_for_url(re.compile(rf"/admin/snippets/bases/application/edit/{application.pk}/$"))


@pytest.fixture
def world(live_server):
    build_site()
    return Reviewers()


def test_a_recommending_department_recommends_from_its_queue(page, live_server, world, shoot):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    sign_in(page, live_server, "hohhot_bureau")
    assert shoot(page, "dashboard") == []
    open_from_queue(page, application)
    assert main_button(page).inner_text().strip() == "审核同意并推荐"
    assert page.get_by_text("取消工作流").count() == 0
    shoot(page, "review")


def test_staff_open_an_application_from_the_listing_and_assign_experts(
    page, live_server, world, shoot
):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(Client(), world.hohhot, application, "approve", comment="同意推荐")
    sign_in(page, live_server, "staff")
    shoot(page, "dashboard")
    # The sidebar's 认定申报 group opens on its listing.
    page.get_by_role("button", name="认定申报").click()
    page.get_by_role("link", name="认定申报").click()
    page.wait_for_url(f"{live_server.url}/admin/snippets/bases/application/")
    row = page.locator("tr", has_text=application.base_name)
    assert re.fullmatch(r"SB\d{4}-\d{4}", row.locator("td.title a").inner_text().strip())
    assert shoot(page, "listing") == []  # the table scrolls inside itself on a phone
    row.locator("td.title a").click()
    page.wait_for_url(re.compile(rf"/edit/{application.pk}/$"))
    page.get_by_role("link", name="指派评审专家").click()
    shoot(page, "assign-experts")
    for number in (1, 2, 3):
        page.get_by_label(f"expert{number}（内蒙古大学{number}）").check()
    page.get_by_role("button", name="指派", exact=True).click()
    page.wait_for_url(re.compile(rf"/edit/{application.pk}/$"))
    summary = page.locator(".review-summary")
    assert summary.locator("h3", has_text="专家评审").is_visible()
    assert summary.get_by_text("未评分").count() == 3


def test_an_expert_scores_from_the_queue(page, live_server, world, shoot):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    client = Client()
    act(client, world.hohhot, application, "approve", comment="同意推荐")
    client.force_login(world.staff)
    client.post(
        f"/admin/snippets/bases/application/assign-experts/{application.pk}/",
        {"experts": [expert.pk for expert in world.experts]},
    )
    sign_in(page, live_server, "expert1")
    assert shoot(page, "dashboard") == []
    open_from_queue(page, application)
    assert main_button(page).inner_text().strip() == "提交评审意见"
    shoot(page, "review")


def test_the_leadership_decides_from_the_queue(page, live_server, world, shoot):
    application = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    client = Client()
    act(client, world.hohhot, application, "approve", comment="同意推荐")
    pass_expert_review(client, world, application)
    pass_inspection(client, world, application)
    sign_in(page, live_server, "leader")
    assert shoot(page, "dashboard") == []
    open_from_queue(page, application)
    assert main_button(page).inner_text().strip() == "批准认定"
    shoot(page, "decision")


def test_news_editor_and_reviewer_find_their_news(page, live_server, world, shoot):
    editor = make_user("editor", NEWS_EDITORS)
    make_user("reviewer", NEWS_REVIEWERS)
    client = Client()
    client.force_login(editor)
    add = f"/admin/pages/add/news/newspage/{NewsIndexPage.objects.get().pk}/"
    client.post(add, news_form("编辑的新闻稿", "draft"))
    client.post(add, news_form("送审的新闻稿", "sent", **{"action-submit": "submit"}))
    sign_in(page, live_server, "editor")
    assert shoot(page, "editor-dashboard") == []
    page.get_by_role("link", name="编辑的新闻稿").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    shoot(page, "editor-draft")
    sign_in(page, live_server, "reviewer")
    assert shoot(page, "reviewer-dashboard") == []
    reviews = page.locator("section", has=page.get_by_role("heading", name=re.compile("待我审核")))
    reviews.get_by_role("link", name="送审的新闻稿").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    shoot(page, "reviewer-review")


def test_the_secretariat_moderates_a_post_from_its_dashboard(page, live_server, world, shoot):
    make_user("secretary", SECRETARIAT)
    post = ResourcePostFactory(
        base=make_base("包头市", name="联盟成员基地"),
        title="待审核的仪器共享",
        status=ResourcePost.Status.PENDING,
    )
    sign_in(page, live_server, "secretary")
    assert shoot(page, "dashboard") == []
    page.get_by_role("link", name="待审核的仪器共享").click()
    page.wait_for_url(re.compile(rf"/admin/snippets/alliance/resourcepost/edit/{post.pk}/$"))
    shoot(page, "moderate")
