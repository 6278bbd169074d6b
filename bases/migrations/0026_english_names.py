"""English names for the registry (the English edition): the leagues and cities as the
region's own English publications spell them, and the countries and regions as
django-countries names them in English (the Chinese regions as Taiwan, China and so on)."""

from django.db import migrations, models

LEAGUES_AND_CITIES_EN = {
    "150100": "Hohhot",
    "150200": "Baotou",
    "150300": "Wuhai",
    "150400": "Chifeng",
    "150500": "Tongliao",
    "150600": "Ordos",
    "150700": "Hulunbuir",
    "150800": "Bayannur",
    "150900": "Ulanqab",
    "152200": "Hinggan League",
    "152500": "Xilingol League",
    "152900": "Alxa League",
    "150781": "Manzhouli",
    "152501": "Erenhot",
}

REGION_NAMES_EN = {"TW": "Taiwan, China", "HK": "Hong Kong, China", "MO": "Macao, China"}


def load(apps, schema_editor):
    from django.utils import translation
    from django_countries import countries

    LeagueCity = apps.get_model("bases", "LeagueCity")
    Country = apps.get_model("bases", "Country")
    for code, name_en in LEAGUES_AND_CITIES_EN.items():
        LeagueCity.objects.filter(division_code=code, name_en="").update(name_en=name_en)
    with translation.override("en"):
        names = {code: REGION_NAMES_EN.get(code, str(name)) for code, name in countries}
    for country in Country.objects.filter(name_en=""):
        if country.code in names:
            country.name_en = names[country.code]
            country.save(update_fields=["name_en"])


class Migration(migrations.Migration):
    dependencies = [
        ("bases", "0025_base_accredited_on_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="applicationpartner",
            name="name_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="英文名称"),
        ),
        migrations.AddField(
            model_name="base",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="基地英文页面上显示的名称",
                max_length=300,
                verbose_name="英文名称",
            ),
        ),
        migrations.AddField(
            model_name="cooperationfield",
            name="name_en",
            field=models.CharField(blank=True, max_length=80, verbose_name="英文名称"),
        ),
        migrations.AddField(
            model_name="country",
            name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="英文名称"),
        ),
        migrations.AddField(
            model_name="hostorganisation",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="基地英文页面上显示的单位名称",
                max_length=300,
                verbose_name="英文名称",
            ),
        ),
        migrations.AddField(
            model_name="leaguecity",
            name="name_en",
            field=models.CharField(blank=True, max_length=50, verbose_name="英文名称"),
        ),
        migrations.AddField(
            model_name="partnerinstitution",
            name="name_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="英文名称"),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
