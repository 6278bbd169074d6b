"""Department staff and recommending departments: the roles that confirm applicant accounts,
publish calls and see applications in the admin."""

from django.db import migrations

GROUPS = ["科技厅工作人员", "推荐部门"]


def create(apps, schema_editor):
    from bases.review.roles import create_application_roles

    create_application_roles(apps)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0004_applications"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create, remove)]
