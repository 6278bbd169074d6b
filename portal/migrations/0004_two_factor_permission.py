"""The permission 「必须使用双因素认证」: a group holding it must use a second factor when
settings.TWO_FACTOR_ENFORCED is on (portal.two_factor). Like Wagtail's own access_admin, it
belongs to the admin's content type."""

from django.db import migrations


def create(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    admin, _created = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    Permission.objects.get_or_create(
        content_type=admin, codename="require_two_factor", defaults={"name": "必须使用双因素认证"}
    )


def remove(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="require_two_factor"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_rate_counts"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
