"""What every public listing's query-string filters share (django-filter)."""

import django_filters
from django import forms

# Ids arrive from anyone's address bar; bound them so a 30-digit number is ignored like any
# other value that makes no sense, instead of overflowing the database's integer.
MAX_ID = 2**31 - 1


def parse_id(value):
    """An id from an address or a form, or None for anything else a request may hold (text,
    zero, a negative number, one beyond ``MAX_ID``)."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk <= MAX_ID else None


class IdFilter(django_filters.NumberFilter):
    """A positive integer id: django-filter's NumberFilter would accept "3.5"."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ListingFilterSet(django_filters.FilterSet):
    """A public listing's filters. A value that cannot be understood is dropped, never an error
    (django-filter leaves an invalid field out of ``cleaned_data``)."""

    # Parameters that order the listing rather than narrow it, with their default value.
    orderings = {}

    def __init__(self, data=None, *args, **kwargs):
        # Always bound: an empty query string is a listing with no filter, not an unbound form.
        super().__init__(data if data is not None else {}, *args, **kwargs)

    @property
    def selected(self):
        """The value in force for every parameter, for the template's form and links."""
        self.form.is_valid()
        return {
            name: self.form.cleaned_data.get(name) or self.orderings.get(name, "")
            for name in self.filters
        }

    @property
    def active_count(self):
        """How many filters narrow the listing (a chosen order does not)."""
        return sum(
            value not in (None, "")
            for name, value in self.selected.items()
            if name not in self.orderings
        )

    @property
    def active(self):
        return self.active_count > 0

    def narrowed(self, skip=()):
        """The queryset narrowed by every filter in force except those in ``skip``; facet
        counts use it to count each filter's options under all the other filters."""
        self.form.is_valid()
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset
