from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from alliance.models import AllianceMembership, ResourcePost


class AllianceMembershipViewSet(SnippetViewSet):
    model = AllianceMembership
    icon = "group"
    menu_label = _("联盟成员")
    list_display = ["base", "joined_on", "left_on", "left_reason"]
    list_filter = ["left_on"]

    def get_queryset(self, request):
        return AllianceMembership.objects.select_related("base")


class ResourcePostViewSet(SnippetViewSet):
    model = ResourcePost
    icon = "resubmit"
    menu_label = _("资源共享审核")
    list_display = [
        "title",
        "base",
        Column("direction", label=_("供需"), accessor="get_direction_display"),
        Column("status", label=_("审核状态"), accessor="get_status_display"),
        "expires_on",
    ]
    list_filter = ["status", "direction", "kind"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return ResourcePost.objects.select_related("base")


class AllianceGroup(SnippetViewSetGroup):
    menu_label = _("基地联盟")
    menu_icon = "group"
    menu_order = 300
    items = (AllianceMembershipViewSet, ResourcePostViewSet)


register_snippet(AllianceGroup)
