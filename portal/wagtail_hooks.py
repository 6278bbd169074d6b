"""The portal's look in the Wagtail admin, for every role."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


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
