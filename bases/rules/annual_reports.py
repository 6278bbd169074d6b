"""Which years of a base's annual cycle count, and which it missed (Art. 12(四), Art. 13).

Art. 12(四) revokes a base that "连续两年未提交年度工作总结". The Measures do not say which
years count for a base accredited in the middle of a year, so the rule here is:

- **The first year that counts is the first full calendar year under the title**: the year of
  accreditation if the base was accredited on 1 January, otherwise the next year. A base
  accredited on 31 December 2023 owes its first summary for 2024; one accredited on 1 January
  2024 owes it for 2024 as well; one accredited on 2 January 2024 for 2025. A summary of a
  partial year is welcome but its absence is no ground for revocation, the harshest measure.
- No year before ``first_year`` counts: the first year whose summaries the portal takes
  (``settings.ANNUAL_REPORTS_FIRST_YEAR``); earlier ones were filed on paper.
- **A year is missed** once its summary deadline has passed (the deadline day itself is still on
  time) and no summary of that year is submitted — with the recommending department, awaiting
  filing or filed. A draft, or a summary returned for revision and not resubmitted, is not a
  submitted summary. A summary submitted late still counts as submitted: Art. 12(四) speaks of
  not submitting, not of lateness, which the reminders and the 逾期 mark deal with.
- **Two consecutive missed years** are two missed years Y−1 and Y that both count.

The functions take plain values, so that the monitor, the table of bases × years and the tests
share them without a database.
"""

import datetime
from itertools import pairwise

# A report in one of these states has been submitted (Art. 13: reviewed, then filed).
SUBMITTED_STATES = frozenset({"recommending_review", "awaiting_filing", "filed"})


def first_counted_year(accreditation_date, first_year):
    """The first year whose summary the base owes under Art. 12(四)."""
    year = accreditation_date.year
    if (accreditation_date.month, accreditation_date.day) != (1, 1):
        year += 1
    return max(year, first_year)


def counts(year, accreditation_date, first_year):
    return year >= first_counted_year(accreditation_date, first_year)


def is_submitted(status):
    """Whether a report in ``status`` (None: not begun) has been submitted."""
    return status in SUBMITTED_STATES


def is_overdue(deadline, status, today):
    """Past its deadline (the deadline day is still on time) and not submitted."""
    return today > deadline and not is_submitted(status)


def missed_years(accreditation_date, first_year, today, summary_deadline, summary_status):
    """The counted years whose summary the base missed as of ``today``, oldest first.
    ``summary_deadline(year)`` gives the year's deadline, ``summary_status(year)`` the state
    of the base's summary of that year (None when not begun)."""
    missed = []
    year = first_counted_year(accreditation_date, first_year)
    while summary_deadline(year) < today:
        if not is_submitted(summary_status(year)):
            missed.append(year)
        year += 1
    return missed


def consecutive_missed(missed):
    """The latest pair of consecutive years in ``missed`` (oldest first), or None."""
    for earlier, later in reversed(list(pairwise(missed))):
        if later == earlier + 1:
            return earlier, later
    return None


def reminder_due(deadline, status, today, before_days):
    """Which reminder of a report is due on ``today``: ``"before_N"`` for the nearest N of
    ``before_days`` whose window (N days before the deadline up to the deadline) ``today`` is
    in, ``"after"`` once the deadline has passed, or None (submitted, or not yet time). A day
    the monitor did not run is caught up: its reminder is the one of the window it is in."""
    if is_submitted(status):
        return None
    if today > deadline:
        return "after"
    for days in sorted(before_days):
        if today >= deadline - datetime.timedelta(days=days):
            return f"before_{days}"
    return None
