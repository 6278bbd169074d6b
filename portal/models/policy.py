import django_filters
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager

from news.models import NewsPage
from portal.blocks import PolicyBodyBlock
from portal.chinese_search import SegmentedSearchMixin, first_match
from portal.filters import ListingFilterSet
from portal.page_privacy import PublicPageQuerySet
from portal.policy_text import article_label, chapter_label, clause_label
from portal.routing import RoutedPage


class PolicyStatus(models.TextChoices):
    CURRENT = "current", _("现行有效")
    TRIAL = "trial", _("试行")
    REPEALED = "repealed", _("已废止")


class PolicyFilter(ListingFilterSet):
    """The policy library's query string: ``?status=``."""

    status = django_filters.ChoiceFilter(choices=PolicyStatus.choices)


class PolicyPageQuerySet(PublicPageQuerySet):
    def latest_public(self):
        return (
            self.live()
            .public()
            .select_related("original_file")
            .order_by(F("issue_date").desc(nulls_last=True), "-first_published_at", "-pk")
        )


def _teaser(text):
    """The first words of an article for the table of contents: 14 characters of Chinese, or
    about as many words of English."""
    if text.isascii():
        if len(text) <= 48:
            return text
        return text[:44].rsplit(" ", 1)[0] + "…"
    return text if len(text) <= 16 else text[:14] + "…"


class PolicyIndexPage(SegmentedSearchMixin, RoutedPage, Page):
    """The policy library at /policy/."""

    search_kind = _("政策文件")

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.PolicyPage"]
    max_count = 1
    page_size = 20

    class Meta:
        verbose_name = _("政策文件库")

    def get_search_plain_text(self):
        return f"{self.title} {self.intro}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = PolicyFilter(
            request.GET, queryset=PolicyPage.objects.child_of(self).latest_public()
        )
        context["policies"] = Paginator(filters.qs, self.page_size).get_page(
            request.GET.get("page")
        )
        context["status_choices"] = PolicyStatus.choices
        context["current_status"] = filters.selected["status"]
        return context


class PolicyPage(SegmentedSearchMixin, RoutedPage, Page):
    """One policy document, its body structured as chapters → articles → clauses → items."""

    search_kind = _("政策文件")

    issuing_authority = models.CharField(
        _("发布机关"), max_length=100, default="内蒙古自治区科学技术厅"
    )
    document_number = models.CharField(
        _("文号"), max_length=100, blank=True, help_text=_("例如：内科发〔2019〕1号，可留空")
    )
    issue_date = models.DateField(
        _("发布日期"), null=True, blank=True, help_text=_("原文未载明时可留空")
    )
    effective_date = models.DateField(
        _("施行日期"), null=True, blank=True, help_text=_("留空表示自发布之日起施行")
    )
    status = models.CharField(
        _("效力状态"), max_length=16, choices=PolicyStatus.choices, default=PolicyStatus.CURRENT
    )
    original_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("原文文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("摘要"), blank=True)
    body = StreamField(PolicyBodyBlock(), verbose_name=_("正文"), blank=True)

    objects = PageManager.from_queryset(PolicyPageQuerySet)()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuing_authority"), FieldPanel("document_number")]),
                FieldRowPanel(
                    [
                        FieldPanel("issue_date"),
                        FieldPanel("effective_date"),
                        FieldPanel("status"),
                    ]
                ),
                FieldPanel("original_file"),
            ],
            heading=_("文件信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields

    parent_page_types = ["portal.PolicyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        interpretations = list(NewsPage.objects.interpreting(self))
        by_article = {}
        for news in interpretations:
            for citation in news.cited_articles:
                listed = by_article.setdefault(citation.article, [])
                if news not in listed:
                    listed.append(news)
        context["interpretations"] = interpretations
        context["interpretations_by_article"] = by_article
        return context

    # --- structure -------------------------------------------------------------------------

    def iter_articles(self):
        """Every article block value, in order, whether or not the body has chapters."""
        for block in self.body:
            if block.block_type == "chapter":
                yield from block.value["articles"]
            else:
                yield block.value

    def table_of_contents(self):
        """[{"number", "title", "articles": [{"number", "label", "teaser"}]}] for the TOC."""
        toc = []
        for block in self.body:
            if block.block_type == "chapter":
                articles = block.value["articles"]
                toc.append(
                    {
                        "number": block.value["number"],
                        "label": chapter_label(block.value["number"]),
                        "title": block.value["title"],
                        "articles": [self._toc_entry(article) for article in articles],
                    }
                )
            else:
                if not toc or toc[-1]["number"] is not None:
                    toc.append({"number": None, "label": "", "title": "", "articles": []})
                toc[-1]["articles"].append(self._toc_entry(block.value))
        return toc

    @staticmethod
    def _toc_entry(article):
        paragraphs = [c.value for c in article["content"] if c.block_type == "paragraph"]
        teaser = paragraphs[0] if paragraphs else ""
        return {
            "number": article["number"],
            "label": article_label(article["number"]),
            # Articles like Art. 5 are titled by their first line; others get a short teaser
            # (as long in English as the Chinese one reads: a few words).
            "teaser": _teaser(teaser),
        }

    def article_numbers(self):
        return {article["number"] for article in self.iter_articles()}

    def article_choices(self):
        """[(number, "第五条 国际创新园认定条件和程序")]: what an editor picks an article from."""
        entries = (self._toc_entry(article) for article in self.iter_articles())
        return [
            (entry["number"], f"{entry['label']} {entry['teaser']}".strip()) for entry in entries
        ]

    def article_texts(self):
        """[(number, plain text)] of every article, for search snippets and deep links."""
        result = []
        for article in self.iter_articles():
            parts = [article_label(article["number"])]
            for child in article["content"]:
                if child.block_type == "paragraph":
                    parts.append(child.value)
                elif child.block_type == "clause":
                    parts.append(f"{clause_label(child.value['number'])}{child.value['text']}")
                    parts.extend(f"{i['number']}.{i['text']}" for i in child.value["items"])
                else:
                    parts.append(f"{child.value['number']}.{child.value['text']}")
            result.append((article["number"], " ".join(parts)))
        return result

    def matching_article(self, query, terms):
        """(number, text) of the first article that matches the query best, or None."""
        # Prefer the whole query, then all of its terms, then any of them.
        with_all_terms = with_a_term = None
        for number, text in self.article_texts():
            lowered = text.lower()
            if query and query.lower() in lowered:
                return number, text
            if with_all_terms is None and all(t in lowered for t in terms):
                with_all_terms = (number, text)
            if with_a_term is None and first_match(text, "", terms) >= 0:
                with_a_term = (number, text)
        return with_all_terms or with_a_term

    def get_search_plain_text(self):
        articles = " ".join(text for _number, text in self.article_texts())
        chapters = " ".join(
            block.value["title"] for block in self.body if block.block_type == "chapter"
        )
        return f"{self.title} {self.document_number} {self.summary} {chapters} {articles}"

    def set_body_from_document(self, document):
        """Replace the body with a parsed :class:`portal.policy_text.PolicyDocument`."""

        def article_data(article):
            content = []
            for kind, value in article.content:
                if kind == "paragraph":
                    content.append({"type": "paragraph", "value": value})
                elif kind == "clause":
                    content.append(
                        {
                            "type": "clause",
                            "value": {
                                "number": value.number,
                                "text": value.text,
                                "items": [
                                    {"number": i.number, "text": i.text} for i in value.items
                                ],
                            },
                        }
                    )
                else:
                    content.append(
                        {"type": "item", "value": {"number": value.number, "text": value.text}}
                    )
            return {"number": article.number, "content": content}

        if document.chapters:
            self.body = [
                {
                    "type": "chapter",
                    "value": {
                        "number": chapter.number,
                        "title": chapter.title,
                        "articles": [article_data(a) for a in chapter.articles],
                    },
                }
                for chapter in document.chapters
            ]
        else:
            self.body = [{"type": "article", "value": article_data(a)} for a in document.articles]
