"""Server-drawn SVG charts. Each chart is an image with a title and a description for screen
readers; the page puts the same numbers in a data table beside it."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ["#0b3d7a", "#6a1b7a", "#1e6b34", "#a4161a", "#8a5300"]
TEXT = "#1a1a1a"
GRID = "#c8d0da"


def _svg(chart_id, title, description, width, height, body):
    return mark_safe(  # noqa: S308 - every text in body is escaped by the callers
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'class="chart" font-family="sans-serif" font-size="13">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def horizontal_bars(chart_id, title, rows, series_labels=None, label_width=150):
    """Bars for ``rows`` of (label, [value per series]); several series are stacked."""
    series_labels = series_labels or [""]
    bar, gap, right = 22, 8, 60
    legend = 28 if len(series_labels) > 1 else 0
    width = 760
    height = legend + len(rows) * (bar + gap) + gap
    largest = max((sum(values) for _label, values in rows), default=0) or 1
    scale = (width - label_width - right) / largest
    parts = []
    if legend:
        x = label_width
        for index, name in enumerate(series_labels):
            colour = PALETTE[index % len(PALETTE)]
            parts.append(f'<rect x="{x}" y="6" width="14" height="14" fill="{colour}"/>')
            parts.append(f'<text x="{x + 20}" y="18" fill="{TEXT}">{escape(name)}</text>')
            x += 40 + 14 * len(name)
    for row_index, (label, values) in enumerate(rows):
        y = legend + gap + row_index * (bar + gap)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar * 0.7:.1f}" text-anchor="end" '
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
            f'<text x="{x + 6:.1f}" y="{y + bar * 0.7:.1f}" fill="{TEXT}">{sum(values)}</text>'
        )
    description = "；".join(f"{label} {sum(values)}" for label, values in rows)
    return _svg(chart_id, title, description, width, height, "".join(parts))


def columns(chart_id, title, rows):
    """Vertical bars for ``rows`` of (label, value), e.g. one per year."""
    width, height, top, bottom, left = 760, 260, 24, 32, 16
    slot = (width - 2 * left) / max(len(rows), 1)
    largest = max((value for _label, value in rows), default=0) or 1
    scale = (height - top - bottom) / largest
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" '
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
            f'<text x="{centre:.1f}" y="{y - 6:.1f}" text-anchor="middle" fill="{TEXT}">'
            f"{value}</text>"
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{height - bottom + 20}" text-anchor="middle" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
    description = "；".join(f"{label} {value}" for label, value in rows)
    return _svg(chart_id, title, description, width, height, "".join(parts))
