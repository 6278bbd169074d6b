"""Invented but plausible demo bases for load_demo_content. No real people are named; the
organisations are fictional, composed from each league's real industries."""

import datetime
import random

from django.db import transaction
from wagtail.search.backends import get_search_backend

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

FIELDS = [
    "稀土新材料",
    "现代农牧业",
    "乳业与食品",
    "生物医药",
    "蒙中医药",
    "新能源",
    "煤炭清洁利用",
    "生态保护与修复",
    "草原畜牧业",
    "节水灌溉",
    "冶金与装备制造",
    "信息技术",
    "荒漠化防治",
    "口岸物流与跨境电商",
]

# (league, host name, host kind, base type, fields, partner countries)
HOSTS = [
    (
        "呼和浩特市",
        "北疆乳业研究院",
        "research_institute",
        "demonstration_base",
        ["乳业与食品"],
        ["NL", "NZ", "DK"],
    ),
    (
        "呼和浩特市",
        "青城生物医药科技园",
        "science_park",
        "innovation_park",
        ["生物医药", "蒙中医药"],
        ["DE", "IL", "MN"],
    ),
    (
        "呼和浩特市",
        "敕勒川农业大学",
        "university",
        "demonstration_base",
        ["现代农牧业", "草原畜牧业"],
        ["AU", "MN", "US"],
    ),
    (
        "呼和浩特市",
        "塞北技术交易服务中心",
        "intermediary",
        "technology_transfer_center",
        ["信息技术", "新能源"],
        ["RU", "KR"],
    ),
    (
        "包头市",
        "鹿城稀土功能材料研究所",
        "research_institute",
        "demonstration_base",
        ["稀土新材料"],
        ["JP", "DE"],
    ),
    (
        "包头市",
        "包头稀土高新区国际合作园",
        "science_park",
        "innovation_park",
        ["稀土新材料", "冶金与装备制造"],
        ["JP", "KR", "GB"],
    ),
    (
        "包头市",
        "钢城重型装备有限公司",
        "enterprise",
        "demonstration_base",
        ["冶金与装备制造"],
        ["RU", "IT"],
    ),
    (
        "包头市",
        "阴山国际技术转移服务有限公司",
        "intermediary",
        "technology_transfer_center",
        ["稀土新材料", "信息技术"],
        ["DE", "FI"],
    ),
    (
        "乌海市",
        "乌海煤化工清洁技术研究院",
        "research_institute",
        "demonstration_base",
        ["煤炭清洁利用"],
        ["DE", "ZA"],
    ),
    (
        "乌海市",
        "黄河湾新材料有限公司",
        "enterprise",
        "demonstration_base",
        ["稀土新材料", "煤炭清洁利用"],
        ["RU"],
    ),
    (
        "赤峰市",
        "红山现代农业科技有限公司",
        "enterprise",
        "demonstration_base",
        ["现代农牧业", "节水灌溉"],
        ["IL", "NL"],
    ),
    ("赤峰市", "赤峰蒙药研究所", "research_institute", "demonstration_base", ["蒙中医药"], ["MN"]),
    (
        "赤峰市",
        "西拉木伦技术转移中心",
        "intermediary",
        "technology_transfer_center",
        ["现代农牧业", "生物医药"],
        ["RU", "MN"],
    ),
    (
        "通辽市",
        "科尔沁肉牛产业研究院",
        "research_institute",
        "demonstration_base",
        ["草原畜牧业"],
        ["AU", "CA"],
    ),
    (
        "通辽市",
        "霍林河铝材科技有限公司",
        "enterprise",
        "demonstration_base",
        ["冶金与装备制造", "新能源"],
        ["NO", "DE"],
    ),
    (
        "通辽市",
        "通辽国际农牧业创新园",
        "science_park",
        "innovation_park",
        ["现代农牧业", "节水灌溉"],
        ["IL", "US", "MN"],
    ),
    (
        "鄂尔多斯市",
        "鄂尔多斯能源技术研究院",
        "research_institute",
        "demonstration_base",
        ["新能源", "煤炭清洁利用"],
        ["DE", "US", "AU"],
    ),
    (
        "鄂尔多斯市",
        "库布其荒漠生态科技有限公司",
        "enterprise",
        "demonstration_base",
        ["荒漠化防治", "生态保护与修复"],
        ["KE", "MN", "EG"],
    ),
    (
        "鄂尔多斯市",
        "康巴什国际氢能创新园",
        "science_park",
        "innovation_park",
        ["新能源"],
        ["DE", "JP", "AU"],
    ),
    (
        "鄂尔多斯市",
        "鄂尔多斯技术转移服务中心",
        "intermediary",
        "technology_transfer_center",
        ["新能源", "信息技术"],
        ["GB", "SG"],
    ),
    (
        "呼伦贝尔市",
        "呼伦贝尔草原生态研究院",
        "research_institute",
        "demonstration_base",
        ["生态保护与修复", "草原畜牧业"],
        ["RU", "MN"],
    ),
    (
        "呼伦贝尔市",
        "大兴安岭林下经济科技有限公司",
        "enterprise",
        "demonstration_base",
        ["生物医药", "现代农牧业"],
        ["RU", "FI"],
    ),
    (
        "呼伦贝尔市",
        "中俄蒙科技合作服务中心",
        "intermediary",
        "technology_transfer_center",
        ["口岸物流与跨境电商", "现代农牧业"],
        ["RU", "MN"],
    ),
    (
        "巴彦淖尔市",
        "河套灌区农业科学研究院",
        "research_institute",
        "demonstration_base",
        ["节水灌溉", "现代农牧业"],
        ["IL", "ES"],
    ),
    (
        "巴彦淖尔市",
        "河套食品科技有限公司",
        "enterprise",
        "demonstration_base",
        ["乳业与食品", "现代农牧业"],
        ["NZ", "FR"],
    ),
    (
        "乌兰察布市",
        "乌兰察布马铃薯研究院",
        "research_institute",
        "demonstration_base",
        ["现代农牧业"],
        ["NL", "PE"],
    ),
    (
        "乌兰察布市",
        "察哈尔大数据科技园",
        "science_park",
        "innovation_park",
        ["信息技术", "新能源"],
        ["SG", "KR"],
    ),
    (
        "兴安盟",
        "兴安盟绿色稻米科技有限公司",
        "enterprise",
        "demonstration_base",
        ["现代农牧业"],
        ["JP", "KR"],
    ),
    (
        "兴安盟",
        "阿尔山生态旅游与保护研究中心",
        "research_institute",
        "demonstration_base",
        ["生态保护与修复"],
        ["MN", "RU"],
    ),
    (
        "锡林郭勒盟",
        "锡林郭勒草原畜牧科学研究所",
        "research_institute",
        "demonstration_base",
        ["草原畜牧业", "生态保护与修复"],
        ["MN", "AU", "NZ"],
    ),
    (
        "锡林郭勒盟",
        "乌珠穆沁肉业科技有限公司",
        "enterprise",
        "demonstration_base",
        ["乳业与食品", "草原畜牧业"],
        ["MN", "KZ"],
    ),
    (
        "阿拉善盟",
        "阿拉善荒漠生态研究院",
        "research_institute",
        "demonstration_base",
        ["荒漠化防治", "生态保护与修复"],
        ["IL", "EG", "MN"],
    ),
    (
        "阿拉善盟",
        "额济纳绿洲节水科技有限公司",
        "enterprise",
        "demonstration_base",
        ["节水灌溉", "荒漠化防治"],
        ["IL"],
    ),
    (
        "满洲里市",
        "满洲里中俄跨境技术转移中心",
        "intermediary",
        "technology_transfer_center",
        ["口岸物流与跨境电商", "冶金与装备制造"],
        ["RU", "BY"],
    ),
    (
        "满洲里市",
        "满洲里口岸木材加工科技有限公司",
        "enterprise",
        "demonstration_base",
        ["口岸物流与跨境电商"],
        ["RU"],
    ),
    (
        "二连浩特市",
        "二连浩特中蒙技术转移服务中心",
        "intermediary",
        "technology_transfer_center",
        ["口岸物流与跨境电商", "现代农牧业"],
        ["MN"],
    ),
    (
        "二连浩特市",
        "二连浩特口岸国际创新园",
        "science_park",
        "innovation_park",
        ["口岸物流与跨境电商", "新能源"],
        ["MN", "RU", "KZ"],
    ),
    (
        "呼和浩特市",
        "云中信息技术有限公司",
        "enterprise",
        "demonstration_base",
        ["信息技术"],
        ["SG", "DE"],
    ),
    (
        "包头市",
        "包头医学与健康研究院",
        "research_institute",
        "demonstration_base",
        ["生物医药"],
        ["DE", "CH"],
    ),
    (
        "赤峰市",
        "赤峰有色金属冶炼技术有限公司",
        "enterprise",
        "demonstration_base",
        ["冶金与装备制造"],
        ["CL", "AU"],
    ),
]

# Later status changes of some demo bases, by their serial number in HOSTS.
STATUS_HISTORY = {
    7: [
        (
            BaseStatus.RECTIFYING,
            datetime.date(2025, 3, 15),
            "2024年度考核不合格，限期整改",
            "《管理办法》第十二条",
        )
    ],
    15: [
        (
            BaseStatus.RECTIFYING,
            datetime.date(2025, 3, 15),
            "2024年度考核不合格，限期整改",
            "《管理办法》第十二条",
        ),
        (
            BaseStatus.ACCREDITED,
            datetime.date(2025, 11, 20),
            "整改后复评合格",
            "《管理办法》第十二条",
        ),
    ],
    10: [
        (
            BaseStatus.REVOKED,
            datetime.date(2024, 11, 20),
            "连续两年未提交年度工作总结",
            "《管理办法》第十二条第（四）项",
        )
    ],
}

PARTNER_NAMES = {
    "MN": "蒙古国科学院{}研究所",
    "RU": "俄罗斯科学院西伯利亚分院{}研究所",
    "DE": "德国{}应用技术研究所",
    "IL": "以色列{}农业研究中心",
    "AU": "澳大利亚{}大学",
    "JP": "日本{}材料研究所",
    "KR": "韩国{}科学技术研究院",
    "NL": "荷兰{}大学与研究中心",
    "US": "美国{}州立大学",
    "NZ": "新西兰{}研究院",
}


def _credit_code(division, serial):
    first17 = f"91{division}{serial:09d}"
    return first17 + credit_code_check_character(first17)


def load_demo_bases():
    """Create the demo bases once; returns how many exist."""
    if Base.objects.exists():
        return Base.objects.count()
    rng = random.Random(2026)
    fields = {
        name: CooperationField.objects.get_or_create(name=name, defaults={"sort_order": i})[0]
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
                f"An international S&T cooperation base in {league_city.division_code} "
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
