"""Pages in their specific classes from the one query that finds them: a left join per page
model, instead of ``.specific()``'s one more query per class found."""

from functools import cache

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import Page


def _parent_chain(model):
    """The concrete page classes from Page's first child down to ``model``."""
    chain = [model]
    while True:
        parent = next(iter(chain[-1]._meta.parents), None)
        if parent is None or parent is Page:
            return list(reversed(chain))
        chain.append(parent)


@cache
def _select_paths():
    """{page model: its select_related path from Page}, e.g. "newspage" or "a__b"."""
    return {
        model: "__".join(link._meta.model_name for link in _parent_chain(model))
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.proxy
    }


def with_specific_rows(queryset):
    """``queryset`` (of Page) reading every page model's row along: pass what it gives to
    ``as_specific``."""
    return queryset.select_related(*_select_paths().values())


def as_specific(page):
    """``page.specific`` without a query when ``page`` came from ``with_specific_rows``."""
    path = _select_paths().get(page.specific_class)
    if path is None:  # Page itself, a proxy or a class gone from the code: Wagtail's way
        return page.specific
    specific = page
    try:
        for name in path.split("__"):
            specific = getattr(specific, name)
    except ObjectDoesNotExist:  # its row is missing: let Wagtail cope
        return page.specific
    # Annotations and other non-field values, as page.specific copies them.
    for attribute, value in page.__dict__.items():
        if attribute != "_state" and attribute not in specific.__dict__:
            specific.__dict__[attribute] = value
    return specific


def specific_pages(queryset):
    """The pages of ``queryset`` in their specific classes, in one query."""
    return [as_specific(page) for page in with_specific_rows(queryset)]
