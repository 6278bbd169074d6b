"""A visitor asks a question in the browser: the captcha's picture loads and changes without
reloading the form, nothing breaks the Content Security Policy, the private link shows the
question, and the published answer is reached from the main navigation."""

import re

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from playwright.sync_api import expect

from portal.interaction.models import Question
from tests.factories import follow_link, publish_answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def captcha_key(page):
    return page.locator("input[name=captcha_0]").input_value()


def test_asking_following_and_reading_the_answer(page, live_site, shoot):
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(live_site.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="互动交流").click()
    page.wait_for_url(re.compile(r"/interaction/$"))
    page.get_by_role("link", name="我要提问").first.click()
    page.wait_for_url(re.compile(r"/interaction/ask/$"))
    picture = page.locator("img.captcha-image")
    assert page.evaluate("img => img.naturalWidth > 0", picture.element_handle())

    # 看不清，换一张: a new picture and key, what was typed stays.
    page.get_by_label("电子邮箱").fill("visitor@example.org")
    old_key, old_src = captcha_key(page), picture.get_attribute("src")
    page.get_by_role("button", name="看不清，换一张").click()
    # Polled from Python: Playwright's wait_for_function evaluates its string with eval, which
    # the site's Content Security Policy rightly refuses.
    expect(picture).not_to_have_attribute("src", old_src)
    assert captcha_key(page) != old_key and picture.get_attribute("src") != old_src
    assert page.get_by_label("电子邮箱").input_value() == "visitor@example.org"
    assert shoot(page, "ask") == []

    page.get_by_label("问题类别").select_option(label="认定申报")
    page.get_by_label("您的问题").fill("国际技术转移中心的专业团队至少需要几个人？")
    page.locator("input[name=captcha_1]").fill(
        CaptchaStore.objects.get(hashkey=captcha_key(page)).response
    )
    page.get_by_role("button", name="提交问题").click()
    page.wait_for_url(re.compile(r"/interaction/ask/done/$"))
    assert page.evaluate("window.__violations") == []

    link = follow_link(mail.outbox[-1])
    page.goto(live_site.url + link)
    assert "已受理，正在办理" in page.inner_text("main")
    assert "国际技术转移中心的专业团队至少需要几个人？" in page.inner_text("main")
    assert shoot(page, "follow") == []

    publish_answer(Question.objects.get(), answer="办法未规定人数，须有专业团队。", faq=True)
    page.goto(live_site.url + "/interaction/faq/")
    assert "须有专业团队" in page.inner_text("main")
    assert "visitor@example.org" not in page.content()
    assert page.evaluate("window.__violations") == []
    assert shoot(page, "faq") == []
