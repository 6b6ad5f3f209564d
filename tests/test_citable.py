"""Every citable block has one id and one number: from its words, unique on its page, in order;
the serializer writes both, and the built page links each number to its own block."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from scripts.annotate.anchors import BLOCK_PREFIX, block_anchor, block_anchors, heading_anchors
from scripts.model import CITABLE, Block, BlockKind, Chapter, Provenance

PROV = Provenance("seed.txt", 1, 1, 1, 1)


def para(text: str, line: int = 1, kind: BlockKind = BlockKind.PARAGRAPH) -> Block:
    return Block(kind, [text], Provenance("seed.txt", line, line, 1, 1))


def chapter(*blocks: Block, number: int = 4) -> Chapter:
    title = Block(BlockKind.HEADING, ["TITLE"], PROV, level=1)
    return Chapter("TITLE", "title", "", [title, *blocks], PROV, number=number)


@pytest.mark.parametrize("text,want", [
    ("Victims who bravely spoke to Inspectors alerted us", "p-victims-who-bravely-spoke-to"),
    ("“It’s almost as if they were second class citizens”", "p-its-almost-as-if-they-were"),
    ("1400 children were sexually exploited", "p-1400-children-were-sexually"),
    ("Children’s Social Care", "p-childrens-social-care"),
    ("RMBC’s Licensing Board", "p-rmbcs-licensing-board"),
    ("— • …", "p-section"),                      # no word to name it by
])
def test_a_block_id_is_p_and_the_slug_of_its_first_words(text, want):
    assert block_anchor(para(text), set()) == want
    assert len(want) <= len(BLOCK_PREFIX) + 32


def test_an_id_depends_on_the_words_alone_not_the_lines_or_pages():
    a, b = para("The Council does not use", line=10), para("The Council does not use", line=9000)
    b.prov = Provenance("other.txt", 9000, 9004, 140, 141)
    assert block_anchor(a, set()) == block_anchor(b, set())


def test_equal_openings_on_a_page_get_2_3_in_order_and_headings_keep_theirs():
    same = [para("Inspectors found that the Council"), para("Inspectors found that the Council had")]
    heading = Block(BlockKind.HEADING, ["Inspectors found that"], PROV, level=2)
    c = chapter(same[0], heading, same[1])
    block_anchors(c, heading_anchors(c))
    assert heading.anchor == "inspectors-found-that"          # as published before blocks had ids
    assert [b.anchor for b in same] == ["p-inspectors-found-that-the", "p-inspectors-found-that-the-2"]


def test_numbers_are_the_chapter_then_the_citable_block_in_order():
    blocks = [para("One."), Block(BlockKind.HEADING, ["Sub"], PROV, level=2), para("Two.", kind=BlockKind.QUOTE),
              para("Three.", kind=BlockKind.LIST_ITEM)]
    c = chapter(*blocks, number=7)
    block_anchors(c, heading_anchors(c))
    assert [b.locator for b in c.blocks] == ["", "7.1", "", "7.2", "7.3"]


def test_a_table_is_named_by_its_cells():
    t = Block(BlockKind.TABLE, [], PROV, header=["Area of criticism", "Date(s)"], rows=[["Children", "2009"]])
    assert block_anchor(t, set()) == "p-area-of-criticism-date-s"     # cut at a word, at 32


# ---------------------------------------------------------------------------- the whole report
def test_every_citable_block_of_the_report_has_one_id_and_number(doc):
    for c in doc.chapters:
        ids = [b.anchor for b in c.blocks if b.anchor]
        assert len(ids) == len(set(ids)), c.title                     # unique on the page
        citable = [b for b in c.blocks if b.kind in CITABLE]
        assert all(b.anchor.startswith(BLOCK_PREFIX) for b in citable)
        assert [b.locator for b in citable] == [f"{c.number}.{k}" for k in range(1, len(citable) + 1)]
        assert all(not b.locator for b in c.blocks if b.kind not in CITABLE)
    assert [c.number for c in doc.chapters] == list(range(1, len(doc.chapters) + 1))


def test_ids_are_deterministic(edition):
    from scripts.pipeline import load_edition
    again = load_edition(edition.root).report
    assert [(b.anchor, b.locator) for c in again.chapters for b in c.blocks] == \
           [(b.anchor, b.locator) for c in edition.report.chapters for b in c.blocks]


def test_every_citable_block_stands_on_a_page(doc):
    for c in doc.chapters:
        for b in c.blocks:
            if b.kind in CITABLE:
                assert b.first_page is not None and b.last_page is not None, b.text[:40]
                assert b.first_page.printed <= b.last_page.printed
                assert c.printed_range[0] <= b.first_page.printed <= b.last_page.printed <= c.printed_range[1]


# ---------------------------------------------------------------------------- the built pages
def test_each_number_on_a_built_page_links_to_its_own_block(site, edition):
    from bs4 import BeautifulSoup

    from scripts.site import urls
    for c in edition.report.chapters:
        soup = BeautifulSoup((site / urls.html_path(urls.chapter_page(edition, c))).read_text(encoding="utf-8"),
                             "html.parser")
        numbers = soup.select("a.block-number")
        want = [b for b in c.blocks if b.locator]
        assert [a["data-number"] for a in numbers] == [b.locator for b in want]
        for a, b in zip(numbers, want):
            target = soup.find(id=a["href"][1:])
            assert target is not None and a["href"] == f"#{b.anchor}"
            assert target is a.parent or (target.name == "div" and "block-anchor" in target["class"])
            assert a.get_text() == f" [¶\u00a0{b.locator}] "          # readable without the stylesheet
            assert "annotation" in a["class"] and a.has_attr("data-search-exclude")
        assert not [k for k, n in Counter(el["id"] for el in soup.find_all(id=True)).items() if n > 1]


def test_a_number_never_reaches_the_search_index(site):
    import json
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    chapters = [d for d in docs if d["location"].startswith("report/")]
    assert chapters and not any(re.search(r"¶\s?\d+\.\d+", d["text"]) for d in chapters)


def test_a_block_id_is_unique_in_the_whole_report(doc):
    """One id names one paragraph wherever the report is read whole: the same opening words in two
    chapters get -2 in the later one."""
    ids = [b.anchor for c in doc.chapters for b in c.blocks if b.locator]
    assert len(ids) == len(set(ids))
    later = [b.anchor for c in doc.chapters for b in c.blocks if b.anchor == "p-inspectors-were-directed-to-2"]
    assert later, "the report has the same opening in several chapters: the later ones are numbered"
