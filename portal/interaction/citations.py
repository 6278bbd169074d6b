"""The articles of the Measures an answer may cite, read from the text the portal publishes
(``settings.MEASURES_TEXT_PATH``, parsed by ``portal.policy_text``), so that the choices are
exactly the articles of ``/policy/measures/`` and their ``#art-N`` anchors."""

from functools import cache

from django.conf import settings

from portal.policy_text import int_to_chinese, parse_policy_text

# The Measures' address is stable (README 网站结构), like the main navigation's.
MEASURES_URL = "/policy/measures/"
TEASER_LENGTH = 18


def article_label(number):
    return f"第{int_to_chinese(number)}条"


@cache
def _articles():
    text = settings.MEASURES_TEXT_PATH.read_text(encoding="utf-8")
    articles = []
    for article in parse_policy_text(text).all_articles:
        paragraphs = [value for kind, value in article.content if kind == "paragraph"]
        teaser = paragraphs[0] if paragraphs else ""
        if len(teaser) > TEASER_LENGTH:
            teaser = teaser[: TEASER_LENGTH - 1] + "…"
        articles.append((article.number, teaser))
    return tuple(articles)


def article_choices():
    """[(number, "第N条 teaser")] for the answer form's select."""
    return [(number, f"{article_label(number)}　{teaser}") for number, teaser in _articles()]


def known_article_numbers():
    return {number for number, _teaser in _articles()}


def citation_links(numbers):
    """[(label, url)] for the cited ``numbers``, in article order; unknown numbers are left out
    (an article the text no longer has)."""
    known = known_article_numbers()
    return [
        (article_label(number), f"{MEASURES_URL}#art-{number}")
        for number in sorted({int(n) for n in numbers or () if str(n).isdigit()})
        if number in known
    ]
