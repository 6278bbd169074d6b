"""The registry: host organisations, with credit codes that carry a real GB 32100-2015 check
character, and accredited bases."""

import datetime
import itertools

import factory
from factory.django import DjangoModelFactory

from bases.models import (
    Base,
    BaseStatus,
    BaseType,
    CooperationField,
    Country,
    HostOrganisation,
    LeagueCity,
    RecommendingDepartment,
    ResearchIntegrityRecord,
)
from bases.rules.credit_code import credit_code_check_character

# One counter for every credit code, so that codes made here and by hand never collide.
_serial = itertools.count(1)


def credit_code(division="150100", serial=None):
    serial = next(_serial) if serial is None else serial
    first17 = f"91{division}{serial:09d}"
    return first17 + credit_code_check_character(first17)


class HostOrganisationFactory(DjangoModelFactory):
    """An enterprise in ``league``, recommended by that league/city's science bureau."""

    class Meta:
        model = HostOrganisation

    class Params:
        league = "呼和浩特市"

    name = factory.Sequence(lambda n: f"测试依托单位{n}")
    league_city = factory.LazyAttribute(lambda host: LeagueCity.objects.get(name=host.league))
    credit_code = factory.LazyAttribute(lambda host: credit_code(host.league_city.division_code))
    kind = HostOrganisation.Kind.ENTERPRISE
    recommending_department = factory.LazyAttribute(
        lambda host: RecommendingDepartment.objects.get(name=f"{host.league}科学技术局")
    )


class IntegrityRecordFactory(DjangoModelFactory):
    """A serious, current research-integrity record against a host (Art. 4)."""

    class Meta:
        model = ResearchIntegrityRecord

    host = factory.SubFactory(HostOrganisationFactory)
    subject = "organisation"
    severity = ResearchIntegrityRecord.Severity.SERIOUS
    listed_on = datetime.date(2025, 3, 1)
    authority = "科学技术部"
    description = "论文数据造假"


def make_base(
    league="呼和浩特市",
    base_type=BaseType.DEMONSTRATION_BASE,
    accredited_on=datetime.date(2022, 6, 1),
    fields=(),
    countries=(),
    **extra,
):
    """An accredited base, its status recorded through ``Base.change_status``."""
    host = extra.pop("host", None) or HostOrganisationFactory(league=league)
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
