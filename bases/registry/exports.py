"""Open data and statistics downloads. They live outside the page tree because Wagtail's page
URLs cannot end in a file extension."""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone

from bases.models import BaseIndexPage
from bases.models.bases import Base, BaseStatus, BaseType
from bases.registry.directory import DirectoryFilter
from bases.registry.statistics import TABLES
from portal.spreadsheets import safe_cell

EXPORT_COLUMNS = [
    ("id", "编号"),
    ("name", "基地名称"),
    ("type", "基地类型"),
    ("status", "状态"),
    ("host", "依托单位"),
    ("host_credit_code", "依托单位统一社会信用代码"),
    ("league_city", "所在盟市"),
    ("recommending_department", "推荐部门"),
    ("accreditation_date", "认定日期"),
    ("decision_number", "认定文号"),
    ("plaque_number", "牌匾编号"),
    ("fields", "合作领域"),
    ("partner_countries", "合作国家和地区"),
    ("website", "网址"),
    ("profile_url", "基地简介网址"),
]


def _profile_base_url(request):
    index = BaseIndexPage.objects.live().first()
    return index.get_full_url(request) if index else request.build_absolute_uri("/bases/")


def public_records(request):
    """The public fields of the current bases, narrowed by the directory's filters if given.

    Three queries whatever the number of bases: the bases' own columns as values, then their
    fields and their partner countries through the link tables. No model instance is built and
    every label is translated once, not once per row: at 2,000 bases building instances and
    forcing a lazy label per cell cost about a second of CPU per download.
    """
    profile_base = _profile_base_url(request)
    bases = DirectoryFilter(request.GET).narrowed().distinct()
    rows = list(
        bases.values_list(
            "pk",
            "name",
            "base_type",
            "status",
            "host__name",
            "host__credit_code",
            "host__league_city__name",
            "recommending_department__name",
            "accreditation_date",
            "decision_number",
            "plaque_number",
            "website",
        )
    )
    ids = bases.values("pk")
    fields = _names_by_base(
        Base.fields.through.objects.filter(base_id__in=ids).order_by(
            "cooperationfield__sort_order", "cooperationfield__name"
        ),
        "cooperationfield__name",
    )
    countries = _names_by_base(
        Base.partner_countries.through.objects.filter(base_id__in=ids).order_by(
            "country__name_pinyin", "country__code"
        ),
        "country__name",
    )
    type_labels = {value: str(label) for value, label in BaseType.choices}
    status_labels = {value: str(label) for value, label in BaseStatus.choices}
    for (
        pk,
        name,
        base_type,
        status,
        host,
        credit_code,
        league_city,
        department,
        accredited_on,
        decision_number,
        plaque_number,
        website,
    ) in rows:
        yield {
            "id": pk,
            "name": name,
            "type": type_labels[base_type],
            "status": status_labels[status],
            "host": host,
            "host_credit_code": credit_code,
            "league_city": league_city,
            "recommending_department": department,
            "accreditation_date": accredited_on.isoformat(),
            "decision_number": decision_number,
            "plaque_number": plaque_number or "",
            "fields": fields.get(pk, []),
            "partner_countries": countries.get(pk, []),
            "website": website,
            "profile_url": f"{profile_base}{pk}/",
        }


def _names_by_base(links, name):
    """``{base id: [name, …]}`` from a link table's rows, in the rows' order."""
    names = {}
    for base_id, value in links.values_list("base_id", name):
        names.setdefault(base_id, []).append(value)
    return names


def _csv_response(filename, header, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # A BOM, so that Excel opens the Chinese text as UTF-8.
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_csv(request):
    records = public_records(request)
    rows = (
        ["、".join(v) if isinstance(v, list) else v for v in (r[k] for k, _ in EXPORT_COLUMNS)]
        for r in records
    )
    return _csv_response("guohe-bases.csv", [label for _key, label in EXPORT_COLUMNS], rows)


def export_json(request):
    records = list(public_records(request))
    return JsonResponse(
        {
            "generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "count": len(records),
            "fields": dict(EXPORT_COLUMNS),
            "bases": records,
        },
        # No indent: an indented dump runs in the pure-Python encoder, several times slower.
        json_dumps_params={"ensure_ascii": False},
    )


def stats_csv(request, table):
    if table not in TABLES:
        raise Http404
    data = TABLES[table]()
    return _csv_response(f"guohe-stats-{data.slug}.csv", data.columns, data.rows)
