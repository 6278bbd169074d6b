"""The annual report monitor's revocation proposals in the admin (Art. 12(四)): a listing and a
read-only page for everyone who oversees the base (``ComplianceFlag.objects.visible_to``, also
enforced by the scoping gate), the decision of staff, and the staff dashboard's panel
「年度报告监测」. Confirming the proposal opens the revocation it asks for, prefilled on
Art. 12(四) (``bases.review.revocation_admin``): staff add the evidence and the decision
document, and the leadership confirms it; the flag links to that revocation from then on."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from bases.models import AnnualReport, ComplianceFlag, RecommendingDepartment, ReportKind
from bases.review.forms import ComplianceDecisionForm
from bases.review.viewsets import VisibleChooserViewSet, VisibleInspectView
from bases.rules.annual_reports import is_submitted
from portal.admin_ui import DateTimeColumn
from portal.dashboard import ListPanel, Row

DECIDE = "bases.decide_complianceflag"
ADD_REVOCATION = "bases.add_revocation"

# The admin views of a flag that users other than superusers may open (the scoping gate
# refuses every other: add, edit, delete, copy...).
COMPLIANCE_FLAG_VIEWS = [
    "list",
    "list_results",
    "inspect",
    "decide",
    "choose",
    "choose_results",
    "chosen",
    "chosen_multiple",
]

REVOCATION_NEXT = _(
    "确认后请在撤销资格中补充证据材料和撤销决定文件，提交领导小组确认；基地状态在领导小组确认后才改变。"
)


def revocation_url(flag):
    """The revocation that carries out a confirmed flag, or the form that starts it."""
    revocation = getattr(flag, "revocation", None)
    if revocation is not None:
        return reverse("wagtailsnippets_bases_revocation:edit", args=[revocation.pk])
    return reverse("wagtailsnippets_bases_revocation:add") + f"?flag={flag.pk}"


class ComplianceFlagFilterSet(WagtailFilterSet):
    state = ChoiceFilter(label=_("状态"), choices=ComplianceFlag.State.choices)
    department = ModelChoiceFilter(
        label=_("推荐部门"),
        field_name="base__recommending_department",
        queryset=RecommendingDepartment.objects.all(),
    )

    class Meta:
        model = ComplianceFlag
        fields = ["state", "department"]


class ComplianceFlagIndexView(IndexView):
    def get_add_url(self):
        return None  # the monitor proposes; nobody adds a proposal by hand


class ComplianceFlagInspectView(VisibleInspectView):
    template_name = "bases/admin/compliance_flag_inspect.html"

    def review_context(self):
        flag = self.object
        reports = {
            report.year: report
            for report in AnnualReport.objects.filter(
                base=flag.base,
                kind=ReportKind.SUMMARY,
                year__in=[flag.first_year, flag.second_year],
            )
        }
        summaries = []
        for year in (flag.first_year, flag.second_year):
            report = reports.get(year)
            summaries.append(
                {
                    "year": year,
                    "label": report.get_status_display() if report else _("未报送"),
                    "submitted": is_submitted(report.status if report else None),
                }
            )
        user = self.request.user
        return {
            "flag": flag,
            "summaries": summaries,
            "can_decide": flag.is_open and user.has_perm(DECIDE),
            "decide_url": reverse("wagtailsnippets_bases_complianceflag:decide", args=[flag.pk]),
            "revocation": getattr(flag, "revocation", None),
            "revocation_url": revocation_url(flag)
            if flag.state == ComplianceFlag.State.CONFIRMED and user.has_perm(ADD_REVOCATION)
            else None,
        }


def decide(request, pk):
    """Staff confirm or dismiss an open proposal, with a reason."""
    flag = get_object_or_404(
        ComplianceFlag.objects.visible_to(request.user).select_related("base"), pk=pk
    )
    if not request.user.has_perm(DECIDE):
        raise PermissionDenied
    inspect_url = reverse("wagtailsnippets_bases_complianceflag:inspect", args=[flag.pk])
    if not flag.is_open:
        messages.error(request, _("该撤销建议已办理。"))
        return redirect(inspect_url)
    form = ComplianceDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            locked = ComplianceFlag.objects.select_for_update().get(pk=flag.pk)
            if not locked.is_open:  # decided by someone else meanwhile
                messages.error(request, _("该撤销建议已由他人办理。"))
                return redirect(inspect_url)
            confirmed = form.cleaned_data["decision"] == ComplianceDecisionForm.CONFIRM
            locked.state = (
                ComplianceFlag.State.CONFIRMED if confirmed else ComplianceFlag.State.DISMISSED
            )
            locked.reason = form.cleaned_data["reason"]
            locked.decided_by = request.user
            locked.decided_at = timezone.now()
            locked.save()
            log(
                instance=locked,
                action="bases.confirm_flag" if confirmed else "bases.dismiss_flag",
                user=request.user,
                data={"reason": locked.reason},
            )
        if confirmed:
            messages.success(
                request,
                _("已确认对“%(base)s”的撤销建议。请补充证据材料和撤销决定文件后保存。")
                % {"base": flag.base.name},
            )
            if request.user.has_perm(ADD_REVOCATION):
                return redirect(revocation_url(locked))
        else:
            messages.success(
                request, _("已驳回对“%(base)s”的撤销建议。") % {"base": flag.base.name}
            )
        return redirect(inspect_url)
    return TemplateResponse(
        request,
        "bases/admin/compliance_flag_decide.html",
        {
            "flag": flag,
            "form": form,
            "inspect_url": inspect_url,
            "header_title": _("办理撤销建议"),
            "revocation_next": REVOCATION_NEXT,
        },
    )


class ComplianceFlagViewSet(SnippetViewSet):
    """The monitor's proposals: read by those who oversee the base, decided by staff."""

    model = ComplianceFlag
    chooser_viewset_class = VisibleChooserViewSet
    icon = "warning"
    menu_label = _("撤销建议")
    index_view_class = ComplianceFlagIndexView
    inspect_view_enabled = True
    inspect_view_class = ComplianceFlagInspectView
    filterset_class = ComplianceFlagFilterSet
    inspect_view_fields = ["base", "article", "first_year", "second_year", "finding", "created_at"]
    list_display = [
        "__str__",
        Column("department", label=_("推荐部门"), accessor="base.recommending_department"),
        Column("article", label=_("依据条款"), accessor="get_article_display"),
        Column("state", label=_("状态"), accessor="get_state_display"),
        DateTimeColumn("created_at", label=_("提出时间"), sort_key="created_at"),
        DateTimeColumn("decided_at", label=_("办理时间"), sort_key="decided_at"),
    ]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return ComplianceFlag.objects.visible_to(request.user).select_related(
            "base__recommending_department", "decided_by"
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("decide/<int:pk>/", decide, name="decide")]


def proposed_flags(request):
    flags = (
        ComplianceFlag.objects.visible_to(request.user)
        .proposed()
        .select_related("base__recommending_department")
        .order_by("created_at", "pk")
    )
    for flag in flags:
        yield Row(
            str(flag),
            reverse("wagtailsnippets_bases_complianceflag:inspect", args=[flag.pk]),
            f"{flag.base.recommending_department} · 第十二条第（四）项",
            flag.created_at,
        )


def add_monitor_panel(request, panels):
    """Staff who decide the proposals see 「年度报告监测」 on their dashboard, empty or not."""
    if not request.user.has_perm(DECIDE):
        return
    panels.append(
        ListPanel(
            "annual-monitor",
            "年度报告监测",
            proposed_flags,
            "年度报告监测没有待确认的撤销建议。",
            order=55,
            more_url=reverse("wagtailsnippets_bases_complianceflag:list"),
        )
    )
