from portal.models.pages import HomePage, StandardPage
from portal.models.policy import PolicyIndexPage, PolicyPage, PolicyStatus
from portal.models.site_settings import SiteFooterSettings

__all__ = [
    "HomePage",
    "PolicyIndexPage",
    "PolicyPage",
    "PolicyStatus",
    "SiteFooterSettings",
    "StandardPage",
]
