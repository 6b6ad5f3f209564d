"""Unit tests of the cleaning passes: named cases, including text that must stay unchanged."""
from __future__ import annotations

import pytest

from scripts.annotate.anchors import slugify
from scripts.annotate.pages import printed_page_numbers
from scripts.chars import split_attribution
from scripts.clean import footnotes, paragraphs
from scripts.clean.layout import classify_lines
from scripts.editorial import parse_editorial
from scripts.errors import EditorialError, StructureError
from scripts.model import BodyLine, EditRecord, LineKind, NoteRef, SourceLine


def record():
    return EditRecord().scope("test")

MEASURE = 86
RULE = " " * 60


def line(text: str, number: int = 1, page_start: bool = False) -> BodyLine:
    raw = (" " + text) if page_start else text
    sl = SourceLine(number, raw, LineKind.TEXT, 1, page_start=page_start, indent_removed=page_start)
    return BodyLine(sl, [sl.text])


def joined(*raw: str) -> str:
    inl = paragraphs.join_lines([line(r, i) for i, r in enumerate(raw, 1)], record())
    return "".join(x for x in inl if isinstance(x, str))


@pytest.mark.parametrize("lines, expected", [
    pytest.param(("Members are overly-", "reliant on officers "), "Members are overly-reliant on officers", id="compound-hyphen"),
    pytest.param(("creating a co-", "located team "), "creating a co-located team", id="co-located"),
    pytest.param(("SILENCE WHISTLE-", "BLOWERS? "), "SILENCE WHISTLE-BLOWERS?", id="caps-compound"),
    pytest.param(("changed to ‘10-", "day notice’ "), "changed to ‘10-day notice’", id="digit-compound"),
    pytest.param(("the periods of 1997- ", "2009 and 2009 - 2013 "), "the periods of 1997- 2009 and 2009 - 2013", id="dash-with-space-kept"),
    pytest.param(("any national data sets- ", "there are none. "), "any national data sets- there are none.", id="glued-dash-kept"),
    pytest.param(("done about it - ", "that isn’t "), "done about it - that isn’t", id="spaced-hyphen"),
    pytest.param(("they were not told – ", "it was "), "they were not told – it was", id="en-dash"),
    pytest.param(("We must  not lose ", "sight "), "We must not lose sight", id="double-space"),
    pytest.param(("harmed by association , as ", "have "), "harmed by association , as have", id="space-before-comma-kept"),
    pytest.param(("no hyphen here ", "at all "), "no hyphen here at all", id="plain-wrap"),
])
def test_join_lines(lines, expected):
    assert joined(*lines) == expected


@pytest.mark.parametrize("prev, nxt, joins", [
    pytest.param(["…recognise their experience as abuse and "], "getting them to trust", True, id="mid-sentence"),
    pytest.param(["…Council tax bills until reminders "], "or summons are issued.", True, id="lower-case-start"),
    pytest.param(["…ten days’ notice and "], "the Vehicle and Operator", True, id="no-terminal-punct"),
    pytest.param(["• In addition, RMBC has employed a Support Coordinator along with additional ",
                  "17.5 social workers, three team managers, three new Independent Reviewing "], "Officers and one solicitor",
                 True, id="capital-continuation"),
    pytest.param(["…Adult Services directorate "], "(NAS). Home to school transport", True, id="bracket-start"),
    pytest.param(["troubled times for the town. "], "The Council does not use", False, id="new-paragraph"),
    pytest.param(["“…other town that is actively looking for CSE.” A former senior officer "], "“I had no idea", False, id="after-attribution"),
    pytest.param(["“…No way, she’ll be killed!’ ” A key partner "], "Police failed to act on information", False, id="attribution-then-capital"),
    pytest.param(["…the page before ended. "], "WHERE WERE THE POLICE? ", False, id="chapter-title"),
    pytest.param(["…partners "], "• a culture of covering up", False, id="bullet"),
    pytest.param(["Schools "], "Work in schools to raise awareness", False, id="lone-heading-at-page-foot"),
])
def test_continues_across_page_break(prev, nxt, joins):
    block = [line(t, i) for i, t in enumerate(prev, 1)]
    got, why = paragraphs.continues_across_page_break(block, line(nxt, 99, page_start=True), MEASURE)
    assert got is joins, why


@pytest.mark.parametrize("item, nxt, continues", [
    pytest.param("• took and continues to take appropriate action against staff guilty of gross ", "misconduct; ", True, id="wrapped-lower"),
    pytest.param("• the council has worked with the Homes and Communities Agency and the private ", "Partnership to deliver", True, id="wrapped-capital-long-line"),
    pytest.param("• Reviewing policies, procedures and practices ", "The Inspection team is very grateful", False, id="short-item-ends-list"),
    pytest.param("• first item ", "• second item", False, id="next-bullet"),
    pytest.param("A plain paragraph line that is not a list item at all and is fairly long here ", "more", False, id="not-an-item"),
])
def test_continues_item_after_empty_line(item, nxt, continues):
    assert paragraphs.continues_item_after_empty_line([line(item)], line(nxt, 2), MEASURE)[0] is continues


@pytest.mark.parametrize("prev, nxt, new", [
    pytest.param("SLT - Senior Leadership Team ", "SRP - Safer Rotherham Partnership ", True, id="glossary-lines"),
    pytest.param("…and ‘fitted his personality perfectly’. ", "Members and officers said the following: ", True, id="short-line-paragraph-end"),
    pytest.param("…Pakistani heritage Councillors.  ", "“I have listened to Mahroof and Shaukat.", True, id="quotation-after-sentence"),
    pytest.param("IS THE COUNCIL TAKING STEPS TO ADDRESS PAST WEAKNESSES AND ", "DOES IT HAVE THE CAPACITY TO DO SO?", False, id="caps-title-wraps"),
    pytest.param("The Overview and Scrutiny Management Board (OSMB) that draws ", "up the scrutiny work programme", False, id="wrap-lower"),
    pytest.param("Terrible things happened in Rotherham and on a significant scale. Children were ", "sexually exploited", False, id="ordinary-wrap"),
    pytest.param("A short line with a compound co-", "Located thing", False, id="compound-at-short-line"),
])
def test_starts_new_block_within_page(prev, nxt, new):
    got, why = paragraphs.starts_new_block_within_page([line(prev)], line(nxt, 2), MEASURE)
    assert got is new, why


@pytest.mark.parametrize("text, expected", [
    pytest.param("“I think it’s quite sad.” A victim’s father", ("“I think it’s quite sad.”", "A victim’s father"), id="same-line"),
    pytest.param("“…care (of Rotherham)”. A current officer", ("“…care (of Rotherham)”.", "A current officer"), id="full-stop-after-quote"),
    pytest.param("“…don’t need to bother with me.” - A victim of CSE", ("“…don’t need to bother with me.”", "- A victim of CSE"), id="dash-kept"),
    pytest.param("‘…and not others.’ a Director", ("‘…and not others.’", "a Director"), id="lower-case-article"),
    pytest.param("“…if we we’re so c**p?” A Councillor", ("“…if we we’re so c**p?”", "A Councillor"), id="asterisks"),
    pytest.param("“A quotation with no attribution.”", None, id="no-attribution"),
    pytest.param("‘Missing’ can be defined as a child who runs away. It is a long sentence of narrative.", None, id="narrative-tail"),
    pytest.param("‘…delayed.’ 2009 OFSTED annual unannounced inspection of contact, referral and assessment arrangements",
                 ("‘…delayed.’", "2009 OFSTED annual unannounced inspection of contact, referral and assessment arrangements"),
                 id="a-year-opens-a-cited-source"),
    pytest.param("‘…raped B.’ Email from police officer to Children’s Social Care, taken from Section 47 meeting minutes",
                 ("‘…raped B.’", "Email from police officer to Children’s Social Care, taken from Section 47 meeting minutes"),
                 id="a-cited-source-runs-to-fourteen-words"),
    pytest.param("“…quoted.” 2009 was the year in which the Council did what it was told to do by the inspectors",
                 None, id="a-year-opening-narrative-is-no-source-when-it-has-no-capital-after"),
    pytest.param("was ‘like going back in time’. This is also a matter dealt with in Section 2.", None,
                 id="a-sentence-after-a-quotation-is-narrative"),
    pytest.param("‘…care.’ The girls then refused to give statements.", None, id="narrative-sentence-after-quote"),
    pytest.param("“…x.” Anyone who reads the report, the files and the minutes, the letters and the notes of "
                 "the meetings and the calls made to the police and social care then sees why",
                 None, id="thirty-one-words-is-no-attribution"),
    pytest.param("“…x.” A source named at length by the one who wrote it, with a clause; and then another clause",
                 None, id="a-long-tail-with-a-semicolon"),
])
def test_split_attribution(text, expected):
    assert split_attribution(text) == expected


# ----------------------------------------------------------------------------- layout
def test_classify_page_number_block_and_page_starts():
    text = ["Last line of a page. ", "", "", "", " ", "", "30 ", " ", "", "Heading after the number ", "Body text "]
    ls = classify_lines(text)
    kinds = [l.kind for l in ls]
    assert kinds[6] is LineKind.PAGE_NUMBER
    assert all(k is LineKind.PAGE_NUMBER_GAP for k in kinds[1:6] + kinds[7:9])
    assert ls[9].page_start and not ls[9].indent_removed and ls[9].page == 2
    assert printed_page_numbers(ls) == {1: 30, 2: 31}


@pytest.mark.parametrize("text", [
    pytest.param(["Figures for the year", "48 ", "were reported"], id="number-touching-text"),
    pytest.param(["April 05-06 48 62 - "], id="table-row"),
    pytest.param(["17.5 social workers"], id="decimal"),
])
def test_numbers_in_text_are_not_page_numbers(text):
    assert all(l.kind is LineKind.TEXT for l in classify_lines(text))


def test_footnote_rule_and_body_lines():
    text = [" Page one text with a marker.1 ", "", RULE, "1 The note, ", "which wraps. ", " Page two "]
    ls = classify_lines(text)
    assert [l.kind for l in ls] == [LineKind.TEXT, LineKind.FOOTNOTE_GAP, LineKind.FOOTNOTE_RULE,
                                   LineKind.FOOTNOTE_BODY, LineKind.FOOTNOTE_BODY, LineKind.TEXT]
    assert ls[5].page_start and ls[5].page == 2


def test_untraced_page_needs_editorial_placement():
    # kept numbers 10 (page 1) and 13 (page 3): one page left no trace between them
    text = ["a ", "", "", " ", "", "10 ", " ", "", "b ", " c ", "", "", " ", "", "13 ", " ", ""]
    ls = classify_lines(text)
    assert printed_page_numbers(ls) == {1: 10, 2: None, 3: 13}
    assert printed_page_numbers(ls, frozenset({3})) == {1: 10, 2: 11, 3: 13}


# ----------------------------------------------------------------------------- footnote markers
def _detach(text: list[str], editorial: dict | None = None):
    ls = classify_lines(text)
    rec = record()
    notes = footnotes.collect_footnote_bodies(ls, "t.txt", rec)
    body = [BodyLine(l, [l.text]) for l in ls if l.kind is LineKind.TEXT]
    footnotes.detach_footnote_markers(body, notes, ls, parse_editorial(editorial or {}, "t.editorial.toml"), "t.txt", rec)
    return body, notes


@pytest.mark.parametrize("marked, before, after", [
    pytest.param("the strong leader model’1 served ", "the strong leader model’", " served ", id="after-quote"),
    pytest.param("a Serious Case Review1 also ", "a Serious Case Review", " also ", id="after-word"),
    pytest.param("and nuisance behaviour.1", "and nuisance behaviour.", "", id="after-full-stop"),
    pytest.param("the ‘One Town’ campaign. 1", "the ‘One Town’ campaign. ", "", id="spaced-at-line-end"),
    pytest.param("when the children turn 18.1", "when the children turn 18.", "", id="after-number-and-stop"),
])
def test_detach_marker(marked, before, after):
    body, notes = _detach([" " + marked, "", RULE, "1 A note. ", " Next page "])
    assert body[0].inlines == [x for x in (before, NoteRef(1), after) if x]
    assert notes[1].text == "A note."


def test_year_is_never_split_into_a_marker():
    with pytest.raises(StructureError) as e:
        _detach([" In 2011 the council acted ", "", RULE, "1 A note. ", " Next page "])
    assert "footnote 1" in str(e.value) and e.value.fix


def test_fused_marker_ambiguity_needs_the_editorial_file():
    text = [" under 11’s and cases totalled 1071, a similar ", "", RULE, "1 A note. ", " Next page "]
    with pytest.raises(EditorialError) as e:
        _detach(text)
    assert "[[footnote_markers]]" in e.value.fix
    body, _ = _detach(text, {"footnote_markers": [{"note": 1, "context": "totalled 1071", "reason": "r"}]})
    assert body[0].inlines == ["under 11’s and cases totalled 107", NoteRef(1), ", a similar "]


def test_two_notes_in_one_block_and_wrapped_body():
    text = [" First point.1 Second point2 here ", "", RULE, "1 Note one, ", "wrapped. ", "2 Note two. ", " Next "]
    body, notes = _detach(text)
    assert notes[1].text == "Note one, wrapped." and notes[2].text == "Note two."
    assert [x for x in body[0].inlines if isinstance(x, NoteRef)] == [NoteRef(1), NoteRef(2)]


# ----------------------------------------------------------------------------- slugs
@pytest.mark.parametrize("text, slug", [
    ("THE ‘RACE ISSUE’", "the-race-issue"),
    ("Annex A: Serious Case Review into Child S - published 2012", "annex-a-serious-case-review-into-child-s"),
    ("Children’s Social Care attitude to victims:", "childrens-social-care-attitude-to-victims"),
    ("‘Missing’", "missing"),
    ("???", "section"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug
