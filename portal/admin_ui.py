"""Pieces of the Wagtail admin that every app's listings share."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.timezone import localtime
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from portal.spreadsheets import safe_cell


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


def _local(value):
    return localtime(value) if timezone.is_aware(value) else value


class RegisterExportMixin:
    """The CSV and XLSX downloads of an admin listing as a register is read in this office:
    times in Beijing time, as the page shows them (Wagtail writes UTC), a CSV that Excel
    opens in Chinese (it needs the UTF-8 byte-order mark), and no cell of it a formula (Wagtail
    keeps the XLSX's cells text itself)."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: _local(value).strftime(
                settings.WAGTAIL_DATETIME_FORMAT
            ),
            SpreadsheetExportMixin.FORMAT_XLSX: lambda value: _local(value).replace(tzinfo=None),
        },
    }

    def write_csv_row(self, writer, row_dict):
        # Every cell as written, whatever it came from: a related row (a base, its host) is
        # written by its name, which the public typed, and would escape a check on str values.
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)
