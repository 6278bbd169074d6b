"""What a page looks like to its reader, measured in the browser: whether it fits the screen
and on how many lines a piece of text is set."""

# The number of lines that the text of an element takes, skipping text that is visually hidden
# (in a 1 px clipped box, as table-stack's column headings and the sr-only labels are).
LINES = """element => {
  const hidden = node => {
    for (let e = node; e; e = e.parentElement) {
      const box = e.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return true;
    }
    return false;
  };
  if (!element.checkVisibility({visibilityProperty: true}) || hidden(element)) return 0;
  const tops = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.textContent.trim() || hidden(text.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const box of range.getClientRects()) if (box.width > 0) tops.push(box.top);
  }
  const apart = parseFloat(getComputedStyle(element).fontSize) / 2;
  tops.sort((a, b) => a - b);
  return tops.filter((top, i) => i === 0 || top - tops[i - 1] > apart).length;
}"""

# How much wider than the screen the page is, and each column heading that takes more than one
# line. A heading of a few characters on two lines is broken inside a word (国家和/地区); a table
# too narrow for its headings becomes cards (table-stack) or scrolls inside itself, with headings
# that break only between words (portal.css).
FIT = f"""() => {{
  const lines = {LINES};
  return {{
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    headings: [...document.querySelectorAll("thead th")]
      .map(th => [th.innerText.trim(), lines(th)])
      .filter(([_text, count]) => count > 1),
  }};
}}"""


def misfits(page, width):
    """What does not fit on the page at ``width``, in words (empty when everything fits)."""
    fit = page.evaluate(FIT)
    problems = [f"{width} px：表头「{text}」占 {count} 行" for text, count in fit["headings"]]
    if width < 768 and fit["overflow"] > 0:
        problems.insert(0, f"{width} px：页面比屏幕宽 {fit['overflow']} px")
    return problems


def lines(locator):
    """On how many lines the element's visible text is set (0 when it is not shown)."""
    return locator.evaluate(LINES)
