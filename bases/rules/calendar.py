"""Periods counted in working days, as publicity periods are (*practice*)."""

import datetime


def add_working_days(start, days):
    """The ``days``-th working day counted from ``start`` (inclusive when it is a working day).
    Weekends are skipped; public holidays are not known here and count as working days."""
    day = start
    counted = 1 if day.weekday() < 5 else 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day
