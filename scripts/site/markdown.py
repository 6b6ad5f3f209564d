"""The one Markdown serializer: document model in, Markdown for MkDocs out.

One function per block kind, emitting only syntax that `mkdocs.yml` enables (footnotes,
attr_list, def_list, tables, toc). Escaping of source text lives here and nowhere else:
`escape_text` makes every character that Markdown, HTML, attribute lists or snippets would
interpret render as itself. Pure: it renders what the model holds (ids, term uses, page
numbers) and decides nothing; the same model always gives the same Markdown.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import (
    CITABLE_NAME,
    Block,
    BlockKind,
    Chapter,
    EditionText,
    Glossary,
    GlossaryEntry,
    Inline,
    NoteRef,
    PageStart,
    TermUse,
    XRef,
)
from ..terms import mark as mark_terms
from .charts import bar_chart_svg

#: Turns a cross-reference target (a chapter title or heading text) into a relative URL.
Resolver = Callable[[str], str]


def _no_links(target: str) -> str:
    raise KeyError(f"no resolver for cross-reference target {target!r}")


@dataclass(frozen=True)
class Links:
    """Where a page's links go: cross-references (`resolve`), and the Glossary (`glossary_url`,
    relative to the page; empty on a page whose terms are marked but never linked)."""

    resolve: Resolver = _no_links
    glossary_url: str = ""
    terms: dict[str, GlossaryEntry] = field(default_factory=dict)
    #: a report block's address and its name ("¶ 3.1, p. 10"), by its id: where a press quotation links
    report_block: Callable[[str], tuple[str, str]] | None = None
    #: an article passage's address, by (article seed, block id): where a report block's "quoted in the press" goes
    press_passage: Callable[[str, str], str] | None = None
    glossary: Glossary | None = None        # to mark the terms of words the edition quotes in its notes

    @classmethod
    def for_glossary(cls, glossary: Glossary, glossary_url: str = "", resolve: Resolver = _no_links,
                     report_block=None, press_passage=None) -> Links:
        return cls(resolve, glossary_url, glossary.by_term, report_block, press_passage, glossary)


PLAIN = Links()

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


#: both tables as one, for `str.translate` (a Markdown escape wins over an entity)
_ESCAPES = {ord(c): r for c, r in {**ENTITY_ESCAPES, **INLINE_ESCAPES}.items()}


def escape_text(text: str) -> str:
    """Escape source text so that it renders literally, character for character.

    >>> escape_text("c**p [RMBC] <b> &copy; {#id} 1. --8<-- C:\\\\ drive")
    'c\\\\*\\\\*p \\\\[RMBC\\\\] &lt;b&gt; &amp;copy; \\\\{\\\\#id\\\\} 1. --8&lt;-- C:\\\\\\\\ drive'
    """
    return text.translate(_ESCAPES)


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


#: what a page mark says of a number that rests on the editorial placement of a blank page
INFERRED_NOTE = ("Page number inferred: a page of the PDF that left no text is placed by an editorial "
                 "decision, and this number depends on where (see About this edition, Page numbers)")


def page_mark(p: PageStart) -> str:
    """A page start: a small "p. 45" in the margin, with its anchor. Inline, so a paragraph that
    runs over the page break stays one paragraph (and one sentence) for a screen reader, which
    announces it as a page break, as in an e-book. Kept out of the search index, where its
    text would fuse with the next word ("p. 17getting"); without the stylesheet (a reader
    mode, a text browser) it reads " [p. 17] ", set apart from the words around it (the
    brackets are <small>, not <span>: Material's search indexer compares elements by tag alone,
    and a <span> closing inside the excluded <span> would end its exclusion). A number that
    rests on an inference is starred, and says so; a page that left no text says that."""
    if p.printed is None:
        shown, label = f"PDF text page {p.ordinal}", f"PDF text page {p.ordinal} (printed number unknown)"
    else:
        shown, label = f"p. {p.printed}", f"page {p.printed}"
    title = ""
    if p.blank:
        label += ", which left no text in the extract"
    if p.basis == "placed":
        shown += "*"
        label += ", its number inferred"
        title = f' title="{attribute_value(INFERRED_NOTE)}"'
    if p.blank:      # said in the margin too: a bare number there reads as a page of text
        shown += ' <small class="page-blank-note">(no text)</small>'
    classes = "page-number" + (" page-blank" if p.blank else "") + (" page-inferred" if p.basis == "placed" else "")
    return (f'<span class="{classes}" id="{p.anchor}" role="doc-pagebreak" aria-label="{label}"{title} '
            f'data-search-exclude><small class="page-delimiter"> [</small>{shown}'
            f'<small class="page-delimiter">] </small></span>')


def page_break_mark(p: PageStart) -> str:
    """A page start inside a paragraph: shown where it stands, in the line, in its brackets
    ("abuse and [p. 17] getting"). In the margin, as a float, it would sit on the line above
    whenever the page's first word wraps to the next line (a float stands on the line where it
    occurs); in the line it is always on the line where the page begins, at every width."""
    return page_mark(p).replace('class="page-number', 'class="page-number page-break', 1)


def page_marks(pages: list[PageStart]) -> str:
    return "".join(page_mark(p) for p in pages)


def page_marks_block(pages: list[PageStart]) -> str:
    """Page starts before a heading or a table: a block of their own (a mark inside a heading
    would become part of its name in the table of contents)."""
    return f'<div class="page-start">{page_marks(pages)}</div>'


#: Characters that Python-Markdown's inline patterns act on. An attribute list (`{ title="…" }`)
#: is read as Markdown before `attr_list` applies it, so `__x__` there became <strong> and the
#: list was lost; as numeric entities they pass through to the attribute unchanged.
ATTRIBUTE_ENTITIES = {c: f"&#{ord(c)};" for c in "{}[]*_`\\|"}


def attribute_value(text: str) -> str:
    """Text for a double-quoted attribute, in raw HTML or an attribute list: shown literally."""
    return "".join(ATTRIBUTE_ENTITIES.get(c, c) for c in html.escape(text, quote=True))


def abbr(word: str, entry: GlossaryEntry, escape: Callable[[str], str] = escape_text) -> str:
    """A term's use, its expansion as a tooltip; `escape` the word's (Markdown's, or HTML's in raw HTML)."""
    kind = "" if entry.source == "report" else ' class="edition-term"'
    return f'<abbr title="{attribute_value(entry.title)}"{kind}>{escape(word)}</abbr>'


def marked_html(text: str, glossary: Glossary) -> str:
    """Words quoted in raw HTML the edition writes (a table of its own): escaped as HTML, their
    terms marked (never linked)."""
    return "".join(html_text(x) if isinstance(x, str) else abbr(x.text, glossary.by_term[x.term], html_text)
                   for x in mark_terms(text, glossary))


def term_markdown(x: TermUse, links: Links) -> str:
    """A marked term: an `abbr` with its expansion; the first use on a page also links to its
    Glossary entry, the link's own title repeating the expansion (a link's tooltip shows on
    keyboard focus, an abbreviation's only on hover)."""
    entry = links.terms[x.term]
    mark = abbr(x.text, entry)
    if x.linked and links.glossary_url:
        title = attribute_value(entry.title)
        mark = f'[{mark}]({links.glossary_url}#{entry.anchor}){{ #use-{entry.anchor} title="{title}" }}'
    return mark


def inline_markdown(inlines: list[Inline], links: Links = PLAIN) -> str:
    """A run of inlines as Markdown. The edition's note on a cross-reference (its target is not
    the one the words name) follows the whole run, not the link: inside the sentence it would
    break the report's words apart."""
    parts = []
    notes = []
    for x in inlines:
        if isinstance(x, PageStart):
            parts.append(page_break_mark(x))
        elif isinstance(x, XRef):
            parts.append(f"[{escape_text(x.text)}]({links.resolve(x.target)})")
            if x.note:
                notes.append(f'<span class="editorial-note xref-note">\\[{escape_text(x.note)}\\]</span>')
        elif isinstance(x, NoteRef):
            parts.append(f"[^{x.number}]")
        elif isinstance(x, EditionText):
            parts.append(f'<span class="edition-joiner">{escape_text(x.text)}</span>')
        elif isinstance(x, TermUse):
            parts.append(term_markdown(x, links) if x.term in links.terms else escape_text(x.text))
        else:
            parts.append(escape_text(x))
    text = "".join(parts).strip(" \t\n")
    return " ".join([text, *notes]) if notes else text


def marked(text: str, glossary: Glossary) -> str:
    """The report's words quoted on one of the edition's own pages: escaped, their terms marked
    (never linked)."""
    return inline_markdown(mark_terms(text, glossary), Links.for_glossary(glossary))


#: Where the edition cuts the report's words short: its own ellipsis, in its own brackets, so
#: that it can never be taken for one of the report's (the report prints its own "…" and "...").
EDITION_ELLIPSIS = '<span class="edition-ellipsis" title="cut short by this edition">[…]</span>'
#: The same in text that is not HTML (a meta description)
EDITION_ELLIPSIS_TEXT = " […]"


def excerpt(text: str, max_words: int) -> tuple[str, bool]:
    """The first `max_words` words of the report's text, and whether it was cut."""
    words = text.split()
    return " ".join(words[:max_words]), len(words) > max_words


def pages_text(b: Block) -> str:
    """The printed page or pages a citable block stands on ("45", "45–46"), starred where a number
    is inferred; "" before any printed number is known."""
    first, last = b.first_page, b.last_page
    if first is None or last is None or first.printed is None or last.printed is None:
        return ""
    star = "*" if "placed" in (first.basis, last.basis) else ""
    span = str(first.printed) if first.printed == last.printed else f"{first.printed}–{last.printed}"
    return span + star


def block_number(b: Block) -> str:
    """A citable block's number, in the margin: a link to the block (with the edition's script, it
    copies the block's address and offers its citation). Without the stylesheet it reads
    " [¶ 4.12] ", set apart from the report's words; kept out of the search index and out of the
    text a proofreading compares (class `annotation`). Its data: what a citation of it says."""
    name = CITABLE_NAME[b.kind]
    pages = pages_text(b)
    data = f' data-pages="{pages}"' if pages else ""
    return (f'<a class="block-number annotation" href="#{b.anchor}" data-number="{b.locator}" data-kind="{name}"'
            f'{data} aria-label="{name.capitalize()} {b.locator}: link and citation" data-search-exclude>'
            f'<small class="block-delimiter"> [</small>¶&nbsp;{b.locator}<small class="block-delimiter">] </small></a>')


def aliases(b: Block) -> str:
    """Ids the block was published under before: empty anchors, so an old link lands on it."""
    return "".join(f'<span class="anchor-alias" id="{a}"></span>' for a in b.aliases)


def block_opening(b: Block) -> str:
    """What stands before a citable block's words: its page marks, old ids and number."""
    return page_marks(b.pages_before) + (aliases(b) + block_number(b) if b.locator else "")


#: the kinds whose blocks carry their id themselves (a table's and a glossary's stand in a div before them)
CITABLE_IDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE)


def block_id(b: Block) -> str:
    """The attribute list that gives a citable block's element its id (a report block's, with its
    number; an article block's, without)."""
    return f"{{ #{b.anchor} }}" if b.anchor else ""


def serialize_heading(b: Block, links: Links = PLAIN) -> str:
    """A heading with its id; ids it was published under before stand just above it."""
    old = "".join(f'<div class="anchor-alias" id="{a}"></div>\n\n' for a in b.aliases)
    return f"{old}{'#' * b.level} {inline_markdown(b.inlines, links)} {{ #{b.anchor} }}"


#: what a report block quoted by the press says of it, after its words
VERDICT_WORDS = {"verbatim": "verbatim", "abridged": "abridged", "altered": "altered", "truncated": "truncated",
                 "phrase": "a phrase", "not-from-report": "not from the report"}


def quoted_in(b: Block, links: Links) -> str:
    """A report block's marks "[quoted in the press: verbatim]", each a link to the passage."""
    if not b.quoted_in or links.press_passage is None:
        return ""
    out = []
    for q in b.quoted_in:
        verdict = html_text(VERDICT_WORDS.get(q.verdict, q.verdict))
        href = html_text(links.press_passage(q.article, q.anchor))
        out.append(f' <a class="editorial-note quoted-in annotation" href="{href}" data-search-exclude '
                   f'title="Quoted in the press ({verdict}): see how">[quoted in the press: {verdict}]</a>')
    return "".join(out)


def serialize_paragraph(b: Block, links: Links = PLAIN) -> str:
    text = block_opening(b) + escape_block_start(inline_markdown(b.inlines, links)) + quoted_in(b, links)
    if b.anchor:
        text += "\n" + block_id(b)
    if b.attribution:     # a quotation run into narrative: who said it, set apart below
        text += ("\n\n" + escape_block_start(inline_markdown(b.attribution, links))
                 + "\n{ .attribution .run-in-attribution }")
    return text


def serialize_quote(b: Block, links: Links = PLAIN) -> str:
    lines = [f"> {block_opening(b)}{escape_block_start(inline_markdown(b.inlines, links))}{quoted_in(b, links)}"]
    if b.anchor:
        lines.append(f"> {block_id(b)}")
    if b.attribution:
        lines += [">", f"> {escape_block_start(inline_markdown(b.attribution, links))}", "> { .attribution }"]
    return "\n".join(lines)


def serialize_list(items: list[Block], links: Links = PLAIN) -> str:
    """Consecutive list items as one Markdown list; dash items nest under the bullet above, an
    item's further paragraph is indented under it."""
    lines = []
    for b in items:
        marker = f"{b.number}." if b.marker == "number" else "-"
        indent = "    " * b.depth
        text = f"{block_opening(b)}{escape_block_start(inline_markdown(b.inlines, links))}{quoted_in(b, links)}"
        attrs = [f"{indent}    {block_id(b)}"] if b.anchor and b.kind in CITABLE_IDS else []
        if b.continues:       # the item's further paragraph: indented under it, after a blank line
            lines += ["", f"{indent}    {text}", *attrs, ""]
        else:
            lines += [f"{indent}{marker} {text}", *attrs]
    return "\n".join(lines).replace("\n\n\n", "\n\n").strip("\n")


def serialize_table(b: Block, links: Links = PLAIN) -> str:
    """A Markdown table; a page that begins inside it is marked in the first cell of its row."""
    def row(r: int, width: int) -> str:
        mark = page_marks(b.row_pages.get(r, []))
        return "| " + " | ".join((mark if c == 0 else "") + inline_markdown(b.cell(r, c), links)
                                 for c in range(width)) + " |"
    return "\n".join([row(-1, len(b.header)), "| " + " | ".join("---" for _ in b.header) + " |",
                      *(row(r, len(cells)) for r, cells in enumerate(b.rows))])


def block_anchor_div(b: Block) -> str:
    """A table's or a glossary's id and number: a block of their own just before it (Markdown
    tables and definition lists take no attribute list)."""
    return f'<div class="block-anchor" id="{b.anchor}">{aliases(b)}{block_number(b)}</div>'


#: what the edition's chart says of itself, before it: it is not the report's (the report's
#: words just above the table may speak of a chart: "The chart below appeared in …")
CHART_LABEL = "[Not in the report: a chart drawn by this edition]"
CHART_NOTE = ("Drawn from the report's table above, which it does not replace: each bar is one figure "
              "of the table, printed on the bar; a cell without a figure has no bar.")


def serialize_chart(b: Block) -> str:
    """A chart drawn from a table, after it: one raw HTML block (no blank line inside), labelled
    as the edition's before it is seen, with the SVG's own title and description as its text
    alternative."""
    svg = bar_chart_svg(b.header, b.rows, b.chart, b.chart_anchor)
    return (f'<figure class="edition-chart editorial-note" id="{b.chart_anchor}" data-search-exclude>'
            f'<figcaption><strong class="edition-chart-label">{html_text(CHART_LABEL)}</strong> '
            f"{html_text(CHART_NOTE)}</figcaption>{svg}</figure>")


def serialize_glossary(b: Block, links: Links = PLAIN) -> str:
    """The report's own glossary: the terms as printed; terms inside an expansion ("previously
    CRB and ISA") marked, not linked (their entries stand on the same page)."""
    return "\n\n".join(f"{page_marks(b.row_pages.get(k, []))}{escape_block_start(escape_text(t))}\n"
                         f":   {escape_block_start(inline_markdown(b.cell(k, 1), links))}"
                         for k, (t, _e) in enumerate(b.rows))


def serialize_footnote(number: int, inlines: list[Inline], links: Links = PLAIN) -> str:
    return f"[^{number}]: {escape_block_start(inline_markdown(inlines, links))}"


def html_text(text: str) -> str:
    """Text as HTML that shows it literally, in an element or inside a quoted attribute."""
    return html.escape(text, quote=True)


def url_markdown(url: str) -> str:
    """A validated https address as a Markdown link target: every character that could end the
    target early or start a title (spaces, brackets, quotes) percent-encoded."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-._~:/?#@!$&*+,;=%") else
                   "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in url)


def front_matter(search_exclude: bool = False, tags: list[tuple[str, str]] | None = None, jsonld: str = "",
                 **fields: str) -> str:
    """YAML front matter. `search_exclude` keeps the whole page out of Material's search index.

    Every value is HTML-escaped: MkDocs and Material treat a page's title as HTML (they write it
    unescaped into the navigation, the header and the footer, as they do a title taken from the
    page's h1), and the templates in overrides/ write the description the same way. `tags`
    (the `citation_*` meta tags: name, content) likewise; `jsonld` is JSON already made safe
    inside a <script> element (`metadata.script_json`), which is not HTML and is not escaped."""
    # YAML double-quoted scalars accept JSON strings, so json.dumps escapes them safely
    body = "\n".join(f"{k}: {json.dumps(html_text(v), ensure_ascii=False)}" for k, v in fields.items())
    if tags:
        body += "\ncitation_tags:\n" + "\n".join(
            f"  - {json.dumps([html_text(n), html_text(v)], ensure_ascii=False)}" for n, v in tags)
    if jsonld:
        body += f"\njsonld: {json.dumps(jsonld, ensure_ascii=False)}"
    if search_exclude:
        body = "search:\n  exclude: true\n" + body
    return f"---\n{body}\n---\n"


def description_of(chapter: Chapter) -> str:
    """A page's meta description: its title and the start of its first paragraph, as printed."""
    first = next((b.text for b in chapter.blocks[1:] if b.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)), "")
    words = first.split()
    lead = " ".join(words[:30]) + (EDITION_ELLIPSIS_TEXT if len(words) > 30 else "")
    return f"{chapter.title} — {lead}" if lead else chapter.title


#: what the edition says where the scrape broke an article (`Block.damage`): never the lost words
DAMAGE_NOTES = {
    "cut": "[The edition: the scrape cut this sentence off here; the rest of it is not in the source.]",
    "lost list": "[The edition: what this announces is not in the source; the scrape lost it.]",
}


def serialize_damage(b: Block) -> str:
    """The edition's note after a block the scrape broke."""
    return escape_text(DAMAGE_NOTES[b.damage]) + "\n{ .editorial-note .scrape-damage }"


def serialize_speaker(b: Block) -> str:
    """The edition's note where an article's speaker changes."""
    return escape_text(f"[The edition: speaking from here, {b.speaker}]") + "\n{ .editorial-note .speaker }"


#: how many of a quotation's words a note shows
QUOTE_WORDS = 8


def quotation_source(m, links: Links) -> str:
    """One quotation of an article block, its verdict and the report's block it comes from."""
    words, cut = excerpt(m.quoted.text, QUOTE_WORDS)
    verdict = VERDICT_WORDS.get(str(m.verdict), str(m.verdict))
    shown = marked(words, links.glossary) if links.glossary is not None else escape_text(words)
    said = f"‘{shown}{' ' + EDITION_ELLIPSIS if cut else ''}’: {escape_text(verdict)}"
    if m.misattributed:
        said += escape_text(", though the article gives it to the report")
    if m.passages and links.report_block is not None:
        targets = []
        for passage in m.passages:
            url, name = links.report_block(passage.anchor)
            targets.append(f"[{escape_text(name)}]({url})")
        said += ", " + ", ".join(targets)
    elif m.quoted.speaker:
        said += " (" + (marked(m.quoted.speaker, links.glossary) if links.glossary is not None
                        else escape_text(m.quoted.speaker)) + ")"
    return said


def serialize_quote_sources(b: Block, links: Links) -> str:
    """The edition's note after an article block that quotes: each quotation, its verdict and
    the report's words it comes from (by their block's id)."""
    return ("\\[The edition, quotations: " + "; ".join(quotation_source(m, links) for m in b.quotes) + "\\]"
            + "\n{ .editorial-note .quote-sources }")


def serialize_blocks(blocks: list[Block], links: Links, edition_note: str = "") -> list[str]:
    """A chapter's blocks in order; consecutive list items as one list (a numbered list and a
    bullet list that touch are two lists); the edition's note after the title."""
    out: list[str] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind is BlockKind.LIST_ITEM:
            j = i
            while j < len(blocks) and blocks[j].kind is BlockKind.LIST_ITEM:
                j += 1
            k = i
            while k < j:
                m = k + 1
                while m < j and (blocks[m].marker == "number") == (blocks[k].marker == "number"):
                    m += 1
                out += [serialize_speaker(x) for x in blocks[k:m] if x.speaker]
                out.append(serialize_list(blocks[k:m], links))
                out += [serialize_quote_sources(x, links) for x in blocks[k:m] if x.quotes]
                k = m
            i = j
            continue
        if b.speaker:
            out.append(serialize_speaker(b))
        if b.pages_before and b.kind in (BlockKind.HEADING, BlockKind.TABLE, BlockKind.GLOSSARY):
            out.append(page_marks_block(b.pages_before))
        if b.kind is BlockKind.HEADING:
            out.append(serialize_heading(b, links))
            if b.level == 1 and edition_note:
                out.append(edition_note)
        elif b.kind is BlockKind.QUOTE:
            if i > 0 and blocks[i - 1].kind is BlockKind.QUOTE and not b.continues:
                # Python-Markdown merges adjacent quote blocks; each quotation is its own (a
                # quotation's second paragraph is merged on purpose)
                out.append("<!-- next quotation -->")
            out.append(serialize_quote(b, links))
        elif b.kind is BlockKind.TABLE:
            if b.locator:
                out.append(block_anchor_div(b))
            out.append(serialize_table(b, links))
            if b.chart:        # after its table: right below "The chart below appeared in …" it
                out.append(serialize_chart(b))      # would be taken for the report's chart
        elif b.kind is BlockKind.GLOSSARY:
            if b.locator:
                out.append(block_anchor_div(b))
            out.append(serialize_glossary(b, links))
        else:
            out.append(serialize_paragraph(b, links))
        if b.damage:
            out.append(serialize_damage(b))
        if b.quotes and b.kind is not BlockKind.HEADING:
            out.append(serialize_quote_sources(b, links))
        i += 1
    return out


def serialize_chapter(chapter: Chapter, links: Links, edition_note: str = "", tail: str = "",
                      tags: list[tuple[str, str]] | None = None, jsonld: str = "") -> str:
    """A whole chapter page: front matter (with its metadata for machines, `tags` and `jsonld`),
    blocks in order, the edition's `tail` (its "Cite this"), then the chapter's footnotes."""
    # the title is explicit: MkDocs takes a page's title from its h1 only when the h1 comes first,
    # and a page mark may stand before it
    out = [front_matter(title=chapter.title, description=description_of(chapter), tags=tags, jsonld=jsonld)]
    out += serialize_blocks(chapter.blocks, links, edition_note)
    out += [tail] if tail else []
    out += [serialize_footnote(n, inlines, links) for n, inlines in sorted(chapter.notes.items())]
    return "\n\n".join(out).rstrip() + "\n"
