"""Wagtail's own migration puts every page under a "Moderators approval" workflow for its
default Moderators group, which nobody here belongs to: editors of the alliance's pages were
offered 「提交给Moderators approval」, a review nobody would ever do. The portal's reviews are
its own (the news workflow on the news section, the accreditation workflows on applications).
A workflow with work in progress is left alone."""

from django.db import migrations

DEFAULT_WORKFLOW = "Moderators approval"


def retire(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW, active=True):
        if WorkflowState.objects.filter(workflow=workflow, status="in_progress").exists():
            continue
        WorkflowPage.objects.filter(workflow=workflow).delete()
        workflow.active = False
        workflow.save(update_fields=["active"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop)]
