"""Annual reports in a given state, for tests that read the state (the monitor, the table of
bases × years) rather than drive the review, which ``tests/bases/test_annual_reports.py``
does through the host's submission and the reviewers' admin actions."""

from django.utils import timezone

from bases.applying.annual_reports import bases_of
from bases.models import AnnualReport, ReportStatus
from tests.factories.accounts import make_applicant


def report_in_state(base, year, kind, status, submitted_at=None):
    """``base``'s report of ``kind`` for ``year``, moved to ``status`` as the review moves it
    (``AnnualReport.move_to``), by an account of the base's host."""
    author = next(
        (account.user for account in base.host.applicant_accounts.all()),
        None,
    ) or make_applicant(host=base.host)
    assert bases_of(author).filter(pk=base.pk).exists()
    report = AnnualReport.objects.create(base=base, year=year, kind=kind, author=author, live=False)
    if status != ReportStatus.DRAFT:
        fields = {"submitted_at": submitted_at or timezone.now()}
        if status == ReportStatus.FILED:
            fields["filed_at"] = fields["submitted_at"]
        report.move_to(status, **fields)
    return report
