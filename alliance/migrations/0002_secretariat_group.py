"""The alliance secretariat: edits the alliance section and moderates the board, nothing else."""

from django.db import migrations

SECRETARIAT = "联盟秘书处"


def create(apps, schema_editor):
    from alliance.permissions import create_secretariat_role

    create_secretariat_role(apps)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SECRETARIAT).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("alliance", "0001_initial"),
        ("bases", "0003_baseindexpage"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create, remove)]
