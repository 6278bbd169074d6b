"""Parse the plain text of a policy document into chapters, articles, clauses and items.

The published text of the Measures is irregular: full-width and ASCII spaces inside headings
(``第一章  总  则``), indentation that comes and goes, an article that starts a line with no
indent, half-width opening brackets (``(一）``) and trailing blanks. The parser normalises all
of that and checks that every number follows its predecessor, so a typo in the source is
reported with its line instead of silently shifting every anchor after it.

The English edition (``language="en"``) is read by the same parser: only the markers differ
(``Chapter 1``, ``Article 5``, ``(1)``, ``1.``, all with arabic numerals), and titles keep the
single spaces between their words instead of losing every blank as Chinese titles do.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "[零〇一二两三四五六七八九十百千]+"

CHAPTER_RE = re.compile(rf"^第(?P<num>{NUMERAL})章(?P<rest>.*)$")
ARTICLE_RE = re.compile(rf"^第(?P<num>{NUMERAL})条(?P<rest>.*)$")
CLAUSE_RE = re.compile(rf"^[（(](?P<num>{NUMERAL})[）)](?P<rest>.*)$")
ITEM_RE = re.compile(r"^(?P<num>[0-9０-９]+)[.．、](?P<rest>.*)$")
# The English markers. Lines are matched after _normalise, so any run of blanks is one space;
# "Chapter 1x", "Article 5b" or "1.5 million" at the start of a paragraph are not markers.
EN_CHAPTER_RE = re.compile(r"^Chapter (?P<num>[0-9]+)(?P<rest>(?: .*)?)$")
EN_ARTICLE_RE = re.compile(r"^Article (?P<num>[0-9]+)(?P<rest>(?: .*)?)$")
EN_CLAUSE_RE = re.compile(r"^[（(](?P<num>[0-9]+)[）)](?P<rest>.*)$")
EN_ITEM_RE = re.compile(r"^(?P<num>[0-9]+)\.(?![0-9])(?P<rest>.*)$")
# Every kind of horizontal blank the source may carry, including the ideographic space.
BLANKS_RE = re.compile(r"[\s\u3000\u00a0\u2002-\u200b\ufeff]+")


class PolicyParseError(ValueError):
    """A structural error in the source text, with the 1-based line it was found on."""

    def __init__(self, message, line_number=None):
        self.line_number = line_number
        self.detail = message
        prefix = f"第 {line_number} 行：" if line_number else ""
        super().__init__(prefix + message)


def chinese_to_int(text):
    """二十三 → 23, 十一 → 11, 一百零五 → 105."""
    if not text or any(ch not in CHINESE_DIGITS and ch not in CHINESE_UNITS for ch in text):
        raise ValueError(f"不是中文数字：{text}")
    total, digit = 0, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * CHINESE_UNITS[ch]
            digit = None
    return total + (digit or 0)


def int_to_chinese(number):
    """23 → 二十三, the way articles are numbered in Chinese legal texts."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    if number < 20:
        return "十" + (digits[number % 10] if number % 10 else "")
    if number < 100:
        return digits[number // 10] + "十" + (digits[number % 10] if number % 10 else "")
    hundreds, rest = divmod(number, 100)
    if rest == 0:
        return digits[hundreds] + "百"
    if rest < 10:
        return digits[hundreds] + "百零" + digits[rest]
    tail = int_to_chinese(rest)
    return digits[hundreds] + "百" + ("一" + tail if rest < 20 else tail)


@dataclass(frozen=True)
class Syntax:
    """How one language writes the markers, and how it names them in error messages."""

    chapter_re: re.Pattern
    article_re: re.Pattern
    clause_re: re.Pattern
    item_re: re.Pattern
    chapter_label: Callable[[int], str]  # 3 → 第三章 / Chapter 3
    article_label: Callable[[int], str]  # 5 → 第五条 / Article 5
    clause_label: Callable[[int], str]  # 2 → （二） / (2)
    clause_reference: Callable[[int], str]  # the clause after an article: 第（二）款 / (2)
    chapter_title: Callable[[str], str]  # the chapter title as written → as stored
    title_separator: str  # joins the title lines of the document


SYNTAXES = {
    "zh": Syntax(
        chapter_re=CHAPTER_RE,
        article_re=ARTICLE_RE,
        clause_re=CLAUSE_RE,
        item_re=ITEM_RE,
        chapter_label=lambda number: f"第{int_to_chinese(number)}章",
        article_label=lambda number: f"第{int_to_chinese(number)}条",
        clause_label=lambda number: f"（{int_to_chinese(number)}）",
        clause_reference=lambda number: f"第（{int_to_chinese(number)}）款",
        # "总  则" → "总则": blanks inside a Chinese heading are only spacing.
        chapter_title=lambda title: title.replace(" ", ""),
        title_separator="",
    ),
    "en": Syntax(
        chapter_re=EN_CHAPTER_RE,
        article_re=EN_ARTICLE_RE,
        clause_re=EN_CLAUSE_RE,
        item_re=EN_ITEM_RE,
        chapter_label=lambda number: f"Chapter {number}",
        article_label=lambda number: f"Article {number}",
        clause_label=lambda number: f"({number})",
        # "Article 5(2)", the usual English way to cite a clause.
        clause_reference=lambda number: f"({number})",
        chapter_title=str.strip,
        title_separator=" ",
    ),
}


@dataclass
class Item:
    number: int
    text: str


@dataclass
class Clause:
    number: int
    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    number: int
    # Paragraphs, clauses and stray items in reading order: ("paragraph", str) | ("clause", Clause)
    # | ("item", Item).
    content: list[tuple[str, object]] = field(default_factory=list)

    @property
    def clauses(self):
        return [value for kind, value in self.content if kind == "clause"]


@dataclass
class Chapter:
    number: int
    title: str
    articles: list[Article] = field(default_factory=list)


@dataclass
class PolicyDocument:
    title: str
    chapters: list[Chapter] = field(default_factory=list)
    # Articles of a document that has no chapters at all.
    articles: list[Article] = field(default_factory=list)

    @property
    def all_articles(self):
        if self.chapters:
            return [article for chapter in self.chapters for article in chapter.articles]
        return list(self.articles)


def _normalise(line):
    return BLANKS_RE.sub(" ", line).strip()


def _body(rest):
    """The text after a marker, without the blank that usually separates them."""
    return rest.strip()


def _number(match, line_number, what):
    raw = match.group("num")
    if raw.isdigit():
        return int(raw.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    try:
        return chinese_to_int(raw)
    except ValueError as exc:
        raise PolicyParseError(f"{what}编号“{raw}”无法识别", line_number) from exc


def parse_policy_text(text, language="zh"):
    """Parse ``text`` into a :class:`PolicyDocument` or raise :class:`PolicyParseError`.

    ``language`` is ``"zh"`` for the Chinese original or ``"en"`` for the English edition.
    """
    try:
        syntax = SYNTAXES[language]
    except KeyError:
        raise ValueError(f"不支持的语言：{language}") from None
    title_lines = []
    document = PolicyDocument(title="")
    chapter = article = clause = None
    expected_article = 1

    for line_number, raw_line in enumerate(text.splitlines(), start=1):
        line = _normalise(raw_line)
        if not line:
            continue

        if match := syntax.chapter_re.match(line):
            number = _number(match, line_number, "章")
            expected = len(document.chapters) + 1
            if document.articles:
                raise PolicyParseError("章出现在不属于任何章的条文之后", line_number)
            if number != expected:
                raise PolicyParseError(
                    f"章号不连续：应为{syntax.chapter_label(expected)}，"
                    f"实为{syntax.chapter_label(number)}",
                    line_number,
                )
            title = syntax.chapter_title(match.group("rest"))
            if not title:
                raise PolicyParseError(f"{syntax.chapter_label(number)}缺少章名", line_number)
            chapter = Chapter(number=number, title=title)
            document.chapters.append(chapter)
            article = clause = None
            continue

        if match := syntax.article_re.match(line):
            number = _number(match, line_number, "条")
            if number != expected_article:
                raise PolicyParseError(
                    f"条号不连续：应为{syntax.article_label(expected_article)}，"
                    f"实为{syntax.article_label(number)}",
                    line_number,
                )
            if chapter is None and document.chapters:
                raise PolicyParseError("条文不属于任何章", line_number)
            article = Article(number=number)
            text_after = _body(match.group("rest"))
            if text_after:
                article.content.append(("paragraph", text_after))
            (chapter.articles if chapter else document.articles).append(article)
            expected_article += 1
            clause = None
            continue

        if article is None:
            if chapter is not None:
                raise PolicyParseError(
                    f"{syntax.chapter_label(chapter.number)}的章名之后、第一条之前出现了正文："
                    f"“{line[:20]}”",
                    line_number,
                )
            title_lines.append(line)
            continue

        if match := syntax.clause_re.match(line):
            number = _number(match, line_number, "款")
            expected = len(article.clauses) + 1
            if number != expected:
                raise PolicyParseError(
                    f"{syntax.article_label(article.number)}中款号不连续：应为"
                    f"{syntax.clause_label(expected)}，实为{syntax.clause_label(number)}",
                    line_number,
                )
            clause = Clause(number=number, text=_body(match.group("rest")))
            article.content.append(("clause", clause))
            continue

        if match := syntax.item_re.match(line):
            number = _number(match, line_number, "项")
            siblings = (
                clause.items
                if clause is not None
                else [value for kind, value in article.content if kind == "item"]
            )
            expected = len(siblings) + 1
            if number != expected:
                where = syntax.article_label(article.number) + (
                    syntax.clause_reference(clause.number) if clause is not None else ""
                )
                raise PolicyParseError(
                    f"{where}中项号不连续：应为 {expected}.，实为 {number}.", line_number
                )
            item = Item(number=number, text=_body(match.group("rest")))
            if clause is not None:
                clause.items.append(item)
            else:
                article.content.append(("item", item))
            continue

        # A plain line inside an article is a paragraph of that article; it also closes the
        # current clause (Art. 12 ends with such a paragraph after its list of clauses).
        article.content.append(("paragraph", line))
        clause = None

    document.title = syntax.title_separator.join(title_lines)
    if not document.all_articles:
        raise PolicyParseError(f"没有找到任何条文（“{syntax.article_label(1)}……”）")
    for empty in (c for c in document.chapters if not c.articles):
        raise PolicyParseError(f"{syntax.chapter_label(empty.number)}（{empty.title}）没有条文")
    return document


# --- Labels, in the language being shown -----------------------------------------------------
# A Chinese text numbers its parts 第五章, 第二十条, （三）; its English translation Chapter 5,
# Article 20, (3): the labels of its SYNTAXES entry. The anchors (#chapter-5, #art-20) are the
# same numbers in both.


def shown_syntax():
    """The SYNTAXES entry of the language being shown."""
    from django.utils import translation

    return SYNTAXES["en" if translation.get_language() == "en" else "zh"]


def chapter_label(number):
    return shown_syntax().chapter_label(number)


def article_label(number):
    return shown_syntax().article_label(number)


def clause_label(number):
    return shown_syntax().clause_label(number)
