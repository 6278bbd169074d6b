"""axe-core on every page a reader, an asker or an applicant uses, normal and in 长者模式:
no serious or critical violation. axe-core comes from the npm registry (tests/browser/axe,
installed by `make test`) and is injected into the page under test, never loaded from another
site; the page's own Content Security Policy is bypassed for that injection only."""

import re
from pathlib import Path

import pytest

from bases.models import BaseType
from news.models import NewsCategory, NewsIndexPage
from tests.factories import (
    PASSWORD,
    HostOrganisationFactory,
    NewsPageFactory,
    QuestionFactory,
    make_applicant,
    make_application,
    make_base,
    publish_answer,
    submitted_application,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
PUBLIC_PAGES = [
    "/",
    "/policy/measures/",
    "/bases/",
    "/bases/stats/",
    "/news/",
    "/interaction/",
    "/interaction/faq/",
    "/interaction/ask/",
]


@pytest.fixture
def world(live_site):
    base = make_base(
        "呼和浩特市",
        host=HostOrganisationFactory(name="北疆乳业研究院"),
        name="北疆乳业国际科技合作基地",
        fields=["乳业与食品"],
        countries=["NZ", "NL"],
    )
    make_base("包头市", BaseType.INNOVATION_PARK, name="包头稀土高新区国际合作园")
    news_index = NewsIndexPage.objects.get()
    NewsPageFactory(parent=news_index, title="关于认定国合基地的公告", category=NewsCategory.NOTICE)
    NewsPageFactory(parent=news_index, title="国合基地建设工作推进会召开")
    publish_answer(QuestionFactory(), faq=True)
    return base


@pytest.fixture
def axe_context(browser):
    contexts = []

    def make(elder=False, url=None):
        context = browser.new_context(locale="zh-CN", bypass_csp=True)
        if elder:
            context.add_cookies([{"name": "portal_elder", "value": "1", "url": url}])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def serious_violations(page):
    """Serious and critical axe-core violations of the page as it is now, one line each."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in results
        if v["impact"] in ("serious", "critical")
    ]


def check(page, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return [f"{url} @ {width}px: {line}" for line in serious_violations(page)]


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_public_pages_have_no_serious_accessibility_violations(
    axe_context, live_site, world, elder
):
    assert AXE.exists(), "axe-core is missing: run `make test` (it runs npm ci) first"
    page = axe_context(elder=elder, url=live_site.url)
    problems = []
    for path in [*PUBLIC_PAGES, f"/bases/{world.pk}/"]:
        for width in (1366, PHONE["width"]):
            problems += check(page, live_site.url + path, width)
    if elder:
        # 长者模式 reads at 18 px at least.
        size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 18
        assert page.evaluate("document.documentElement.classList.contains('elder')")
    assert problems == []


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_the_application_form_and_dashboard_have_no_serious_violations(
    axe_context, live_site, elder
):
    submitted = submitted_application(BaseType.TECHNOLOGY_TRANSFER_CENTER)
    applicant = submitted.applicant
    draft = make_application(applicant)
    page = axe_context(elder=elder, url=live_site.url)
    page.goto(live_site.url + "/apply/login/")
    page.get_by_label("电子邮箱").fill(applicant.username)
    page.locator("input[name='password']").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/apply/mine/$"))
    problems = []
    for path in ["/apply/", "/apply/mine/", f"/apply/mine/{draft.pk}/edit/"]:
        for width in (1366, PHONE["width"]):
            problems += check(page, live_site.url + path, width)
    assert problems == []


def test_the_login_and_registration_forms_have_no_serious_violations(axe_context, live_site):
    make_applicant()
    page = axe_context(url=live_site.url)
    problems = []
    for path in ["/apply/login/", "/apply/register/", "/search/?q=稀土"]:
        problems += check(page, live_site.url + path, PHONE["width"])
    assert problems == []


def test_the_english_edition_has_no_serious_violations(axe_context, live_site, world):
    """The English pages, translated ones and a Chinese one shown with the note."""
    from portal.english_edition import translate, translate_measures
    from portal.models import PolicyIndexPage, PolicyPage

    home = translate(NewsIndexPage.objects.get().get_parent(), title="Home")
    translate(PolicyIndexPage.objects.get(), title="Policies")
    translate_measures(PolicyPage.objects.get(slug="measures"))
    assert home.url == "/en/"
    page = axe_context(url=live_site.url)
    problems = []
    for path in [
        "/en/",
        "/en/policy/measures/",
        "/en/bases/",
        f"/en/bases/{world.pk}/",
        "/en/news/",
    ]:
        for width in (1366, PHONE["width"]):
            problems += check(page, live_site.url + path, width)
    assert problems == []
