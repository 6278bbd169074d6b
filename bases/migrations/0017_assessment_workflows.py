"""The annual assessment's and the rectification's workflows and the roles that act in them
(Art. 9, 12)."""

from django.db import migrations


def create(apps, schema_editor):
    from bases.review.roles import create_assessment_roles
    from bases.review.workflows import create_assessment_workflows

    create_assessment_roles(apps)
    create_assessment_workflows(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0016_assessments"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
