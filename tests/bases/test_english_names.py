"""The registry's English names, for the English edition: the migration names every league or
city and every country or region in English, and the editors can name the rest."""

import pytest

from bases.models import Country, LeagueCity
from tests.factories import make_base, make_user

pytestmark = pytest.mark.django_db


def test_every_league_and_city_has_its_english_name():
    names = dict(LeagueCity.objects.values_list("division_code", "name_en"))
    assert len(names) == 14
    assert names["150200"] == "Baotou"
    assert names["152500"] == "Xilingol League"
    assert "" not in names.values()


def test_every_country_has_its_english_name_and_chinas_regions_are_named_as_such():
    assert not Country.objects.filter(name_en="").exists()
    english = dict(Country.objects.values_list("code", "name_en"))
    assert english["DE"] == "Germany"
    assert english["MN"] == "Mongolia"
    assert english["TW"] == "Taiwan, China"
    assert english["HK"] == "Hong Kong, China"


def test_the_staff_name_a_base_its_host_and_a_field_in_english_in_the_admin(client):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    base = make_base(fields=["稀土新材料"])
    field = base.fields.get()
    for edit in (
        f"/admin/snippets/bases/base/edit/{base.pk}/",
        f"/admin/snippets/bases/hostorganisation/edit/{base.host.pk}/",
        f"/admin/snippets/bases/cooperationfield/edit/{field.pk}/",
        f"/admin/snippets/bases/leaguecity/edit/{base.host.league_city.pk}/",
    ):
        page = client.get(edit).content.decode()
        assert 'name="name_en"' in page and "英文名称" in page, edit
