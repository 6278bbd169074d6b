"""Pagination links that keep a listing's filters."""

from urllib.parse import urlencode


def query_prefix(params):
    """What goes before ``page=N`` in a pagination link (see includes/pagination.html): the
    non-empty filters, URL-encoded, each followed by ``&``; empty when there are none."""
    kept = {key: value for key, value in params.items() if value not in (None, "")}
    return urlencode(kept) + "&" if kept else ""
