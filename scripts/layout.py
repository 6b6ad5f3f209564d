"""Recognise the page layout that PDF extraction left in the text, line by line.

The extract marks the first text line of every PDF page with one leading space; a page
whose predecessor ends in a printed page number starts after that number's block instead.
Footnotes sit at the bottom of a page below a "rule" (a long run of spaces). This module
labels every line with its kind and page; it changes no text. Not for: joining lines or
deciding paragraphs (see `blocks`).
"""
from __future__ import annotations

import bisect
import re

from .model import LineKind, SourceLine

#: The first text line of a PDF page: exactly one leading space, then text.
PAGE_START_INDENT = re.compile(r"^ \S")
#: A printed page number standing alone on its line (1-3 digits).
LONE_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
#: A whitespace-only line at least this long stands for the footnote rule.
FOOTNOTE_RULE_MIN_WIDTH = 20


def _is_blank(line: str) -> bool:
    return line.strip() == ""


def find_footnote_rules(lines: list[str]) -> set[int]:
    """Indexes of lines that are the footnote rule: whitespace only and wide."""
    return {i for i, l in enumerate(lines) if _is_blank(l) and len(l) >= FOOTNOTE_RULE_MIN_WIDTH}


def find_page_numbers(lines: list[str]) -> set[int]:
    """Indexes of printed page numbers: a lone 1-3 digit number with blank lines both sides.

    Left alone: numbers inside text, table cells ("April 05-06 48 62 -") and a lone number
    that touches a text line, which is more likely content than furniture.
    """
    out = set()
    for i, l in enumerate(lines):
        if LONE_PAGE_NUMBER.match(l.strip()) and 0 < i < len(lines) - 1 \
                and _is_blank(lines[i - 1]) and _is_blank(lines[i + 1]):
            out.add(i)
    return out


def classify_lines(lines: list[str]) -> list[SourceLine]:
    """Label each line with its kind, its page ordinal and whether it starts a page."""
    n = len(lines)
    kinds: list[LineKind | None] = [None] * n
    rules = find_footnote_rules(lines)
    numbers = find_page_numbers(lines)

    for i in rules:
        kinds[i] = LineKind.FOOTNOTE_RULE
    for i in numbers:
        kinds[i] = LineKind.PAGE_NUMBER
        # the blank lines on both sides belong to the page-number block
        j = i - 1
        while j >= 0 and _is_blank(lines[j]) and kinds[j] is None:
            kinds[j] = LineKind.PAGE_NUMBER_GAP
            j -= 1
        j = i + 1
        while j < n and _is_blank(lines[j]) and kinds[j] is None:
            kinds[j] = LineKind.PAGE_NUMBER_GAP
            j += 1
    # blank lines at the end of the file
    j = n - 1
    while j >= 0 and _is_blank(lines[j]) and kinds[j] is None:
        kinds[j] = LineKind.END_GAP
        j -= 1
    for i in sorted(rules):
        # empty lines between the last text line and the rule
        j = i - 1
        while j >= 0 and _is_blank(lines[j]) and kinds[j] is None:
            kinds[j] = LineKind.FOOTNOTE_GAP
            j -= 1
        # footnote text runs to the next page start or page-number block
        j = i + 1
        while j < n and kinds[j] is None and not PAGE_START_INDENT.match(lines[j]):
            kinds[j] = LineKind.FOOTNOTE_GAP if _is_blank(lines[j]) else LineKind.FOOTNOTE_BODY
            j += 1

    out: list[SourceLine] = []
    page = 0
    after_number_block = False
    for i, l in enumerate(lines):
        kind = kinds[i]
        if kind is None:
            kind = LineKind.TEXT if not _is_blank(l) else (LineKind.EMPTY if l == "" else LineKind.SEPARATOR)
        starts = False
        indent = False
        if kind is LineKind.TEXT and PAGE_START_INDENT.match(l):
            starts = indent = True
        elif kind is LineKind.TEXT and after_number_block:
            starts = True
        if kind is LineKind.PAGE_NUMBER:
            after_number_block = True
        elif kind is LineKind.TEXT:
            after_number_block = False
        if starts or page == 0:
            page += 1
            starts = True
        out.append(SourceLine(number=i + 1, raw=l, kind=kind, page=page, page_start=starts,
                              indent_removed=indent))
    return out


def printed_page_numbers(lines: list[SourceLine], untraced_before: frozenset[int] = frozenset()
                         ) -> dict[int, int | None]:
    """Map each page ordinal to its printed page number, from the numbers the extract kept.

    A kept number belongs to the page it ends. Between two kept numbers with the same offset
    (printed minus ordinal) every page takes that offset. Where the offset grows, pages of the
    PDF left no text; `untraced_before` (from the editorial file) holds the ordinals of the pages
    that such a missing page stood before. If those do not account for the whole gap, the pages
    inside it get None: unknown, not guessed.
    """
    last_page = max((l.page for l in lines), default=0)
    anchors = [(l.page, int(l.raw.strip()) - l.page) for l in lines if l.kind is LineKind.PAGE_NUMBER]
    result: dict[int, int | None] = {p: None for p in range(1, last_page + 1)}
    if not anchors:
        return result
    ordinals = [a[0] for a in anchors]
    for p in range(1, last_page + 1):
        # the nearest kept numbers at or below and at or above this page
        i_lo = bisect.bisect_right(ordinals, p) - 1
        i_hi = bisect.bisect_left(ordinals, p)
        q_lo, lo = anchors[i_lo] if i_lo >= 0 else (0, anchors[0][1])
        q_hi, hi = anchors[i_hi] if i_hi < len(anchors) else (last_page + 1, anchors[-1][1])
        if lo == hi:
            result[p] = p + lo
            continue
        missing = [u for u in untraced_before if q_lo < u <= q_hi]
        if len(missing) == hi - lo:
            result[p] = p + lo + sum(1 for u in missing if u <= p)
    return result
