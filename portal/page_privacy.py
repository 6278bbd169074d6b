"""Which pages anonymous readers may see (Wagtail's page view restrictions), asked inside the
query that lists them instead of in one query beforehand."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet


def restricted_itself():
    """Whether a view restriction sits on the page (on its source, for an alias)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk"))
        )
    )


def _restricted_at_or_above(path):
    """Whether a view restriction sits on the page at ``path`` or on an ancestor of it (an
    ancestor's path begins the page's), as Wagtail's ``PageQuerySet.private_q`` asks."""
    return Exists(
        PageViewRestriction.objects.annotate(length=Length("page__path")).filter(
            page__path=Substr(path, 1, "length")
        )
    )


def in_private_section():
    """Whether a page is in a private section: a view restriction on it or on an ancestor, or
    an ancestor that is an alias of a page in a private section (the English edition's copy
    of a Chinese section nobody translated yet: Wagtail guards its pages by the source's
    restrictions)."""
    via_alias = Exists(
        Page.objects.annotate(length=Length("path"))
        .filter(
            path=Substr(OuterRef("path"), 1, "length"),
            alias_of__isnull=False,
        )
        .filter(_restricted_at_or_above(OuterRef("alias_of__path")))
    )
    return ExpressionWrapper(
        Q(_restricted_at_or_above(OuterRef("path"))) | Q(via_alias), output_field=BooleanField()
    )


def exclude_private(queryset):
    """``queryset.public()``, in the one query."""
    return queryset.exclude(in_private_section())


class PublicPageQuerySet(PageQuerySet):
    """A page queryset whose ``public()`` costs no query of its own."""

    def public(self):
        return exclude_private(self)

    def not_public(self):
        return self.filter(in_private_section())
