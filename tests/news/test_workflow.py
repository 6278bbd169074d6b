"""The editorial workflow, driven through the admin views as editors and reviewers use them."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from news.models import NewsPage
from tests.factories import news_form

pytestmark = pytest.mark.django_db


def form(title="编辑撰写的新闻", **extra):
    return news_form(title, extra.pop("slug", "editor-news"), **extra)


def add_news(client, index, **data):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))
    return client.post(url, form(**data))


def act(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment} if comment else {})


def test_an_editor_cannot_publish(client, site_tree, editor):
    client.force_login(editor)
    add_news(client, site_tree.news_index, **{"action-publish": "publish"})
    page = NewsPage.objects.get(slug="editor-news")
    assert not page.live
    assert client.get("/news/editor-news/").status_code == 404


def test_reviewer_approves_and_the_page_goes_live(client, site_tree, editor, reviewer):
    client.force_login(editor)
    add_news(client, site_tree.news_index, **{"action-submit": "submit"})
    page = NewsPage.objects.get(slug="editor-news")
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # The editor is no reviewer: approving does nothing.
    act(client, page, "approve")
    page.refresh_from_db()
    assert not page.live

    client.force_login(reviewer)
    response = act(client, page, "approve")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert client.get("/news/editor-news/").status_code == 200
    assert "编辑撰写的新闻" in client.get("/news/").content.decode()
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {
        "wagtail.create",
        "wagtail.workflow.start",
        "wagtail.workflow.approve",
        "wagtail.publish",
    } <= actions


def test_rejection_returns_the_draft_to_the_editor_with_the_comment(
    client, site_tree, editor, reviewer
):
    client.force_login(editor)
    add_news(client, site_tree.news_index, **{"action-submit": "submit"})
    page = NewsPage.objects.get(slug="editor-news")
    client.force_login(reviewer)
    act(client, page, "reject", comment="请补充会议时间和参会单位")
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert entry.user == reviewer

    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "请补充会议时间和参会单位" in edit


def test_scheduled_publishing_after_approval(client, site_tree, editor, reviewer):
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    client.force_login(editor)
    add_news(
        client,
        site_tree.news_index,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        **{"action-submit": "submit"},
    )
    page = NewsPage.objects.get(slug="editor-news")
    client.force_login(reviewer)
    act(client, page, "approve")
    page.refresh_from_db()
    assert not page.live
    revision = page.revisions.filter(approved_go_live_at__isnull=False).get()
    assert abs(revision.approved_go_live_at - go_live) < datetime.timedelta(minutes=1)

    # Let the go-live time pass.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live


def test_news_groups_cannot_edit_other_sections(client, site_tree, editor, reviewer):
    for user in (editor, reviewer):
        client.force_login(user)
        policy_edit = reverse("wagtailadmin_pages:edit", args=(site_tree.measures.pk,))
        response = client.get(policy_edit)
        assert response.status_code in (302, 403)
        assert "管理办法" not in response.content.decode()
        add_policy = reverse(
            "wagtailadmin_pages:add", args=("portal", "policypage", site_tree.policy_index.pk)
        )
        assert client.get(add_policy).status_code in (302, 403)
        assert client.get(reverse("wagtailsnippets_bases_base:list")).status_code in (302, 403)
