"""Pieces of the Wagtail admin that every app's listings share."""

import datetime

from django.conf import settings
from django.utils.timezone import localtime
from wagtail.admin.ui.tables import Column


class DateTimeColumn(Column):
    """A date as staff write it in a register, 2026-12-02 10:15. Wagtail's DateColumn says
    "5 分钟 之前", which cannot be compared or quoted in a letter."""

    def get_value(self, instance):
        value = super().get_value(instance)
        if isinstance(value, datetime.datetime):
            return localtime(value).strftime(settings.WAGTAIL_DATETIME_FORMAT)
        if isinstance(value, datetime.date):
            return value.strftime(settings.WAGTAIL_DATE_FORMAT)
        return value
