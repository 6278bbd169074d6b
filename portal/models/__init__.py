from portal.models.pages import HomePage, StandardPage
from portal.models.policy import PolicyIndexPage, PolicyPage, PolicyStatus
from portal.models.rate_limits import RateCount
from portal.models.site_settings import SiteFooterSettings

__all__ = [
    "HomePage",
    "PolicyIndexPage",
    "PolicyPage",
    "PolicyStatus",
    "RateCount",
    "SiteFooterSettings",
    "StandardPage",
]
