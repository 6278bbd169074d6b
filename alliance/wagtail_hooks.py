from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from alliance.models import AllianceEventPage, AllianceMembership, ResourcePost
from portal.dashboard import ListPanel, Row


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


def posts_awaiting_moderation(request):
    posts = (
        ResourcePost.objects.filter(status=ResourcePost.Status.PENDING)
        .select_related("base")
        .order_by("created_at")[:20]
    )
    url_name = ResourcePost.snippet_viewset.get_url_name("edit")
    for post in posts:
        yield Row(
            post.title,
            reverse(url_name, args=[post.pk]),
            f"{post.base} · {post.get_direction_display()}",
            post.created_at,
        )


def upcoming_events(request):
    events = AllianceEventPage.objects.filter(start__gte=timezone.now()).order_by("start")[:10]
    for event in events:
        state = "" if event.live else "（未发布）"
        yield Row(
            f"{event.title}{state}",
            reverse("wagtailadmin_pages:edit", args=[event.pk]),
            event.place,
            event.start,
        )


@hooks.register("construct_homepage_panels")
def secretariat_panels(request, panels):
    """The secretariat's day: posts to moderate on the board, and the alliance's next events."""
    if not request.user.has_perm("alliance.change_resourcepost"):
        return
    panels.append(
        ListPanel(
            "board-moderation",
            "待审核的资源共享信息",
            posts_awaiting_moderation,
            "没有待审核的资源共享信息。",
            order=60,
        )
    )
    panels.append(
        ListPanel(
            "alliance-events", "近期联盟活动", upcoming_events, "近期没有联盟活动。", order=70
        )
    )
