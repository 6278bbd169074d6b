"""Questions of 互动交流: asked through the public form (the captcha answered as a person reads
it, from the server's own store) or made by the factory, and published as the publish button
does, from a revision."""

import re
import secrets

import factory
from captcha.models import CaptchaStore
from django.core import mail
from factory.django import DjangoModelFactory

from portal.interaction.models import Question, Topic, hash_token

ASK_URL = "/interaction/ask/"
FOLLOW_LINK = re.compile(r"https?://[^/\s]+(/interaction/follow/[\w-]+/)")


class QuestionFactory(DjangoModelFactory):
    """A question as the public form leaves it: a draft, with a private link nobody knows."""

    class Meta:
        model = Question

    live = False
    asker_name = "张伟"
    contact_email = factory.Sequence(lambda n: f"asker{n}@example.org")
    topic = Topic.POLICY
    question = factory.Sequence(lambda n: f"第{n}个问题：国合基地的认定需要准备哪些材料？")
    follow_token_hash = factory.LazyFunction(lambda: hash_token(secrets.token_urlsafe(32)))


def publish_answer(question, answer="请参阅《管理办法》的相关条款。", articles=(), faq=False):
    """Answer ``question`` and publish it from a revision, as the publish button does."""
    question.answer, question.cited_articles, question.is_faq = answer, list(articles), faq
    question.save()
    question.save_revision().publish()
    question.refresh_from_db()
    return question


def captcha_answer(html):
    """The key and the characters of the captcha a page shows."""
    key = re.search(r'name="captcha_0" value="(\w+)"', html).group(1)
    return key, CaptchaStore.objects.get(hashkey=key).response


def ask_data(client, **fields):
    """The public form's fields, with the answer to the captcha the form shows right now."""
    key, answer = captcha_answer(client.get(ASK_URL).content.decode())
    data = {
        "asker_name": "李华",
        "contact_email": "lihua@example.org",
        "topic": Topic.ACCREDITATION,
        "question": "我单位注册刚满十个月，能否申报国际技术转移中心？",
        "captcha_0": key,
        "captcha_1": answer,
    }
    data.update(fields)
    return data


def ask(client, REMOTE_ADDR="127.0.0.1", **fields):
    return client.post(ASK_URL, ask_data(client, **fields), REMOTE_ADDR=REMOTE_ADDR)


def follow_link(message=None):
    """The private link in the last mail (or ``message``), as a path."""
    message = message or mail.outbox[-1]
    return FOLLOW_LINK.search(message.body).group(1)
