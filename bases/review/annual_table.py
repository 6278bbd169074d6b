"""The table of bases × reporting years (Art. 13): for every current base the user oversees
(``bases_overseen_by``: staff see all, a recommending department its own), each year's plan and
summary with its state, 逾期 once a counted year's deadline has passed without a submission
(``bases.rules.annual_reports``); filterable, exportable as CSV and XLSX. Reports are read
through their one visibility rule, so a department sees a host's draft as 未报送. The whole
table costs a constant number of queries, however many bases and years."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet

from bases.models import (
    AnnualReport,
    Base,
    Deadlines,
    LeagueCity,
    RecommendingDepartment,
    ReportKind,
    ReportStatus,
    bases_overseen_by,
)
from bases.review.roles import is_department_staff
from bases.rules.annual_reports import counts, is_overdue
from portal.admin_ui import RegisterExportMixin

VIEW = "bases.view_annualreport"
MISSING = "missing"
OVERDUE = "overdue"
STATE_CHOICES = [
    (MISSING, _("未报送")),
    *ReportStatus.choices,
    (OVERDUE, _("逾期（截止后未提交）")),
]
STATE_LABELS = dict(STATE_CHOICES)
PER_PAGE = 100


@dataclass
class Cell:
    """One report of a row: its state, deadline and, if the user may see it, its page."""

    state: str
    deadline: object
    overdue: bool
    url: str = ""

    @property
    def label(self):
        label = str(STATE_LABELS[self.state])
        return f"{label}（逾期）" if self.overdue else label

    def matches(self, state):
        return self.overdue if state == OVERDUE else self.state == state


@dataclass
class Row:
    base: Base
    year: int
    plan: Cell
    summary: Cell

    @property
    def reports(self):
        return (self.plan, self.summary)

    # The export's columns.
    @property
    def base_name(self):
        return self.base.name

    @property
    def host_name(self):
        return self.base.host.name

    @property
    def department(self):
        return self.base.recommending_department.name

    @property
    def league_city(self):
        return self.base.host.league_city.name

    @property
    def plan_label(self):
        return self.plan.label

    @property
    def plan_deadline(self):
        return self.plan.deadline

    @property
    def summary_label(self):
        return self.summary.label

    @property
    def summary_deadline(self):
        return self.summary.deadline


def report_table(user, today=None):
    """Every row the user may see, newest year first, then in the bases' pinyin order. Three
    queries: the bases, the reports the user may see, the years staff changed."""
    today = today or timezone.localdate()
    first_year = settings.ANNUAL_REPORTS_FIRST_YEAR
    bases = list(
        Base.objects.current()
        .filter(pk__in=bases_overseen_by(user).values("pk"))
        .select_related("recommending_department", "host__league_city")
        .order_by("name_pinyin", "pk")
    )
    reports = {
        (report.base_id, report.year, report.kind): report
        for report in AnnualReport.objects.visible_to(user)
        .filter(base__in=bases, year__gte=first_year)
        .only("pk", "base_id", "year", "kind", "status")
    }
    deadlines = Deadlines()

    def cell(base, year, kind):
        report = reports.get((base.pk, year, kind))
        status = report.status if report else None
        deadline = deadlines.of(year, kind)
        overdue = counts(year, base.accreditation_date, first_year) and is_overdue(
            deadline, status, today
        )
        url = (
            reverse("wagtailsnippets_bases_annualreport:inspect", args=[report.pk])
            if report
            else ""
        )
        return Cell(status or MISSING, deadline, overdue, url)

    rows = []
    for year in range(today.year, first_year - 1, -1):
        for base in bases:
            if year < base.accreditation_date.year:
                continue
            rows.append(
                Row(
                    base,
                    year,
                    cell(base, year, ReportKind.PLAN),
                    cell(base, year, ReportKind.SUMMARY),
                )
            )
    return rows


class TableFilterForm(forms.Form):
    """The table's filters; a value that cannot be understood is ignored."""

    year = forms.TypedChoiceField(label=_("年度"), coerce=int, required=False)
    department = forms.ModelChoiceField(
        label=_("推荐部门"), queryset=RecommendingDepartment.objects.none(), required=False
    )
    league_city = forms.ModelChoiceField(
        label=_("所在盟市"), queryset=LeagueCity.objects.all(), required=False
    )
    plan_state = forms.ChoiceField(
        label=_("计划状态"), choices=[("", _("全部")), *STATE_CHOICES], required=False
    )
    summary_state = forms.ChoiceField(
        label=_("总结状态"), choices=[("", _("全部")), *STATE_CHOICES], required=False
    )

    def __init__(self, data, user, years):
        super().__init__(data)
        self.fields["year"].choices = [("", _("全部"))] + [(year, f"{year}年度") for year in years]
        departments = RecommendingDepartment.objects.all()
        if not is_department_staff(user):
            departments = departments.filter(members=user)
        self.fields["department"].queryset = departments

    @cached_property
    def values(self):
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields}

    def apply(self, rows):
        values = self.values
        if values["year"]:
            rows = [row for row in rows if row.year == values["year"]]
        if values["department"]:
            department_id = values["department"].pk
            rows = [row for row in rows if row.base.recommending_department_id == department_id]
        if values["league_city"]:
            league_id = values["league_city"].pk
            rows = [row for row in rows if row.base.host.league_city_id == league_id]
        if values["plan_state"]:
            rows = [row for row in rows if row.plan.matches(values["plan_state"])]
        if values["summary_state"]:
            rows = [row for row in rows if row.summary.matches(values["summary_state"])]
        return rows


def may_see_table(user):
    return user.has_perm(VIEW) and (
        is_department_staff(user) or user.recommending_departments.exists()
    )


class AnnualReportTableView(
    RegisterExportMixin, SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "bases/admin/annual_report_table.html"
    page_title = _("年度报告报送情况")
    header_icon = "table"
    list_export = [
        "base_name",
        "host_name",
        "department",
        "league_city",
        "year",
        "plan_label",
        "plan_deadline",
        "summary_label",
        "summary_deadline",
    ]
    export_headings = {
        "base_name": _("基地名称"),
        "host_name": _("依托单位"),
        "department": _("推荐部门"),
        "league_city": _("所在盟市"),
        "year": _("年度"),
        "plan_label": _("年度工作计划"),
        "plan_deadline": _("计划截止日期"),
        "summary_label": _("年度工作总结"),
        "summary_deadline": _("总结截止日期"),
    }
    export_filename = "annual-report-table"

    @staticmethod
    def today():
        return timezone.localdate()

    def dispatch(self, request, *args, **kwargs):
        if not may_see_table(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return []

    @cached_property
    def filter_form(self):
        years = range(self.today().year, settings.ANNUAL_REPORTS_FIRST_YEAR - 1, -1)
        return TableFilterForm(self.request.GET, self.request.user, years)

    @cached_property
    def rows(self):
        return self.filter_form.apply(report_table(self.request.user, self.today()))

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(self.rows, request.GET["export"])
        return super().get(request, *args, **kwargs)

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.rows, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            {
                "form": self.filter_form,
                "page_obj": page,
                "rows": page.object_list,
                "total": len(self.rows),
                "csv_url": self.get_export_url("csv"),
                "xlsx_url": self.get_export_url("xlsx"),
            }
        )
        return context


class TableMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_table(request.user)


class AnnualReportTableViewSet(ViewSet):
    """The table's place in the admin: its one view and the menu item 「报送情况」."""

    name = "annual_report_table"
    url_prefix = "annual-reports/table"
    icon = "table"
    menu_label = _("报送情况")
    menu_item_class = TableMenuItem

    def get_urlpatterns(self):
        return [path("", AnnualReportTableView.as_view(), name="index")]
