"""The annual report's review workflow and the roles that act in it (Art. 13)."""

from django.db import migrations


def create(apps, schema_editor):
    from bases.review.roles import create_annual_report_roles
    from bases.review.workflows import create_annual_report_workflow

    create_annual_report_roles(apps)
    create_annual_report_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0010_annual_reports"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
