"""The answer writers' and reviewers' permissions on questions, and the workflow
「互动交流答复发布」 (GroupApprovalTask 「互动交流答复审核」) assigned to them."""

from django.db import migrations


def create(apps, schema_editor):
    from portal.interaction.roles import create_interaction_roles

    create_interaction_roles(apps)


def remove(apps, schema_editor):
    from portal.interaction.roles import TASK, WORKFLOW

    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("interaction", "0001_initial"),
        ("news", "0002_editorial_workflow"),
        ("bases", "0005_application_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
