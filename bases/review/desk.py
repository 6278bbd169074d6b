"""The reviewer's desk: what the review has recorded, shown above the read-only application,
and the pages where staff do a step's work before they act on it (assign experts, record an
inspection), with the files and the certificate.

These views are reached only through the application viewset's URLs, which the scoping gate
(``bases.review.scoping``) checks before they run; they look the application up in
``Application.objects.visible_to`` again, so that they stay safe on their own.
"""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.panels import Panel
from wagtail.log_actions import log
from wagtail.models import TaskState

from bases.models import (
    Application,
    ConsultationAgendaItem,
    Decision,
    ExpertAssignment,
    Publicity,
    SiteInspection,
)
from bases.models.accreditation_steps import ExpertReviewTask, SiteInspectionTask
from bases.models.reviews import score_summary
from bases.review.accreditation import render_certificate
from bases.review.files import private_file_response
from bases.review.forms import AssignExpertsForm, SiteInspectionForm
from bases.review.notifications import experts_assigned
from bases.review.roles import can_review, is_department_staff
from bases.rules.eligibility import integrity_veto_in_force


class ReviewSummaryPanel(Panel):
    """What the review has recorded so far, shown to reviewers above the read-only content,
    once the subject exists: ``template`` rendered with ``context(subject, user)``. Every
    reviewed model's admin uses it with its own template and context (the application's by
    default)."""

    def __init__(self, *args, template="bases/admin/review_summary.html", context=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        self.context = context or review_context

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(template=self.template, context=self.context)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        @property
        def template_name(self):
            return self.panel.template

        def is_shown(self):
            return self.instance.pk is not None  # a new subject has no review yet

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(self.panel.context(self.instance, self.request.user))
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
        "events": application.events.select_related("actor__applicant_account")
        .prefetch_related("actor__recommending_departments")
        .order_by("created_at", "pk"),
        "attachments": application.attachments.current(),
        "integrity_veto": integrity_veto_in_force(application),
        "can_assign": can_review(user) and isinstance(task, ExpertReviewTask),
        "can_inspect": can_review(user) and isinstance(task, SiteInspectionTask),
    }


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
            transaction.on_commit(partial(experts_assigned, application, experts))
        messages.success(request, _("已指派 %(count)d 位专家。") % {"count": len(experts)})
        return redirect("wagtailsnippets_bases_application:edit", application.pk)
    return TemplateResponse(
        request,
        "bases/admin/assign_experts.html",
        {"application": application, "form": form, "header_title": _("指派评审专家")},
    )


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
