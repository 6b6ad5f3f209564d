"""Paragraph boundaries that line length cannot settle (issue 10, class 11).

Where a paragraph's last line is full, or a page ends on a sentence, the extract shows no
break. The trailing spaces it left settle it: one after a line that wrapped, two or more after a
line the author ended. The check (`test_every_sentence_end_agrees_with_its_trailing_spaces`)
runs over every such seam; it found the 14 places below that the line-length rules decided
the other way (and one more seam the footnote gap decides), all listed on the About page.
"""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from scripts.chars import ends_terminally
from scripts.clean import paragraphs
from scripts.model import BlockKind, BodyLine, LineKind, SourceLine

#: (the line after the seam, a new paragraph there?, printed page)
FOUND = [
    pytest.param(254, True, 11, id="L253-254-p11"),
    pytest.param(264, True, 12, id="L263-264-p12"),
    pytest.param(332, False, 15, id="L328-332-p14-15"),
    pytest.param(1263, True, 38, id="L1262-1263-p38"),
    pytest.param(1874, True, 55, id="L1868-1874-p54-55-footnote-gap"),
    pytest.param(2023, True, 58, id="L2022-2023-p58"),
    pytest.param(2594, False, 72, id="L2585-2594-p71-72"),
    pytest.param(4480, True, 116, id="L4479-4480-p116"),
    pytest.param(4541, False, 118, id="L4540-4541-p117-118"),
    pytest.param(4600, False, 120, id="L4599-4600-p119-120"),
    pytest.param(4611, True, 120, id="L4610-4611-p120"),
    pytest.param(4684, False, 122, id="L4683-4684-p121-122"),
    pytest.param(4815, False, 125, id="L4814-4815-p124-125"),
    pytest.param(5235, True, 135, id="L5234-5235-p135"),
    pytest.param(5800, True, 151, id="L5799-5800-p151"),
]

#: seams beside them, decided by punctuation or line length, that must stay as they were
UNCHANGED = [
    pytest.param(889, True, id="L889-a-short-line-ends-the-paragraph"),
    pytest.param(1376, True, id="L1376-a-short-line"),
    pytest.param(5789, True, id="L5789-a-page-ending-with-three-spaces"),
    pytest.param(3344, False, id="L3344-a-page-ending-mid-sentence"),
    pytest.param(478, False, id="L478-page-starting-in-lower-case"),
    pytest.param(5, False, id="L5-a-wrapped-line"),
]


def starts_block(doc, line: int) -> bool:
    [b] = [b for b in doc.blocks if line in b.source_lines]
    return b.source_lines[0] == line


@pytest.mark.parametrize("line, new, page", FOUND)
def test_each_boundary_found_is_decided_by_its_spaces(doc, line, new, page):
    assert starts_block(doc, line) is new
    assert doc.printed_pages[doc.lines[line - 1].page] == page
    [d] = [d for d in doc.record.decisions if d.line == line and d.pass_name == "build_raw_blocks"]
    assert d.judgement and d.rule in paragraphs.SPACING_RULES


@pytest.mark.parametrize("line, new", UNCHANGED)
def test_the_seams_beside_them_stay_as_they_were(doc, line, new):
    assert starts_block(doc, line) is new
    assert not any(d.judgement for d in doc.record.decisions if d.line == line)


def test_every_sentence_end_agrees_with_its_trailing_spaces(doc):
    """The check, over every seam where a line ends a sentence on a full line and the next,
    in the same kind of block, starts like a new one: split exactly where two spaces or more
    stand (a page's footnote gap of spaces counts as a separator)."""
    ended = paragraphs.paragraph_ends_before_footnotes(doc.lines)
    block_of = {n: b for b in doc.blocks for n in b.source_lines}
    text = [ln for ln in doc.lines if ln.kind is LineKind.TEXT]
    checked, wrong = 0, []
    for a, b in zip(text, text[1:]):
        if a.number not in block_of or b.number not in block_of:
            continue
        between = doc.lines[a.number:b.number - 1]
        if any(x.kind is LineKind.SEPARATOR for x in between):
            continue
        A, B = block_of[a.number], block_of[b.number]
        if A.kind is not BlockKind.PARAGRAPH or B.kind is not BlockKind.PARAGRAPH:
            continue
        nxt = b.text.strip()
        if not ends_terminally(a.text) or not (nxt[:1].isupper() or nxt[:1].isdigit()):
            continue
        if paragraphs.room_left(a.text, nxt, doc.measure) >= paragraphs.HARD_BREAK_ROOM:
            continue                            # a short line: line length decides
        checked += 1
        spaces = len(a.raw) - len(a.raw.rstrip(" "))
        should_split = spaces >= paragraphs.PARAGRAPH_END_SPACES or b.number in ended
        if should_split is (A is B):
            wrong.append((a.number, b.number))
    assert checked >= 100 and wrong == []


def test_the_about_page_lists_every_judgement_call(site, doc):
    soup = BeautifulSoup((site / "about.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("h2#paragraph-boundaries").find_next("table")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    calls = sorted(d.line for d in doc.record.decisions if d.judgement)
    assert [int(r[1]) for r in rows] == calls and len(calls) == 17
    assert {r[3] for r in rows} == {"new paragraph", "one paragraph"}


def body_line(text: str, spaces: int, number: int = 1, page_start: bool = False) -> BodyLine:
    raw = (" " if page_start else "") + text + " " * spaces
    sl = SourceLine(number, raw, LineKind.TEXT, 1, page_start=page_start, indent_removed=page_start)
    return BodyLine(sl, [sl.text])


FULL = "x" * 70 + " ends a sentence."          # a full line at the measure below
MEASURE = 88


@pytest.mark.parametrize("prev, spaces, nxt, joins", [
    pytest.param(FULL, 1, "The next page goes on.", True, id="one-space-full-line-goes-on"),
    pytest.param(FULL, 2, "The next page goes on.", False, id="two-spaces-end-it"),
    pytest.param(FULL, 3, "The next page goes on.", False, id="three-spaces-end-it"),
    pytest.param("A short line ends here.", 1, "The next page starts.", False, id="short-line-ends-it"),
    pytest.param(FULL[:-1] + ",", 2, "and goes on.", True, id="lower-case-always-goes-on"),
])
def test_a_page_break_after_a_sentence(prev, spaces, nxt, joins):
    got, why = paragraphs.continues_across_page_break([body_line(prev, spaces)],
                                                      body_line(nxt, 1, 2, page_start=True), MEASURE)
    assert got is joins, why


@pytest.mark.parametrize("prev, spaces, nxt, new", [
    pytest.param(FULL, 2, "The next paragraph.", True, id="two-spaces-end-it"),
    pytest.param(FULL, 1, "The sentence goes on.", False, id="one-space-a-wrap"),
    pytest.param(FULL[:-1] + " and", 2, "The name goes on.", False, id="no-sentence-end"),
    pytest.param(FULL, 2, "and then goes on.", False, id="lower-case"),
])
def test_a_full_line_within_a_page(prev, spaces, nxt, new):
    got, why = paragraphs.starts_new_block_within_page([body_line(prev, spaces)], body_line(nxt, 1, 2), MEASURE)
    assert got is new, why


def test_a_gap_of_spaces_before_the_footnotes_ends_the_paragraph():
    def sl(n, raw, kind, page_start=False):
        return SourceLine(n, raw, kind, 1, page_start=page_start)
    lines = [sl(1, "a line of text. ", LineKind.TEXT), sl(2, " ", LineKind.FOOTNOTE_GAP),
             sl(3, " " * 60, LineKind.FOOTNOTE_RULE), sl(4, "1 a note", LineKind.FOOTNOTE_BODY),
             sl(5, "Next page.", LineKind.TEXT, page_start=True),
             sl(6, "more text. ", LineKind.TEXT), sl(7, "", LineKind.FOOTNOTE_GAP),
             sl(8, " " * 60, LineKind.FOOTNOTE_RULE), sl(9, "Another page.", LineKind.TEXT, page_start=True)]
    assert paragraphs.paragraph_ends_before_footnotes(lines) == {5}
