"""The typed document model: what the pipeline knows about a seed, losing nothing.

A `SourceLine` is one line of the seed with its kind and PDF page. Furniture (page numbers,
footnote rules, page-start indents) stays in the model with a label, so the serializer can
leave it out and the fidelity audit can account for it. A `Block` is one paragraph, heading,
list item, quotation or table of the edition, with its provenance (seed file, line range, PDF
page). Inline content is a list of strings and `NoteRef`s, so footnote markers are never text.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Union


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


@dataclass
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


@dataclass(frozen=True)
class NoteRef:
    """A footnote reference: the report's own footnote number."""

    number: int


@dataclass(frozen=True)
class EditionText:
    """Words the edition supplies (never the source's), such as the ": " joining an annex title
    to its subtitle. Rendered in an element marked as the edition's."""

    text: str


@dataclass(frozen=True)
class XRef:
    """Source words that refer to another place in the report ("Annex B"), linked to it.

    `target` is a chapter title or a heading's text, as printed; the build turns it into a URL.
    """

    text: str
    target: str
    rule: str = ""
    note: str = ""      # the edition's note when the target is not what the words name


@dataclass(frozen=True)
class PageStart:
    """Where a PDF page begins inside a block (a paragraph that runs over a page break).

    `ordinal` is the page's place in the extract; `printed` its printed page number, filled in
    by `label_page_starts` once the numbers are known. It carries no text of the source.
    """

    ordinal: int
    printed: int | None = None
    blank: bool = False      # a page of the PDF that left no text (placed by the editorial file)


Inline = Union[str, NoteRef, EditionText, XRef, PageStart]
#: inlines that are not text: left out of a block's text
TEXTLESS = (NoteRef, PageStart)


@dataclass(frozen=True)
class Provenance:
    seed: str
    first_line: int
    last_line: int
    first_page: int
    last_page: int

    def merge(self, other: "Provenance") -> "Provenance":
        return Provenance(self.seed, min(self.first_line, other.first_line),
                          max(self.last_line, other.last_line),
                          min(self.first_page, other.first_page), max(self.last_page, other.last_page))

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


@dataclass
class Block:
    kind: BlockKind
    inlines: list[Inline]
    prov: Provenance
    level: int = 0                    # heading level (1-6)
    marker: str = ""                  # list items: "bullet", "dash" or "number"
    number: str = ""                  # list items: the printed number, e.g. "4."
    depth: int = 0                    # list items: 0 top level, 1 nested
    attribution: list[Inline] = field(default_factory=list)   # quotations
    header: list[str] = field(default_factory=list)           # tables
    rows: list[list[str]] = field(default_factory=list)       # tables
    chart: str = ""                   # tables: the title of a chart drawn from it (editorial), if any
    source_lines: list[int] = field(default_factory=list)     # every line that fed the block
    #: pages that begin with this block's first line (inside a block they are `PageStart` inlines)
    pages_before: list[PageStart] = field(default_factory=list)
    #: glossary blocks: pages that begin at a row, by row index
    row_pages: dict[int, list[PageStart]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The block's text as displayed, with footnote references and page starts left out."""
        return "".join(x if isinstance(x, str) else x.text for x in self.inlines if not isinstance(x, TEXTLESS))

    @property
    def source_text(self) -> str:
        """Only the source's words: no note references, no words the edition supplied."""
        return "".join(x if isinstance(x, str) else x.text for x in self.inlines if isinstance(x, (str, XRef)))

    def page_starts(self) -> list[tuple[PageStart, str]]:
        """Each page start in the block, in reading order, with the text that follows it."""
        out: list[tuple[PageStart, str]] = []
        rest = self.text if self.kind is not BlockKind.GLOSSARY else ""
        out += [(p, rest) for p in self.pages_before]
        for seq in (self.inlines, self.attribution):
            for i, x in enumerate(seq):
                if isinstance(x, PageStart):
                    after = "".join(y if isinstance(y, str) else y.text for y in seq[i + 1:]
                                    if not isinstance(y, TEXTLESS))
                    out.append((x, after))
        for k in sorted(self.row_pages):
            out += [(p, " - ".join(self.rows[k])) for p in self.row_pages[k]]
        return out

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


@dataclass
class Chapter:
    title: str                # the level-1 heading text, as printed (annex subtitle joined)
    slug: str
    group: str                # navigation group label
    blocks: list[Block]
    prov: Provenance

    def page_starts(self) -> list[tuple[PageStart, str]]:
        return [ps for b in self.blocks for ps in b.page_starts()]

    def footnotes_used(self) -> list[int]:
        out: list[int] = []
        for b in self.blocks:
            out.extend(b.note_numbers())
        return out


@dataclass
class Decision:
    """One ambiguous case that the pipeline decided, with the rule or editorial entry used."""

    pass_name: str
    line: int
    what: str
    rule: str


@dataclass
class EditRecord:
    """What each pass changed: counts, examples and the ambiguous cases it decided."""

    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)

    def count(self, name: str, n: int = 1, example: str | None = None) -> None:
        self.counts[name] = self.counts.get(name, 0) + n
        if example is not None:
            ex = self.examples.setdefault(name, [])
            if len(ex) < 3:
                ex.append(example)

    def decide(self, pass_name: str, line: int, what: str, rule: str) -> None:
        self.decisions.append(Decision(pass_name, line, what, rule))


@dataclass
class Document:
    seed_name: str
    lines: list[SourceLine]
    blocks: list[Block]
    footnotes: dict[int, Footnote]
    chapters: list[Chapter]
    record: EditRecord
    printed_pages: dict[int, int | None]   # page ordinal -> printed page number (None if unknown)
    body_lines: list = field(default_factory=list)   # passes.Line: each text line with markers detached
    glossary: list[GlossaryEntry] = field(default_factory=list)
    documents: list = field(default_factory=list)     # references.CitedDocument: what the report cites
    citations: list = field(default_factory=list)     # references.Citation: where it cites them
