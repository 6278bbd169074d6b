"""互动交流: questions the public asks and the department answers (Art. 21 asks the website to
be a platform for exchange).

A question arrives from the public form as a draft (``live=False``) and stays private: only its
asker, through the link mailed to them, and the staff in the admin see it. Staff write the
answer, and the answer goes public through the moderation workflow 「互动交流答复审核」: its
final approval publishes the question (``live=True``). The asker's contact address is never
shown on the public site and is not indexed for search.
"""

import hashlib
import secrets

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from portal.chinese_search import SegmentedSearchMixin
from portal.interaction.citations import citation_links

SUMMARY_LENGTH = 40


class Topic(models.TextChoices):
    ACCREDITATION = "accreditation", _("认定申报")
    REPORTING = "reporting", _("年度报告与考核")
    POLICY = "policy", _("政策咨询")
    OTHER = "other", _("其他")


def topic_order():
    """An expression ordering questions by topic in the order of ``Topic``."""
    return Case(
        *(When(topic=value, then=Value(index)) for index, value in enumerate(Topic.values)),
        default=Value(len(Topic.values)),
        output_field=IntegerField(),
    )


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class QuestionQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        """What the public site shows: questions whose answer has been published."""
        return self.filter(live=True)

    def faq(self):
        return self.published().filter(is_faq=True)

    def by_topic(self):
        return self.annotate(topic_position=topic_order()).order_by(
            "topic_position", "-first_published_at", "-pk"
        )

    def latest_answered(self, limit=5):
        return self.published().order_by("-first_published_at", "-pk")[:limit]

    def for_token(self, token):
        """The question whose private link holds ``token`` (only its hash is stored)."""
        return self.filter(follow_token_hash=hash_token(token or ""))


class Question(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    SegmentedSearchMixin,
    index.Indexed,
    models.Model,
):
    asker_name = models.CharField(_("提问人姓名"), max_length=50, blank=True)
    contact_email = models.EmailField(
        _("联系邮箱"), help_text=_("只用于通知提问人，任何时候都不在网站上公开")
    )
    topic = models.CharField(_("问题类别"), max_length=20, choices=Topic.choices)
    question = models.TextField(
        _("问题"), help_text=_("公开前可删去其中的个人信息（姓名、电话、单位地址等）")
    )
    asked_at = models.DateTimeField(_("提问时间"), auto_now_add=True)
    answer = models.TextField(_("答复"), blank=True)
    cited_articles = models.JSONField(_("引用《管理办法》条款"), default=list, blank=True)
    is_faq = models.BooleanField(
        _("常见问题"), default=False, help_text=_("答复发布后同时列入“常见问题”页面")
    )
    # The private link's token is mailed to the asker and never stored: only its hash is.
    follow_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # When the asker was told that the answer is published (once, on the first publication).
    answer_notified_at = models.DateTimeField(_("已通知提问人"), null=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    search_fields = [
        index.FilterField("live"),
        index.SearchField("question"),
        index.SearchField("answer"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]
    search_kind = _("互动交流")

    class Meta:
        verbose_name = _("网友提问")
        verbose_name_plural = _("网友提问")
        ordering = ["-asked_at", "-pk"]
        permissions = [("publish_question", _("发布互动交流答复"))]

    def __str__(self):
        return self.summary

    def get_absolute_url(self):
        return reverse("interaction_detail", args=[self.pk])

    @property
    def summary(self):
        text = " ".join(self.question.split())
        return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"

    def issue_token(self):
        """A new private link's token for this (unsaved or saved) question; only its hash is
        kept, so the token can be given out once, in the mail to the asker."""
        token = secrets.token_urlsafe(32)
        self.follow_token_hash = hash_token(token)
        return token

    def with_content_json(self, content):
        # A revision never carries the private link or the notice back onto the question:
        # publishing an older draft must neither change the link nor mail the asker again.
        obj = super().with_content_json(content)
        obj.follow_token_hash = self.follow_token_hash
        obj.answer_notified_at = self.answer_notified_at
        return obj

    def get_search_plain_text(self):
        # Never the asker's name or address.
        return f"{self.get_topic_display()} {self.question} {self.answer}"

    @property
    def public_asker(self):
        """The asker as the public site names them: the surname only, or 网友."""
        name = self.asker_name.strip()
        return f"{name[0]}{'*' * min(len(name) - 1, 2) or '*'}" if name else "网友"

    @property
    def citations(self):
        return citation_links(self.cited_articles)

    @property
    def status_label(self):
        """What the asker's private page says about where the question is."""
        if self.live:
            return _("已答复并公开")
        if self.workflow_in_progress:
            return _("答复审核中")
        return _("已受理，正在办理")
