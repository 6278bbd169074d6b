"""The numbers behind /bases/stats/: each table is one or two SQL queries, whatever the count."""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from bases.models.bases import Base, BaseType, holds_title
from bases.models.reference import Country, LeagueCity


@dataclass
class Table:
    """A statistics table: what the chart draws, the page shows and the CSV downloads."""

    slug: str
    title: str
    columns: list[str]
    rows: list[list]


def type_by_league():
    """Current bases by league/city (rows) and type (columns), with totals."""
    counts = {
        (row["host__league_city_id"], row["base_type"]): row["n"]
        for row in Base.objects.current()
        .values("host__league_city_id", "base_type")
        .annotate(n=Count("pk"))
        .order_by()
    }
    types = list(BaseType)
    rows = []
    for league in LeagueCity.objects.all():
        values = [counts.get((league.pk, base_type.value), 0) for base_type in types]
        rows.append([league.name, *values, sum(values)])
    totals = [sum(row[i] for row in rows) for i in range(1, len(types) + 2)]
    rows.append(["合计", *totals])
    return Table(
        slug="type-league",
        title="各盟市国合基地数量（按类型）",
        columns=["盟市", *(str(t.label) for t in types), "合计"],
        rows=rows,
    )


def accreditations_per_year():
    """Bases accredited each year, revoked ones included: they were accredited that year."""
    counts = dict(
        Base.objects.annotate(year=ExtractYear("accreditation_date"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    years = range(min(counts), max(counts) + 1) if counts else []
    return Table(
        slug="years",
        title="历年认定国合基地数量",
        columns=["年份", "认定数量"],
        rows=[[year, counts.get(year, 0)] for year in years],
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
        title=f"合作国家和地区前 {limit} 位",
        columns=["国家和地区", "合作基地数量"],
        rows=[[country.name, country.n] for country in countries],
    )


TABLES = {
    "type-league": type_by_league,
    "years": accreditations_per_year,
    "countries": top_partner_countries,
}
