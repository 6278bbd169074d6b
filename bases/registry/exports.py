"""Open data and statistics downloads. They live outside the page tree because Wagtail's page
URLs cannot end in a file extension."""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone

from bases.models import BaseIndexPage
from bases.registry.directory import DirectoryFilter, directory_results
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
    """The public fields of the current bases, narrowed by the directory's filters if given."""
    profile_base = _profile_base_url(request)
    for base in directory_results(DirectoryFilter(request.GET)):
        yield {
            "id": base.pk,
            "name": base.name,
            "type": str(base.get_base_type_display()),
            "status": str(base.get_status_display()),
            "host": base.host.name,
            "host_credit_code": base.host.credit_code,
            "league_city": base.host.league_city.name,
            "recommending_department": base.recommending_department.name,
            "accreditation_date": base.accreditation_date.isoformat(),
            "decision_number": base.decision_number,
            "plaque_number": base.plaque_number or "",
            "fields": [field.name for field in base.fields.all()],
            "partner_countries": [country.name for country in base.partner_countries.all()],
            "website": base.website,
            "profile_url": f"{profile_base}{base.pk}/",
        }


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
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


def stats_csv(request, table):
    if table not in TABLES:
        raise Http404
    data = TABLES[table]()
    return _csv_response(f"guohe-stats-{data.slug}.csv", data.columns, data.rows)
