"""News: published news pages and the images that illustrate them."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from news.models import NewsCategory, NewsPage, PolicyCitation
from tests.factories.site import PublishedPageFactory, publish


class NewsPageFactory(PublishedPageFactory):
    """News item ``number``, dated ``number`` days into 2026, with ``tags`` if given."""

    class Meta:
        model = NewsPage

    class Params:
        number = factory.Sequence(int)

    title = factory.LazyAttribute(lambda page: f"测试新闻{page.number}")
    slug = factory.LazyAttribute(lambda page: f"news-{page.number}")
    date = factory.LazyAttribute(
        lambda page: datetime.date(2026, 1, 1) + datetime.timedelta(days=page.number)
    )

    @factory.post_generation
    def tags(page, create, extracted, **kwargs):
        if create and extracted:
            page.tags.set(extracted)


def interpretation(parent, policy, articles, **fields):
    """A published 政策解读 citing ``articles`` of ``policy``, published through a revision
    with its citations (as the editor's form saves them)."""
    page = NewsPageFactory.build(category=NewsCategory.INTERPRETATION, **fields)
    page.citations = [
        # In the editor's order, as the form's ordering saves it.
        PolicyCitation(policy=policy, article=article, sort_order=order)
        for order, article in enumerate(articles)
    ]
    parent.add_child(instance=page)
    return publish(page)


class ImageFactory(wagtail_factories.ImageFactory):
    """A 640 × 400 PNG in the root collection (wagtail-factories would add a root of its own)."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = "封面"
    file = factory.django.ImageField(
        width=640, height=400, color=(11, 61, 122), format="PNG", filename="封面.png"
    )


def news_form(title, slug, **extra):
    """What the admin's news editor posts for a new item (``action-submit`` sends it for
    review). ``citations=inline_formset([{"policy": pk, "article": 5}])`` cites articles."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-20",
            "category": "work",
            "source": "内蒙古自治区科学技术厅",
            "summary": "摘要",
            "body": streamfield([("quote", {"text": "合作共赢", "source": ""})]),
            "citations": inline_formset([]),
            "attachments": inline_formset([]),
            "tags": "",
            **extra,
        }
    )
