"""The registry's admin: bases, hosts, integrity records, recommending departments,
leagues/cities and fields of cooperation (基地名录)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from bases.models import (
    Base,
    CooperationField,
    HostOrganisation,
    LeagueCity,
    RecommendingDepartment,
    ResearchIntegrityRecord,
)


class BaseViewSet(SnippetViewSet):
    model = Base
    icon = "globe"
    menu_label = _("国合基地")
    list_display = [
        "name",
        Column("base_type", label=_("类型"), accessor="get_base_type_display"),
        "host",
        Column("status", label=_("状态"), accessor="get_status_display"),
        "accreditation_date",
        "plaque_number",
    ]
    list_filter = ["base_type", "status", "host__league_city"]
    search_fields = ["name", "plaque_number"]
    list_per_page = 50
    ordering = ["name"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
                FieldRowPanel([FieldPanel("head")]),
                FieldRowPanel([FieldPanel("base_type"), FieldPanel("accreditation_date")]),
                FieldRowPanel([FieldPanel("host"), FieldPanel("recommending_department")]),
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("plaque_number")]),
            ],
            heading=_("认定信息"),
        ),
        FieldPanel("fields"),
        FieldPanel("partner_countries"),
        InlinePanel("partner_institutions", label=_("国外合作机构")),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
        FieldPanel("website"),
        InlinePanel("achievements", label=_("合作成果")),
        InlinePanel("contacts", label=_("联系方式")),
        InlinePanel("images", label=_("基地图片")),
    ]

    def get_queryset(self, request):
        return Base.objects.select_related("host", "host__league_city")


class HostOrganisationViewSet(SnippetViewSet):
    model = HostOrganisation
    icon = "home"
    menu_label = _("依托单位")
    list_display = ["name", "credit_code", "league_city", "recommending_department"]
    list_filter = ["kind", "league_city"]
    search_fields = ["name", "credit_code"]


class ResearchIntegrityRecordViewSet(SnippetViewSet):
    model = ResearchIntegrityRecord
    icon = "warning"
    menu_label = _("科研诚信记录")
    list_display = ["host", "subject", "severity", "listed_on", "lifted_on"]
    list_filter = ["severity", "subject"]


class RecommendingDepartmentViewSet(SnippetViewSet):
    model = RecommendingDepartment
    icon = "group"
    menu_label = _("推荐部门")
    list_display = ["name", "kind", "league_city"]
    list_filter = ["kind"]
    search_fields = ["name"]


class LeagueCityViewSet(SnippetViewSet):
    model = LeagueCity
    icon = "site"
    menu_label = _("盟市")
    list_display = ["name", "division_code"]


class CooperationFieldViewSet(SnippetViewSet):
    model = CooperationField
    icon = "tag"
    menu_label = _("合作领域")


class RegistryGroup(SnippetViewSetGroup):
    menu_label = _("基地名录")
    menu_icon = "globe"
    menu_order = 200
    items = (
        BaseViewSet,
        HostOrganisationViewSet,
        ResearchIntegrityRecordViewSet,
        RecommendingDepartmentViewSet,
        LeagueCityViewSet,
        CooperationFieldViewSet,
    )
