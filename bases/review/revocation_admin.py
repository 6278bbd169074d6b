"""The admin of revocations (Art. 12, 14): staff propose one, on a reason of Art. 12 or on
Art. 14, with evidence and the decision document, and the leadership confirms it through the
revocation's workflow (``bases.models.revocation_steps``); its effects are
``bases.review.revocations``. A revocation proposed by the annual report monitor
(``ComplianceFlag``, Art. 12(四)) starts here too, from the flag staff confirmed, prefilled."""

from functools import cached_property

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import CreateView

from bases.models import (
    Base,
    ComplianceFlag,
    Revocation,
    RevocationEvent,
    RevocationReason,
    RevocationStatus,
)
from bases.models.review_steps import current_step_name
from bases.review import revocations
from bases.review.desk import ReviewSummaryPanel
from bases.review.files import name_upload, private_file_response
from bases.review.forms import PlaqueReturnForm, ReversalForm
from bases.review.viewsets import (
    ANNUAL_REPORT_REVIEWER_VIEWS,
    ReviewedEditView,
    ReviewedIndexView,
    ReviewedViewSet,
    VisibleInspectView,
)
from portal.admin_ui import DateTimeColumn
from portal.filters import parse_id


class RevocationFilterSet(WagtailFilterSet):
    reason = ChoiceFilter(label=_("撤销事由"), choices=RevocationReason.choices)
    status = ChoiceFilter(label=_("状态"), choices=RevocationStatus.choices)

    class Meta:
        model = Revocation
        fields = ["reason", "status"]


class RevocationForm(WagtailAdminModelForm):
    """A proposal names a current base that no other revocation is under way for."""

    def clean_base(self):
        base = self.cleaned_data["base"]
        under_way = Revocation.objects.under_way().filter(base=base).exclude(pk=self.instance.pk)
        if under_way.exists():
            raise forms.ValidationError(
                _("该基地已有一项正在办理的撤销（%(status)s），请在那一项中办理。")
                % {"status": under_way.first().get_status_display()}
            )
        return base

    def clean_evidence(self):
        return self._named("evidence")

    def clean_decision_document(self):
        return self._named("decision_document")

    def _named(self, field):
        """A new file is checked as applicants' files are; its name is kept beside it."""
        upload = self.cleaned_data.get(field)
        if name := name_upload(upload):
            setattr(self.instance, f"{field}_name", name)
        return upload


class RevocationIndexView(ReviewedIndexView):
    created_in_admin = True


class RevocationEditView(ReviewedEditView):
    nothing_to_save = _("撤销申请由科技厅工作人员填写，不能在此修改；请使用本环节的办理按钮。")

    def save_instance(self):
        instance = super().save_instance()
        if instance.proposed_by_id is None and self.edits_content:
            Revocation.objects.filter(pk=instance.pk).update(proposed_by=self.request.user)
        return instance


def flag_to_carry_out(user, value):
    """The confirmed monitor proposal ``?flag=`` names, if ``user`` oversees its base and no
    revocation carries it out yet; None for anything else a guessed address may hold."""
    pk = parse_id(value)
    if pk is None:
        return None
    return (
        ComplianceFlag.objects.visible_to(user)
        .filter(pk=pk, state=ComplianceFlag.State.CONFIRMED, revocation__isnull=True)
        .select_related("base")
        .first()
    )


class RevocationCreateView(CreateView):
    @cached_property
    def flag(self):
        return flag_to_carry_out(self.request.user, self.request.GET.get("flag"))

    def get_add_url(self):
        url = super().get_add_url()
        if self.flag:  # the form posts back to the address that names the flag
            url += ("&" if "?" in url else "?") + urlencode({"flag": self.flag.pk})
        return url

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        if self.flag:
            instance = instance or Revocation()
            instance.base = self.flag.base
            instance.reason = RevocationReason.NO_ANNUAL_SUMMARY
            instance.facts = self.flag.finding
            instance.flag = self.flag
        return instance

    def save_instance(self):
        instance = super().save_instance()
        Revocation.objects.filter(pk=instance.pk).update(proposed_by=self.request.user)
        instance.record(RevocationEvent.Kind.PROPOSED, user=self.request.user)
        return instance


def revocation_context(revocation, user):
    """What the review page of a revocation shows above its content (files, plaque, history)."""
    return {
        "revocation": revocation,
        "events": revocation.events.select_related("actor__applicant_account")
        .prefetch_related("actor__recommending_departments")
        .order_by("created_at", "pk"),
        "can_record_plaque": revocation.status == RevocationStatus.CONFIRMED
        and not revocation.plaque_returned_on
        and user.has_perm("bases.change_revocation"),
        "can_reverse": revocation.status == RevocationStatus.CONFIRMED and user.has_perm(REVERSE),
    }


class RevocationInspectView(VisibleInspectView):
    template_name = "bases/admin/revocation_inspect.html"

    def review_context(self):
        return revocation_context(self.object, self.request.user)


REVOCATION_FILES = ("evidence", "decision_document", "reversal_document")


def revocation_file(request, pk, field):
    """The evidence or the decision document, to those who may see the revocation (the
    scoping gate has checked ``pk`` against ``Revocation.objects.visible_to``)."""
    revocation = get_object_or_404(Revocation.objects.visible_to(request.user), pk=pk)
    if field not in REVOCATION_FILES:
        raise Http404
    return private_file_response(getattr(revocation, field), getattr(revocation, f"{field}_name"))


REVERSE = "bases.reverse_revocation"


def reverse_view(request, pk):
    """The leadership correct a wrong revocation by a recorded decision, announced."""
    revocation = get_object_or_404(
        Revocation.objects.visible_to(request.user).select_related("base"), pk=pk
    )
    if not request.user.has_perm(REVERSE):
        raise PermissionDenied
    inspect_url = reverse("wagtailsnippets_bases_revocation:inspect", args=[pk])
    if revocation.status != RevocationStatus.CONFIRMED:
        messages.error(request, _("只能撤回已生效的撤销决定。"))
        return redirect(inspect_url)
    form = ReversalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            revocations.reverse_revocation(
                revocation,
                on=data["reversed_on"],
                reason=data["reason"],
                number=data["decision_number"],
                document=data["document"],
                user=request.user,
            )
        except revocations.ReversalError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("已撤回撤销决定，恢复“%(base)s”的国合基地资格，并发布公告。")
                % {"base": revocation.base.name},
            )
        return redirect(inspect_url)
    return TemplateResponse(
        request,
        "bases/admin/revocation_reverse.html",
        {
            "revocation": revocation,
            "form": form,
            "inspect_url": inspect_url,
            "header_title": _("撤回撤销决定"),
        },
    )


def record_plaque_return_view(request, pk):
    revocation = get_object_or_404(Revocation.objects.visible_to(request.user), pk=pk)
    if request.method != "POST" or not request.user.has_perm("bases.change_revocation"):
        raise PermissionDenied
    form = PlaqueReturnForm(request.POST)
    if form.is_valid():
        revocations.record_plaque_return(revocation, form.cleaned_data["returned_on"], request.user)
        messages.success(request, _("已登记牌匾收回。"))
    else:
        messages.error(request, _("请填写有效的收回日期。"))
    return redirect("wagtailsnippets_bases_revocation:inspect", pk)


class RevocationViewSet(ReviewedViewSet):
    """Revocations (Art. 12, 14): staff propose, the leadership confirms. Scoped like the
    other processes (``Revocation.objects.visible_to`` and the scoping gate)."""

    model = Revocation
    icon = "warning"
    menu_label = _("撤销资格")
    index_view_class = RevocationIndexView
    add_view_class = RevocationCreateView
    edit_view_class = RevocationEditView
    inspect_view_class = RevocationInspectView
    filterset_class = RevocationFilterSet
    inspect_view_fields = [
        "base",
        "reason",
        "facts",
        "decision_number",
        "status",
        "revoked_on",
        "plaque_returned_on",
    ]
    list_display = [
        "__str__",
        Column("reason", label=_("撤销事由"), accessor="get_reason_display"),
        Column("current_step", label=_("当前环节")),
        Column("status", label=_("状态"), accessor="get_status_display"),
        Column("plaque_state", label=_("牌匾")),
        DateTimeColumn("created_at", label=_("提出时间"), sort_key="created_at"),
    ]
    search_fields = ["base__name"]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [
            ReviewSummaryPanel(
                heading=_("办理情况"),
                template="bases/admin/revocation_summary.html",
                context=revocation_context,
            ),
            # A plain list of the current bases: Wagtail's base chooser is the registry's, which
            # staff who propose revocations need not be able to open.
            FieldPanel("base", widget=forms.Select),
            FieldPanel("reason"),
            FieldPanel("facts"),
            # Private files have no public address: the inputs do not link to them (the review
            # page offers the scoped downloads).
            FieldRowPanel(
                [
                    FieldPanel("evidence", widget=forms.FileInput),
                    FieldPanel("decision_document", widget=forms.FileInput),
                ]
            ),
            FieldPanel("decision_number"),
        ],
        base_form_class=RevocationForm,
    )

    def get_queryset(self, request):
        return (
            Revocation.objects.visible_to(request.user)
            .select_related("base", "latest_revision")
            .annotate(current_step=current_step_name(Revocation))
        )

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["base"].queryset = Base.objects.current().order_by("name_pinyin")
        return form_class

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("file/<int:pk>/<str:field>/", revocation_file, name="file"),
            path("plaque/<int:pk>/", record_plaque_return_view, name="record_plaque_return"),
            path("reverse/<int:pk>/", reverse_view, name="reverse"),
        ]


REVOCATION_VIEWS = [
    *ANNUAL_REPORT_REVIEWER_VIEWS,
    "add",
    "file",
    "record_plaque_return",
    "reverse",
]
