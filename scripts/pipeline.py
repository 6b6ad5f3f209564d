"""The one ordered pipeline from a decoded seed to the document model.

Why this order: layout must be known before anything else (page starts, footnote areas and
page numbers are recognised by position); footnote texts are collected before markers are
looked for, because a marker is found through its note's number and page; markers leave
the running text before lines are joined, so a joined line can never fuse a marker to the
next word; blocks are formed before they are given a kind; glossary entries are grouped
before headings are looked for, so a short "TERM - Expansion" line is never a heading; lists
and quotations are marked after headings, which must not be list items or quotations;
chapters are cut last, at the level-1 headings.
"""
from __future__ import annotations

import re
import unicodedata

from . import passes, references, xrefs
from .editorial import Editorial
from .errors import EditorialError, StructureError, shown
from .layout import classify_lines, printed_page_numbers
from .model import Block, BlockKind, Chapter, Document, EditRecord, LineKind
from .seeds import SeedText

#: The passes in order, with the reason each stands where it does (see the module docstring).
PIPELINE: list[tuple[str, str]] = [
    ("classify_lines", "labels page starts, page-number blocks, footnote rules and bodies"),
    ("collect_footnote_bodies", "footnote texts, numbered, before markers are searched"),
    ("detach_footnote_markers", "markers leave the text before lines are joined"),
    ("build_raw_blocks", "paragraph, page-break and empty-line decisions"),
    ("to_blocks", "lines joined; compound hyphens kept; tables rebuilt"),
    ("group_glossary_entries", "TERM - Expansion runs, before headings"),
    ("detect_headings", "chapter titles, annex titles and subheadings"),
    ("mark_list_items", "bullets, dash items (nested) and numbered items"),
    ("split_quotation_attributions", "quotations and their attributions"),
    ("split_into_chapters", "one chapter per level-1 heading"),
    ("link_cross_references", "the report's references to its own parts become links, once chapters exist"),
    ("label_page_starts", "printed page numbers on the page starts, once the untraced page is placed"),
    ("collect_glossary", "the report's glossary as data, and the edition's own terms, checked against the text"),
    ("find_citations", "the documents the report cites (Acts by rule, others by editorial entry) and where; Ibid. resolved"),
]

SLUG_MAX = 48


def slugify(text: str, max_len: int = SLUG_MAX) -> str:
    """ASCII, lower case, hyphen-separated, cut at a word boundary: the one slug rule."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", t)
    out = ""
    for w in words:
        nxt = f"{out}-{w}" if out else w
        if len(nxt) > max_len and out:
            break
        out = nxt
    return out or "section"


def split_into_chapters(blocks: list[Block], ed: Editorial, seed: str) -> list[Chapter]:
    """Cut the blocks into chapters at level-1 headings; give each its navigation group.

    Groups come from the editorial `[[parts]]` list: each names the chapter title it starts at.
    """
    parts = ed.of("parts")
    chapters: list[Chapter] = []
    cur: list[Block] = []
    if blocks and not (blocks[0].kind is BlockKind.HEADING and blocks[0].level == 1):
        raise StructureError("the text does not open with a chapter title", path=seed,
                             line=blocks[0].prov.first_line,
                             fix="add the first heading to [[headings]] with level = 1 in the editorial file")

    def close() -> None:
        if not cur:
            return
        title = cur[0].text.strip()
        slug = slugify(title)
        taken = {c.slug for c in chapters}
        base, k = slug, 2
        while slug in taken:
            slug, k = f"{base}-{k}", k + 1
        prov = cur[0].prov
        for b in cur[1:]:
            prov = prov.merge(b.prov)
        chapters.append(Chapter(title, slug, "", list(cur), prov))

    for b in blocks:
        if b.kind is BlockKind.HEADING and b.level == 1:
            close()
            cur = [b]
        else:
            cur.append(b)
    close()
    group = ""
    starts = {p.starts: p for p in parts}
    for c in chapters:
        if c.title in starts:
            group = starts[c.title].label
            ed.use(starts[c.title])
        c.group = group
    for p in parts:
        if not ed.uses(p):
            raise EditorialError(f"{p.where} starts at {shown(p.starts)}, which is no chapter title", path=ed.path,
                                 line=p.line, fix="use a chapter title exactly as printed")
    return chapters


def run(seed: SeedText, seed_name: str, ed: Editorial) -> Document:
    """Run every pass over one seed and return the document model with its edit record."""
    record = EditRecord()
    for note in seed.normalised:
        record.count(f"input normalised: {note}")
    lines = classify_lines(seed.lines)
    for l in lines:
        if l.indent_removed:
            record.count("page-start indents removed")
        if l.kind is LineKind.PAGE_NUMBER:
            record.count("printed page numbers set aside", 1, f"L{l.number}: {l.raw.strip()}")
        if l.kind is LineKind.FOOTNOTE_RULE:
            record.count("footnote rules set aside")
    record.count("PDF text pages recognised", max((l.page for l in lines), default=0))
    notes = passes.collect_footnote_bodies(lines, seed_name, record)
    body = [passes.Line(l, [l.text]) for l in lines if l.kind is LineKind.TEXT]
    passes.detach_footnote_markers(body, notes, lines, ed, seed_name, record)
    by_number = {ln.number: ln for ln in body}
    body_lines = [l for l in lines if l.kind in (LineKind.TEXT, LineKind.SEPARATOR, LineKind.EMPTY)]
    measure = passes.line_measure(lines)
    raws = passes.build_raw_blocks(body_lines, by_number, ed, measure, record)
    blocks = passes.to_blocks(raws, seed_name, record)
    blocks = passes.group_glossary_entries(blocks, record)
    blocks = passes.detect_headings(blocks, ed, measure, record)
    blocks = passes.mark_list_items(blocks, record)
    blocks = passes.split_quotation_attributions(blocks, ed, record)
    chapters = split_into_chapters(blocks, ed, seed_name)
    xrefs.link_cross_references(chapters, ed, record, notes)
    untraced = set()
    for u in ed.of("untraced_pages"):
        hits = [b for b in blocks if b.text.strip().startswith(u.before) and any(
            l.page_start for l in lines if l.number == b.prov.first_line)]
        if len(hits) != 1:
            raise EditorialError(f"{u.where}: before = {shown(u.before)} must name exactly one block "
                                 f"that starts a page (found {len(hits)})", path=ed.path, line=u.line,
                                 fix="use the first words of the page after the untraced page")
        untraced.add(hits[0].prov.first_page)
        ed.use(u)
    pages = printed_page_numbers(lines, frozenset(untraced))
    passes.label_page_starts(blocks, pages, frozenset(untraced), record)
    glossary = passes.collect_glossary(blocks, notes, ed, ed.path, record)
    doc = Document(seed_name, lines, blocks, notes, chapters, record, pages, body, glossary)
    doc.documents, doc.citations = references.find_citations(doc, ed)
    ed.require_all_used()
    record.count("documents cited", len(doc.documents))
    record.count("citations found (text and notes)", len(doc.citations))
    return doc
