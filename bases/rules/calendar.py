"""Periods counted in working days, as publicity periods are (*practice*).

Working days follow the State Council's holiday arrangements (法定节假日 and 调休 weekends) from
the chinese-calendar package. For a year it does not cover yet, weekends alone are skipped, and
``uncovered_years`` names that year so that the admin can warn the staff.
"""

import datetime

import chinese_calendar


def is_working_day(day):
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year whose arrangements are not published in the package
        return day.weekday() < 5


def uncovered_years(start, end):
    """The years between ``start`` and ``end`` whose holidays are not known here."""
    years = []
    for year in range(start.year, end.year + 1):
        try:
            chinese_calendar.is_workday(datetime.date(year, 1, 1))
        except NotImplementedError:
            years.append(year)
    return years


def add_working_days(start, days):
    """The ``days``-th working day counted from ``start`` (inclusive when it is a working day)."""
    day = start
    counted = 1 if is_working_day(day) else 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day
