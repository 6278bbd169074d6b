"""What the bases app adds to the Wagtail admin; each piece lives in its own room
(``registry/admin.py``, ``review/``, ``accounts/admin.py``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from bases.accounts.admin import ApplicantAccountViewSet
from bases.models import Application, Base, BaseStatus
from bases.registry.admin import RegistryGroup
from bases.review.dashboard import add_awaiting_my_action_panel
from bases.review.viewsets import (
    ApplicationCallViewSet,
    ApplicationViewSet,
    ApplicationWorkflowViewSet,
    ExpertProfileViewSet,
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
