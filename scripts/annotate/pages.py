"""The page concordance: every page start gets its printed page number and its id.

The extract keeps only some printed page numbers; the others follow from them (a page's
number is its place in the extract plus an offset that holds between two kept numbers). Where
the offset grows, a page of the PDF left no text; the editorial `[[untraced_pages]]` entry
says before which page it stood. Not for: finding the page starts (`clean.layout`).
"""
from __future__ import annotations

import bisect
import re

from ..errors import EditorialError, shown
from ..model import Block, Document, Inline, LineKind, PageStart, PassRecord, SourceLine
from .anchors import page_anchor


def place_untraced_pages(doc: Document, ctx) -> None:
    """The pages of the PDF that left no text, placed by the editorial file: each entry names
    the first words of the page after it, which must start exactly one block."""
    ed = ctx.editorial
    untraced = set()
    for u in ed.of("untraced_pages"):
        hits = [b for b in doc.blocks if b.text.strip().startswith(u.before) and any(
            line.page_start for line in doc.lines if line.number == b.prov.first_line)]
        if len(hits) != 1:
            raise EditorialError(f"{u.where}: before = {shown(u.before)} must name exactly one block "
                                 f"that starts a page (found {len(hits)})", path=ed.path, line=u.line,
                                 fix="use the first words of the page after the untraced page")
        untraced.add(hits[0].prov.first_page)
        ed.use(u)
        ctx.record.decide(hits[0].prov.first_line, f"a blank PDF page before “{u.before}”", f"editorial: {u.where}")
    doc.untraced = frozenset(untraced)


#: How a page's printed number is known (`PageStart.basis`):
PRINTED = "printed"    # the number survives in the extract, at the foot of this page
COUNTED = "counted"    # counted from the numbers that survive, with no page missing between
PLACED = "placed"      # counted too, but resting on where the editorial file places a page that left no text
UNKNOWN = "unknown"    # a page is missing nearby and nothing says where: not guessed


def page_numbers(lines: list[SourceLine], untraced_before: frozenset[int] = frozenset()
                 ) -> dict[int, tuple[int | None, str]]:
    """Each page ordinal's printed number, and how it is known (PRINTED, COUNTED, PLACED, UNKNOWN).

    A kept number belongs to the page it ends. Between two kept numbers with the same offset
    (printed minus ordinal) every page takes that offset. Where the offset grows, pages of the
    PDF left no text; `untraced_before` (from the editorial file) holds the ordinals of the pages
    that such a missing page stood before. If those do not account for the whole gap, the pages
    inside it get None: unknown, not guessed.
    """
    last_page = max((l.page for l in lines), default=0)
    anchors = [(l.page, int(l.raw.strip()) - l.page) for l in lines if l.kind is LineKind.PAGE_NUMBER]
    result: dict[int, tuple[int | None, str]] = {p: (None, UNKNOWN) for p in range(1, last_page + 1)}
    if not anchors:
        return result
    ordinals = [a[0] for a in anchors]
    for p in range(1, last_page + 1):
        # the nearest kept numbers at or below and at or above this page
        i_lo = bisect.bisect_right(ordinals, p) - 1
        i_hi = bisect.bisect_left(ordinals, p)
        q_lo, lo = anchors[i_lo] if i_lo >= 0 else (0, anchors[0][1])
        q_hi, hi = anchors[i_hi] if i_hi < len(anchors) else (last_page + 1, anchors[-1][1])
        if lo == hi:
            result[p] = (p + lo, PRINTED if p in ordinals else COUNTED)
            continue
        missing = [u for u in untraced_before if q_lo < u <= q_hi]
        if len(missing) == hi - lo:
            result[p] = (p + lo + sum(1 for u in missing if u <= p), PLACED)
    return result


def printed_page_numbers(lines: list[SourceLine], untraced_before: frozenset[int] = frozenset()
                         ) -> dict[int, int | None]:
    """Each page ordinal's printed number (see `page_numbers`)."""
    return {p: n for p, (n, _) in page_numbers(lines, untraced_before).items()}


def label_page_starts(blocks: list[Block], printed: dict[int, int | None], untraced: frozenset[int],
                      record: PassRecord, basis: dict[int, str] | None = None) -> list[Block]:
    """Give every page start its printed page number, once the numbers are known.

    A page of the PDF that left no text (an editorial `[[untraced_pages]]` entry says before
    which page it stood) gets its own mark, just before that page's: the mark says where it
    falls, and no printed page is without an anchor.
    """
    def labelled(ps: PageStart) -> list[PageStart]:
        n = printed.get(ps.ordinal)
        how = (basis or {}).get(ps.ordinal, PRINTED if n is not None else UNKNOWN)
        out = [PageStart(ps.ordinal, n, anchor=page_anchor(ps.ordinal, n), basis=how)]
        if ps.ordinal in untraced and n is not None:
            out.insert(0, PageStart(ps.ordinal, n - 1, blank=True, anchor=page_anchor(ps.ordinal, n - 1),
                                    basis=PLACED))
            record.count("blank PDF pages marked (editorial)")
        record.count("page starts marked", len(out))
        return out

    def relabel(inlines: list[Inline]) -> list[Inline]:
        return [y for x in inlines for y in (labelled(x) if isinstance(x, PageStart) else [x])]

    for b in blocks:
        b.pages_before = relabel(b.pages_before)       # type: ignore[arg-type]
        b.inlines = relabel(b.inlines)
        b.attribution = relabel(b.attribution)
        b.row_pages = {k: relabel(v) for k, v in b.row_pages.items()}   # type: ignore[misc]
    return blocks


def label_page_starts_step(doc: Document, ctx) -> None:
    numbers = page_numbers(doc.lines, doc.untraced)
    doc.printed_pages = {p: n for p, (n, _) in numbers.items()}
    doc.page_basis = {p: how for p, (_, how) in numbers.items()}
    label_page_starts(doc.blocks, doc.printed_pages, doc.untraced, ctx.record, doc.page_basis)
    for how in (PRINTED, COUNTED, PLACED, UNKNOWN):
        if n := sum(1 for b in doc.page_basis.values() if b == how):
            ctx.record.count(f"page numbers {how}", n)


SELF_REFERENCE = re.compile(r"\b(?:see |on |at )?(?:page|p\.) ?\d{1,3}\b")


def placement_evidence(doc: Document, ctx) -> None:
    """What the text itself says about where its blank pages stand: whether it names any of its
    own pages (its running text, not its footnotes, which cite other documents' pages), and
    whether its chapters begin only on odd or only on even pages (a layout rule would place a
    blank page); kept on the document for the About page."""
    if not doc.untraced:
        return
    refs = [b.prov.first_line for b in doc.blocks if SELF_REFERENCE.search(b.text)]
    starts = set()
    for c in doc.chapters:
        first = next((p for p in c.blocks[0].pages_before if not p.blank), None)
        number = first.printed if first else doc.printed_pages.get(c.blocks[0].prov.first_page)
        if number is not None:
            starts.add(number % 2)
    doc.page_evidence = {"self_references": len(refs), "chapter_start_parities": len(starts)}
    ctx.record.count("references of the text to its own pages", len(refs))
