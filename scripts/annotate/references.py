"""The documents the report cites, and every place that cites them.

Two sources, kept apart:
- Acts of Parliament are found by rule: a run of capitalised words ending in "Act" and a year
  ("the Local Government Act 1999", "Data Protection Act (1998)").
- Other documents (the Jay report, the Home Affairs Committee report, the OFSTED thematic report,
  statutory guidance, census data) are named in the editorial file, `[[references]]`, with the
  phrases that cite them; an entry may also rename an Act (the report prints "The Children’s Act
  1989") or give a public address, only where that address is the document's stable official one.

A footnote that says "Ibid." cites the document of the nearest note before it that cites one.
"""
from __future__ import annotations

import re

from ..editorial import Editorial
from ..errors import EditorialError, shown
from ..model import BlockKind, Citation, CitedDocument, Document, NoteRef, PageStart
from .anchors import reference_anchor

#: "Local Government Act 1999", "Crime and Disorder Act 1998", "Data Protection Act (1998)",
#: "Anti-Social Behaviour, Crime and Policing Act 2014"
ACT = re.compile(r"(?P<name>(?:[A-Z][\w’'-]*,? (?:(?:and|of|for|in) )?)+Act)(?: of)? \(?(?P<year>1[89]\d\d|20\d\d)\)?")
IBID = re.compile(r"^Ibid\b")


def act_key(name: str, year: str) -> str:
    name = re.sub(r"^(?:The|the) ", "", name)
    return f"{name} {year}"


def load_documents(ed: Editorial) -> list[CitedDocument]:
    return [CitedDocument(e.key, e.title, e.kind, e.url, e.url_source, e.phrases, e.reason, reference_anchor(e.key))
            for e in ed.of("references")]


def _segments(inlines, first_page: int | None) -> list[tuple[int | None, str]]:
    """A block's text cut at its page starts: (printed page, text) in order."""
    out: list[tuple[int | None, str]] = [(first_page, "")]
    for x in inlines:
        if isinstance(x, PageStart):
            if not x.blank:
                out.append((x.printed, ""))
        elif not isinstance(x, NoteRef):
            page, text = out[-1]
            out[-1] = (page, text + (x if isinstance(x, str) else x.text))
    return out


def _matches(text: str, docs: list[CitedDocument]) -> list[tuple[str, str]]:
    """(document key, citing words) for every citation in a text, in order."""
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for d in docs:
        for p in d.phrases:
            for m in p.finditer(text):
                found.append((m.start(), d.key, m.group(0)))
                taken.append(m.span())
    for m in ACT.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue                     # an editorial phrase already names this (a renamed Act)
        found.append((m.start(), act_key(m.group("name"), m.group("year")), m.group(0)))
    return [(k, w) for _, k, w in sorted(found)]


def find_citations(doc: Document, ed: Editorial) -> tuple[list[CitedDocument], list[Citation]]:
    docs = load_documents(ed)
    citations: list[Citation] = []
    for c in doc.chapters:
        for b in c.blocks:
            if b.kind is BlockKind.GLOSSARY:
                continue
            start = [p for p in b.pages_before if not p.blank]
            first = start[-1].printed if start else doc.printed_pages.get(b.prov.first_page)
            for seq in (b.inlines, b.attribution):
                for page, text in _segments(seq, first):
                    citations += [Citation(k, c, w, page) for k, w in _matches(text, docs)]
            for row in b.rows:
                citations += [Citation(k, c, w, first) for k, w in _matches(" ".join(row), docs)]
    chapter_of_note = {n: c for c in reversed(doc.chapters) for n in c.footnotes_used()}
    last_cited: str | None = None
    for n, note in sorted(doc.footnotes.items()):
        c = chapter_of_note.get(n)
        if c is None:
            continue
        text = "".join(x if isinstance(x, str) else x.text for x in note.inlines
                       if not isinstance(x, (NoteRef, PageStart)))
        page = doc.printed_pages.get(note.prov.first_page)
        found = _matches(text, docs)
        if not found and IBID.match(text) and last_cited:
            citations.append(Citation(last_cited, c, "Ibid.", page, n, ibid=True))
            continue
        citations += [Citation(k, c, w, page, n) for k, w in found]
        if found:
            last_cited = found[-1][0]
    # the Acts found by rule become documents too (an editorial entry with their key renames them)
    known = {d.key for d in docs}
    for cit in citations:
        if cit.key not in known:
            known.add(cit.key)
            docs.append(CitedDocument(cit.key, cit.key, "act", anchor=reference_anchor(cit.key)))
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
