"""Rate limits for the public forms, counted in the Django cache (Redis in production, so that
every worker counts the same events).

Each limit counts events in a fixed window that starts with the first event. Keys are hashed,
so addresses and e-mail addresses never appear in the cache as typed.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

HOUR = 60 * 60


def client_ip(request):
    """The client's address. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies it is the entry of
    X-Forwarded-For that the outermost trusted proxy appended; entries further left are the
    client's own claim and are never believed."""
    if request is None:
        return ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class Throttle:
    def __init__(self, name, limit, window):
        self.name = name
        self.limit = limit
        self.window = window

    def _key(self, *parts):
        digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
        return f"throttle:{self.name}:{digest[:32]}"

    def exceeded(self, *parts):
        return cache.get(self._key(*parts), 0) >= self.limit

    def hit(self, *parts):
        """Count one event and return the count in the window, atomically (add, then incr)."""
        key = self._key(*parts)
        if cache.add(key, 1, self.window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, self.window)
            return 1

    def allow(self, *parts):
        """Count an attempt and say whether it is within the limit. Two requests at once both
        count, so the limit holds under concurrency (a read-then-write would let both in)."""
        return self.hit(*parts) <= self.limit
