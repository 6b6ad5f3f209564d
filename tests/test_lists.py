"""Lists as printed (issue 10, class 4): an item's further paragraph stays in its item, and the
items an item ending with a colon opens are its sub-items.

The checks (`test_no_paragraph_breaks_a_list_apart`, `test_no_item_ending_with_a_colon_has_sibling_consequences`)
run over every list of the report; they found L1329 (p. 40) and L3446 (p. 93).
"""
from __future__ import annotations

import pytest

from scripts.clean.kinds import join_item_paragraphs, nest_items_after_a_colon
from scripts.model import Block, BlockKind, EditRecord, Provenance
from tests.conftest import reading


def block_at(doc, line: int) -> Block:
    [b] = [b for b in doc.blocks if b.source_lines and b.source_lines[0] == line]
    return b


def test_the_three_functions_are_one_list_of_three_items(doc):
    first = block_at(doc, 1323)
    further = block_at(doc, 1329)
    assert first.kind is further.kind is BlockKind.LIST_ITEM
    assert further.continues and further.marker == first.marker and further.depth == first.depth == 0
    assert further.text.startswith("A former Police District Commander")
    assert [block_at(doc, n).continues for n in (1340, 1347)] == [False, False]


def test_the_consequence_is_a_sub_item(doc):
    means = block_at(doc, 3443)
    consequence = block_at(doc, 3446)
    assert means.text.rstrip().endswith("which means:") and means.depth == 0
    assert consequence.kind is BlockKind.LIST_ITEM and consequence.depth == 1 and consequence.marker == "bullet"


@pytest.mark.parametrize("line, kind, depth", [
    pytest.param(5093, BlockKind.PARAGRAPH, 0, id="L5093-a-paragraph-that-opens-the-next-list"),
    pytest.param(4382, BlockKind.PARAGRAPH, 0, id="L4382-between-a-bullet-and-a-numbered-list"),
    pytest.param(131, BlockKind.LIST_ITEM, 1, id="L131-dash-items-under-their-colon-item-as-before"),
])
def test_blocks_beside_lists_stay_as_they_were(doc, line, kind, depth):
    b = block_at(doc, line)
    assert (b.kind, b.depth, b.continues) == (kind, depth, False)


def test_no_paragraph_breaks_a_list_apart(doc):
    """The check, over every list: a paragraph between two items of one list opens the next
    list (ends with a colon); none is an item's paragraph left outside it."""
    bad = []
    for c in doc.chapters:
        for above, b, below in zip(c.blocks, c.blocks[1:], c.blocks[2:]):
            if (b.kind is BlockKind.PARAGRAPH and above.kind is below.kind is BlockKind.LIST_ITEM
                    and (above.marker, above.depth) == (below.marker, below.depth)
                    and not b.text.rstrip().endswith(":")):
                bad.append(b.prov.first_line)
    assert bad == []
    assert doc.record.get("join_item_paragraphs", "list items with a further paragraph") == 1


def test_no_item_ending_with_a_colon_has_sibling_consequences(doc):
    """The check: the items after an item that ends with a colon are never its siblings."""
    bad = [b.prov.first_line for b, n in zip(doc.blocks, doc.blocks[1:])
           if b.kind is n.kind is BlockKind.LIST_ITEM and b.text.rstrip().endswith(":") and not n.continues
           and n.depth <= b.depth]
    assert bad == []
    assert doc.record.get("nest_items_after_a_colon", "list items nested under an item that ends with a colon") == 1


def item(text: str, marker: str = "bullet", depth: int = 0) -> Block:
    return Block(BlockKind.LIST_ITEM, [text], Provenance("s.txt", 1, 1, 1, 1), marker=marker, depth=depth)


def para(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, [text], Provenance("s.txt", 1, 1, 1, 1))


def record():
    return EditRecord().scope("test")


@pytest.mark.parametrize("blocks, joined", [
    pytest.param([item("One."), para("More on one."), item("Two.")], [False, True, False], id="between-items"),
    pytest.param([item("One."), para("Then these:"), item("Two.")], [False, False, False], id="opens-a-list"),
    pytest.param([item("One."), para("More."), item("Two.", marker="number")], [False, False, False],
                 id="between-two-lists-of-other-markers"),
    pytest.param([item("One."), para("More."), item("Two.", depth=1)], [False, False, False], id="other-depth"),
    pytest.param([para("Before."), item("One."), para("After.")], [False, False, False], id="after-the-list"),
])
def test_join_item_paragraphs(blocks, joined):
    out = join_item_paragraphs(blocks, record())
    assert [b.continues for b in out] == joined


@pytest.mark.parametrize("blocks, depths", [
    pytest.param([item("A, which means:"), item("B."), para("After.")], [0, 1, 0], id="ends-the-list"),
    pytest.param([item("A, which means:"), item("B."), item("C.")], [0, 1, 1], id="two-that-end-the-list"),
    pytest.param([item("A, which means:"), item("B."), item("C."), item("D.", marker="number")], [0, 0, 0, 0],
                 id="the-list-goes-on-in-another-kind"),
    pytest.param([item("A:"), item("B.", marker="dash", depth=1)], [0, 1], id="already-nested"),
    pytest.param([item("A."), item("B.")], [0, 0], id="no-colon"),
])
def test_nest_items_after_a_colon(blocks, depths):
    out = nest_items_after_a_colon(blocks, record())
    assert [b.depth for b in out] == depths


def test_the_lists_as_a_reader_sees_them(site):
    page = site / "report/the-role-of-risky-business-in-tackling-cse-in.html"
    soup = reading(page.read_text(encoding="utf-8"))
    [ul] = [u for u in soup.select("article ul") if "They collected information" in u.get_text()]
    items = ul.find_all("li", recursive=False)
    assert len(items) == 3 and len(items[0].find_all("p")) == 2
    assert items[0].find_all("p")[1].get_text().startswith("A former Police District Commander")
    page = site / "report/2-is-the-council-taking-steps-to-address.html"
    soup = reading(page.read_text(encoding="utf-8"))
    [li] = [li for li in soup.select("article li") if li.get_text().lstrip().startswith("The dominant use")]
    assert li.select_one("ul > li").get_text().startswith("No effective outreach youth work")
