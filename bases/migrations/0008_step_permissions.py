"""Who decides and who may be assigned as an expert become permissions, so that renaming a
group in the admin no longer changes who may act on a step."""

from django.db import migrations


def grant(apps, schema_editor):
    from bases.review.roles import grant_step_permissions

    grant_step_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0007_review_workflows"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="application",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    ("view_all_applications", "查看全部认定申报"),
                    ("review_application", "办理认定审核"),
                    ("decide_application", "作出认定决定"),
                    ("score_application", "担任评审专家"),
                    ("publish_application", "批准认定申报"),
                    ("lock_application", "锁定认定申报"),
                    ("unlock_application", "解锁认定申报"),
                ],
                "verbose_name": "认定申报",
                "verbose_name_plural": "认定申报",
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
