"""Invented but plausible demo bases for load_demo_content. No real people are named; the
organisations are fictional, composed from each league's real industries."""

import datetime
import random

from django.db import transaction
from wagtail.search.backends import get_search_backend

from bases.demo.registry_data import (
    FIELD_NAMES_EN,
    FIELDS,
    HOST_NAMES_EN,
    HOSTS,
    PARTNER_NAME_EN,
    PARTNER_NAMES,
    PARTNER_NAMES_EN,
    STATUS_HISTORY,
)
from bases.models import (
    Base,
    BaseAchievement,
    BaseContact,
    BaseStatus,
    BaseStatusChange,
    BaseType,
    CooperationField,
    Country,
    HostOrganisation,
    LeagueCity,
    PartnerInstitution,
    RecommendingDepartment,
)
from bases.rules.credit_code import credit_code_check_character
from portal.collation import pinyin_key


def _credit_code(division, serial):
    first17 = f"91{division}{serial:09d}"
    return first17 + credit_code_check_character(first17)


def load_demo_bases():
    """Create the demo bases once; returns how many exist."""
    if Base.objects.exists():
        return Base.objects.count()
    rng = random.Random(2026)
    fields = {
        name: CooperationField.objects.get_or_create(
            name=name, defaults={"sort_order": i, "name_en": FIELD_NAMES_EN[name]}
        )[0]
        for i, name in enumerate(FIELDS)
    }
    leagues = {league.name: league for league in LeagueCity.objects.all()}
    for serial, (league, host_name, kind, base_type, base_fields, countries) in enumerate(
        HOSTS, start=1
    ):
        league_city = leagues[league]
        department = RecommendingDepartment.objects.get(name=f"{league}科学技术局")
        host = HostOrganisation.objects.create(
            name=host_name,
            name_en=HOST_NAMES_EN[host_name],
            credit_code=_credit_code(league_city.division_code, 700000 + serial),
            kind=kind,
            registration_date=datetime.date(2000 + serial % 18, 1 + serial % 12, 1 + serial % 27),
            league_city=league_city,
            address=f"内蒙古自治区{league}",
            recommending_department=department,
        )
        year = 2019 + serial % 7
        accredited_on = datetime.date(year, 6 + serial % 6, 1 + serial % 27)
        suffix = {
            BaseType.INNOVATION_PARK: "",
            BaseType.TECHNOLOGY_TRANSFER_CENTER: "",
            BaseType.DEMONSTRATION_BASE: "国际科技合作基地",
        }[base_type]
        base = Base(
            name=host_name if not suffix else f"{host_name}{suffix}",
            name_en=host.name_en
            if not suffix
            else f"{host.name_en}, International S&T Cooperation Base",
            base_type=base_type,
            host=host,
            recommending_department=department,
            accreditation_date=accredited_on,
            decision_number=f"内科发〔{year}〕{10 + serial}号",
            plaque_number=f"内蒙古国合基地〔{year}〕第{serial:03d}号",
            summary=(
                f"{host_name}立足{league}，围绕{'、'.join(base_fields)}开展国际科技合作，"
                f"与{'、'.join(Country.objects.get(code=c).name for c in countries)}的"
                "科研机构和企业建立了长期稳定的合作关系。"
            ),
            summary_en=(
                f"An international S&T cooperation base in {league_city.name_en}, "
                "Inner Mongolia, working with partners abroad on joint research, "
                "technology transfer and training."
            ),
        )
        base.change_status(BaseStatus.ACCREDITED, on=accredited_on, reason="经认定并授牌")
        base.fields.set([fields[name] for name in base_fields])
        base.partner_countries.set(Country.objects.filter(code__in=countries))
        for order, code in enumerate(countries[:2]):
            pattern = PARTNER_NAMES.get(code, "{}合作大学")
            PartnerInstitution.objects.create(
                base=base,
                sort_order=order,
                name=pattern.format(base_fields[0][:2]),
                name_en=PARTNER_NAMES_EN.get(code, PARTNER_NAME_EN).format(
                    FIELD_NAMES_EN[base_fields[0]]
                ),
                country=Country.objects.get(code=code),
                since=year - rng.randint(2, 8),
                agreement="科技合作协议",
            )
        BaseAchievement.objects.create(
            base=base,
            sort_order=0,
            year=year + 1,
            title=f"{base_fields[0]}联合研发项目通过验收",
            description="与国外合作伙伴联合完成，成果已在区内推广应用。",
        )
        BaseContact.objects.create(
            base=base,
            sort_order=0,
            office="国际合作办公室",
            phone=f"04{71 + serial % 9}-{6000000 + serial}",
            email=f"intl{serial:03d}@example.org",
        )
        base.save()  # Index the base with its fields, countries and partners.
        for status, on, reason, article in STATUS_HISTORY.get(serial, []):
            base.change_status(status, on=on, reason=reason, article=article)
    return Base.objects.count()


GENERATED_KINDS = ["research_institute", "university", "enterprise", "science_park", "intermediary"]
KIND_SUFFIX = {
    "research_institute": "研究院",
    "university": "学院",
    "enterprise": "科技有限公司",
    "science_park": "科技园",
    "intermediary": "技术服务中心",
}
GENERATED_COUNTRIES = ["MN", "RU", "DE", "JP", "KR", "IL", "AU", "NL", "US", "GB", "FR", "KZ", "SG"]


@transaction.atomic
def generate_bases(count, seed=None):
    """Add ``count`` generated bases for benchmarks, in bulk: 2,000 take seconds, not minutes.

    Bulk inserts skip ``Base.change_status()``, so this writes the same first status record
    that it would, and indexes the bases for search in one pass.
    """
    existing = HostOrganisation.objects.count()
    rng = random.Random(seed if seed is not None else existing)
    leagues = list(LeagueCity.objects.all())
    departments = {
        d.league_city_id: d for d in RecommendingDepartment.objects.filter(kind="league_city")
    }
    fields = [
        CooperationField.objects.get_or_create(name=name, defaults={"sort_order": i})[0]
        for i, name in enumerate(FIELDS)
    ]
    countries = list(Country.objects.filter(code__in=GENERATED_COUNTRIES))
    types = list(BaseType.values)

    hosts = []
    for number in range(existing + 1, existing + count + 1):
        league = rng.choice(leagues)
        kind = rng.choice(GENERATED_KINDS)
        hosts.append(
            HostOrganisation(
                name=f"{league.name[:-1]}第{number}{KIND_SUFFIX[kind]}",
                credit_code=_credit_code(league.division_code, 10_000_000 + number),
                kind=kind,
                league_city=league,
                address=f"内蒙古自治区{league.name}",
                recommending_department=departments[league.pk],
            )
        )
    hosts = HostOrganisation.objects.bulk_create(hosts)

    bases = []
    for host in hosts:
        accredited_on = datetime.date(
            rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28)
        )
        base_type = rng.choice(types)
        bases.append(
            Base(
                name=f"{host.name}国际科技合作基地",
                name_pinyin=pinyin_key(f"{host.name}国际科技合作基地"),
                base_type=base_type,
                host=host,
                recommending_department=host.recommending_department,
                accreditation_date=accredited_on,
                status=BaseStatus.ACCREDITED,
                summary=f"{host.name}开展国际科技合作。",
            )
        )
    bases = Base.objects.bulk_create(bases)

    BaseStatusChange.objects.bulk_create(
        BaseStatusChange(
            base=base,
            from_status="",
            to_status=BaseStatus.ACCREDITED,
            changed_on=base.accreditation_date,
            reason="经认定并授牌（生成的测试数据）",
        )
        for base in bases
    )
    Base.fields.through.objects.bulk_create(
        Base.fields.through(base_id=base.pk, cooperationfield_id=field.pk)
        for base in bases
        for field in rng.sample(fields, rng.randint(1, 3))
    )
    Base.partner_countries.through.objects.bulk_create(
        Base.partner_countries.through(base_id=base.pk, country_id=country.pk)
        for base in bases
        for country in rng.sample(countries, rng.randint(1, 4))
    )
    get_search_backend().add_bulk(
        Base,
        Base.objects.filter(pk__in=[base.pk for base in bases])
        .select_related("host")
        .prefetch_related("fields", "partner_countries", "partner_institutions"),
    )
    return len(bases)
