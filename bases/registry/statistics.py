"""The numbers behind /bases/stats/: at most one grouped SQL query a table, whatever the count.

Titles, headings and names are in the language being shown: a table built on an English page
(/en/bases/stats/, its CSV downloads) is in English, with the registry's English names."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _

from bases.models.annual_reports import AnnualReport, ReportAgreement, ReportKind, ReportProject
from bases.models.bases import BaseType, holds_title
from bases.models.reference import Country, LeagueCity
from bases.models.rewards import (
    NationalRecommendation,
    PostSubsidyAward,
    RecommendationKind,
    RecommendationOutcome,
)
from bases.registry.charts import columns, horizontal_bars
from bases.registry.directory import local_name, year_label
from portal.dates import DateYear


@dataclass
class Table:
    """A statistics table: what the chart draws, the page shows and the CSV downloads."""

    slug: str
    title: str
    columns: list[str]
    rows: list[list]
    # What each row stands for, where a chart needs more than its label (a division's code).
    row_keys: list = field(default_factory=list)


def registry_counts():
    """Every league/city, in order, with its hosts' bases by type and year of accreditation:
    all of them and those holding the title now. One grouped query for both of the first two
    tables (``type_by_league`` and ``accreditations_per_year``)."""
    bases = "host_organisations__bases"
    return list(
        LeagueCity.objects.annotate(
            base_type=F(f"{bases}__base_type"), year=DateYear(f"{bases}__accreditation_date")
        )
        .values("pk", "name", "name_en", "division_code", "base_type", "year")
        .annotate(all=Count(bases), current=Count(bases, filter=holds_title(f"{bases}__")))
        .order_by("sort_order", "division_code")
    )


def type_by_league(counts=None):
    """Current bases by league/city (rows) and type (columns), with totals."""
    leagues = {}
    for row in counts if counts is not None else registry_counts():
        name = local_name(row["name"], row["name_en"])
        by_type = leagues.setdefault((name, row["division_code"]), defaultdict(int))
        by_type[row["base_type"]] += row["current"]
    types = list(BaseType)
    rows, codes = [], []
    for (name, code), by_type in leagues.items():
        values = [by_type[base_type.value] for base_type in types]
        rows.append([name, *values, sum(values)])
        codes.append(code)
    totals = [sum(row[i] for row in rows) for i in range(1, len(types) + 2)]
    rows.append([_("合计"), *totals])
    return Table(
        slug="type-league",
        title=_("各盟市国合基地数量（按类型）"),
        columns=[_("盟市"), *(str(t.label) for t in types), _("合计")],
        rows=rows,
        row_keys=codes,
    )


def accreditations_per_year(counts=None):
    """Bases accredited each year, revoked ones included: they were accredited that year."""
    per_year = defaultdict(int)
    for row in counts if counts is not None else registry_counts():
        if row["year"] is not None:
            per_year[row["year"]] += row["all"]
    years = range(min(per_year), max(per_year) + 1) if per_year else []
    return Table(
        slug="years",
        title=_("历年认定国合基地数量"),
        columns=[_("年份"), _("认定数量")],
        rows=[[year, per_year.get(year, 0)] for year in years],
    )


def top_partner_countries(limit=10):
    """The countries and regions that most current bases cooperate with."""
    countries = (
        Country.objects.annotate(n=Count("bases", filter=holds_title("bases__")))
        .filter(n__gt=0)
        .order_by("-n", "name_pinyin")[:limit]
    )
    return Table(
        slug="countries",
        title=_("合作国家和地区前 %(limit)s 位") % {"limit": limit},
        columns=[_("国家和地区"), _("合作基地数量")],
        rows=[[local_name(country.name, country.name_en), country.n] for country in countries],
    )


TABLES = {
    "type-league": type_by_league,
    "years": accreditations_per_year,
    "countries": top_partner_countries,
}


# The cooperation figures (Art. 13): from the annual summaries that the department has filed,
# and only those — a draft, a returned or an unreviewed summary never counts.


def _filed_summaries():
    return AnnualReport.objects.filed().filter(kind=ReportKind.SUMMARY)


def _figures_by_year(names):
    """{year: {figure: sum}} over the filed summaries, in one query."""
    return {
        row["year"]: row
        for row in _filed_summaries()
        .values("year")
        .annotate(**{name: Sum(name) for name in names})
        .order_by("year")
    }


def _per_year_table(slug, title, figures, by_year=None):
    """A table of ``figures`` ({field: column title}) summed per year of filed summaries;
    ``by_year`` when the sums are at hand already."""
    by_year = by_year if by_year is not None else _figures_by_year(list(figures))
    return Table(
        slug=slug,
        title=title,
        columns=[_("年度"), *figures.values()],
        rows=[[year, *(row[name] or 0 for name in figures)] for year, row in by_year.items()],
    )


def projects_by_country_and_year(limit=10):
    """International cooperation projects reported in filed summaries, by partner country
    (the ``limit`` countries with most projects) and year, with totals."""
    counts = {}
    for row in (
        ReportProject.objects.filter(report__in=_filed_summaries())
        .values("country__name", "country__name_en", "country__name_pinyin", "report__year")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        name = local_name(row["country__name"], row["country__name_en"])
        key = (row["country__name_pinyin"], name)
        counts.setdefault(key, {})[row["report__year"]] = row["n"]
    years = sorted({year for by_year in counts.values() for year in by_year})
    ranked = sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0][0]))[:limit]
    rows = [
        [name, *(by_year.get(year, 0) for year in years), sum(by_year.values())]
        for (_pinyin, name), by_year in ranked
    ]
    return Table(
        slug="projects-countries",
        title=_("国际合作项目（按国家和地区、年度）"),
        columns=[_("国家和地区"), *(year_label(year) for year in years), _("合计")],
        rows=rows,
    )


def agreements_per_year():
    counts = dict(
        ReportAgreement.objects.filter(report__in=_filed_summaries())
        .values_list("report__year")
        .annotate(n=Count("pk"))
        .order_by("report__year")
    )
    return Table(
        slug="agreements",
        title=_("签订国际合作协议（按年度）"),
        columns=[_("年度"), _("协议数量")],
        rows=[[year, n] for year, n in counts.items()],
    )


def exchanges_per_year(by_year=None):
    return _per_year_table(
        "exchanges",
        _("接待外国专家与派出人员（人次，按年度）"),
        {"foreign_experts_hosted": _("接待外国专家"), "staff_sent_abroad": _("派出人员")},
        by_year,
    )


def talent_per_year(by_year=None):
    return _per_year_table(
        "talent",
        _("人才培养与培训（按年度）"),
        {"talent_trained": _("培养人才（人）"), "training_events": _("举办培训（场次）")},
        by_year,
    )


def results_per_year(by_year=None):
    return _per_year_table(
        "results",
        _("合作成果（按年度）"),
        {
            "papers": _("论文"),
            "patents": _("专利"),
            "standards": _("标准"),
            "technologies_in": _("引进技术"),
            "technologies_out": _("输出技术"),
        },
        by_year,
    )


COOPERATION_TABLES = {
    "projects-countries": projects_by_country_and_year,
    "agreements": agreements_per_year,
    "exchanges": exchanges_per_year,
    "talent": talent_per_year,
    "results": results_per_year,
}
TABLES.update(COOPERATION_TABLES)


# Rewards and national recommendations (Art. 16–18): the public records only.

CENTS = Decimal("0.01")


def post_subsidies_per_year():
    """Post-subsidy awards (Art. 16) per year: how many bases, how much. One query."""
    rows = (
        PostSubsidyAward.objects.public()
        .values("year")
        .annotate(bases=Count("base", distinct=True), amount=Sum("amount"))
        .order_by("year")
    )
    return Table(
        slug="post-subsidies",
        title=_("奖励性后补助（按年度）"),
        columns=[_("年度"), _("基地数"), _("金额（万元）")],
        # In 万元 to the fen, whichever database summed them (SQLite drops trailing zeros).
        rows=[[row["year"], row["bases"], row["amount"].quantize(CENTS)] for row in rows],
    )


def recommendations_per_year():
    """Recommendations (Art. 17, 18) per year and kind, with how many were approved. One
    query."""
    counts, approved = {}, {}
    for row in (
        NationalRecommendation.objects.public()
        .values("year", "kind", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_kind = counts.setdefault(row["year"], {})
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
        if row["outcome"] == RecommendationOutcome.APPROVED:
            approved[row["year"]] = approved.get(row["year"], 0) + row["n"]
    kinds = list(RecommendationKind)
    rows = []
    for year in sorted(counts):
        values = [counts[year].get(kind.value, 0) for kind in kinds]
        rows.append([year, *values, sum(values), approved.get(year, 0)])
    return Table(
        slug="recommendations",
        title=_("择优推荐（按年度、类别）"),
        columns=[_("年度"), *(str(kind.short_label) for kind in kinds), _("合计"), _("其中获批")],
        rows=rows,
    )


REWARD_TABLES = {
    "post-subsidies": post_subsidies_per_year,
    "recommendations": recommendations_per_year,
}
TABLES.update(REWARD_TABLES)


def reward_charts():
    """The reward tables with their charts, for /bases/stats/: [(table, svg)]."""
    subsidies = post_subsidies_per_year()
    recommendations = recommendations_per_year()
    kinds = recommendations.columns[1:-2]
    charts = [
        (
            subsidies,
            columns(
                "chart-post-subsidies",
                _("奖励性后补助金额（万元，按年度）"),
                [(str(year), amount) for year, _bases, amount in subsidies.rows],
            ),
        ),
        (
            recommendations,
            horizontal_bars(
                "chart-recommendations",
                recommendations.title,
                [(year_label(row[0]), row[1 : 1 + len(kinds)]) for row in recommendations.rows],
                series_labels=kinds,
            ),
        ),
    ]
    # Until something public is recorded a table says 暂无数据, with no empty chart above it.
    return [(table, chart if table.rows else "") for table, chart in charts]


def base_figures(base):
    """A base's public figures by year, from its filed summaries (never the narrative or
    names): a Table, newest year first. Two queries."""
    summaries = list(
        _filed_summaries()
        .filter(base=base)
        .annotate(
            project_count=Count("projects", distinct=True),
            agreement_count=Count("agreements", distinct=True),
        )
        .order_by("-year")
    )
    columns = {
        "project_count": _("合作项目"),
        "agreement_count": _("签订协议"),
        "foreign_experts_hosted": _("接待外国专家"),
        "staff_sent_abroad": _("派出人员"),
        "talent_trained": _("培养人才"),
        "papers": _("论文"),
        "patents": _("专利"),
        "standards": _("标准"),
        "technologies_out": _("输出技术"),
    }
    return Table(
        slug="base-figures",
        title=_("%(base)s年度合作情况（已备案的年度工作总结）")
        % {"base": local_name(base.name, base.name_en)},
        columns=[_("年度"), *columns.values()],
        rows=[[s.year, *(getattr(s, name) for name in columns)] for s in summaries],
    )


def cooperation_charts():
    """The cooperation tables with their charts, for /bases/stats/: [(table, svg)]."""

    def stacked(chart_id, table):
        return horizontal_bars(
            chart_id,
            table.title,
            [(year_label(row[0]), row[1:]) for row in table.rows],
            series_labels=table.columns[1:],
        )

    projects = projects_by_country_and_year()
    agreements = agreements_per_year()
    by_year = _figures_by_year(AnnualReport.FIGURES)  # one query for the three tables
    exchanges = exchanges_per_year(by_year)
    talent = talent_per_year(by_year)
    results = results_per_year(by_year)
    charts = [
        (
            projects,
            horizontal_bars(
                "chart-projects-countries",
                projects.title,
                [(row[0], row[1:-1]) for row in projects.rows],
                series_labels=projects.columns[1:-1],
            ),
        ),
        (
            agreements,
            columns(
                "chart-agreements",
                agreements.title,
                [(str(year), n) for year, n in agreements.rows],
            ),
        ),
        (exchanges, stacked("chart-exchanges", exchanges)),
        (
            talent,
            columns(
                "chart-talent",
                _("培养人才（人，按年度）"),
                [(f"{row[0]}", row[1]) for row in talent.rows],
            ),
        ),
        (results, stacked("chart-results", results)),
    ]
    # Until a summary is filed a table says 暂无数据, with no empty chart above it.
    return [(table, chart if table.rows else "") for table, chart in charts]
