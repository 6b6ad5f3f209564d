"""Footnotes: their texts, from the foot of the pages, and their markers, out of the running text.

A footnote's text sits below the footnote rule of its page; its marker is a number in the
running text above, glued to a word ("model’8"), set off at a line end ("campaign. 10") or
fused to a number ("1076" is 107 and note 6). The marker leaves the text as a `NoteRef`, so it
can never be read as part of a number or be joined to the next word. Not for: placing the
notes on a page (the serializer) or the links inside them (`annotate.xrefs`).
"""
from __future__ import annotations

import re

from ..chars import as_joined
from ..editorial import Editorial
from ..errors import EditorialError, StructureError
from ..model import BodyLine, Document, Footnote, LineKind, NoteRef, PassRecord, Provenance, SourceLine
from .paragraphs import join_lines

#: The first line of a footnote's text: its number, then its words.
FOOTNOTE_BODY_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")


def collect_footnote_bodies(lines: list[SourceLine], seed: str, record: PassRecord) -> dict[int, Footnote]:
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
        parts = [BodyLine(l, [l.text]) for l in ls]
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


def _line_words(line: BodyLine) -> str:
    return "".join(x for x in line.inlines if isinstance(x, str))


def _inside_context(body: list[BodyLine], bi: int, si: int, start: int, context: str) -> bool:
    """Is the candidate at `start` of part `si` of line `bi` inside an occurrence of the
    editorial context? The context is looked for in the line joined to its neighbours as a
    reader reads them (any run of spaces or a line break stands for a space, a compound's
    hyphen at a line end joins with none), so it matches wherever the lines happen to break."""
    ln = body[bi]
    offset = sum(len(x) for x in ln.inlines[:si] if isinstance(x, str)) + start
    text = _line_words(ln)
    if bi > 0:
        above = as_joined(_line_words(body[bi - 1]))
        text, offset = above + text, offset + len(above)
    if bi + 1 < len(body):
        text = as_joined(text) + _line_words(body[bi + 1])
    pattern = r"\s+".join(re.escape(w) for w in context.split())
    return any(m.start() <= offset < m.end() for m in re.finditer(pattern, text))


def detach_footnote_markers(body: list[BodyLine], notes: dict[int, Footnote], lines: list[SourceLine],
                            ed: Editorial, seed: str, record: PassRecord) -> list[BodyLine]:
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
                cands = [c for c in cands if _inside_context(body, c[0], c[1], c[2], choices[n].context)]
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
        record.decide(ln.number, f"footnote {n} marker `{part[max(0, start - 15):end]}`",
                      f"{kind} marker, the only candidate between note {n - 1} and note {n}'s page")
        pos = (bi, start)
    return body


def collect_footnote_bodies_step(doc: Document, ctx) -> None:
    doc.footnotes = collect_footnote_bodies(doc.lines, doc.seed_name, ctx.record)


def detach_footnote_markers_step(doc: Document, ctx) -> None:
    doc.body_lines = [BodyLine(line, [line.text]) for line in doc.lines if line.kind is LineKind.TEXT]
    detach_footnote_markers(doc.body_lines, doc.footnotes, doc.lines, ctx.editorial, doc.seed_name, ctx.record)
