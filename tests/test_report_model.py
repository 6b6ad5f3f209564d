"""The report's model against the independent artifact catalogue (shared/research/seed-artifacts.md)."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from scripts.annotate.xrefs import cross_reference_list
from scripts.model import BlockKind, LineKind, NoteRef, XRef


def test_layout_counts(doc):
    kinds = Counter(l.kind for l in doc.lines)
    assert kinds[LineKind.PAGE_NUMBER] == 10
    assert kinds[LineKind.FOOTNOTE_RULE] == 14
    assert kinds[LineKind.FOOTNOTE_BODY] == 27
    assert max(l.page for l in doc.lines) == 149
    assert sum(l.indent_removed for l in doc.lines) == 139


def test_printed_pages(doc):
    pages = doc.printed_pages
    assert pages[1] == 6 and pages[25] == 30 and pages[105] == 110 and pages[139] == 145 and pages[149] == 155
    assert all(pages[p] is not None for p in pages)
    assert sorted(pages.values()) == [p for p in range(6, 156) if p != 143]


def test_seventeen_footnotes_with_markers_in_order(doc):
    assert sorted(doc.footnotes) == list(range(1, 18))
    refs = [x.number for ln in doc.body_lines for x in ln.inlines if isinstance(x, NoteRef)]
    assert refs == list(range(1, 18))


@pytest.mark.parametrize("kind, marker, count", [
    (BlockKind.LIST_ITEM, "bullet", 212), (BlockKind.LIST_ITEM, "dash", 17), (BlockKind.LIST_ITEM, "number", 11),
])
def test_list_item_counts(doc, kind, marker, count):
    """Items as printed, each with its marker (an item's further paragraph has none of its own)."""
    assert sum(1 for b in doc.blocks if b.kind is kind and b.marker == marker and not b.continues) == count


def test_dash_list_nests_under_its_bullet(doc):
    dashes = [b for b in doc.blocks if b.marker == "dash"]
    assert all(b.depth == 1 for b in dashes)


def test_record_matches_catalogue(doc):
    r = doc.record
    assert r.get("build_raw_blocks", "paragraphs bridged across page breaks") == 46
    assert r.get("build_raw_blocks", "list items continued across an empty line") == 37
    assert r.get("to_blocks", "compound hyphens kept at line ends") == 12
    assert r.get("to_blocks", "tables rebuilt") == 2
    assert r.get("group_glossary_entries", "glossary entries") == 44
    assert (r.get("split_quotation_attributions", "quotations with attribution")
            + r.get("split_quotation_attributions", "quotations (no attribution)")) == 163


def test_headings(doc):
    levels = Counter(b.level for b in doc.blocks if b.kind is BlockKind.HEADING)
    assert levels == {1: 29, 2: 63, 3: 44, 4: 16}


def test_question_titles_are_headings_not_lists(doc):
    q = [b.text for b in doc.blocks if b.kind is BlockKind.HEADING and b.text[:2] in {f"{i}." for i in range(1, 8)}]
    assert len(q) == 7 and q[6] == "7. DOES ROTHERHAM COVER UP INFORMATION AND SILENCE WHISTLE-BLOWERS?"


def test_no_block_keeps_extraction_damage(doc):
    for b in doc.blocks:
        t = b.text
        assert "•" not in t, b.prov
        assert "  " not in t, b.prov
        assert not t.startswith(" ") and not t.endswith(" "), b.prov


def test_cross_references_found_and_targets(doc):
    refs = cross_reference_list(doc.chapters)
    texts = [(r[1], r[2]) for r in refs]
    assert ("Annex B", "Annex B: List of Rotherham Metropolitan Borough Council achievements") in texts
    assert ("our chapter on the police", "WHERE WERE THE POLICE?") in texts
    assert ("Part 2 of this report", "SECTION TWO: ROTHERHAM TODAY") in texts
    # references to Acts are not references to the report's parts
    assert not any("Child Abduct" in r[1] for r in refs)
    assert all(t for _, t in texts) and len(refs) == 15


GOLDEN_XREFS = Path(__file__).parent / "data" / "cross_references.tsv"


def test_every_cross_reference_and_its_target_golden(doc):
    """The full list of cross-references (body and footnotes) with their targets and rules.
    A change to it is reviewed in the diff; regenerate on purpose with UPDATE_GOLDEN=1."""
    rows = ["\t".join(r) for r in cross_reference_list(doc.chapters, doc.footnotes)]
    text = "where\tlink text\ttarget\trule\n" + "\n".join(rows) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN_XREFS.write_text(text, encoding="utf-8")
    assert text == GOLDEN_XREFS.read_text(encoding="utf-8")
    assert len(rows) == 22
    in_notes = [r for r in rows if ", note " in r.split("\t")[0]]
    assert {r.split("\t")[0].rsplit(" ", 1)[1] for r in in_notes} == {"5", "11", "12", "13", "15"}


def test_a_reference_to_a_heading_that_does_not_exist_says_so(doc):
    [x] = [x for x in doc.footnotes[13].inlines if isinstance(x, XRef) and x.text == "under Policing"]
    assert x.target == "Abduction notices" and "no heading “Policing”" in x.note
    noted = [x.text for n in doc.footnotes.values() for x in n.inlines if isinstance(x, XRef) and x.note]
    assert noted == ["Section 1", "under Policing"]       # footnote 5's (class 5 of issue 10), and this
