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
from bases.models.organisations import (
    HostOrganisation,
    RecommendingDepartment,
    ResearchIntegrityRecord,
)
from bases.models.pages import BaseIndexPage
from bases.models.reference import CooperationField, Country, LeagueCity

__all__ = [
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
