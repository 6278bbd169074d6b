"""Chinese full-text search on top of Wagtail's database search backend.

Neither SQLite FTS5 nor PostgreSQL splits Chinese into words: ``国际技术转移中心`` is one token,
so a search for ``技术转移`` finds nothing. Every searchable page therefore indexes a copy of its
text segmented by jieba (``cut_for_search`` also emits the shorter words inside long ones), and
the query is segmented the same way and matched with ``operator="and"``.
"""

import logging
import re
import threading
from pathlib import Path

import jieba
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.search import index

USER_DICTIONARY = Path(__file__).resolve().parent / "content" / "search-dict.txt"
MAX_QUERY_LENGTH = 100
# A token is worth indexing when it holds at least one letter, digit or CJK character.
WORD_RE = re.compile(r"\w", re.UNICODE)

_lock = threading.Lock()
_ready = False


def warm_up():
    """Load jieba's dictionary and the portal's domain words once per process."""
    global _ready
    if _ready:
        return
    with _lock:
        if not _ready:
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            jieba.load_userdict(str(USER_DICTIONARY))
            _ready = True


def segment(text):
    """The distinct search tokens of ``text``, in order of first appearance."""
    warm_up()
    seen, tokens = set(), []
    for token in jieba.cut_for_search(text or "", HMM=False):
        token = token.strip().lower()
        if token and WORD_RE.search(token) and token not in seen:
            seen.add(token)
            tokens.append(token)
    return tokens


def segmented_text(text):
    """Text as it goes into the index: every token separated by a space."""
    return " ".join(segment(text))


def clean_query(raw):
    """The user's query, trimmed to a sane length with control characters removed."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return text.strip()[:MAX_QUERY_LENGTH]


class SegmentedSearchMixin:
    """Index a jieba-segmented copy of the page's plain text alongside Wagtail's own fields."""

    segmented_search_fields = [index.SearchField("get_segmented_search_text")]

    def get_search_plain_text(self):
        """The text a visitor can find this page by. Pages override it to add their body."""
        return self.title

    def get_segmented_search_text(self):
        return segmented_text(self.get_search_plain_text())


def _terms_pattern(terms):
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE)


def first_match(text, query, terms):
    """Index of the best place in ``text`` that matches: the whole query, else any term."""
    position = text.lower().find(query.lower()) if query else -1
    if position >= 0:
        return position
    pattern = _terms_pattern(terms)
    found = pattern.search(text) if pattern else None
    return found.start() if found else -1


def highlight(text, query, terms, width=120):
    """An HTML snippet of ``text`` around the first match, with every match in ``<mark>``."""
    text = re.sub(r"\s+", " ", text or "").strip()
    position = first_match(text, query, terms)
    start = max(0, position - width // 3) if position >= 0 else 0
    window = text[start : start + width]
    pattern = _terms_pattern([query, *terms])
    parts, cursor = [], 0
    for match in pattern.finditer(window) if pattern else ():
        parts.append(escape(window[cursor : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        cursor = match.end()
    parts.append(escape(window[cursor:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part is escaped
