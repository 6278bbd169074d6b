"""Chinese names in the order a Chinese reader looks for them: by pinyin, then tone, as in a
dictionary's index. Sorting by code point puts 不丹 before 阿富汗 and 东帝汶 before 丹麦.

Neither SQLite nor a default PostgreSQL has a Chinese collation, so models store the key
beside the name and the database sorts by it (listings stay one query, paginated)."""

from pypinyin import Style, lazy_pinyin

KEY_LENGTH = 255


def pinyin_key(text):
    """``"澳大利亚"`` → ``"ao4 da4 li4 ya4"``. Tone digits sort before letters, so ji3 (几内亚)
    comes before jia (加纳); letters and digits in a name are kept, lowercased."""
    syllables = lazy_pinyin((text or "").strip(), style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join(s.strip().lower() for s in syllables if s.strip())[:KEY_LENGTH]
