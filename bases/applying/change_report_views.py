"""The host's pages of a major change report (Art. 14): starting one from 「我的基地」, the form,
the report's page with its timeline, and its files.

A host opens, changes and submits only the reports of its own bases
(``change_reports.change_reports_of``); anything else is a 404. Files are served through the
one visibility rule, ``ChangeReport.objects.visible_to``, which also lets reviewers download
them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bases.applying import change_reports
from bases.applying.annual_report_views import MY_BASES
from bases.applying.annual_reports import bases_of
from bases.applying.change_report_forms import ChangeReportForm, EvidenceForm
from bases.applying.views import APPLY_TRAIL, _account
from bases.models import ChangeReport, ChangeReportAttachment, ChangeReportStatus
from bases.models.bases import TITLE_HOLDING_STATUSES
from bases.review.files import private_file_response


def change_trail(report, current=None):
    trail = [APPLY_TRAIL, MY_BASES]
    title = f"{report.base.name}重大变更报告"
    if current is None:
        return [*trail, (title, None)]
    return [*trail, (title, reverse("apply_change", args=[report.pk])), (current, None)]


def _own_report(request, pk, lock=False):
    reports = change_reports.change_reports_of(request.user).select_related(
        "base__host", "base__recommending_department"
    )
    if lock:
        reports = reports.select_for_update()
    return get_object_or_404(reports, pk=pk)


def _may_change(report):
    """Drafts and returned reports of a base that holds its title."""
    return report.is_editable and report.base.status in TITLE_HOLDING_STATUSES


@login_required
@require_POST
def start(request, base_pk):
    """「报告重大变更」 on 「我的基地」: the base's draft, begun now or before."""
    _account(request)
    base = get_object_or_404(bases_of(request.user), pk=base_pk)
    try:
        report = change_reports.start_change_report(request.user, base)
    except change_reports.ChangeReportError as error:
        messages.error(request, str(error))
        return redirect("apply_my_bases")
    return redirect("apply_change_edit", pk=report.pk)


def _edit_context(report, form, evidence, problems=None):
    return {
        "report": report,
        "form": form,
        "evidence": evidence,
        "attachments": evidence.current,
        "problems": problems,
        "returned": change_reports.last_return(report)
        if report.status == ChangeReportStatus.RETURNED
        else None,
        "trail": change_trail(report, "填写"),
    }


def _refused(request, report):
    if report.is_editable:
        messages.info(request, "该基地已被撤销，不能再修改或提交重大变更报告。")
    else:
        messages.info(request, f"该报告当前状态为“{report.get_status_display()}”，不能修改。")
    return redirect("apply_change", pk=report.pk)


@login_required
def edit(request, pk):
    """The report's form. 「保存草稿」 stores a valid form and every acceptable file; 「提交」
    also checks that the report is complete and, if so, submits it into its review."""
    report = _own_report(request, pk)
    if not _may_change(report):
        return _refused(request, report)
    template = "bases/applying/change_report_edit.html"
    if request.method != "POST":
        form = ChangeReportForm(instance=report)
        evidence = EvidenceForm(report=report, prefix="evidence")
        return render(request, template, _edit_context(report, form, evidence))

    with transaction.atomic():
        # Read again under a lock: a second tab must not write an earlier copy back over a
        # report that has just been submitted.
        report = _own_report(request, pk, lock=True)
        if not _may_change(report):
            return _refused(request, report)
        form = ChangeReportForm(request.POST, instance=report)
        evidence = EvidenceForm(request.POST, request.FILES, report=report, prefix="evidence")
        valid = form.is_valid() and evidence.is_valid()
        if form.is_valid():
            form.save()
        evidence.save(request.user)  # what was uploaded and acceptable is kept either way
    if not valid:
        messages.error(request, "部分内容有误，请按提示修改。合格的附件已保存。")
        return render(request, template, _edit_context(report, form, evidence))
    if request.POST.get("action") != "submit":
        messages.success(request, "草稿已保存。")
        return redirect("apply_change_edit", pk=report.pk)
    try:
        with transaction.atomic():
            report, problems = change_reports.submit_change_report(report, request.user)
    except change_reports.ChangeReportError as error:
        messages.error(request, str(error))
        return redirect("apply_change_edit", pk=report.pk)
    if problems:
        for field, message in problems.items():
            (evidence if field == "files" else form).add_error(field, message)
        messages.error(request, "报告尚不完整，未能提交。已填写的内容均已保存为草稿。")
        return render(request, template, _edit_context(report, form, evidence, problems))
    messages.success(request, "重大变更报告已提交，请等待推荐部门审核。")
    return redirect("apply_change", pk=report.pk)


@login_required
def detail(request, pk):
    """The report as submitted, read-only, with its timeline: what happened and what the
    reviewers said to the host (never their internal notes)."""
    report = _own_report(request, pk)
    return render(
        request,
        "bases/applying/change_report_detail.html",
        {
            "report": report,
            "may_change": _may_change(report),
            "events": report.events.order_by("created_at", "pk"),
            "attachments": report.attachments.current(),
            "problems": list(change_reports.submission_problems(report).values())
            if _may_change(report)
            else None,
            "trail": change_trail(report),
        },
    )


@login_required
def download(request, pk):
    """A change report's file, for those who may see the report and nobody else."""
    attachment = get_object_or_404(
        ChangeReportAttachment.objects.filter(
            report__in=ChangeReport.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    return private_file_response(attachment.file, attachment.original_name)
