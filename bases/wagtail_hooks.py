from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from bases.accounts.admin import ApplicantAccountViewSet
from bases.applying.admin import (
    ApplicationCallViewSet,
    ApplicationViewSet,
    ApplicationWorkflowViewSet,
    ExpertProfileViewSet,
    add_awaiting_my_action_panel,
)
from bases.models import (
    Application,
    Base,
    BaseStatus,
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
                FieldPanel("name"),
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


register_snippet(RegistryGroup)


class ApplicationsGroup(SnippetViewSetGroup):
    menu_label = _("认定申报")
    menu_icon = "doc-full"
    menu_order = 190
    items = (
        ApplicationViewSet,
        ApplicationCallViewSet,
        ExpertProfileViewSet,
        ApplicationWorkflowViewSet,
    )


register_snippet(ApplicationsGroup)


@hooks.register("after_create_snippet")
def record_accreditation_of_a_base_entered_by_staff(request, instance):
    """A base entered in the admin is an accredited one: record that as its first status."""
    if isinstance(instance, Base) and not instance.status:
        instance.change_status(
            BaseStatus.ACCREDITED,
            on=instance.accreditation_date,
            reason="后台录入已认定基地",
            user=request.user,
        )


@hooks.register("register_admin_viewset")
def register_applicant_accounts():
    return ApplicantAccountViewSet("applicant_accounts")


hooks.register("construct_homepage_panels", add_awaiting_my_action_panel)


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action("bases.assign_experts", _("指派评审专家"), _("指派评审专家"))
    actions.register_action("bases.expert_score", _("提交专家评审意见"), _("提交专家评审意见"))
    actions.register_action(
        "bases.record_inspection", _("登记考察（考核）情况"), _("登记考察（考核）情况")
    )
    actions.register_action("bases.refuse", _("不予认定"), _("不予认定"))
    actions.register_action("bases.accredit", _("认定并授牌"), _("认定并授牌"))


@hooks.register("construct_snippet_action_menu")
def reviewers_only_act(menu_items, request, context):
    """Reviewers do not change what the applicant submitted, so they get no save or publish
    buttons on an application: only the actions of the step they are on."""
    if context.get("model") is not Application or request.user.is_superuser:
        return
    menu_items[:] = [
        item for item in menu_items if item.name not in ("action-save", "action-publish")
    ]
