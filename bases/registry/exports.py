"""Open data and statistics downloads. They live outside the page tree because Wagtail's page
URLs cannot end in a file extension.

At /en/bases/… they are in English: the column headings and the labels of the JSON's
``fields``, the types and statuses, and every name the registry keeps in English (a name it
has only in Chinese stays Chinese). The JSON's keys are the same in both languages."""

import csv
import io
from urllib.parse import urlsplit, urlunsplit

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from bases.models import BaseIndexPage
from bases.models.bases import Base, BaseStatus, BaseType
from bases.registry.directory import DirectoryFilter, local_name
from bases.registry.statistics import TABLES
from portal import i18n
from portal.spreadsheets import safe_cell

EXPORT_COLUMNS = [
    ("id", _("编号")),
    ("name", _("基地名称")),
    ("type", _("基地类型")),
    ("status", _("状态")),
    ("host", _("依托单位")),
    ("host_credit_code", _("依托单位统一社会信用代码")),
    ("league_city", _("所在盟市")),
    ("recommending_department", _("推荐部门")),
    ("accreditation_date", _("认定日期")),
    ("decision_number", _("认定文号")),
    ("plaque_number", _("牌匾编号")),
    ("fields", _("合作领域")),
    ("partner_countries", _("合作国家和地区")),
    ("website", _("网址")),
    ("profile_url", _("基地简介网址")),
]


def _profile_base_url(request):
    """The directory's address in the language of the download: the profiles are there."""
    index = BaseIndexPage.objects.live().first()
    if not index:
        return request.build_absolute_uri(i18n.localise("/bases/"))
    url = index.get_full_url(request)
    if i18n.is_english():
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(path=i18n.localise(parts.path)))
    return url


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
            "name_en",
            "base_type",
            "status",
            "host__name",
            "host__name_en",
            "host__credit_code",
            "host__league_city__name",
            "host__league_city__name_en",
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
    if i18n.is_english():
        fields, countries = _english(fields), _english(countries)
    type_labels = {value: str(label) for value, label in BaseType.choices}
    status_labels = {value: str(label) for value, label in BaseStatus.choices}
    for (
        pk,
        name,
        name_en,
        base_type,
        status,
        host,
        host_en,
        credit_code,
        league_city,
        league_city_en,
        department,
        accredited_on,
        decision_number,
        plaque_number,
        website,
    ) in rows:
        yield {
            "id": pk,
            "name": local_name(name, name_en),
            "type": type_labels[base_type],
            "status": status_labels[status],
            "host": local_name(host, host_en),
            "host_credit_code": credit_code,
            "league_city": local_name(league_city, league_city_en),
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
    """``{base id: [name, …]}`` from a link table's rows, in the rows' order; in English each
    name is a (name, English name) pair (``_english``)."""
    names = {}
    if i18n.is_english():
        rows = links.values_list("base_id", name, f"{name}_en")
        for base_id, value, value_en in rows:
            names.setdefault(base_id, []).append((value, value_en))
        return names
    for base_id, value in links.values_list("base_id", name):
        names.setdefault(base_id, []).append(value)
    return names


def _english(names_by_base):
    """The names of ``_names_by_base``'s pairs to show in English, in the same order (that of
    the directory and the profiles in both languages)."""
    return {
        base_id: [local_name(name, name_en) for name, name_en in pairs]
        for base_id, pairs in names_by_base.items()
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
    # Several names in one cell: 稀土新材料、现代农牧业 / Rare earth materials; Modern agriculture
    between = pgettext("several names in one CSV cell", "、")
    rows = (
        [between.join(v) if isinstance(v, list) else v for v in (r[k] for k, _l in EXPORT_COLUMNS)]
        for r in records
    )
    return _csv_response("guohe-bases.csv", [str(label) for _key, label in EXPORT_COLUMNS], rows)


def export_json(request):
    records = list(public_records(request))
    return JsonResponse(
        {
            "generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "count": len(records),
            "fields": {key: str(label) for key, label in EXPORT_COLUMNS},
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
