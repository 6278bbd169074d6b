"""The admin of major change reports (Art. 14): the reports, which the recommending department
reviews and staff decide through their workflow (``bases.models.change_report_steps``), and the
requests staff record for a change a host did not report (``ChangeReportRequest``). Both are
scoped like the other processes (``visible_to`` and the scoping gate); the effects of the
decision are ``bases.review.change_reports``."""

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import CreateView, IndexView, SnippetViewSet

from bases.models import (
    Base,
    ChangeKind,
    ChangeReport,
    ChangeReportRequest,
    ChangeReportStatus,
    RecommendingDepartment,
)
from bases.models.review_steps import current_step_name
from bases.review.change_reports import mail_request
from bases.review.desk import ReviewSummaryPanel
from bases.review.viewsets import (
    ANNUAL_REPORT_REVIEWER_VIEWS,
    ReviewedEditView,
    ReviewedViewSet,
    VisibleChooserViewSet,
    VisibleInspectView,
)
from portal.admin_ui import DateTimeColumn


class ChangeReportFilterSet(WagtailFilterSet):
    kind = ChoiceFilter(label=_("变更事项"), choices=ChangeKind.choices)
    status = ChoiceFilter(label=_("状态"), choices=ChangeReportStatus.choices)
    department = ModelChoiceFilter(
        label=_("推荐部门"),
        field_name="base__recommending_department",
        queryset=RecommendingDepartment.objects.all(),
    )

    class Meta:
        model = ChangeReport
        fields = ["kind", "status", "department"]


def change_report_context(report, user):
    """What the review page of a change report shows above its content: the base as it is now
    (to compare with what is reported), the evidence, the revocation it led to and its
    history."""
    return {
        "report": report,
        "base": report.base,
        "attachments": report.attachments.current(),
        "events": report.events.select_related("actor__applicant_account__host")
        .prefetch_related("actor__recommending_departments")
        .order_by("created_at", "pk"),
        "revocation": report.revocation,
        "may_open_revocation": report.revocation_id is not None
        and user.has_perm("bases.change_revocation"),
    }


class ChangeReportEditView(ReviewedEditView):
    nothing_to_save = _("重大变更报告由依托单位填写，不能在此修改；请使用本环节的办理按钮。")


class ChangeReportInspectView(VisibleInspectView):
    template_name = "bases/admin/change_report_inspect.html"

    def review_context(self):
        return change_report_context(self.object, self.request.user)


class ChangeReportViewSet(ReviewedViewSet):
    """Major change reports (Art. 14): the recommending department reviews, staff decide."""

    model = ChangeReport
    icon = "edit"
    menu_label = _("重大变更报告")
    edit_view_class = ChangeReportEditView
    inspect_view_class = ChangeReportInspectView
    filterset_class = ChangeReportFilterSet
    inspect_view_fields = [
        "base",
        "kind",
        "effective_on",
        "new_head",
        "new_host_name",
        "description",
        "status",
        "submitted_at",
        "decided_at",
    ]
    list_display = [
        "__str__",
        Column("kind", label=_("变更事项"), accessor="get_kind_display"),
        Column("current_step", label=_("当前环节")),
        Column("status", label=_("状态"), accessor="get_status_display"),
        Column("department", label=_("推荐部门"), accessor="base.recommending_department"),
        DateTimeColumn("submitted_at", label=_("提交时间"), sort_key="submitted_at"),
    ]
    list_export = [
        "base",
        "get_kind_display",
        "effective_on",
        "new_head",
        "new_host_name",
        "current_step",
        "get_status_display",
        "submitted_at",
        "decided_at",
    ]
    export_headings = {
        "base": _("基地"),
        "get_kind_display": _("变更事项"),
        "effective_on": _("变更日期"),
        "new_head": _("新任基地负责人"),
        "new_host_name": _("变更后的依托单位名称"),
        "current_step": _("当前环节"),
        "get_status_display": _("状态"),
        "submitted_at": _("提交时间"),
        "decided_at": _("审定时间"),
    }
    export_filename = "change-reports"
    search_fields = ["base__name"]
    ordering = ["-submitted_at", "-pk"]
    panels = [
        ReviewSummaryPanel(
            heading=_("审核情况"),
            template="bases/admin/change_report_summary.html",
            context=change_report_context,
        ),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("effective_on")]),
        FieldRowPanel([FieldPanel("new_head"), FieldPanel("new_host_name")]),
        FieldPanel("description"),
    ]

    def get_queryset(self, request):
        return (
            ChangeReport.objects.visible_to(request.user)
            .select_related("base__recommending_department", "latest_revision")
            .annotate(current_step=current_step_name(ChangeReport))
        )


# The admin views of a change report that users other than superusers may open.
CHANGE_REPORT_VIEWS = ANNUAL_REPORT_REVIEWER_VIEWS


class RequestStateFilter(ChoiceFilter):
    def filter(self, queryset, value):
        if value == "open":
            return queryset.filter(answered_at__isnull=True)
        if value == "answered":
            return queryset.filter(answered_at__isnull=False)
        return queryset


class ChangeReportRequestFilterSet(WagtailFilterSet):
    state = RequestStateFilter(
        label=_("状态"), choices=[("open", _("待报告")), ("answered", _("已报告"))]
    )
    department = ModelChoiceFilter(
        label=_("推荐部门"),
        field_name="base__recommending_department",
        queryset=RecommendingDepartment.objects.all(),
    )

    class Meta:
        model = ChangeReportRequest
        fields = ["state", "department"]


class ChangeReportRequestIndexView(IndexView):
    """Open requests first, newest first: what the department is still waiting for."""

    def order_queryset(self, queryset):
        if self.request.GET.get("ordering"):
            return super().order_queryset(queryset)
        return queryset.order_by(F("answered_at").asc(nulls_first=True), "-created_at", "-pk")


class ChangeReportRequestCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        ChangeReportRequest.objects.filter(pk=instance.pk).update(created_by=self.request.user)
        transaction.on_commit(lambda: self.tell_host(instance))
        return instance

    def tell_host(self, instance):
        if not mail_request(instance):
            messages.warning(
                self.request,
                _(
                    "通知邮件未能发出（依托单位没有可用的邮箱或邮件服务器暂不可用），请另行告知依托单位。"
                ),
            )


class ChangeReportRequestViewSet(SnippetViewSet):
    """Staff ask a host to report a major change it has not reported (Art. 14)."""

    model = ChangeReportRequest
    chooser_viewset_class = VisibleChooserViewSet
    icon = "mail"
    menu_label = _("要求报告重大变更")
    index_view_class = ChangeReportRequestIndexView
    add_view_class = ChangeReportRequestCreateView
    inspect_view_enabled = True
    filterset_class = ChangeReportRequestFilterSet
    inspect_view_fields = [
        "base",
        "learned",
        "noticed_on",
        "note",
        "created_by",
        "created_at",
        "answered_by",
        "answered_at",
    ]
    list_display = [
        "__str__",
        Column("department", label=_("推荐部门"), accessor="base.recommending_department"),
        Column("state", label=_("状态")),
        Column("answered_by", label=_("答复的变更报告")),
        DateTimeColumn("created_at", label=_("登记时间"), sort_key="created_at"),
    ]
    search_fields = ["base__name"]
    edit_handler = ObjectList(
        [
            # A plain list of the current bases (see RevocationViewSet).
            FieldPanel("base", widget=forms.Select),
            FieldPanel("noticed_on"),
            FieldPanel("learned"),
            FieldPanel("note"),
        ]
    )

    def get_queryset(self, request):
        return ChangeReportRequest.objects.visible_to(request.user).select_related(
            "base__recommending_department", "answered_by__base"
        )

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["base"].queryset = Base.objects.current().order_by("name_pinyin")
        return form_class


# The admin views of a request that users other than superusers may open (the scoping gate
# refuses delete, copy and anything else).
CHANGE_REQUEST_VIEWS = [
    "list",
    "list_results",
    "add",
    "edit",
    "inspect",
    "history",
    "history_results",
    "choose",
    "choose_results",
    "chosen",
    "chosen_multiple",
    "ping",
]
