"""Rate limits for the public account forms, counted in the Django cache (Redis in production).

Each limit counts events in a fixed window that starts with the first event. Keys are hashed,
so addresses and e-mail addresses never appear in the cache as typed.
"""

import hashlib

from django.core.cache import cache


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


class Throttle:
    def __init__(self, name, limit, window):
        self.name = name
        self.limit = limit
        self.window = window

    def _key(self, *parts):
        digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
        return f"apply-throttle:{self.name}:{digest[:32]}"

    def exceeded(self, *parts):
        return cache.get(self._key(*parts), 0) >= self.limit

    def hit(self, *parts):
        key = self._key(*parts)
        if cache.add(key, 1, self.window):
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, self.window)

    def reset(self, *parts):
        cache.delete(self._key(*parts))


QUARTER_HOUR = 15 * 60
HOUR = 60 * 60

# Failed logins: per (address, account) against guessing one password, per address against
# trying many accounts. While either is exceeded even the right password is refused.
LOGIN_FAILURES_PER_ACCOUNT = Throttle("login", 5, QUARTER_HOUR)
LOGIN_FAILURES_PER_IP = Throttle("login-ip", 20, QUARTER_HOUR)
REGISTRATIONS_PER_IP = Throttle("register", 5, HOUR)
# Anything that sends mail to an address the visitor types: verification resends and
# password resets. Counted whether or not the address has an account, so the limit reveals
# nothing about which addresses are registered.
MAILS_PER_IP = Throttle("mail-ip", 10, HOUR)
MAILS_PER_ADDRESS = Throttle("mail-address", 3, HOUR)
