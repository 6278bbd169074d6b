"""The steps of the annual report's review (Art. 13), on the review engine
(``bases.models.review_steps``): the base's recommending department reviews, then department
staff file the report (备案). A report is never refused: a step passes it or returns it to the
host with comments, and the host resubmits into the same step."""

from django.utils.translation import gettext_lazy as _

from bases.models.annual_reports import AnnualReport, ReportStatus
from bases.models.review_steps import BaseDepartmentActors, ReviewStep

FILE = "bases.file_annualreport"


class AnnualReportStep(ReviewStep):
    subject_model = AnnualReport
    waiting_status = ReportStatus.RECOMMENDING_REVIEW
    allows_refusal = False
    owner = _("依托单位")

    class Meta:
        abstract = True


class AnnualRecommendingReviewTask(BaseDepartmentActors, AnnualReportStep):
    """Art. 13: the base's recommending department reviews the plan or the summary. Only
    members of that department may act."""

    approve_label = _("审核通过")

    class Meta:
        verbose_name = _("推荐部门审核年度报告")
        verbose_name_plural = _("推荐部门审核年度报告")

    @classmethod
    def get_description(cls):
        return _("基地的推荐部门审核年度工作计划或总结（第十三条）")


class AnnualFilingTask(AnnualReportStep):
    """Art. 13: department staff file the reviewed report (备案). Filing publishes it: the
    figures of a filed summary count in the statistics, and it can no longer be changed."""

    waiting_status = ReportStatus.AWAITING_FILING
    approve_label = _("备案")
    permission = FILE

    class Meta:
        verbose_name = _("科技厅备案")
        verbose_name_plural = _("科技厅备案")

    @classmethod
    def get_description(cls):
        return _("科技厅对推荐部门审核通过的年度报告备案（第十三条）")
