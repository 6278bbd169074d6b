"""The applicant's pages: calls, the dashboard, the application form and its files.

Every view that touches an application looks it up through ``Application.objects.visible_to``
(for files) or the applicant's own applications (for changes), so another user's URL is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from bases.applying.forms import ApplicationSections, StartApplicationForm
from bases.applying.submission import (
    SECTIONS,
    ApplicationError,
    start_application,
    submission_problems,
    submit_application,
    withdraw_application,
)
from bases.models import (
    ApplicantAccount,
    Application,
    ApplicationAttachment,
    ApplicationCall,
    CallBaseType,
)
from bases.review.accreditation import render_certificate
from bases.review.files import private_file_response
from bases.rules.conditions import conditions_for
from bases.rules.eligibility import refusals_to_start

APPLY_TRAIL = ("申报服务", "/apply/")


def application_trail(application, current=None):
    """Breadcrumbs from the service to an application, and to a page of it if ``current``."""
    trail = [APPLY_TRAIL, ("我的申报", reverse("apply_dashboard"))]
    if current is None:
        return [*trail, (str(application), None)]
    return [
        *trail,
        (str(application), reverse("apply_detail", args=[application.pk])),
        (current, None),
    ]


def _calls_with_types():
    return ApplicationCall.objects.published().prefetch_related(
        Prefetch(
            "base_types",
            queryset=CallBaseType.objects.select_related("plan_guide").order_by("sort_order"),
        )
    )


def call_index(request):
    """/apply/: calls open now, coming, and past."""
    now = timezone.now()
    calls = list(_calls_with_types())
    context = {
        "open_calls": [call for call in calls if call.opens_at <= now < call.closes_at],
        "upcoming_calls": [call for call in calls if call.opens_at > now],
        "past_calls": [call for call in calls if call.closes_at <= now],
        "trail": [APPLY_TRAIL],
    }
    return render(request, "bases/applying/call_index.html", context)


def call_detail(request, pk):
    call = get_object_or_404(_calls_with_types(), pk=pk)
    return render(
        request,
        "bases/applying/call_detail.html",
        {
            "call": call,
            "is_open": call.is_open(),
            "trail": [APPLY_TRAIL, (call.title, None)],
        },
    )


def _account(request):
    """The applicant account of the signed-in user; staff and others have none."""
    try:
        return request.user.applicant_account
    except ApplicantAccount.DoesNotExist:
        raise Http404("不是申报账户") from None


def _own_application(request, pk):
    return get_object_or_404(
        Application.objects.select_related("call", "host", "league_city"),
        pk=pk,
        applicant=request.user,
    )


@login_required
def dashboard(request):
    """/apply/mine/: the applicant's applications, and only theirs."""
    account = _account(request)
    applications = (
        Application.objects.filter(applicant=request.user)
        .select_related("call", "base")
        .order_by("-created_at")
    )
    open_calls = [call for call in _calls_with_types() if call.is_open()]
    return render(
        request,
        "bases/applying/dashboard.html",
        {
            "account": account,
            "applications": applications,
            "open_calls": open_calls,
            "trail": [APPLY_TRAIL, ("我的申报", None)],
        },
    )


@login_required
def start(request, call_pk):
    account = _account(request)
    call = get_object_or_404(_calls_with_types(), pk=call_pk)
    form = StartApplicationForm(request.POST or None, call=call)
    today = timezone.localdate()
    refusals_by_type = [
        (label, refusals_to_start(account, value, today))
        for value, label in form.fields["base_type"].choices
    ]
    if not call.is_open():
        messages.error(request, "该申报通知不在申报期内，不能新建申报。")
        return redirect("apply_call", pk=call.pk)
    if request.method == "POST" and form.is_valid():
        try:
            application = start_application(account, call, form.cleaned_data["base_type"])
        except ApplicationError as error:
            form.add_error("base_type", str(error))
        else:
            messages.success(request, "申报草稿已创建，请逐项填写。可随时保存草稿。")
            return redirect("apply_edit", pk=application.pk)
    return render(
        request,
        "bases/applying/start.html",
        {
            "call": call,
            "form": form,
            "account": account,
            "refusals_by_type": refusals_by_type,
            "trail": [APPLY_TRAIL, ("我的申报", reverse("apply_dashboard")), ("新建申报", None)],
        },
    )


def _edit_context(request, application, sections, problems=None, invalid=()):
    attachments = application.attachments.current()
    return {
        "application": application,
        "sections": sections,
        "section_titles": SECTIONS,
        "conditions": conditions_for(application.base_type),
        "attachments": attachments,
        "problems": problems,
        "invalid_sections": invalid,
        "call_closed": application.call.has_closed(),
        "trail": application_trail(application, "填写申报书"),
    }


@login_required
def edit(request, pk):
    """The application form. "保存草稿" stores what is valid; "提交申报" also checks that
    everything required is there and, if so, submits."""
    application = _own_application(request, pk)
    if not application.is_editable:
        messages.info(request, f"该申报当前状态为“{application.get_status_display()}”，不能修改。")
        return redirect("apply_detail", pk=application.pk)
    if request.method != "POST":
        sections = ApplicationSections(application)
        return render(
            request, "bases/applying/edit.html", _edit_context(request, application, sections)
        )

    with transaction.atomic():
        # Read again under a lock: a second tab or a double click must not write an earlier
        # copy back over an application that has just been submitted or withdrawn.
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not application.is_editable:
            messages.info(
                request, f"该申报当前状态为“{application.get_status_display()}”，不能修改。"
            )
            return redirect("apply_detail", pk=application.pk)
        sections = ApplicationSections(application, request.POST, request.FILES)
        invalid = sections.save(request.user)
    wants_submit = request.POST.get("action") == "submit"
    if invalid:
        messages.error(request, "部分内容有误，请按提示修改。其余内容已保存为草稿。")
        return render(
            request,
            "bases/applying/edit.html",
            _edit_context(request, application, sections, invalid=invalid),
        )
    if not wants_submit:
        messages.success(request, "草稿已保存。")
        return redirect("apply_edit", pk=application.pk)
    try:
        application, problems = submit_application(application, request.user)
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("apply_edit", pk=application.pk)
    if problems:
        messages.error(request, "申报尚不完整，未能提交。已填写的内容均已保存为草稿。")
        return render(
            request,
            "bases/applying/edit.html",
            _edit_context(request, application, ApplicationSections(application), problems),
        )
    messages.success(request, f"申报已提交，申报编号 {application.reference}。")
    return redirect("apply_detail", pk=application.pk)


@login_required
def detail(request, pk):
    application = _own_application(request, pk)
    events = application.events.select_related("actor").order_by("created_at", "pk")
    attachments = application.attachments.current()
    problems = None
    if application.is_editable:
        problems = submission_problems(application, timezone.localdate())
    return render(
        request,
        "bases/applying/detail.html",
        {
            "application": application,
            "events": events,
            "attachments": attachments,
            "conditions": [
                (condition, (application.condition_statements or {}).get(condition.key, ""))
                for condition in conditions_for(application.base_type)
            ],
            "problems": problems,
            "trail": application_trail(application),
        },
    )


@login_required
def certificate(request, pk):
    """The printable accreditation certificate, for the host that applied."""
    return render_certificate(request, _own_application(request, pk))


@login_required
def withdraw(request, pk):
    application = _own_application(request, pk)
    if request.method == "POST":
        try:
            withdraw_application(application, request.user, request.POST.get("reason", "")[:500])
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "申报已撤回。申报书和材料仍保留在您的账户中。")
        return redirect("apply_detail", pk=application.pk)
    return render(
        request,
        "bases/applying/withdraw.html",
        {
            "application": application,
            "trail": application_trail(application, "撤回申报"),
        },
    )


@login_required
def download(request, pk):
    """An application file, for those who may see its application and nobody else."""
    attachment = get_object_or_404(
        ApplicationAttachment.objects.filter(
            application__in=Application.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    return private_file_response(attachment.file, attachment.original_name)
