"""The editorial file: the decisions the general rules cannot make, typed and checked on load.

Each `[[kind]]` table of a document's `*.editorial.toml` becomes one frozen entry of that
kind's class. Loading checks everything a later step would trip over: an unknown kind (a
misspelt `[[headingz]]` would otherwise be ignored), an unknown or missing key, a value of
the wrong type or shape, a regular expression that does not compile. The error (a
`MetadataError`) names the file, the entry (kind, number and line) and the fix.

While the pipeline runs, every step that applies an entry records it (`Editorial.use`), and at
the end an entry that was never applied stops the build: an entry that matches nothing is a
decision that no longer holds, whatever its kind.

Regular expressions come from a file anyone can edit, so they run on a safe footing: the
`regex` engine with a time limit (`Pattern`). A pattern that backtracks without end stops the
build with a message naming it, instead of hanging it.
"""
from __future__ import annotations

import difflib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import regex

from .errors import EditorialError, MetadataError, shown
from .seeds import HTTPS_URL, check_string, read_toml

#: Seconds one editorial pattern may spend on one document, all its searches together, plus
#: `PATTERN_BUDGET_PER_MB` for each million characters it has searched: the report's patterns take
#: milliseconds; a pattern that needs seconds backtracks catastrophically. The share that grows
#: with the text is what lets a report ten or fifty times as long (benchmarks/scale.py) run the
#: same patterns without running out of time, while a pattern that backtracks without end on one
#: short line still stops within about `PATTERN_BUDGET`.
PATTERN_BUDGET = 2.0
PATTERN_BUDGET_PER_MB = 2.0


#: the characters that make a pattern more than the text it spells (in the `regex` engine's
#: version 0 syntax, without flags: inline flags need a parenthesis)
SPECIAL = frozenset(".^$*+?{}[]\\|()")


class Pattern:
    """A regular expression from the editorial file, compiled on load and run with a time limit.

    Most patterns are plain words ("Jay Review"): such a pattern matches only where its words
    stand in the text, with whatever prefix and suffix the pass puts around them, so a text
    without them is not searched at all (`literal`; a test of Python's `in`, which cannot
    backtrack). Every other search runs on the engine, within the budget."""

    def __init__(self, source: str, where: str, path: str, line: int | None, *, prefix: str = "",
                 suffix: str = "") -> None:
        self.source = source
        self.where = where
        self.path = path
        self.line = line
        self.spent = 0.0
        self.searched = 0         # characters of text handed to the engine so far
        text = f"{prefix}(?:{source}){suffix}" if prefix or suffix else source
        self.literal = source if source and not SPECIAL & set(source) else None
        try:
            self.compiled = regex.compile(text, regex.VERSION0)
        except regex.error as exc:
            raise MetadataError(f"{where}: {shown(source)} is not a valid regular expression ({exc})",
                                 path=path, line=line,
                                 fix="correct the pattern (Python regular-expression syntax); "
                                     "escape a literal ( [ . * + ? with a backslash") from exc

    @property
    def groups(self) -> int:
        return self.compiled.groups

    @property
    def budget(self) -> float:
        """The seconds this pattern may have spent by now (see `PATTERN_BUDGET`)."""
        return PATTERN_BUDGET + PATTERN_BUDGET_PER_MB * self.searched / 1e6

    def _run(self, call, *args: Any) -> Any:
        self.searched += len(args[0])
        remaining = self.budget - self.spent
        start = time.perf_counter()
        try:
            if remaining <= 0:
                raise TimeoutError
            return call(*args, timeout=remaining)
        except TimeoutError:
            raise EditorialError(
                f"{self.where}: the pattern {shown(self.source)} took more than {self.budget:.1f} s on the text "
                "(it backtracks without end)", path=self.path, line=self.line,
                fix="rewrite it without a repetition inside a repetition, such as (a|a)+ or (\\w+\\s*)+") from None
        finally:
            self.spent += time.perf_counter() - start

    def _absent(self, text: str) -> bool:
        """Whether the text lacks the words of a plain pattern: then it cannot match."""
        return self.literal is not None and self.literal not in text

    def finditer(self, text: str) -> list[regex.Match]:
        if self._absent(text):
            return []
        return self._run(lambda t, timeout: list(self.compiled.finditer(t, timeout=timeout)), text)

    def match(self, text: str, pos: int = 0) -> regex.Match | None:
        if self._absent(text):
            return None
        return self._run(lambda t, p, timeout: self.compiled.match(t, p, timeout=timeout), text, pos)

    def search(self, text: str) -> regex.Match | None:
        if self._absent(text):
            return None
        return self._run(lambda t, timeout: self.compiled.search(t, timeout=timeout), text)

    def __repr__(self) -> str:
        return f"Pattern({self.source!r})"


# ----------------------------------------------------------------------------- the schema
@dataclass(frozen=True)
class Spec:
    """One key of an entry: its shape, whether it must be given, and its bounds."""

    name: str
    shape: str                    # text | prose | word | int | bool | choice | texts | pattern | patterns | url
    required: bool = True
    default: Any = ""
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    prefix: str = ""              # patterns: what the pass puts around them
    suffix: str = ""
    help: str = ""                # what the value is, for the fix


@dataclass(frozen=True)
class Entry:
    """One editorial decision. `index` counts entries of its kind from 1; `line` is where its
    `[[kind]]` header stands in the file."""

    KIND: ClassVar[str] = ""
    SPECS: ClassVar[tuple[Spec, ...]] = ()
    index: int
    line: int | None
    reason: str

    @property
    def where(self) -> str:
        return f"[[{self.KIND}]] entry {self.index}"

    def subject(self) -> str:
        """What the entry applies to, for the About page."""
        return ""


MATCH = Spec("match", "choice", required=False, default="exact", choices=("exact", "prefix"),
             help='"exact" (the whole block) or "prefix" (its first words)')


@dataclass(frozen=True)
class HeadingEntry(Entry):
    KIND: ClassVar[str] = "headings"
    SPECS: ClassVar[tuple[Spec, ...]] = (Spec("text", "text", help="the heading as printed"),
                                         Spec("level", "int", low=1, high=6, help="1 for a chapter title"), MATCH)
    text: str = ""
    level: int = 0
    match: str = "exact"

    def subject(self) -> str:
        return self.text


@dataclass(frozen=True)
class NotHeadingEntry(Entry):
    KIND: ClassVar[str] = "not_headings"
    SPECS: ClassVar[tuple[Spec, ...]] = (Spec("text", "text", help="the line as printed"), MATCH)
    text: str = ""
    match: str = "exact"

    def subject(self) -> str:
        return self.text


@dataclass(frozen=True)
class NotQuotationEntry(Entry):
    KIND: ClassVar[str] = "not_quotations"
    SPECS: ClassVar[tuple[Spec, ...]] = (Spec("text", "text", help="the paragraph as printed"), MATCH)
    text: str = ""
    match: str = "exact"

    def subject(self) -> str:
        return self.text


@dataclass(frozen=True)
class OpeningsEntry(Entry):
    """Entries that name places in the running text by the words that open them, never by a
    line, so that they hold wherever another extraction breaks its lines and pages."""

    SPECS: ClassVar[tuple[Spec, ...]] = (
        Spec("openings", "texts", help="the first words as printed, enough to occur once in the report"),)
    openings: tuple[str, ...] = ()
    #: what the openings open, as the About page counts them
    NOUN: ClassVar[str] = "places"

    def subject(self) -> str:
        return f"{len(self.openings)} {self.NOUN}, from “{self.openings[0]}”" if self.openings else ""


@dataclass(frozen=True)
class ParagraphStartEntry(OpeningsEntry):
    """Paragraphs that begin where the extract can show no break: after a page that ends on a
    finished sentence, or after a list."""

    KIND: ClassVar[str] = "paragraph_starts"
    NOUN: ClassVar[str] = "paragraphs"


@dataclass(frozen=True)
class ParagraphContinuesEntry(OpeningsEntry):
    """Words that go on the block above although a block could start with them (after a page
    that ends on a finished sentence, or after a quotation)."""

    KIND: ClassVar[str] = "paragraph_continues"


@dataclass(frozen=True)
class OutlineEntry(Entry):
    KIND: ClassVar[str] = "outline"
    SPECS: ClassVar[tuple[Spec, ...]] = (Spec("level", "int", low=2, high=6, help="the level of the headings listed"),
                                         Spec("parent", "text", help="the heading they stand under, as printed"),
                                         Spec("headings", "texts", help="the headings, each as printed"))
    level: int = 0
    parent: str = ""
    headings: tuple[str, ...] = ()

    def subject(self) -> str:
        return self.parent


@dataclass(frozen=True)
class TableEntry(Entry):
    KIND: ClassVar[str] = "tables"
    SPECS: ClassVar[tuple[Spec, ...]] = (
        Spec("header_line", "text", help="the table's header line as printed"),
        Spec("header", "texts", help="the header cells"),
        # a row is matched where the last one ended, after any spaces, and must end at a space
        Spec("row", "pattern", prefix=r"\s*", suffix=r"(?=\s|$)", help="a pattern with one group per cell"),
        Spec("rows", "int", required=False, default=None, low=1, help="how many rows the table has"),
        Spec("chart", "text", required=False, help="the title of a chart drawn from the table"))
    header_line: str = ""
    header: tuple[str, ...] = ()
    row: Pattern | None = None
    rows: int | None = None
    chart: str = ""

    def subject(self) -> str:
        return self.header_line


@dataclass(frozen=True)
class PartEntry(Entry):
    KIND: ClassVar[str] = "parts"
    SPECS: ClassVar[tuple[Spec, ...]] = (Spec("starts", "text", help="the chapter title the part starts at"),
                                         Spec("label", "text", help="the navigation label"),
                                         Spec("refs", "patterns", required=False, default=(),
                                              help="patterns for the ways the text names the part"))
    starts: str = ""
    label: str = ""
    refs: tuple[Pattern, ...] = ()

    def subject(self) -> str:
        return self.starts


@dataclass(frozen=True)
class UntracedPageEntry(Entry):
    KIND: ClassVar[str] = "untraced_pages"
    SPECS: ClassVar[tuple[Spec, ...]] = (Spec("before", "text", help="the first words of the page after it"),)
    before: str = ""

    def subject(self) -> str:
        return self.before


@dataclass(frozen=True)
class FootnoteMarkerEntry(Entry):
    KIND: ClassVar[str] = "footnote_markers"
    SPECS: ClassVar[tuple[Spec, ...]] = (Spec("note", "int", low=1, help="the footnote's number"),
                                         Spec("context", "text", help="the words around the right marker"))
    note: int = 0
    context: str = ""

    def subject(self) -> str:
        return f"footnote {self.note} (“{self.context}”)"


@dataclass(frozen=True)
class CrossReferenceEntry(Entry):
    KIND: ClassVar[str] = "cross_references"
    SPECS: ClassVar[tuple[Spec, ...]] = (Spec("phrase", "text", help="the referring words as printed"),
                                         Spec("target", "text", help="the heading they refer to, as printed"),
                                         Spec("note", "text", required=False,
                                              help="the edition's note when the target is not the one named"))
    phrase: str = ""
    target: str = ""
    note: str = ""

    def subject(self) -> str:
        return f"“{self.phrase}” → {self.target}"


@dataclass(frozen=True)
class EditionTermEntry(Entry):
    KIND: ClassVar[str] = "edition_terms"
    SPECS: ClassVar[tuple[Spec, ...]] = (Spec("term", "word", help="the abbreviation as printed"),
                                         Spec("expansion", "text", help="what it stands for"),
                                         Spec("not_in_capitals", "bool", required=False, default=False,
                                              help="true where the letters are also a word of a title set in "
                                                   "capitals (IT: the pronoun in 'DOES IT HAVE')"))
    term: str = ""
    expansion: str = ""
    not_in_capitals: bool = False

    def subject(self) -> str:
        return f"{self.term}: {self.expansion}"


@dataclass(frozen=True)
class NotTermEntry(Entry):
    KIND: ClassVar[str] = "not_terms"
    SPECS: ClassVar[tuple[Spec, ...]] = (Spec("word", "word", help="the capitalised word as printed"),)
    word: str = ""

    def subject(self) -> str:
        return self.word


@dataclass(frozen=True)
class ReferenceEntry(Entry):
    KIND: ClassVar[str] = "references"
    SPECS: ClassVar[tuple[Spec, ...]] = (
        Spec("key", "text", help="a short key for the document"),
        Spec("title", "text", help="the document's title"),
        Spec("kind", "choice", required=False, default="document", choices=("document", "act", "case"),
             help='"document", "act" for an Act of Parliament, or "case" for a court case'),
        Spec("phrases", "patterns", required=False, default=(), help="patterns for the words that cite it"),
        Spec("url", "url", required=False, help="its official https address"),
        Spec("url_source", "text", required=False, help="why the address is the document's official one"),
        Spec("citation", "text", required=False, help="a case's citation (its neutral citation, court, judge, date)"))
    key: str = ""
    title: str = ""
    kind: str = "document"
    phrases: tuple[Pattern, ...] = ()
    url: str = ""
    url_source: str = ""
    citation: str = ""

    def subject(self) -> str:
        return self.title


#: a published address as a successor entry names it: a page of the site, and an anchor on it
ADDRESS = regex.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*[a-z0-9]+(?:-[a-z0-9]+)*\.html(?:#[A-Za-z0-9:_.-]+)?")


@dataclass(frozen=True)
class SuccessorEntry(Entry):
    """A published address whose words changed, moved or went, on purpose: the address that now
    holds them (itself, when the words were corrected in place). The old address keeps working:
    an old anchor becomes an alias of the new one, an old page a redirect."""

    KIND: ClassVar[str] = "successors"
    SPECS: ClassVar[tuple[Spec, ...]] = (
        Spec("old", "text", help='the address as published, e.g. "report/foreword.html#p-terrible-things-happened-in"'),
        Spec("new", "text", help='the address that now holds its words, e.g. "report/foreword.html#p-terrible-things"'))
    old: str = ""
    new: str = ""

    def subject(self) -> str:
        return self.old if self.old == self.new else f"{self.old} → {self.new}"

    # each address as (page, anchor): "report/a.html#p-x" -> ("report/a.html", "p-x")
    old_page = property(lambda self: self.old.partition("#")[0])
    old_anchor = property(lambda self: self.old.partition("#")[2])
    new_page = property(lambda self: self.new.partition("#")[0])
    new_anchor = property(lambda self: self.new.partition("#")[2])


@dataclass(frozen=True)
class FurnitureEntry(Entry):
    """An article's words that are the web page's, not the article's, where no rule sees it: a
    whole line, or the end of a key point that a headline was glued onto."""

    KIND: ClassVar[str] = "furniture"
    SPECS: ClassVar[tuple[Spec, ...]] = (
        Spec("text", "text", help="the furniture's words exactly as scraped (a whole line, or the end of one)"),
        Spec("label", "text", required=False, default="", help='what it is, e.g. "related headline"'))
    text: str = ""
    label: str = ""

    def subject(self) -> str:
        return self.text


@dataclass(frozen=True)
class SpeakerEntry(Entry):
    """Who speaks in an article's quotation that the article does not attribute: the edition's
    reading of it, shown as such. Named by the quotation's paragraph's first words as scraped."""

    KIND: ClassVar[str] = "speakers"
    SPECS: ClassVar[tuple[Spec, ...]] = (
        Spec("starts", "text", help="the first words of the paragraph that opens the quotation, as scraped"),
        Spec("speaker", "text", help='who speaks, e.g. "the Secretary of State"'))
    starts: str = ""
    speaker: str = ""

    def subject(self) -> str:
        return f"{self.starts} … ({self.speaker})"


ENTRY_CLASSES: dict[str, type[Entry]] = {c.KIND: c for c in (
    HeadingEntry, NotHeadingEntry, NotQuotationEntry, OutlineEntry, TableEntry, PartEntry, UntracedPageEntry,
    FootnoteMarkerEntry, CrossReferenceEntry, EditionTermEntry, NotTermEntry, ReferenceEntry,
    ParagraphStartEntry, ParagraphContinuesEntry, SuccessorEntry, FurnitureEntry, SpeakerEntry)}


# ----------------------------------------------------------------------------- loading
def _header_lines(text: str, kind: str) -> list[int]:
    """The line of each `[[kind]]` header, in order."""
    pattern = regex.compile(rf"(?m)^[ \t]*\[\[[ \t]*{regex.escape(kind)}[ \t]*\]\]")
    return [text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)]


def _value(spec: Spec, value: Any, where: str, path: str, line: int | None) -> Any:
    key = f"{where}: `{spec.name}`"
    fix = f"give `{spec.name}` as {spec.help}" if spec.help else f"correct `{spec.name}`"

    def fail(problem: str) -> EditorialError:
        return MetadataError(f"{key} {problem}", path=path, line=line, fix=fix)

    if spec.shape in ("text", "prose", "word", "choice", "pattern", "url"):
        if not isinstance(value, str):
            raise fail(f"must be text in quotes, not {type(value).__name__} {shown(value)}")
        check_string(value, key, path, line, multiline=spec.shape == "prose")
        if not value.strip():
            raise fail("is empty")
        if spec.shape == "word" and len(value.split()) != 1:
            raise fail(f"must be one word, not {shown(value)}")
        if spec.shape == "choice" and value not in spec.choices:
            raise fail(f"is {shown(value)}, which is none of " + ", ".join(f'"{c}"' for c in spec.choices))
        if spec.shape == "url" and not HTTPS_URL.fullmatch(value):
            raise fail(f"= {shown(value)} is not an https address")
        if spec.shape == "pattern":
            return Pattern(value, key, path, line, prefix=spec.prefix, suffix=spec.suffix)
        return value
    if spec.shape == "bool":
        if not isinstance(value, bool):
            raise fail(f"must be true or false, not {shown(value)}")
        return value
    if spec.shape == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(f"must be a whole number, not {shown(value)}")
        if (spec.low is not None and value < spec.low) or (spec.high is not None and value > spec.high):
            bounds = f"from {spec.low} to {spec.high}" if spec.high is not None else f"of at least {spec.low}"
            raise fail(f"is {value}; it must be a whole number {bounds}")
        return value
    if spec.shape in ("texts", "patterns"):
        if not isinstance(value, list) or not value:
            raise fail(f"must be a list of quoted texts, not {shown(value)}")
        item = Spec(spec.name, "text" if spec.shape == "texts" else "pattern", help=spec.help)
        return tuple(_value(item, v, where, path, line) for v in value)
    raise AssertionError(spec.shape)


def _entry(cls: type[Entry], table: Any, index: int, line: int | None, path: str) -> Entry:
    where = f"[[{cls.KIND}]] entry {index}"
    if not isinstance(table, dict):
        raise MetadataError(f"{where} is not a table", path=path, line=line,
                             fix=f"write each entry as a [[{cls.KIND}]] header followed by key = value lines")
    specs = {s.name: s for s in cls.SPECS}
    for key in table:
        if key != "reason" and key not in specs:
            near = difflib.get_close_matches(key, list(specs) + ["reason"], n=1)
            raise MetadataError(f"{where}: unknown key `{key}`" + (f" (did you mean `{near[0]}`?)" if near else ""),
                                 path=path, line=line,
                                 fix=f"a [[{cls.KIND}]] entry has " + ", ".join(f"`{k}`" for k in [*specs, "reason"]))
    values: dict[str, Any] = {}
    for spec in (*cls.SPECS, Spec("reason", "prose", help="a sentence saying why the decision is right")):
        if spec.name not in table:
            if spec.required:
                raise MetadataError(f"{where}: `{spec.name}` is missing", path=path, line=line,
                                     fix=f"add {spec.name} = … ({spec.help})")
            values[spec.name] = spec.default
            continue
        values[spec.name] = _value(spec, table[spec.name], where, path, line)
    entry = cls(index=index, line=line, **values)
    _check_entry(entry, path)
    return entry


def _check_entry(e: Entry, path: str) -> None:
    """What one key alone cannot tell: keys that must agree with each other."""
    if isinstance(e, TableEntry):
        assert e.row is not None
        if e.row.groups != len(e.header):
            raise MetadataError(f"{e.where}: `row` has {e.row.groups} groups but `header` has {len(e.header)} cells",
                                 path=path, line=e.line, fix="give the row pattern one (group) per cell")
        if "".join(e.header).replace(" ", "") != e.header_line.replace(" ", ""):
            raise MetadataError(f"{e.where}: the `header` cells do not spell `header_line`", path=path, line=e.line,
                                 fix="split the header line into its cells, every word kept")
    if isinstance(e, SuccessorEntry):
        for key, value in (("old", e.old), ("new", e.new)):
            if not ADDRESS.fullmatch(value):
                raise MetadataError(f"{e.where}: `{key}` = {shown(value)} is not an address of this edition",
                                    path=path, line=e.line,
                                    fix='give the page\'s path in the site and its anchor, as the build\'s message '
                                        'names them, e.g. "report/foreword.html#p-terrible-things-happened-in"')
        if bool(e.old_anchor) != bool(e.new_anchor):
            raise MetadataError(f"{e.where}: one address names an anchor and the other a page", path=path,
                                line=e.line, fix="name a page for a page (a renamed chapter), an anchor for an anchor")
    if isinstance(e, ReferenceEntry) and e.url and not e.url_source:
        raise MetadataError(f"{e.where}: `url` is given without `url_source`", path=path, line=e.line,
                             fix="say why the address is the document's stable official one, or drop it")
    if isinstance(e, ReferenceEntry) and e.citation and e.kind != "case":
        raise MetadataError(f"{e.where}: `citation` is for a court case, and this entry's kind is {e.kind}",
                            path=path, line=e.line, fix='set kind = "case", or move the citation into the title')


@dataclass
class Editorial:
    """A document's editorial decisions, by kind, with a record of which were applied."""

    path: str = ""
    entries: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    used: dict[tuple[str, int], int] = field(default_factory=dict)

    def of(self, kind: str) -> tuple[Any, ...]:
        if kind not in ENTRY_CLASSES:
            raise KeyError(kind)
        return self.entries.get(kind, ())

    def __iter__(self) -> Iterator[Entry]:
        """Every entry: kinds in the order they first appear in the file, entries in order."""
        return (e for es in self.entries.values() for e in es)

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def use(self, entry: Entry, n: int = 1) -> None:
        """Record that `entry` was applied (`n` times)."""
        key = (entry.KIND, entry.index)
        self.used[key] = self.used.get(key, 0) + n

    def uses(self, entry: Entry) -> int:
        return self.used.get((entry.KIND, entry.index), 0)

    def applied(self, kind: str) -> int:
        """How many entries of a kind were applied."""
        return sum(1 for e in self.of(kind) if self.uses(e))

    def applied_total(self) -> int:
        return sum(1 for e in self if self.uses(e))

    def unused(self) -> list[Entry]:
        return [e for e in self if not self.uses(e)]

    def require_all_used(self) -> None:
        """Stop the build at the first entry that was never applied."""
        for e in self.unused():
            raise EditorialError(f"{e.where} ({shown(e.subject() or e.KIND, 60)}) was never applied: "
                                 "it matches nothing in the text", path=self.path, line=e.line,
                                 fix="correct it (text exactly as printed) or remove it: the decision no longer holds")


def load_editorial(path: Path, shown_path: str | None = None) -> Editorial:
    """Read and check a document's editorial file; a missing file is an error (the metadata
    names it), an empty one means no decisions."""
    label = shown_path or str(path)
    try:
        data, text = read_toml(path)
    except MetadataError as exc:
        raise type(exc)(exc.message, path=label, fix=exc.fix) from exc
    return parse_editorial(data, label, text)


def parse_editorial(data: dict[str, Any], label: str, text: str = "") -> Editorial:
    """The entries of an editorial file's table (`text`, the file itself, locates them)."""
    entries: dict[str, tuple[Entry, ...]] = {}
    for kind, tables in data.items():
        cls = ENTRY_CLASSES.get(kind)
        lines = _header_lines(text, kind)
        if cls is None:
            near = difflib.get_close_matches(kind, list(ENTRY_CLASSES), n=1)
            hint = f" (did you mean [[{near[0]}]]?)" if near else ""
            raise MetadataError(f"unknown kind of entry [[{kind}]]{hint}",
                                 path=label, line=lines[0] if lines else None,
                                 fix="use one of " + ", ".join(f"[[{k}]]" for k in ENTRY_CLASSES))
        if not isinstance(tables, list):
            raise MetadataError(f"`{kind}` must be a list of [[{kind}]] entries, not {type(tables).__name__}",
                                 path=label, fix=f"write each entry under its own [[{kind}]] header")
        entries[kind] = tuple(_entry(cls, t, i, lines[i - 1] if i - 1 < len(lines) else None, label)
                              for i, t in enumerate(tables, 1))
    return Editorial(label, entries)


def matches_text(entry: Any, text: str) -> bool:
    """Does an entry with `text` and `match` name this block text?"""
    return text.startswith(entry.text) if entry.match == "prefix" else text == entry.text


def first_matching(entries: tuple[Any, ...], text: str) -> Any | None:
    return next((e for e in entries if matches_text(e, text)), None)
