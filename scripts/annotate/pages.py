"""The page concordance: every page start gets its printed page number and its id.

The extract keeps only some printed page numbers; the others follow from them (a page's
number is its place in the extract plus an offset that holds between two kept numbers). Where
the offset grows, a page of the PDF left no text; the editorial `[[untraced_pages]]` entry
says before which page it stood. Not for: finding the page starts (`clean.layout`).
"""
from __future__ import annotations

import bisect

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


def printed_page_numbers(lines: list[SourceLine], untraced_before: frozenset[int] = frozenset()
                         ) -> dict[int, int | None]:
    """Map each page ordinal to its printed page number, from the numbers the extract kept.

    A kept number belongs to the page it ends. Between two kept numbers with the same offset
    (printed minus ordinal) every page takes that offset. Where the offset grows, pages of the
    PDF left no text; `untraced_before` (from the editorial file) holds the ordinals of the pages
    that such a missing page stood before. If those do not account for the whole gap, the pages
    inside it get None: unknown, not guessed.
    """
    last_page = max((l.page for l in lines), default=0)
    anchors = [(l.page, int(l.raw.strip()) - l.page) for l in lines if l.kind is LineKind.PAGE_NUMBER]
    result: dict[int, int | None] = {p: None for p in range(1, last_page + 1)}
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
            result[p] = p + lo
            continue
        missing = [u for u in untraced_before if q_lo < u <= q_hi]
        if len(missing) == hi - lo:
            result[p] = p + lo + sum(1 for u in missing if u <= p)
    return result


def label_page_starts(blocks: list[Block], printed: dict[int, int | None], untraced: frozenset[int],
                      record: PassRecord) -> list[Block]:
    """Give every page start its printed page number, once the numbers are known.

    A page of the PDF that left no text (an editorial `[[untraced_pages]]` entry says before
    which page it stood) gets its own mark, just before that page's: the mark says where it
    falls, and no printed page is without an anchor.
    """
    def labelled(ps: PageStart) -> list[PageStart]:
        n = printed.get(ps.ordinal)
        out = [PageStart(ps.ordinal, n, anchor=page_anchor(ps.ordinal, n))]
        if ps.ordinal in untraced and n is not None:
            out.insert(0, PageStart(ps.ordinal, n - 1, blank=True, anchor=page_anchor(ps.ordinal, n - 1)))
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
    doc.printed_pages = printed_page_numbers(doc.lines, doc.untraced)
    label_page_starts(doc.blocks, doc.printed_pages, doc.untraced, ctx.record)
