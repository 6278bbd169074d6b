"""The admin of the review processes: the accreditation service (calls, applications, the
workflow per base type and the expert pool) and the annual reports. The views of a reviewed
model (``Reviewed*``, ``Visible*``) are shared by every process.

Reviewers see an application read-only: what the applicant submitted is changed only by the
applicant. Which applications a user reaches, through these views or any other that Wagtail
serves, is decided by the scoping gate (``bases.review.scoping``); the querysets here apply the
same rule, ``Application.objects.visible_to``.
"""

from functools import cached_property

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import InspectView
from wagtail.models import Task, TaskState
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import (
    EditView,
    HistoryView,
    IndexView,
    SnippetViewSet,
    WorkflowHistoryDetailView,
    WorkflowHistoryView,
)

from bases.models import (
    AnnualReport,
    Application,
    ApplicationCall,
    ApplicationStatus,
    ApplicationWorkflow,
    ExpertProfile,
    LeagueCity,
    RecommendingDepartment,
    ReportingYear,
    ReportKind,
    ReportStatus,
)
from bases.models.review_steps import (
    action_labels,
    current_step_name,
    waiting_at,
    workflow_states_of,
)
from bases.review import desk
from bases.review.desk import ReviewSummaryPanel
from portal.admin_ui import DateTimeColumn, RegisterExportMixin


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


class ApplicationFilterSet(WagtailFilterSet):
    base_type = ChoiceFilter(
        label=_("申报类型"), choices=Application._meta.get_field("base_type").choices
    )
    step = ModelChoiceFilter(
        label=_("当前环节"),
        queryset=Task.objects.filter(active=True).order_by("name"),
        method="filter_step",
    )
    league_city = ModelChoiceFilter(label=_("所在盟市"), queryset=LeagueCity.objects.all())
    call = ModelChoiceFilter(label=_("申报通知"), queryset=ApplicationCall.objects.all())
    status = ChoiceFilter(label=_("状态"), choices=ApplicationStatus.choices)

    class Meta:
        model = Application
        fields = ["base_type", "step", "league_city", "call", "status"]

    def filter_step(self, queryset, name, value):
        return queryset.filter(pk__in=waiting_at(Application, value))


class ReviewedIndexView(RegisterExportMixin, IndexView):
    """The listing of a reviewed model. Each row opens the subject's review page: the edit
    view, where the step's actions are, for whoever can act on it now; the read-only inspect
    view for everyone else."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        return super()._get_title_column(field_name, column_class, classname="nowrap", **kwargs)

    @cached_property
    def actionable_ids(self):
        """The applications waiting at a step this user acts on, in one query per step type."""
        states = TaskState.objects.reviewable_by(self.request.user).filter(
            workflow_state__in=workflow_states_of(self.model)
        )
        return {int(pk) for pk in states.values_list("workflow_state__object_id", flat=True)}

    def get_edit_url(self, instance):
        user, opts = self.request.user, self.model._meta
        if (
            user.is_superuser
            or user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
            or instance.pk in self.actionable_ids
        ):
            return reverse(self.edit_url_name, args=[instance.pk])
        return self.get_inspect_url(instance)

    # Applications and reports are made by their owners, on the public site; a revocation is
    # made by staff in the admin.
    created_in_admin = False

    def get_add_url(self):
        return super().get_add_url() if self.created_in_admin else None

    @cached_property
    def columns(self):
        # Bulk actions (delete) are the model permission's; reviewers get no checkboxes.
        columns = super().columns
        opts = self.model._meta
        if self.request.user.has_perm(f"{opts.app_label}.delete_{opts.model_name}"):
            return columns
        return [column for column in columns if column.name != "bulk_actions"]


NOTHING_TO_SAVE = _("申报内容由申报单位填写，不能在此修改；请使用本环节的办理按钮。")


class ReviewedEditView(EditView):
    """The edit view is where reviewers act on a step. The content stays its owner's:
    reviewers see it read-only and their workflow actions save nothing of it.

    A reviewer's post only carries the workflow action, so the form is never bound to it:
    what it would say of the content is ignored rather than validated. (Browsers do not post
    disabled inputs, so a form bound to a reviewer's post would miss the formsets' hidden ids
    and fail; and content the reviewer cannot change must not stop them from acting.)"""

    # What a reviewer's post may do here: act on the step. Cancelling the workflow, submitting
    # it again, saving or publishing are not theirs to do (withdrawal is the applicant's).
    REVIEWER_ACTIONS = ["edit", "workflow-action"]
    nothing_to_save = NOTHING_TO_SAVE

    @cached_property
    def edits_content(self):
        """Whether the user may change the content here: a superuser, or whoever holds the
        model's change permission (staff, for the revocations they propose). Everyone else
        only acts on the step."""
        user = self.request.user
        opts = self.model._meta
        return user.is_superuser or user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def get_usage_url(self):
        # Nothing uses an application; the count would only lead reviewers to a refusal.
        return super().get_usage_url() if self.edits_content else None

    def get_success_buttons(self):
        # After a step the application has moved on: its edit page is no longer theirs.
        return super().get_success_buttons() if self.edits_content else []

    def form_valid(self, form):
        if self.edits_content or self.action == "workflow-action":
            return super().form_valid(form)
        # Anything else a reviewer posts changes nothing, and must not be told it did.
        messages.error(self.request, self.nothing_to_save)
        return redirect(self.get_edit_url())

    def workflow_action_action(self):
        labels = action_labels(self.current_workflow_task, self.object, self.request.user)
        self.done_label = labels.get(self.workflow_action)
        return super().workflow_action_action()

    def get_success_message(self, instance=None):
        if self.action == "workflow-action" and getattr(self, "done_label", None):
            return _("已办理“%(action)s”：%(object)s") % {
                "action": self.done_label,
                "object": instance or self.object,
            }
        return super().get_success_message(instance)

    def get_available_actions(self):
        actions = super().get_available_actions()
        if self.edits_content:
            return actions
        return [action for action in actions if action in self.REVIEWER_ACTIONS]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if not self.edits_content:
            kwargs.pop("data", None)
            kwargs.pop("files", None)
        return kwargs

    def is_valid(self, form):
        # Wagtail's own checks, such as a lock, come before the form's and still apply.
        if self.edits_content or self.locked_for_user:
            return super().is_valid(form)
        return True

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if not self.edits_content:
            for field in form.fields.values():
                field.disabled = True
            for formset in getattr(form, "formsets", {}).values():
                for child in formset.forms:
                    for field in child.fields.values():
                        field.disabled = True
        return form

    def save_instance(self):
        if self.edits_content:
            return super().save_instance()
        self.new_revision = None
        return self.object


class ReviewerHistoryView(HistoryView):
    """Reviewers read the history of what they may see (the scoping gate decides which)."""

    any_permission_required = ["add", "change", "delete", "view"]


class ReviewerWorkflowHistoryView(WorkflowHistoryView):
    permission_required = "view"


class ReviewerWorkflowHistoryDetailView(WorkflowHistoryDetailView):
    permission_required = "view"


class VisibleInspectView(InspectView):
    """The review page of those who cannot act on the subject now: what the review has
    recorded (``review_context``), then the subject as submitted."""

    def get_object(self, queryset=None):
        return get_object_or_404(self.model.objects.visible_to(self.request.user), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.review_context())
        return context

    def review_context(self):
        return {}


class VisibleApplicationInspectView(VisibleInspectView):
    template_name = "bases/admin/application_inspect.html"

    def review_context(self):
        return desk.review_context(self.object, self.request.user)


class VisibleChooserMixin:
    def get_object_list(self):
        return self.model.objects.visible_to(self.request.user)


class VisibleChooseView(VisibleChooserMixin, ChooseView):
    pass


class VisibleChooseResultsView(VisibleChooserMixin, ChooseResultsView):
    pass


class VisibleChosenView(SnippetChosenView):
    def get_object(self, pk):
        return self.model.objects.visible_to(self.request.user).get(pk=pk)


class VisibleChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.model.objects.visible_to(self.request.user).filter(pk__in=pks)


class VisibleChooserViewSet(SnippetChooserViewSet):
    """The chooser of a reviewed model lists only what ``visible_to`` lets the user see,
    like every other view."""

    choose_view_class = VisibleChooseView
    choose_results_view_class = VisibleChooseResultsView
    chosen_view_class = VisibleChosenView
    chosen_multiple_view_class = VisibleChosenMultipleView


# The admin views of an application that users other than superusers may open (the scoping
# gate refuses every other, and shows only applications in ``visible_to``). Reviewers read,
# see the history and act on their step; they do not delete, copy, unpublish, revert, lock
# or cancel the workflow.
REVIEWER_VIEWS = [
    "list",
    "list_results",
    "edit",
    "inspect",
    "history",
    "history_results",
    "revisions_compare",
    "workflow_action",
    "collect_workflow_action_data",
    "workflow_history",
    "workflow_history_detail",
    "assign_experts",
    "record_inspection",
    "inspection_report",
    "certificate",
    "choose",
    "choose_results",
    "chosen",
    "chosen_multiple",
    # The edit view's editing-session ping (“其他人正在查看”); Wagtail answers it only to those
    # who may act on the object's current task.
    "ping",
]


class ReviewedViewSet(SnippetViewSet):
    """The admin of a reviewed snippet: the listing, chooser, inspect, history and workflow
    history views that every process shares (each scoped by the model's ``visible_to`` and
    the scoping gate). Subclasses add their own edit, inspect and index views."""

    chooser_viewset_class = VisibleChooserViewSet
    index_view_class = ReviewedIndexView
    edit_view_class = ReviewedEditView
    inspect_view_enabled = True
    history_view_class = ReviewerHistoryView
    workflow_history_view_class = ReviewerWorkflowHistoryView
    workflow_history_detail_view_class = ReviewerWorkflowHistoryDetailView


class ApplicationViewSet(ReviewedViewSet):
    model = Application
    icon = "doc-full"
    menu_label = _("认定申报")
    edit_template_name = "bases/admin/application_edit.html"
    inspect_view_class = VisibleApplicationInspectView
    filterset_class = ApplicationFilterSet
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
        "reference",
        "base_name",
        "unit_name",
        Column("base_type", label=_("类型"), accessor="get_base_type_display"),
        Column("current_step", label=_("当前环节")),
        Column("status", label=_("状态"), accessor="get_status_display"),
        "league_city",
        DateTimeColumn("submitted_at", label=_("提交时间"), sort_key="submitted_at"),
    ]
    list_export = [
        "reference",
        "base_name",
        "unit_name",
        "credit_code",
        "get_base_type_display",
        "current_step",
        "get_status_display",
        "league_city",
        "recommending_department",
        "call",
        "submitted_at",
    ]
    export_headings = {
        "reference": _("申报编号"),
        "base_name": _("拟建基地名称"),
        "unit_name": _("单位名称"),
        "credit_code": _("统一社会信用代码"),
        "get_base_type_display": _("申报类型"),
        "current_step": _("当前环节"),
        "get_status_display": _("状态"),
        "league_city": _("所在盟市"),
        "recommending_department": _("推荐部门"),
        "call": _("申报通知"),
        "submitted_at": _("提交时间"),
    }
    export_filename = "applications"
    search_fields = ["base_name", "unit_name", "credit_code"]
    ordering = ["-submitted_at"]
    panels = [
        ReviewSummaryPanel(heading=_("审核情况")),
        MultiFieldPanel(
            [
                FieldPanel("unit_name"),
                FieldPanel("credit_code"),
                FieldRowPanel([FieldPanel("unit_kind"), FieldPanel("registration_date")]),
                FieldRowPanel([FieldPanel("league_city"), FieldPanel("address")]),
                FieldRowPanel([FieldPanel("unit_head"), FieldPanel("contact_name")]),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
            ],
            heading=_("一、单位信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("base_name"),
                FieldPanel("base_head"),
                FieldPanel("fields"),
                FieldPanel("partner_countries"),
                FieldPanel("goals"),
                FieldPanel("team"),
                FieldPanel("plan_summary"),
            ],
            heading=_("二、拟建基地"),
        ),
        InlinePanel("partners", label=_("国外合作机构")),
        InlinePanel("projects", label=_("承担的国际科技合作项目")),
        FieldPanel("results"),
    ]

    def get_queryset(self, request):
        return (
            Application.objects.visible_to(request.user)
            .select_related("call", "league_city", "recommending_department")
            .annotate(current_step=current_step_name(Application))
        )

    def get_urlpatterns(self):
        extra = [
            path("assign-experts/<int:pk>/", desk.assign_experts, name="assign_experts"),
            path("inspection/<int:pk>/", desk.record_inspection, name="record_inspection"),
            path("inspection-report/<int:pk>/", desk.inspection_report, name="inspection_report"),
            path("certificate/<int:pk>/", desk.certificate, name="certificate"),
        ]
        return super().get_urlpatterns() + extra


class ApplicationWorkflowViewSet(SnippetViewSet):
    model = ApplicationWorkflow
    icon = "tasks"
    menu_label = _("审核流程设置")
    list_display = ["base_type", "workflow"]


class ExpertProfileViewSet(SnippetViewSet):
    model = ExpertProfile
    icon = "user"
    menu_label = _("评审专家")
    list_display = ["name", "organisation", "host", "speciality"]
    search_fields = [
        "organisation",
        "speciality",
        "user__username",
        "user__first_name",
        "user__last_name",
    ]

    def get_queryset(self, request):
        return ExpertProfile.objects.select_related("user", "host")


class AnnualReportFilterSet(WagtailFilterSet):
    kind = ChoiceFilter(label=_("类别"), choices=ReportKind.choices)
    status = ChoiceFilter(label=_("状态"), choices=ReportStatus.choices)
    department = ModelChoiceFilter(
        label=_("推荐部门"),
        field_name="base__recommending_department",
        queryset=RecommendingDepartment.objects.all(),
    )

    class Meta:
        model = AnnualReport
        fields = ["year", "kind", "status", "department"]


class AnnualReportEditView(ReviewedEditView):
    nothing_to_save = _("年度报告由依托单位填写，不能在此修改；请使用本环节的办理按钮。")


class AnnualReportInspectView(VisibleInspectView):
    template_name = "bases/admin/annual_report_inspect.html"

    def review_context(self):
        report = self.object
        return {
            "report": report,
            "events": report.events.select_related("actor__applicant_account")
            .prefetch_related("actor__recommending_departments")
            .order_by("created_at", "pk"),
            "attachments": report.attachments.current(),
        }


class AnnualReportViewSet(ReviewedViewSet):
    """Annual plans and summaries (Art. 13): the recommending department reviews, staff file.
    Scoped like applications (``AnnualReport.objects.visible_to``, the scoping gate)."""

    model = AnnualReport
    icon = "date"
    menu_label = _("年度报告")
    edit_view_class = AnnualReportEditView
    inspect_view_class = AnnualReportInspectView
    filterset_class = AnnualReportFilterSet
    inspect_view_fields = ["base", "year", "kind", "status", "submitted_at", "filed_at"]
    list_display = [
        "__str__",
        Column("year", label=_("年度"), sort_key="year"),
        Column("kind", label=_("类别"), accessor="get_kind_display"),
        Column("current_step", label=_("当前环节")),
        Column("status", label=_("状态"), accessor="get_status_display"),
        Column("department", label=_("推荐部门"), accessor="base.recommending_department"),
        DateTimeColumn("submitted_at", label=_("提交时间"), sort_key="submitted_at"),
    ]
    list_export = [
        "base",
        "year",
        "get_kind_display",
        "current_step",
        "get_status_display",
        "submitted_at",
        "filed_at",
        *AnnualReport.FIGURES,
    ]
    export_headings = {
        "base": _("基地"),
        "year": _("年度"),
        "get_kind_display": _("类别"),
        "current_step": _("当前环节"),
        "get_status_display": _("状态"),
        "submitted_at": _("提交时间"),
        "filed_at": _("备案时间"),
        **{name: AnnualReport._meta.get_field(name).verbose_name for name in AnnualReport.FIGURES},
    }
    export_filename = "annual-reports"
    search_fields = ["base__name"]
    ordering = ["-year", "base__name"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("narrative"), FieldPanel("self_assessment")], heading=_("工作内容")
        ),
        InlinePanel("goals", label=_("年度目标")),
        InlinePanel("goal_results", label=_("目标完成情况")),
        InlinePanel("projects", label=_("国际合作项目")),
        InlinePanel("agreements", label=_("签订协议")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("foreign_experts_hosted"), FieldPanel("staff_sent_abroad")]
                ),
                FieldPanel("exchange_names"),
                FieldRowPanel([FieldPanel("talent_trained"), FieldPanel("training_events")]),
                FieldRowPanel(
                    [FieldPanel("papers"), FieldPanel("patents"), FieldPanel("standards")]
                ),
                FieldRowPanel([FieldPanel("technologies_in"), FieldPanel("technologies_out")]),
            ],
            heading=_("交流、人才与成果"),
        ),
    ]

    def get_queryset(self, request):
        return (
            AnnualReport.objects.visible_to(request.user)
            .select_related("base__recommending_department", "latest_revision")
            .annotate(current_step=current_step_name(AnnualReport))
        )


class ReportingYearViewSet(SnippetViewSet):
    """The deadlines of each reporting year, which staff may change (Art. 13)."""

    model = ReportingYear
    icon = "calendar-alt"
    menu_label = _("年度报告截止日期")
    list_display = ["year", "plan_deadline", "summary_deadline"]
    ordering = ["-year"]
    panels = [
        FieldPanel("year"),
        FieldRowPanel([FieldPanel("plan_deadline"), FieldPanel("summary_deadline")]),
    ]


# The admin views of an annual report that users other than superusers may open.
ANNUAL_REPORT_REVIEWER_VIEWS = [
    name
    for name in REVIEWER_VIEWS
    if name not in {"assign_experts", "record_inspection", "inspection_report", "certificate"}
]
