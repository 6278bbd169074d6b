"""The steps of the accreditation review (Art. 5–7), on the review engine
(``bases.models.review_steps``). Every step notes the article it enforces.

Each step offers the engine's three outcomes; here a refusal is 不予认定. Comments go to the
applicant; internal notes stay with the reviewers.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Task

from bases.models.applications import Application, ApplicationStatus
from bases.models.review_steps import ReviewStep
from bases.models.reviews import (
    ConsultationAgendaItem,
    Decision,
    ExpertAssignment,
    Publicity,
    SiteInspection,
    score_summary,
)
from bases.review.announcements import AnnouncementEvent, announce
from bases.review.forms import AgendaForm, DecisionForm, PublicityForm, ScoreForm
from bases.review.roles import DECIDE, REVIEW, can_review, holders_of
from bases.rules.calendar import add_working_days
from bases.rules.eligibility import integrity_veto_in_force


class ApplicationReviewTask(ReviewStep):
    """A step of the accreditation review. Subclasses say who acts, what the applicant sees
    while the application waits here (``waiting_status``) and what passing the step
    requires and records."""

    subject_model = Application
    waiting_status = ApplicationStatus.SUBMITTED
    refuse_label = _("不予认定")

    class Meta:
        abstract = True

    # Art. 4: the integrity veto binds until the decision. Every step shows a record in force;
    # the steps that decide and that end in accreditation cannot be passed while one is.
    integrity_binds = False

    def approval_blocker(self, application, task_state):
        if self.integrity_binds:
            veto = integrity_veto_in_force(application)
            if veto is not None:
                return veto.message
        return self.step_blocker(application, task_state)

    def step_blocker(self, application, task_state):
        """What this step itself needs before it can be passed, or None."""
        return None

    def on_refuse(self, application, task_state, user, data):
        super().on_refuse(application, task_state, user, data)
        log(instance=application, action="bases.refuse", user=user, data={"step": self.name})


class RecommendingDepartmentReviewTask(ApplicationReviewTask):
    """Art. 6–7: the host's recommending department reviews and recommends. Only members of
    the application's own recommending department may act."""

    waiting_status = ApplicationStatus.RECOMMENDING_REVIEW
    approve_label = _("审核同意并推荐")

    class Meta:
        verbose_name = _("推荐部门审核")
        verbose_name_plural = _("推荐部门审核")

    def actors(self, application):
        department = application.recommending_department
        if department is None:
            return get_user_model().objects.none()
        return department.members.filter(is_active=True)

    def can_act(self, application, user):
        return (
            user.is_authenticated
            and application is not None
            and self.actors(application).filter(pk=user.pk).exists()
        )

    def actionable(self, user):
        if not user.is_authenticated:
            return Application.objects.none()
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
    permission = REVIEW

    class Meta:
        verbose_name = _("厅市会商议题确认")
        verbose_name_plural = _("厅市会商议题确认")

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

    waiting_status = ApplicationStatus.EXPERT_REVIEW
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

    def actors(self, application):
        """Staff, who conclude the step, and the assigned experts who have not scored yet."""
        waiting = ExpertAssignment.objects.filter(
            application=application, score__isnull=True
        ).values("expert")
        return holders_of(REVIEW) | get_user_model().objects.filter(pk__in=waiting, is_active=True)

    def can_act(self, application, user):
        if can_review(user):
            return True
        return application is not None and self._assignment(application, user) is not None

    def actionable(self, user):
        if can_review(user):
            return Application.objects.all()
        if not user.is_authenticated:
            return Application.objects.none()
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

    def step_blocker(self, application, task_state):
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
        self.transition(application, "expert_scored", user)

    @classmethod
    def get_description(cls):
        return _("指派的专家对申报材料评分，科技厅汇总后办结（第五至七条）")


class SiteInspectionTask(ApplicationReviewTask):
    """Art. 5–7: site inspection (innovation park) or assessment of the host. Department
    staff record the date, team, findings and result, with an optional report, before the
    step can pass."""

    waiting_status = ApplicationStatus.SITE_INSPECTION
    approve_label = _("考察（考核）合格，通过")
    permission = REVIEW

    class Meta:
        verbose_name = _("实地考察（考核）")
        verbose_name_plural = _("实地考察（考核）")

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

    def step_blocker(self, application, task_state):
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

    waiting_status = ApplicationStatus.AWAITING_DECISION
    approve_form_class = DecisionForm
    approve_label = _("批准认定")
    integrity_binds = True
    allows_return = False
    permission = DECIDE

    class Meta:
        verbose_name = _("认定决定")
        verbose_name_plural = _("认定决定")

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


class PublicityTask(ApplicationReviewTask):
    """*practice*: the decision is published as a 通知公告 for objections. The step can be
    concluded only after the period has ended, with the objections recorded."""

    waiting_status = ApplicationStatus.PUBLICITY
    approve_form_class = PublicityForm
    approve_label = _("公示期满，办结认定")
    integrity_binds = True
    allows_return = False
    permission = REVIEW

    period_working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)

    admin_form_fields = Task.admin_form_fields + ["period_working_days"]

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")

    def current_publicity(self, application, task_state):
        return (
            Publicity.objects.filter(application=application, task_state=task_state)
            .order_by("-recorded_at")
            .first()
        )

    def on_start(self, application, task_state, user):
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

    def step_blocker(self, application, task_state):
        publicity = self.current_publicity(application, task_state)
        if publicity is None:
            return _("公示尚未发布。")
        if timezone.localdate() <= publicity.ends_on:
            return _("公示期至 %(date)s 结束，期满后方可办结。") % {
                "date": f"{publicity.ends_on:%Y年%m月%d日}"
            }
        return None

    def on_refuse(self, application, task_state, user, data):
        """An objection upheld: the publicity notice of the intended accreditation comes down."""
        super().on_refuse(application, task_state, user, data)
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
