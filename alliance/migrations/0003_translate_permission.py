"""The secretariat may translate the alliance's pages into the English edition (issue 18)."""

from django.db import migrations

from alliance.permissions import SECRETARIAT
from portal.roles import TRANSLATE, create_group_with_permissions


def grant(apps, schema_editor):
    create_group_with_permissions(apps, SECRETARIAT, TRANSLATE)


class Migration(migrations.Migration):
    dependencies = [
        ("alliance", "0002_secretariat_group"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
