"""The one Markdown serializer: document model in, Markdown for MkDocs out.

One function per block kind, emitting only syntax that `mkdocs.yml` enables (footnotes,
attr_list, def_list, tables, toc). Escaping of source text lives here and nowhere else:
`escape_text` makes every character that Markdown, HTML, attribute lists or snippets would
interpret render as itself.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Callable

from .charts import bar_chart_svg
from .model import Block, BlockKind, Chapter, EditionText, Footnote, GlossaryEntry, Inline, NoteRef, PageStart, XRef

#: Turns a cross-reference target (a chapter title or heading text) into a relative URL.
Resolver = Callable[[str], str]


def _no_links(target: str) -> str:
    raise KeyError(f"no resolver for cross-reference target {target!r}")


def term_id(term: str) -> str:
    """The id of a term's entry on the Glossary page, and (with "use-") of its first use on a page."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


@dataclass
class Glossary:
    """The terms to mark where they stand: `<abbr title="expansion">`, and on each page the first
    use of each term also a link to its entry on the Glossary page."""

    entries: list[GlossaryEntry]
    pattern: re.Pattern[str]
    url: str = ""                                   # the Glossary page, relative to the page written

    @property
    def by_term(self) -> dict[str, GlossaryEntry]:
        return {e.term: e for e in self.entries}


@dataclass
class Context:
    """What serializing one page needs beyond the blocks: cross-reference links, the glossary,
    and which terms the page has already linked (so only the first use is a link)."""

    resolve: Resolver = _no_links
    glossary: Glossary | None = None
    linked: set[str] = field(default_factory=set)
    uses: dict[str, int] = field(default_factory=dict)     # term -> uses on this page


PLAIN = Context()

#: Characters that Python-Markdown (with our extensions) gives a meaning anywhere in a line.
#: Each is backslash-escaped: `\\` `*` `_` `` ` `` `[` `]` `{` `}` `|` `#` `!` `(` `)` `+` `-` `.`
#: are all in Python-Markdown's escapable set (`|` through the tables extension).
INLINE_ESCAPES = {c: "\\" + c for c in "\\`*_[]{}|#"}
#: Characters turned into entities: raw HTML, entities and snippet markers ("--8<--") stay text.
ENTITY_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: A line start that would open a block: ordered-list number, bullet, colon (def_list), or a
#: thematic break ("---", "- - -", "***"). ("===" needs a line above it to underline, and every
#: block we write is one line, so it is safe; "=" is not escapable in Python-Markdown anyway.)
BLOCK_START_HAZARD = re.compile(r"^(\d+)\.(?=\s)|^([-+*])(?=[\s\-+*]|$)|^(:)")


def escape_text(text: str) -> str:
    """Escape source text so that it renders literally, character for character.

    >>> escape_text("c**p [RMBC] <b> &copy; {#id} 1. --8<-- C:\\\\ drive")
    'c\\\\*\\\\*p \\\\[RMBC\\\\] &lt;b&gt; &amp;copy; \\\\{\\\\#id\\\\} 1. --8&lt;-- C:\\\\\\\\ drive'
    """
    out = []
    for ch in text:
        if ch in INLINE_ESCAPES:
            out.append(INLINE_ESCAPES[ch])
        elif ch in ENTITY_ESCAPES:
            out.append(ENTITY_ESCAPES[ch])
        else:
            out.append(ch)
    return "".join(out)


def escape_block_start(md: str) -> str:
    """Keep a paragraph that starts like a list item or definition from becoming one."""
    md = md.lstrip(" \t\n")   # leading spaces would make an indented code block (NBSP etc. are kept)
    lead = len(md) - len(md.lstrip())
    if lead:   # Python-Markdown strips a leading no-break or em space; as entities they survive
        return "".join(f"&#{ord(c)};" for c in md[:lead]) + md[lead:]
    m = BLOCK_START_HAZARD.match(md)
    if not m:
        return md
    if m.group(1) is not None:
        return m.group(1) + "\\." + md[m.end():]
    if m.group(2) is not None:
        return "\\" + md
    return "&#58;" + md[1:]


def page_anchor(p: PageStart) -> str:
    """The id a page start is linked by: `page-45` for printed page 45."""
    return f"page-{p.printed}" if p.printed is not None else f"extract-page-{p.ordinal}"


def page_mark(p: PageStart) -> str:
    """A page start: a small "p. 45" in the margin, with its anchor. Inline, so a paragraph that
    runs over the page break stays one paragraph (and one sentence) for a screen reader, which
    announces it as a page break, as in an e-book. Kept out of the search index, where its
    text would fuse with the next word ("p. 17getting")."""
    if p.printed is None:
        shown, label = f"PDF text page {p.ordinal}", f"PDF text page {p.ordinal} (printed number unknown)"
    else:
        shown, label = f"p. {p.printed}", f"page {p.printed}"
    if p.blank:
        label += ", which left no text in the extract"
    return (f'<span class="page-number{" page-blank" if p.blank else ""}" id="{page_anchor(p)}" '
            f'role="doc-pagebreak" aria-label="{label}" data-search-exclude>{shown}</span>')


def page_marks(pages: list[PageStart]) -> str:
    return "".join(page_mark(p) for p in pages)


def page_marks_block(pages: list[PageStart]) -> str:
    """Page starts before a heading or a table: a block of their own (a mark inside a heading
    would become part of its name in the table of contents)."""
    return f'<div class="page-start">{page_marks(pages)}</div>'


def abbr_title(entry: GlossaryEntry) -> str:
    return entry.expansion if entry.source == "report" else f"{entry.expansion} (explained by this edition)"


#: Characters that Python-Markdown's inline patterns act on. An attribute list (`{ title="…" }`)
#: is read as Markdown before `attr_list` applies it, so `__x__` there became <strong> and the
#: list was lost; as numeric entities they pass through to the attribute unchanged.
ATTRIBUTE_ENTITIES = {c: f"&#{ord(c)};" for c in "{}[]*_`\\"}


def attribute_value(text: str) -> str:
    """Text for a double-quoted attribute, in raw HTML or an attribute list: shown literally."""
    return "".join(ATTRIBUTE_ENTITIES.get(c, c) for c in html.escape(text, quote=True))


def abbr(word: str, entry: GlossaryEntry) -> str:
    kind = "" if entry.source == "report" else ' class="edition-term"'
    return f'<abbr title="{attribute_value(abbr_title(entry))}"{kind}>{escape_text(word)}</abbr>'


def text_markdown(text: str, ctx: Context = PLAIN, link_terms: bool = True) -> str:
    """Source text, escaped, with glossary terms marked. The words are untouched: an `abbr`
    only wraps them."""
    g = ctx.glossary
    if g is None:
        return escape_text(text)
    by_term = g.by_term
    out, pos = [], 0
    for m in g.pattern.finditer(text):
        entry = by_term[m.group("term")]
        ctx.uses[entry.term] = ctx.uses.get(entry.term, 0) + 1
        out.append(escape_text(text[pos:m.start()]))
        mark = abbr(m.group(0), entry)
        if link_terms and g.url and entry.term not in ctx.linked:
            ctx.linked.add(entry.term)
            # the link's title too: Material shows a link's tooltip on keyboard focus, an abbr's only on hover
            title = attribute_value(abbr_title(entry))
            mark = f'[{mark}]({g.url}#{term_id(entry.term)}){{ #use-{term_id(entry.term)} title="{title}" }}'
        out.append(mark)
        pos = m.end()
    out.append(escape_text(text[pos:]))
    return "".join(out)


def inline_markdown(inlines: list[Inline], ctx: Context = PLAIN, link_terms: bool = True) -> str:
    parts = []
    for x in inlines:
        if isinstance(x, PageStart):
            parts.append(page_mark(x))
        elif isinstance(x, XRef):
            parts.append(f"[{escape_text(x.text)}]({ctx.resolve(x.target)})")
            if x.note:
                parts.append(f'<span class="editorial-note xref-note">\\[{escape_text(x.note)}\\]</span>')
        elif isinstance(x, NoteRef):
            parts.append(f"[^{x.number}]")
        elif isinstance(x, EditionText):
            parts.append(f'<span class="edition-joiner">{escape_text(x.text)}</span>')
        else:
            parts.append(text_markdown(x, ctx, link_terms))
    return "".join(parts).strip(" \t\n")


def serialize_heading(b: Block, anchor: str, ctx: Context = PLAIN) -> str:
    # terms are marked but not linked: a link inside a heading competes with its permalink
    return f"{'#' * b.level} {inline_markdown(b.inlines, ctx, link_terms=False)} {{ #{anchor} }}"


def serialize_paragraph(b: Block, ctx: Context = PLAIN) -> str:
    return page_marks(b.pages_before) + escape_block_start(inline_markdown(b.inlines, ctx))


def serialize_quote(b: Block, ctx: Context = PLAIN) -> str:
    lines = [f"> {page_marks(b.pages_before)}{escape_block_start(inline_markdown(b.inlines, ctx))}"]
    if b.attribution:
        lines += [">", f"> {escape_block_start(inline_markdown(b.attribution, ctx))}", "> { .attribution }"]
    return "\n".join(lines)


def serialize_list(items: list[Block], ctx: Context = PLAIN) -> str:
    """Consecutive list items as one Markdown list; dash items nest under the bullet above."""
    lines = []
    for b in items:
        marker = f"{b.number}." if b.marker == "number" else "-"
        indent = "    " * b.depth
        lines.append(f"{indent}{marker} {page_marks(b.pages_before)}"
                     f"{escape_block_start(inline_markdown(b.inlines, ctx))}")
    return "\n".join(lines)


def serialize_table(b: Block, ctx: Context = PLAIN) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(text_markdown(c, ctx) for c in cells) + " |"
    return "\n".join([row(b.header), "| " + " | ".join("---" for _ in b.header) + " |", *map(row, b.rows)])


def serialize_chart(b: Block, chart_id: str) -> str:
    """A chart drawn from a table, before it: one raw HTML block (no blank line inside), marked
    as the edition's, with the SVG's own title and description as its text alternative."""
    svg = bar_chart_svg(b.header, b.rows, b.chart, chart_id)
    caption = ("Chart drawn by this edition from the report's table below, which it does not replace: "
               "each bar is one figure of the table, printed on the bar; a cell without a figure has no bar.")
    return (f'<figure class="edition-chart editorial-note" id="{chart_id}" data-search-exclude>{svg}'
            f"<figcaption>{escape_text(caption)}</figcaption></figure>")


def serialize_glossary(b: Block, ctx: Context = PLAIN) -> str:
    """The report's own glossary: the terms as printed; terms inside an expansion ("previously
    CRB and ISA") marked, not linked (their entries stand on the same page)."""
    return "\n\n".join(f"{page_marks(b.row_pages.get(k, []))}{escape_block_start(escape_text(t))}\n"
                         f":   {escape_block_start(text_markdown(e, ctx, link_terms=False))}"
                         for k, (t, e) in enumerate(b.rows))


def serialize_footnote(n: Footnote, ctx: Context = PLAIN) -> str:
    return f"[^{n.number}]: {escape_block_start(inline_markdown(n.inlines, ctx))}"


def html_text(text: str) -> str:
    """Text as HTML that shows it literally, in an element or inside a quoted attribute."""
    return html.escape(text, quote=True)


def url_markdown(url: str) -> str:
    """A validated https address as a Markdown link target: every character that could end the
    target early or start a title (spaces, brackets, quotes) percent-encoded."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-._~:/?#@!$&*+,;=%") else
                   "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in url)


def front_matter(search_exclude: bool = False, **fields: str) -> str:
    """YAML front matter. `search_exclude` keeps the whole page out of Material's search index.

    Every value is HTML-escaped: MkDocs and Material treat a page's title as HTML (they write it
    unescaped into the navigation, the header and the footer, as they do a title taken from the
    page's h1), and the templates in overrides/ write the description the same way."""
    # YAML double-quoted scalars accept JSON strings, so json.dumps escapes them safely
    body = "\n".join(f"{k}: {json.dumps(html_text(v), ensure_ascii=False)}" for k, v in fields.items())
    if search_exclude:
        body = "search:\n  exclude: true\n" + body
    return f"---\n{body}\n---\n"


def description_of(chapter: Chapter) -> str:
    """A page's meta description: its title and the start of its first paragraph, as printed."""
    first = next((b.text for b in chapter.blocks[1:] if b.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)), "")
    words = first.split()
    lead = " ".join(words[:30]) + ("…" if len(words) > 30 else "")
    return f"{chapter.title} — {lead}" if lead else chapter.title


def serialize_chapter(chapter: Chapter, notes: dict[int, Footnote], anchors: dict[int, str],
                      edition_note: str = "", ctx: Context | None = None) -> str:
    """A whole chapter page: front matter, blocks in order, then the chapter's footnotes."""
    # the title is explicit: MkDocs takes a page's title from its h1 only when the h1 comes first,
    # and a page mark may stand before it
    ctx = ctx or Context()
    out = [front_matter(title=chapter.title, description=description_of(chapter))]
    i = 0
    blocks = chapter.blocks
    while i < len(blocks):
        b = blocks[i]
        if b.kind is BlockKind.LIST_ITEM:
            j = i
            while j < len(blocks) and blocks[j].kind is BlockKind.LIST_ITEM:
                j += 1
            # a numbered list and a bullet list that touch are two lists
            k = i
            while k < j:
                m = k + 1
                while m < j and (blocks[m].marker == "number") == (blocks[k].marker == "number"):
                    m += 1
                out.append(serialize_list(blocks[k:m], ctx))
                k = m
            i = j
            continue
        if b.pages_before and b.kind in (BlockKind.HEADING, BlockKind.TABLE, BlockKind.GLOSSARY):
            out.append(page_marks_block(b.pages_before))
        if b.kind is BlockKind.HEADING:
            out.append(serialize_heading(b, anchors[id(b)], ctx))
            if b.level == 1 and edition_note:
                out.append(edition_note)
        elif b.kind is BlockKind.QUOTE:
            if i > 0 and blocks[i - 1].kind is BlockKind.QUOTE:
                # Python-Markdown merges adjacent quote blocks; each quotation is its own
                out.append("<!-- next quotation -->")
            out.append(serialize_quote(b, ctx))
        elif b.kind is BlockKind.TABLE:
            if b.chart:
                out.append(serialize_chart(b, f"chart-{sum(1 for x in blocks[:i] if x.chart) + 1}"))
            out.append(serialize_table(b, ctx))
        elif b.kind is BlockKind.GLOSSARY:
            out.append(serialize_glossary(b, ctx))
        else:
            out.append(serialize_paragraph(b, ctx))
        i += 1
    used = chapter.footnotes_used()
    for n in sorted(set(used)):
        out.append(serialize_footnote(notes[n], ctx))
    return "\n\n".join(out).rstrip() + "\n"
