from bases.models.annual_reports import (
    AnnualGoal,
    AnnualReport,
    AnnualReportAttachment,
    AnnualReportEvent,
    Deadlines,
    GoalResult,
    ReportAgreement,
    ReportingYear,
    ReportKind,
    ReportProject,
    ReportStatus,
)
from bases.models.applicants import ApplicantAccount
from bases.models.applications import (
    Application,
    ApplicationAttachment,
    ApplicationEvent,
    ApplicationPartner,
    ApplicationProject,
    ApplicationStatus,
)
from bases.models.assessments import (
    Assessment,
    AssessmentEvent,
    AssessmentExpert,
    AssessmentGrade,
    AssessmentRound,
    AssessmentRoundStatus,
    AssessmentScore,
    Commendation,
)
from bases.models.bases import (
    Base,
    BaseAchievement,
    BaseChange,
    BaseContact,
    BaseImage,
    BaseStatus,
    BaseStatusChange,
    BaseType,
    ChangeKind,
    ForeignPartner,
    PartnerInstitution,
    StatusChangeError,
    holds_title,
)
from bases.models.calls import ApplicationCall, CallBaseType
from bases.models.change_reports import (
    ChangeReport,
    ChangeReportAttachment,
    ChangeReportEvent,
    ChangeReportRequest,
    ChangeReportStatus,
)
from bases.models.compliance import (
    ComplianceArticle,
    ComplianceFlag,
    ReminderSent,
    bases_overseen_by,
)
from bases.models.organisations import (
    HostOrganisation,
    RecommendingDepartment,
    ResearchIntegrityRecord,
)
from bases.models.pages import BaseIndexPage
from bases.models.rectifications import (
    Rectification,
    RectificationAttachment,
    RectificationEvent,
    RectificationStatus,
)
from bases.models.reference import CooperationField, Country, LeagueCity
from bases.models.reviews import (
    ApplicationWorkflow,
    ConsultationAgendaItem,
    Decision,
    ExpertAssignment,
    ExpertProfile,
    PlaqueSequence,
    Publicity,
    SiteInspection,
)
from bases.models.revocations import (
    Revocation,
    RevocationEvent,
    RevocationReason,
    RevocationStatus,
)
from bases.models.rewards import (
    NationalRecommendation,
    PostSubsidyAward,
    RecommendationKind,
    RecommendationOutcome,
)

__all__ = [
    "Assessment",
    "AssessmentEvent",
    "AssessmentExpert",
    "AssessmentScore",
    "AssessmentGrade",
    "AssessmentRound",
    "AssessmentRoundStatus",
    "Commendation",
    "Rectification",
    "RectificationAttachment",
    "RectificationEvent",
    "RectificationStatus",
    "NationalRecommendation",
    "PostSubsidyAward",
    "RecommendationKind",
    "RecommendationOutcome",
    "BaseChange",
    "ChangeKind",
    "ChangeReport",
    "ChangeReportAttachment",
    "ChangeReportEvent",
    "ChangeReportRequest",
    "ChangeReportStatus",
    "Revocation",
    "RevocationEvent",
    "RevocationReason",
    "RevocationStatus",
    "AnnualGoal",
    "AnnualReport",
    "AnnualReportAttachment",
    "AnnualReportEvent",
    "Deadlines",
    "GoalResult",
    "ReportAgreement",
    "ReportingYear",
    "ReportKind",
    "ReportProject",
    "ReportStatus",
    "ApplicationWorkflow",
    "ConsultationAgendaItem",
    "Decision",
    "ExpertAssignment",
    "ExpertProfile",
    "PlaqueSequence",
    "Publicity",
    "SiteInspection",
    "ApplicantAccount",
    "Application",
    "ApplicationAttachment",
    "ApplicationCall",
    "ApplicationEvent",
    "ApplicationPartner",
    "ApplicationProject",
    "ApplicationStatus",
    "CallBaseType",
    "ComplianceArticle",
    "ComplianceFlag",
    "ReminderSent",
    "bases_overseen_by",
    "Base",
    "BaseAchievement",
    "BaseContact",
    "BaseImage",
    "BaseIndexPage",
    "BaseStatus",
    "BaseStatusChange",
    "BaseType",
    "CooperationField",
    "Country",
    "ForeignPartner",
    "HostOrganisation",
    "LeagueCity",
    "PartnerInstitution",
    "RecommendingDepartment",
    "ResearchIntegrityRecord",
    "StatusChangeError",
    "holds_title",
]

# The review steps are models too (Wagtail tasks); load them with the app.
from bases.models import accreditation_steps as _steps  # noqa: E402, F401
from bases.models import annual_report_steps as _annual_steps  # noqa: E402, F401
from bases.models import assessment_steps as _assessment_steps  # noqa: E402, F401
from bases.models import change_report_steps as _change_steps  # noqa: E402, F401
from bases.models import revocation_steps as _revocation_steps  # noqa: E402, F401
