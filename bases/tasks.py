"""The review steps of an accreditation application, as Wagtail tasks (Art. 5–7).

Every step offers the same three outcomes: pass to the next step (``approve``), return to the
applicant for changes (``reject``, 退回修改: the applicant edits and resubmits, and the workflow
resumes at the same step) and final refusal (``refuse``, 不予认定: the workflow is cancelled).
Comments go to the applicant; internal notes stay with the reviewers.

Who may act is decided by ``can_act`` on each task, which ``get_actions``, ``on_action``, the
editor lock and the "awaiting my action" listings all use. ``on_action`` locks the task state
row and checks everything again, because Wagtail calls it without consulting ``get_actions``
when the edit view posts a workflow action.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Task, TaskState

from bases.models.applications import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    can_review,
)
from bases.models.reviews import (
    ConsultationAgendaItem,
    Decision,
    ExpertAssignment,
    Publicity,
    SiteInspection,
    score_summary,
)
from bases.signals import application_transition

LEADERSHIP = "科技厅领导小组"


# The forms of the actions. Wagtail renders them in the action modal and passes their cleaned
# data to on_action, which validates it again.


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("给申报单位的意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("申报单位可以看到，并随通知邮件发送。"),
    )
    internal_note = forms.CharField(
        label=_("内部意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("仅审核人员可见，不会告知申报单位。"),
    )


class ReturnForm(ReviewCommentForm):
    comment = forms.CharField(
        label=_("退回修改意见"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("申报单位将按此意见修改后重新提交，审核从本环节继续。"),
        error_messages={"required": _("请填写退回修改的意见。")},
    )


class RefuseForm(ReviewCommentForm):
    comment = forms.CharField(
        label=_("不予认定的理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("不予认定是最终决定，申报随之办结。"),
        error_messages={"required": _("请填写不予认定的理由。")},
    )


class AgendaForm(ReviewCommentForm):
    agenda_year = forms.IntegerField(label=_("会商年度"), min_value=2000, max_value=2100)
    agenda_reference = forms.CharField(label=_("会商议题编号或纪要文号"), max_length=200)


class ScoreForm(forms.Form):
    score = forms.IntegerField(
        label=_("评分（0–100）"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("评分应在 0 到 100 之间。"),
            "max_value": _("评分应在 0 到 100 之间。"),
        },
    )
    recommendation = forms.ChoiceField(
        label=_("评审意见"), choices=ExpertAssignment.Recommendation.choices
    )
    opinion = forms.CharField(label=_("评审意见说明"), widget=forms.Textarea(attrs={"rows": 5}))


class DecisionForm(ReviewCommentForm):
    decision_number = forms.CharField(label=_("认定文号"), max_length=100)


class PublicityForm(ReviewCommentForm):
    objections = forms.CharField(
        label=_("公示期间的异议情况"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("没有异议的，请填写“公示期内无异议”。"),
    )


class ApplicationReviewTask(Task):
    """A step of the accreditation review. Subclasses say who acts (``can_act``), what the
    applicant sees while the application waits here (``applicant_status``) and what passing
    the step requires and records."""

    applicant_status = ApplicationStatus.SUBMITTED
    approve_form_class = ReviewCommentForm
    approve_label = _("通过")
    # Whether the step may send the application back for changes. Not once the leadership
    # has decided: what is published must be what was reviewed and decided on.
    allows_return = True

    class Meta:
        abstract = True

    # Who

    def can_act(self, application, user):
        raise NotImplementedError

    def actionable_applications(self, user):
        """The applications ``user`` may act on at this step, as a queryset."""
        raise NotImplementedError

    def approval_blocker(self, application, task_state):
        """Why the step cannot be passed yet, or None."""
        return None

    # Wagtail's task API

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        application = Application.objects.get(pk=workflow_state.object_id)
        application.move_to(self.applicant_status)
        application.record(ApplicationEvent.Kind.STEP_STARTED, step=self.name)
        self.on_start(application, task_state, user)
        application_transition.send(
            sender=Application,
            application=application,
            event=ApplicationEvent.Kind.STEP_STARTED,
            task=self,
            user=user,
        )
        return task_state

    def on_start(self, application, task_state, user):
        pass

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
        actions.append(("refuse", _("不予认定"), True))
        return actions

    def get_form_for_action(self, action):
        return {
            "approve": self.approve_form_class,
            "reject": ReturnForm,
            "refuse": RefuseForm,
        }.get(action, ReviewCommentForm)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        ids = self.actionable_applications(user).values_list("pk", flat=True)
        return self.task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__object_id__in=[str(pk) for pk in ids],
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # Lock the step: of two reviewers acting at once, the second finds it finished.
        task_state = TaskState.objects.select_for_update().get(pk=task_state.pk)
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied("该审核环节已办理。")
        application = Application.objects.select_for_update().get(
            pk=task_state.workflow_state.object_id
        )
        if action_name not in [
            name for name, _label, _modal in self.get_actions(application, user)
        ]:
            raise PermissionDenied("您不能办理该审核环节。")
        form = self.get_form_for_action(action_name)(data=kwargs)
        if not form.is_valid():
            raise PermissionDenied("办理意见不完整。")
        data = form.cleaned_data
        handler = getattr(self, f"handle_{action_name}")
        return handler(application, task_state.specific, user, data)

    # Outcomes

    def handle_approve(self, application, task_state, user, data):
        self.on_approve(application, task_state, user, data)
        self._record(application, ApplicationEvent.Kind.STEP_PASSED, user, data)
        task_state.approve(user=user, comment=data.get("comment", ""))

    def on_approve(self, application, task_state, user, data):
        pass

    def handle_reject(self, application, task_state, user, data):
        application.move_to(ApplicationStatus.RETURNED)
        self._record(application, ApplicationEvent.Kind.RETURNED, user, data)
        task_state.reject(user=user, comment=data["comment"])

    def handle_refuse(self, application, task_state, user, data):
        """不予认定: final. The workflow is cancelled; nothing is deleted."""
        self.on_refuse(application, task_state, user)
        task_state.reject(user=user, update=False, comment=data["comment"])
        task_state.workflow_state.cancel(user=user)
        application.move_to(ApplicationStatus.REFUSED)
        log(instance=application, action="bases.refuse", user=user, data={"step": self.name})
        self._record(application, ApplicationEvent.Kind.REFUSED, user, data)

    def on_refuse(self, application, task_state, user):
        pass

    def _record(self, application, kind, user, data):
        application.record(
            kind,
            user=user,
            message=data.get("comment", ""),
            internal_note=data.get("internal_note", ""),
            step=self.name,
        )
        application_transition.send(
            sender=Application,
            application=application,
            event=kind,
            task=self,
            user=user,
            message=data.get("comment", ""),
        )


def _staff_applications(user):
    return Application.objects.all() if can_review(user) else Application.objects.none()


class RecommendingDepartmentReviewTask(ApplicationReviewTask):
    """Art. 6–7: the host's recommending department reviews and recommends. Only members of
    the application's own recommending department may act."""

    applicant_status = ApplicationStatus.RECOMMENDING_REVIEW
    approve_label = _("审核同意并推荐")

    class Meta:
        verbose_name = _("推荐部门审核")
        verbose_name_plural = _("推荐部门审核")

    def can_act(self, application, user):
        return (
            user.is_authenticated
            and application.recommending_department_id is not None
            and application.recommending_department.members.filter(pk=user.pk).exists()
        )

    def actionable_applications(self, user):
        return Application.objects.filter(
            recommending_department__in=user.recommending_departments.all()
        )

    @classmethod
    def get_description(cls):
        return _("申报单位的推荐部门审核并推荐（第六条、第七条）")


class ConsultationAgendaTask(ApplicationReviewTask):
    """Art. 5: a joint innovation park must first be listed on the year's department–city
    consultation agenda. Department staff record the year and the agenda reference."""

    approve_form_class = AgendaForm
    approve_label = _("已列入会商议题")

    class Meta:
        verbose_name = _("厅市会商议题确认")
        verbose_name_plural = _("厅市会商议题确认")

    def can_act(self, application, user):
        return can_review(user)

    def actionable_applications(self, user):
        return _staff_applications(user)

    def on_approve(self, application, task_state, user, data):
        ConsultationAgendaItem.objects.create(
            application=application,
            task_state=task_state,
            recorded_by=user,
            year=data["agenda_year"],
            reference=data["agenda_reference"],
        )

    @classmethod
    def get_description(cls):
        return _("科技厅确认共建国际创新园已列入厅市会商议题（第五条）")


class ExpertReviewTask(ApplicationReviewTask):
    """Art. 5–7: expert review. Staff assign experts (never one from the host organisation);
    each expert scores only their own assignments and cannot see the others' scores before
    submitting; staff conclude the step once every expert has scored, and only if the mean
    reaches the pass mark."""

    applicant_status = ApplicationStatus.EXPERT_REVIEW
    approve_label = _("评审通过")

    pass_mark = models.PositiveSmallIntegerField(
        _("通过分数线"), default=70, help_text=_("专家平均分达到此分数方可通过本环节")
    )
    minimum_experts = models.PositiveSmallIntegerField(
        _("最少专家人数"), default=3, help_text=_("至少有这么多位专家评分后方可办结")
    )

    admin_form_fields = Task.admin_form_fields + ["pass_mark", "minimum_experts"]

    class Meta:
        verbose_name = _("专家评审")
        verbose_name_plural = _("专家评审")

    def _assignment(self, application, user):
        return ExpertAssignment.objects.filter(application=application, expert=user).first()

    def can_act(self, application, user):
        if can_review(user):
            return True
        assignment = self._assignment(application, user)
        return assignment is not None

    def actionable_applications(self, user):
        if can_review(user):
            return Application.objects.all()
        return Application.objects.filter(
            expert_assignments__expert=user, expert_assignments__score__isnull=True
        )

    def get_actions(self, obj, user):
        if can_review(user):
            return super().get_actions(obj, user)
        assignment = self._assignment(obj, user)
        if assignment is not None and not assignment.has_scored:
            return [("score", _("提交评审意见"), True)]
        return []

    def get_form_for_action(self, action):
        if action == "score":
            return ScoreForm
        return super().get_form_for_action(action)

    def approval_blocker(self, application, task_state):
        assignments = list(ExpertAssignment.objects.filter(application=application))
        summary = score_summary(assignments)
        if summary["count"] < self.minimum_experts:
            return _("至少需要 %(n)d 位专家评分，目前 %(count)d 位。") % {
                "n": self.minimum_experts,
                "count": summary["count"],
            }
        if summary["count"] < len(assignments):
            return _("还有专家没有提交评审意见。")
        if summary["mean"] < self.pass_mark:
            return _("专家平均分 %(mean)s，低于通过分数线 %(mark)d。") % {
                "mean": summary["mean"],
                "mark": self.pass_mark,
            }
        return None

    def handle_score(self, application, task_state, user, data):
        assignment = ExpertAssignment.objects.select_for_update().get(
            application=application, expert=user
        )
        if assignment.has_scored:
            raise PermissionDenied("您已提交评审意见。")
        assignment.score = data["score"]
        assignment.recommendation = data["recommendation"]
        assignment.opinion = data["opinion"]
        assignment.scored_at = timezone.now()
        assignment.save()
        # The score itself stays out of the log, which other reviewers can read.
        log(instance=application, action="bases.expert_score", user=user)
        application_transition.send(
            sender=Application,
            application=application,
            event="expert_scored",
            task=self,
            user=user,
        )

    @classmethod
    def get_description(cls):
        return _("指派的专家对申报材料评分，科技厅汇总后办结（第五至七条）")


class SiteInspectionTask(ApplicationReviewTask):
    """Art. 5–7: site inspection (innovation park) or assessment of the host. Department
    staff record the date, team, findings and result, with an optional report, before the
    step can pass."""

    applicant_status = ApplicationStatus.SITE_INSPECTION
    approve_label = _("考察（考核）合格，通过")

    class Meta:
        verbose_name = _("实地考察（考核）")
        verbose_name_plural = _("实地考察（考核）")

    def can_act(self, application, user):
        return can_review(user)

    def actionable_applications(self, user):
        return _staff_applications(user)

    def current_inspection(self, application, task_state):
        if task_state is None:
            return None
        return (
            SiteInspection.objects.filter(
                application=application, recorded_at__gte=task_state.started_at
            )
            .order_by("-recorded_at")
            .first()
        )

    def approval_blocker(self, application, task_state):
        inspection = self.current_inspection(application, task_state)
        if inspection is None:
            return _("请先登记考察（考核）情况。")
        if inspection.result != SiteInspection.Result.PASSED:
            return _("考察（考核）结论为不合格，不能通过本环节。")
        return None

    @classmethod
    def get_description(cls):
        return _("科技厅组织实地考察或对申报机构进行考核（第五至七条）")


class DecisionTask(ApplicationReviewTask):
    """Art. 5–7: the department's leadership group approves the accreditation."""

    applicant_status = ApplicationStatus.AWAITING_DECISION
    approve_form_class = DecisionForm
    approve_label = _("批准认定")
    allows_return = False

    class Meta:
        verbose_name = _("认定决定")
        verbose_name_plural = _("认定决定")

    def can_act(self, application, user):
        return user.is_authenticated and (
            user.is_superuser or user.groups.filter(name=LEADERSHIP).exists()
        )

    def actionable_applications(self, user):
        if self.can_act(None, user):
            return Application.objects.all()
        return Application.objects.none()

    def on_approve(self, application, task_state, user, data):
        Decision.objects.create(
            application=application,
            task_state=task_state,
            recorded_by=user,
            decision_number=data["decision_number"],
            decided_on=timezone.localdate(),
        )

    @classmethod
    def get_description(cls):
        return _("科技厅领导小组审定，批准认定并授牌（第五至七条）")


def add_working_days(start, days):
    """The ``days``-th working day counted from ``start`` (inclusive when it is a working day).
    Weekends are skipped; public holidays are not known here and count as working days."""
    day = start
    counted = 1 if day.weekday() < 5 else 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day


class PublicityTask(ApplicationReviewTask):
    """*practice*: the decision is published as a 通知公告 for objections. The step can be
    concluded only after the period has ended, with the objections recorded."""

    applicant_status = ApplicationStatus.PUBLICITY
    approve_form_class = PublicityForm
    approve_label = _("公示期满，办结认定")
    allows_return = False

    period_working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)

    admin_form_fields = Task.admin_form_fields + ["period_working_days"]

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")

    def can_act(self, application, user):
        return can_review(user)

    def actionable_applications(self, user):
        return _staff_applications(user)

    def current_publicity(self, application, task_state):
        return (
            Publicity.objects.filter(application=application, task_state=task_state)
            .order_by("-recorded_at")
            .first()
        )

    def on_start(self, application, task_state, user):
        from news.announcements import AnnouncementEvent, announce

        today = timezone.localdate()
        ends_on = add_working_days(today, self.period_working_days)
        page = announce(
            application,
            AnnouncementEvent.ACCREDITATION_PUBLICITY,
            on=today,
            details=f"{self.period_working_days}个工作日（{today:%Y年%m月%d日}至{ends_on:%Y年%m月%d日}）",
            user=user,
        )
        Publicity.objects.create(
            application=application,
            task_state=task_state,
            recorded_by=user,
            starts_on=today,
            ends_on=ends_on,
            announcement=page,
        )

    def approval_blocker(self, application, task_state):
        publicity = self.current_publicity(application, task_state)
        if publicity is None:
            return _("公示尚未发布。")
        if timezone.localdate() <= publicity.ends_on:
            return _("公示期至 %(date)s 结束，期满后方可办结。") % {
                "date": f"{publicity.ends_on:%Y年%m月%d日}"
            }
        return None

    def on_refuse(self, application, task_state, user):
        """An objection upheld: the publicity notice of the intended accreditation comes down."""
        publicity = self.current_publicity(application, task_state)
        if publicity and publicity.announcement and publicity.announcement.live:
            UnpublishPageAction(publicity.announcement, user=user).execute(
                skip_permission_checks=True
            )

    def on_approve(self, application, task_state, user, data):
        publicity = self.current_publicity(application, task_state)
        publicity.objections = data["objections"]
        publicity.concluded_at = timezone.now()
        publicity.save(update_fields=["objections", "concluded_at"])

    @classmethod
    def get_description(cls):
        return _("以通知公告发布认定公示，公示期满后办结（惯例）")


REVIEW_TASK_TYPES = [
    RecommendingDepartmentReviewTask,
    ConsultationAgendaTask,
    ExpertReviewTask,
    SiteInspectionTask,
    DecisionTask,
    PublicityTask,
]
