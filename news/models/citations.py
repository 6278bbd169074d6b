"""政策解读 published with the policy: the articles of a policy that an interpretation explains.

Each row is one article of one policy (the editor picks it from that policy's articles in
the admin). The policy page links each cited article to its interpretations, and the
interpretation links back to ``<policy>#art-N``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from portal.policy_text import article_label, int_to_chinese


class PolicyCitation(Orderable):
    page = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="citations")
    policy = models.ForeignKey(
        "portal.PolicyPage",
        verbose_name=_("政策文件"),
        on_delete=models.CASCADE,
        related_name="interpretation_citations",
    )
    article = models.PositiveSmallIntegerField(
        _("解读的条款"), help_text=_("先选择政策文件，再从它的条款中选择")
    )

    # The article list is filled from the chosen policy by news.admin_forms.PolicyCitationForm.
    panels = [FieldPanel("policy"), FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("解读的政策条款")
        verbose_name_plural = _("解读的政策条款")

    def __str__(self):
        return f"{self.policy.title} {self.label}"

    @property
    def label(self):
        return f"第{int_to_chinese(self.article)}条"

    @property
    def local_label(self):
        """The label in the language shown: 第五条, or Article 5 as the English Measures
        number it."""
        return article_label(self.article)

    @property
    def url(self):
        return f"{self.policy.url}#art-{self.article}"

    def clean(self):
        # The article must be one of the chosen policy's own (as it stands, live or imported).
        if self.policy_id is None or self.article is None:
            return
        if self.article not in self.policy.article_numbers():
            raise ValidationError(
                {
                    "article": _("《%(policy)s》没有%(article)s，请从该文件的条款中选择。")
                    % {"policy": self.policy.title, "article": self.label}
                }
            )
