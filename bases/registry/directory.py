"""The public directory of bases (/bases/): filters from the query string, their option
counts, and the result listing — each a fixed number of SQL queries whatever the row count."""

from dataclasses import dataclass
from functools import cached_property

import django_filters
from django.db.models import Count
from django.db.models.functions import ExtractYear

from bases.models.bases import Base, BaseType
from portal.chinese_search import clean_query, segmented_query
from portal.filters import IdFilter, ListingFilterSet

SORTS = {
    "name": ("名称（按拼音）", ["name_pinyin", "pk"]),
    "newest": ("认定时间（新→旧）", ["-accreditation_date", "name_pinyin", "pk"]),
    "oldest": ("认定时间（旧→新）", ["accreditation_date", "name_pinyin", "pk"]),
}


class DirectoryFilter(ListingFilterSet):
    """The directory's query string: ``?q=&type=&league=&field=&country=&year=&sort=``."""

    q = django_filters.CharFilter(method="filter_keyword")
    type = django_filters.ChoiceFilter(field_name="base_type", choices=BaseType.choices)
    league = IdFilter(field_name="host__league_city_id")
    field = IdFilter(field_name="fields__id")
    country = django_filters.CharFilter(method="filter_country", max_length=2)
    year = IdFilter(field_name="accreditation_date", lookup_expr="year", max_value=9999)
    sort = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _order) in SORTS.items()], method="sort_by"
    )

    orderings = {"sort": "name"}

    class Meta:
        model = Base
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = Base.objects.current().order_by(*SORTS["name"][1])
        super().__init__(data, queryset=queryset, **kwargs)

    @property
    def selected(self):
        selected = super().selected
        selected["q"] = clean_query(selected["q"])
        selected["country"] = selected["country"].upper()
        return selected

    def filter_keyword(self, queryset, name, value):
        matches = self.keyword_matches
        return queryset if matches is None else queryset.filter(pk__in=matches)

    def filter_country(self, queryset, name, value):
        code = value.upper()
        if len(code) != 2 or not code.isalpha():
            return queryset
        return queryset.filter(partner_countries__code=code)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS[value][1])

    @cached_property
    def keyword_matches(self):
        """Ids of the bases the keyword finds, searched once however often the filters apply."""
        query = self.selected["q"]
        terms = segmented_query(query) if query else ""
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


def facets(filters):
    """For each filter, its options with the number of results each would give."""
    selected = filters.selected

    def counted(skip, *values, order_by):
        queryset = filters.narrowed(skip=(skip, "sort"))
        return queryset.values(*values).annotate(n=Count("pk", distinct=True)).order_by(*order_by)

    type_labels = dict(BaseType.choices)
    types = [
        FacetOption(
            row["base_type"],
            str(type_labels[row["base_type"]]),
            row["n"],
            row["base_type"] == selected["type"],
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
            selected["league"],
        ),
        "field": _options(
            counted("field", "fields__id", "fields__name", order_by=["-n", "fields__name"]),
            "fields__id",
            "fields__name",
            selected["field"],
        ),
        "country": _options(
            counted(
                "country",
                "partner_countries__code",
                "partner_countries__name",
                "partner_countries__name_pinyin",
                order_by=["-n", "partner_countries__name_pinyin"],
            ),
            "partner_countries__code",
            "partner_countries__name",
            selected["country"],
        ),
        "year": [
            FacetOption(row["year"], f"{row['year']}年", row["n"], row["year"] == selected["year"])
            for row in filters.narrowed(skip=("year", "sort"))
            .annotate(year=ExtractYear("accreditation_date"))
            .values("year")
            .annotate(n=Count("pk", distinct=True))
            .order_by("-year")
        ],
    }


def directory_results(filters):
    """The current bases matching ``filters``, with everything a result card shows."""
    return (
        filters.narrowed()
        .distinct()
        .select_related("host", "host__league_city", "recommending_department")
        .prefetch_related("fields", "partner_countries")
    )
