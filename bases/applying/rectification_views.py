"""The host's pages of a rectification (Art. 12(三)): the report's form and its page, reached
from 「我的基地」. A host opens only the rectifications of its own bases; anything else is a
404. Files are served through ``Rectification.objects.visible_to``, which also lets the
reviewers download them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from bases.applying import rectifications
from bases.applying.annual_report_forms import ReportAttachmentsForm
from bases.applying.annual_report_views import MY_BASES
from bases.applying.annual_reports import ReportError
from bases.applying.forms import _no_form_tag
from bases.applying.views import APPLY_TRAIL, _account
from bases.models import Rectification, RectificationAttachment, RectificationEvent
from bases.review.files import private_file_response

MAX_REPORT = 20_000


class RectificationReportForm(forms.ModelForm):
    report = forms.CharField(
        label=Rectification._meta.get_field("report").verbose_name,
        help_text=Rectification._meta.get_field("report").help_text,
        required=False,  # checked on submit, so that a draft can be saved at any point
        max_length=MAX_REPORT,
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    class Meta:
        model = Rectification
        fields = ["report"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _no_form_tag(self)


def _trail(rectification, current=None):
    trail = [APPLY_TRAIL, MY_BASES]
    if current is None:
        return [*trail, (rectification.name, None)]
    url = reverse("apply_rectification", args=[rectification.pk])
    return [*trail, (rectification.name, url), (current, None)]


def _own(request, pk, lock=False):
    found = rectifications.rectifications_of(request.user).select_related(
        "base__recommending_department", "assessment__round"
    )
    if lock:
        found = found.select_for_update()
    return get_object_or_404(found, pk=pk)


def _last_return(rectification):
    return (
        rectification.events.filter(kind=RectificationEvent.Kind.RETURNED)
        .order_by("-created_at", "-pk")
        .first()
    )


def _edit_context(rectification, form, attachments, problems=None):
    return {
        "rectification": rectification,
        "form": form,
        "attachments": attachments,
        "problems": problems,
        "returned": _last_return(rectification) if rectification.status == "returned" else None,
        "trail": _trail(rectification, "填写整改报告"),
    }


@login_required
def edit(request, pk):
    """「保存草稿」 keeps what is valid; 「提交」 also checks the report is complete and submits
    it for re-evaluation."""
    _account(request)
    rectification = _own(request, pk)
    if not rectification.is_editable:
        messages.info(request, f"整改当前状态为“{rectification.get_status_display()}”，不能修改。")
        return redirect("apply_rectification", pk=rectification.pk)
    if request.method != "POST":
        form = RectificationReportForm(instance=rectification)
        attachments = ReportAttachmentsForm(report=rectification, prefix="attachments")
        return render(
            request,
            "bases/applying/rectification_edit.html",
            _edit_context(rectification, form, attachments),
        )
    with transaction.atomic():
        rectification = _own(request, pk, lock=True)
        if not rectification.is_editable:
            return redirect("apply_rectification", pk=rectification.pk)
        form = RectificationReportForm(request.POST, instance=rectification)
        attachments = ReportAttachmentsForm(
            request.POST, request.FILES, report=rectification, prefix="attachments"
        )
        valid = form.is_valid()
        if valid:
            form.save()
        attachments.save(request.user)  # good files are kept even when another is refused
        valid = valid and not attachments.errors
    if not valid:
        messages.error(request, "部分内容有误，请按提示修改。其余内容已保存为草稿。")
        return render(
            request,
            "bases/applying/rectification_edit.html",
            _edit_context(rectification, form, attachments),
        )
    if request.POST.get("action") != "submit":
        messages.success(request, "草稿已保存。")
        return redirect("apply_rectification_edit", pk=rectification.pk)
    try:
        rectification, problems = rectifications.submit_rectification(rectification, request.user)
    except ReportError as error:
        messages.error(request, str(error))
        return redirect("apply_rectification_edit", pk=rectification.pk)
    if problems:
        messages.error(request, "整改报告尚不完整，未能提交。已填写的内容均已保存为草稿。")
        return render(
            request,
            "bases/applying/rectification_edit.html",
            _edit_context(
                rectification,
                RectificationReportForm(instance=rectification),
                ReportAttachmentsForm(report=rectification, prefix="attachments"),
                problems,
            ),
        )
    messages.success(request, "整改报告已提交，请等待科技厅复评。")
    return redirect("apply_rectification", pk=rectification.pk)


@login_required
def detail(request, pk):
    """The rectification as the host sees it: the failed assessment's comments, its report,
    its files and its timeline (never the reviewers' internal notes)."""
    _account(request)
    rectification = _own(request, pk)
    return render(
        request,
        "bases/applying/rectification_detail.html",
        {
            "rectification": rectification,
            "assessment": rectification.assessment,
            "events": rectification.events.select_related("actor").order_by("created_at", "pk"),
            "attachments": rectification.attachments.current(),
            "trail": _trail(rectification),
        },
    )


@login_required
def download(request, pk):
    attachment = get_object_or_404(
        RectificationAttachment.objects.filter(
            rectification__in=Rectification.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    return private_file_response(attachment.file, attachment.original_name)
