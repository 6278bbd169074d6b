"""Admin for calls and applications. Applications are listed and inspected through
``Application.objects.visible_to``, the same rule the public pages and the file view use."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import InspectView
from wagtail.snippets.views.snippets import SnippetViewSet

from bases.models import Application, ApplicationCall


class ApplicationCallViewSet(SnippetViewSet):
    model = ApplicationCall
    icon = "calendar-alt"
    menu_label = _("申报通知")
    list_display = ["title", "year", "opens_at", "closes_at", "live"]
    list_filter = ["year"]
    search_fields = ["title"]
    ordering = ["-opens_at"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("document_number")]),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("contact"),
            ],
            heading=_("通知信息"),
        ),
        InlinePanel("base_types", label=_("受理类型和实施方案编写提纲"), min_num=1),
        FieldPanel("guidance"),
    ]


class VisibleApplicationInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(Application.objects.visible_to(self.request.user), pk=self.pk)


class ApplicationViewSet(SnippetViewSet):
    model = Application
    icon = "doc-full"
    menu_label = _("认定申报")
    inspect_view_enabled = True
    inspect_view_class = VisibleApplicationInspectView
    inspect_view_fields = [
        "call",
        "base_type",
        "status",
        "unit_name",
        "credit_code",
        "league_city",
        "recommending_department",
        "base_name",
        "base_head",
        "goals",
        "team",
        "plan_summary",
        "results",
        "submitted_at",
    ]
    list_display = [
        Column("reference", label=_("申报编号")),
        "base_name",
        "unit_name",
        Column("base_type", label=_("类型"), accessor="get_base_type_display"),
        Column("status", label=_("状态"), accessor="get_status_display"),
        "league_city",
        "submitted_at",
    ]
    list_filter = ["base_type", "status", "call", "league_city"]
    search_fields = ["base_name", "unit_name", "credit_code"]
    ordering = ["-submitted_at"]

    def get_queryset(self, request):
        return Application.objects.visible_to(request.user).select_related("call", "league_city")
