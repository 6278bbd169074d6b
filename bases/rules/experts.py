"""Who may review an application or assess a base (*practice*, Art. 4's spirit of integrity):
an expert who belongs to the host organisation does not review its application, nor assess
its base."""

from bases.models import ExpertProfile


def has_conflict_of_interest(expert, application):
    """Whether ``expert`` works for the host organisation that made ``application``."""
    profile = ExpertProfile.objects.filter(user=expert).select_related("host").first()
    if profile is None or profile.host is None:
        return False
    if application.host_id and profile.host_id == application.host_id:
        return True
    return bool(application.credit_code) and profile.host.credit_code == application.credit_code


def conflicted_hosts(expert):
    """The ids of the host organisations ``expert`` belongs to (by the expert's profile: the
    host itself, or any host with the same credit code), for the annual assessment."""
    from bases.models import HostOrganisation

    profile = ExpertProfile.objects.filter(user=expert).select_related("host").first()
    if profile is None or profile.host is None:
        return set()
    hosts = {profile.host_id}
    if profile.host.credit_code:
        hosts |= set(
            HostOrganisation.objects.filter(credit_code=profile.host.credit_code).values_list(
                "pk", flat=True
            )
        )
    return hosts
