"""Who may do what in the news section: editors write and submit, reviewers approve or reject
(a GroupApprovalTask), so no editor can publish directly. The groups, task and workflow are
created by migration 0002; this module attaches them to the news section when it is created."""

from wagtail.models import Workflow, WorkflowPage

from portal.roles import (
    ADMIN_ACCESS,
    MEDIA_LIBRARY,
    create_group_with_permissions,
    grant_page_permissions,
)

NEWS_EDITORS = "新闻编辑"
NEWS_REVIEWERS = "新闻审核"
NEWS_WORKFLOW = "新闻发布审核"
NEWS_TASK = "新闻审核"

PAGE_PERMISSIONS = {
    NEWS_EDITORS: ["add_page", "change_page"],
    NEWS_REVIEWERS: ["add_page", "change_page", "publish_page"],
}


def create_news_roles(apps):
    """Create the two groups, the approval task and the workflow (idempotent). Takes the app
    registry so that migration 0002 can run it on historical models."""

    groups = {
        name: create_group_with_permissions(apps, name, ADMIN_ACCESS + MEDIA_LIBRARY)
        for name in (NEWS_EDITORS, NEWS_REVIEWERS)
    }
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowModel = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=NEWS_TASK,
        defaults={
            "content_type": ContentType.objects.get_for_model(GroupApprovalTask),
            "active": True,
        },
    )
    task.groups.add(groups[NEWS_REVIEWERS])
    workflow, _created = WorkflowModel.objects.get_or_create(
        name=NEWS_WORKFLOW, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def set_up_news_section(news_index):
    """Give the news groups their page permissions on ``news_index`` and put its pages under
    the review workflow. Idempotent."""
    for group_name, codenames in PAGE_PERMISSIONS.items():
        grant_page_permissions(group_name, news_index, codenames)
    workflow = Workflow.objects.filter(name=NEWS_WORKFLOW, active=True).first()
    if workflow and not WorkflowPage.objects.filter(page=news_index).exists():
        WorkflowPage.objects.create(page=news_index, workflow=workflow)


def on_news_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        set_up_news_section(instance)
