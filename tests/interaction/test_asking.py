"""Asking a question on the public site: no account, a captcha drawn here, a limit per address,
a private link by mail, and what was typed kept on every error."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from portal.interaction.models import Question, hash_token
from portal.models import RateCount
from tests.factories import ask, ask_data, follow_link

pytestmark = pytest.mark.django_db


def test_a_question_is_received_and_its_asker_gets_a_private_link(client, site_tree):
    response = ask(client)
    assert response.status_code == 302 and response["Location"] == "/interaction/ask/done/"
    assert "已向您填写的邮箱发送" in client.get(response["Location"]).content.decode()

    question = Question.objects.get()
    assert not question.live
    assert (question.asker_name, question.contact_email) == ("李华", "lihua@example.org")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lihua@example.org"]
    assert "我们已收到您的提问" in message.subject
    link = follow_link(message)
    # The link's token is not stored as such: only its hash is.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    assert question.follow_token_hash == hash_token(token) != token
    assert token not in str(Question.objects.values_list().get())

    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "我单位注册刚满十个月" in html and "已受理，正在办理" in html
    # Never stored by the page cache, never sent on to another site, never indexed.
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "no-referrer"
    assert "noindex" in page["X-Robots-Tag"]


def test_errors_are_chinese_and_keep_what_was_typed(client, site_tree):
    data = ask_data(client, contact_email="不是邮箱", topic="", question="太短了")
    html = client.post("/interaction/ask/", data).content.decode()
    assert "请输入有效的电子邮箱地址。" in html
    assert "请选择问题类别。" in html
    assert "问题至少 10 个字。" in html
    assert 'value="李华"' in html and 'value="不是邮箱"' in html and "太短了</textarea>" in html
    assert Question.objects.count() == 0 and mail.outbox == []

    data = ask_data(client, contact_email="")
    html = client.post("/interaction/ask/", data).content.decode()
    assert "请填写电子邮箱，用于接收查询链接。" in html
    assert "我单位注册刚满十个月，能否申报国际技术转移中心？</textarea>" in html
    assert Question.objects.count() == 0


def test_a_wrong_captcha_is_refused_and_the_question_kept(client, site_tree):
    data = ask_data(client, question="国合基地的年度报告在哪里填写？截止时间是哪天？")
    wrong = "zzzz" if data["captcha_1"] != "zzzz" else "yyyy"
    html = client.post("/interaction/ask/", {**data, "captcha_1": wrong}).content.decode()
    assert "验证码不正确" in html
    assert "国合基地的年度报告在哪里填写？截止时间是哪天？</textarea>" in html
    assert Question.objects.count() == 0 and mail.outbox == []
    # A captcha is good for one try: the right answer to the one already tried fails too.
    html = client.post("/interaction/ask/", data).content.decode()
    assert "验证码不正确" in html
    assert Question.objects.count() == 0
    # A new picture, new key, comes with the form shown again.
    assert f'value="{data["captcha_0"]}"' not in html

    html = client.post("/interaction/ask/", {**data, "captcha_1": ""}).content.decode()
    assert "请输入验证码。" in html


def test_asking_is_rate_limited_per_address_without_storing_it(client, site_tree):
    for number in range(5):
        ask(client, REMOTE_ADDR="203.0.113.7", contact_email=f"asker{number}@example.org")
        cache.clear()  # as if each request reached another worker
    assert Question.objects.count() == 5
    response = ask(client, REMOTE_ADDR="203.0.113.7", contact_email="asker9@example.org")
    html = response.content.decode()
    assert "提问过于频繁，请一小时后再试。" in html
    assert "我单位注册刚满十个月，能否申报国际技术转移中心？</textarea>" in html
    assert Question.objects.count() == 5
    keys = " ".join(RateCount.objects.values_list("key", flat=True))
    assert "203.0.113.7" not in keys and "asker" not in keys
    other = ask(client, REMOTE_ADDR="203.0.113.8", contact_email="asker9@example.org")
    assert other.status_code == 302


def test_asking_is_rate_limited_per_mailbox(client, site_tree):
    for number in range(3):
        ask(client, REMOTE_ADDR=f"198.51.100.{number}", contact_email="Same@example.org")
    response = ask(client, REMOTE_ADDR="198.51.100.9", contact_email="same@example.org")
    assert "提问过于频繁" in response.content.decode()
    assert Question.objects.count() == 3


def test_when_the_mail_fails_nothing_is_kept_but_what_was_typed(client, site_tree, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    response = ask(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "确认邮件暂时未能发出，您的问题尚未提交，请稍后重试。" in html
    assert 'value="lihua@example.org"' in html
    assert "我单位注册刚满十个月，能否申报国际技术转移中心？</textarea>" in html
    # Without the link its asker could never find it again.
    assert Question.objects.count() == 0


def test_the_form_and_its_captcha_run_no_inline_script_or_style(client, site_tree):
    response = client.get("/interaction/ask/")
    policy = response["Content-Security-Policy"]
    assert "style-src 'self'" in policy and "'unsafe-inline'" not in policy
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html and "<style" not in html and " onclick=" not in html
    image = re.search(r'<img src="(/captcha/image/\w+/)"', html).group(1)
    picture = client.get(image)
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
    # A new picture without reloading the form, through the site's own script.
    refreshed = client.get("/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"})
    assert set(refreshed.json()) >= {"key", "image_url"}
