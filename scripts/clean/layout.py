"""Recognise the page layout that PDF extraction left in the text, line by line.

The extract marks the first text line of every PDF page with one leading space; a page
whose predecessor ends in a printed page number starts after that number's block instead.
Footnotes sit at the bottom of a page below a "rule" (a long run of spaces). This module
labels every line with its kind and page; it changes no text. Not for: joining lines or
deciding paragraphs (see `paragraphs`), or printed page numbers (see `annotate.pages`).
"""
from __future__ import annotations

import re

from ..errors import StructureError
from ..model import Document, LineKind, SourceLine

#: The first text line of a PDF page: exactly one leading space, then text.
PAGE_START_INDENT = re.compile(r"^ \S")
#: A printed page number standing alone on its line (1-3 digits).
LONE_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
#: A whitespace-only line at least this long stands for the footnote rule.
FOOTNOTE_RULE_MIN_WIDTH = 20
#: A report longer than this with no page break is taken to lack the page-start convention.
MIN_LINES_OF_A_PAGED_TEXT = 100


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


def classify_lines_step(doc: Document, ctx) -> None:
    """The pass: label the seed's lines, and count the furniture set aside."""
    doc.lines = classify_lines(doc.raw_lines)
    for line in doc.lines:
        if line.indent_removed:
            ctx.record.count("page-start indents removed")
        if line.kind is LineKind.PAGE_NUMBER:
            ctx.record.count("printed page numbers set aside", 1, f"L{line.number}: {line.raw.strip()}")
        if line.kind is LineKind.FOOTNOTE_RULE:
            ctx.record.count("footnote rules set aside")
    pages = max((line.page for line in doc.lines), default=0)
    if pages <= 1 and len(doc.raw_lines) > MIN_LINES_OF_A_PAGED_TEXT and doc.kind == "report":
        raise StructureError(
            f"no page breaks found in {len(doc.raw_lines)} lines: the pipeline expects the first text line of "
            "each PDF page to start with exactly one space (as in the seed), and found none", path=doc.seed_path,
            line=1, fix="extract the text again with page starts marked (one leading space on each page's first "
                        "line), or, from pdftotext's form feeds, replace each form feed by one space")
    ctx.record.count("PDF text pages recognised", pages)
