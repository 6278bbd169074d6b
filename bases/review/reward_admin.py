"""The admin of rewards and national recommendations (Art. 16–18), in 「基地监管」: staff record
a base's post-subsidy awards and its recommendations for a national-level base or for national
projects; leadership reads them all and each recommending department those of its own bases.
Who sees which record is ``visible_to`` (also enforced by the scoping gate, which this module's
``REWARD_VIEWS`` feeds); who may add, change or delete is the model permission."""

from functools import cached_property

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.snippets.views.snippets import CreateView, IndexView, SnippetViewSet

from bases.models import (
    Base,
    NationalRecommendation,
    PostSubsidyAward,
    RecommendationKind,
    RecommendationOutcome,
    RecommendingDepartment,
    holds_title,
)
from bases.review.viewsets import ReviewerHistoryView, VisibleChooserViewSet, VisibleInspectView
from portal.admin_ui import DateTimeColumn, RegisterExportMixin
from portal.names import person_name

# The admin views of a reward that users other than superusers may open; the model permissions
# then decide who may add, edit or delete (staff) and who only reads (leadership, departments).
REWARD_VIEWS = [
    "list",  # with ?export=csv / xlsx
    "list_results",
    "add",
    "edit",
    "inspect",
    "delete",
    "usage",
    "history",
    "history_results",
    "choose",
    "choose_results",
    "chosen",
    "chosen_multiple",
    # The edit view's editing-session ping (“其他人正在编辑”); Wagtail answers it only to
    # those who may change the record.
    "ping",
]


def _yes_no(value):
    return "是" if value else "否"


class YesNoColumn(Column):
    """是 / 否, as the register is read (Wagtail's BooleanColumn titles its icons True/False)."""

    def get_value(self, instance):
        return _yes_no(super().get_value(instance))


class RewardIndexView(RegisterExportMixin, IndexView):
    custom_field_preprocess = {
        "is_public": {
            SpreadsheetExportMixin.FORMAT_CSV: _yes_no,
            SpreadsheetExportMixin.FORMAT_XLSX: _yes_no,
        }
    }

    @cached_property
    def columns(self):
        # One record at a time: no bulk actions, which the scoping gate refuses anyway.
        return [column for column in super().columns if column.name != "bulk_actions"]


class RewardInspectView(VisibleInspectView):
    def get_is_public_display_value(self):
        return _yes_no(self.object.is_public)

    def get_recorded_by_display_value(self):
        user = self.object.recorded_by
        return person_name(user) if user else "—"


class RecordingCreateView(CreateView):
    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        return super().save_instance()


class RewardForm(WagtailAdminModelForm):
    """A record names a base that holds its title (or, when corrected, the base it names)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "base" in self.fields:
            self.fields["base"].queryset = Base.objects.filter(
                holds_title() | Q(pk=self.instance.base_id)
            ).order_by("name_pinyin", "pk")


class DepartmentFilter(ModelChoiceFilter):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("推荐部门"),
            field_name="base__recommending_department",
            queryset=RecommendingDepartment.objects.all(),
            **kwargs,
        )


class PostSubsidyAwardFilterSet(WagtailFilterSet):
    department = DepartmentFilter()
    is_public = BooleanFilter(label=_("公开"))

    class Meta:
        model = PostSubsidyAward
        fields = ["year", "department", "is_public"]


class NationalRecommendationFilterSet(WagtailFilterSet):
    kind = ChoiceFilter(label=_("类别"), choices=RecommendationKind.choices)
    outcome = ChoiceFilter(label=_("结果"), choices=RecommendationOutcome.choices)
    department = DepartmentFilter()
    is_public = BooleanFilter(label=_("公开"))

    class Meta:
        model = NationalRecommendation
        fields = ["year", "kind", "outcome", "department", "is_public"]


class RewardViewSet(SnippetViewSet):
    """What both registers share: scoped querysets, chooser and inspect view; the recorder;
    no copying (a record is unique to its base and year)."""

    chooser_viewset_class = VisibleChooserViewSet
    index_view_class = RewardIndexView
    add_view_class = RecordingCreateView
    inspect_view_enabled = True
    inspect_view_class = RewardInspectView
    history_view_class = ReviewerHistoryView
    copy_view_enabled = False
    search_fields = ["base__name", "base__host__name"]

    def get_queryset(self, request):
        return self.model.objects.visible_to(request.user).select_related(
            "base__recommending_department"
        )


class PostSubsidyAwardViewSet(RewardViewSet):
    """Post-subsidy awards to excellent bases on their evaluation (Art. 16)."""

    model = PostSubsidyAward
    icon = "pick"
    menu_label = _("奖励性后补助")
    filterset_class = PostSubsidyAwardFilterSet
    list_display = [
        "base",
        Column("year", label=_("年度"), sort_key="year"),
        Column("amount", label=_("金额（万元）"), sort_key="amount"),
        "decision_number",
        DateTimeColumn("decided_on", label=_("下达日期"), sort_key="decided_on"),
        Column("department", label=_("推荐部门"), accessor="base.recommending_department"),
        YesNoColumn("is_public", label=_("公开")),
    ]
    list_export = [
        "base",
        "base.recommending_department",
        "year",
        "amount",
        "decision_number",
        "decided_on",
        "is_public",
        "note",
    ]
    export_headings = {
        "base": _("基地"),
        "base.recommending_department": _("推荐部门"),
        "year": _("年度"),
        "amount": _("金额（万元）"),
        "decision_number": _("文号"),
        "decided_on": _("下达日期"),
        "is_public": _("公开"),
        "note": _("备注"),
    }
    export_filename = "post-subsidies"
    ordering = ["-year", "base__name_pinyin"]
    inspect_view_fields = [
        "base",
        "year",
        "amount",
        "decision_number",
        "decided_on",
        "is_public",
        "note",
        "recorded_by",
        "created_at",
    ]
    edit_handler = ObjectList(
        [
            # A plain list of the current bases in pinyin order: Wagtail's base chooser is the
            # registry's, which staff who record rewards need not be able to open.
            FieldPanel("base", widget=forms.Select),
            FieldRowPanel([FieldPanel("year"), FieldPanel("amount")]),
            FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decided_on")]),
            FieldPanel("is_public"),
            FieldPanel("note"),
        ],
        base_form_class=RewardForm,
    )


class NationalRecommendationViewSet(RewardViewSet):
    """Recommendations for a national-level base (Art. 17) and of projects for national
    programmes (Art. 18)."""

    model = NationalRecommendation
    icon = "upload"
    menu_label = _("择优推荐")
    filterset_class = NationalRecommendationFilterSet
    list_display = [
        "base",
        Column("year", label=_("年度"), sort_key="year"),
        Column("kind", label=_("类别"), accessor="get_kind_display"),
        Column("project_title", label=_("项目名称")),
        Column("outcome", label=_("结果"), accessor="get_outcome_display"),
        Column("department", label=_("推荐部门"), accessor="base.recommending_department"),
        YesNoColumn("is_public", label=_("公开")),
    ]
    list_export = [
        "base",
        "base.recommending_department",
        "year",
        "get_kind_display",
        "project_title",
        "programme",
        "recommended_on",
        "get_outcome_display",
        "is_public",
        "note",
    ]
    export_headings = {
        "base": _("基地"),
        "base.recommending_department": _("推荐部门"),
        "year": _("年度"),
        "get_kind_display": _("类别"),
        "project_title": _("项目名称"),
        "programme": _("申报专项"),
        "recommended_on": _("推荐日期"),
        "get_outcome_display": _("结果"),
        "is_public": _("公开"),
        "note": _("备注"),
    }
    export_filename = "national-recommendations"
    ordering = ["-year", "base__name_pinyin", "kind"]
    inspect_view_fields = [
        "base",
        "kind",
        "year",
        "project_title",
        "programme",
        "recommended_on",
        "outcome",
        "is_public",
        "note",
        "recorded_by",
        "created_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("base", widget=forms.Select),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
            FieldPanel("project_title"),
            FieldPanel("programme"),
            FieldRowPanel([FieldPanel("recommended_on"), FieldPanel("outcome")]),
            FieldPanel("is_public"),
            FieldPanel("note"),
        ],
        base_form_class=RewardForm,
    )
