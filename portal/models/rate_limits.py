from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCount(models.Model):
    """One rate limit's count for one hashed key (see portal.throttle). Kept in the database,
    as django-axes keeps failed logins, so every worker and every server counts the same
    events without a shared cache; no address or e-mail is stored, only a digest."""

    key = models.CharField(_("键"), max_length=80, unique=True)
    count = models.PositiveIntegerField(_("次数"), default=1)
    window_ends = models.DateTimeField(_("计数截止"), db_index=True)

    class Meta:
        verbose_name = _("频率计数")
        verbose_name_plural = _("频率计数")

    def __str__(self):
        return self.key
