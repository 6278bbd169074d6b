"""What an English page still shows in Chinese where it should not.

An English page may show Chinese only inside an element marked ``lang="zh-CN"`` (a name
nobody gave in English, a page nobody translated yet, the link to the Chinese site). Any other
Chinese text, in the text or in the attributes people read (alt, title, aria-label,
placeholder, value of a button), is an interface string that missed the catalogue.
"""

import re
from html.parser import HTMLParser

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, is Chinese) of the open elements
        self.found = []
        self.skip = 0  # inside <script>/<style>

    def _chinese(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        chinese = lang.lower().startswith("zh") if lang is not None else self._chinese()
        if not chinese:
            for name in READ_ATTRIBUTES:
                if attrs.get(name) and CJK.search(attrs[name]):
                    self.found.append(f"<{tag} {name}={attrs[name]!r}>")
            if (
                tag == "input"
                and attrs.get("type") in ("submit", "button")
                and CJK.search(attrs.get("value") or "")
            ):
                self.found.append(f"<input value={attrs['value']!r}>")
        if tag in ("script", "style"):
            self.skip += 1
        if tag not in VOID:
            self.stack.append((tag, chinese))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skip and not self._chinese() and CJK.search(data):
            self.found.append(data.strip())


def chinese_left(html):
    """The pieces of Chinese text on an English page that are not marked as Chinese. The
    <html> element itself says lang="en", so everything starts out English."""
    finder = _Finder()
    finder.feed(html)
    return finder.found
