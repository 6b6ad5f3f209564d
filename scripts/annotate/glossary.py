"""The glossary: the report's own (its Annex F block) and the edition's, and every use of a term.

`collect_glossary` makes the glossary data: the report's entries, as printed, then the terms
the edition explains itself (editorial `[[edition_terms]]`, each checked against the text).
`mark_term_uses` then finds each use of a term in the text, in the order a page shows it, and
marks it where it stands (`TermUse`); the first use on each page is the one that links to the
Glossary. The counts per page are kept on the chapter, for the Glossary page. The words never
change: a mark only wraps them.
"""
from __future__ import annotations

from ..chars import CAPITALISED_WORD, in_capitals, term_pattern
from ..editorial import Editorial
from ..errors import EditorialError, shown
from ..model import (
    Block,
    BlockKind,
    Chapter,
    Document,
    Footnote,
    Glossary,
    GlossaryEntry,
    Inline,
    PassRecord,
    TermUse,
    TermUses,
)
from ..terms import term_matches
from .anchors import term_anchor


def collect_glossary(blocks: list[Block], footnotes: dict[int, Footnote], ed: Editorial, seed: str,
                     record: PassRecord) -> list[GlossaryEntry]:
    """The report's glossary (its glossary block, Annex F) as data, then the terms the edition
    explains itself (editorial `[[edition_terms]]`), each checked against the text."""
    report = [GlossaryEntry(t, e, "report", anchor=term_anchor(t))
              for b in blocks if b.kind is BlockKind.GLOSSARY for t, e in b.rows]
    known = {g.term for g in report}
    text = "\n".join(b.text + "\n" + "\n".join(" ".join(r) for r in b.rows)
                     for b in blocks if b.kind is not BlockKind.GLOSSARY)
    text += "\n" + "\n".join(n.text for n in footnotes.values())
    # the glossary's own expansions are marked too ("previously CRB and ISA")
    text += "\n" + "\n".join(e for b in blocks if b.kind is BlockKind.GLOSSARY for _, e in b.rows)
    edition = []
    for e in ed.of("edition_terms"):
        if e.term in known:
            raise EditorialError(f"{e.where} {shown(e.term)} is in the report's own glossary", path=ed.path,
                                 line=e.line, fix="remove the entry: the report's expansion is used")
        if not term_pattern([e.term]).search(text):
            raise EditorialError(f"{e.where} {shown(e.term)} does not occur in the text", path=ed.path, line=e.line,
                                 fix="remove the entry or correct the term (case and spelling as printed)")
        edition.append(GlossaryEntry(e.term, e.expansion, "edition", e.reason, anchor=term_anchor(e.term),
                                     not_in_capitals=e.not_in_capitals))
        ed.use(e)
    record.count("glossary terms (the report's)", len(report))
    record.count("glossary terms (the edition's)", len(edition))
    return report + edition


def collect_glossary_step(doc: Document, ctx) -> None:
    entries = collect_glossary(doc.blocks, doc.footnotes, ctx.editorial, ctx.editorial.path, ctx.record)
    doc.glossary = Glossary(entries, term_pattern([e.term for e in entries]) if entries else None)


class PageTerms:
    """The terms of one page as it is read: each use counted, the first use linked."""

    def __init__(self, glossary: Glossary, uses: dict[str, TermUses]) -> None:
        self.glossary = glossary
        self.uses = uses

    def mark(self, inlines: list[Inline], link: bool = True) -> list[Inline]:
        if self.glossary.pattern is None:
            return list(inlines)
        out: list[Inline] = []
        for x in inlines:
            if not isinstance(x, str):
                out.append(x)
                continue
            pos = 0
            for start, end, term in term_matches(x, self.glossary):
                use = self.uses.setdefault(term, TermUses())
                use.count += 1
                first = link and not use.linked
                use.linked = use.linked or first
                out += [x[pos:start], TermUse(x[start:end], term, first)]
                pos = end
            out.append(x[pos:])
        return [x for x in out if x != ""]


def mark_chapter_terms(chapter: Chapter, footnotes: dict[int, Footnote], glossary: Glossary) -> None:
    """Mark a chapter's terms in the order its page shows them: its blocks (a heading's terms
    are marked, never linked: a link there would compete with its permalink; a glossary's
    expansions are marked, not linked, their entries standing on the same page), then its notes."""
    page = PageTerms(glossary, chapter.term_uses)
    for b in chapter.blocks:
        if b.kind is BlockKind.TABLE:
            for col, cell in enumerate(b.header):
                b.cell_inlines[(-1, col)] = page.mark([cell])
            for r, row in enumerate(b.rows):
                for col, cell in enumerate(row):
                    b.cell_inlines[(r, col)] = page.mark([cell])
        elif b.kind is BlockKind.GLOSSARY:
            for r, (_term, expansion) in enumerate(b.rows):
                b.cell_inlines[(r, 1)] = page.mark([expansion], link=False)
        else:
            b.inlines = page.mark(b.inlines, link=b.kind is not BlockKind.HEADING)
            b.attribution = page.mark(b.attribution)
    for n in sorted(set(chapter.footnotes_used())):
        chapter.notes[n] = page.mark(footnotes[n].inlines)


def mark_term_uses(doc: Document, ctx) -> None:
    for c in doc.chapters:
        mark_chapter_terms(c, doc.footnotes, doc.glossary)
    ctx.record.count("abbreviations marked", sum(u.count for c in doc.chapters for u in c.term_uses.values()))


def unmarked_texts(chapter: Chapter) -> list[tuple[int, str]]:
    """(seed line, text) of every run of a chapter's words that no mark took: the text of its
    blocks (headings aside: their capitals are a title's), cells and notes as shown."""
    out: list[tuple[int, str]] = []
    for b in chapter.blocks:
        runs = [] if b.kind is BlockKind.HEADING else [*b.inlines, *b.attribution]
        runs += [x for cell in b.cell_inlines.values() for x in cell]
        if b.kind is BlockKind.TABLE and not b.cell_inlines:
            runs += [*b.header, *(c for row in b.rows for c in row)]
        out += [(b.prov.first_line, x) for x in runs if isinstance(x, str)]
    out += [(0, x) for inlines in chapter.notes.values() for x in inlines if isinstance(x, str)]
    return out


def check_every_abbreviation(doc: Document, ctx) -> None:
    """Every word with two capitals or more that no glossary term marked must be one the
    editorial file says is not an abbreviation to explain (`[[not_terms]]`): a name, a
    redaction, a misprint. Words of a run in capitals (a title quoted in capitals) are words."""
    listed = {e.word: e for e in ctx.editorial.of("not_terms")}
    for c in doc.chapters:
        for line, text in unmarked_texts(c):
            for m in CAPITALISED_WORD.finditer(text):
                word = m.group(0)
                if in_capitals(text, m.start(), m.end()) and word.isupper():
                    continue
                if word in listed:
                    ctx.editorial.use(listed[word])
                    ctx.record.count("capitalised words left unmarked (editorial)")
                    continue
                raise EditorialError(f"{shown(word)} is neither a glossary term nor listed as a word to leave "
                                     f"unmarked (in “{shown(c.title[:40])}”)", path=doc.seed_path,
                                     line=line or None,
                                     fix=f"add an [[edition_terms]] entry explaining {word}, or a [[not_terms]] entry "
                                         "saying why it is left alone (a name, a redaction, a misprint)")
