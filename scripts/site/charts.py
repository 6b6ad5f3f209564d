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
WIDTH, HEIGHT = 640, 340
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 48, 56


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


def bar_chart_svg(header: list[str], rows: list[list[str]], title: str, chart_id: str) -> str:
    """A grouped bar chart: one group per row (first cell as its label), one bar per column."""
    series = header[1:]
    values = [[number(c) for c in row[1:]] for row in rows]
    top = nice_ceiling(max((v for r in values for v in r if v is not None), default=1))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / len(rows)
    bar_w = group_w * 0.8 / len(series)

    def y(v: float) -> float:
        return TOP + plot_h - plot_h * v / top

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="edition-chart-svg" '
           f'font-family="sans-serif" font-size="12">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(describe(header, rows))}</desc>']
    for k in range(5):                                    # gridlines and axis labels
        v = top * k / 4
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                   f'stroke="#767676" stroke-width="{1 if k == 0 else 0.5}"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#333">{v:g}</text>')
    for i, (row, vals) in enumerate(zip(rows, values)):
        x0 = LEFT + i * group_w + group_w * 0.1
        for j, v in enumerate(vals):
            x = x0 + j * bar_w
            if v is None:                                  # the cell as printed ("-"), no bar
                out.append(f'<text x="{x + bar_w / 2:.1f}" y="{y(0) - 4:.1f}" text-anchor="middle" '
                           f'fill="#333" font-size="10">{escape(row[j + 1])}</text>')
                continue
            out.append(f'<rect x="{x:.1f}" y="{y(v):.1f}" width="{bar_w - 2:.1f}" height="{y(0) - y(v):.1f}" '
                       f'fill="{COLOURS[j % len(COLOURS)]}"/>')
            out.append(f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y(v) - 4:.1f}" text-anchor="middle" '
                       f'fill="#222" font-size="10">{v}</text>')
        out.append(f'<text x="{LEFT + i * group_w + group_w / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" '
                   f'text-anchor="middle" fill="#222">{escape(row[0])}</text>')
    lx = LEFT
    for j, name in enumerate(series):                     # the legend, above the plot
        out.append(f'<rect x="{lx}" y="14" width="12" height="12" fill="{COLOURS[j % len(COLOURS)]}"/>')
        out.append(f'<text x="{lx + 16}" y="24" fill="#222">{escape(name)}</text>')
        lx += 16 + 8 * len(name) + 24
    out.append("</svg>")
    return "".join(out)
