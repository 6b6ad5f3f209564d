"""Every id a page of the edition is linked by: one slug rule, one uniqueness rule.

A chapter's slug (its page's file name), a heading's id, a page mark's, a footnote's, a
glossary term's, a cited document's, a chart's: each is made here, from the document's
structure and words (never from line numbers, run order, time or randomness), and held on
the model, where the site and the checks read it. Published ids never change: the rules
below are those of the first edition, and the tests pin their output.

- `slugify`: ASCII, lower case, words joined by hyphens, cut at a word boundary;
- `unique`: the first of equal slugs keeps it, the next get -2, -3… in document order (on a
  page; a citable block's, in the whole report).
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import EditorialError, shown
from ..model import CITABLE, Block, BlockKind, Chapter, Document, PageStart

#: how long a slug may grow: a chapter's file name, and a heading's or a document's id
CHAPTER_SLUG_MAX = 48
HEADING_SLUG_MAX = 60
#: the id of a chapter's title (its h1): the top of its page
TITLE_ANCHOR = "top"
#: a citable block's id: this prefix and the slug of its first words, up to this length
BLOCK_PREFIX = "p-"
BLOCK_SLUG_MAX = 32


def slugify(text: str, max_len: int = CHAPTER_SLUG_MAX) -> str:
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


def unique(base: str, taken: set[str] | _Both) -> str:
    """`base`, or `base-2`, `base-3`… whichever is free; recorded as taken."""
    slug, k = base, 2
    while slug in taken:
        slug, k = f"{base}-{k}", k + 1
    taken.add(slug)
    return slug


def page_anchor(ordinal: int, printed: int | None) -> str:
    """A page mark's id: `page-45` for printed page 45; a page whose number is unknown is named
    by its place in the extract."""
    return f"page-{printed}" if printed is not None else f"extract-page-{ordinal}"


def term_anchor(term: str) -> str:
    """A glossary term's id on the Glossary page; `use-` + it marks a page's first use."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def use_anchor(term_id: str) -> str:
    return "use-" + term_id


def reference_anchor(key: str) -> str:
    """A cited document's id on the References page."""
    return "ref-" + slugify(key, HEADING_SLUG_MAX)


def footnote_anchor(number: int) -> str:
    """A footnote's id: the footnotes extension's, from the label `[^N]` (the report's number)."""
    return f"fn:{number}"


def footnote_ref_anchor(number: int) -> str:
    return f"fnref:{number}"


def chapter_slugs(chapters: list[Chapter]) -> None:
    """Each chapter's slug, from its title: the name of its page."""
    taken: set[str] = set()
    for c in chapters:
        c.slug = unique(slugify(c.title), taken)


def heading_anchors(chapter: Chapter, taken: set[str] | None = None) -> set[str]:
    """Each heading's id: the title's is `top`, the others' the slug of their text. Returns the
    ids taken on the page."""
    taken = set() if taken is None else taken
    for b in chapter.blocks:
        if b.kind is BlockKind.HEADING:
            b.anchor = unique(TITLE_ANCHOR if b.level == 1 else slugify(b.text, HEADING_SLUG_MAX), taken)
    return taken


def block_anchor(block: Block, taken: set[str] | _Both) -> str:
    """A citable block's id: `p-` and the slug of its first words ("p-victims-who-bravely-spoke-to"),
    made unique on its page. From its words alone, so the same paragraph has the same id however
    the PDF's text was extracted, and a paragraph added or removed elsewhere moves no other's."""
    return unique(BLOCK_PREFIX + slugify(block.words, BLOCK_SLUG_MAX), taken)


class _Both:
    """Two sets of ids read as one: an id is taken if either holds it, and is added to both. (A
    union built for every block would copy every id of the report before it, once a block.)"""

    def __init__(self, *sets: set[str]) -> None:
        self.sets = sets

    def __contains__(self, slug: object) -> bool:
        return any(slug in s for s in self.sets)

    def add(self, slug: str) -> None:
        for s in self.sets:
            s.add(slug)


def block_anchors(chapter: Chapter, taken: set[str], report_taken: set[str] | None = None) -> None:
    """Each citable block's id (after the headings', which keep theirs) and number: the chapter's
    number, then the block's place among the chapter's citable blocks ("4.12"). A block's id is
    unique in the whole report (`report_taken`, the blocks' ids of the chapters before), not only
    on its page: one id names one paragraph wherever the report is read whole (the single-file
    edition, an e-book)."""
    report_taken = set() if report_taken is None else report_taken
    k = 0
    for b in chapter.blocks:
        if b.kind in CITABLE:
            k += 1
            b.anchor = block_anchor(b, _Both(taken, report_taken))
            b.locator = f"{chapter.number}.{k}"


def article_anchors(chapter: Chapter, taken: set[str]) -> None:
    """An article's own blocks' ids, by the same rule as the report's (no numbers: the article
    is the press's, not the report's, to number); its web furniture gets none."""
    for b in chapter.blocks:
        if b.kind in CITABLE and not b.layer:
            b.anchor = block_anchor(b, taken)
            taken.add(b.anchor)


def printed_range(doc: Document, c: Chapter) -> tuple[int | None, int | None]:
    """The printed pages a chapter's text runs over: from the page its first line is on (a blank
    page marked before it does not count) to the page of its last line."""
    first_marks = [p for p in c.blocks[0].pages_before if not p.blank]
    first = first_marks[0].printed if first_marks else doc.printed_pages.get(c.blocks[0].prov.first_page)
    last = doc.printed_pages.get(max(b.prov.last_page for b in c.blocks))
    return first, last


def block_pages(chapters: list[Chapter]) -> None:
    """The page starts in effect at each citable block's first and last words, in reading order:
    the pages a citation of the block names."""
    current: PageStart | None = None
    for c in chapters:
        for b in c.blocks:
            starts = [p for p, _ in b.page_starts() if not p.blank]
            if b.pages_before:
                current = next((p for p in reversed(b.pages_before) if not p.blank), current)
            first = current
            if starts:
                current = starts[-1]
            if b.kind in CITABLE:
                b.first_page, b.last_page = first, current


def chart_anchors(chapter: Chapter) -> None:
    n = 0
    for b in chapter.blocks:
        if b.chart:
            n += 1
            b.chart_anchor = f"chart-{n}"


def page_slug(address: str) -> str:
    """The chapter slug of an address: its page's file name ("report/foreword.html#x" -> "foreword")."""
    return address.partition("#")[0].rsplit("/", 1)[-1].removesuffix(".html")


def apply_successors(doc: Document, ctx) -> None:
    """Old ids kept where their words now stand: each `[[successors]]` entry whose old anchor is
    gone from its chapter (or whose chapter was renamed) gives the element that now holds the
    words the old id as an alias, so an old link still lands on them. An entry whose new
    address names a chapter or an anchor this edition does not have stops the build; one for an
    edition page (not a chapter) is checked against the built site (`verify.manifest`)."""
    chapters = {c.slug: c for c in doc.chapters}
    for e in ctx.editorial.of("successors"):
        new_chapter = chapters.get(page_slug(e.new))
        if new_chapter is None:
            if "/" in e.new_page:      # a chapter's page (in the report's folder) that does not exist
                raise EditorialError(f"{e.where}: `new` = {shown(e.new)} names no chapter of this edition",
                                     path=ctx.editorial.path, line=e.line,
                                     fix="give the address the build now publishes the words at")
            ctx.editorial.use(e)      # an edition page's address: the manifest check verifies it
            continue
        ids = {b.anchor: b for b in new_chapter.blocks if b.anchor}
        if e.new_anchor and e.new_anchor not in ids:
            raise EditorialError(f"{e.where}: `new` = {shown(e.new)}: its chapter has no anchor "
                                 f"{shown(e.new_anchor)}", path=ctx.editorial.path, line=e.line,
                                 fix="give the anchor the build now publishes the words under")
        moved = e.old_anchor and e.old_anchor != e.new_anchor
        old_chapter = chapters.get(page_slug(e.old))
        if moved and old_chapter is not None and old_chapter is not new_chapter:
            raise EditorialError(f"{e.where}: the words moved to another chapter, whose page {shown(e.old_page)} "
                                 "still stands: an old link to it cannot land on them", path=ctx.editorial.path,
                                 line=e.line, fix="name a successor on the same page (the nearest block that stays)")
        if moved:
            if e.old_anchor in ids:
                raise EditorialError(f"{e.where}: {shown(e.old_anchor)} still names a block of its chapter",
                                     path=ctx.editorial.path, line=e.line,
                                     fix="name it as its own successor (old = new) if its words changed in place")
            ids[e.new_anchor].aliases.append(e.old_anchor)
            ctx.record.count("old anchors kept as aliases")
        ctx.editorial.use(e)


def assign_anchors(doc: Document, ctx) -> None:
    """Chapters' slugs and numbers, the ids of headings, of the report's citable blocks (with their
    numbers and pages), of charts and of notes (page marks, terms and documents get theirs where
    they are made)."""
    chapter_slugs(doc.chapters)
    blocks_taken: set[str] = set()
    for k, c in enumerate(doc.chapters, 1):
        c.number = k
        taken = heading_anchors(c)
        if doc.kind == "report":
            block_anchors(c, taken, blocks_taken)
        else:       # an article: its own text's blocks get ids (the report's quotations link back to them)
            article_anchors(c, taken)
        chart_anchors(c)
    if doc.kind == "report":
        block_pages(doc.chapters)
        for c in doc.chapters:
            c.printed_range = printed_range(doc, c)
        apply_successors(doc, ctx)
    for n in doc.footnotes.values():
        n.anchor = footnote_anchor(n.number)
