"""Annual reports for tests: what the host's edit page posts (``report_post_data``), reports in
a given state for tests that read the state (the monitor, the table of bases × years) rather
than drive the review (``report_in_state``), and filed summaries with figures for the
statistics and profiles (``make_summary``). ``tests/bases/test_annual_reports.py`` drives the
review itself through the host's submission and the reviewers' admin actions."""

import datetime

from django.utils import timezone

from bases.applying.annual_report_forms import ReportSections
from bases.applying.annual_reports import bases_of
from bases.models import (
    AnnualReport,
    Country,
    ReportAgreement,
    ReportKind,
    ReportProject,
    ReportStatus,
)
from tests.factories.accounts import make_applicant


def report_post_data(report, action="save", **overrides):
    """What the report's edit page posts when the host changes nothing: every field as
    rendered, with ``overrides`` (``"narrative-narrative": "…"``) on top, as a browser sends."""
    sections = ReportSections(report, plan=report.plan())
    data = {"action": action}
    for _section, form in sections.forms:
        is_formset = hasattr(form, "management_form")
        for each in [form.management_form, *form.forms] if is_formset else [form]:
            for bound in each:
                if bound.name == "DELETE":
                    continue
                value = bound.value()
                if value is None or value is False:
                    continue
                if isinstance(value, (list, tuple)):
                    data[bound.html_name] = [str(item) for item in value]
                elif hasattr(value, "isoformat"):
                    data[bound.html_name] = value.isoformat()
                else:
                    data[bound.html_name] = str(value)
    for key in [key for key in data if key.startswith("attachments-")]:
        del data[key]  # File inputs start empty; ``remove`` checkboxes start unticked.
    data.update(overrides)
    return data


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
