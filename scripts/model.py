"""The typed document model: what the pipeline knows about a seed, losing nothing.

A `SourceLine` is one line of the seed with its kind and PDF page. Furniture (page numbers,
footnote rules, page-start indents) stays in the model with a label, so the serializer can
leave it out and the fidelity audit can account for it. A `Block` is one paragraph, heading,
list item, quotation or table of the edition, with its provenance (seed file, line range, PDF
page). Inline content is a list of strings and typed inlines (`NoteRef`, `XRef`, `TermUse`,
`PageStart`...), so a footnote marker is never text and a link never changes a word.

A `Document` is built up by the cleaning passes (`clean`), then the annotators (`annotate`)
add to it without changing a source word: printed pages, links, glossary uses, cited
documents, and every id a page is linked by. The site (`site`) renders what is here and
decides nothing. Imports nothing of ours.
"""
from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class LineKind(enum.Enum):
    TEXT = "text"                     # a line of running text (body)
    SEPARATOR = "separator"           # whitespace-only line: a paragraph break in this extract
    EMPTY = "empty"                   # '' line: not a paragraph break by itself
    PAGE_NUMBER = "page-number"       # a printed page number left by the extraction
    PAGE_NUMBER_GAP = "page-number-gap"  # blank lines belonging to a page-number block
    FOOTNOTE_RULE = "footnote-rule"   # the long run of spaces that stands for the footnote rule
    FOOTNOTE_GAP = "footnote-gap"     # blank line between the text and the footnote rule
    FOOTNOTE_BODY = "footnote-body"   # a line of footnote text
    END_GAP = "end-gap"               # blank lines at the end of the file


class Layer(enum.Enum):
    BODY = "body"
    NOTES = "notes"
    FURNITURE = "furniture"


LAYER_OF_KIND = {
    LineKind.TEXT: Layer.BODY,
    LineKind.SEPARATOR: Layer.BODY,
    LineKind.EMPTY: Layer.BODY,
    LineKind.PAGE_NUMBER: Layer.FURNITURE,
    LineKind.PAGE_NUMBER_GAP: Layer.FURNITURE,
    LineKind.FOOTNOTE_RULE: Layer.FURNITURE,
    LineKind.FOOTNOTE_GAP: Layer.FURNITURE,
    LineKind.FOOTNOTE_BODY: Layer.NOTES,
    LineKind.END_GAP: Layer.FURNITURE,
}


@dataclass(slots=True)
class SourceLine:
    """One line of the seed. `text` is the line without the page-start indent."""

    number: int          # 1-based line number in the seed
    raw: str             # the line exactly as in the seed (without its newline)
    kind: LineKind
    page: int            # ordinal of the PDF text page in the extract, 1-based
    page_start: bool = False
    indent_removed: bool = False  # the single leading space that marks a page start

    @property
    def layer(self) -> Layer:
        return LAYER_OF_KIND[self.kind]

    @property
    def text(self) -> str:
        return self.raw[1:] if self.indent_removed else self.raw


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A footnote reference: the report's own footnote number."""

    number: int


@dataclass(frozen=True, slots=True)
class EditionText:
    """Words the edition supplies (never the source's), such as the ": " joining an annex title
    to its subtitle. Rendered in an element marked as the edition's."""

    text: str


@dataclass(frozen=True, slots=True)
class XRef:
    """Source words that refer to another place in the report ("Annex B"), linked to it.

    `target` is a chapter title or a heading's text, as printed; the build turns it into a URL.
    """

    text: str
    target: str
    rule: str = ""
    note: str = ""      # the edition's note when the target is not what the words name


@dataclass(frozen=True, slots=True)
class PageStart:
    """Where a PDF page begins inside a block (a paragraph that runs over a page break).

    `ordinal` is the page's place in the extract; `printed` its printed page number, filled in
    by `label_page_starts` once the numbers are known, with the `anchor` it is linked by. It
    carries no text of the source.
    """

    ordinal: int
    printed: int | None = None
    blank: bool = False      # a page of the PDF that left no text (placed by the editorial file)
    anchor: str = ""
    #: how its printed number is known: "printed" (it survives on the page), "counted" (from the
    #: numbers that survive), "placed" (counted, resting on an editorial placement of a page that
    #: left no text), "unknown"
    basis: str = "printed"


@dataclass(frozen=True, slots=True)
class TermUse:
    """Source words that are an abbreviation of the glossary ("CSE", "LSCBs"), marked where
    they stand. `linked`: the first use on its page, which also links to the Glossary."""

    text: str
    term: str
    linked: bool = False


Inline = str | NoteRef | EditionText | XRef | TermUse | PageStart
#: inlines that are not text: left out of a block's text
TEXTLESS = (NoteRef, PageStart)
#: inlines whose text is the source's own words
SOURCE_WORDS = (str, XRef, TermUse)


def inline_text(inlines: list[Inline]) -> str:
    """The text of a run of inlines, as displayed (note references and page starts left out)."""
    return "".join(x if isinstance(x, str) else x.text for x in inlines if not isinstance(x, TEXTLESS))


@dataclass(frozen=True, slots=True)
class Provenance:
    seed: str
    first_line: int
    last_line: int
    first_page: int
    last_page: int

    def merge(self, other: Provenance) -> Provenance:
        return Provenance(self.seed, min(self.first_line, other.first_line),
                          max(self.last_line, other.last_line),
                          min(self.first_page, other.first_page), max(self.last_page, other.last_page))

    @classmethod
    def spanning(cls, seed: str, lines: list[BodyLine]) -> Provenance:
        """The provenance of a run of body lines."""
        return cls(seed, lines[0].number, lines[-1].number, lines[0].src.page, lines[-1].src.page)

    @property
    def lines(self) -> str:
        if self.first_line == self.last_line:
            return f"L{self.first_line}"
        return f"L{self.first_line}-{self.last_line}"


class BlockKind(enum.Enum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    TABLE = "table"
    GLOSSARY = "glossary"


#: the kinds a reader cites: each block of these has an id and a number (headings have their id)
CITABLE = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.TABLE, BlockKind.GLOSSARY)
#: what a citable block is called, to a reader
CITABLE_NAME = {BlockKind.PARAGRAPH: "paragraph", BlockKind.LIST_ITEM: "list item",
                BlockKind.QUOTE: "quotation", BlockKind.TABLE: "table", BlockKind.GLOSSARY: "glossary"}


@dataclass(frozen=True)
class PressQuote:
    """A report block quoted by an article: where (the article's seed, its block's id and the
    seed line) and how faithfully (the verdict)."""

    article: str
    anchor: str
    line: int
    verdict: str


@dataclass
class Block:
    kind: BlockKind
    inlines: list[Inline]
    prov: Provenance
    level: int = 0                    # heading level (1-6)
    marker: str = ""                  # list items: "bullet", "dash" or "number"
    printed_marker: str = ""          # list items: the marker as printed, which the list renders ("• ")
    number: str = ""                  # list items: the printed number, e.g. "4"
    depth: int = 0                    # list items: 0 top level, 1 nested
    #: quotations, and paragraphs whose quotation is run in: who is speaking, as printed after it
    attribution: list[Inline] = field(default_factory=list)
    continues: bool = False           # quotations, list items: a further paragraph of the block above
    header: list[str] = field(default_factory=list)           # tables
    rows: list[list[str]] = field(default_factory=list)       # tables and glossaries: the cells as printed
    #: tables and glossaries: a cell's words with their marks, by (row, column); row -1 is the header
    cell_inlines: dict[tuple[int, int], list[Inline]] = field(default_factory=dict)
    chart: str = ""                   # tables: the title of a chart drawn from it (editorial), if any
    source_lines: list[int] = field(default_factory=list)     # every line that fed the block
    #: articles: "" for the article's own text, "furniture" for the web page's (`clean.furniture`)
    layer: str = ""
    furniture: str = ""               # furniture: what it is ("related headline", "photo caption"…)
    damage: str = ""                  # articles: "cut" (the scrape cut it off), "lost list" (what it announced is lost)
    #: articles: who speaks from this block on, where the speaker changes (`annotate.quotations`)
    speaker: str = ""
    #: report blocks: the press passages that quote them
    quoted_in: list[PressQuote] = field(default_factory=list)
    #: article blocks: the quotations that stand in them, in order (`annotate.quotations.Match`)
    quotes: list[Any] = field(default_factory=list)
    #: pages that begin with this block's first line (inside a block they are `PageStart` inlines)
    pages_before: list[PageStart] = field(default_factory=list)
    #: glossary blocks: pages that begin at a row, by row index
    row_pages: dict[int, list[PageStart]] = field(default_factory=dict)
    #: the id the block is linked by: a heading's, or a citable block's (`annotate.anchors`)
    anchor: str = ""
    chart_anchor: str = ""            # tables with a chart: the chart's id
    #: citable blocks: the edition's number for it, "4.12" (chapter 4, its 12th citable block)
    locator: str = ""
    #: citable blocks: the page starts in effect at the block's first and last words (None: before
    #: any page is known)
    first_page: PageStart | None = None
    last_page: PageStart | None = None
    #: citable blocks: ids the block was published under before, kept so old links still land
    aliases: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The block's text as displayed, with footnote references and page starts left out."""
        return inline_text(self.inlines)

    @property
    def source_text(self) -> str:
        """Only the source's words: no note references, no words the edition supplied."""
        return "".join(x if isinstance(x, str) else x.text for x in self.inlines if isinstance(x, SOURCE_WORDS))

    def cell(self, row: int, column: int) -> list[Inline]:
        """A table or glossary cell's inlines (row -1: the header)."""
        text = self.header[column] if row < 0 else self.rows[row][column]
        return self.cell_inlines.get((row, column), [text])

    def page_starts(self) -> list[tuple[PageStart, str]]:
        """Each page start in the block, in reading order, with the text that follows it."""
        out: list[tuple[PageStart, str]] = []
        rest = self.text if self.kind is not BlockKind.GLOSSARY else ""
        out += [(p, rest) for p in self.pages_before]
        for seq in (self.inlines, self.attribution):
            for i, x in enumerate(seq):
                if isinstance(x, PageStart):
                    out.append((x, inline_text(seq[i + 1:])))
        for k in sorted(self.row_pages):
            out += [(p, " - ".join(self.rows[k])) for p in self.row_pages[k]]
        return out

    @property
    def words(self) -> str:
        """Every word the block shows: a table's or a glossary's cells, row by row, or its text."""
        if self.kind in (BlockKind.TABLE, BlockKind.GLOSSARY):
            return " ".join([*self.header, *(c for row in self.rows for c in row)])
        return " ".join(x for x in (self.text, inline_text(self.attribution)) if x)

    def note_numbers(self) -> list[int]:
        refs = [x.number for x in self.inlines if isinstance(x, NoteRef)]
        refs += [x.number for x in self.attribution if isinstance(x, NoteRef)]
        return refs


@dataclass
class Footnote:
    number: int
    text: str                      # the note's words as printed (its number left out)
    prov: Provenance
    inlines: list[Inline] = field(default_factory=list)   # the same words, with cross-references
    anchor: str = ""

    def __post_init__(self) -> None:
        if not self.inlines:
            self.inlines = [self.text]


@dataclass(frozen=True)
class GlossaryEntry:
    """An abbreviation and its expansion. `source` is "report" for the report's own glossary
    (Annex F), "edition" for one the edition explains (never presented as the report's)."""

    term: str
    expansion: str
    source: str
    reason: str = ""      # edition terms: where the expansion comes from
    anchor: str = ""      # its entry on the Glossary page; "use-" + anchor marks a page's first use
    not_in_capitals: bool = False   # not marked inside a title set in capitals (IT: the pronoun)

    @property
    def title(self) -> str:
        """The expansion as a tooltip gives it."""
        return self.expansion if self.source == "report" else f"{self.expansion} (explained by this edition)"


@dataclass
class Glossary:
    """The terms to mark where they stand, and the pattern that finds them."""

    entries: list[GlossaryEntry] = field(default_factory=list)
    pattern: re.Pattern[str] | None = None

    @functools.cached_property
    def by_term(self) -> dict[str, GlossaryEntry]:
        """Each entry by its term. Made once (the entries are not changed after the glossary is
        made): every use of a term looks its entry up, and a dict made for each look-up grew
        with the number of terms times the number of uses."""
        return {e.term: e for e in self.entries}

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


@dataclass
class TermUses:
    """A term's uses on one page: how many, and whether the first is a link."""

    count: int = 0
    linked: bool = False


@dataclass
class Chapter:
    title: str                # the level-1 heading text, as printed (annex subtitle joined)
    slug: str
    group: str                # navigation group label
    blocks: list[Block]
    prov: Provenance
    #: the footnotes this chapter shows, as shown here (their terms marked for this page)
    notes: dict[int, list[Inline]] = field(default_factory=dict)
    #: the glossary's terms used on this chapter's page
    term_uses: dict[str, TermUses] = field(default_factory=dict)
    #: its place in the report, 1 for the first chapter: the first part of its blocks' numbers
    number: int = 0
    #: the printed pages its text runs over (first, last); None where unknown
    printed_range: tuple[int | None, int | None] = (None, None)

    def page_starts(self) -> list[tuple[PageStart, str]]:
        return [ps for b in self.blocks for ps in b.page_starts()]

    def footnotes_used(self) -> list[int]:
        out: list[int] = []
        for b in self.blocks:
            out.extend(b.note_numbers())
        return out


@dataclass(frozen=True)
class CitedDocument:
    """A document the report cites."""

    key: str
    title: str
    kind: str                        # "act", "case" or "document"
    url: str = ""
    url_source: str = ""
    phrases: tuple = ()              # editorial patterns: the words that cite it
    reason: str = ""
    anchor: str = ""                 # its entry on the References page
    citation: str = ""               # a case: its citation


@dataclass(frozen=True)
class Citation:
    key: str
    chapter: Chapter
    words: str                        # the citing words as printed
    page: int | None                  # printed page of the citing words
    note: int | None = None           # the footnote that cites, if it is one
    ibid: bool = False


@dataclass
class Decision:
    """One ambiguous case that a pass decided, with the rule or editorial entry it used."""

    pass_name: str
    line: int
    what: str
    rule: str
    #: a judgement call: settled by a signal the extract leaves (its trailing spaces), not by
    #: punctuation or layout; the About page lists every one
    judgement: bool = False
    #: taken on weak evidence: another reading of the same words is as likely (a full line that
    #: ends a sentence, whose paragraph may go on or end); the build and the About page list them
    weak: bool = False


@dataclass
class EditRecord:
    """What each pass changed (counts and examples, by pass name) and the ambiguous cases it
    decided, each with its reason."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    examples: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    passes: list[tuple[str, str]] = field(default_factory=list)   # (name, why) of each pass run, in order

    def scope(self, pass_name: str) -> PassRecord:
        return PassRecord(self, pass_name)

    def total(self, label: str) -> int:
        """A label's count over every pass."""
        return sum(c.get(label, 0) for c in self.counts.values())

    def get(self, pass_name: str, label: str) -> int:
        return self.counts.get(pass_name, {}).get(label, 0)


@dataclass
class PassRecord:
    """One pass's view of the record: what it counts and decides is filed under its name."""

    record: EditRecord
    name: str

    def count(self, label: str, n: int = 1, example: str | None = None) -> None:
        counts = self.record.counts.setdefault(self.name, {})
        counts[label] = counts.get(label, 0) + n
        if example is not None:
            ex = self.record.examples.setdefault(self.name, {}).setdefault(label, [])
            if len(ex) < 3:
                ex.append(example)

    def decide(self, line: int, what: str, rule: str, judgement: bool = False, weak: bool = False) -> None:
        self.record.decisions.append(Decision(self.name, line, what, rule, judgement, weak))


@dataclass(slots=True)
class BodyLine:
    """A body line on its way into a block: its source, and its content with markers detached."""

    src: SourceLine
    inlines: list[Inline]

    @property
    def text(self) -> str:
        return "".join(x for x in self.inlines if isinstance(x, str))

    @property
    def number(self) -> int:
        return self.src.number


@dataclass
class Document:
    """One seed on its way through the pipeline, and its result."""

    seed_name: str
    kind: str = "report"
    raw_lines: list[str] = field(default_factory=list)
    lines: list[SourceLine] = field(default_factory=list)
    body_lines: list[BodyLine] = field(default_factory=list)   # each text line with markers detached
    raw_blocks: list[Any] = field(default_factory=list)        # clean.paragraphs.RawBlock, between passes
    measure: int = 80                                          # the width of a full line of text
    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[int, Footnote] = field(default_factory=dict)
    chapters: list[Chapter] = field(default_factory=list)
    record: EditRecord = field(default_factory=EditRecord)
    untraced: frozenset[int] = frozenset()                     # page ordinals a blank page stands before
    printed_pages: dict[int, int | None] = field(default_factory=dict)   # ordinal -> printed number
    page_basis: dict[int, str] = field(default_factory=dict)             # ordinal -> how it is known
    #: what the text says of its blank pages' placement (annotate.pages.placement_evidence)
    page_evidence: dict[str, int] = field(default_factory=dict)
    glossary: Glossary = field(default_factory=Glossary)
    documents: list[CitedDocument] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    #: what the edition leaves out of the seed's text, by class, with how many (see `fidelity`)
    removed: dict[str, int] = field(default_factory=dict)

    @property
    def seed_path(self) -> str:
        """The seed as an error names it, from the project's root (seeds live in `seeds/`)."""
        return f"seeds/{self.seed_name}"


@dataclass
class Source:
    """A seed as read: its metadata, its decoded text."""

    meta: Any            # seeds.SeedMeta
    text: Any            # seeds.SeedText


@dataclass
class Edition:
    """Everything an edition's pages show: the report and the articles, each run through the
    pipeline, with the report's editorial decisions."""

    root: Path
    report_meta: Any     # seeds.SeedMeta
    report_seed: Any     # seeds.SeedText
    report: Document
    editorial: Any       # editorial.Editorial
    articles: list[Article] = field(default_factory=list)
    version: str = ""
    released: str = ""   # the edition's date (YYYY-MM-DD): the footer's and the build's
    site_url: str = ""   # the address it is published at, ending in "/": every absolute URL starts with it


@dataclass
class Article:
    meta: Any
    seed: Any
    doc: Document
    #: every quotation found in it, in order, with what the report has of it (`annotate.quotations.Match`)
    quotations: list[Any] = field(default_factory=list)
    editorial: Any = None      # editorial.Editorial: its decisions (none needed), for the About page
