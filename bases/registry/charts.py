"""Server-drawn SVG charts. Each chart is an image with a title and a description for screen
readers; the page puts the same numbers in a data table beside it.

The charts are drawn for a phone: a viewBox 400 units wide with 14-unit text reads at about
12 px on a 360 px screen (portal.css caps their width on a desktop)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ["#0b3d7a", "#6a1b7a", "#1e6b34", "#a4161a", "#8a5300"]
TEXT = "#1a1a1a"
GRID = "#c8d0da"
WIDTH = 400
FONT = 14
# The width of one CJK character at FONT; Latin letters and digits take about half.
EM = FONT


def _text_width(text):
    return sum(EM if ord(ch) > 0x2E80 else EM * 0.6 for ch in str(text))


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
    description = "；".join(f"{label} {sum(values)}" for label, values in rows)
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
    description = "；".join(f"{label} {value}" for label, value in rows)
    return _svg(chart_id, title, description, WIDTH, height, "".join(parts))
