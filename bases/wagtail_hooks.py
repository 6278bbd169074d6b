"""What the bases app adds to the Wagtail admin; each piece lives in its own room
(``registry/admin.py``, ``review/``, ``accounts/admin.py``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.action_menu import ActionMenuItem, WorkflowMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from bases.accounts.admin import ApplicantAccountViewSet
from bases.models import Base, BaseStatus
from bases.models.review_steps import action_labels
from bases.registry.admin import RegistryGroup
from bases.review.annual_table import AnnualReportTableViewSet
from bases.review.assessment_admin import AssessmentRoundViewSet, RectificationViewSet
from bases.review.change_report_admin import ChangeReportRequestViewSet, ChangeReportViewSet
from bases.review.compliance import ComplianceFlagViewSet, add_monitor_panel
from bases.review.dashboard import add_awaiting_my_action_panel
from bases.review.revocation_admin import RevocationViewSet
from bases.review.reward_admin import NationalRecommendationViewSet, PostSubsidyAwardViewSet
from bases.review.scoping import scope_for
from bases.review.viewsets import (
    AnnualReportViewSet,
    ApplicationCallViewSet,
    ApplicationViewSet,
    ApplicationWorkflowViewSet,
    ExpertProfileViewSet,
    ReportingYearViewSet,
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


class AnnualReportsGroup(SnippetViewSetGroup):
    menu_label = _("年度报告")
    menu_icon = "date"
    menu_order = 195
    items = (
        AnnualReportViewSet,
        AnnualReportTableViewSet,
        ComplianceFlagViewSet,
        ReportingYearViewSet,
    )


register_snippet(AnnualReportsGroup)


class OversightGroup(SnippetViewSetGroup):
    """Chapter 3 of the Measures after the annual cycle: the annual assessment and the
    rectifications it asks for (Art. 9, 12), major change reports and the requests to report
    one (Art. 14), revocations (Art. 12, 14), and the support of chapter 4: rewards and
    national recommendations (Art. 16–18)."""

    menu_label = _("基地监管")
    menu_icon = "warning"
    menu_order = 196
    items = (
        AssessmentRoundViewSet,
        RectificationViewSet,
        ChangeReportViewSet,
        ChangeReportRequestViewSet,
        RevocationViewSet,
        PostSubsidyAwardViewSet,
        NationalRecommendationViewSet,
    )


register_snippet(OversightGroup)


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
hooks.register("construct_homepage_panels", add_monitor_panel)


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action("bases.assign_experts", _("指派评审专家"), _("指派评审专家"))
    actions.register_action("bases.expert_score", _("提交专家评审意见"), _("提交专家评审意见"))
    actions.register_action(
        "bases.record_inspection", _("登记考察（考核）情况"), _("登记考察（考核）情况")
    )
    actions.register_action("bases.refuse", _("不予认定"), _("不予认定"))
    actions.register_action("bases.accredit", _("认定并授牌"), _("认定并授牌"))
    actions.register_action("bases.file_report", _("年度报告备案"), _("年度报告已备案"))
    actions.register_action("bases.revoke", _("撤销国合基地资格"), _("国合基地资格已撤销"))
    actions.register_action("bases.plaque_returned", _("登记牌匾收回"), _("牌匾已收回"))
    actions.register_action("bases.reverse_revocation", _("撤回撤销决定"), _("撤销决定已撤回"))
    actions.register_action(
        "bases.record_change", _("记入基地变更记录"), _("重大变更已记入基地变更记录")
    )
    actions.register_action(
        "bases.change_no_longer_qualified",
        _("审定重大变更：不再符合认定条件"),
        _("重大变更审定为不再符合认定条件"),
    )
    actions.register_action("bases.confirm_flag", _("确认撤销建议"), _("已确认撤销建议"))
    actions.register_action("bases.dismiss_flag", _("驳回撤销建议"), _("已驳回撤销建议"))
    actions.register_action(
        "bases.confirm_assessment", _("确认年度考核结果"), _("年度考核结果已确认")
    )
    actions.register_action("bases.commend", _("表彰优秀基地"), _("已表彰优秀基地"))
    actions.register_action("bases.pass_reevaluation", _("整改复评合格"), _("整改复评合格"))
    actions.register_action("bases.fail_reevaluation", _("整改复评不合格"), _("整改复评不合格"))


@hooks.register("construct_snippet_action_menu")
def reviewers_only_act(menu_items, request, context):
    """Reviewers do not change what the owner submitted, nor cancel its review, so on any
    reviewed model (an application, an annual report) they get the actions of the step they
    are on and nothing else: the step's approval as the main button, its other actions beside
    it, each with the step's own label (Wagtail would add "and Publish" to the last step's)."""
    model = context.get("model")
    if scope_for(model) is None or request.user.is_superuser:
        return
    if request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
        return  # the content is theirs to edit and submit (staff, on a revocation)
    instance = context.get("instance")
    task = instance.current_workflow_task if instance is not None else None
    labels = action_labels(task, instance, request.user) if task else {}
    steps = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]
    for item in steps:
        item.label = labels.get(item.name, item.label)
    steps.sort(key=lambda item: item.name != "approve")
    if "approve" not in labels and ("refuse" in labels or "reject" in labels):
        # The step cannot be passed yet: its main button says why, rather than leaving a
        # final refusal as the big green button.
        blocker = task.specific.approval_blocker(instance, instance.current_workflow_task_state)
        steps.insert(0, StepBlockedMenuItem(blocker))
    menu_items[:] = steps


class StepBlockedMenuItem(ActionMenuItem):
    name = "step-blocked"
    template_name = "bases/admin/step_blocked_button.html"

    def __init__(self, reason):
        super().__init__()
        self.label = _("暂不能通过：%(reason)s") % {"reason": reason} if reason else _("暂不能通过")
