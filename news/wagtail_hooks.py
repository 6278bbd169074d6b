"""News on the editors' and reviewers' dashboards: their drafts and what awaits their review."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page, TaskState, WorkflowState

from news.models import NewsIndexPage, NewsPage
from portal.dashboard import ListPanel, Row


def _page_type():
    # Wagtail keys a page's workflow state by the base Page type (its generic relation, read
    # through a subclass such as NewsPage, would look for the subclass's type instead).
    return ContentType.objects.get_for_model(Page)


def my_drafts(request):
    """Unpublished work not yet sent for review (what is in review, Wagtail's own panel of
    "your pages in a workflow" lists)."""
    in_review = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=_page_type()
    ).values_list("object_id", flat=True)
    pages = (
        NewsPage.objects.filter(owner=request.user, has_unpublished_changes=True)
        .exclude(pk__in=[int(pk) for pk in in_review])
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
        .filter(workflow_state__base_content_type=_page_type())
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
