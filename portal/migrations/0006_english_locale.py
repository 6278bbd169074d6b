"""The English edition's locale. Wagtail's own migration made only the one of LANGUAGE_CODE
(zh-hans); pages and their translations are tied to these rows."""

from django.db import migrations


def add_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


def remove_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.filter(language_code="en", pages__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_footer_links_and_conac"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_english, remove_english)]
