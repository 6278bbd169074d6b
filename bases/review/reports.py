"""Wagtail's reports that span models, less the rows about objects the user may not see.
Wagtail shows every entry of a model to anyone with a permission on it, which would tell a
bureau or an expert who reviews which application elsewhere. portal/urls.py mounts these in
place of Wagtail's own; the workflows they refuse to disable are those with work in progress.
"""

from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import workflows
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.models import ModelLogEntry, TaskState, WorkflowState

from bases.review.scoping import exclude_invisible


class SiteHistoryView(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is not ModelLogEntry:
            return queryset
        return exclude_invisible(queryset, self.request.user)


class WorkflowReportView(WorkflowView):
    def get_queryset(self):
        return exclude_invisible(
            super().get_queryset(), self.request.user, "base_content_type", "object_id"
        )


class WorkflowTasksReportView(WorkflowTasksView):
    def get_queryset(self):
        return exclude_invisible(
            super().get_queryset(),
            self.request.user,
            "workflow_state__base_content_type",
            "workflow_state__object_id",
        )


class RefuseWhileInProgress:
    """Disabling a workflow cancels every review in it, and disabling a task skips it in
    every review that waits there: either would leave applications in a state no step
    belongs to. Refused while any work is in progress; finish or refuse that work first."""

    def in_progress(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        count = self.in_progress()
        if count:
            messages.error(
                request,
                ngettext(
                    "有 %(count)d 件事项正在此流程（环节）中办理，不能停用。请先办结这些事项。",
                    "有 %(count)d 件事项正在此流程（环节）中办理，不能停用。请先办结这些事项。",
                    count,
                )
                % {"count": count},
            )
            return redirect(self.get_edit_url)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.in_progress():
            context["warning_message"] = _(
                "此流程（环节）中有正在办理的事项，不能停用。请先办结这些事项。"
            )
        return context


class DisableWorkflowView(RefuseWhileInProgress, workflows.Disable):
    def in_progress(self):
        return WorkflowState.objects.filter(
            workflow=self.object, status=WorkflowState.STATUS_IN_PROGRESS
        ).count()


class DisableTaskView(RefuseWhileInProgress, workflows.DisableTask):
    def in_progress(self):
        return TaskState.objects.filter(
            task=self.object, status=TaskState.STATUS_IN_PROGRESS
        ).count()


def admin_urls():
    """The URL patterns that take the place of Wagtail's own, for portal/urls.py to mount
    ahead of the admin. Wrapped as Wagtail wraps its admin views."""
    views = [
        ("reports/site-history/", SiteHistoryView.as_view()),
        ("reports/site-history/results/", SiteHistoryView.as_view(results_only=True)),
        ("reports/workflow/", WorkflowReportView.as_view()),
        ("reports/workflow/results/", WorkflowReportView.as_view(results_only=True)),
        ("reports/workflow_tasks/", WorkflowTasksReportView.as_view()),
        ("reports/workflow_tasks/results/", WorkflowTasksReportView.as_view(results_only=True)),
        ("workflows/disable/<int:pk>/", DisableWorkflowView.as_view()),
        ("workflows/tasks/disable/<int:pk>/", DisableTaskView.as_view()),
    ]
    return [path(f"admin/{route}", require_admin_access(view)) for route, view in views]
