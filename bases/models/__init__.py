from bases.models.applicants import ApplicantAccount
from bases.models.applications import (
    Application,
    ApplicationAttachment,
    ApplicationEvent,
    ApplicationPartner,
    ApplicationProject,
    ApplicationStatus,
    is_department_staff,
)
from bases.models.bases import (
    Base,
    BaseAchievement,
    BaseContact,
    BaseImage,
    BaseStatus,
    BaseStatusChange,
    BaseType,
    PartnerInstitution,
    StatusChangeError,
)
from bases.models.calls import ApplicationCall, CallBaseType
from bases.models.organisations import (
    HostOrganisation,
    RecommendingDepartment,
    ResearchIntegrityRecord,
)
from bases.models.pages import BaseIndexPage
from bases.models.reference import CooperationField, Country, LeagueCity

__all__ = [
    "ApplicantAccount",
    "Application",
    "ApplicationAttachment",
    "ApplicationCall",
    "ApplicationEvent",
    "ApplicationPartner",
    "ApplicationProject",
    "ApplicationStatus",
    "CallBaseType",
    "is_department_staff",
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
    "HostOrganisation",
    "LeagueCity",
    "PartnerInstitution",
    "RecommendingDepartment",
    "ResearchIntegrityRecord",
    "StatusChangeError",
]
