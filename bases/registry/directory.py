"""The public directory of bases (/bases/): filters from the query string, their option
counts, and the result listing — each a fixed number of SQL queries whatever the row count:
three for every facet and the number of results, one for the page of results and one for
their fields' and countries' names (in both languages).

In English (/en/bases/) every name the registry keeps in English is shown in English, and a
name it keeps only in Chinese is shown in Chinese and marked as such (``local_name``)."""

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

import django_filters
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bases.models.bases import Base, BaseType
from portal import i18n
from portal.chinese_search import clean_query, segmented_query
from portal.dates import DateYear
from portal.filters import IdFilter, ListingFilterSet

# The English directory still sorts by the pinyin of the Chinese names: the registry's order,
# and the one the Chinese directory next door shows.
SORTS = {
    "name": (_("名称（按拼音）"), ["name_pinyin", "pk"]),
    "newest": (_("认定时间（新→旧）"), ["-accreditation_date", "name_pinyin", "pk"]),
    "oldest": (_("认定时间（旧→新）"), ["accreditation_date", "name_pinyin", "pk"]),
}


class ChineseName(str):
    """A name the registry keeps only in Chinese, shown on an English page: templates mark it
    as Chinese with ``{% if name.lang %} lang="{{ name.lang }}"{% endif %}``."""

    lang = i18n.HTML_LANG[i18n.CHINESE]


def local_name(name, name_en):
    """The name to show in the language being shown: the English one on an English page where
    the registry has it, else the Chinese one (a ``ChineseName`` on an English page)."""
    if not i18n.is_english() or name is None:
        return name
    return name_en or ChineseName(name)


def year_label(year):
    """2024 → 2024年 in Chinese, 2024 in English."""
    return gettext("%(year)s年") % {"year": year}


class DirectoryFilter(ListingFilterSet):
    """The directory's query string: ``?q=&type=&league=&field=&country=&year=&sort=``."""

    q = django_filters.CharFilter(method="filter_keyword")
    type = django_filters.ChoiceFilter(field_name="base_type", choices=BaseType.choices)
    league = IdFilter(field_name="host__league_city_id")
    field = IdFilter(method="filter_field")
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

    # The many-to-many filters ask in a subquery rather than a join, so that a base is never
    # listed or counted twice and no query needs DISTINCT.
    def filter_field(self, queryset, name, value):
        through = Base.fields.through.objects.filter(base_id=OuterRef("pk"))
        return queryset.filter(Exists(through.filter(cooperationfield_id=value)))

    def filter_country(self, queryset, name, value):
        code = value.upper()
        if len(code) != 2 or not code.isalpha():
            return queryset
        through = Base.partner_countries.through.objects.filter(base_id=OuterRef("pk"))
        return queryset.filter(Exists(through.filter(country__code=code)))

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

    @property
    def lang(self):
        """``zh-CN`` for a name shown in Chinese on an English page, else empty."""
        return getattr(self.label, "lang", "")


def _options(rows, value_key, label_key, selected):
    return [
        FacetOption(
            row[value_key],
            local_name(row[label_key], row[f"{label_key}_en"]),
            row["n"],
            row[value_key] == selected,
        )
        for row in rows
        if row[value_key] is not None
    ]


# Type, league/city and year are one value per base: one grouped query counts the bases of
# every combination of the three under the other filters, and each of the three facets sums
# the combinations that match the other two's choices (the number of results, all three).
COMBINED = {"type": "base_type", "league": "host__league_city_id", "year": "year"}


@dataclass
class Facets:
    options: dict
    result_count: int


def _combinations(filters):
    return list(
        filters.narrowed(skip=(*COMBINED, "sort"))
        .annotate(year=DateYear("accreditation_date"))
        .values(
            *COMBINED.values(),
            "host__league_city__name",
            "host__league_city__name_en",
            "host__league_city__sort_order",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )


def _summed(rows, selected, facet, *labels):
    """{(value of ``facet``, *labels): bases} over the rows that the other two choices allow."""
    others = [(selected[name], key) for name, key in COMBINED.items() if name != facet]
    sums = defaultdict(int)
    for row in rows:
        if all(not value or row[key] == value for value, key in others):
            sums[tuple(row[key] for key in (COMBINED.get(facet), *labels) if key)] += row["n"]
    return sums


def facets(filters):
    """For each filter, its options with the number of results each would give, and the number
    of results of the filters in force: three queries."""
    selected = filters.selected
    rows = _combinations(filters)

    def counted(skip, *values, order_by):
        queryset = filters.narrowed(skip=(skip, "sort"))
        return queryset.values(*values).annotate(n=Count("pk")).order_by(*order_by)

    type_labels = dict(BaseType.choices)
    type_counts = _summed(rows, selected, "type")
    leagues = _summed(
        rows,
        selected,
        "league",
        "host__league_city__name",
        "host__league_city__name_en",
        "host__league_city__sort_order",
    )
    years = _summed(rows, selected, "year")
    return Facets(
        options={
            "type": [
                FacetOption(
                    value, str(type_labels[value]), type_counts[(value,)], value == selected["type"]
                )
                for value in BaseType.values
                if (value,) in type_counts
            ],
            "league": [
                FacetOption(pk, local_name(name, name_en), n, pk == selected["league"])
                for (pk, name, name_en, _order), n in sorted(
                    leagues.items(), key=lambda item: (item[0][3], item[0][0])
                )
            ],
            "field": _options(
                counted(
                    "field",
                    "fields__id",
                    "fields__name",
                    "fields__name_en",
                    order_by=["-n", "fields__name"],
                ),
                "fields__id",
                "fields__name",
                selected["field"],
            ),
            "country": _options(
                counted(
                    "country",
                    "partner_countries__code",
                    "partner_countries__name",
                    "partner_countries__name_en",
                    "partner_countries__name_pinyin",
                    order_by=["-n", "partner_countries__name_pinyin"],
                ),
                "partner_countries__code",
                "partner_countries__name",
                selected["country"],
            ),
            "year": [
                FacetOption(year, year_label(year), n, year == selected["year"])
                for (year,), n in sorted(years.items(), reverse=True)
            ],
        },
        result_count=sum(_summed(rows, selected, None).values()),
    )


class CountedPaginator(Paginator):
    """A paginator told the number of results (the facets counted them already)."""

    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count = count

    @property
    def count(self):
        return self._count


def directory_results(filters):
    """The current bases matching ``filters``, with their host, league/city and recommending
    department (a page of them gets its names, in both languages, from
    ``attach_cooperation_names``)."""
    return filters.narrowed().select_related("host", "host__league_city", "recommending_department")
