"""Cross-references lead where a reader following them would look (issue 10, class 5).

The check `check_reference_directions` stops the build when a reference that says which way
it points ("later", "as outlined") is linked the other way; it found footnote 5's "detail
given later, in Section 1" linked to the start of Section One, before the note.
"""
from __future__ import annotations

import pytest

from scripts.annotate.xrefs import BACKWARD, FORWARD, direction_words, reference_positions
from scripts.model import XRef


@pytest.mark.parametrize("before, text, way", [
    ("5 A youth project – detail given later, in ", "Section 1", "forward"),
    ("As outlined in ", "section one", "back"),
    ("This is detailed in ", "the following chapter", "forward"),
    ("Further detail of joint police operations is described ", "later in this section", "forward"),
    ("This is also a matter dealt with in ", "Section 2", ""),
    ("(discussed more fully in ", "our chapter on the police", ""),
    ("It happened later. It is covered in ", "Section 2", ""),          # another sentence's "later"
    ("as was said above, and many other words stand between it and ", "Annex B", ""),   # too far
])
def test_direction_words(before, text, way):
    words = direction_words(before, text)
    found = "forward" if FORWARD.search(words) else "back" if BACKWARD.search(words) else ""
    assert found == way


def test_every_reference_that_states_a_way_points_that_way(doc):
    where = {}
    for ci, c in enumerate(doc.chapters):
        where.setdefault(c.title, (ci, 0))
        for bi, b in enumerate(c.blocks):
            where.setdefault(b.text.strip(), (ci, bi))
    stated = []
    for x, before, at, _line in reference_positions(doc):
        words = direction_words(before, x.text)
        if FORWARD.search(words):
            stated.append((x.text, where[x.target] > at))
        elif BACKWARD.search(words):
            stated.append((x.text, where[x.target] < at))
    assert sorted(stated) == [("Section 1", True), ("later in this section", True), ("section one", True),
                              ("the following chapter", True)]
    assert doc.record.get("check_reference_directions", "cross-references pointing forward, checked") == 3
    assert doc.record.get("check_reference_directions", "cross-references pointing back, checked") == 1


@pytest.mark.parametrize("text, target, note_names", [
    ("Section 1", "THE ROLE OF RISKY BUSINESS IN TACKLING CSE IN ROTHERHAM", "Risky Business"),
    ("section one", "Members", "An unhealthy culture"),
])
def test_the_two_references_found_lead_to_the_place_meant_and_say_so(doc, text, target, note_names):
    refs = [x for x, *_ in reference_positions(doc) if x.text == text]
    assert len(refs) == 1
    [x] = refs
    assert x.target == target and note_names in x.note


@pytest.mark.parametrize("text, linked", [
    ("detail given later, in Section 1, of this report", ["Section 1"]),
    ("under Section 10 of the Local Government Act 1999", []),       # a longer number
    ("see Section 1a", []),
    ("(Section 1)", ["Section 1"]),
])
def test_an_editorial_phrase_is_whole_words(text, linked):
    """The editorial "Section 1" never links the start of "Section 10"."""
    import tomllib

    from scripts.annotate.xrefs import link_cross_references
    from scripts.editorial import parse_editorial
    from scripts.model import Block, BlockKind, Chapter, EditRecord, Provenance
    toml = ('[[cross_references]]\nphrase = "Section 1"\ntarget = "Later"\nreason = "r"\n')
    ed = parse_editorial(tomllib.loads(toml), "test.toml", toml)
    prov = Provenance("s.txt", 1, 1, 1, 1)
    blocks = [Block(BlockKind.HEADING, ["Title"], prov, level=1), Block(BlockKind.PARAGRAPH, [text], prov),
              Block(BlockKind.HEADING, ["Later"], prov, level=2), Block(BlockKind.PARAGRAPH, ["Section 1"], prov)]
    chapters = [Chapter("Title", "t", "", blocks, prov)]
    link_cross_references(chapters, ed, EditRecord().scope("link_cross_references"))
    assert [x.text for x in blocks[1].inlines if isinstance(x, XRef)] == linked


def test_a_reference_to_the_wrong_place_is_linked_where_the_site_says(site):
    from bs4 import BeautifulSoup
    page = site / "report/1-is-the-council-taking-steps-to-address-past.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    [a] = [a for a in soup.select("article a") if a.get_text() == "section one"]
    assert a["href"] == "an-unhealthy-culture.html#members"
    target = BeautifulSoup((site / "report/an-unhealthy-culture.html").read_text(encoding="utf-8"), "html.parser")
    assert target.find(id="members").get_text().startswith("Members")
    note = a.find_parent("p").select_one(".xref-note")
    assert "Members" in note.get_text() and note.get_text().startswith("[")
