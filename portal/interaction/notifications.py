"""The two mails an asker receives: the private link to follow the question, when it is asked,
and the notice that the answer is published. Both leave through ``portal.mail`` (a failure is
logged and reported, never a 500); the notice leaves once the publication has committed."""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.interaction.models import Question
from portal.mail import SIGNATURE, SUBJECT_PREFIX, send

logger = logging.getLogger(__name__)


def _site_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _greeting(question):
    return f"{question.asker_name}，您好：" if question.asker_name else "您好："


def send_follow_link(request, question, token):
    """Mail the asker the private link to their question; whether it left."""
    link = request.build_absolute_uri(reverse("interaction_follow", args=[token]))
    body = "\n".join(
        [
            _greeting(question),
            "",
            f"我们已收到您在国合基地门户“互动交流”栏目提出的问题（类别：{question.get_topic_display()}）：",
            "",
            question.question,
            "",
            "您可以通过下面的链接随时查看办理情况和答复：",
            "",
            link,
            "",
            "这个链接只发给您一人，请勿转发。答复经审核公开后，我们会再发邮件通知您。",
            "您的邮箱地址不会在网站上公开。",
            "",
            SIGNATURE,
        ]
    )
    return send(f"{SUBJECT_PREFIX}我们已收到您的提问", body, [question.contact_email])


def send_answer_published(question):
    """Tell the asker that the answer is public; record it so that it is said only once."""
    url = _site_url() + question.get_absolute_url()
    body = "\n".join(
        [
            _greeting(question),
            "",
            "您在国合基地门户“互动交流”栏目提出的问题已经答复，答复已在网站公开：",
            "",
            url,
            "",
            "感谢您对国合基地工作的关注。",
            "",
            SIGNATURE,
        ]
    )
    if send(f"{SUBJECT_PREFIX}您的提问已答复", body, [question.contact_email]):
        Question.objects.filter(pk=question.pk).update(answer_notified_at=timezone.now())


def tell_asker_on_publish(sender, instance, **kwargs):
    """``published`` signal: the first publication of an answer mails its asker, after the
    commit, so that a publication that rolls back has told nobody anything."""
    if instance.answer_notified_at is not None:
        return
    pk = instance.pk

    def notify():
        question = Question.objects.filter(pk=pk, live=True, answer_notified_at=None).first()
        if question is not None:
            send_answer_published(question)

    transaction.on_commit(notify)
