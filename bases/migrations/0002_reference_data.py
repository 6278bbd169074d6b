"""Reference data: the leagues and cities, partner countries and regions with Chinese names,
and the recommending departments that exist in every deployment."""

from django.db import migrations

LEAGUES_AND_CITIES = [
    ("呼和浩特市", "150100"),
    ("包头市", "150200"),
    ("乌海市", "150300"),
    ("赤峰市", "150400"),
    ("通辽市", "150500"),
    ("鄂尔多斯市", "150600"),
    ("呼伦贝尔市", "150700"),
    ("巴彦淖尔市", "150800"),
    ("乌兰察布市", "150900"),
    ("兴安盟", "152200"),
    ("锡林郭勒盟", "152500"),
    ("阿拉善盟", "152900"),
    # *Practice*: the two border ports also recommend.
    ("满洲里市", "150781"),
    ("二连浩特市", "152501"),
]

REGION_DEPARTMENTS = [
    "内蒙古自治区教育厅",
    "内蒙古自治区工业和信息化厅",
    "内蒙古自治区农牧厅",
    "内蒙古自治区卫生健康委员会",
    "内蒙古自治区自然资源厅",
    "内蒙古自治区能源局",
    "内蒙古自治区林业和草原局",
    "内蒙古自治区商务厅",
]

# Regions of China are named as such; China itself is never a partner country.
REGION_NAMES = {"TW": "中国台湾", "HK": "中国香港", "MO": "中国澳门"}


def load(apps, schema_editor):
    from django.utils import translation
    from django_countries import countries

    LeagueCity = apps.get_model("bases", "LeagueCity")
    Country = apps.get_model("bases", "Country")
    RecommendingDepartment = apps.get_model("bases", "RecommendingDepartment")

    for order, (name, code) in enumerate(LEAGUES_AND_CITIES, start=1):
        league, _ = LeagueCity.objects.update_or_create(
            division_code=code, defaults={"name": name, "sort_order": order}
        )
        RecommendingDepartment.objects.get_or_create(
            name=f"{name}科学技术局",
            defaults={"kind": "league_city", "league_city": league},
        )
    for name in REGION_DEPARTMENTS:
        RecommendingDepartment.objects.get_or_create(name=name, defaults={"kind": "region"})

    with translation.override("zh-hans"):
        for code, name in countries:
            if code == "CN":
                continue
            Country.objects.update_or_create(
                code=code, defaults={"name": REGION_NAMES.get(code, str(name))}
            )


class Migration(migrations.Migration):
    dependencies = [("bases", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
