"""Chinese full-text search on top of Wagtail's database search backend.

Neither SQLite FTS5 nor PostgreSQL splits Chinese into words: ``国际技术转移中心`` is one token,
so a search for ``技术转移`` finds nothing. Every searchable page therefore indexes a copy of its
text segmented by jieba, together with the dictionary words inside each long word, and
the query is segmented the same way and matched with ``operator="and"``.

English words are indexed with their Snowball stem as well, and a query's English words are
looked for by their stem: "partners" finds "partner", "technologies" finds "technology". Done
here rather than by each database's own English configuration, so that SQLite, PostgreSQL and
OpenSearch find the same things (the Chinese text beside them is not English to any of them).
"""

import logging
import re
import threading
from pathlib import Path

import jieba
import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
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


CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ENGLISH_WORD_RE = re.compile(r"^[a-z]{3,}$")
# A Snowball stemmer keeps state between words: one per thread.
_stemmers = threading.local()


def stem(word):
    """The English stem of a lowercase word (partners → partner); other words as they are."""
    if not ENGLISH_WORD_RE.match(word):
        return word
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


LONGEST_SUBWORD = 8


def _is_cjk(token):
    return bool(CJK_RE.search(token))


def _words(text):
    """jieba's segmentation of ``text``, lowercased, without blanks and punctuation."""
    warm_up()
    for token in jieba.cut(text or "", HMM=False):
        token = token.strip().lower()
        if token and WORD_RE.search(token):
            yield token


def _subwords(token):
    """Every dictionary word of two or more characters inside ``token``."""
    frequencies = jieba.dt.FREQ
    for start in range(len(token) - 1):
        for end in range(start + 2, min(len(token), start + LONGEST_SUBWORD) + 1):
            word = token[start:end]
            if word != token and frequencies.get(word):
                yield word


def _finest_split(token):
    """Split ``token`` into the most dictionary words while leaving the fewest single characters.

    技术转移 → 技术 转移; 国合基地联盟 → 国合基地 联盟. A query then only needs words that the
    index is sure to hold, whichever way jieba cut the longer phrase in the document.
    """
    frequencies = jieba.dt.FREQ
    best = [None] * (len(token) + 1)
    best[0] = (0, 0, [])
    for start in range(len(token)):
        if best[start] is None:
            continue
        singles, pieces, words = best[start]
        for end in range(start + 1, len(token) + 1):
            word = token[start:end]
            if end - start > 1 and not frequencies.get(word):
                continue
            candidate = (singles + (end - start == 1), pieces - 1, [*words, word])
            if best[end] is None or candidate[:2] < best[end][:2]:
                best[end] = candidate
    return best[-1][2]


def _distinct(tokens):
    return list(dict.fromkeys(tokens))


def index_tokens(text):
    """What a document is indexed under: its words, the words inside them, and each CJK character
    (so that a one-character query such as 园 still finds 国际创新园)."""
    tokens = []
    for word in _words(text):
        tokens.append(word)
        if _is_cjk(word):
            tokens.extend(_subwords(word))
            tokens.extend(ch for ch in word if _is_cjk(ch))
        else:
            tokens.append(stem(word))
    return _distinct(tokens)


def segment(query):
    """The terms of a query, every one of which a matching document must hold."""
    terms = []
    for word in _words(query):
        terms.extend(_finest_split(word) if _is_cjk(word) else [stem(word)])
    return _distinct(terms)


def segmented_text(text):
    """Text as it goes into the index: every token separated by a space."""
    return " ".join(index_tokens(text))


def segmented_query(query):
    return " ".join(segment(query))


def clean_query(raw):
    """The user's query, trimmed to a sane length with control characters removed."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return text.strip()[:MAX_QUERY_LENGTH]


class SegmentedSearchMixin:
    """Index a jieba-segmented copy of the page's plain text alongside Wagtail's own fields."""

    segmented_search_fields = [index.SearchField("get_segmented_search_text")]
    # What a site search result says this is (portal.site_search).
    search_kind = _("页面")

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
