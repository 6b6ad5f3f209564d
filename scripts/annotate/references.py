"""The documents the report cites, and every place that cites them.

Two sources, kept apart:
- Documents that name themselves are found by rule (`RULES`, each tested on its own): Acts of
  Parliament ("the Local Government Act 1999", "the 2003 licensing act"), court cases ("Birmingham
  City Council v Riaz & Others"), reviews and inspections named with their subject ("Serious
  Case Review into Child S", "Corporate Governance Inspection of 2002"), titles quoted in full
  ("‘Inspection of services for …’"), and reports with their date ("November 2013 HMIC Report",
  "a report to the Audit Committee on 17th September 2014", "LSCB annual report 2009/10", "An
  audit of CSE cases in January 2014", "2009 OFSTED annual unannounced inspection of …").
- Other documents (the Jay report, statutory guidance, census data) and every other way the
  text names one ("the SCR", "the OFSTED inspection") are in the editorial file, `[[references]]`,
  with the phrases that cite them; an entry whose key is a rule's key gives that document its
  title, a case its citation, an Act its short title, or a public address, only where that
  address is the document's stable official one.

Editorial phrases are matched first; a rule's match that overlaps one is left to it. A footnote
that says "Ibid." cites the document of the nearest note before it that cites one.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..editorial import Editorial
from ..errors import EditorialError, shown
from ..model import BlockKind, Citation, CitedDocument, Document, NoteRef, PageStart
from .anchors import reference_anchor

YEAR = r"(?:1[89]\d\d|20\d\d)"
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: a capitalised word of a name ("Birmingham", "Barnardo’s", "Self-Regulation")
NAME_WORD = r"[A-Z][\w’'-]*"

#: "Local Government Act 1999", "Crime and Disorder Act 1998", "Data Protection Act (1998)",
#: "Anti-Social Behaviour, Crime and Policing Act 2014"
ACT = re.compile(r"(?P<name>(?:[A-Z][\w’'-]*,? (?:(?:and|of|for|in) )?)+Act)(?: of)? \(?(?P<year>" + YEAR + r")\)?")
#: "the 2003 licensing act": the year first, the name in lower case
ACT_YEAR_FIRST = re.compile(r"\b(?P<year>" + YEAR + r") (?!(?:the|a|an|this|that|and|of|in|to)\b)"
                            r"(?P<name>(?:[a-z][\w’'-]* ){1,3})act\b")
#: "Birmingham City Council v Riaz & Others": names in capitals either side of "v"
CASE = re.compile(r"(?P<a>(?:" + NAME_WORD + r" )*?" + NAME_WORD + r") v\.? (?P<b>" + NAME_WORD
                  + r"(?: " + NAME_WORD + r")*?)(?P<others> (?:&|and) (?:[Oo]thers|Ors|Anor|Another))?(?![\w’'-])")
#: "Serious Case Review into Child S", "(SCR) of Child S", "following the death of Child S",
#: "2010 Lessons Learned Review following Operation Central", "Corporate Governance Inspection of
#: 2002": a capitalised name ending in Review or Inspection, and its subject (a name or a year)
NAMED_REVIEW = re.compile(r"(?:\b" + YEAR + r" )?(?P<name>(?:" + NAME_WORD + r" ){1,4}(?:Review|Inspection))"
                          r"(?: \([A-Z]{2,}\))? (?:into|following|of) (?:the death of )?"
                          r"(?P<subject>" + YEAR + r"\b|" + NAME_WORD + r"(?: " + NAME_WORD + r")?)")
#: a document's title quoted in full: "‘Inspection of services for children …’", "‘Report on …’"
QUOTED_TITLE = re.compile(r"‘(?P<title>(?:Inspection|Report|Review) (?:of|on|into) [^’]+)’")
#: "September 2013 Barnardo’s report", "November 2013 HMIC Report": a month, a year, a name
REPORT_MONTH_FIRST = re.compile(r"\b(?P<date>" + MONTH + r" " + YEAR + r") (?P<name>" + NAME_WORD + r"(?: "
                                + NAME_WORD + r")*(?: [a-z]+)?) [Rr]eport\b")
#: "A report to the Audit Committee on 17th September 2014", "Cabinet Report on 3rd September
#: 2014", "a report prepared for SLT on 19th December 2011": a report, to whom, on a day
REPORT_ON_DAY = re.compile(r"(?P<name>(?:" + NAME_WORD + r" ){0,3}[Rr]eport) (?:(?:to|prepared for) (?:the )?"
                           r"(?P<body>" + NAME_WORD + r"(?: " + NAME_WORD + r")*) )?on (?P<date>" + DAY + " "
                           + MONTH + " " + YEAR + r")\b")
#: "LSCB annual report 2009/10"
ANNUAL_REPORT = re.compile(r"\b(?P<body>[A-Z]{2,}\w*) [Aa]nnual [Rr]eport (?P<period>" + YEAR + r"/\d\d)\b")
#: "2009 OFSTED annual unannounced inspection of contact, referral and assessment arrangements"
DATED_INSPECTION = re.compile(r"\b(?P<year>" + YEAR + r") (?P<body>[A-Z]{3,}) (?P<what>(?:[a-z]+ ){0,3}inspection "
                              r"of [a-z]+(?:,? (?:and )?[a-z]+)*)")
#: "An audit of CSE cases in January 2014"
DATED_AUDIT = re.compile(r"\b[Aa]n? audit of (?P<what>[\w ]+?) in (?P<date>" + MONTH + " " + YEAR + r")\b")
IBID = re.compile(r"^Ibid\b")


def words(s: str) -> str:
    return " ".join(s.split())


def act_key(name: str, year: str) -> str:
    name = re.sub(r"^(?:The|the) ", "", name)
    return f"{name} {year}"


def _case_key(m: re.Match) -> str:
    return f"{re.sub(r'^(?:The|In|See) ', '', m['a'])} v {m['b']}"


def _day(date: str) -> str:
    return re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", date)


def _report_on_day_key(m: re.Match) -> str:
    name = re.sub(r"^(?:[Aa]n?|[Tt]he) ", "", m["name"])
    body = f" to the {m['body']}" if m["body"] else ""
    return f"{name[:1].upper()}{name[1:]}{body}, {_day(m['date'])}"


@dataclass(frozen=True)
class Rule:
    """A way a document names itself: its pattern, the key of the document a match cites (the
    same key for every way of naming it), and what kind of document it is."""

    name: str
    pattern: re.Pattern[str]
    key: Callable[[re.Match], str]
    kind: str                   # "act", "case" or "document"


RULES: tuple[Rule, ...] = (
    Rule("act", ACT, lambda m: act_key(m["name"], m["year"]), "act"),
    Rule("act, year first", ACT_YEAR_FIRST, lambda m: f"{words(m['name']).title()} Act {m['year']}", "act"),
    Rule("case", CASE, _case_key, "case"),
    Rule("named review", NAMED_REVIEW, lambda m: f"{re.sub(r'^The ', '', m['name'])}, {m['subject']}", "document"),
    Rule("quoted title", QUOTED_TITLE, lambda m: words(m["title"]), "document"),
    Rule("report, month first", REPORT_MONTH_FIRST, lambda m: f"{m['name']} report, {m['date']}", "document"),
    Rule("report on a day", REPORT_ON_DAY, _report_on_day_key, "document"),
    Rule("annual report", ANNUAL_REPORT, lambda m: f"{m['body']} Annual Report {m['period']}", "document"),
    Rule("dated inspection", DATED_INSPECTION, lambda m: f"{m['body']} {m['what']}, {m['year']}", "document"),
    Rule("dated audit", DATED_AUDIT, lambda m: f"Audit of {m['what']}, {m['date']}", "document"),
)


def load_documents(ed: Editorial) -> list[CitedDocument]:
    return [CitedDocument(e.key, e.title, e.kind, e.url, e.url_source, e.phrases, e.reason, reference_anchor(e.key),
                          e.citation) for e in ed.of("references")]


def _paged_text(inlines, first_page: int | None) -> tuple[str, list[tuple[int, int | None]]]:
    """A block's text with its page starts left out, and where each page begins in it: a
    citation is found across a page break ("Crime and Disorder" / "Act 1998"), and cited on
    the page its first word stands on."""
    text, starts = "", [(0, first_page)]
    for x in inlines:
        if isinstance(x, PageStart):
            if not x.blank:
                starts.append((len(text), x.printed))
        elif not isinstance(x, NoteRef):
            text += x if isinstance(x, str) else x.text
    return text, starts


def _page_at(starts: list[tuple[int, int | None]], offset: int) -> int | None:
    return [page for at, page in starts if at <= offset][-1]


def citations_in(text: str, docs: list[CitedDocument]) -> list[tuple[str, str]]:
    """(document key, citing words) for every citation in a text, in order."""
    return [(k, w) for _, k, w in citations_at(text, docs)]


def citations_at(text: str, docs: list[CitedDocument]) -> list[tuple[int, str, str]]:
    """(offset, document key, citing words) for every citation in a text, in order."""
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for d in docs:
        for p in d.phrases:
            for m in p.finditer(text):
                found.append((m.start(), d.key, m.group(0)))
                taken.append(m.span())
    for rule in RULES:
        for m in rule.pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue                 # an editorial phrase or an earlier rule already names this
            found.append((m.start(), rule.key(m), m.group(0)))
            taken.append(m.span())
    return sorted(found)


def rule_kind(key: str, words: str) -> str:
    """The kind of the document a rule found: that of the first rule whose pattern gives it."""
    for rule in RULES:
        m = rule.pattern.search(words)
        if m and rule.key(m) == key:
            return rule.kind
    return "document"


def find_citations(doc: Document, ed: Editorial) -> tuple[list[CitedDocument], list[Citation]]:
    docs = load_documents(ed)
    citations: list[Citation] = []
    found_in: dict[str, list[tuple[int, str, str]]] = {}

    def cited_at(text: str) -> list[tuple[int, str, str]]:
        """`citations_at`, once for each text (a text met again, most often "", is not searched again)."""
        if text not in found_in:
            found_in[text] = citations_at(text, docs)
        return found_in[text]

    for c in doc.chapters:
        for b in c.blocks:
            if b.kind is BlockKind.GLOSSARY:
                continue
            start = [p for p in b.pages_before if not p.blank]
            first = start[-1].printed if start else doc.printed_pages.get(b.prov.first_page)
            for seq in (b.inlines, b.attribution):
                text, starts = _paged_text(seq, first)
                citations += [Citation(k, c, w, _page_at(starts, at)) for at, k, w in cited_at(text)]
            for row in b.rows:
                citations += [Citation(k, c, w, first) for _, k, w in cited_at(" ".join(row))]
    chapter_of_note = {n: c for c in reversed(doc.chapters) for n in c.footnotes_used()}
    last_cited: str | None = None
    for n, note in sorted(doc.footnotes.items()):
        c = chapter_of_note.get(n)
        if c is None:
            continue
        text = "".join(x if isinstance(x, str) else x.text for x in note.inlines
                       if not isinstance(x, (NoteRef, PageStart)))
        page = doc.printed_pages.get(note.prov.first_page)
        found = [(k, w) for _, k, w in cited_at(text)]
        if not found and IBID.match(text) and last_cited:
            citations.append(Citation(last_cited, c, "Ibid.", page, n, ibid=True))
            continue
        citations += [Citation(k, c, w, page, n) for k, w in found]
        if found:
            last_cited = found[-1][0]
    # the documents found by rule become documents too (an editorial entry with their key titles them)
    known = {d.key for d in docs}
    for cit in citations:
        if cit.key not in known:
            known.add(cit.key)
            docs.append(CitedDocument(cit.key, cit.key, rule_kind(cit.key, cit.words),
                                      anchor=reference_anchor(cit.key)))
    cited = {ci.key for ci in citations}
    for e in ed.of("references"):
        if e.key not in cited:
            raise EditorialError(f"{e.where} ({shown(e.key)}) is cited nowhere in the text", path=ed.path, line=e.line,
                                 fix="correct the phrases (case and spelling as printed) or remove the entry")
        ed.use(e)
    return docs, citations



def find_citations_step(doc: Document, ctx) -> None:
    doc.documents, doc.citations = find_citations(doc, ctx.editorial)
    ctx.record.count("documents cited", len(doc.documents))
    ctx.record.count("citations found (text and notes)", len(doc.citations))
