"""StreamField blocks for policy documents: chapter → article → clause → item.

The numbers are stored as integers, so anchors (``art-12``) stay stable whatever the wording,
and the Chinese ordinals (第十二条, （三）) are derived when rendering.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PolicyItemBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label=_("项号"), min_value=1)
    text = blocks.TextBlock(label=_("内容"))

    class Meta:
        label = _("项")
        icon = "list-ol"


class PolicyClauseBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label=_("款号"), min_value=1, help_text=_("1 显示为（一）"))
    text = blocks.TextBlock(label=_("内容"), required=False)
    items = blocks.ListBlock(PolicyItemBlock(), label=_("项"), default=[], min_num=0)

    class Meta:
        label = _("款")
        icon = "list-ul"
        template = "blocks/policy_clause.html"


class PolicyArticleContentBlock(blocks.StreamBlock):
    paragraph = blocks.TextBlock(label=_("段落"))
    clause = PolicyClauseBlock()
    item = PolicyItemBlock(template="blocks/policy_item.html")

    class Meta:
        label = _("条文内容")


class PolicyArticleBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(
        label=_("条号"), min_value=1, help_text=_("阿拉伯数字，用于锚点 #art-N，显示为第N条")
    )
    content = PolicyArticleContentBlock()

    class Meta:
        label = _("条")
        icon = "doc-full"
        template = "blocks/policy_article.html"


class PolicyChapterBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label=_("章号"), min_value=1)
    title = blocks.CharBlock(label=_("章名"), max_length=100)
    articles = blocks.ListBlock(PolicyArticleBlock(), label=_("条"))

    class Meta:
        label = _("章")
        icon = "folder-open-inverse"
        template = "blocks/policy_chapter.html"


class PolicyBodyBlock(blocks.StreamBlock):
    chapter = PolicyChapterBlock()
    # For documents that are not divided into chapters.
    article = PolicyArticleBlock()
