"""The steps of the annual assessment and of the rectification that may follow (Art. 9, 12),
on the review engine (``bases.models.review_steps``).

- 「领导小组确认考核结果」: the leadership confirms the results staff recorded for a round, or
  returns the round to staff; confirming publishes it (``bases.review.assessments``).
- 「整改复评」: department staff re-evaluate a host's rectification report: 复评合格 returns the
  base to 已认定; 复评不合格 proposes its revocation on Art. 12(三); a report may also be
  returned to the host for more evidence."""

from django.utils.translation import gettext_lazy as _

from bases.models.assessments import AssessmentGrade, AssessmentRound, AssessmentRoundStatus
from bases.models.rectifications import Rectification, RectificationStatus
from bases.models.review_steps import ReviewStep

CONFIRM = "bases.confirm_assessmentround"
REEVALUATE = "bases.reevaluate_rectification"


class AssessmentConfirmationTask(ReviewStep):
    subject_model = AssessmentRound
    permission = CONFIRM
    approve_label = _("确认考核结果")
    allows_refusal = False
    owner = _("组织人")
    waiting_status = AssessmentRoundStatus.AWAITING_CONFIRMATION
    returned_status = AssessmentRoundStatus.RETURNED

    class Meta:
        verbose_name = _("领导小组确认考核结果")
        verbose_name_plural = _("领导小组确认考核结果")

    @classmethod
    def get_description(cls):
        return _("科技厅领导小组确认年度考核结果（第九条、第十二条）")

    def approval_blocker(self, assessment_round, task_state):
        # The results being confirmed are those submitted: the latest revision's (the table
        # rows are written when the round is published, that is, confirmed).
        assessments = list(assessment_round.get_latest_revision_as_object().assessments.all())
        if not assessments:
            return _("本轮考核没有基地。")
        ungraded = [a for a in assessments if not a.grade or a.score is None]
        if ungraded:
            return _("尚有 %(n)s 个基地未评定得分和等级。") % {"n": len(ungraded)}
        silent = [a for a in assessments if a.grade == AssessmentGrade.FAILED and not a.comments]
        if silent:
            return _("考核不合格的基地须填写考核意见（写入通报）。")
        return None


class ReevaluationTask(ReviewStep):
    subject_model = Rectification
    permission = REEVALUATE
    approve_label = _("复评合格")
    refuse_label = _("复评不合格")
    owner = _("依托单位")
    waiting_status = RectificationStatus.REEVALUATION
    returned_status = RectificationStatus.RETURNED
    refused_status = RectificationStatus.FAILED

    class Meta:
        verbose_name = _("整改复评")
        verbose_name_plural = _("整改复评")

    @classmethod
    def get_description(cls):
        return _("科技厅对考核不合格基地的整改情况进行复评（第十二条第（三）项）")

    def on_refuse(self, rectification, task_state, user, data):
        from bases.review.assessments import fail_reevaluation

        super().on_refuse(rectification, task_state, user, data)
        fail_reevaluation(rectification, user, data.get("comment", ""))
