"""The steps of a major change report (Art. 14), on the review engine
(``bases.models.review_steps``): the base's recommending department reviews the report (pass,
or return it to the host, who edits and resubmits into the same step), then department staff
decide. Passing the decision means the base still meets its conditions: the report is
published and the change enters the base's record (``bases.review.change_reports``). Refusing
means it no longer does: a revocation on Art. 14 is drafted, which the leadership confirms;
until then the base keeps its title."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bases.models.change_reports import ChangeReport, ChangeReportStatus
from bases.models.review_steps import BaseDepartmentActors, ReviewStep, with_owner
from bases.review.change_reports import no_longer_qualified
from bases.review.forms import NoLongerQualifiedForm

DECIDE_CHANGE = "bases.decide_changereport"


class ChangeReportStep(ReviewStep):
    subject_model = ChangeReport
    owner = _("依托单位")

    class Meta:
        abstract = True


class RecommendingDepartmentChangeReviewTask(BaseDepartmentActors, ChangeReportStep):
    """Art. 10, 14: the base's recommending department, which supervises it, reviews the
    report. Only members of that department may act; it passes or returns, never decides."""

    waiting_status = ChangeReportStatus.RECOMMENDING_REVIEW
    allows_refusal = False
    approve_label = _("审核通过")

    class Meta:
        verbose_name = _("推荐部门审核重大变更报告")
        verbose_name_plural = _("推荐部门审核重大变更报告")

    @classmethod
    def get_description(cls):
        return _("基地的推荐部门审核依托单位报告的重大变更（第十四条）")


class DepartmentChangeDecisionTask(ChangeReportStep):
    """Art. 14: department staff decide whether the base still meets the conditions of its
    accreditation after the change. 「仍符合认定条件」 passes (and publishes) the report;
    「不再符合认定条件」, with its reason, ends it and drafts the revocation."""

    waiting_status = ChangeReportStatus.AWAITING_DECISION
    refused_status = ChangeReportStatus.NO_LONGER_QUALIFIED
    permission = DECIDE_CHANGE
    approve_label = _("仍符合认定条件")
    refuse_label = _("不再符合认定条件")

    class Meta:
        verbose_name = _("科技厅审定重大变更")
        verbose_name_plural = _("科技厅审定重大变更")

    def get_form_for_action(self, action):
        if action == "refuse":
            return with_owner(NoLongerQualifiedForm, self.owner)
        return super().get_form_for_action(action)

    def approval_blocker(self, report, task_state):
        if report.base.is_revoked:
            return _("该基地已被撤销。")
        return None

    def on_refuse(self, report, task_state, user, data):
        report.move_to(self.refused_status, decided_at=timezone.now())
        no_longer_qualified(report, user, data.get("comment", ""))

    @classmethod
    def get_description(cls):
        return _("科技厅审定重大变更后基地是否仍符合认定条件（第十四条）")
