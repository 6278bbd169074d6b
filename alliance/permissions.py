"""The secretariat edits the alliance section and moderates the board, nothing else. The group
is created by migration 0002; its page permissions attach to the alliance page on creation."""

from portal.roles import (
    ADMIN_ACCESS,
    MEDIA_LIBRARY,
    create_group_with_permissions,
    grant_page_permissions,
)

SECRETARIAT = "联盟秘书处"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def create_secretariat_role(apps):
    """Create the secretariat group with its model permissions (idempotent). Takes the app
    registry so that migration 0002 can run it on historical models."""

    create_group_with_permissions(
        apps,
        SECRETARIAT,
        ADMIN_ACCESS
        + MEDIA_LIBRARY
        + [
            ("alliance", model, f"{action}_{model}")
            for model in ("resourcepost", "alliancemembership")
            for action in ("add", "change", "delete", "view")
        ],
    )


def set_up_alliance_section(alliance_page):
    grant_page_permissions(SECRETARIAT, alliance_page, PAGE_PERMISSIONS)


def on_alliance_page_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        set_up_alliance_section(instance)
