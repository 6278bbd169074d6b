"""Server-drawn SVG charts. Each chart is an image with a title and a description for screen
readers; the page puts the same numbers in a data table beside it.

The charts are drawn for a phone: a viewBox 400 units wide with 14-unit text reads at about
12 px on a 360 px screen (portal.css caps their width on a desktop).

The text a chart writes itself (its lists, the tile map's marks and note) is in the language
being shown; the labels and titles come from the caller, in that language too."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

PALETTE = ["#0b3d7a", "#6a1b7a", "#1e6b34", "#a4161a", "#8a5300"]
TEXT = "#1a1a1a"
GRID = "#c8d0da"
WIDTH = 400
FONT = 14
# The width of one CJK character at FONT; Latin letters and digits take about half.
EM = FONT


def _text_width(text):
    return sum(EM if ord(ch) > 0x2E80 else EM * 0.6 for ch in str(text))


def _rows_text(items):
    """A description's rows, one after the other: 包头市 2；赤峰市 1 / Baotou 2; Chifeng 1."""
    return pgettext("chart description: between rows", "；").join(items)


def _svg(chart_id, title, description, width, height, body):
    return mark_safe(  # noqa: S308 - every text in body is escaped by the callers
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'class="chart" font-family="sans-serif" font-size="{FONT}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def _legend(series_labels, left):
    """Legend entries, wrapped onto as many lines as the width needs: (parts, height)."""
    parts, x, y, line = [], left, 6, 22
    for index, name in enumerate(series_labels):
        entry = 20 + _text_width(name) + 14
        if x > left and x + entry > WIDTH:
            x, y = left, y + line
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x:.0f}" y="{y}" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{x + 20:.0f}" y="{y + 12}" fill="{TEXT}">{escape(name)}</text>')
        x += entry
    return parts, y + line + 4


def horizontal_bars(chart_id, title, rows, series_labels=None):
    """Bars for ``rows`` of (label, [value per series]); several series are stacked."""
    series_labels = series_labels or [""]
    bar, gap, right = 20, 8, 36
    label_width = min(max((_text_width(label) for label, _values in rows), default=0) + 10, 150)
    parts, legend = _legend(series_labels, 0) if len(series_labels) > 1 else ([], 0)
    height = legend + len(rows) * (bar + gap) + gap
    largest = max((sum(values) for _label, values in rows), default=0) or 1
    scale = (WIDTH - label_width - right) / largest
    for row_index, (label, values) in enumerate(rows):
        y = legend + gap + row_index * (bar + gap)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar * 0.72:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
        x = label_width
        for index, value in enumerate(values):
            if value:
                length = value * scale
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar}" '
                    f'fill="{PALETTE[index % len(PALETTE)]}"><title>{escape(label)} '
                    f"{escape(series_labels[index])} {value}</title></rect>"
                )
                x += length
        parts.append(
            f'<text x="{x + 5:.1f}" y="{y + bar * 0.72:.1f}" fill="{TEXT}">{sum(values)}</text>'
        )
    description = _rows_text(f"{label} {sum(values)}" for label, values in rows)
    return _svg(chart_id, title, description, WIDTH, height, "".join(parts))


def columns(chart_id, title, rows):
    """Vertical bars for ``rows`` of (label, value), e.g. one per year. When the labels do not
    fit under every bar, every second (third...) one is written."""
    height, top, bottom, left = 220, 22, 26, 4
    slot = (WIDTH - 2 * left) / max(len(rows), 1)
    widest = max((_text_width(label) for label, _value in rows), default=0) + 6
    step = max(1, -(-int(widest) // max(int(slot), 1)))
    largest = max((value for _label, value in rows), default=0) or 1
    scale = (height - top - bottom) / largest
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - left}" '
        f'y2="{height - bottom}" stroke="{GRID}"/>'
    ]
    for index, (label, value) in enumerate(rows):
        bar_height = value * scale
        x = left + index * slot + slot * 0.15
        y = height - bottom - bar_height
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar_height:.1f}" '
            f'fill="{PALETTE[0]}"/>'
        )
        centre = x + slot * 0.35
        parts.append(
            f'<text x="{centre:.1f}" y="{y - 5:.1f}" text-anchor="middle" fill="{TEXT}">'
            f"{value}</text>"
        )
        if index % step == 0:
            parts.append(
                f'<text x="{centre:.1f}" y="{height - bottom + 18}" text-anchor="middle" '
                f'fill="{TEXT}">{escape(label)}</text>'
            )
    description = _rows_text(f"{label} {value}" for label, value in rows)
    return _svg(chart_id, title, description, WIDTH, height, "".join(parts))


# The schematic tile map of the leagues and cities: one tile per division in its rough place,
# west to east and north to south, by administrative division code. No borders: a boundary map
# of China's divisions on a government site needs an approved map (审图号), a tile map does not.
TILE_POSITIONS = {
    "150781": (5, 0),  # 满洲里市
    "150700": (6, 0),  # 呼伦贝尔市
    "152501": (4, 1),  # 二连浩特市
    "152500": (5, 1),  # 锡林郭勒盟
    "152200": (6, 1),  # 兴安盟
    "152900": (0, 2),  # 阿拉善盟
    "150800": (1, 2),  # 巴彦淖尔市
    "150200": (2, 2),  # 包头市
    "150100": (3, 2),  # 呼和浩特市
    "150900": (4, 2),  # 乌兰察布市
    "150400": (5, 2),  # 赤峰市
    "150500": (6, 2),  # 通辽市
    "150300": (1, 3),  # 乌海市
    "150600": (2, 3),  # 鄂尔多斯市
}
# Tiles shade with their total; every shade keeps dark text above 4.5:1.
TILE_SHADES = ["#f3f6fa", "#e1ebf7", "#cddcf0", "#b8cdea"]
TYPE_MARKS = [  # 国际创新园, 国际技术转移中心, 示范型国际科技合作基地
    pgettext_lazy("tile map: mark of an innovation park", "创"),
    pgettext_lazy("tile map: mark of a technology transfer center", "转"),
    pgettext_lazy("tile map: mark of a demonstration base", "示"),
]
# What a name fits on a tile at the chart's font; a longer one is squeezed a little.
TILE_TEXT = 52
ENGLISH_SUFFIXES = (" League", " City")


def short_name(name):
    """呼伦贝尔市 → 呼伦贝尔, 锡林郭勒盟 → 锡林郭勒, Xilingol League → Xilingol: what fits on
    a tile."""
    for suffix in ENGLISH_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name[:-1] if len(name) > 2 and name[-1] in "市盟" else name


def tile_map(chart_id, title, rows, series_labels):
    """A tile per division: ``rows`` of (division code, name, [count per type]). Divisions
    without a known place are left out of the drawing (the table beside it lists them all)."""
    gap, tile_h = 1.5, 80
    tile_w = (WIDTH - 1 - 6 * gap) / 7
    marks = [
        pgettext("tile map legend", "%(mark)s＝%(type)s") % {"mark": mark, "type": label}
        for mark, label in zip(TYPE_MARKS, series_labels, strict=True)
    ]
    parts, top = _legend(marks, 0)
    largest = max((sum(values) for _code, _name, values in rows), default=0) or 1
    placed = [
        (TILE_POSITIONS[code], name, values)
        for code, name, values in rows
        if code in TILE_POSITIONS
    ]
    height = top + 4 * (tile_h + gap) + 22
    for (col, row), name, values in placed:
        x, y = col * (tile_w + gap), top + row * (tile_h + gap)
        total = sum(values)
        shade = TILE_SHADES[0 if not total else 1 + min(2, (total - 1) * 3 // largest)]
        label = pgettext("tile map: a tile's title", "%(name)s：%(counts)s") % {
            "name": name,
            "counts": pgettext("tile map: between a tile's counts", "，").join(
                f"{s} {v}" for s, v in zip(series_labels, values, strict=True)
            ),
        }
        short = short_name(name)
        # Four Chinese characters (or nine letters) at the chart's font just overflow a tile:
        # squeezed a little instead of written smaller (charts keep one legible size on a phone).
        fit = (
            f' textLength="{TILE_TEXT}" lengthAdjust="spacingAndGlyphs"'
            if _text_width(short) > TILE_TEXT
            else ""
        )
        parts.append(
            f"<g><title>{escape(label)}</title>"
            f'<rect x="{x + 0.5:.1f}" y="{y:.1f}" width="{tile_w:.1f}" height="{tile_h}" rx="3" '
            f'fill="{shade}" stroke="{PALETTE[0]}" stroke-width="1"/>'
            f'<text x="{x + tile_w / 2 + 0.5:.1f}" y="{y + 18:.1f}" text-anchor="middle"{fit} '
            f'font-weight="700" fill="{TEXT}">{escape(short)}</text>'
        )
        for index, value in enumerate(values[: len(TYPE_MARKS)]):
            line_y = y + 38 + index * 16
            parts.append(
                f'<rect x="{x + 7:.1f}" y="{line_y - 10:.1f}" width="10" height="10" '
                f'fill="{PALETTE[index]}"/>'
                f'<text x="{x + 21:.1f}" y="{line_y:.1f}" fill="{TEXT}">'
                f"{TYPE_MARKS[index]} {value}</text>"
            )
        parts.append("</g>")
    note = _("示意图：每格一个盟市，按大致方位排列，不表示界线。")
    parts.append(f'<text x="0" y="{height - 4}" fill="{TEXT}">{escape(note)}</text>')
    between_counts = pgettext("tile map description: between a league's counts", "、")
    count = pgettext("tile map description: a type and its count", "%(type)s%(count)s")
    description = _("内蒙古自治区各盟市国合基地数量示意图（按大致方位排列）：") + _rows_text(
        f"{name} "
        + between_counts.join(
            count % {"type": s, "count": v} for s, v in zip(series_labels, values, strict=True)
        )
        for _code, name, values in rows
    )
    return _svg(chart_id, title, description, WIDTH, height, "".join(parts))
