"""The page concordance: every printed page of the PDF has one anchor, in reading order."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from scripts.annotate.anchors import page_anchor, printed_range
from scripts.annotate.pages import label_page_starts
from scripts.model import Block, BlockKind, EditRecord, PageStart, Provenance
from scripts.site.markdown import page_mark
from tests.conftest import reading

FIRST_PRINTED, LAST_PRINTED = 6, 155     # seed-artifacts.md §1.4: position + 5, then + 6


def starts_in_reading_order(doc) -> list[PageStart]:
    return [p for c in doc.chapters for p, _ in c.page_starts()]


def test_every_printed_page_has_exactly_one_page_start(doc):
    printed = [p.printed for p in starts_in_reading_order(doc)]
    assert printed == list(range(FIRST_PRINTED, LAST_PRINTED + 1))


def test_page_starts_follow_the_extracts_pages(doc):
    ordinals = [p.ordinal for p in starts_in_reading_order(doc) if not p.blank]
    assert ordinals == list(range(1, max(doc.printed_pages) + 1))


def test_the_blank_page_is_marked_before_the_page_that_follows_it(doc):
    blank = [p for p in starts_in_reading_order(doc) if p.blank]
    assert blank == [PageStart(138, 143, blank=True, anchor="page-143", basis="placed")]
    annex_a = next(c for c in doc.chapters if c.title.startswith("Annex A"))
    assert [(p.printed, p.blank) for p in annex_a.blocks[0].pages_before] == [(143, True), (144, False)]


def test_a_page_break_inside_a_paragraph_stays_inside_it(doc):
    inside = [(b, x) for b in doc.blocks for x in b.inlines if isinstance(x, PageStart)]
    assert len(inside) == doc.record.total("paragraphs bridged across page breaks") == 46
    # "…recognise their experience as abuse and ⏎ getting them to trust…" (seed-artifacts §1.1)
    b = next(b for b, _ in inside if "as abuse and getting them to trust public services" in b.text)
    i = next(i for i, x in enumerate(b.inlines) if isinstance(x, PageStart))
    assert b.inlines[i - 1].endswith("as abuse and ") and b.inlines[i + 1].startswith("getting them")


@pytest.mark.parametrize("printed, ordinal, blank, basis, anchor, text", [
    (45, 40, False, "printed", "page-45", " [p. 45] "),
    (120, 115, False, "placed", "page-120", " [p. 120*] "),
    (143, 138, True, "placed", "page-143", " [p. 143* (no text)] "),
    (None, 7, False, "unknown", "extract-page-7", " [PDF text page 7] "),
])
def test_page_mark_markup(printed, ordinal, blank, basis, anchor, text):
    """The mark as text without a stylesheet: set apart by brackets, starred where inferred,
    saying so where the page left no text."""
    from bs4 import BeautifulSoup
    p = PageStart(ordinal, printed, blank, anchor=page_anchor(ordinal, printed), basis=basis)
    html = page_mark(p)
    [mark] = BeautifulSoup(html, "html.parser").find_all("span")
    assert p.anchor == anchor and mark["id"] == anchor and mark.get_text() == text
    assert mark["class"][0] == "page-number" and mark["role"] == "doc-pagebreak"
    assert ("left no text" in mark["aria-label"]) is blank
    assert ("inferred" in mark["aria-label"]) is (basis == "placed") is ("title" in mark.attrs)


def block_with(inlines, pages_before=()) -> Block:
    b = Block(BlockKind.PARAGRAPH, list(inlines), Provenance("s.txt", 1, 2, 1, 2))
    b.pages_before = list(pages_before)
    return b


def test_label_page_starts_numbers_and_places_the_blank_page():
    blocks = [block_with(["a ", PageStart(2), "b"], [PageStart(1)]), block_with(["c"], [PageStart(3)])]
    label_page_starts(blocks, {1: 6, 2: 7, 3: 9}, frozenset({3}), EditRecord().scope("test"))
    assert blocks[0].pages_before == [PageStart(1, 6, anchor="page-6")]
    assert blocks[0].inlines == ["a ", PageStart(2, 7, anchor="page-7"), "b"]
    assert blocks[1].pages_before == [PageStart(3, 8, blank=True, anchor="page-8", basis="placed"),
                                      PageStart(3, 9, anchor="page-9")]


def test_label_page_starts_leaves_an_unknown_number_unknown():
    blocks = [block_with(["x"], [PageStart(4)])]
    label_page_starts(blocks, {4: None}, frozenset({4}), EditRecord().scope("test"))
    assert blocks[0].pages_before == [PageStart(4, None, anchor="extract-page-4", basis="unknown")]   # not guessed


def test_chapter_page_ranges_cover_their_page_starts(doc):
    for c in doc.chapters:
        first, last = printed_range(doc, c)
        marks = [p.printed for p, _ in c.page_starts() if not p.blank]
        assert first <= last
        assert all(first <= n <= last for n in marks), c.title
    unhealthy = next(c for c in doc.chapters if c.title == "AN UNHEALTHY CULTURE")
    assert printed_range(doc, unhealthy) == (29, 32)


# ---------------------------------------------------------------------------------- the site

@pytest.fixture(scope="module")
def page_marks(site):
    marks = {}
    for f in sorted((site / "report").glob("*.html")):
        soup = reading(f.read_text(encoding="utf-8"))
        for el in soup.select(".page-number"):
            marks.setdefault(el["id"], []).append((f.name, el))
    return marks


def test_every_printed_page_has_one_anchor_in_the_site(page_marks):
    assert sorted(page_marks, key=lambda a: int(a.split("-")[1])) == \
        [f"page-{n}" for n in range(FIRST_PRINTED, LAST_PRINTED + 1)]
    assert all(len(v) == 1 for v in page_marks.values())


def test_page_marks_are_never_inside_a_heading(page_marks):
    inside = [a for a, [(f, el)] in page_marks.items() if el.find_parent(re.compile(r"^h[1-6]$"))]
    assert inside == []


def test_a_mark_inside_a_paragraph_keeps_the_paragraph_whole(page_marks, doc):
    b = next(b for b in doc.blocks if "as abuse and getting them to trust public services" in b.text)
    n = next(x.printed for x in b.inlines if isinstance(x, PageStart))
    _, el = page_marks[f"page-{n}"][0]
    p = el.find_parent("p")
    assert p is not None and el.parent is p
    assert str(el.previous_sibling).endswith("as abuse and ") and str(el.next_sibling).startswith("getting them")
    for mark in p.select(".page-number"):
        mark.decompose()
    assert "as abuse and getting them to trust public services" in " ".join(p.get_text().split())


def test_a_mark_at_the_start_of_a_list_item_stays_in_the_item(page_marks):
    _, el = page_marks["page-11"][0]
    li = el.find_parent("li")
    # without the stylesheet the mark reads " [p. 11] ", set apart from the item's first word
    assert li is not None and li.get_text().startswith(" [p. 11] a culture of covering up")


def test_pages_page_lists_every_page_with_a_working_link(site):
    soup = BeautifulSoup((site / "pages.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("article table tbody tr")
    assert len(rows) == LAST_PRINTED - FIRST_PRINTED + 1
    for n, row in zip(range(FIRST_PRINTED, LAST_PRINTED + 1), rows):
        link = row.select_one("a")
        star = "*" if 111 <= n <= 144 else ""         # the numbers that rest on the blank page's placement
        assert link.get_text() == f"p. {n}{star}" and link["href"].endswith(f".html#page-{n}")
        assert link["id"] == f"p-{n}"
    assert "no text" in rows[143 - FIRST_PRINTED].get_text()


def test_chapter_pages_say_which_pages_they_cover(site):
    soup = BeautifulSoup((site / "report" / "an-unhealthy-culture.html").read_text(encoding="utf-8"), "html.parser")
    note = soup.select_one("article .editorial-note")
    assert " ".join(note.get_text(" ").split()).startswith("In the PDF: pages 29–32.")
    assert note.select_one("a")["href"] == "../pages.html#p-29"
