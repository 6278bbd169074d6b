"""Builders for registry objects. Credit codes get a real GB 32100-2015 check character."""

import datetime
import itertools

from bases.models import (
    Base,
    BaseStatus,
    BaseType,
    CooperationField,
    Country,
    HostOrganisation,
    LeagueCity,
    RecommendingDepartment,
)
from bases.rules.credit_code import credit_code_check_character

_serial = itertools.count(1)


def credit_code(division="150100", serial=None):
    serial = next(_serial) if serial is None else serial
    first17 = f"91{division}{serial:09d}"
    return first17 + credit_code_check_character(first17)


def make_host(league="呼和浩特市", **fields):
    league_city = LeagueCity.objects.get(name=league)
    fields.setdefault("name", f"测试依托单位{next(_serial)}")
    fields.setdefault("credit_code", credit_code(league_city.division_code))
    fields.setdefault("kind", HostOrganisation.Kind.ENTERPRISE)
    fields.setdefault(
        "recommending_department",
        RecommendingDepartment.objects.get(name=f"{league}科学技术局"),
    )
    return HostOrganisation.objects.create(league_city=league_city, **fields)


def make_base(
    league="呼和浩特市",
    base_type=BaseType.DEMONSTRATION_BASE,
    accredited_on=datetime.date(2022, 6, 1),
    fields=(),
    countries=(),
    **extra,
):
    host = extra.pop("host", None) or make_host(league)
    base = Base(
        name=extra.pop("name", f"{host.name}国际科技合作基地"),
        base_type=base_type,
        host=host,
        recommending_department=host.recommending_department,
        accreditation_date=accredited_on,
        **extra,
    )
    base.change_status(BaseStatus.ACCREDITED, on=accredited_on, reason="认定")
    base.fields.set([CooperationField.objects.get_or_create(name=name)[0] for name in fields])
    base.partner_countries.set(Country.objects.filter(code__in=countries))
    base.save()
    return base
