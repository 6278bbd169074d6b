"""The portal's look in the Wagtail admin, for every role."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from portal.admin_forms import SERVICE_ADDRESS, service_address
from portal.two_factor import rules as two_factor_rules
from portal.two_factor import urls as two_factor_urls
from portal.two_factor import views as two_factor_views


@hooks.register("insert_global_admin_css")
def portal_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("construct_help_menu")
def no_wagtail_help(request, menu_items):
    # Wagtail's release notes and editor guide are English pages abroad; the portal's staff
    # are trained on the portal itself.
    menu_items[:] = []


@hooks.register("construct_main_menu")
def no_wagtail_version(request, menu_items):
    for item in menu_items:
        if item.name == "settings":
            item.footer_text = ""


# Wagtail's panels that each role's own lists replace: its "awaiting your review" repeats the
# 「待我办理」 queue (and the news reviewers' 「待我审核的新闻」), and its "your recent edits"
# repeats the editors' 「我的新闻草稿」.
REPLACED_PANELS = {"workflow_objects_to_moderate", "recent_edits"}


@hooks.register("construct_homepage_panels")
def one_list_of_each(request, panels):
    panels[:] = [panel for panel in panels if panel.name not in REPLACED_PANELS]


@hooks.register("register_admin_urls")
def two_factor_admin_urls():
    return two_factor_urls.urlpatterns


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_account"),
        "label": _("双因素认证"),
        "help_text": _("设置身份验证器（TOTP），查看或重新生成恢复码。"),
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if two_factor_views.may_reset(request_user, user):
        yield Button(
            _("重置双因素认证"),
            reverse("two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


@hooks.register("register_permissions")
def two_factor_permission():
    app_label, codename = two_factor_rules.REQUIRE_PERMISSION
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("register_log_actions")
def two_factor_log_actions(actions):
    actions.register_action(
        two_factor_views.RESET_ACTION, _("重置双因素认证"), _("双因素认证已重置")
    )


@hooks.register("before_move_page")
def keep_moved_pages_off_service_addresses(request, page, destination):
    """A page moved under a home page keeps its slug: the same rule as PortalPageForm's."""
    path = service_address(page.slug, destination)
    if path:
        messages.error(request, SERVICE_ADDRESS % {"path": path})
        return redirect("wagtailadmin_pages:move", page.pk)
    return None
