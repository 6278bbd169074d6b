"""The host's pages of the annual cycle (Art. 13): 「我的基地」, and each report's edit page,
detail page and files.

A host opens, changes and submits only the reports of its own bases
(``annual_reports.reports_of``); anything else is a 404. Files are served through the one
visibility rule, ``AnnualReport.objects.visible_to``, which also lets reviewers download them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bases.applying import annual_reports
from bases.applying.annual_report_forms import ReportSections, sections_of
from bases.applying.change_reports import attach_changes
from bases.applying.views import APPLY_TRAIL, _account
from bases.models import AnnualReport, AnnualReportAttachment, Rectification, ReportKind
from bases.models.bases import TITLE_HOLDING_STATUSES
from bases.review.files import private_file_response

MY_BASES = ("我的基地", "/apply/bases/")


def report_trail(report, current=None):
    trail = [APPLY_TRAIL, MY_BASES]
    if current is None:
        return [*trail, (str(report), None)]
    return [*trail, (str(report), reverse("apply_report", args=[report.pk])), (current, None)]


def _own_report(request, pk, lock=False):
    reports = annual_reports.reports_of(request.user).select_related(
        "base__recommending_department"
    )
    if lock:
        reports = reports.select_for_update()
    return get_object_or_404(reports, pk=pk)


@login_required
def my_bases(request):
    """/apply/bases/: the host's accredited bases and, for each year since accreditation,
    the state of its annual plan and summary (Art. 13), with what can be done next; and each
    base's major change reports and the department's requests to report one (Art. 14), and
    any rectification it owes after a failed assessment (Art. 12(三)). The same queries
    however many bases, years and reports."""
    _account(request)
    rows = annual_reports.report_grid(annual_reports.bases_of(request.user))
    open_rectifications = {}
    for rectification in (
        Rectification.objects.open()
        .filter(base__in=[base for base, _years in rows])
        .select_related("assessment__round")
    ):
        open_rectifications.setdefault(rectification.base_id, []).append(rectification)
    for base, _years in rows:
        base.open_rectifications = open_rectifications.get(base.pk, [])
    attach_changes([base for base, _years in rows])
    return render(
        request,
        "bases/applying/my_bases.html",
        {"rows": rows, "today": timezone.localdate(), "trail": [APPLY_TRAIL, ("我的基地", None)]},
    )


@login_required
@require_POST
def start(request, base_pk, year, kind):
    """Start (or reopen) the base's plan or summary of ``year``."""
    _account(request)
    if kind not in ReportKind.values:
        raise Http404("没有这种年度报告")
    base = get_object_or_404(annual_reports.bases_of(request.user), pk=base_pk)
    try:
        report = annual_reports.start_report(request.user, base, year, kind)
    except annual_reports.ReportError as error:
        messages.error(request, str(error))
        return redirect("apply_my_bases")
    if not report.is_editable:
        return redirect("apply_report", pk=report.pk)
    return redirect("apply_report_edit", pk=report.pk)


def _edit_context(report, sections, problems=None, invalid=()):
    return {
        "report": report,
        "sections": sections,
        "section_titles": sections_of(report),
        "attachments": sections.attachments.current,
        "problems": problems,
        "invalid_sections": invalid,
        "returned": annual_reports.last_return(report) if report.status == "returned" else None,
        "trail": report_trail(report, "填写"),
    }


def _may_change(report):
    """Drafts and returned reports of a base that holds its title (Art. 12: a revoked base
    reports no more; its reports stay to be read)."""
    return report.is_editable and report.base.status in TITLE_HOLDING_STATUSES


def _refused(request, report):
    if report.is_editable:
        messages.info(request, "该基地已被撤销，不能再修改或提交年度报告。")
    else:
        messages.info(request, f"该报告当前状态为“{report.get_status_display()}”，不能修改。")
    return redirect("apply_report", pk=report.pk)


@login_required
def edit(request, pk):
    """The report's form. 「保存草稿」 stores every valid section; 「提交」 also checks that the
    report is complete and, if so, submits it into its review."""
    report = _own_report(request, pk)
    if not _may_change(report):
        return _refused(request, report)
    plan = report.plan() if report.kind == ReportKind.SUMMARY else None
    if request.method != "POST":
        sections = ReportSections(report, plan=plan)
        return render(request, "bases/applying/report_edit.html", _edit_context(report, sections))

    with transaction.atomic():
        # Read again under a lock: a second tab must not write an earlier copy back over a
        # report that has just been submitted.
        report = _own_report(request, pk, lock=True)
        if not _may_change(report):
            return _refused(request, report)
        sections = ReportSections(report, request.POST, request.FILES, plan=plan)
        invalid = sections.save(request.user)
    if invalid:
        messages.error(request, "部分内容有误，请按提示修改。其余内容已保存为草稿。")
        return render(
            request,
            "bases/applying/report_edit.html",
            _edit_context(report, sections, invalid=invalid),
        )
    if request.POST.get("action") != "submit":
        messages.success(request, "草稿已保存。")
        return redirect("apply_report_edit", pk=report.pk)
    try:
        with transaction.atomic():
            report, problems = annual_reports.submit_report(report, request.user)
    except annual_reports.ReportError as error:
        messages.error(request, str(error))
        return redirect("apply_report_edit", pk=report.pk)
    if problems:
        messages.error(request, "报告尚不完整，未能提交。已填写的内容均已保存为草稿。")
        return render(
            request,
            "bases/applying/report_edit.html",
            _edit_context(report, ReportSections(report, plan=plan), problems),
        )
    messages.success(request, f"{report.get_kind_display()}已提交，请等待推荐部门审核。")
    return redirect("apply_report", pk=report.pk)


@login_required
def detail(request, pk):
    """The report as submitted, read-only, with its timeline: what happened and what the
    reviewers said to the host (never their internal notes)."""
    report = _own_report(request, pk)
    plan = report.plan() if report.kind == ReportKind.SUMMARY else None
    events = report.events.select_related("actor").order_by("created_at", "pk")
    return render(
        request,
        "bases/applying/report_detail.html",
        {
            "report": report,
            "plan": plan,
            "events": events,
            "goals": report.goals.all(),
            "goal_results": report.goal_results.select_related("goal"),
            "projects": report.projects.select_related("country"),
            "agreements": report.agreements.select_related("country"),
            "attachments": report.attachments.current(),
            "problems": annual_reports.submission_problems(report) if report.is_editable else None,
            "trail": report_trail(report),
        },
    )


@login_required
def download(request, pk):
    """A report's file, for those who may see the report and nobody else."""
    attachment = get_object_or_404(
        AnnualReportAttachment.objects.filter(
            report__in=AnnualReport.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    return private_file_response(attachment.file, attachment.original_name)
