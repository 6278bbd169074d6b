"""Rate limits for the public forms, counted in the database (``RateCount``) as django-axes
counts failed logins, so that every worker and every server agrees without a shared cache.

Each limit counts events in a fixed window that starts with the first event. ``allow`` counts
and decides in one step, so two requests at once cannot both take the last place (checking
first and counting later would let both in). Keys are keyed digests (HMAC with SECRET_KEY):
an address or e-mail address is never stored, nor a plain hash of it, which anyone could undo
by hashing every IPv4 address.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from portal.models import RateCount

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
        joined = "\x1f".join(str(part) for part in parts)
        digest = salted_hmac("portal.throttle", joined, algorithm="sha256").hexdigest()
        return f"{self.name}:{digest[:32]}"

    def allow(self, *parts):
        """Count an attempt and say whether it is within the limit."""
        return self._hit(*parts) <= self.limit

    def _hit(self, *parts):
        """Count one event and return the count in the window. The increment is one UPDATE,
        which holds the row until the transaction ends, so two requests at once get two
        different counts; a window that has run out starts again at 1."""
        key = self._key(*parts)
        now = timezone.now()
        with transaction.atomic():
            live = RateCount.objects.filter(key=key, window_ends__gt=now)
            if live.update(count=F("count") + 1):
                return live.values_list("count", flat=True).get()
            # Windows that have run out, this key's among them, are of no further use.
            RateCount.objects.filter(window_ends__lte=now).delete()
            try:
                with transaction.atomic():
                    RateCount.objects.create(
                        key=key, count=1, window_ends=now + timedelta(seconds=self.window)
                    )
            except IntegrityError:  # another request created it first: count on it
                return self._hit(*parts)
            return 1
