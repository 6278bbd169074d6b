"""Who answers the public's questions and who lets an answer go public, and the workflow they
work in: department staff write the answers and submit them; the news reviewers, who already
approve what the portal publishes, approve (publish) or return them through a GroupApprovalTask.
Writers hold no publish permission, so no answer goes public unreviewed. Every other role (the
recommending departments, experts, leadership, the secretariat, news editors) holds no
permission on questions, so the admin shows them nothing of 互动交流.

Created by migration 0002, as the news workflow is (news.editorial); editable afterwards in
设置 → 工作流程. The functions take an app registry so that the migration can run them on
historical models."""

from bases.review.roles import DEPARTMENT_STAFF
from news.editorial import NEWS_REVIEWERS
from portal.roles import ADMIN_ACCESS, create_group_with_permissions

WORKFLOW = "互动交流答复发布"
TASK = "互动交流答复审核"

WRITER_PERMISSIONS = [
    ("interaction", "question", f"{action}_question")
    for action in ("add", "change", "delete", "view")
]
REVIEWER_PERMISSIONS = [
    ("interaction", "question", codename)
    for codename in ("change_question", "view_question", "publish_question")
]


def create_interaction_roles(apps):
    """Give the two groups their permissions, and create the task and the workflow, assigned
    to questions as Wagtail assigns workflows to snippet models (idempotent)."""
    create_group_with_permissions(apps, DEPARTMENT_STAFF, ADMIN_ACCESS + WRITER_PERMISSIONS)
    reviewers = create_group_with_permissions(
        apps, NEWS_REVIEWERS, ADMIN_ACCESS + REVIEWER_PERMISSIONS
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    question_type, _ = ContentType.objects.get_or_create(app_label="interaction", model="question")
    if WorkflowContentType.objects.filter(content_type=question_type).exists():
        return
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK,
        defaults={
            "content_type": ContentType.objects.get_for_model(GroupApprovalTask),
            "active": True,
        },
    )
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.create(workflow=workflow, content_type=question_type)
