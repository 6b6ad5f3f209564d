"""Re-extractions of the report: the same words under another measure and page length.

A reader's link must not depend on how the PDF happened to be turned into text. This tool
makes the text another extraction of the same PDF would give, following the seed's own
conventions (see `scripts.clean.layout`): a wrapped line ends with one space (the extract
never leaves two after a wrapped line), a compound breaks after its hyphen with no space, the
first text line of a page starts with one space (not after a printed page number's block), a
page's footnotes stand below a rule of spaces, a page ends without the separator line of a
paragraph that ends there (unless footnotes follow: then that separator is the gap above the
rule), and two blocks a page break parted in the seed get, mid-page, the gap their kinds have.

What it changes, from the seed's own edition (`run_report` on the seed):

- **measure**: every block is wrapped again, greedily, at `measure` characters (a footnote
  marker never starts a line: a superscript is set after its word), a flattened table's rows
  too, but glossary entries, whose lines are rows, chapter titles, whose lines are set apart,
  and a table's header line, which keep their lines as printed; a page break moves into the
  line it falls in;
- **page_lines**: with `page_lines` set, the body is paginated again at that many lines, each
  chapter (a level-1 heading that opened a page) on a new page, a table split like any text;
  each footnote moves to the page where its marker now falls; the pages the seed printed a
  number on are matched to the new page holding their first word, and print the new number.
  With `page_lines` None, every page break stays where the seed has it.

Every character of the running text is kept: `check_same_characters` proves it for each
variant (the text with layout whitespace removed is the seed's, in order).

Usage: `python -m tests.reextract MEASURE [PAGE_LINES]` prints the variant to stdout.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.chars import as_joined  # noqa: E402
from scripts.model import Block, BlockKind, Document, LineKind, NoteRef  # noqa: E402

#: where a line may break: after a run of spaces (kept at the line's end), or after the hyphen
#: of a compound between two letters ("decision-" / "making")
BREAK = re.compile(r"(?<= )(?=[^ ])|(?<=[^\W\d_]-)(?=[^\W\d_])")
FOOTNOTE_RULE = " " * 60


@dataclass
class Entry:
    """One line of the body in reading order: running text or a gap between blocks."""

    text: str                  # without the page-start indent
    block: int | None          # the block it belongs to (None: a gap line)
    page: int                  # the seed page it came from
    notes: list[int] = field(default_factory=list)   # footnote markers on it
    opens_chapter: bool = False                      # the first line of a chapter that opened a page
    #: a gap the seed could not show because a page broke there: the one its blocks of these
    #: kinds have elsewhere (dropped again where a page breaks there)
    supplied: bool = False


def all_blocks(doc: Document) -> list[Block]:
    return [b for c in doc.chapters for b in c.blocks] if doc.chapters else list(doc.blocks)


def rewraps(block: Block, line: int) -> bool:
    """Every line is wrapped again but the glossary's, whose lines are rows, a chapter title's,
    whose lines are set apart ("Annex A" above its subtitle), and a flattened table's header
    line (its rows, runs of cells, wrap like any text)."""
    if block.kind is BlockKind.TABLE:
        return line != block.source_lines[0]
    return block.kind is not BlockKind.GLOSSARY and not (block.kind is BlockKind.HEADING and block.level == 1)


def marker_offsets(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """For each seed line: (offset in the line's text, note number) of each marker on it."""
    out: dict[int, list[tuple[int, int]]] = {}
    for bl in doc.body_lines:
        pos = 0
        for x in bl.inlines:
            if isinstance(x, NoteRef):
                out.setdefault(bl.number, []).append((pos, x.number))
                pos += len(str(x.number))
            elif isinstance(x, str):
                pos += len(x)
    return out


def wrap(stream: str, marks: list[tuple[int, int]], measure: int) -> list[tuple[str, list[int]]]:
    """Break `stream` into lines of at most `measure` characters (trailing spaces not counted),
    at spaces or compound hyphens, never before a footnote marker; each line with its notes."""
    forbidden = {off for off, n in marks}            # a break exactly at a marker's start
    cuts = [m.start() for m in BREAK.finditer(stream) if m.start() not in forbidden and 0 < m.start() < len(stream)]
    lines: list[tuple[int, int]] = []
    start, last_ok = 0, None
    for c in [*cuts, len(stream)]:
        while len(stream[start:c].rstrip(" ")) > measure:
            if last_ok is None or last_ok <= start:     # one word longer than the measure: it stands alone
                break
            lines.append((start, last_ok))
            start = last_ok
        if len(stream[start:c].rstrip(" ")) > measure and c < len(stream):
            lines.append((start, c))
            start, last_ok = c, None
        else:
            last_ok = c
    lines.append((start, len(stream)))
    lines = [(a, b) for a, b in lines if b > a]
    out = []
    for k, (a, b) in enumerate(lines):
        text = stream[a:b]
        if k + 1 < len(lines) and text.endswith("  "):
            text = text.rstrip(" ") + " "     # a wrapped line ends with one space, as in the extract
        out.append((text, [n for off, n in marks if a <= off < b]))
    return out


def body_entries(doc: Document, measure: int | None) -> tuple[list[Entry], dict[int, list[str]], list[list[str]]]:
    """The body in reading order, re-wrapped at `measure`; each note's lines as printed; the
    furniture lines (footnote area, page-number block) that close each seed page."""
    blocks = all_blocks(doc)
    owner = {n: i for i, b in enumerate(blocks) for n in b.source_lines}
    opens_page = {b.source_lines[0] for b in blocks if b.kind is BlockKind.HEADING and b.level == 1}
    marks = marker_offsets(doc)
    pages = max(line.page for line in doc.lines)
    tails: list[list[str]] = [[] for _ in range(pages + 1)]
    notes: dict[int, list[str]] = {}
    current_note = None
    entries: list[Entry] = []
    run: list = []           # seed lines of one re-wrapped block on one page
    pending: list[Entry] = []   # blank lines after the run, until the next text line says where they stand

    def flush() -> None:
        if not run:
            return
        b = owner[run[0].number]
        parts, offs, at, page_at = [], [], 0, []
        for k, sl in enumerate(run):
            text = sl.text
            if k + 1 < len(run):       # the join a reader sees: one space, none after a compound's hyphen
                text = as_joined(text)
            offs += [(at + o, n) for o, n in marks.get(sl.number, [])]
            page_at.append((at, sl.page))
            parts.append(text)
            at += len(text)
        start = 0
        for text, ns in wrap("".join(parts), offs, measure):
            # a line belongs to the page its last word was on: a page break moves to the new
            # line it falls in, and the page above ends on a full line of the same block
            end = start + len(text.rstrip()) - 1
            page = max(pg for off, pg in page_at if off <= end)
            entries.append(Entry(text, b, page, ns))
            start += len(text)
        run.clear()
        entries.extend(pending)
        pending.clear()

    for sl in doc.lines:
        if sl.kind is LineKind.FOOTNOTE_BODY:
            m = re.match(r"^(\d{1,3})\s", sl.text.strip())
            if m and int(m.group(1)) in doc.footnotes and doc.footnotes[int(m.group(1))].prov.first_line == sl.number:
                current_note = int(m.group(1))
            notes.setdefault(current_note, []).append(sl.raw)
        if sl.layer.value != "body":      # furniture and notes close their page; a block runs on past them
            tails[sl.page].append(sl.raw)
            continue
        if sl.kind is LineKind.TEXT:
            b = owner[sl.number]
            if run and owner[run[0].number] == b:
                pending.clear()          # blank lines inside a re-wrapped block: the extract's layout
            else:
                flush()
            if measure is not None and rewraps(blocks[b], sl.number):
                run.append(sl)
                continue
            entries.append(Entry(sl.text, b, sl.page, [n for _, n in marks.get(sl.number, [])],
                                 opens_chapter=sl.number in opens_page and sl.page_start))
        elif run:
            pending.append(Entry(sl.raw, None, sl.page))   # inside the block, or after it: the next line says
        else:
            entries.append(Entry(sl.raw, None, sl.page))
    flush()
    return with_gaps_at_page_breaks(entries, blocks), notes, tails


def with_gaps_at_page_breaks(entries: list[Entry], blocks: list[Block]) -> list[Entry]:
    """Two blocks that a page break of the seed parted stand with no gap between them (an
    extract shows none at a page break); moved into the middle of a page, they get the gap that
    blocks of their kinds have within the seed's pages (a line of spaces between paragraphs,
    an empty line or none between items)."""
    from collections import Counter
    seen: dict[tuple, Counter] = {}
    last, gap = None, []
    for e in entries:
        if e.block is None:
            gap.append(e.text)
            continue
        if last is not None and last.block != e.block and last.page == e.page:
            key = (blocks[last.block].kind, blocks[e.block].kind)
            seen.setdefault(key, Counter())[tuple(gap)] += 1
        last, gap = e, []
    out: list[Entry] = []
    for e in entries:
        prev = out[-1] if out else None
        if (prev is not None and e.block is not None and prev.block is not None and prev.block != e.block
                and prev.page != e.page):
            usual = seen.get((blocks[prev.block].kind, blocks[e.block].kind))
            for text in (usual.most_common(1)[0][0] if usual else (" ",)):
                out.append(Entry(text, None, e.page, supplied=True))
        out.append(e)
    return out


def page_number_block(doc: Document) -> list[str]:
    """The lines of the seed's first printed page-number block, with `{n}` for the number."""
    lines = doc.lines
    for i, sl in enumerate(lines):
        if sl.kind is LineKind.PAGE_NUMBER:
            a = i
            while a > 0 and lines[a - 1].kind is LineKind.PAGE_NUMBER_GAP:
                a -= 1
            b = i
            while b + 1 < len(lines) and lines[b + 1].kind is LineKind.PAGE_NUMBER_GAP:
                b += 1
            return [x.raw if x is not sl else x.raw.replace(x.raw.strip(), "{n}") for x in lines[a:b + 1]]
    return []


def _page_text(body: list[Entry], indent: bool) -> list[str]:
    out = []
    first = True
    for e in body:
        if first and e.block is not None:
            out.append((" " if indent else "") + e.text)
            first = False
        else:
            out.append(e.text)
    return out


def variant(doc: Document, measure: int | None, page_lines: int | None = None) -> str:
    """The re-extracted text."""
    entries, notes, tails = body_entries(doc, measure)
    if page_lines is None:
        return _keep_pages(doc, entries, tails)
    return _repaginate(doc, entries, notes, page_lines)


def _keep_pages(doc: Document, entries: list[Entry], tails: list[list[str]]) -> str:
    out: list[str] = []
    seed_indent = {sl.page: sl.indent_removed for sl in doc.lines if sl.page_start}
    for page in range(1, len(tails)):
        body = [e for e in entries if e.page == page and not e.supplied]
        out += _page_text(body, seed_indent.get(page, False))
        out += tails[page]
    return "\n".join(out) + "\n"


def _repaginate(doc: Document, entries: list[Entry], notes: dict[int, list[str]],
                page_lines: int) -> str:
    # cut the flow into pages: at most page_lines lines, chapters on a new page (a table, like
    # any text, may run over a page break)
    pages: list[list[Entry]] = [[]]
    i = 0
    while i < len(entries):
        e = entries[i]
        page = pages[-1]
        if (e.opens_chapter and any(x.block is not None for x in page)) or len(page) >= page_lines:
            pages.append([])
            continue
        if e.block is None and not any(x.block is not None for x in page):
            i += 1                                   # no page starts with a gap line
            continue
        page.append(e)
        i += 1
    pages = [p for p in pages if any(x.block is not None for x in p)]
    # a page ends without its trailing gap lines; one before footnotes stays as their gap
    numbered_seed_pages = {sl.page for sl in doc.lines if sl.kind is LineKind.PAGE_NUMBER}
    seed_printed = doc.printed_pages
    first_ordinal_of_seed_page: dict[int, int] = {}
    for k, p in enumerate(pages):
        for e in p:
            first_ordinal_of_seed_page.setdefault(e.page, k)
    shows_number = {first_ordinal_of_seed_page[s] for s in numbered_seed_pages if s in first_ordinal_of_seed_page}
    # the new printed numbers: the seed's first printed number counts on, one more after each
    # page of the seed that left no text (a blank page stands before it)
    first_seed = min(s for s, n in seed_printed.items() if n is not None)
    base = seed_printed[first_seed] - first_ordinal_of_seed_page.get(first_seed, 0)
    blank_before = {first_ordinal_of_seed_page[s] for s in doc.untraced if s in first_ordinal_of_seed_page}
    template = page_number_block(doc)
    out: list[str] = []
    after_number = False
    skipped = 0
    for k, p in enumerate(pages):
        if k in blank_before:
            skipped += 1
        trailing_gap = None
        while p and p[-1].block is None:
            gap = p.pop()
            if gap.text != "" and gap.text.strip() == "":
                trailing_gap = gap
        out += _page_text(p, indent=not after_number)
        page_notes = [n for e in p for n in e.notes]
        if page_notes:
            out.append(trailing_gap.text if trailing_gap is not None else "")
            out.append(FOOTNOTE_RULE)
            for n in page_notes:
                out += notes[n]
        after_number = k in shows_number
        if after_number:
            out += [x.replace("{n}", str(base + k + skipped)) for x in template]
    return "\n".join(out) + "\n"


def layout_free(text: str) -> str:
    """The characters of a text with every space and line break removed."""
    return re.sub(r"\s+", "", text)


def check_same_characters(seed_text: str, variant_text: str, doc: Document) -> None:
    """Every non-space character of the seed's running text and notes is in the variant, in
    order within each layer (printed page numbers, which move with the pages, left out)."""
    def layers(text_lines: list[str]) -> tuple[str, str]:
        from scripts.clean.layout import classify_lines
        body, notes = [], []
        for sl in classify_lines(text_lines):
            if sl.kind is LineKind.TEXT:
                body.append(sl.text)
            elif sl.kind is LineKind.FOOTNOTE_BODY:
                notes.append(sl.text)
        return layout_free("".join(body)), layout_free("".join(notes))
    a = layers(seed_text.rstrip("\n").split("\n"))
    b = layers(variant_text.rstrip("\n").split("\n"))
    assert a[0] == b[0], "the variant's running text is not the seed's"
    assert a[1] == b[1], "the variant's footnote text is not the seed's"


def main(argv: list[str]) -> int:
    from scripts.editorial import load_editorial
    from scripts.pipeline import run_report
    from scripts.seeds import SeedText
    seed = ROOT / "seeds" / "casey-report.txt"
    text = seed.read_text(encoding="utf-8")
    st = SeedText(path=seed, text=text, sha256="")
    doc = run_report(st, "casey-report.txt", load_editorial(ROOT / "seeds" / "casey-report.editorial.toml"))
    measure = int(argv[0])
    page_lines = int(argv[1]) if len(argv) > 1 else None
    out = variant(doc, measure, page_lines)
    sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
