"""The news groups may translate a news item into the English edition (issue 18)."""

from django.db import migrations

from news.editorial import NEWS_EDITORS, NEWS_REVIEWERS
from portal.roles import TRANSLATE, create_group_with_permissions


def grant(apps, schema_editor):
    for name in (NEWS_EDITORS, NEWS_REVIEWERS):
        create_group_with_permissions(apps, name, TRANSLATE)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_policy_citations"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
