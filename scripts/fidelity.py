"""What the edition must show of a seed: its text as a stream, and what it leaves out, and why.

Computed from the model alone, from what the passes recorded (never by matching the passes'
patterns again): the lines labelled furniture, the note references that took the place of
footnote markers (the seed line must come back exactly when each number is put back), the
marker each list item printed, each glossary row's term and expansion. The fidelity audit
compares this with the built pages; the About page shows the counts. Not for: reading pages.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .errors import FidelityError
from .model import BlockKind, Document, LineKind, NoteRef

#: The classes of what the edition leaves out of the seed's text, as the About page names them.
PAGE_NUMBERS = "printed page numbers"
MARKERS = "footnote markers moved into note references"
NOTE_NUMBERS = "footnote numbers shown as the note's label"
LIST_MARKERS = "list markers rendered by the list"
GLOSSARY_SEPARATORS = "glossary separators ( - ) rendered by the definition list"


def strip_ws(s: str) -> str:
    return "".join(s.split())


@dataclass
class Expected:
    body: str                 # the running text, non-whitespace characters
    where: list[int]          # the seed line of each of them
    notes: str                # the footnotes' text, the same way
    removed: Counter          # class -> how many were left out


def _restored_marker_lines(doc: Document) -> tuple[dict[int, str], dict[int, int]]:
    """Each line that held a footnote marker, as the edition shows it; each checked to give back
    exactly the seed line when its note numbers are put back where their references stand."""
    out: dict[int, str] = {}
    counts: dict[int, int] = {}
    for ln in doc.body_lines:
        if any(isinstance(x, NoteRef) for x in ln.inlines):
            restored = "".join(str(x.number) if isinstance(x, NoteRef) else x for x in ln.inlines)
            if restored != ln.src.text:
                raise FidelityError("a footnote marker's removal changed more than the marker",
                                    path=doc.seed_path, line=ln.number,
                                    fix="fix detach_footnote_markers; the seed line must be restorable")
            out[ln.number] = "".join(x for x in ln.inlines if isinstance(x, str))
            counts[ln.number] = sum(isinstance(x, NoteRef) for x in ln.inlines)
    return out, counts


def expected(doc: Document) -> Expected:
    """The seed's text as the edition must show it, each removal checked against the seed."""
    removed: Counter = Counter()
    items = {b.source_lines[0]: b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM}
    rows = {line: (b, k) for b in doc.blocks if b.kind is BlockKind.GLOSSARY for k, line in enumerate(b.source_lines)}
    note_starts = {n.prov.first_line: n.number for n in doc.footnotes.values()}
    body: list[str] = []
    where: list[int] = []
    notes: list[str] = []
    markers, refs_per_line = _restored_marker_lines(doc)

    def fail(line: int, what: str) -> FidelityError:
        return FidelityError(what, path=doc.seed_path, line=line,
                             fix="a pass recorded a change the seed line does not show; report it as a bug")

    for line in doc.lines:
        if line.kind is LineKind.PAGE_NUMBER:
            removed[PAGE_NUMBERS] += 1
            continue
        if line.kind is LineKind.FOOTNOTE_BODY:
            text = line.text.strip()
            if line.number in note_starts:
                number = str(note_starts[line.number])
                if not (text.startswith(number) and text[len(number):len(number) + 1].isspace()):
                    raise fail(line.number, f"footnote {number}'s text does not start with its number")
                removed[NOTE_NUMBERS] += 1
                text = text[len(number):]
            notes.append(strip_ws(text))
            continue
        if line.kind is not LineKind.TEXT:
            continue
        text = markers.get(line.number, line.text)
        if text != line.text:
            removed[MARKERS] += refs_per_line[line.number]
        item = items.get(line.number)
        if item is not None and item.printed_marker:
            t, marker = text.lstrip(), item.printed_marker.strip()
            if not t.startswith(marker):
                raise fail(line.number, f"the list item's recorded marker “{marker}” does not open its line")
            removed[f"{LIST_MARKERS} ({item.marker})"] += 1
            text = t[len(marker):]
        if line.number in rows:
            block, k = rows[line.number]
            term, expansion = block.rows[k]
            if strip_ws(text) != strip_ws(f"{term}-{expansion}"):
                raise fail(line.number, "the glossary row recorded is not the line's text")
            removed[GLOSSARY_SEPARATORS] += 1
            text = f"{term} {expansion}"
        s = strip_ws(text)
        body.append(s)
        where.extend([line.number] * len(s))
    return Expected("".join(body), where, "".join(notes), removed)


def removal_counts(doc: Document, ctx) -> None:  # noqa: ARG001 (a pass)
    """The pass: what the edition leaves out, counted, for the About page (the audit checks
    the same numbers against the built pages)."""
    doc.removed = dict(expected(doc).removed)
