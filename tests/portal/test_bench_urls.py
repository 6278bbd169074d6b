"""The bench's references (bench/run.py) exist only on the bench's servers and database, and its
data command builds the registry it is asked for. No timings here: `make bench` measures."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from bases.models import Base, BaseStatus
from portal.models import StandardPage
from tests.factories.registry import make_base


def test_the_bench_references_are_not_reachable_on_the_portal(client, site_tree, settings):
    assert client.get("/bench/trivial/").status_code == 404
    assert client.get("/bench/").status_code == 404  # The bench page is in the bench DB only.
    settings.ROOT_URLCONF = "portal.bench_urls"
    response = client.get("/bench/trivial/")
    assert response.status_code == 200 and response.content == b"ok"
    # The portal's own pages are all there behind the bench's view.
    assert client.get("/policy/measures/").status_code == 200


def root_urlconf(module):
    """The URL configuration that a server started with settings ``module`` serves."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": module, "DJANGO_SECRET_KEY": "x" * 50}
    script = (
        "import django; django.setup(); "
        "from django.conf import settings; print(settings.ROOT_URLCONF)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_mounts_only_the_portals_addresses():
    assert root_urlconf("portal.settings.production") == "portal.urls"
    assert root_urlconf("portal.settings.bench") == "portal.bench_urls"


def test_bench_content_tops_the_registry_up_to_n_accredited_bases(client, site_tree):
    make_base(name="北疆稀土国际科技合作基地")
    call_command("load_bench_content", bases=6, stdout=StringIO())
    bases = Base.objects.all()
    assert bases.count() == 6
    generated = bases.exclude(name="北疆稀土国际科技合作基地")
    assert all(b.status == BaseStatus.ACCREDITED for b in generated)
    assert all(b.fields.exists() and b.partner_countries.exists() for b in generated)
    html = client.get("/bases/").content.decode()
    assert all(b.name in html for b in generated)

    page = client.get("/bench/")
    assert page.status_code == 200
    assert "基准测试参照页面" in page.content.decode()
    body = StandardPage.objects.get(slug="bench").body
    assert len(body.encode()) >= 2048 and "国合基地" in body

    # A second run has nothing left to add.
    call_command("load_bench_content", bases=6, stdout=StringIO())
    assert Base.objects.count() == 6 and StandardPage.objects.filter(slug="bench").count() == 1


def test_bench_content_refuses_to_run_outside_development(site_tree, settings):
    settings.DEBUG = False
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="只能在开发环境"):
        call_command("load_bench_content", bases=6, stdout=StringIO())
    assert not Base.objects.exists()
