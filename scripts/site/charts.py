"""Charts drawn from the report's own tables, as inline SVG, at build time.

A chart never replaces its table: the table stays, and the chart says it was drawn from it.
Every value is printed on its bar, so nothing depends on colour; the SVG has a title and a
description that lists every value, for a screen reader. A cell that is not a number (the
report prints "-" for "no figure") gets no bar and says so. Output is deterministic.
"""
from __future__ import annotations

from html import escape

#: series colours: each at least 4.5:1 against white (WCAG 1.4.11 asks 3:1 for graphics)
COLOURS = ("#3949ab", "#00695c", "#ad1457", "#5d4037")
#: drawn narrow so that on a phone (about 358 px of text width at 390) it is scaled down little:
#: the smallest text (13 units) stays at 10 px or more
WIDTH = 400
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 16, 44
PLOT_HEIGHT = 220
FONT, SMALL = 14, 13
#: an estimate of a sans-serif letter's width, in font sizes (for laying out the legend)
LETTER = 0.6


def number(cell: str) -> int | None:
    cell = cell.strip().replace(",", "")
    return int(cell) if cell.isdigit() else None


def nice_ceiling(value: int) -> int:
    """The axis top: the next round number at or above the largest value."""
    step = max(10, 10 ** (len(str(value)) - 2))         # two significant figures
    return max(step, ((value + step - 1) // step) * step)


def describe(header: list[str], rows: list[list[str]]) -> str:
    """The text alternative: every value, row by row, as the table gives it."""
    parts = []
    for row in rows:
        values = ", ".join(f"{h} {c if number(c) is not None else 'no figure (the table prints ' + repr(c) + ')'}"
                           for h, c in zip(header[1:], row[1:]))
        parts.append(f"{row[0]}: {values}.")
    return " ".join(parts)


def legend_rows(series: list[str], width: float) -> list[list[tuple[int, str]]]:
    """The legend's entries, (series index, name), in as few rows as fit the width."""
    rows: list[list[tuple[int, str]]] = [[]]
    used = 0.0
    for j, name in enumerate(series):
        need = 18 + LETTER * FONT * len(name) + 16
        if rows[-1] and used + need > width:
            rows.append([])
            used = 0.0
        rows[-1].append((j, name))
        used += need
    return rows


def label_lines(label: str, width: float) -> list[str]:
    """A group's label ("April 05-06") on one line, or on two at its first space if too wide."""
    if LETTER * SMALL * len(label) <= width or " " not in label:
        return [label]
    first, rest = label.split(" ", 1)
    return [first, rest]


def bar_chart_svg(header: list[str], rows: list[list[str]], title: str, chart_id: str) -> str:
    """A grouped bar chart: one group per row (first cell as its label), one bar per column."""
    series = header[1:]
    values = [[number(c) for c in row[1:]] for row in rows]
    top_value = nice_ceiling(max((v for r in values for v in r if v is not None), default=1))
    plot_w = WIDTH - LEFT - RIGHT
    legend = legend_rows(series, plot_w)
    plot_top = TOP + 22 * len(legend) + 8
    height = plot_top + PLOT_HEIGHT + BOTTOM
    group_w = plot_w / len(rows)
    bar_w = group_w * 0.84 / len(series)

    def y(v: float) -> float:
        return plot_top + PLOT_HEIGHT - PLOT_HEIGHT * v / top_value

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="edition-chart-svg" '
           f'font-family="sans-serif" font-size="{FONT}">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(describe(header, rows))}</desc>']
    for k in range(5):                                    # gridlines and axis labels
        v = top_value * k / 4
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                   f'stroke="#767676" stroke-width="{1 if k == 0 else 0.5}"/>')
        out.append(f'<text x="{LEFT - 5}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#333" '
                   f'font-size="{SMALL}">{v:g}</text>')
    for i, (row, vals) in enumerate(zip(rows, values)):
        x0 = LEFT + i * group_w + group_w * 0.08
        for j, v in enumerate(vals):
            x = x0 + j * bar_w
            if v is None:                                  # the cell as printed ("-"), no bar
                out.append(f'<text x="{x + bar_w / 2:.1f}" y="{y(0) - 4:.1f}" text-anchor="middle" '
                           f'fill="#333" font-size="{SMALL}">{escape(row[j + 1])}</text>')
                continue
            out.append(f'<rect x="{x:.1f}" y="{y(v):.1f}" width="{bar_w - 1:.1f}" height="{y(0) - y(v):.1f}" '
                       f'fill="{COLOURS[j % len(COLOURS)]}"/>')
            # the value above its bar, turned upright when it is wider than the bar
            cx, cy = x + (bar_w - 1) / 2, y(v) - 4
            turn = LETTER * SMALL * len(str(v)) > bar_w
            transform = f' transform="rotate(-90 {cx:.1f} {cy:.1f})"' if turn else ""
            anchor = "start" if turn else "middle"
            shift = f' dy="{SMALL * 0.35:.1f}"' if turn else ""
            out.append(f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="{anchor}"{shift}{transform} '
                       f'fill="#222" font-size="{SMALL}">{v}</text>')
        lines = label_lines(row[0], group_w)
        for n, line in enumerate(lines):
            out.append(f'<text x="{LEFT + i * group_w + group_w / 2:.1f}" y="{y(0) + 16 + n * 14}" '
                       f'text-anchor="middle" fill="#222" font-size="{SMALL}">{escape(line)}</text>')
    for r, entries in enumerate(legend):                  # the legend, above the plot
        lx = LEFT
        ly = TOP + r * 22
        for j, name in entries:
            out.append(f'<rect x="{lx}" y="{ly}" width="13" height="13" fill="{COLOURS[j % len(COLOURS)]}"/>')
            out.append(f'<text x="{lx + 18}" y="{ly + 11}" fill="#222">{escape(name)}</text>')
            lx += 18 + LETTER * FONT * len(name) + 16
    out.append("</svg>")
    return "".join(out)
