"""Which pages anonymous readers may see (Wagtail's page view restrictions), asked inside the
query that lists them instead of in one query beforehand."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet


def restricted_itself():
    """Whether a view restriction sits on the page (on its source, for an alias)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk"))
        )
    )


def in_private_section():
    """Whether a page is in a private section: a view restriction on it or on an ancestor, the
    condition of Wagtail's ``PageQuerySet.private_q`` (an ancestor's path begins the page's)."""
    return Exists(
        PageViewRestriction.objects.annotate(length=Length("page__path")).filter(
            page__path=Substr(OuterRef("path"), 1, "length")
        )
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
