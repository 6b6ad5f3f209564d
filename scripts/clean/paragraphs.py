"""Paragraphs: where the blocks of the edition begin and end, and how their lines join.

The extract breaks lines where the PDF's measure ran out, breaks pages wherever a page ended,
and marks paragraphs only sometimes (a line of spaces). Named predicates decide, line by line,
whether a line goes on the block above (`continues_across_page_break`,
`continues_item_after_empty_line`, `starts_new_block_within_page`), each decision recorded
with its reason; `join_lines` then makes one run of text of each block's lines. Not for: what
kind of block it is (`kinds`) or a flattened table's rows (`tables`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..chars import (
    BULLET_ITEM,
    CLOSING_QUOTES,
    COMPOUND_HYPHEN_END,
    DASH_ITEM,
    GLOSSARY_ENTRY,
    LABEL_MAX_WORDS,
    NUMBERED_ITEM,
    OPENING_QUOTES,
    SPACE_RUN,
    as_joined,
    ends_terminally,
    is_all_caps,
    looks_like_chapter_title,
    opens_quotation,
    split_attribution,
    starts_list_item,
    starts_lower,
)
from ..editorial import Editorial, TableEntry
from ..errors import EditorialError
from ..model import (
    Block,
    BlockKind,
    BodyLine,
    Document,
    Inline,
    LineKind,
    NoteRef,
    PageStart,
    PassRecord,
    Provenance,
    SourceLine,
)
from .tables import rebuild_flattened_table, table_is_complete

#: Minimum room (in characters) left on a line for the next word to have fitted there.
#: Wrapped prose leaves less; a line that stops with this much room was broken on purpose.
HARD_BREAK_ROOM = 10
#: The trailing spaces of a line the author ended (a paragraph's last line): the extract leaves
#: one space after a line that merely wrapped, two or more after one that ended a paragraph. In
#: the report no line that wraps before a word in lower case ends with two (0 of 2,674), so it
#: settles a boundary that line length cannot: a paragraph whose last line is full.
PARAGRAPH_END_SPACES = 2


#: the reasons given where a paragraph boundary rests on the spaces the extract left, not on
#: punctuation or line length: the About page lists every place each decided
ENDS_WITH_TWO_SPACES = "the full line above ends a sentence with a paragraph's two trailing spaces"
GOES_ON_WITH_ONE_SPACE = ("the page above ends a sentence on a full line with a wrapped line's one trailing space: "
                          "the paragraph goes on")
ENDS_BEFORE_FOOTNOTES = "a line of spaces before the footnotes of the page above ends its paragraph"
SPACING_RULES = (ENDS_WITH_TWO_SPACES, GOES_ON_WITH_ONE_SPACE, ENDS_BEFORE_FOOTNOTES)
#: an item's full last line, then an empty line and a capital: the item goes on (weak evidence
#: where that line ends a sentence: the list may as well end there)
ITEM_LINE_WAS_FULL = "its first word would not have fitted on the item's line: a wrapped line"
#: the rules that decide on weak evidence: the words read as well the other way; the build
#: lists every decision they took, for the editorial file to settle (`[[paragraph_starts]]`)
#: an attribution on a full line at a page's foot, and a short line standing alone after it
ATTRIBUTION_MAY_GO_ON = ("the block above is a quotation that ends with its attribution on a full line; the short "
                         "line after it may be its rest or a heading")
#: a short line standing alone after a quotation without attribution, not opening as a speaker
#: does ("A former senior officer"): the quotation's attribution, or a heading ("The
#: falsification of data and the missing young people")
ATTRIBUTION_OR_HEADING = ("a short line standing alone after a quotation, not opening like a speaker (“A …”): "
                          "taken for a heading, though it may be the quotation's attribution")
#: at most this many words in a subheading (a longer line is a sentence)
HEADING_WORDS = 14
#: a list item or a short block, with no closing punctuation, on a full line at a page's foot,
#: and a capital on the next page: its sentence goes on, or the item (or heading) ended
ITEM_OR_HEADING_MAY_END = ("the page above ends a list item or a short block on a full line without closing "
                           "punctuation, and the page starts with a capital: taken to go on, though it may have ended")
SPEAKER_OPENING = re.compile(r"^(?:[-–]\s*)?(?:A|An)\s")
WEAK_RULES = (GOES_ON_WITH_ONE_SPACE, ITEM_LINE_WAS_FULL, ATTRIBUTION_MAY_GO_ON, ATTRIBUTION_OR_HEADING,
              ITEM_OR_HEADING_MAY_END)
#: a sentence that ends inside a line ("…called racist.” A former police officer"): no heading
SENTENCE_INSIDE = re.compile(r"[.?!…][”’'\")\]]*\s+\S")
#: where the editorial file names the paragraph that begins (`[[paragraph_starts]]`)
NAMED_START = "the editorial file names the paragraph that begins here"
#: where the editorial file names the words that go on the block above (`[[paragraph_continues]]`)
NAMED_CONTINUE = "the editorial file names the words that go on the block above"


def is_run_in_label(t: str) -> bool:
    """A few words ending in a colon: a label heading, not a sentence leading in to a list."""
    return t.endswith(":") and len(t.split()) <= LABEL_MAX_WORDS


def trailing_spaces(line: BodyLine) -> int:
    raw = line.src.raw
    return len(raw) - len(raw.rstrip(" "))


@dataclass
class RawBlock:
    """Lines that belong together, before the block is given a kind."""

    lines: list[BodyLine]
    table: TableEntry | None = None   # the editorial entry of a flattened table

    @property
    def first(self) -> str:
        return self.lines[0].text.strip()


def line_measure(lines: list[SourceLine]) -> int:
    """The width of a full line of running text: the 95th percentile of line lengths."""
    lengths = sorted(len(l.text.rstrip()) for l in lines if l.kind is LineKind.TEXT)
    if not lengths:
        return 80
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.95))]


def room_left(prev: str, nxt: str, measure: int) -> int:
    """How many characters would still have been free had the next word stayed on `prev`."""
    words = nxt.split()
    first = words[0] if words else ""
    return measure - (len(prev.rstrip()) + 1 + len(first))


def join_lines(lines: list[BodyLine], record: PassRecord) -> list[Inline]:
    """Join the lines of one block into running text.

    Every line of the extract ends with the space that stood between two words, except where
    a compound word was broken after its hyphen ("overly-" / "reliant"). So: a line that ends
    in a hyphen with no trailing space joins the next with no space and keeps the hyphen
    ("overly-reliant"); every other line joins with one space ("1997- 2009" keeps its space).
    Runs of spaces inside a line become one space.
    """
    out: list[Inline] = []
    for i, ln in enumerate(lines):
        parts = list(ln.inlines)
        if i > 0 and ln.src.page_start:     # a page break inside the block: its place is kept
            parts.insert(0, PageStart(ln.src.page))
        raw = ln.src.text
        if i + 1 < len(lines):
            glue = " "
            if raw.endswith("-") and COMPOUND_HYPHEN_END.search(raw):
                glue = ""
                record.count("compound hyphens kept at line ends", 1,
                             f"L{ln.number}: {raw[-20:]}{lines[i + 1].text.split()[0]}")
                after = lines[i + 1].text.split()[0]
                record.decide(ln.number, f"joined without a space: “…{raw.strip()[-20:]}{after}”",
                              "a compound broken after its hyphen: no space stands after the hyphen")
            elif raw.rstrip().endswith("-"):
                record.count("spaced hyphens kept at line ends", 1, f"L{ln.number}: …{raw.rstrip()[-20:]} …")
                record.decide(ln.number, f"joined with a space: “…{raw.strip()[-20:]} {lines[i + 1].text.split()[0]}”",
                              "a space stands after the hyphen, as in a range (“1997- 2009”)")
            # strip this line's trailing whitespace, then glue
            while parts and isinstance(parts[-1], str) and parts[-1] != parts[-1].rstrip():
                parts[-1] = parts[-1].rstrip()
                if not parts[-1]:
                    parts.pop()
            parts.append(glue)
            record.count("lines joined")
        out.extend(parts)
    # merge adjacent strings, collapse space runs, strip the ends
    merged: list[Inline] = []
    for p in out:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] += p
        elif p != "":
            merged.append(p)
    final: list[Inline] = []
    for p in merged:
        if isinstance(p, str):
            new = SPACE_RUN.sub(" ", p)
            if new != p:
                record.count("space runs collapsed", len(SPACE_RUN.findall(p)))
            final.append(new)
        else:
            final.append(p)
    # a marker set off by a space ("victims.” 7") leaves that space before its reference
    for k in range(len(final) - 1):
        if isinstance(final[k], str) and isinstance(final[k + 1], NoteRef):
            final[k] = final[k].rstrip()
    if final and isinstance(final[0], str):
        final[0] = final[0].lstrip()
    if final and isinstance(final[-1], str):
        final[-1] = final[-1].rstrip()
    return [p for p in final if p != ""]


def starts_item(block: list[BodyLine], t: str, measure: int) -> bool:
    """Does a list item start the line `t`, below the lines `block`? A bullet, a dash or a
    number does, except a spaced hyphen used as a dash that the line break left at the line's
    start: "The media" / "- and in particular Andrew Norfolk…" goes on (in lower case, or from
    a full line) from a line that stopped mid-sentence, in a block that is no dash item; so does
    a number that a line break left at the start ("April 05-April" / "10. CSE ‘clients’…"). A
    dash after a quotation's closing mark opens its attribution ("- A victim of CSE")."""
    if not starts_list_item(t):
        return False
    if not block or BULLET_ITEM.match(t):
        return True
    prev, first = block[-1].text, block[0].text.strip()
    item = DASH_ITEM if DASH_ITEM.match(t) else NUMBERED_ITEM
    rest = t[item.match(t).end():]
    if (not ends_terminally(prev) and not item.match(first)
            and (starts_lower(rest) or room_left(prev, t, measure) < HARD_BREAK_ROOM)):
        return False
    # "…bother with me.”" / "- A victim of CSE": the dash that opens a quotation's attribution
    return not (item is DASH_ITEM and opens_quotation(first) and prev.rstrip()[-1:] in CLOSING_QUOTES)


def continues_across_page_break(block: list[BodyLine], nxt: BodyLine, measure: int,
                                stands_alone: bool = False) -> tuple[bool, str]:
    """Does the first line of a new page continue the block left open on the previous page?

    The extract shows no paragraph break at a page break, so it is inferred: a new list item
    or chapter title starts a block; a line starting in lower case or "(" continues one, and so
    does a short line standing alone that carries a quotation's attribution; a finished
    quotation with its attribution, a lone short line (a heading at the foot of a
    page) or any short last line (a line that wraps onto the next page is full) ends one, and
    so do a paragraph's two trailing spaces; a full line with no closing punctuation continues
    into the next page; after a finished one,
    a short line standing alone with no closing punctuation, or a run-in label ("Cabinet
    advisors:"), is a heading at the head of the page (`stands_alone`: a blank line or the
    page's end follows it); and a full line that ends
    a sentence with a wrapped line's single trailing space continues (where that is wrong, the
    editorial file names the paragraph that begins: `[[paragraph_starts]]`).
    """
    prev = block[-1].text
    t = nxt.text.strip()
    if starts_item(block, t, measure):
        return False, "a list item starts the page"
    if looks_like_chapter_title(t):
        return False, "a chapter title starts the page"
    if starts_lower(t):
        return True, "the page starts in lower case or with '('"
    joined = " ".join(l.text.strip() for l in block)
    # a short line standing alone that reads as a quotation's attribution: "…so c**p?”" /
    # "A former senior officer"; after an attribution on a full line it may be its rest
    # ("…enough”. A leading" / "Labour Councillor") or a heading ("A parent of a victim" /
    # "The Law"): weak evidence
    reads_as_attribution = (stands_alone and opens_quotation(joined) and len(t) + HARD_BREAK_ROOM <= measure
                            and not ends_terminally(t) and split_attribution(f"{joined} {t}") is not None)
    if reads_as_attribution and split_attribution(joined) is None:
        if SPEAKER_OPENING.match(t):
            return True, "a short line standing alone carries the quotation's attribution"
        return False, ATTRIBUTION_OR_HEADING
    if (opens_quotation(joined) or "“" in joined) and split_attribution(joined):
        # a quotation, or a paragraph with a quotation run in, ends with who said it
        if reads_as_attribution and room_left(prev, t, measure) < HARD_BREAK_ROOM:
            return False, ATTRIBUTION_MAY_GO_ON
        return False, "the block above is a quotation that ends with its attribution"
    if len(block) == 1 and room_left(prev, t, measure) >= HARD_BREAK_ROOM and not ends_terminally(prev):
        return False, "a lone short line (a heading) ends the page above"
    if room_left(prev, t, measure) >= HARD_BREAK_ROOM:
        return False, "the page above ends on a short line: a line that wraps onto the next page is full"
    if trailing_spaces(block[-1]) >= PARAGRAPH_END_SPACES:
        return False, "the page above ends with a paragraph's two trailing spaces"
    if not ends_terminally(prev):
        if (starts_list_item(joined) or len(joined.split()) <= HEADING_WORDS) and t[:1].isupper():
            return True, ITEM_OR_HEADING_MAY_END
        return True, "the page above ends without closing punctuation"
    if (stands_alone and len(t) + HARD_BREAK_ROOM <= measure and (not ends_terminally(t) or is_run_in_label(t))
            and not SENTENCE_INSIDE.search(t)):
        return False, "a short line standing alone (a heading) starts the page"
    if trailing_spaces(block[-1]) < PARAGRAPH_END_SPACES and room_left(prev, t, measure) < HARD_BREAK_ROOM:
        return True, GOES_ON_WITH_ONE_SPACE
    return False, "the page above ends a sentence and its paragraph, and the page starts a new one"


def continues_item_after_empty_line(block: list[BodyLine], nxt: BodyLine, measure: int,
                                    stands_alone: bool = False) -> tuple[bool, str]:
    """Does a list item go on after an empty line (the extract puts one after an item's first line)?

    It does when the next line is not itself an item, nor a short line standing alone (a
    heading), and either starts in lower case or could not have fitted on the line above (a
    wrapped line). A short item line followed by
    a line whose first word would have fitted means the list ended there.
    """
    if not starts_list_item(block[0].text):
        return False, "the block above is no list item"
    t = nxt.text.strip()
    if starts_item(block, t, measure) or looks_like_chapter_title(t):
        return False, "a list item or a title starts the line"
    if starts_lower(t):
        return True, "the line starts in lower case"
    if (stands_alone and len(t) + HARD_BREAK_ROOM <= measure and not ends_terminally(t)
            and not SENTENCE_INSIDE.search(t)):
        return False, "a short line standing alone (a heading) follows the list"
    if room_left(block[-1].text, t, measure) < HARD_BREAK_ROOM:
        return True, ITEM_LINE_WAS_FULL
    return False, "its first word would have fitted on the item's line: the list ended there"


def starts_new_block_within_page(block: list[BodyLine], nxt: BodyLine, measure: int) -> tuple[bool, str]:
    """Does a line start a new block although no blank line stands before it?

    Yes for a new list item; and where the line above stopped short although the
    next word would have fitted (a hard break: glossary entries, lists of names, a paragraph
    ending on a short line), unless both lines are one ALL-CAPS title or the break is inside a
    hyphenated compound; and after a full line that ends a sentence with the two trailing spaces
    the extract leaves where a paragraph ends.
    """
    prev = block[-1].text
    t = nxt.text.strip()
    if starts_item(block, t, measure):
        return True, "list item"
    if GLOSSARY_ENTRY.match(t) and all(GLOSSARY_ENTRY.match(l.text.strip()) for l in block):
        return True, "one glossary entry per line"
    starts_like_a_block = t[:1].isupper() or t[:1].isdigit() or t[:1] in OPENING_QUOTES
    if (starts_like_a_block and ends_terminally(prev) and trailing_spaces(block[-1]) >= PARAGRAPH_END_SPACES
            and room_left(prev, t, measure) < HARD_BREAK_ROOM):
        return True, ENDS_WITH_TWO_SPACES
    if room_left(prev, t, measure) >= HARD_BREAK_ROOM and starts_like_a_block:
        if is_all_caps(prev) and is_all_caps(t):
            return False, ""
        if COMPOUND_HYPHEN_END.search(block[-1].src.text):
            return False, ""
        return True, "hard break: the next word would have fitted on the line above"
    return False, ""


def paragraph_ends_before_footnotes(lines: list[SourceLine]) -> set[int]:
    """The first text line of each page whose page above ended its paragraph with a line of
    spaces, set between its text and its footnote rule: the separator the extract uses between
    paragraphs, there as elsewhere (a gap with no spaces says nothing)."""
    out: set[int] = set()
    spaced = False
    for ln in lines:
        if ln.kind is LineKind.TEXT:
            if spaced and ln.page_start:
                out.add(ln.number)
            spaced = False
        elif ln.kind is LineKind.FOOTNOTE_GAP and ln.raw and not ln.raw.strip():
            spaced = True
    return out


def build_raw_blocks(body_lines: list[SourceLine], lines_by_number: dict[int, BodyLine], ed: Editorial,
                     measure: int, record: PassRecord, ended_above: frozenset[int] = frozenset()) -> list[RawBlock]:
    """Group body lines into blocks, using separators, empty lines and the page-break rules;
    `ended_above` holds the page starts whose page above ended its paragraph with a separator
    before its footnotes."""
    blocks: list[RawBlock] = []
    cur: list[BodyLine] | None = None
    pending_empty = False
    table_spec: TableEntry | None = None
    tables: tuple[TableEntry, ...] = ed.of("tables")

    def close() -> None:
        nonlocal cur, table_spec
        if cur:
            blocks.append(RawBlock(cur, table=table_spec))
        cur = None
        table_spec = None

    starts = [SPACE_RUN.sub(" ", o.strip()) for e in ed.of("paragraph_starts") for o in e.openings]
    goes_on = [SPACE_RUN.sub(" ", o.strip()) for e in ed.of("paragraph_continues") for o in e.openings]
    found: set[str] = set()

    def ahead(k: int) -> str:
        """The running text from body line k on, as a reader reads it (enough for an opening)."""
        parts: list[str] = []
        size = 0
        for i in range(k, len(body_lines)):     # by index: a slice would copy the rest, once a line
            sl = body_lines[i]
            if sl.kind is LineKind.TEXT:
                parts.append(as_joined(lines_by_number[sl.number].text))
                size += len(parts[-1])
                if size > 200:
                    break
        return SPACE_RUN.sub(" ", "".join(parts).strip())

    def settled(k: int, new: bool, why: str, seam: bool = True) -> tuple[bool, str]:
        """The seam before body line k as the editorial file settles it, where it names the
        words that begin a paragraph there (`[[paragraph_starts]]`) or go on the one above
        (`[[paragraph_continues]]`); else as the rules decided."""
        if not (starts or goes_on):
            return new, why
        text = ahead(k)
        if (opening := next((o for o in starts if text.startswith(o)), None)) is not None:
            found.add(opening)
            return True, why if new else NAMED_START
        if seam and (opening := next((o for o in goes_on if text.startswith(o)), None)) is not None:
            found.add(opening)
            return False, NAMED_CONTINUE if new else why
        return new, why

    def stands_alone(k: int) -> bool:
        """Is body line k followed by a blank line, by the page's end or by nothing?"""
        return (k + 1 >= len(body_lines) or body_lines[k + 1].kind is not LineKind.TEXT
                or body_lines[k + 1].page_start)

    for k, sl in enumerate(body_lines):
        if sl.kind is LineKind.SEPARATOR:
            close()
            pending_empty = False
            continue
        if sl.kind is LineKind.EMPTY:
            pending_empty = cur is not None
            continue
        if sl.kind is not LineKind.TEXT:
            continue
        ln = lines_by_number[sl.number]
        if table_spec is not None and not table_is_complete(table_spec, cur[1:]):
            cur.append(ln)   # a flattened table runs to the next separator, or till its rows are all there
            continue
        if table_spec is not None:
            record.decide(sl.number, f"the table “{table_spec.header_line}” ends before “{ln.text.strip()[:30]}…”",
                          f"its {table_spec.rows} rows are all there, though no blank line follows")
            close()
        spec = next((t for t in tables if SPACE_RUN.sub(" ", ln.text.strip()) == t.header_line), None)
        if spec is not None:
            ed.use(spec)
            close()
            cur = [ln]
            table_spec = spec
            pending_empty = False
            continue
        if cur is None:
            settled(k, True, "", seam=False)      # a blank line above already starts it
            cur = [ln]
        elif pending_empty:
            item_goes_on, why = continues_item_after_empty_line(cur, ln, measure, stands_alone(k))
            new, why = settled(k, not item_goes_on, why)
            item_goes_on = not new
            if starts_list_item(cur[0].text):
                record.decide(sl.number, ("joined" if item_goes_on else "new block")
                              + f": “…{cur[-1].text.strip()[-30:]}” / “{ln.text.strip()[:30]}…”", why,
                              weak=why in WEAK_RULES and ends_terminally(cur[-1].text))
            if item_goes_on:
                cur.append(ln)
                record.count("list items continued across an empty line", 1, f"L{ln.number}: {ln.text[:40]}")
            else:
                close()
                cur = [ln]
        elif sl.page_start:
            joins, why = continues_across_page_break(cur, ln, measure, stands_alone(k))
            if joins and sl.number in ended_above:    # only where it decides: the other rules said "goes on"
                joins, why = False, ENDS_BEFORE_FOOTNOTES
            new, why = settled(k, not joins, why)
            joins = not new
            seam = f"“…{cur[-1].text.strip()[-30:]}” / “{ln.text.strip()[:30]}…”"
            record.decide(sl.number, ("joined: " if joins else "new block: ") + seam, why, why in SPACING_RULES,
                          weak=why in WEAK_RULES)
            if joins:
                cur.append(ln)
                record.count("paragraphs bridged across page breaks", 1,
                             f"L{cur[-2].number}/L{ln.number}: …{cur[-2].text.strip()[-25:]} ⏎ {ln.text.strip()[:25]}…")
            else:
                close()
                cur = [ln]
        else:
            new, why = settled(k, *starts_new_block_within_page(cur, ln, measure))
            if new:
                if why != "list item":
                    record.count(f"blocks started without a blank line ({why})", 1,
                                 f"L{ln.number}: {ln.text.strip()[:40]}")
                    record.decide(sl.number,
                                  f"new block: “…{cur[-1].text.strip()[-30:]}” / “{ln.text.strip()[:30]}…”", why,
                                  why in SPACING_RULES)
                close()
                cur = [ln]
            else:
                cur.append(ln)
        pending_empty = False
    close()
    for e in (*ed.of("paragraph_starts"), *ed.of("paragraph_continues")):
        missing = [o for o in e.openings if SPACE_RUN.sub(" ", o.strip()) not in found]
        if missing:
            raise EditorialError(f"{e.where}: {len(missing)} opening(s) begin no line of the running text, "
                                 f"first “{missing[0]}”", path=ed.path, line=e.line,
                                 fix="copy a paragraph's first words exactly as printed, or remove the opening")
        ed.use(e)
    return blocks


def to_blocks(raws: list[RawBlock], seed: str, record: PassRecord) -> list[Block]:
    """Join each raw block's lines into a paragraph block (tables are rebuilt)."""
    out = []
    for r in raws:
        if r.table:
            out.append(rebuild_flattened_table(r, seed, record))
            continue
        b = Block(BlockKind.PARAGRAPH, join_lines(r.lines, record), Provenance.spanning(seed, r.lines),
                  source_lines=[l.number for l in r.lines])
        if r.lines[0].src.page_start:
            b.pages_before.append(PageStart(r.lines[0].src.page))
        out.append(b)
    return out


def build_raw_blocks_step(doc: Document, ctx) -> None:
    body = [line for line in doc.lines if line.kind in (LineKind.TEXT, LineKind.SEPARATOR, LineKind.EMPTY)]
    doc.measure = line_measure(doc.lines)
    doc.raw_blocks = build_raw_blocks(body, {ln.number: ln for ln in doc.body_lines}, ctx.editorial,
                                      doc.measure, ctx.record, frozenset(paragraph_ends_before_footnotes(doc.lines)))


def to_blocks_step(doc: Document, ctx) -> None:
    doc.blocks = to_blocks(doc.raw_blocks, doc.seed_name, ctx.record)
