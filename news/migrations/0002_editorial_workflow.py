"""The news editors and reviewers groups, and the review workflow they work in."""

from django.db import migrations

GROUPS = ["新闻编辑", "新闻审核"]


def create(apps, schema_editor):
    from news.editorial import create_news_roles

    create_news_roles(apps)


def remove(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name="新闻发布审核").delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name="新闻审核").delete()
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
