"""Rate limits for the public forms, counted in the Django cache (Redis in production, so that
every worker counts the same events).

Each limit counts events in a fixed window that starts with the first event. Keys are hashed,
so addresses and e-mail addresses never appear in the cache as typed.
"""

import hashlib

from django.core.cache import cache

QUARTER_HOUR = 15 * 60
HOUR = 60 * 60


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


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

    def reset(self, *parts):
        cache.delete(self._key(*parts))
