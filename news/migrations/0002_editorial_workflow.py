"""The news editors and reviewers groups, and the review workflow they work in."""

from django.db import migrations

GROUPS = ["新闻编辑", "新闻审核"]


def create(apps, schema_editor):
    from portal.roles import ADMIN_ACCESS, MEDIA_LIBRARY, create_group_with_permissions

    groups = {
        name: create_group_with_permissions(apps, name, ADMIN_ACCESS + MEDIA_LIBRARY)
        for name in GROUPS
    }
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task_type = ContentType.objects.get_for_model(GroupApprovalTask)
    task, created = GroupApprovalTask.objects.get_or_create(
        name="新闻审核", defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(groups["新闻审核"])
    workflow, _ = Workflow.objects.get_or_create(name="新闻发布审核", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def remove(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name="新闻发布审核").delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name="新闻审核").delete()
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
