"""Creating role groups from data migrations: each role is a group with model permissions."""

from django.contrib.auth import models as auth
from django.contrib.auth.management import create_permissions
from wagtail.models import GroupPagePermission


def create_group_with_permissions(apps, name, permissions):
    """Create (or complete) group ``name`` with ``permissions``, a list of
    (app_label, model, codename). Usable from a data migration: permissions are normally
    created only after all migrations have run, so create them first."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=name)
    for app_label, model, codename in permissions:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
        )
    return group


ADMIN_ACCESS = [("wagtailadmin", "admin", "access_admin")]
# 「翻译」 on a page (wagtail.contrib.simple_translation): copy it into the English edition.
TRANSLATE = [("simple_translation", "simpletranslation", "submit_translation")]
MEDIA_LIBRARY = [
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "choose_document"),
]


def grant_page_permissions(group_name, page, codenames):
    """Give group ``group_name`` the page permissions ``codenames`` (add_page, change_page,
    publish_page…) on ``page`` and its subtree. Idempotent; does nothing if the group is gone."""
    group = auth.Group.objects.filter(name=group_name).first()
    if group is None:
        return
    for permission in auth.Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
