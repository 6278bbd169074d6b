"""News on the editors' and reviewers' dashboards: their drafts and what awaits their review."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page, TaskState

from news.models import NewsIndexPage, NewsPage
from portal.dashboard import ListPanel, Row


def my_drafts(request):
    pages = (
        NewsPage.objects.filter(owner=request.user, has_unpublished_changes=True)
        .select_related("latest_revision")
        .order_by("-latest_revision_created_at")[:10]
    )
    for page in pages:
        state = "待发布修改" if page.live else "草稿"
        yield Row(
            page.title,
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            f"{state} · {page.get_category_display()}",
            page.latest_revision_created_at,
        )


def news_awaiting_my_review(request):
    states = (
        TaskState.objects.reviewable_by(request.user)
        .filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
        .select_related("task", "workflow_state")
        .order_by("started_at")
    )
    pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is not None:
            yield Row(
                page.title,
                reverse("wagtailadmin_pages:edit", args=[page.pk]),
                state.task.name,
                state.started_at,
            )


@hooks.register("construct_homepage_panels")
def news_panels(request, panels):
    index = NewsIndexPage.objects.first()
    permissions = index.permissions_for_user(request.user) if index else None
    if permissions is None or not permissions.can_add_subpage():
        return
    if permissions.can_publish_subpage():
        panels.append(
            ListPanel(
                "news-awaiting-review",
                "待我审核的新闻",
                news_awaiting_my_review,
                "没有等待您审核的新闻。",
                order=60,
            )
        )
    panels.append(
        ListPanel(
            "my-news-drafts",
            "我的新闻草稿",
            my_drafts,
            "没有未发布的草稿。",
            order=70,
            more_url=reverse("wagtailadmin_explore", args=[index.pk]),
        )
    )
