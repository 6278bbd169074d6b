"""Admin for calls and applications, for the people who review.

Every admin URL of an application (edit, inspect, history, revisions, workflow actions, the
review pages below) first looks the application up in ``Application.objects.visible_to``, the
same rule the public pages and the file download use, and gives 404 outside it. Reviewers see
the application read-only: what the applicant submitted is changed only by the applicant.
"""

import functools

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BigIntegerField, CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Task, TaskState, WorkflowState
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from bases.models import (
    Application,
    ApplicationCall,
    ApplicationStatus,
    ApplicationWorkflow,
    ConsultationAgendaItem,
    Decision,
    ExpertAssignment,
    ExpertProfile,
    LeagueCity,
    Publicity,
    SiteInspection,
    can_review,
    is_department_staff,
)
from bases.models.reviews import score_summary
from bases.permissions import EXPERTS
from bases.tasks import ExpertReviewTask, SiteInspectionTask
from bases.uploads import private_file_response, stored_name, validate_upload


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


def current_step_subquery():
    """The name of the step an application waits at, for listings in one query."""
    return Subquery(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Application),
            object_id=Cast(OuterRef("pk"), CharField()),
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        ).values("current_task_state__task__name")[:1]
    )


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
        waiting = (
            WorkflowState.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Application),
                status=WorkflowState.STATUS_IN_PROGRESS,
                current_task_state__task=value,
            )
            .annotate(application_id=Cast("object_id", BigIntegerField()))
            .values("application_id")
        )
        return queryset.filter(pk__in=waiting)


class ReviewSummaryPanel(Panel):
    """What the review has recorded so far, shown to reviewers above the read-only content."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "bases/admin/review_summary.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(review_context(self.instance, self.request.user))
            return context


def review_context(application, user):
    """What ``user`` may see of the review of ``application``."""
    staff = is_department_staff(user)
    assignments = list(
        ExpertAssignment.objects.filter(application=application).select_related("expert")
    )
    own = next((a for a in assignments if a.expert_id == user.pk), None)
    # Experts do not see each other's scores before they have submitted their own.
    show_scores = staff or (own is not None and own.has_scored)
    task_state = application.current_workflow_task_state
    task = task_state.task.specific if task_state else None
    blocker = task.approval_blocker(application, task_state) if task is not None else None
    return {
        "application": application,
        "is_staff": staff,
        "task": task,
        "blocker": blocker,
        "assignments": assignments if show_scores else ([own] if own else []),
        "show_scores": show_scores,
        "summary": score_summary(assignments) if show_scores else None,
        "agenda_items": ConsultationAgendaItem.objects.filter(application=application),
        "inspections": SiteInspection.objects.filter(application=application),
        "decisions": Decision.objects.filter(application=application),
        "publicities": Publicity.objects.filter(application=application),
        "events": application.events.select_related("actor").order_by("created_at", "pk"),
        "attachments": application.attachments.filter(removed_at__isnull=True),
        "can_assign": can_review(user) and isinstance(task, ExpertReviewTask),
        "can_inspect": can_review(user) and isinstance(task, SiteInspectionTask),
    }


class ApplicationEditView(EditView):
    """The edit view is where reviewers act on a step. The content stays the applicant's:
    reviewers see it read-only and their workflow actions save nothing of it.

    A reviewer's post only carries the workflow action, so the form is never bound to it:
    what it would say of the content is ignored rather than validated. (Browsers do not post
    disabled inputs, so a form bound to a reviewer's post would miss the formsets' hidden ids
    and fail; and content the reviewer cannot change must not stop them from acting.)"""

    # What a reviewer's post may do here: act on the step. Cancelling the workflow, submitting
    # it again, saving or publishing are not theirs to do (withdrawal is the applicant's).
    REVIEWER_ACTIONS = ["edit", "workflow-action"]

    def dispatch(self, request, *args, **kwargs):
        if self.view_name == "revisions_revert" and not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_available_actions(self):
        actions = super().get_available_actions()
        if self.request.user.is_superuser:
            return actions
        return [action for action in actions if action in self.REVIEWER_ACTIONS]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if not self.request.user.is_superuser:
            kwargs.pop("data", None)
            kwargs.pop("files", None)
        return kwargs

    def is_valid(self, form):
        # Wagtail's own checks, such as a lock, come before the form's and still apply.
        if self.request.user.is_superuser or self.locked_for_user:
            return super().is_valid(form)
        return True

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if not self.request.user.is_superuser:
            for field in form.fields.values():
                field.disabled = True
            for formset in getattr(form, "formsets", {}).values():
                for child in formset.forms:
                    for field in child.fields.values():
                        field.disabled = True
        return form

    def save_instance(self):
        if self.request.user.is_superuser:
            return super().save_instance()
        self.new_revision = None
        return self.object


class VisibleApplicationInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(Application.objects.visible_to(self.request.user), pk=self.pk)


class AssignExpertsForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(
        label=_("评审专家"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一位专家。")},
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        assigned = ExpertAssignment.objects.filter(application=application).values("expert")
        self.fields["experts"].queryset = (
            get_user_model()
            .objects.filter(groups__name=EXPERTS, is_active=True)
            .exclude(pk__in=assigned)
            .select_related("expert_profile")
            .order_by("last_name", "first_name", "username")
        )
        self.fields["experts"].label_from_instance = expert_label

    def clean_experts(self):
        experts = self.cleaned_data["experts"]
        conflicted = [
            expert for expert in experts if has_conflict_of_interest(expert, self.application)
        ]
        if conflicted:
            raise forms.ValidationError(
                _("%(names)s 是申报单位的人员，存在利益冲突，不能指派。")
                % {"names": "、".join(expert_label(expert) for expert in conflicted)}
            )
        return experts


def expert_label(user):
    profile = getattr(user, "expert_profile", None)
    name = user.get_full_name() or user.get_username()
    return f"{name}（{profile.organisation}）" if profile else name


def has_conflict_of_interest(expert, application):
    """An expert who belongs to the host organisation does not review its application."""
    profile = ExpertProfile.objects.filter(user=expert).select_related("host").first()
    if profile is None or profile.host is None:
        return False
    if application.host_id and profile.host_id == application.host_id:
        return True
    return bool(application.credit_code) and profile.host.credit_code == application.credit_code


def _task_or_403(application, task_class):
    task_state = application.current_workflow_task_state
    task = task_state.task.specific if task_state else None
    if not isinstance(task, task_class):
        raise PermissionDenied
    return task_state, task


def assign_experts(request, pk):
    """Staff assign experts while the application is at an expert review step."""
    application = get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
    if not can_review(request.user):
        raise PermissionDenied
    task_state, _task = _task_or_403(application, ExpertReviewTask)
    form = AssignExpertsForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        experts = list(form.cleaned_data["experts"])
        with transaction.atomic():
            # Lock the step as its actions do, so that it cannot be concluded while an expert
            # who has not scored yet is being added.
            locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
            if locked.status != TaskState.STATUS_IN_PROGRESS:
                raise PermissionDenied
            for expert in experts:
                ExpertAssignment.objects.get_or_create(
                    application=application, expert=expert, defaults={"assigned_by": request.user}
                )
            log(
                instance=application,
                action="bases.assign_experts",
                user=request.user,
                data={"experts": [expert.get_username() for expert in experts]},
            )
        from bases.notifications import experts_assigned

        experts_assigned(application, experts)
        messages.success(request, _("已指派 %(count)d 位专家。") % {"count": len(experts)})
        return redirect("wagtailsnippets_bases_application:edit", application.pk)
    return TemplateResponse(
        request,
        "bases/admin/assign_experts.html",
        {"application": application, "form": form, "header_title": _("指派评审专家")},
    )


class SiteInspectionForm(forms.ModelForm):
    class Meta:
        model = SiteInspection
        fields = ["inspected_on", "team", "findings", "result", "report"]
        widgets = {
            "inspected_on": forms.DateInput(attrs={"type": "date"}),
            "findings": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_report(self):
        report = self.cleaned_data.get("report")
        if report and hasattr(report, "content_type"):
            # Named after what its content proves it is, like application attachments.
            report.name = stored_name(report.name, validate_upload(report))
        return report


def record_inspection(request, pk):
    """Staff record the site inspection (or assessment of the host) of the current step."""
    application = get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
    if not can_review(request.user):
        raise PermissionDenied
    task_state, _task = _task_or_403(application, SiteInspectionTask)
    form = SiteInspectionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        inspection = form.save(commit=False)
        inspection.application = application
        inspection.task_state = task_state
        inspection.recorded_by = request.user
        inspection.save()
        log(
            instance=application,
            action="bases.record_inspection",
            user=request.user,
            data={"result": inspection.result, "inspected_on": inspection.inspected_on.isoformat()},
        )
        messages.success(request, _("已登记考察（考核）情况。"))
        return redirect("wagtailsnippets_bases_application:edit", application.pk)
    return TemplateResponse(
        request,
        "bases/admin/record_inspection.html",
        {"application": application, "form": form, "header_title": _("登记考察（考核）情况")},
    )


def inspection_report(request, pk):
    """An inspection report, for those who may see the application except its applicant."""
    inspection = get_object_or_404(
        SiteInspection.objects.filter(
            application__in=Application.objects.visible_to(request.user)
        ).exclude(application__applicant=request.user),
        pk=pk,
    )
    return private_file_response(inspection.report, inspection.report_name)


def certificate(request, pk):
    application = get_object_or_404(
        Application.objects.visible_to(request.user).select_related("base"), pk=pk
    )
    return render_certificate(request, application)


def render_certificate(request, application):
    base = getattr(application, "base", None)
    if base is None:
        raise Http404("尚未认定")
    return render(request, "bases/certificate.html", {"base": base, "application": application})


class VisibleApplicationsChooserMixin:
    def get_object_list(self):
        return Application.objects.visible_to(self.request.user)


class ApplicationChooseView(VisibleApplicationsChooserMixin, ChooseView):
    pass


class ApplicationChooseResultsView(VisibleApplicationsChooserMixin, ChooseResultsView):
    pass


class ApplicationChosenView(SnippetChosenView):
    def get_object(self, pk):
        return Application.objects.visible_to(self.request.user).get(pk=pk)


class ApplicationChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return Application.objects.visible_to(self.request.user).filter(pk__in=pks)


class ApplicationChooserViewSet(SnippetChooserViewSet):
    """The chooser lists only what ``visible_to`` lets the user see, like every other view."""

    choose_view_class = ApplicationChooseView
    choose_results_view_class = ApplicationChooseResultsView
    chosen_view_class = ApplicationChosenView
    chosen_multiple_view_class = ApplicationChosenMultipleView


class ApplicationViewSet(SnippetViewSet):
    model = Application
    chooser_viewset_class = ApplicationChooserViewSet
    icon = "doc-full"
    menu_label = _("认定申报")
    edit_view_class = ApplicationEditView
    inspect_view_enabled = True
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
        Column("reference", label=_("申报编号")),
        "base_name",
        "unit_name",
        Column("base_type", label=_("类型"), accessor="get_base_type_display"),
        Column("current_step", label=_("当前环节")),
        Column("status", label=_("状态"), accessor="get_status_display"),
        "league_city",
        DateColumn("submitted_at", label=_("提交时间")),
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
            .annotate(current_step=current_step_subquery())
        )

    def get_urlpatterns(self):
        extra = [
            path("assign-experts/<int:pk>/", assign_experts, name="assign_experts"),
            path("inspection/<int:pk>/", record_inspection, name="record_inspection"),
            path("inspection-report/<int:pk>/", inspection_report, name="inspection_report"),
            path("certificate/<int:pk>/", certificate, name="certificate"),
        ]
        return [visible_only(pattern) for pattern in super().get_urlpatterns()] + extra


def visible_only(pattern):
    """Wrap an admin URL of one application so that an application outside
    ``Application.objects.visible_to`` is a 404, whichever Wagtail view serves it."""
    if "pk" not in pattern.pattern.regex.groupindex:
        return pattern
    view = pattern.callback

    @functools.wraps(view)
    def scoped_view(request, *args, **kwargs):
        try:
            pk = int(unquote(str(kwargs["pk"])))
        except ValueError:
            raise Http404 from None
        get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
        return view(request, *args, **kwargs)

    return URLPattern(pattern.pattern, scoped_view, pattern.default_args, pattern.name)


class ApplicationWorkflowViewSet(SnippetViewSet):
    model = ApplicationWorkflow
    icon = "tasks"
    menu_label = _("审核流程设置")
    list_display = ["base_type", "workflow"]


class ExpertProfileViewSet(SnippetViewSet):
    model = ExpertProfile
    icon = "user"
    menu_label = _("评审专家")
    list_display = ["user", "organisation", "host", "speciality"]
    search_fields = ["organisation", "speciality", "user__username", "user__last_name"]


class AwaitingMyActionPanel(Component):
    """The dashboard's "待我办理" list: applications waiting at a step the user acts on."""

    name = "awaiting_my_action"
    order = 50
    template_name = "bases/admin/awaiting_my_action.html"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        task_states = (
            TaskState.objects.reviewable_by(request.user)
            .filter(
                workflow_state__base_content_type=ContentType.objects.get_for_model(Application)
            )
            .select_related("task", "workflow_state")
            .order_by("started_at")
        )
        ids = [int(state.workflow_state.object_id) for state in task_states]
        applications = Application.objects.select_related("league_city", "call").in_bulk(ids)
        rows = [
            {
                "application": applications[int(state.workflow_state.object_id)],
                "step": state.task.name,
                "since": state.started_at,
                "url": reverse(
                    "wagtailsnippets_bases_application:edit",
                    args=[state.workflow_state.object_id],
                ),
            }
            for state in task_states
            if int(state.workflow_state.object_id) in applications
        ]
        return {"rows": rows, "request": request}


def add_awaiting_my_action_panel(request, panels):
    panels.insert(0, AwaitingMyActionPanel())


class SiteHistoryView(LogEntriesView):
    """Wagtail's site history, less the log entries of applications the user may not see.
    Wagtail shows every entry of a model to anyone with a permission on it, which would tell
    a bureau or an expert who reviews which application elsewhere."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is not ModelLogEntry or self.request.user.is_superuser:
            return queryset
        visible = Application.objects.visible_to(self.request.user).annotate(
            key=Cast("pk", CharField())
        )
        return queryset.exclude(
            Q(content_type=ContentType.objects.get_for_model(Application))
            & ~Q(object_id__in=visible.values("key"))
        )
