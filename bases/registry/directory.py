"""The public directory of bases (/bases/): filters from the query string, their option
counts, and the result listing — each a fixed number of SQL queries whatever the row count."""

from dataclasses import dataclass, fields
from functools import cached_property

from django.db.models import Count
from django.db.models.functions import ExtractYear

from bases.models.bases import Base, BaseType
from portal.chinese_search import clean_query, segmented_query

SORTS = {
    "name": ("名称", ["name", "pk"]),
    "newest": ("认定时间（新→旧）", ["-accreditation_date", "name", "pk"]),
    "oldest": ("认定时间（旧→新）", ["accreditation_date", "name", "pk"]),
}


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class DirectoryFilters:
    type: str = ""
    league: int | None = None
    field: int | None = None
    country: str = ""
    year: int | None = None
    q: str = ""
    sort: str = "name"

    @classmethod
    def from_query(cls, query):
        """Read filters from request.GET; values that make no sense are ignored, not errors."""
        base_type = query.get("type", "")
        sort = query.get("sort", "name")
        country = query.get("country", "").upper()
        return cls(
            type=base_type if base_type in BaseType.values else "",
            league=_int_or_none(query.get("league")),
            field=_int_or_none(query.get("field")),
            country=country if len(country) == 2 and country.isalpha() else "",
            year=_int_or_none(query.get("year")),
            q=clean_query(query.get("q")),
            sort=sort if sort in SORTS else "name",
        )

    def params(self):
        """The filters as query-string parameters; the default sort is left out."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        if values["sort"] == "name":
            values["sort"] = None
        return values

    @property
    def active(self):
        return any((self.type, self.league, self.field, self.country, self.year, self.q))

    def apply(self, queryset, skip=None):
        """Narrow ``queryset`` by every filter except ``skip`` (used for facet counts)."""
        if self.type and skip != "type":
            queryset = queryset.filter(base_type=self.type)
        if self.league and skip != "league":
            queryset = queryset.filter(host__league_city_id=self.league)
        if self.field and skip != "field":
            queryset = queryset.filter(fields__id=self.field)
        if self.country and skip != "country":
            queryset = queryset.filter(partner_countries__code=self.country)
        if self.year and skip != "year":
            queryset = queryset.filter(accreditation_date__year=self.year)
        if self.q and skip != "q" and self.keyword_matches is not None:
            queryset = queryset.filter(pk__in=self.keyword_matches)
        return queryset

    @cached_property
    def keyword_matches(self):
        """Ids of the bases the keyword finds, searched once however often the filters apply."""
        terms = segmented_query(self.q) if self.q else ""
        if not terms:
            return None
        return [base.pk for base in Base.objects.search(terms, operator="and")]


@dataclass
class FacetOption:
    value: object
    label: str
    count: int
    selected: bool


def _options(rows, value_key, label_key, selected):
    return [
        FacetOption(row[value_key], str(row[label_key]), row["n"], row[value_key] == selected)
        for row in rows
        if row[value_key] is not None
    ]


def facets(base_queryset, filters):
    """For each filter, its options with the number of results each would give."""

    def counted(skip, *values, order_by):
        queryset = filters.apply(base_queryset, skip=skip)
        return queryset.values(*values).annotate(n=Count("pk", distinct=True)).order_by(*order_by)

    type_labels = dict(BaseType.choices)
    types = [
        FacetOption(
            row["base_type"],
            str(type_labels[row["base_type"]]),
            row["n"],
            row["base_type"] == filters.type,
        )
        for row in counted("type", "base_type", order_by=["base_type"])
    ]
    order = {value: index for index, value in enumerate(BaseType.values)}
    types.sort(key=lambda option: order[option.value])
    return {
        "type": types,
        "league": _options(
            counted(
                "league",
                "host__league_city_id",
                "host__league_city__name",
                "host__league_city__sort_order",
                order_by=["host__league_city__sort_order"],
            ),
            "host__league_city_id",
            "host__league_city__name",
            filters.league,
        ),
        "field": _options(
            counted("field", "fields__id", "fields__name", order_by=["-n", "fields__name"]),
            "fields__id",
            "fields__name",
            filters.field,
        ),
        "country": _options(
            counted(
                "country",
                "partner_countries__code",
                "partner_countries__name",
                order_by=["-n", "partner_countries__name"],
            ),
            "partner_countries__code",
            "partner_countries__name",
            filters.country,
        ),
        "year": [
            FacetOption(row["year"], f"{row['year']}年", row["n"], row["year"] == filters.year)
            for row in filters.apply(base_queryset, skip="year")
            .annotate(year=ExtractYear("accreditation_date"))
            .values("year")
            .annotate(n=Count("pk", distinct=True))
            .order_by("-year")
        ],
    }


def directory_results(filters):
    """The current bases matching ``filters``, with everything a result card shows."""
    queryset = filters.apply(Base.objects.current()).distinct()
    return (
        queryset.select_related("host", "host__league_city", "recommending_department")
        .prefetch_related("fields", "partner_countries")
        .order_by(*SORTS[filters.sort][1])
    )
