import pytest
from django.conf import settings

from portal.policy_text import (
    PolicyParseError,
    chinese_to_int,
    int_to_chinese,
    parse_policy_text,
)


@pytest.fixture(scope="module")
def measures_text():
    return settings.MEASURES_TEXT_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def measures(measures_text):
    return parse_policy_text(measures_text)


@pytest.fixture(scope="module")
def measures_en():
    path = settings.MEASURES_TEXT_PATH.with_name("measures-en.txt")
    return parse_policy_text(path.read_text(encoding="utf-8"), language="en")


def article(document, number):
    return next(a for a in document.all_articles if a.number == number)


def test_shipped_copy_is_the_published_text():
    shared = settings.BASE_DIR.parent / "shared" / "policy" / "measures-zh.txt"
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert settings.MEASURES_TEXT_PATH.read_bytes() == shared.read_bytes()


def test_measures_have_five_chapters_and_twenty_three_articles(measures):
    assert measures.title == "内蒙古自治区国际科技合作基地管理办法（试行）"
    assert [c.title for c in measures.chapters] == [
        "总则",
        "认定条件和程序",
        "管理制度",
        "支撑条件",
        "附则",
    ]
    assert [a.number for a in measures.all_articles] == list(range(1, 24))
    assert [[a.number for a in c.articles] for c in measures.chapters] == [
        [1, 2, 3],
        [4, 5, 6, 7],
        [8, 9, 10, 11, 12, 13, 14],
        [15, 16, 17, 18, 19, 20, 21],
        [22, 23],
    ]


@pytest.mark.parametrize(("number", "items_per_clause"), [(5, [5, 4]), (6, [4, 3]), (7, [5, 3])])
def test_two_level_lists_of_articles_5_to_7(measures, number, items_per_clause):
    found = article(measures, number)
    assert [c.number for c in found.clauses] == [1, 2]
    assert [len(c.items) for c in found.clauses] == items_per_clause
    for clause in found.clauses:
        assert [i.number for i in clause.items] == list(range(1, len(clause.items) + 1))


def test_item_that_starts_a_line_without_indent_stays_in_its_clause(measures):
    # "2.科技厅根据推荐意见……" in Art. 7 has no indent in the source.
    procedure = article(measures, 7).clauses[1]
    assert procedure.items[1].text.startswith("科技厅根据推荐意见")


def test_article_that_starts_with_an_indent_and_irregular_clauses(measures):
    # Art. 7 and Art. 11 are indented; Art. 5's clauses open with a half-width "(".
    assert article(measures, 11).content[0][1].startswith("被认定为国合基地的单位")
    assert article(measures, 5).content[0] == ("paragraph", "国际创新园认定条件和程序")
    assert article(measures, 5).clauses[0].text.startswith("国际创新园是根据自治区")


def test_article_12_keeps_nine_clauses_and_its_closing_paragraph(measures):
    art12 = article(measures, 12)
    assert [c.number for c in art12.clauses] == list(range(1, 10))
    # Trailing blanks and the full-width indent of (八) are gone.
    assert art12.clauses[3].text == "连续两年未提交年度工作总结的；"
    assert art12.clauses[7].text == "国合基地依托单位被依法终止的；"
    assert art12.content[-1] == ("paragraph", "被撤销国合基地资格者，三年内不得再次提出认定申请。")


def test_article_9_clause_four_without_indent(measures):
    assert [c.number for c in article(measures, 9).clauses] == [1, 2, 3, 4]


def test_article_number_that_skips_names_the_article_and_line():
    text = "某办法\n第一章 总则\n第一条 甲。\n第二条 乙。\n第四条 丙。\n"
    with pytest.raises(PolicyParseError) as error:
        parse_policy_text(text)
    assert error.value.line_number == 5
    assert "第 5 行" in str(error.value)
    assert "应为第三条" in str(error.value)
    assert "实为第四条" in str(error.value)


def test_clause_and_item_numbers_that_skip_are_reported():
    with pytest.raises(PolicyParseError, match=r"第 3 行.*第一条中款号不连续"):
        parse_policy_text("办法\n第一条 甲：\n（二）乙；\n")
    with pytest.raises(
        PolicyParseError, match=r"第 4 行.*第一条第（一）款中项号不连续：应为 1\.，实为 3\."
    ):
        parse_policy_text("办法\n第一条 甲：\n（一）乙：\n3.丙；\n")


def test_chapter_number_that_skips_is_reported():
    with pytest.raises(PolicyParseError, match=r"第 4 行：章号不连续：应为第二章，实为第三章"):
        parse_policy_text("办法\n第一章 总则\n第一条 甲。\n第三章 附则\n第二条 乙。\n")


def test_text_without_articles_is_rejected():
    with pytest.raises(PolicyParseError, match="没有找到任何条文"):
        parse_policy_text("这只是一段普通文字。\n没有任何条文。\n")


def test_empty_chapter_is_rejected():
    with pytest.raises(PolicyParseError, match="第二章（附则）没有条文"):
        parse_policy_text("办法\n第一章 总则\n第一条 甲。\n第二章 附则\n")


def test_document_without_chapters_keeps_articles_at_top_level():
    document = parse_policy_text("通知\n第一条 甲。\n第二条 乙：\n1.丙；\n2.丁。\n")
    assert document.chapters == []
    assert [a.number for a in document.articles] == [1, 2]
    assert [kind for kind, _ in document.articles[1].content] == ["paragraph", "item", "item"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
    ],
)
def test_chinese_numerals_round_trip(text, number):
    assert chinese_to_int(text) == number
    assert int_to_chinese(number) == text


def shape(document):
    """Chapters → articles → items per clause, the numbering an edition must share."""
    return [
        (
            chapter.number,
            [
                (
                    a.number,
                    [(c.number, [i.number for i in c.items]) for c in a.clauses],
                    [v.number for kind, v in a.content if kind == "item"],
                )
                for a in chapter.articles
            ],
        )
        for chapter in document.chapters
    ]


def test_english_edition_has_the_numbering_of_the_chinese_text(measures, measures_en):
    assert [c.number for c in measures_en.chapters] == [1, 2, 3, 4, 5]
    assert [a.number for a in measures_en.all_articles] == list(range(1, 24))
    assert shape(measures_en) == shape(measures)
    # The paragraphs outside clauses line up too (Art. 12 ends with one after its clauses).
    for zh, en in zip(measures.all_articles, measures_en.all_articles, strict=True):
        assert [kind for kind, _ in en.content] == [kind for kind, _ in zh.content], zh.number


def test_english_titles_keep_their_spaces(measures_en):
    assert measures_en.title == (
        "Measures of Inner Mongolia Autonomous Region for the Administration of "
        "International Science and Technology Cooperation Bases (Trial)"
    )
    assert [c.title for c in measures_en.chapters] == [
        "General Provisions",
        "Conditions and Procedures for Accreditation",
        "Administration",
        "Supporting Conditions",
        "Supplementary Provisions",
    ]
    assert article(measures_en, 5).content[0] == (
        "paragraph",
        "Conditions and Procedure for the Accreditation of International Innovation Parks",
    )
    assert article(measures_en, 5).clauses[0].text.startswith("An International Innovation Park")
    assert article(measures_en, 12).content[-1][1].startswith("A party whose Base status")


def test_english_markers_blanks_and_title_lines():
    document = parse_policy_text(
        "Some  Measures\n  of the Department\n\nChapter 1   General\u3000Provisions \n"
        "Article 1 First:\n    (1) one:\n    1. a;\n    2. b.\n(2) two.\n"
        "Article 2 Budget\n1.5 million is a paragraph, not an item.\n",
        language="en",
    )
    assert document.title == "Some Measures of the Department"
    assert document.chapters[0].title == "General Provisions"
    first, second = document.all_articles
    assert first.content[0] == ("paragraph", "First:")
    assert [(c.text, [i.text for i in c.items]) for c in first.clauses] == [
        ("one:", ["a;", "b."]),
        ("two.", []),
    ]
    assert second.content == [
        ("paragraph", "Budget"),
        ("paragraph", "1.5 million is a paragraph, not an item."),
    ]


def test_chinese_markers_are_not_english_markers():
    with pytest.raises(PolicyParseError, match="没有找到任何条文（“Article 1……”）"):
        parse_policy_text("办法\n第一条 甲。\n", language="en")
    with pytest.raises(PolicyParseError, match="没有找到任何条文（“第一条……”）"):
        parse_policy_text("Measures\nArticle 1 A.\n")


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="不支持的语言"):
        parse_policy_text("Measures\nArticle 1 A.\n", language="fr")


def test_english_article_number_that_skips_names_the_line():
    text = "Measures\nChapter 1 General Provisions\nArticle 1 A.\nArticle 2 B.\nArticle 4 C.\n"
    with pytest.raises(PolicyParseError) as error:
        parse_policy_text(text, language="en")
    assert error.value.line_number == 5
    assert str(error.value) == "第 5 行：条号不连续：应为Article 3，实为Article 4"


def test_english_chapter_clause_and_item_numbers_that_skip_are_reported():
    with pytest.raises(
        PolicyParseError, match=r"第 4 行：章号不连续：应为Chapter 2，实为Chapter 3"
    ):
        parse_policy_text(
            "Measures\nChapter 1 General\nArticle 1 A.\nChapter 3 Final\nArticle 2 B.\n",
            language="en",
        )
    with pytest.raises(
        PolicyParseError, match=r"第 3 行：Article 1中款号不连续：应为\(1\)，实为\(2\)"
    ):
        parse_policy_text("Measures\nArticle 1 A:\n(2) b;\n", language="en")
    with pytest.raises(
        PolicyParseError, match=r"第 4 行：Article 1\(1\)中项号不连续：应为 1\.，实为 3\."
    ):
        parse_policy_text("Measures\nArticle 1 A:\n(1) b:\n3. c;\n", language="en")
    with pytest.raises(PolicyParseError, match=r"第 2 行：Chapter 1缺少章名"):
        parse_policy_text("Measures\nChapter 1\nArticle 1 A.\n", language="en")
