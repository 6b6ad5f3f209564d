"""The cleaning passes: each a small function named for the extraction defect it repairs.

Line-level predicates (`continues_across_page_break`, `continues_item_after_empty_line`,
`starts_new_block_within_page`) decide where the blocks of the edition begin; block-level
passes (`detect_headings`, `mark_list_items`, `split_quotation_attributions`, ...) give
blocks their kind. None of them changes, drops or reorders a word: they join lines, move
footnote markers into `NoteRef`s and label structure. What they cannot decide is settled by
the document's editorial file (see `editorial`). The order they run in lives in `pipeline`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .editorial import Editorial, TableEntry, first_matching
from .errors import EditorialError, StructureError, shown
from .model import (Block, BlockKind, EditionText, EditRecord, Footnote, GlossaryEntry, Inline, LineKind, NoteRef,
                    PageStart, Provenance, SourceLine)

# ----------------------------------------------------------------------------- characters
#: Characters that open a quotation in this kind of text.
OPENING_QUOTES = "“‘'\""
#: Characters that close one (the straight ones serve both ways).
CLOSING_QUOTES = "”’'\""
#: A line ending that closes a sentence or clause: the paragraph may end here.
TERMINAL = re.compile(r"[.?!:;…][”’'\")\]]*\s*$|[”’]\s*$")
#: The end of a sentence (not of a clause or label).
SENTENCE_END = re.compile(r"[.?!…][”’'\")\]]*\s*$")
#: A list item as printed: a bullet, a hyphen-dash item, or a number with a full stop.
BULLET_ITEM = re.compile(r"^•\s+")
DASH_ITEM = re.compile(r"^- (?=\S)")
NUMBERED_ITEM = re.compile(r"^(\d{1,2})\.\s+(?=\S)")
#: A compound broken at a line end: a letter or digit, a hyphen and no space after it.
COMPOUND_HYPHEN_END = re.compile(r"[^\W_]-$")
#: Runs of two or more spaces inside a line.
SPACE_RUN = re.compile(r" {2,}")
#: A glossary line: one term, a spaced hyphen, its expansion ("CSE - Child Sexual Exploitation").
GLOSSARY_ENTRY = re.compile(r"^(\S+) - (\S.*)$")
#: A run-in label heading ("Cabinet advisors:") is short; a longer line ending in ":" leads in.
LABEL_MAX_WORDS = 6
#: Minimum room (in characters) left on a line for the next word to have fitted there.
#: Wrapped prose leaves less; a line that stops with this much room was broken on purpose.
HARD_BREAK_ROOM = 10


@dataclass
class Line:
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
class RawBlock:
    """Lines that belong together, before the block is given a kind."""

    lines: list[Line]
    table: TableEntry | None = None   # the editorial entry of a flattened table

    @property
    def first(self) -> str:
        return self.lines[0].text.strip()


# ----------------------------------------------------------------------------- helpers
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


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def starts_list_item(text: str) -> bool:
    t = text.strip()
    if BULLET_ITEM.match(t) or DASH_ITEM.match(t):
        return True
    m = NUMBERED_ITEM.match(t)
    return bool(m) and not is_all_caps(t)


def looks_like_chapter_title(text: str) -> bool:
    """An ALL-CAPS line or an "Annex X" line: always the start of a new block."""
    t = text.strip()
    return is_all_caps(t) and not starts_list_item(t) or bool(re.fullmatch(r"Annex [A-Z]", t))


def ends_terminally(text: str) -> bool:
    return bool(TERMINAL.search(text.rstrip()))


def starts_lower(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and (t[0].islower() or t[0] == "(")


ATTRIBUTION_START = re.compile(r"^\.?\s*(?:[-–]\s*)?(?:[A-Z]|a |an |anonymous )")


def split_attribution(text: str) -> tuple[str, str] | None:
    """Split "“quote…” A Councillor" into the quotation and its attribution.

    The attribution is what follows the last closing quote mark (and an optional full stop
    after it): at most 12 words, starting with a capital, "a", "an", "anonymous" or a dash,
    and holding no sentence of its own. Returns None when there is no such tail.
    """
    t = text.rstrip()
    for i in range(len(t) - 1, -1, -1):
        if t[i] in CLOSING_QUOTES:
            if t[i] in "’'" and i + 1 < len(t) and t[i + 1].isalpha():
                continue    # an apostrophe inside a word ("victim’s"), not a closing quote
            cut = i + 1
            if t[cut:cut + 1] == ".":
                cut += 1
            tail = t[cut:].strip()
            if not tail:
                return None
            if (len(tail.split()) <= 12 and ATTRIBUTION_START.match(tail)
                    and not re.search(r"[.?!]\s+\S", tail) and not tail.endswith(("?", "!"))):
                return t[:cut], tail
            return None
    return None


def opens_quotation(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and t[0] in OPENING_QUOTES


# ----------------------------------------------------------------------------- footnotes
FOOTNOTE_BODY_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")


def collect_footnote_bodies(lines: list[SourceLine], seed: str, record: EditRecord) -> dict[int, Footnote]:
    """Gather footnote texts from the bottom of the pages, joining the lines of each note.

    A body line that starts with the next footnote number starts a note; other lines continue
    the note above (bodies wrap). Two notes may share one block. The numbers must run on
    without gaps.
    """
    notes: dict[int, list[SourceLine]] = {}
    current: int | None = None
    for l in lines:
        if l.kind is not LineKind.FOOTNOTE_BODY:
            continue
        m = FOOTNOTE_BODY_START.match(l.text.strip())
        expected = (max(notes) + 1) if notes else None
        if m and (expected is None or int(m.group(1)) == expected):
            current = int(m.group(1))
            notes[current] = [l]
        elif current is None:
            raise StructureError("footnote text with no footnote number before it", path=seed,
                                 line=l.number, fix="check the footnote rule above this line")
        else:
            notes[current].append(l)
    out: dict[int, Footnote] = {}
    for n, ls in notes.items():
        parts = [Line(l, [l.text]) for l in ls]
        text = join_lines(parts, record)
        text_str = "".join(x for x in text if isinstance(x, str))
        m = FOOTNOTE_BODY_START.match(text_str)
        body = m.group(2) if m else text_str
        out[n] = Footnote(n, body, Provenance(seed, ls[0].number, ls[-1].number, ls[0].page, ls[-1].page))
        record.count("footnote bodies collected", 1, f"{n} {body[:50]}…")
    return out


def _marker_patterns(n: int) -> list[tuple[str, re.Pattern[str]]]:
    num = re.escape(str(n))
    return [
        # glued to a word, a closing quote, a full stop or a bracket: "Review12", "indifference.”2"
        ("glued", re.compile(rf"(?<=[^\W\d_]|[”’'\".)\]]){num}(?![\d%])")),
        # set off by one space at the end of a line, after punctuation: "victims.” 7"
        ("spaced", re.compile(rf"(?<=[.”’'\")] ){num}(?=\s*$)")),
        # fused to a number: "totalled 1076" is 107 + note 6 (years are never split)
        ("fused", re.compile(rf"(?<=\d){num}(?![\d%])")),
    ]


def _is_year_token(text: str, start: int, end: int) -> bool:
    m_start = start
    while m_start > 0 and text[m_start - 1].isdigit():
        m_start -= 1
    token = text[m_start:end]
    return bool(re.fullmatch(r"(19|20)\d\d", token))


def _inside_context(part: str, start: int, context: str) -> bool:
    """Is position `start` of `part` inside an occurrence of the editorial context text?"""
    i = part.find(context)
    while i >= 0:
        if i <= start < i + len(context):
            return True
        i = part.find(context, i + 1)
    return False


def detach_footnote_markers(body: list[Line], notes: dict[int, Footnote], lines: list[SourceLine],
                            ed: Editorial, seed: str, record: EditRecord) -> list[Line]:
    """Find each footnote's marker in the running text and replace it with a `NoteRef`.

    Footnotes are numbered in sequence, so marker N lies after marker N-1 and above the
    footnote rule under which note N's text sits. Inside that window the marker is looked for
    glued to a word or quote ("model’8"), then set off by a space at a line end ("campaign.
    10"), then fused to a number ("1076" = 107 + 6, never inside a year). The first kind that
    gives exactly one candidate wins; more than one is an ambiguity that the editorial file
    must settle (`[[footnote_markers]]` with `note` and `context`).
    """
    rule_above: dict[int, int] = {}
    last_rule = 0
    for l in lines:
        if l.kind is LineKind.FOOTNOTE_RULE:
            last_rule = l.number
        if l.kind is LineKind.FOOTNOTE_BODY:
            m = FOOTNOTE_BODY_START.match(l.text.strip())
            if m and int(m.group(1)) in notes and notes[int(m.group(1))].prov.first_line == l.number:
                rule_above[int(m.group(1))] = last_rule
    choices = {e.note: e for e in ed.of("footnote_markers")}
    pos = (0, -1)   # (index in body, char offset) of the previous marker
    for n in sorted(notes):
        limit = rule_above.get(n, 10 ** 9)
        found: list[tuple[int, int, int, str]] = []
        for kind, pat in _marker_patterns(n):
            cands = []
            # the window: from the previous marker's line to the rule above this note's text
            for bi in range(max(pos[0], 0), len(body)):
                ln = body[bi]
                if ln.number >= limit:
                    break
                for si, part in enumerate(ln.inlines):
                    if not isinstance(part, str):
                        continue
                    for m in pat.finditer(part):
                        if (bi, m.start()) <= pos and si == len(ln.inlines) - 1:
                            continue
                        if kind == "fused" and _is_year_token(part, m.start(), m.end()):
                            continue
                        cands.append((bi, si, m.start(), kind))
            if n in choices:
                cands = [c for c in cands if _inside_context(body[c[0]].inlines[c[1]], c[2], choices[n].context)]
            if len(cands) == 1:
                found = cands
                break
            if len(cands) > 1:
                where = ", ".join(f"line {body[c[0]].number}" for c in cands[:5])
                raise EditorialError(
                    f"footnote {n}: {len(cands)} possible markers ({kind}) at {where}", path=seed,
                    line=body[cands[0][0]].number,
                    fix=(f"add to the editorial file: [[footnote_markers]] note = {n}, "
                         "context = \"<words around the right marker>\", reason = \"…\""))
        if not found:
            raise StructureError(f"footnote {n} has text but no marker in the running text above it",
                                 path=seed, line=notes[n].prov.first_line,
                                 fix=f"add [[footnote_markers]] note = {n} with context to the editorial file")
        bi, si, start, kind = found[0]
        ln = body[bi]
        part = ln.inlines[si]
        assert isinstance(part, str)
        end = start + len(str(n))
        ln.inlines[si:si + 1] = [x for x in (part[:start], NoteRef(n), part[end:]) if x != ""]
        if n in choices:
            ed.use(choices[n])
        record.count(f"footnote markers detached ({kind})", 1, f"L{ln.number}: …{part[max(0, start - 25):end]}…")
        record.decide("detach_footnote_markers", ln.number, f"footnote {n} marker `{part[max(0, start - 15):end]}`",
                      f"{kind} marker, the only candidate between note {n - 1} and note {n}'s page")
        pos = (bi, start)
    return body


# ----------------------------------------------------------------------------- joining lines
def join_lines(lines: list[Line], record: EditRecord) -> list[Inline]:
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
            elif raw.rstrip().endswith("-"):
                record.count("spaced hyphens kept at line ends", 1, f"L{ln.number}: …{raw.rstrip()[-20:]} …")
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


# ----------------------------------------------------------------------------- block boundaries
def continues_across_page_break(block: list[Line], nxt: Line, measure: int) -> tuple[bool, str]:
    """Does the first line of a new page continue the block left open on the previous page?

    The extract shows no paragraph break at a page break, so it is inferred: a new list item
    or chapter title starts a block; a line starting in lower case or "(" continues one; a
    finished quotation with its attribution, or a lone short line (a heading at the foot of a
    page), ends one; otherwise a line with no closing punctuation continues into the next page.
    """
    prev = block[-1].text
    t = nxt.text.strip()
    if starts_list_item(t):
        return False, "a list item starts the page"
    if looks_like_chapter_title(t):
        return False, "a chapter title starts the page"
    if starts_lower(t):
        return True, "the page starts in lower case or with '('"
    joined = " ".join(l.text.strip() for l in block)
    if opens_quotation(joined) and split_attribution(joined):
        return False, "the block above is a quotation that ends with its attribution"
    if len(block) == 1 and room_left(prev, t, measure) >= HARD_BREAK_ROOM and not ends_terminally(prev):
        return False, "a lone short line (a heading) ends the page above"
    if not ends_terminally(prev):
        return True, "the page above ends without closing punctuation"
    return False, "the page above ends a sentence and the page starts a new one"


def continues_item_after_empty_line(block: list[Line], nxt: Line, measure: int) -> bool:
    """Does a list item go on after an empty line (the extract puts one after an item's first line)?

    It does when the next line is not itself an item and either starts in lower case or
    could not have fitted on the line above (a wrapped line). A short item line followed by
    a line whose first word would have fitted means the list ended there.
    """
    if not starts_list_item(block[0].text):
        return False
    t = nxt.text.strip()
    if starts_list_item(t) or looks_like_chapter_title(t):
        return False
    if starts_lower(t):
        return True
    return room_left(block[-1].text, t, measure) < HARD_BREAK_ROOM


def starts_new_block_within_page(block: list[Line], nxt: Line, measure: int) -> tuple[bool, str]:
    """Does a line start a new block although no blank line stands before it?

    Yes for a new list item; for a quotation opening after a finished sentence; for narrative
    after a quotation's attribution line; and where the line above stopped short although the
    next word would have fitted (a hard break: glossary entries, lists of names, a paragraph
    ending on a short line), unless both lines are one ALL-CAPS title or the break is inside a
    hyphenated compound.
    """
    prev = block[-1].text
    t = nxt.text.strip()
    if starts_list_item(t):
        return True, "list item"
    if GLOSSARY_ENTRY.match(t) and all(GLOSSARY_ENTRY.match(l.text.strip()) for l in block):
        return True, "one glossary entry per line"
    if opens_quotation(t) and t[0] in "“‘" and ends_terminally(prev) and not prev.rstrip().endswith(":"):
        return True, "a quotation opens after a finished sentence"
    joined = " ".join(l.text.strip() for l in block)
    if opens_quotation(joined) and split_attribution(prev.strip()) and len(block) >= 1 \
            and not starts_lower(t) and split_attribution(joined) and room_left(prev, t, measure) < HARD_BREAK_ROOM \
            and len(t) > measure * 0.6:
        # "…” Shaun Wright to the Home Affairs Select Committee" / "The dispute over …": a
        # long line after a finished attribution is narrative; a short one ends the attribution.
        return True, "narrative follows a quotation's attribution"
    if room_left(prev, t, measure) >= HARD_BREAK_ROOM and (t[:1].isupper() or t[:1].isdigit() or t[:1] in OPENING_QUOTES):
        if is_all_caps(prev) and is_all_caps(t):
            return False, ""
        if COMPOUND_HYPHEN_END.search(block[-1].src.text):
            return False, ""
        return True, "hard break: the next word would have fitted on the line above"
    return False, ""


def build_raw_blocks(body_lines: list[SourceLine], lines_by_number: dict[int, Line], ed: Editorial,
                     measure: int, record: EditRecord) -> list[RawBlock]:
    """Group body lines into blocks, using separators, empty lines and the page-break rules."""
    blocks: list[RawBlock] = []
    cur: list[Line] | None = None
    pending_empty = False
    table_spec: TableEntry | None = None
    tables: tuple[TableEntry, ...] = ed.of("tables")

    def close() -> None:
        nonlocal cur, table_spec
        if cur:
            blocks.append(RawBlock(cur, table=table_spec))
        cur = None
        table_spec = None

    for sl in body_lines:
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
        if table_spec is not None:
            cur.append(ln)   # a flattened table runs to the next separator
            continue
        spec = next((t for t in tables if SPACE_RUN.sub(" ", ln.text.strip()) == t.header_line), None)
        if spec is not None:
            ed.use(spec)
            close()
            cur = [ln]
            table_spec = spec
            pending_empty = False
            continue
        if cur is None:
            cur = [ln]
        elif pending_empty:
            if continues_item_after_empty_line(cur, ln, measure):
                cur.append(ln)
                record.count("list items continued across an empty line", 1, f"L{ln.number}: {ln.text[:40]}")
            else:
                close()
                cur = [ln]
        elif sl.page_start:
            joins, why = continues_across_page_break(cur, ln, measure)
            record.decide("continues_across_page_break", sl.number,
                          ("joined" if joins else "new block") + f": “…{cur[-1].text.strip()[-30:]}” / “{ln.text.strip()[:30]}…”",
                          why)
            if joins:
                cur.append(ln)
                record.count("paragraphs bridged across page breaks", 1,
                             f"L{cur[-2].number}/L{ln.number}: …{cur[-2].text.strip()[-25:]} ⏎ {ln.text.strip()[:25]}…")
            else:
                close()
                cur = [ln]
        else:
            new, why = starts_new_block_within_page(cur, ln, measure)
            if new:
                if why != "list item":
                    record.count(f"blocks started without a blank line ({why})", 1,
                                 f"L{ln.number}: {ln.text.strip()[:40]}")
                    record.decide("starts_new_block_within_page", sl.number,
                                  f"new block: “…{cur[-1].text.strip()[-30:]}” / “{ln.text.strip()[:30]}…”", why)
                close()
                cur = [ln]
            else:
                cur.append(ln)
        pending_empty = False
    close()
    return blocks


# ----------------------------------------------------------------------------- block kinds
def _prov(seed: str, lines: list[Line]) -> Provenance:
    return Provenance(seed, lines[0].number, lines[-1].number, lines[0].src.page, lines[-1].src.page)


def rebuild_flattened_table(raw: RawBlock, seed: str, record: EditRecord) -> Block:
    """Rebuild a table that extraction flattened into lines, by the editorial file's row pattern.

    The header line is split into the given header cells; the rest of the region, joined with
    spaces, must be matched end to end by repeats of the row pattern, so no word can be lost.
    """
    spec = raw.table
    assert spec is not None
    text = " ".join(l.text.strip() for l in raw.lines[1:])
    text = SPACE_RUN.sub(" ", text)
    assert spec.row is not None
    rows: list[list[str]] = []
    pos = 0
    while pos < len(text.rstrip()):
        m = spec.row.match(text, pos)
        if not m or m.end() == pos:
            raise EditorialError(f"table {shown(spec.header_line)}: the row pattern does not match at "
                                 f"{shown(text[pos:pos + 40])}", path=seed, line=raw.lines[0].number,
                                 fix=f"correct `row` of {spec.where} in the editorial file")
        rows.append([SPACE_RUN.sub(" ", c.strip()) for c in m.groups()])
        pos = m.end()
    header = list(spec.header)
    if "".join(header).replace(" ", "") != raw.lines[0].text.replace(" ", ""):
        raise EditorialError(f"table header cells {header} do not spell the header line", path=seed,
                             line=raw.lines[0].number, fix="correct `header` in the editorial file")
    if spec.rows is not None and len(rows) != spec.rows:
        raise EditorialError(f"table {shown(spec.header_line)}: found {len(rows)} rows, expected {spec.rows}",
                             path=seed, line=raw.lines[0].number, fix="check the row pattern")
    record.count("tables rebuilt", 1, f"L{raw.lines[0].number}: {len(rows)} rows × {len(header)} columns")
    return Block(BlockKind.TABLE, [], _prov(seed, raw.lines), header=header, rows=rows,
                 source_lines=[l.number for l in raw.lines], chart=spec.chart)




def to_blocks(raws: list[RawBlock], seed: str, record: EditRecord) -> list[Block]:
    """Join each raw block's lines into a paragraph block (tables are rebuilt)."""
    out = []
    for r in raws:
        if r.table:
            out.append(rebuild_flattened_table(r, seed, record))
            continue
        b = Block(BlockKind.PARAGRAPH, join_lines(r.lines, record), _prov(seed, r.lines),
                  source_lines=[l.number for l in r.lines])
        if r.lines[0].src.page_start:
            b.pages_before.append(PageStart(r.lines[0].src.page))
        out.append(b)
    return out


def _first_text(block: Block) -> str:
    return block.text.strip()


def detect_headings(blocks: list[Block], ed: Editorial, measure: int, record: EditRecord) -> list[Block]:
    """Mark headings: chapter titles, annex titles with their subtitles, and subheadings.

    Level 1: an ALL-CAPS block (chapter and question titles, which may wrap over lines) and
    "Annex X" followed by its subtitle line, joined as "Annex X: subtitle". Level 2: a lone
    short line with no closing full stop, comma or semicolon, that starts with a capital, digit or
    quote mark and stands before more text; one ending in ":" only when a plain paragraph
    follows (else it introduces a list or quotation). The editorial file adds headings the
    rules miss, removes false ones, and sets levels 3-4 (the report prints no levels; nesting
    is an editorial inference).
    """
    add = ed.of("headings")
    remove = ed.of("not_headings")
    levels = {}
    for group in ed.of("outline"):
        for h in group.headings:
            levels[h] = (group.level, group)
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        t = _first_text(b)
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if b.kind is not BlockKind.PARAGRAPH:
            out.append(b)
            i += 1
            continue
        forced = first_matching(add, t)
        banned = first_matching(remove, t)
        level = 0
        why = ""
        n_lines = len(b.source_lines)
        if re.fullmatch(r"Annex [A-Z]", t) and nxt is not None and nxt.kind is BlockKind.PARAGRAPH \
                and len(nxt.source_lines) == 1:
            b.kind = BlockKind.HEADING
            b.level = 1
            b.inlines = [t, EditionText(": "), *nxt.inlines]
            b.pages_before += nxt.pages_before
            b.prov = b.prov.merge(nxt.prov)
            b.source_lines += nxt.source_lines
            record.count("annex titles joined to their subtitles", 1, b.text)
            out.append(b)
            i += 2
            continue
        if forced:
            level = forced.level
            why = "editorial"
            ed.use(forced)
        elif banned:
            ed.use(banned)
        elif is_all_caps(t) and not starts_list_item(t) and len(t.split()) <= 40 and nxt is not None:
            level, why = 1, "ALL-CAPS title"
        elif (n_lines == 1 and nxt is not None and len(t.split()) <= 14 and not b.note_numbers()
              and (t[:1].isupper() or t[:1].isdigit() or t[:1] in "‘'“")
              and not re.search(r"[.,;][”’'\"]?$", t) and not starts_list_item(t)
              and not (opens_quotation(t) and split_attribution(t))
              and not (opens_quotation(t) and not any(c in CLOSING_QUOTES for c in t[1:]))):
            nt = _first_text(nxt)
            if t.endswith(":") and (len(t.split()) > LABEL_MAX_WORDS or nxt.kind is not BlockKind.PARAGRAPH
                                    or opens_quotation(nt) or starts_list_item(nt)):
                level = 0   # a lead-in to a list or quotation, not a run-in label
            elif nt[:1].islower():
                level = 0
            elif (nxt.kind is BlockKind.PARAGRAPH and len(nxt.source_lines) == 1 and not t.endswith(":")
                  and len(nt) < measure * 0.6 and not SENTENCE_END.search(nt)):
                level = 0   # one of a run of short lines: a signature, a list of names
            else:
                level, why = 2, "lone short line"
        if level:
            if t in levels and why != "editorial":
                level = levels[t][0]
                ed.use(levels[t][1])
                why = "editorial outline"
            b.kind = BlockKind.HEADING
            b.level = level
            record.count(f"headings (level {level})")
            record.decide("detect_headings", b.prov.first_line, f"h{level}: {t[:60]}", why)
        out.append(b)
        i += 1
    found = {_first_text(x) for x in out if x.kind is BlockKind.HEADING}
    missing = [h for h in levels if h not in found]
    if missing:
        raise EditorialError(f"outline names heading(s) not found as headings: {missing[:3]}", path=ed.path,
                             fix="correct the text (it must equal the heading as printed) or add it under [[headings]]")
    for e in (*add, *remove):
        if not ed.uses(e):
            raise EditorialError(f"{e.where} {shown(e.text)} matches no block", path=ed.path, line=e.line,
                                 fix="copy the text exactly as printed (or use match = \"prefix\")")
    return out


def mark_list_items(blocks: list[Block], record: EditRecord) -> list[Block]:
    """Turn "• ", "- " and "1. " blocks into list items; a dash list after a bullet nests in it.

    The printed marker leaves the text (the list renders it); numbered items keep their
    number as the item number.
    """
    prev_kind = None
    for b in blocks:
        if b.kind is not BlockKind.PARAGRAPH or not b.inlines or not isinstance(b.inlines[0], str):
            prev_kind = b.marker if b.kind is BlockKind.LIST_ITEM else None
            continue
        first = b.inlines[0]
        m_b, m_d, m_n = BULLET_ITEM.match(first), DASH_ITEM.match(first), NUMBERED_ITEM.match(first)
        if m_b or m_d or (m_n and not is_all_caps(first)):
            m = m_b or m_d or m_n
            assert m is not None
            b.kind = BlockKind.LIST_ITEM
            b.marker = "bullet" if m_b else "dash" if m_d else "number"
            b.number = m_n.group(1) if (m_n and not m_b and not m_d) else ""
            b.inlines[0] = first[m.end():]
            if b.marker == "dash" and prev_kind in ("bullet", "dash"):
                b.depth = 1
            record.count(f"list items ({b.marker})")
            prev_kind = b.marker if b.marker != "dash" or b.depth == 0 else "dash"
        else:
            prev_kind = None
    return blocks


def split_quotation_attributions(blocks: list[Block], ed: Editorial, record: EditRecord) -> list[Block]:
    """Make blocks that open with a quote mark into quotations, with their attribution apart.

    "“…the system has responded.” A victim’s father" becomes a quotation and the attribution
    "A victim’s father"; quotations without one stay whole. A paragraph that merely starts with
    a quoted word ("‘Missing’ can be…") is left as a paragraph: its first quote closes early and
    the block goes on as narrative. The quote marks are never changed.
    """
    not_quotes = ed.of("not_quotations")
    for b in blocks:
        if b.kind is not BlockKind.PARAGRAPH:
            continue
        t = b.text.strip()
        if not opens_quotation(t):
            continue
        if (entry := first_matching(not_quotes, t)) is not None:
            ed.use(entry)
            continue
        split = split_attribution(t)
        if split is None:
            # narrative that begins with a quoted phrase: the phrase closes within a few words
            close = next((i for i, c in enumerate(t[1:], 1) if c in CLOSING_QUOTES
                          and not (c in "’'" and i + 1 < len(t) and t[i + 1].isalpha())), None)
            if close is not None and close < len(t) - 2 and len(t[:close].split()) <= 4 \
                    and not t[close + 1:].lstrip()[:1] in OPENING_QUOTES:
                continue
            b.kind = BlockKind.QUOTE
            record.count("quotations (no attribution)")
            continue
        quote, attribution = split
        # move the attribution's inlines out of the block, keeping NoteRefs where they stand
        cut = len(quote)
        inl: list[Inline] = []
        att: list[Inline] = []
        seen = 0
        lead = len(b.text) - len(b.text.lstrip())
        for x in b.inlines:
            if isinstance(x, (NoteRef, PageStart)):
                (inl if seen <= cut + lead else att).append(x)
                continue
            take = max(0, min(len(x), cut + lead - seen))
            if x[:take]:
                inl.append(x[:take])
            if x[take:]:
                att.append(x[take:])
            seen += len(x)
        if att and isinstance(att[0], str):
            att[0] = att[0].lstrip()
        b.kind = BlockKind.QUOTE
        b.inlines = inl
        b.attribution = [a for a in att if a != ""]
        record.count("quotations with attribution", 1, f"{attribution}")
    return blocks


def group_glossary_entries(blocks: list[Block], record: EditRecord) -> list[Block]:
    """Turn a run of three or more one-line "TERM - Expansion" blocks into one glossary block."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind is BlockKind.PARAGRAPH and len(blocks[j].source_lines) == 1 \
                and GLOSSARY_ENTRY.match(blocks[j].text.strip()) and not blocks[j].note_numbers():
            j += 1
        if j - i >= 3:
            rows = [list(GLOSSARY_ENTRY.match(b.text.strip()).groups()) for b in blocks[i:j]]  # type: ignore[union-attr]
            g = Block(BlockKind.GLOSSARY, [], blocks[i].prov.merge(blocks[j - 1].prov), rows=rows,
                      source_lines=[n for b in blocks[i:j] for n in b.source_lines])
            g.row_pages = {k: b.pages_before for k, b in enumerate(blocks[i:j]) if b.pages_before}
            out.append(g)
            record.count("glossary entries", j - i, f"{rows[0][0]} - {rows[0][1]}")
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return out


# ----------------------------------------------------------------------------- page concordance
def label_page_starts(blocks: list[Block], printed: dict[int, int | None], untraced: frozenset[int],
                      record: EditRecord) -> list[Block]:
    """Give every page start its printed page number, once the numbers are known.

    A page of the PDF that left no text (an editorial `[[untraced_pages]]` entry says before
    which page it stood) gets its own mark, just before that page's: the mark says where it
    falls, and no printed page is without an anchor.
    """
    def labelled(ps: PageStart) -> list[PageStart]:
        n = printed.get(ps.ordinal)
        out = [PageStart(ps.ordinal, n)]
        if ps.ordinal in untraced and n is not None:
            out.insert(0, PageStart(ps.ordinal, n - 1, blank=True))
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


# ----------------------------------------------------------------------------- glossary
def term_pattern(terms: list[str]) -> re.Pattern[str]:
    """A term as a whole word, case as printed, optionally with a plural "s" ("IMRs", "LSCBs");
    never inside a longer word ("CSE" is not found in "CSEs-something" or "SCSE")."""
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w&])(?P<term>{alternatives})(?P<plural>s?)(?![\w&])")


def collect_glossary(blocks: list[Block], footnotes: dict[int, Footnote], ed: Editorial, seed: str,
                     record: EditRecord) -> list[GlossaryEntry]:
    """The report's glossary (its glossary block, Annex F) as data, then the terms the edition
    explains itself (editorial `[[edition_terms]]`), each checked against the text."""
    report = [GlossaryEntry(t, e, "report") for b in blocks if b.kind is BlockKind.GLOSSARY for t, e in b.rows]
    known = {g.term for g in report}
    text = "\n".join(b.text + "\n" + "\n".join(" ".join(r) for r in b.rows)
                     for b in blocks if b.kind is not BlockKind.GLOSSARY)
    text += "\n" + "\n".join(n.text for n in footnotes.values())
    edition = []
    for e in ed.of("edition_terms"):
        if e.term in known:
            raise EditorialError(f"{e.where} {shown(e.term)} is in the report's own glossary", path=ed.path,
                                 line=e.line, fix="remove the entry: the report's expansion is used")
        if not term_pattern([e.term]).search(text):
            raise EditorialError(f"{e.where} {shown(e.term)} does not occur in the text", path=ed.path, line=e.line,
                                 fix="remove the entry or correct the term (case and spelling as printed)")
        edition.append(GlossaryEntry(e.term, e.expansion, "edition", e.reason))
        ed.use(e)
    record.count("glossary terms (the report's)", len(report))
    record.count("glossary terms (the edition's)", len(edition))
    return report + edition
