"""The rules that re-extractions of the report showed to depend on where lines and pages broke
(issue 11), each on the report's own words, with the text that must stay as it was beside it."""
from __future__ import annotations

import re

import pytest

from scripts import editorial
from scripts.annotate.references import _page_at, _paged_text, citations_at
from scripts.annotate.xrefs import keep_phrases_whole
from scripts.clean import paragraphs, tables
from scripts.clean.footnotes import _inside_context
from scripts.clean.kinds import detect_headings
from scripts.editorial import Editorial, Pattern, TableEntry
from scripts.errors import EditorialError
from scripts.model import (
    Block,
    BlockKind,
    BodyLine,
    EditRecord,
    LineKind,
    PageStart,
    PassRecord,
    Provenance,
    SourceLine,
)

MEASURE = 88


def line(text: str, number: int = 1, page_start: bool = False, spaces: int = 1) -> BodyLine:
    raw = (" " if page_start else "") + text + " " * spaces
    sl = SourceLine(number, raw, LineKind.TEXT, 1, page_start=page_start, indent_removed=page_start)
    return BodyLine(sl, [sl.text])


def record() -> PassRecord:
    return EditRecord().scope("test")


# a list item or a number that a line break left at a line's start
@pytest.mark.parametrize("above, text, item", [
    pytest.param(["This attitude of denial however was not restricted to inspections and reviews. The media"],
                 "- and in particular Andrew Norfolk, whose articles in The Times did much", False,
                 id="spaced-dash-in-lower-case"),
    pytest.param(["“I’m more confident now than ever - lots of work since 2012 we have a multi-agency group"],
                 "- 6-10 being abused at any one time.” A Councillor", False, id="spaced-dash-after-a-full-line"),
    pytest.param(["The chart below appeared in the LSCB annual report 2009/10 and covers 5 years April 05-April"],
                 "10. CSE ‘clients’ are those children and young people being worked with", False,
                 id="number-after-a-full-line"),
    pytest.param(["“They’ve got a poster with my birthday on it when I turn 18 and then they don’t need to bother with me.”"],
                 "- A victim of CSE", False, id="dash-of-an-attribution"),
    # negatives: the items of the report stay items
    pytest.param(["- Apna Haq"], "- Barnsley and Rotherham Chamber of Commerce", True, id="dash-item-after-dash-item"),
    pytest.param(["• Representatives from the following partners:"], "- Apna Haq", True, id="dash-item-after-a-colon"),
    pytest.param(["Some text that stops mid-way"], "• a bullet is always an item", True, id="bullet"),
    pytest.param(["The Council should:"], "1. Appoint a commissioner", True, id="numbered-item-after-a-colon"),
])
def test_a_marker_at_a_line_start(above, text, item):
    assert paragraphs.starts_item([line(t) for t in above], text, MEASURE) is item


@pytest.mark.parametrize("above, nxt, alone, joins", [
    pytest.param(["• a culture of covering up uncomfortable truths, silencing whistle-blowers and paying",
                  "off staff rather than dealing with difficult issues"],
                 "Despite Professor Jay’s findings, which we fully endorse, and substantial quantities", False, False,
                 id="short-last-line-ends-the-item"),
    pytest.param(["“…so c**p? We were just a soft touch for all sorts of people who wanted to come in here.”"],
                 "A former senior officer", True, True, id="attribution-on-the-next-page"),
    pytest.param(["complaints that have been discouraged, not accepted or not pursued.”"],
                 "The falsification of data and the missing young people", True, False,
                 id="heading-after-a-quotation"),
    pytest.param(["suggest a culture of patronage and an unwillingness to tackle unacceptable conduct by some."],
                 "Cabinet advisors:", True, False, id="run-in-label-heads-the-page"),
    pytest.param(["M had a termination at the age of 14 and was pregnant again at 15. She was removed from her",
                  "which gave the perpetrator greater access,"],
                 "K is 18 and exceptionally vulnerable. Concerns are reported that K has gone to", False, False,
                 id="short-line-ending-in-a-comma"),
    # negatives: a wrapped line still goes on
    pytest.param(["Inspectors found that there was inadequate recording in the case files of the young people"],
                 "known to Children’s Social Care, with no chronologies and no case summaries.", False, True,
                 id="lower-case-goes-on"),
    pytest.param(["A list of children known to Children’s Social Care because of CSE from 2001 2013 provided by"],
                 "RMBC to Professor Jay", True, True, id="full-line-mid-sentence-goes-on"),
    pytest.param(["Inspectors reviewed 19 case files in detail, including the four staff specifically requested."],
                 "The other 15 were chosen at random and included:", True, True, id="a-lead-in-is-no-label"),
])
def test_a_page_break(above, nxt, alone, joins):
    block = [line(t, k + 1) for k, t in enumerate(above)]
    got, why = paragraphs.continues_across_page_break(block, line(nxt, 9, page_start=True), MEASURE, alone)
    assert got is joins, why


def test_an_attribution_on_a_full_line_then_a_short_line_is_a_weak_decision():
    block = [line("“The Cabinet had failed in not scrutinising themselves enough for many years”. A leading")]
    got, why = paragraphs.continues_across_page_break(block, line("Labour Councillor", 2, True), MEASURE, True)
    assert got is False and why in paragraphs.WEAK_RULES


def heading_of(texts: list[str], measure: int = MEASURE) -> list[tuple[str, int]]:
    blocks = [Block(BlockKind.PARAGRAPH, [t], Provenance("s", k, k, 1, 1),
                    source_lines=list(range(10 * k, 10 * k + (2 if len(t) > measure - 10 else 1))))
              for k, t in enumerate(texts)]
    out = detect_headings(blocks, Editorial(), measure, record())
    return [(b.text, b.level) for b in out if b.kind is BlockKind.HEADING]


def test_a_subheading_that_wraps_for_its_length_stays_a_heading():
    texts = ["Application for an Injunction under the High Court's inherent Jurisdiction",
             "Applications for an injunction under the High Court’s inherent discretion may be made on the basis "
             "of evidence adduced from professionals and third parties."]
    assert heading_of(texts, 72) == [(texts[0], 2)]
    # negative: a two-line paragraph that ends a sentence is no heading
    assert heading_of(["A sentence that is long enough to wrap at this measure, and ends as one.", texts[1]], 72) == []


def test_a_run_of_names_stays_names_whatever_the_measure():
    names = ["Feizal Hajat, OBE", "Michele Harris, MBC", "Sarah Kincaid, Troubled Families Team, DCLG",
             "Lorraine Langham, CDir, FIoD, FCIPR", "Mary Ney, MSc"]
    for measure in (70, 88, 120):
        assert heading_of(names, measure) == []
    # negative: a heading before a lead-in sentence, or a quotation, stays a heading
    assert heading_of(["Role of the Police and other partners working with the CSE team",
                       "Concerns regarding the CSE SYP team identified by Inspectors included:",
                       "• a point"], 120) == [("Role of the Police and other partners working with the CSE team", 2)]
    assert heading_of(["Scrutiny and Standards", "“It is effectively a club which can’t be challenged.” A key partner",
                       "In undertaking this inspection, the inspection was directed."], 120) == [
        ("Scrutiny and Standards", 2)]


def test_a_footnote_context_matches_across_a_line_break():
    body = [line("at least 100 young people a year referred to in the period. In 2009-10 cases totalled", 1),
            line("1076, a similar number to previous years.", 2)]
    body[1].inlines = ["1076, a similar number to previous years."]
    assert _inside_context(body, 1, 0, 3, "cases totalled 1076, a similar")
    # negative: the same digits elsewhere are outside the context
    assert not _inside_context(body, 1, 0, 3, "totalled 1076, a different")


def test_a_citation_across_a_page_break_is_found_on_the_page_of_its_first_word():
    text, starts = _paged_text(["the Crime and Disorder ", PageStart(5, printed=124), "Act 1998 set up"], 123)
    [(at, key, words)] = [c for c in citations_at(text, []) if "1998" in c[2]]
    assert words == "Crime and Disorder Act 1998" and _page_at(starts, at) == 123


def test_a_page_start_inside_a_referring_phrase_moves_after_it():
    out = keep_phrases_whole(["as set out in the following ", PageStart(7), "chapter, the Council"],
                             [re.compile(r"the following chapter")], record(), 1)
    assert out == ["as set out in the following chapter", PageStart(7), ", the Council"]
    # negative: a page start outside any phrase stays where it is
    kept = ["as set out below. ", PageStart(7), "The Council"]
    assert keep_phrases_whole(kept, [re.compile(r"the following chapter")], record(), 1) == kept


def test_a_page_that_begins_inside_a_table_is_marked_at_its_row():
    spec = TableEntry(index=1, line=1, reason="r", header=("Year", "Cases"), header_line="Year Cases",
                      row=Pattern(r"(\d{4}) (\d+)", "row", "e.toml", 1, prefix=r"\s*", suffix=r"(?=\s|$)"))
    raw = paragraphs.RawBlock([line("Year Cases", 1, page_start=True), line("2009 10", 2), line("2010 12", 3),
                               line("2011 14", 4, page_start=True)], table=spec)
    b = tables.rebuild_flattened_table(raw, "s", record())
    assert b.rows == [["2009", "10"], ["2010", "12"], ["2011", "14"]]
    assert [p.ordinal for p in b.pages_before] == [1] and list(b.row_pages) == [2]


def test_a_table_ends_with_its_last_row_even_where_no_blank_line_follows():
    spec = TableEntry(index=1, line=1, reason="r", header=("Year", "Cases"), header_line="Year Cases", rows=2,
                      row=Pattern(r"(\d{4}) (\d+)", "row", "e.toml", 1, prefix=r"\s*", suffix=r"(?=\s|$)"))
    assert tables.table_is_complete(spec, [line("2009 10 2010"), line("12")])
    # negatives: a row short, or words no row holds, and the region goes on
    assert not tables.table_is_complete(spec, [line("2009 10")])
    assert not tables.table_is_complete(spec, [line("2009 10 2010 12 Inspectors found")])


def test_a_heading_run_into_the_text_above_is_named_where_it_stands():
    from scripts.clean.kinds import where_text_stands
    blocks = [Block(BlockKind.PARAGRAPH, ["…where an Abduction Notice had been served on the taxi driver. "
                                          "Responses to concerns Inspectors interviewed officers"],
                    Provenance("s", 4435, 4440, 1, 1))]
    said = where_text_stands(blocks, "Responses to concerns")
    assert "“Responses to concerns” stands inside the block of seed lines L4435-4440" in said
    assert "served on the taxi driver." in said and "[[paragraph_starts]]" in said
    # negative: text that begins a block, or stands nowhere, adds nothing
    assert where_text_stands(blocks, "…where an Abduction") == "" and where_text_stands(blocks, "Finance") == ""


@pytest.mark.parametrize("source, prefix, suffix", [
    ("Jay Review", "", ""), ("Jay Review", r"\b", r"(?=\s|$)"), ("Jay", r"(?<=the )", ""),
    ("Best-Value: ‘Guidance’ #1", "", ""),                     # plain: no character the engine reads otherwise
    (r"Jay(?:’s)? [Rr]eport", "", ""), ("J.y", "", ""), ("(?i)jay review", "", ""), (r"\bSCR\b", "", ""),
])
def test_a_pattern_searches_only_a_text_that_can_hold_it_and_finds_what_the_engine_finds(source, prefix, suffix):
    """A plain pattern is not run on a text without its words: the results are the engine's all the same."""
    p = Pattern(source, "t", "e.toml", 1, prefix=prefix, suffix=suffix)
    texts = ["", "the Jay Review and the Jay Review", "JAY REVIEW", "Jay Reviews, Jay’s report", "the Jay",
             "Best-Value: ‘Guidance’ #1 and Best-Value: ‘Guidance’ #12", "J y, Jay, SCR (SCR)", "Jay\nReview"]
    assert (p.literal is not None) == (not set(source) & set(".^$*+?{}[]\\|()"))
    for text in texts:
        assert [m.span() for m in p.finditer(text)] == [m.span() for m in p.compiled.finditer(text)], text
        assert getattr(p.search(text), "span", lambda: None)() == getattr(p.compiled.search(text), "span",
                                                                         lambda: None)(), text
        for pos in (0, 4):
            assert getattr(p.match(text, pos), "span", lambda: None)() == getattr(p.compiled.match(text, pos), "span",
                                                                                lambda: None)(), text


def test_a_patterns_time_budget_grows_with_the_text_it_has_searched(monkeypatch):
    """A pattern's budget is its fixed seconds plus a share for each million characters searched: a
    report fifty times as long runs the same patterns; what was searched counts, not what was skipped."""
    monkeypatch.setattr(editorial, "PATTERN_BUDGET", 2.0)
    monkeypatch.setattr(editorial, "PATTERN_BUDGET_PER_MB", 2.0)
    p = Pattern(r"Jay\s+Review", "t", "e.toml", 1)
    assert p.budget == 2.0
    p.finditer("x" * 500_000)
    p.search("x" * 250_000)
    p.match("x" * 250_000)
    assert p.budget == pytest.approx(4.0)
    plain = Pattern("Jay Review", "t", "e.toml", 1)
    plain.finditer("x" * 1_000_000)          # without its words: never handed to the engine, no budget earned
    assert plain.budget == 2.0


def test_a_cheap_pattern_over_a_long_text_outlasts_the_fixed_budget(monkeypatch):
    """The fixed share alone is far too small for this text; the share it earns by searching is enough."""
    monkeypatch.setattr(editorial, "PATTERN_BUDGET", 0.0)
    monkeypatch.setattr(editorial, "PATTERN_BUDGET_PER_MB", 60.0)
    p = Pattern(r"Jay\s+Review", "t", "e.toml", 1)
    for _ in range(20):
        assert len(p.finditer("the Jay Review. " * 20_000)) == 20_000
    assert p.spent > 0.0


def test_a_pattern_that_backtracks_without_end_stops_on_a_short_line(monkeypatch):
    """The share that grows with the text does not let a catastrophic pattern run on: one short
    line earns almost nothing, so it stops at about the fixed budget, naming the pattern."""
    monkeypatch.setattr(editorial, "PATTERN_BUDGET", 0.3)
    p = Pattern(r"(?:[a-z ]|[a-z ])+[0-9]", "references[1].phrases", "e.toml", 7)
    with pytest.raises(EditorialError) as err:
        p.search("the council did not take its duties seriously enough at all")
    assert "backtracks without end" in str(err.value) and err.value.line == 7
