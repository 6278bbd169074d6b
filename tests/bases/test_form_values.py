"""Date and number fields show what is stored, and what the user typed, in a form a browser
can display: a date input shows only an ISO date."""

import datetime
import re

import pytest
from django.urls import reverse

from bases.models import Country
from bases.review.forms import SiteInspectionForm
from tests.factories import edit_post_data, make_applicant, make_application

pytestmark = pytest.mark.django_db


def input_tag(html, name):
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)


def test_the_registration_date_is_shown_in_the_date_input(client, site_tree):
    # The date the one-year rule of Art. 6 reads.
    applicant = make_applicant(registration_date=datetime.date(2009, 5, 12))
    application = make_application(applicant)
    client.force_login(applicant)
    html = client.get(reverse("apply_edit", args=[application.pk])).content.decode()
    tag = input_tag(html, "unit-registration_date")
    assert 'type="date"' in tag
    assert 'value="2009-05-12"' in tag


def test_what_was_typed_comes_back_when_another_field_is_wrong(client, site_tree):
    applicant = make_applicant(registration_date=datetime.date(2009, 5, 12))
    application = make_application(applicant)
    client.force_login(applicant)
    data = edit_post_data(
        application,
        **{
            "unit-contact_email": "不是邮箱",
            "partners-0-name": "蒙古国科学院",
            "partners-0-country": str(Country.objects.get(code="MN").pk),
            "partners-0-since": "2018",
            "projects-0-name": "中蒙草原生态联合研究",
            "projects-0-start_year": "2021",
        },
    )
    html = client.post(reverse("apply_edit", args=[application.pk]), data).content.decode()
    assert "请输入有效的电子邮箱地址" in html
    assert 'value="2018"' in input_tag(html, "partners-0-since")
    assert 'value="2021"' in input_tag(html, "projects-0-start_year")
    assert 'value="2009-05-12"' in input_tag(html, "unit-registration_date")


def test_the_inspection_date_is_shown_in_the_date_input():
    form = SiteInspectionForm(initial={"inspected_on": datetime.date(2026, 3, 9)})
    assert 'value="2026-03-09"' in str(form["inspected_on"])
