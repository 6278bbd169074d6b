import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from bases.models import Base, BaseStatus
from tests.factories import HostOrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_base_entered_in_the_admin_starts_accredited_with_a_record(admin_client):
    host = HostOrganisationFactory(league="鄂尔多斯市")
    data = nested_form_data(
        {
            "name": "鄂尔多斯测试基地",
            "base_type": "demonstration_base",
            "accreditation_date": "2024-05-06",
            "host": host.pk,
            "recommending_department": host.recommending_department.pk,
            "decision_number": "",
            "plaque_number": "",
            "summary": "",
            "summary_en": "",
            "website": "",
            "partner_institutions": inline_formset([]),
            "achievements": inline_formset([]),
            "contacts": inline_formset([]),
            "images": inline_formset([]),
        }
    )
    response = admin_client.post(reverse("wagtailsnippets_bases_base:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    base = Base.objects.get(name="鄂尔多斯测试基地")
    assert base.status == BaseStatus.ACCREDITED
    change = base.status_changes.get()
    assert str(change.changed_on) == "2024-05-06"
    assert change.recorded_by.is_superuser


def test_registry_listings_are_in_the_admin(admin_client):
    for name in ("base", "hostorganisation", "recommendingdepartment", "leaguecity"):
        response = admin_client.get(reverse(f"wagtailsnippets_bases_{name}:list"))
        assert response.status_code == 200
