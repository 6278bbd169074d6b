"""The review workflow of each base type, its tasks and the roles that act in it."""

from django.db import migrations

GROUPS = ["科技厅领导小组", "评审专家"]


def create(apps, schema_editor):
    from bases.review.roles import create_review_roles
    from bases.review.workflows import create_review_workflows

    create_review_roles(apps)
    create_review_workflows(apps)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()
    ApplicationWorkflow = apps.get_model("bases", "ApplicationWorkflow")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    workflow_ids = list(ApplicationWorkflow.objects.values_list("workflow_id", flat=True))
    ApplicationWorkflow.objects.all().delete()
    Workflow.objects.filter(pk__in=workflow_ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0006_review_steps"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, remove)]
