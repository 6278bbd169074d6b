"""The review's groups (staff, leadership, recommending departments, experts) must use a second
factor once settings.TWO_FACTOR_ENFORCED is on."""

from django.db import migrations


def grant(apps, schema_editor):
    from bases.review.roles import require_two_factor

    require_two_factor(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0008_step_permissions"),
        ("portal", "0004_two_factor_permission"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
