from django.apps import AppConfig


class BasesConfig(AppConfig):
    name = "bases"
    verbose_name = "国合基地"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import published, workflow_cancelled

        from bases.models import (
            AnnualReport,
            Application,
            AssessmentRound,
            ChangeReport,
            ChangeReportRequest,
            ComplianceFlag,
            NationalRecommendation,
            PostSubsidyAward,
            Rectification,
            ResearchIntegrityRecord,
            Revocation,
        )
        from bases.review.accreditation import accredit_on_publish, return_when_workflow_cancelled
        from bases.review.annual_reports import file_on_publish, on_report_transition
        from bases.review.assessment_admin import ASSESSMENT_ROUND_VIEWS, RECTIFICATION_VIEWS
        from bases.review.assessments import confirm_on_publish, on_assessment_transition
        from bases.review.change_report_admin import CHANGE_REPORT_VIEWS, CHANGE_REQUEST_VIEWS
        from bases.review.change_reports import on_change_report_transition, record_on_publish
        from bases.review.compliance import COMPLIANCE_FLAG_VIEWS
        from bases.review.notifications import on_application_transition
        from bases.review.revocation_admin import REVOCATION_VIEWS
        from bases.review.revocations import (
            on_revocation_transition,
            propose_on_integrity_record,
            revoke_on_publish,
        )
        from bases.review.reward_admin import REWARD_VIEWS
        from bases.review.scoping import register_scope
        from bases.review.viewsets import ANNUAL_REPORT_REVIEWER_VIEWS, REVIEWER_VIEWS
        from bases.signals import review_transition

        published.connect(accredit_on_publish, dispatch_uid="bases_accredit_on_publish")
        published.connect(file_on_publish, dispatch_uid="bases_file_report_on_publish")
        published.connect(revoke_on_publish, dispatch_uid="bases_revoke_on_publish")
        post_save.connect(
            propose_on_integrity_record,
            sender=ResearchIntegrityRecord,
            dispatch_uid="bases_propose_on_integrity_record",
        )
        register_scope(Revocation, Revocation.objects.visible_to, REVOCATION_VIEWS)
        published.connect(confirm_on_publish, dispatch_uid="bases_assessment_on_publish")
        review_transition.connect(
            on_assessment_transition, dispatch_uid="bases_assessment_notifications"
        )
        register_scope(AssessmentRound, AssessmentRound.objects.visible_to, ASSESSMENT_ROUND_VIEWS)
        register_scope(Rectification, Rectification.objects.visible_to, RECTIFICATION_VIEWS)
        for model in (PostSubsidyAward, NationalRecommendation):
            register_scope(model, model.objects.visible_to, REWARD_VIEWS)
        review_transition.connect(
            on_revocation_transition, dispatch_uid="bases_revocation_notifications"
        )
        review_transition.connect(on_report_transition, dispatch_uid="bases_report_notifications")
        register_scope(AnnualReport, AnnualReport.objects.visible_to, ANNUAL_REPORT_REVIEWER_VIEWS)
        register_scope(ComplianceFlag, ComplianceFlag.objects.visible_to, COMPLIANCE_FLAG_VIEWS)
        published.connect(record_on_publish, dispatch_uid="bases_record_change_on_publish")
        review_transition.connect(
            on_change_report_transition, dispatch_uid="bases_change_report_notifications"
        )
        register_scope(ChangeReport, ChangeReport.objects.visible_to, CHANGE_REPORT_VIEWS)
        register_scope(
            ChangeReportRequest, ChangeReportRequest.objects.visible_to, CHANGE_REQUEST_VIEWS
        )
        workflow_cancelled.connect(
            return_when_workflow_cancelled, dispatch_uid="bases_return_when_workflow_cancelled"
        )
        review_transition.connect(
            on_application_transition, dispatch_uid="bases_application_notifications"
        )
        register_scope(
            Application,
            Application.objects.visible_to,
            REVIEWER_VIEWS,
            foreign_pk_views=["inspection_report"],
        )
