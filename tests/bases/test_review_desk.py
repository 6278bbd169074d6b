"""The review desk as reviewers use it every day (issue 11): the listing opens each
application's review page, and dates and numbers read as in a register."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localtime

from bases.models import Application, ApplicationStatus, BaseType
from tests.factories import Reviewers, act, submitted_application

pytestmark = pytest.mark.django_db

LISTING = reverse("wagtailsnippets_bases_application:list")


@pytest.fixture
def people(site_tree):
    return Reviewers()


def row_links(html):
    return re.findall(
        r'<td class="nowrap title">\s*<div class="title-wrapper">\s*<a href="([^"]+)"', html
    )


def test_every_row_opens_the_review_page_of_whoever_looks(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    edit = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    inspect = reverse("wagtailsnippets_bases_application:inspect", args=[application.pk])
    # The bureau acts on the first step: its row opens the page with the step's actions.
    client.force_login(people.hohhot)
    assert row_links(client.get(LISTING).content.decode()) == [edit]
    # Staff and leadership cannot act yet: the row opens the read-only review page.
    for user in (people.staff, people.leader):
        client.force_login(user)
        assert row_links(client.get(LISTING).content.decode()) == [inspect]
        page = client.get(inspect)
        assert page.status_code == 200
        html = page.content.decode()
        assert "当前环节：</strong>推荐部门审核" in html
        assert "提交申报" in html  # the progress log
        assert application.base_name in html


def test_the_number_stays_whole_and_dates_read_as_dates(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    application = Application.objects.get(pk=application.pk)
    client.force_login(people.staff)
    html = client.get(LISTING).content.decode()
    assert re.search(rf'<td class="nowrap title">.*?{application.reference}', html, re.S)
    submitted = localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M")
    assert f">\n    {submitted}\n</td>" in html
    assert "w-human-readable-date" not in html
    assert "css/admin.css" in html  # where .nowrap is defined


def test_the_listing_costs_the_same_queries_for_one_row_or_many(client, people):
    submitted_application(BaseType.DEMONSTRATION_BASE)
    client.force_login(people.hohhot)
    client.get(LISTING)
    with CaptureQueriesContext(connection) as one:
        client.get(LISTING)
    for _ in range(3):
        submitted_application(BaseType.DEMONSTRATION_BASE)
    with CaptureQueriesContext(connection) as four:
        html = client.get(LISTING).content.decode()
    assert len(row_links(html)) == 4
    assert len(four) == len(one)


def action_menu(html):
    """The edit view's footer: the main button, then the actions under its arrow."""
    footer = html[html.index('<footer class="footer') :]
    footer = footer[: footer.index("</footer>")]
    return re.findall(r'<button[^>]*name="([^"]+)"[^>]*>', footer), footer


def test_the_reviewers_main_button_is_the_steps_approval_and_nothing_else_is_offered(
    client, people
):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    client.force_login(people.hohhot)
    edit = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    names, footer = action_menu(client.get(edit).content.decode())
    assert "action-cancel-workflow" not in names
    assert "取消工作流" not in footer and "action-save" not in names
    labels = re.findall(r'data-workflow-action-name="(\w+)"', footer)
    assert labels[0] == "approve", labels
    assert set(labels) == {"approve", "reject", "refuse"}
    assert "审核同意并推荐" in footer and "退回修改" in footer and "不予认定" in footer


def test_a_reviewers_post_that_is_not_a_step_action_changes_nothing_and_says_so(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    client.force_login(people.hohhot)
    edit = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    for action in ({}, {"action-cancel-workflow": "on"}):
        response = client.post(edit, {"base_name": "改掉的名称", **action}, follow=True)
        html = response.content.decode()
        assert "不能在此修改；请使用本环节的办理按钮" in html
        assert "已更新" not in html
    application = Application.objects.get(pk=application.pk)
    assert application.base_name != "改掉的名称"
    assert application.workflow_in_progress
    assert application.current_workflow_task.name == "推荐部门审核"


def test_acting_on_a_step_from_its_page_says_what_was_done(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    client.force_login(people.hohhot)
    edit = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    # What the page posts once the step's dialog has collected the comment.
    response = client.post(
        edit,
        {
            "action-workflow-action": "on",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "同意推荐"}),
        },
        follow=True,
    )
    html = response.content.decode()
    assert f"已办理“审核同意并推荐”：{application.base_name}" in html
    assert "已更新" not in html
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.EXPERT_REVIEW


def test_a_step_that_cannot_pass_yet_says_why_instead_of_offering_refusal_first(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(client, people.hohhot, application, "approve", comment="同意推荐")
    # At the expert review, no expert has scored: staff cannot pass the step yet.
    client.force_login(people.staff)
    edit = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    _names, footer = action_menu(client.get(edit).content.decode())
    first_button = re.search(r"<button[^>]*>.*?</button>", footer, re.S).group(0)
    assert "disabled" in first_button and "暂不能通过：至少需要" in first_button
    assert footer.index("暂不能通过") < footer.index('data-workflow-action-name="refuse"')


def test_reviewers_read_the_history_and_get_no_bulk_delete_add_or_usage(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    client.force_login(people.hohhot)
    for name in ("history", "workflow_history"):
        url = reverse(f"wagtailsnippets_bases_application:{name}", args=[application.pk])
        response = client.get(url)
        assert response.status_code == 200, name
    html = client.get(LISTING).content.decode()
    assert "data-bulk-action-checkbox" not in html
    assert reverse("wagtailsnippets_bases_application:add") not in html
    edit = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    assert "/usage/" not in client.get(edit).content.decode()
    # The other department still cannot read it.
    client.force_login(people.baotou)
    url = reverse("wagtailsnippets_bases_application:history", args=[application.pk])
    assert client.get(url).status_code in (403, 404)


def test_the_add_view_of_an_application_does_not_fail_for_an_administrator(client, people):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pass-1234")
    client.force_login(admin)
    assert client.get(reverse("wagtailsnippets_bases_application:add")).status_code == 200


def test_the_expert_pool_lists_experts_by_name_with_a_link(client, people):
    expert = people.experts[0]
    expert.first_name, expert.last_name = "建国", "王"
    expert.save()
    client.force_login(people.staff)
    html = client.get(reverse("wagtailsnippets_bases_expertprofile:list")).content.decode()
    edit = reverse("wagtailsnippets_bases_expertprofile:edit", args=[expert.expert_profile.pk])
    assert re.search(rf'<a href="{edit}">\s*<span[^>]*>王建国</span>', html)
    assert ">User<" not in html and "专家" in html


def test_assigning_experts_has_a_title_and_says_when_nobody_is_left(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    act(client, people.hohhot, application, "approve", comment="同意推荐")
    client.force_login(people.staff)
    url = reverse("wagtailsnippets_bases_application:assign_experts", args=[application.pk])
    html = client.get(url).content.decode()
    assert '<h1 class="w-h1">指派评审专家</h1>' in html
    client.post(url, {"experts": [expert.pk for expert in people.experts]})
    html = client.get(url).content.decode()
    assert "专家库中已没有可以指派的专家" in html
    assert '<button type="submit" class="button">指派</button>' not in html


def test_a_reviewers_edit_page_is_marked_read_only(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    client.force_login(people.hohhot)
    edit = reverse("wagtailsnippets_bases_application:edit", args=[application.pk])
    html = client.get(edit).content.decode()
    assert re.search(r'<body[^>]*class="[^"]*review-read-only', html)


def test_the_listings_download_opens_in_excel_with_beijing_times(client, people):
    application = submitted_application(BaseType.DEMONSTRATION_BASE)
    application = Application.objects.get(pk=application.pk)
    client.force_login(people.staff)
    response = client.get(LISTING, {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff申报编号,")
    assert localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M") in body
    assert "+00:00" not in body
