"""The revocation's workflow and the roles that act in it (Art. 12, 14)."""

from django.db import migrations


def create(apps, schema_editor):
    from bases.review.roles import create_revocation_roles
    from bases.review.workflows import create_revocation_workflow

    create_revocation_roles(apps)
    create_revocation_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0013_revocations"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
