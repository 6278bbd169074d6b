"""The rate limits of the applicants' account forms (see portal.throttle for how they count)."""

from portal.throttle import HOUR, Throttle, client_ip

# Failed logins are django-axes' to count (portal.logins).
REGISTRATIONS_PER_IP = Throttle("register", 5, HOUR)
# Anything that sends mail to an address the visitor types: verification resends and
# password resets. Counted whether or not the address has an account, so the limit reveals
# nothing about which addresses are registered.
MAILS_PER_IP = Throttle("mail-ip", 10, HOUR)
MAILS_PER_ADDRESS = Throttle("mail-address", 3, HOUR)

__all__ = [
    "MAILS_PER_ADDRESS",
    "MAILS_PER_IP",
    "REGISTRATIONS_PER_IP",
    "client_ip",
]
