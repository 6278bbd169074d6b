import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.layout import misfits
from tests.factories import build_site

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"找不到 Chromium（{CHROMIUM}）：请安装 Debian 的 chromium 软件包"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API keeps an event loop running in this thread while the browser lives;
    # Django's ORM, used by fixtures and database teardown, refuses to run there unless told
    # that this is deliberate.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    # Let the page's last requests finish (an admin edit view keeps fetching after it loads)
    # before the database is flushed under the live server's feet.
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
    context.close()


@pytest.fixture
def live_site(live_server):
    build_site()
    return live_server


# Where browser tests save what they saw (README: 浏览器测试截图). CI keeps the folder.
SCREENSHOTS = Path(os.environ.get("BROWSER_SCREENSHOTS", "test-artifacts/screenshots"))
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
# Checked as well, without a screenshot: the narrowest phone the site is made for.
NARROW_PHONE = (360, 800)


# The admin's date picker (Wagtail's jquery.datetimepicker) opens when its field takes focus and
# closes on a click elsewhere, not on blur. Playwright's fill() focuses without clicking, so after
# filling a date the picker stayed open over the form, and after a resize it was measured at its
# old place (a 360 px page "19 px too wide"). A reader clicks the next field, which closes it.
CLOSE_PICKERS = """() => {
  const open = () => [...document.querySelectorAll('.xdsoft_datetimepicker')]
    .filter(picker => getComputedStyle(picker).display !== 'none');
  if (open().length) document.body.dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));
  return open().length === 0;
}"""


def settle(page):
    """Wait until the page at its new size has loaded, with no date picker left open."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(CLOSE_PICKERS)


@pytest.fixture
def shoot(request):
    """``shoot(page, "staff-dashboard")`` saves the page at 1366 px and at 390 px, under the
    test's name, and returns what does not fit (``[]`` when all does): at 390 px and at 360 px
    the page must be no wider than the screen, and at every width each column heading must be
    on one line."""
    test = re.sub(r"[^\w-]+", "-", request.node.name)

    def take(page, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        problems = []
        for label, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            settle(page)
            page.screenshot(path=SCREENSHOTS / f"{test}--{name}--{label}.png", full_page=True)
            problems += misfits(page, width)
        width, height = NARROW_PHONE
        page.set_viewport_size({"width": width, "height": height})
        settle(page)
        problems += misfits(page, width)
        page.set_viewport_size({"width": 1366, "height": 900})
        return problems

    return take
