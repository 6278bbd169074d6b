"""The department's staff name a base in English in the admin, in a real browser: the field
sits beside the Chinese name, is saved, and the form fits a phone."""

import re

import pytest

from bases.models import Base
from tests.browser.test_news_workflow import log_in
from tests.factories import build_site, make_base, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_staff_name_a_base_in_english(page, live_server, shoot):
    build_site()
    base = make_base("包头市", name="鹿城稀土国际科技合作基地", fields=["稀土新材料"])
    make_user("root", is_superuser=True, is_staff=True)

    log_in(page, live_server, "root")
    page.goto(f"{live_server.url}/admin/snippets/bases/base/edit/{base.pk}/")
    page.get_by_label("英文名称").fill("Lucheng Rare-Earth International S&T Cooperation Base")
    assert shoot(page, "base-english-name") == []
    page.get_by_role("button", name="保存").first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/bases/base/"))
    base = Base.objects.get(pk=base.pk)
    assert base.name_en == "Lucheng Rare-Earth International S&T Cooperation Base"
