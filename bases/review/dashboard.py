"""The dashboard's queue of what waits for the user: "待我办理的认定申报"."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from bases.models import Application
from bases.models.review_steps import workflow_states_of
from bases.review.roles import VIEW


class AwaitingMyActionPanel(Component):
    """The dashboard's "待我办理" list: applications waiting at a step the user acts on."""

    name = "awaiting_my_action"
    order = 50
    template_name = "bases/admin/awaiting_my_action.html"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        task_states = (
            TaskState.objects.reviewable_by(request.user)
            .filter(workflow_state__in=workflow_states_of(Application))
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
        # Everyone who reviews applications sees the queue, empty or not.
        return {"rows": rows, "request": request, "shown": request.user.has_perm(VIEW)}


def add_awaiting_my_action_panel(request, panels):
    panels.insert(0, AwaitingMyActionPanel())
