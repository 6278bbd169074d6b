"""The project-level promises: migrations are complete, production settings pass the deploy
checks, and the demo content loads idempotently."""

import json
import os
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import Locale, Page, TaskState

from bases.models import (
    AnnualReport,
    Application,
    ApplicationCall,
    ApplicationStatus,
    Base,
    ChangeReport,
    NationalRecommendation,
    PostSubsidyAward,
    RecommendationKind,
)
from bases.rules.eligibility import article_12_revocation_bar
from news.models import PolicyCitation
from portal.models import PolicyPage

pytestmark = pytest.mark.django_db


def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_production_settings_pass_the_deploy_checks():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "kjt.example.gov.cn",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # Never set in production; it fails the checks.
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_settings_are_chinese_and_local_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_demo_content_is_idempotent_and_prints_the_accounts(client, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-pass")
    first = StringIO()
    call_command("load_demo_content", stdout=first)
    pages = sorted(Page.objects.values_list("url_path", flat=True))
    # The Measures in Chinese, and in the English edition's unofficial translation.
    revisions = {
        page.locale.language_code: page.revisions.count()
        for page in PolicyPage.objects.filter(slug="measures").select_related("locale")
    }
    assert set(revisions) == {"zh-hans", "en"}
    applications = sorted(Application.objects.values_list("pk", "status"))
    reports = sorted(AnnualReport.objects.values_list("pk", "status"))
    awards = sorted(PostSubsidyAward.objects.values_list("pk", "base", "year", "amount"))
    recommendations = sorted(NationalRecommendation.objects.values_list("pk", "base", "kind"))
    changes = sorted(ChangeReport.objects.values_list("pk", "status"))
    citations = sorted(PolicyCitation.objects.values_list("page__title", "policy__slug", "article"))
    interpretation_revisions = sorted(
        PolicyCitation.objects.values_list("page", "page__latest_revision").distinct()
    )

    second = StringIO()
    call_command("load_demo_content", stdout=second)
    assert sorted(Page.objects.values_list("url_path", flat=True)) == pages
    assert {
        page.locale.language_code: page.revisions.count()
        for page in PolicyPage.objects.filter(slug="measures").select_related("locale")
    } == revisions
    assert "未变化" in second.getvalue()
    assert sorted(Application.objects.values_list("pk", "status")) == applications
    assert sorted(AnnualReport.objects.values_list("pk", "status")) == reports
    assert sorted(PostSubsidyAward.objects.values_list("pk", "base", "year", "amount")) == awards
    assert (
        sorted(NationalRecommendation.objects.values_list("pk", "base", "kind")) == recommendations
    )

    # Art. 16–18: two post-subsidy awards and a recommendation of each kind, on the profiles
    # and in the statistics.
    assert len(awards) == 2
    assert {kind for _pk, _base, kind in recommendations} == set(RecommendationKind.values)
    awarded = PostSubsidyAward.objects.first()
    profile = client.get(f"/bases/{awarded.base_id}/", HTTP_HOST="localhost").content.decode()
    assert "奖励与推荐" in profile and awarded.decision_number in profile
    stats = client.get("/bases/stats/", HTTP_HOST="localhost").content.decode()
    assert 'id="chart-post-subsidies-title"' in stats
    assert sorted(ChangeReport.objects.values_list("pk", "status")) == changes
    assert (
        sorted(PolicyCitation.objects.values_list("page", "page__latest_revision").distinct())
        == interpretation_revisions
    )

    # 政策解读 published with the Measures: one explains Art. 5–7, one Art. 12.
    assert citations == [
        ("一图读懂国合基地三种类型", "measures", 5),
        ("一图读懂国合基地三种类型", "measures", 6),
        ("一图读懂国合基地三种类型", "measures", 7),
        ("国合基地考核、奖励与撤销资格的规定解读", "measures", 12),
    ]
    measures_html = client.get("/policy/measures/", HTTP_HOST="localhost").content.decode()
    assert measures_html.count('class="article-interpretations"') == 4
    assert "政策解读（2）" in measures_html

    # A major change report waits at its recommending department (Art. 14), by the host whose
    # summary was returned.
    assert [status for _pk, status in changes] == ["recommending_review"]
    change = ChangeReport.objects.get()
    assert change.current_workflow_task.name == "推荐部门审核重大变更报告"
    assert change.author.username == "host-base@example.org" and change.attachments.exists()

    # The annual cycle: filed summaries for most bases, one returned, one waiting at its
    # department, and one base with no summary for the last two years (Art. 12(四)).
    assert {status for _pk, status in reports} == {"filed", "returned", "recommending_review"}
    last_year = timezone.localdate().year - 1
    reported = set(
        AnnualReport.objects.filter(year__in=[last_year - 1, last_year]).values_list(
            "base", flat=True
        )
    )
    silent = Base.objects.current().filter(accreditation_date__year__lte=last_year - 2)
    assert silent.exclude(pk__in=reported).count() == 1

    assert "/home/policy/measures/" in pages
    measures = PolicyPage.objects.get(slug="measures", locale__language_code="zh-hans")
    assert measures.live and measures.get_status_display() == "试行"
    english = measures.get_translation(Locale.objects.get(language_code="en"))
    assert english.live and english.url == "/en/policy/measures/"
    assert measures.original_file is not None
    for output in (first.getvalue(), second.getvalue()):
        assert "admin" in output and "another-demo-pass" in output
        for applicant in ("yituo@example.org", "daiqueren@example.org", "baotou-gov@example.org"):
            assert applicant in output

    # The application service: an open and a past call, applications in several states.
    statuses = {status for _pk, status in applications}
    assert set(ApplicationStatus.values) - {"returned", "refused"} <= statuses
    # Every reviewer has something waiting when they log in.
    for username in (
        "staff",
        "hhht_bureau",
        "baotou_bureau",
        "leader",
        "expert1",
        "expert2",
        "expert3",
    ):
        user = get_user_model().objects.get(username=username)
        assert TaskState.objects.reviewable_by(user).exists(), username
    assert ApplicationCall.objects.open().count() == 1
    assert ApplicationCall.objects.count() == 2
    # Calls open at 9:00 and close at 17:00, Beijing time, whenever the demo was loaded.
    for call in ApplicationCall.objects.all():
        opens, closes = timezone.localtime(call.opens_at), timezone.localtime(call.closes_at)
        assert (opens.hour, opens.minute, closes.hour, closes.minute) == (9, 0, 17, 0)
    # The English blurb names the city, not its administrative code.
    blurbs = list(Base.objects.exclude(summary_en="").values_list("summary_en", flat=True))
    assert blurbs and not any(re.search(r"\d{6}", blurb) for blurb in blurbs)
    assert any("in Hohhot, Inner Mongolia" in blurb for blurb in blurbs)
    # The home page promises only services that exist.
    home_html = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "年度报告" not in home_html and "在线申报" in home_html
    assert "/home/apply/" not in pages  # The old placeholder page gave way to the service.
    assert client.get("/apply/").status_code == 200
    barred = get_user_model().objects.get(username="chexiao@example.org").applicant_account
    assert article_12_revocation_bar(barred.host, timezone.localdate()) is not None

    assert client.get("/policy/measures/").status_code == 200
    assert client.get("/", HTTP_HOST="localhost").status_code == 200
    # Signed in through the admin's login form, as the department's administrator would.
    signed_in = client.post("/admin/login/", {"username": "admin", "password": "another-demo-pass"})
    assert signed_in.status_code == 302
    admin_home = client.get("/admin/")
    assert admin_home.status_code == 200
    assert "控制面板" in admin_home.content.decode()  # The admin speaks Chinese.
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()


def test_demo_content_refuses_to_run_outside_development(settings):
    settings.DEBUG = False
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="只能在开发环境"):
        call_command("load_demo_content", stdout=StringIO())


def dev_settings(**environ):
    """Some of `make run`'s settings (portal.settings.dev), read in a fresh process."""
    return in_make_run(
        "from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.WHITENOISE_USE_FINDERS, s.DEMO_CONTENT_ALLOWED]))",
        **environ,
    )


def in_make_run(script, **environ):
    """What ``script`` prints as JSON, run after ``django.setup()`` in a fresh process with
    `make run`'s settings (portal.settings.dev) and ``environ``."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", **environ)
    script = "import json, django; django.setup(); " + script
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_make_run_shows_the_portals_own_error_pages_and_serves_static_files():
    # DEBUG off, so a mistyped address gets the Chinese 404 page, not Django's debug page;
    # whitenoise serves the static files straight from static/ all the same.
    assert dev_settings() == [False, True, True]
    assert dev_settings(DJANGO_DEBUG="true")[0] is True


def test_a_mistyped_address_gets_the_chinese_404_page_with_its_styles(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "Page not found" not in html
    stylesheet = re.search(r'href="(/static/css/portal\.css)"', html).group(1)
    assert client.get(stylesheet).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_view_that_fails_gets_the_chinese_500_page_over_http(live_server, client):
    """DEBUG off (as under make run): a view that raises answers with templates/500.html, in
    Chinese and with its own stylesheet, and no trace of the error. Over a real socket to the
    running server, signed in as the one user whose request reaches Wagtail's failing view."""
    assert settings.DEBUG is False
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    request = urllib.request.Request(
        live_server.url + "/admin/failwhale/",
        headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies['sessionid'].value}"},
    )
    with pytest.raises(urllib.error.HTTPError) as failure:
        urllib.request.urlopen(request, timeout=30)
    assert failure.value.code == 500
    assert failure.value.headers.get_content_type() == "text/html"
    html = failure.value.read().decode("utf-8")
    assert '<html lang="zh-CN">' in html
    assert "<title>服务暂时不可用 - 国合基地门户</title>" in html
    assert "网站出现了内部错误，我们已记录此问题。请稍后再试" in html
    for english in ("Server Error", "Traceback", "emergency broadcast"):
        assert english not in html
    stylesheet = re.search(r'href="(/static/css/error\.css)"', html).group(1)
    with urllib.request.urlopen(live_server.url + stylesheet, timeout=30) as response:
        assert response.status == 200


def test_make_run_says_what_it_is_doing_at_each_step():
    steps = subprocess.run(
        ["make", "-n", "-B", "run"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    for step in ("1/3 安装依赖", "2/3 迁移数据库", "3/3 加载演示内容"):
        assert step in steps
