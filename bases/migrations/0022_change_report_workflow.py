"""The major change report's workflow and the roles that act in it (Art. 14), and the head of
each base accredited through the portal, taken from its application (the change report keeps it
current from now on)."""

from django.db import migrations


def create(apps, schema_editor):
    from bases.review.roles import create_change_report_roles
    from bases.review.workflows import create_change_report_workflow

    create_change_report_roles(apps)
    create_change_report_workflow(apps)


def heads_from_applications(apps, schema_editor):
    Base = apps.get_model("bases", "Base")
    for base in Base.objects.filter(head="", application__isnull=False).select_related(
        "application"
    ):
        if base.application.base_head:
            Base.objects.filter(pk=base.pk).update(head=base.application.base_head)


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0021_change_reports"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create, migrations.RunPython.noop),
        migrations.RunPython(heads_from_applications, migrations.RunPython.noop),
    ]
