"""The review engine: one step of any review process of the Measures, as a Wagtail task.

A process (accreditation today; the annual report, the assessment, the change report and the
revocation next) is a moderated snippet, its ``subject_model``, with a workflow of steps. Each
step subclasses ``ReviewStep`` and says:

- who acts: ``actors(subject)`` (whom to mail) and ``can_act(subject, user)`` (who may act),
  from permissions, department membership or assignments, never from a group's name;
- what passing needs (``approval_blocker``) and records (``on_approve``);
- the subject's status while it waits there (``waiting_status``).

The subject (``bases.models.review_records.ReviewedSubject``) writes its review state with
``move_to`` and keeps its history with ``record``, which the engine calls at every step.

The engine gives every step the same three outcomes: pass (``approve``), return for changes
(``reject``: the owner edits and resubmits and the workflow resumes at the same step) and a
final refusal (``refuse``: the workflow is cancelled, nothing is deleted). ``on_action`` locks
the task state and the subject and checks everything again, because Wagtail calls it without
consulting ``get_actions`` when the edit view posts a workflow action. What leaves the database
(mail) is sent by the receivers of ``review_transition``, which is sent only once the step's
transaction has committed: a step that rolls back has told nobody anything.
"""

import copy
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BigIntegerField, CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState, WorkflowState

from bases.review.forms import RefuseForm, ReturnForm, ReviewCommentForm
from bases.review.roles import holders_of
from bases.signals import review_transition

# The event every process's history records when its subject reaches a step (each process's
# event kinds include it).
STEP_STARTED = "step_started"


class ReviewStep(Task):
    subject_model = None  # the reviewed snippet model, set by each process's base step
    approve_form_class = ReviewCommentForm
    approve_label = _("通过")
    # Whether the step may send the subject back for changes, and refuse it for good.
    allows_return = True
    allows_refusal = True
    # The permission whose holders act on the step, for steps that the department's roles do.
    permission = None

    class Meta:
        abstract = True

    # The subject's status while it waits at this step, and after a return or a refusal (the
    # process's own statuses, written through the subject's ``move_to``).
    waiting_status = None
    returned_status = "returned"
    refused_status = "refused"

    # Who

    def actors(self, subject):
        """The active users who act on this step for ``subject``: whom to tell it waits."""
        if self.permission is None:
            raise NotImplementedError
        return holders_of(self.permission)

    def can_act(self, subject, user):
        if self.permission is None:
            raise NotImplementedError
        return user.is_authenticated and (user.is_superuser or user.has_perm(self.permission))

    def actionable(self, user):
        """The subjects ``user`` may act on at this step, as a queryset."""
        if self.can_act(None, user):
            return self.subject_model.objects.all()
        return self.subject_model.objects.none()

    def approval_blocker(self, subject, task_state):
        """Why the step cannot be passed yet, or None."""
        return None

    # Wagtail's task API

    def user_can_access_editor(self, obj, user):
        return self.can_act(obj, user)

    def locked_for_user(self, obj, user):
        return not self.can_act(obj, user)

    def get_actions(self, obj, user):
        if not self.can_act(obj, user):
            return []
        actions = []
        if self.approval_blocker(obj, obj.current_workflow_task_state) is None:
            actions.append(("approve", self.approve_label, True))
        if self.allows_return:
            actions.append(("reject", _("退回修改"), True))
        if self.allows_refusal:
            actions.append(("refuse", self.refuse_label, True))
        return actions

    refuse_label = _("不予通过")

    # Who submitted the subject and reads the step's comment (申报单位, 依托单位, 提出人).
    owner = _("申报单位")

    def get_form_for_action(self, action):
        form_class = {
            "approve": self.approve_form_class,
            "reject": ReturnForm,
            "refuse": RefuseForm,
        }.get(action, ReviewCommentForm)
        return with_owner(form_class, self.owner)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        ids = self.actionable(user).values_list("pk", flat=True)
        return self.task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__object_id__in=[str(pk) for pk in ids],
        )

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        subject = self.subject_model.objects.get(pk=workflow_state.object_id)
        if self.waiting_status:
            subject.move_to(self.waiting_status)
        subject.record(STEP_STARTED, step=self.name)
        self.on_start(subject, task_state, user)
        self.transition(subject, STEP_STARTED, user)
        return task_state

    def on_start(self, subject, task_state, user):
        pass

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # Lock the step: of two reviewers acting at once, the second finds it finished.
        task_state = TaskState.objects.select_for_update().get(pk=task_state.pk)
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied("该审核环节已办理。")
        subject = self.subject_model.objects.select_for_update().get(
            pk=task_state.workflow_state.object_id
        )
        if action_name not in [name for name, _label, _modal in self.get_actions(subject, user)]:
            raise PermissionDenied("您不能办理该审核环节。")
        form = self.get_form_for_action(action_name)(data=kwargs)
        if not form.is_valid():
            raise PermissionDenied("办理意见不完整。")
        handler = getattr(self, f"handle_{action_name}")
        return handler(subject, task_state.specific, user, form.cleaned_data)

    # Outcomes

    # The step's texts (the comment to the applicant, the reviewers' note) are kept once, in
    # the subject's own history written by record_outcome. Wagtail's task state and its log
    # entry keep who acted, on which step and when, so they get no copy of the comment.

    def handle_approve(self, subject, task_state, user, data):
        self.on_approve(subject, task_state, user, data)
        self.record_outcome(subject, "step_passed", user, data)
        task_state.approve(user=user)

    def on_approve(self, subject, task_state, user, data):
        pass

    def handle_reject(self, subject, task_state, user, data):
        self.on_return(subject, task_state, user, data)
        self.record_outcome(subject, "returned", user, data)
        task_state.reject(user=user)

    def on_return(self, subject, task_state, user, data):
        subject.move_to(self.returned_status)

    def handle_refuse(self, subject, task_state, user, data):
        """Final. The subject's own state is written first, so that listeners of the
        workflow's cancellation see a decided subject rather than an abandoned one."""
        self.on_refuse(subject, task_state, user, data)
        task_state.reject(user=user, update=False)
        task_state.workflow_state.cancel(user=user)
        self.record_outcome(subject, "refused", user, data)

    def on_refuse(self, subject, task_state, user, data):
        subject.move_to(self.refused_status)

    def record_outcome(self, subject, event, user, data):
        """Write the step in the subject's own history (its comment to the owner, the
        reviewers' note), then announce it."""
        subject.record(
            event,
            user=user,
            message=data.get("comment", ""),
            internal_note=data.get("internal_note", ""),
            step=self.name,
        )
        self.transition(subject, event, user, data.get("comment", ""))

    def transition(self, subject, event, user=None, message=""):
        announce_transition(subject, event, task=self, user=user, message=message)


class BaseDepartmentActors:
    """A step of a subject that belongs to a base (``subject.base``), acted on by the members
    of the base's recommending department and nobody else (Art. 10: the department supervises
    the bases it recommended). Mixed into a ``ReviewStep``."""

    def actors(self, subject):
        department = subject.base.recommending_department
        if department is None:
            return get_user_model().objects.none()
        return department.members.filter(is_active=True)

    def can_act(self, subject, user):
        return (
            user.is_authenticated
            and subject is not None
            and self.actors(subject).filter(pk=user.pk).exists()
        )

    def actionable(self, user):
        if not user.is_authenticated:
            return self.subject_model.objects.none()
        return self.subject_model.objects.filter(
            base__recommending_department__in=user.recommending_departments.all()
        )


def with_owner(form_class, owner):
    """``form_class`` with its comment addressed to ``owner`` in the labels."""
    if "comment" not in form_class.base_fields or owner == ReviewStep.owner:
        return form_class
    form_class = type(form_class.__name__, (form_class,), {})
    form_class.base_fields = copy.deepcopy(form_class.base_fields)
    form_class.base_fields["comment"].label = _("给%(owner)s的意见") % {"owner": owner}
    form_class.base_fields["comment"].help_text = _("%(owner)s可以看到，并随通知邮件发送。") % {
        "owner": owner
    }
    if "internal_note" in form_class.base_fields:
        form_class.base_fields["internal_note"].help_text = _(
            "仅审核人员可见，不会告知%(owner)s。"
        ) % {"owner": owner}
    return form_class


def action_labels(task, subject, user):
    """{action name: label} of what ``user`` may do at ``task`` on ``subject``, for any task."""
    return {name: label for name, label, _modal in task.get_actions(subject, user)}


def announce_transition(subject, event, task=None, user=None, message=""):
    """Send ``review_transition`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(
        partial(
            review_transition.send,
            sender=type(subject),
            subject=subject,
            event=event,
            task=task,
            user=user,
            message=message,
        )
    )


# The one join between a reviewed model and its workflow states. Wagtail keys a workflow state
# by content type and a text object id; these helpers are the only place that spells it out.


def workflow_states_of(model):
    return WorkflowState.objects.filter(base_content_type=ContentType.objects.get_for_model(model))


def current_step_name(model):
    """A subquery: the name of the step a ``model`` row waits at, for listings in one query."""
    return Subquery(
        workflow_states_of(model)
        .filter(
            object_id=Cast(OuterRef("pk"), CharField()),
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        )
        .values("current_task_state__task__name")[:1]
    )


def waiting_at(model, task):
    """The ids of ``model`` rows whose workflow waits at ``task``, as a subquery."""
    return (
        workflow_states_of(model)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS, current_task_state__task=task)
        .annotate(subject_id=Cast("object_id", BigIntegerField()))
        .values("subject_id")
    )
