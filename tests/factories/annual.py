"""Annual reports as the review leaves them: a summary in a given state, with figures,
projects and agreements, for the statistics and profiles that read filed summaries."""

import datetime

from django.utils import timezone

from bases.models import (
    AnnualReport,
    Country,
    ReportAgreement,
    ReportKind,
    ReportProject,
    ReportStatus,
)
from tests.factories.accounts import make_applicant


def make_summary(base, year, status=ReportStatus.FILED, projects=(), agreements=(), **figures):
    """``base``'s summary of ``year``; ``projects`` and ``agreements`` are country codes, one
    row each."""
    author = make_applicant(host=base.host)
    report = AnnualReport.objects.create(
        base=base,
        year=year,
        kind=ReportKind.SUMMARY,
        author=author,
        status=status,
        live=status == ReportStatus.FILED,
        narrative="本年度工作总结（内部）",
        exchange_names="伊万·彼得罗夫",
        submitted_at=timezone.now() if status != ReportStatus.DRAFT else None,
        filed_at=timezone.now() if status == ReportStatus.FILED else None,
        **figures,
    )
    for number, code in enumerate(projects):
        ReportProject.objects.create(
            report=report,
            title=f"合作项目{number + 1}",
            partner="合作大学",
            country=Country.objects.get(code=code),
            level=ReportProject.Level.REGIONAL,
            funding=50,
            start=datetime.date(year, 3, 1),
            status=ReportProject.Status.ONGOING,
        )
    for code in agreements:
        ReportAgreement.objects.create(
            report=report,
            partner="合作方",
            country=Country.objects.get(code=code),
            signed_on=datetime.date(year, 5, 1),
            kind=ReportAgreement.Kind.MOU,
        )
    return report
