"""Who may review an application (*practice*, Art. 4's spirit of integrity): an expert who
belongs to the host organisation does not review its application."""

from bases.models import ExpertProfile


def has_conflict_of_interest(expert, application):
    """Whether ``expert`` works for the host organisation that made ``application``."""
    profile = ExpertProfile.objects.filter(user=expert).select_related("host").first()
    if profile is None or profile.host is None:
        return False
    if application.host_id and profile.host_id == application.host_id:
        return True
    return bool(application.credit_code) and profile.host.credit_code == application.credit_code
