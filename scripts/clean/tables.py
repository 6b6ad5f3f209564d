"""Tables that extraction flattened into lines, rebuilt by the editorial file's row pattern.

A table's cells came out of the PDF as runs of words on lines; which words make a cell no rule
can tell, so the editorial `[[tables]]` entry gives the header cells and a pattern for a row.
The rows must match the region end to end, so no word can be lost or added. Not for: where a
table's region begins and ends (`paragraphs`).
"""
from __future__ import annotations

import re

from ..chars import SPACE_RUN
from ..editorial import TableEntry
from ..errors import EditorialError, shown
from ..model import Block, BlockKind, BodyLine, PageStart, PassRecord, Provenance


def match_rows(spec: TableEntry, text: str) -> tuple[list[re.Match], int]:
    """The rows the row pattern matches in a table's text, from its start, one after another;
    and where matching stopped (the text's end when every word is in a row)."""
    assert spec.row is not None
    matches: list = []
    pos = 0
    while pos < len(text.rstrip()):
        m = spec.row.match(text, pos)
        if not m or m.end() == pos:
            break
        matches.append(m)
        pos = m.end()
    return matches, pos


def table_is_complete(spec: TableEntry, lines: list[BodyLine]) -> bool:
    """Do the lines of a table's region (after its header) already hold all its rows, end to
    end? Then the region ends there, even with no blank line after it (a page break)."""
    if spec.rows is None or not lines:
        return False
    text = " ".join(SPACE_RUN.sub(" ", line.text.strip()) for line in lines)
    matches, pos = match_rows(spec, text)
    return len(matches) == spec.rows and pos >= len(text.rstrip())


def rebuild_flattened_table(raw, seed: str, record: PassRecord) -> Block:
    """Rebuild a table that extraction flattened into lines, by the editorial file's row pattern.

    The header line is split into the given header cells; the rest of the region, joined with
    spaces, must be matched end to end by repeats of the row pattern, so no word can be lost.
    """
    spec = raw.table
    assert spec is not None
    parts = [SPACE_RUN.sub(" ", line.text.strip()) for line in raw.lines[1:]]
    text = " ".join(parts)
    # where each page that begins inside the table begins in its text
    page_at, at = [], 0
    for line, part in zip(raw.lines[1:], parts):
        if line.src.page_start:
            page_at.append((at, PageStart(line.src.page)))
        at += len(part) + 1
    matches, pos = match_rows(spec, text)
    if pos < len(text.rstrip()):
        raise EditorialError(f"table {shown(spec.header_line)}: the row pattern does not match at "
                             f"{shown(text[pos:pos + 40])}", path=seed, line=raw.lines[0].number,
                             fix=f"correct `row` of {spec.where} in the editorial file")
    rows = [[SPACE_RUN.sub(" ", c.strip()) for c in m.groups()] for m in matches]
    # a page that begins inside a row is marked at that row
    row_pages: dict[int, list[PageStart]] = {}
    for k, m in enumerate(matches):
        starts_here = [ps for off, ps in page_at if m.start() <= off < m.end()]
        if starts_here:
            row_pages[k] = starts_here
    header = list(spec.header)
    if "".join(header).replace(" ", "") != raw.lines[0].text.replace(" ", ""):
        raise EditorialError(f"table header cells {header} do not spell the header line", path=seed,
                             line=raw.lines[0].number, fix="correct `header` in the editorial file")
    if spec.rows is not None and len(rows) != spec.rows:
        raise EditorialError(f"table {shown(spec.header_line)}: found {len(rows)} rows, expected {spec.rows}",
                             path=seed, line=raw.lines[0].number, fix="check the row pattern")
    record.count("tables rebuilt", 1, f"L{raw.lines[0].number}: {len(rows)} rows × {len(header)} columns")
    return Block(BlockKind.TABLE, [], Provenance.spanning(seed, raw.lines), header=header, rows=rows,
                 source_lines=[l.number for l in raw.lines], chart=spec.chart, row_pages=row_pages,
                 pages_before=[PageStart(raw.lines[0].src.page)] if raw.lines[0].src.page_start else [])
