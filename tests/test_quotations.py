"""Who is speaking: every quotation's extent and its attribution (issue 10, class 1).

The check (`test_no_quotation_holds_its_attribution`, `test_no_paragraph_closes_the_quotation_above`)
runs over every block of the report; each instance it found before the fix is a case below, with
the blocks beside them that must stay as they are.
"""
from __future__ import annotations

import re

import pytest

from scripts.clean.kinds import unclosed_by
from scripts.model import BlockKind, inline_text
from tests.conftest import reading


def block_at(doc, line: int):
    [b] = [b for b in doc.blocks if b.source_lines and b.source_lines[0] == line]
    return b


#: (first seed line, kind, attribution, continues): the eight the checks found
FOUND = [
    # attribution left inside the quotation: a cited source, long or opening with a year
    pytest.param(2167, "QUOTE", "Email from police officer to Children’s Social Care, taken from Section 47 meeting "
                 "minutes", False, id="L2167-email-p62"),
    pytest.param(3277, "QUOTE", "2009 OFSTED annual unannounced inspection of contact, referral and assessment "
                 "arrangements", False, id="L3277-ofsted-2009-p89"),
    # the second paragraph of the SLT report's words, shown as narrative
    pytest.param(5460, "QUOTE", "", True, id="L5460-slt-report-continued-p141"),
    # attributions run into narrative that quotes
    pytest.param(983, "PARAGRAPH", "A former senior officer", False, id="L983-p31"),
    pytest.param(988, "PARAGRAPH", "A key partner", False, id="L988-p31"),
    pytest.param(1145, "PARAGRAPH", "A former social worker", False, id="L1145-p36"),
    pytest.param(4294, "PARAGRAPH", "An officer", False, id="L4294-p112"),
    pytest.param(4743, "PARAGRAPH", "a strategic partner", False, id="L4743-p123"),
]

#: blocks beside them, and look-alikes, that must keep their kind and attribution
UNCHANGED = [
    pytest.param(712, "QUOTE", "", id="L712-note-marker-is-no-attribution"),
    pytest.param(1689, "QUOTE", "", id="L1689-unattributed"),
    pytest.param(2161, "QUOTE", "Police Surgeon witness statement", id="L2161-above-the-email"),
    pytest.param(2171, "QUOTE", "Note from Section 47 meeting", id="L2171-below-the-email"),
    pytest.param(3265, "QUOTE", "A member of the Safeguarding Board", id="L3265-before-ofsted"),
    pytest.param(3282, "PARAGRAPH", "", id="L3282-narrative-after-ofsted"),
    pytest.param(5455, "QUOTE", "", id="L5455-slt-first-paragraph"),
    pytest.param(5463, "PARAGRAPH", "", id="L5463-narrative-after-slt"),
    pytest.param(5470, "QUOTE", "", id="L5470-slt-concludes"),
    pytest.param(1761, "PARAGRAPH", "", id="L1761-file-notes-mixed-marks"),
    pytest.param(2096, "PARAGRAPH", "", id="L2096-parenting-worker"),
    pytest.param(2457, "PARAGRAPH", "", id="L2457-narrative-ending-in-a-quote-mark"),
    pytest.param(3739, "PARAGRAPH", "", id="L3739-missing-as-a-quoted-word"),
    pytest.param(5368, "QUOTE", "anonymous letter to inspection team", id="L5368-anonymous-letter"),
    pytest.param(352, "QUOTE", "From a presentation given by a victim of CSE", id="L352-presentation"),
    pytest.param(627, "QUOTE", "Martin Kimber to the Communities and Local Government Select Committee", id="L627-kimber"),
    pytest.param(859, "PARAGRAPH", "", id="L859-a-sentence-after-a-quotation"),
    pytest.param(1776, "PARAGRAPH", "", id="L1776-narrative-after-a-quotation"),
    pytest.param(1874, "PARAGRAPH", "", id="L1874-narrative-after-a-quoted-phrase"),
]


@pytest.mark.parametrize("line, kind, attribution, continues", FOUND)
def test_each_quotation_found_has_its_extent_and_attribution(doc, line, kind, attribution, continues):
    b = block_at(doc, line)
    assert b.kind.name == kind
    assert inline_text(b.attribution) == attribution
    assert b.continues is continues
    assert not b.text.rstrip().endswith(attribution) or not attribution


@pytest.mark.parametrize("line, kind, attribution", UNCHANGED)
def test_the_blocks_beside_them_stay_as_they_were(doc, line, kind, attribution):
    b = block_at(doc, line)
    assert (b.kind.name, inline_text(b.attribution), b.continues) == (kind, attribution, False)


def test_the_checks_found_eight_and_count_every_quotation(doc):
    r = doc.record
    assert r.get("split_quotation_attributions", "quotations with attribution") == 141
    assert r.get("split_quotation_attributions", "quotations (no attribution)") == 22
    assert r.get("join_quotation_continuations", "quotations going on into a second paragraph") == 1
    assert r.get("set_apart_run_in_attributions", "attributions after a quotation run into narrative") == 5


def test_no_quotation_holds_its_attribution(doc):
    """The check, over every quotation: its text ends with a closing quote mark (and maybe a full
    stop) or an ellipsis, so nothing after its last mark (a source) is left inside it."""
    quotes = [b for b in doc.blocks if b.kind is BlockKind.QUOTE]
    assert len(quotes) == 164
    left = [(b.source_lines[0], b.text[-50:]) for b in quotes if not re.search(r"[’”'\"][.,]?$|…$", b.text.rstrip())]
    assert left == []


def test_no_paragraph_closes_the_quotation_above(doc):
    """The check, over every paragraph after a quotation: none ends with a closing mark it never
    opened (that mark closes the quotation above, which goes on)."""
    pairs = zip(doc.blocks, doc.blocks[1:])
    left = [b.source_lines[0] for a, b in pairs if a.kind is BlockKind.QUOTE and b.kind is BlockKind.PARAGRAPH
            and any(unclosed_by(b.text, m) for m in "‘“'\"")]
    assert left == []


def test_no_narrative_paragraph_ends_with_an_attribution(doc):
    """The check, over every paragraph that quotes: none ends with a tail that would be an
    attribution after a quotation block."""
    from scripts.chars import OPENING_QUOTES, split_attribution
    left = [b.source_lines[0] for b in doc.blocks if b.kind is BlockKind.PARAGRAPH and not b.attribution
            and (s := split_attribution(b.text.strip())) and any(q in s[0] for q in OPENING_QUOTES)]
    assert left == []


@pytest.mark.parametrize("text, mark, closed", [
    ("Due to the sensitivity of the information … of the data loss’.", "‘", True),
    ("it said ‘the data loss’.", "‘", False),                 # opened and closed in the paragraph
    ("the victims’ families were told.", "‘", False),         # no mark at the end
    ("the Members’", "‘", True),                              # as printed: a plural possessive at the very end
    ("he said “no” and left.”", "“", True),
    ("he said “no”.", "“", False),
    ("a parent’s view", "‘", False),
    ("it ends so’", "“", False),                               # not the quotation's kind of mark
])
def test_unclosed_by(text, mark, closed):
    assert unclosed_by(text, mark) is closed


def test_a_continued_quotation_is_one_quotation_of_two_paragraphs(site):
    soup = reading((site / "report/7-does-rotherham-cover-up-information-and.html").read_text(encoding="utf-8"))
    [quote] = [q for q in soup.select("article blockquote") if "offline working" in q.get_text()]
    paragraphs = [" ".join(p.get_text().split()) for p in quote.find_all("p")]
    assert len(paragraphs) == 2 and paragraphs[1].startswith("Due to the sensitivity")
    assert paragraphs[1].endswith("of the data loss’.")


@pytest.mark.parametrize("page, attribution, before, run_in", [
    ("report/an-unhealthy-culture.html", "A key partner", "whether you think that’s right or not”.", True),
    ("report/treatment-of-victims.html", "Email from police officer to Children’s Social Care, taken from Section 47 "
     "meeting minutes", "E confirmed A raped B.’", False),
])
def test_an_attribution_is_set_apart_right_after_its_quotation(site, page, attribution, before, run_in):
    soup = reading((site / page).read_text(encoding="utf-8"))
    [att] = [p for p in soup.select("article p.attribution") if " ".join(p.get_text().split()) == attribution
             and " ".join(p.find_previous_sibling("p").get_text().split()).endswith(before)]
    assert (att.find_parent("blockquote") is None) is run_in
    assert ("run-in-attribution" in att["class"]) is run_in
