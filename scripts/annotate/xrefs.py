"""Cross-references: the report's own words that point elsewhere in it become links.

Three sources of rules, most general first: "Annex X" names the annex whose title starts so;
each editorial `[[parts]]` entry lists `refs`, patterns for the ways the text names that part
("Part 2 of this report"); editorial `[[cross_references]]` give phrases no rule can resolve
("our chapter on the police") with their target and reason. Headings are never linked. The
link text is exactly the source's words; nothing is added. Not for: URLs (see `site.urls`).
"""
from __future__ import annotations

import re
from collections import Counter

from ..editorial import Editorial
from ..errors import EditorialError, shown
from ..model import BlockKind, Chapter, Document, Footnote, Inline, NoteRef, PageStart, PassRecord, XRef

#: "Annex B" as a reference (not "Annexes", not inside a longer word).
ANNEX_REF = re.compile(r"\bAnnex ([A-Z])\b")


def _split(inlines: list[Inline], pattern: re.Pattern[str], target_of, rule: str) -> tuple[list[Inline], int]:
    out: list[Inline] = []
    n = 0
    for x in inlines:
        if not isinstance(x, str):
            out.append(x)
            continue
        pos = 0
        for m in pattern.finditer(x):
            target = target_of(m)
            if target is None:
                continue
            if m.start() > pos:
                out.append(x[pos:m.start()])
            target, note = target if isinstance(target, tuple) else (target, "")
            out.append(XRef(m.group(0), target, rule, note))
            n += 1
            pos = m.end()
        if pos < len(x):
            out.append(x[pos:])
    return out, n


def keep_phrases_whole(inlines: list[Inline], patterns: list[re.Pattern[str]], record: PassRecord,
                       line: int) -> list[Inline]:
    """A page that begins inside a referring phrase ("the following" / "chapter") would cut the
    phrase in two, and neither half refers to anything: the page start moves to just after the
    phrase, so the whole phrase is linked and the page mark stands beside it. Recorded."""
    out = list(inlines)
    for i in range(1, len(out) - 1):
        before, mark, after = out[i - 1], out[i], out[i + 1]
        if not (isinstance(mark, PageStart) and isinstance(before, str) and isinstance(after, str)):
            continue
        joined, cut = before + after, len(before)
        span = next(((m.start(), m.end()) for p in patterns for m in p.finditer(joined)
                     if m.start() < cut < m.end()), None)
        if span is None:
            continue
        end = span[1]
        out[i - 1], out[i], out[i + 1] = joined[:end], mark, joined[end:]
        record.count("page starts moved to the end of a referring phrase they fell inside")
        record.decide(line, f"page start moved after “{joined[span[0]:end]}”",
                      "a page began inside a referring phrase: the phrase is linked whole")
    return [x for x in out if x != ""]


def link_cross_references(chapters: list[Chapter], ed: Editorial, record: PassRecord,
                          footnotes: dict[int, Footnote] | None = None) -> None:
    """Replace referring phrases in body blocks and footnotes by `XRef`s (in place). An
    editorial entry may carry a `note`: the target is the best one, not the one named."""
    annex_titles = {m.group(1): c.title for c in chapters if (m := re.match(r"Annex ([A-Z])\b", c.title))}
    # part and editorial phrases first: a part reference may look ahead past an annex reference
    # ("Section 2 and Annex A"), which would no longer be in the same string once linked
    rules: list[tuple[object, object, str]] = []
    first_of_group: dict[str, str] = {}
    for c in chapters:
        first_of_group.setdefault(c.group, c.title)
    for part in ed.of("parts"):
        for ref in part.refs:
            # a part is reached at its first chapter (for Section Two, its title page)
            rules.append((ref, (lambda t: lambda m: t)(part.starts), f"part: {part.label}"))
    for e in ed.of("cross_references"):
        target = (e.target, e.note) if e.note else e.target
        # whole words: "Section 1" is no part of "Section 10"
        rules.append((re.compile(rf"(?<!\w){re.escape(e.phrase)}(?!\w)"), (lambda t: lambda m: t)(target),
                      f"editorial: {e.phrase}"))
    rules.append((ANNEX_REF, lambda m: annex_titles.get(m.group(1)), "Annex X"))
    headings = {b.text.strip() for c in chapters for b in c.blocks if b.kind is BlockKind.HEADING}
    named = Counter(b.text.strip() for c in chapters for b in c.blocks if b.kind is BlockKind.HEADING)
    for e in ed.of("cross_references"):
        if e.target not in headings:
            raise EditorialError(f"{e.where}: target {shown(e.target)} is no heading or chapter title",
                                 path=ed.path, line=e.line, fix="copy the heading exactly as printed")
        if named[e.target] > 1:
            raise EditorialError(f"{e.where}: target {shown(e.target)} names {named[e.target]} headings",
                                 path=ed.path, line=e.line,
                                 fix="name a heading printed once (the chapter's, or a nearby subheading)")
    used: dict[str, int] = {}
    patterns = [pattern for pattern, _, _ in rules]
    for c in chapters:
        for b in c.blocks:
            if b.kind is BlockKind.HEADING:
                continue
            b.inlines = keep_phrases_whole(b.inlines, patterns, record, b.prov.first_line)
            for pattern, target_of, rule in rules:
                b.inlines, n = _split(b.inlines, pattern, target_of, rule)
                b.attribution, n2 = _split(b.attribution, pattern, target_of, rule)
                if n + n2:
                    used[rule] = used.get(rule, 0) + n + n2
                    record.count("cross-references linked", n + n2, f"{rule} ({c.title[:30]})")
    for note in (footnotes or {}).values():
        for pattern, target_of, rule in rules:
            note.inlines, n = _split(note.inlines, pattern, target_of, rule)
            if n:
                used[rule] = used.get(rule, 0) + n
                record.count("cross-references linked in footnotes", n, f"{rule} (note {note.number})")
    for e in ed.of("cross_references"):
        if not used.get(f"editorial: {e.phrase}"):
            raise EditorialError(f"{e.where}: phrase {shown(e.phrase)} occurs nowhere in the text",
                                 path=ed.path, line=e.line, fix="copy the phrase exactly as printed")
        ed.use(e, used[f"editorial: {e.phrase}"])


def cross_reference_list(chapters: list[Chapter], footnotes: dict[int, Footnote] | None = None
                         ) -> list[tuple[str, str, str, str]]:
    """Every cross-reference: (where, link text, target, rule), in reading order; a footnote's
    come after the chapter text that first cites it, as "chapter title, note N"."""
    out = []
    listed: set[int] = set()
    for c in chapters:
        for b in c.blocks:
            for x in list(b.inlines) + list(b.attribution):
                if isinstance(x, XRef):
                    out.append((c.title, x.text, x.target, x.rule))
        for n in c.footnotes_used():
            if footnotes and n in footnotes and n not in listed:
                listed.add(n)
                out += [(f"{c.title}, note {n}", x.text, x.target, x.rule)
                        for x in footnotes[n].inlines if isinstance(x, XRef)]
    return out


def link_cross_references_step(doc: Document, ctx) -> None:
    link_cross_references(doc.chapters, ctx.editorial, ctx.record, doc.footnotes)


#: words next to a reference that say which way it points ("detail given later, in Section 1";
#: "As outlined in section one"; "the following chapter")
FORWARD = re.compile(r"\b(?:later|below|following|further on|hereafter)\b", re.IGNORECASE)
BACKWARD = re.compile(r"\b(?:earlier|above|outlined|previous(?:ly)?|already|before)\b", re.IGNORECASE)
#: how many words before a reference may say its direction (within its sentence)
DIRECTION_WORDS = 6


def direction_words(before: str, text: str) -> str:
    """The reference's own words and the few before it in its sentence."""
    sentence = re.split(r"[.?!;:]\s", before)[-1]
    return " ".join(sentence.split()[-DIRECTION_WORDS:] + [text])


def reference_positions(doc: Document) -> list[tuple[XRef, str, tuple[int, int], int]]:
    """Every cross-reference with the words that lead to it, where it stands, as (chapter,
    block), and its seed line; a footnote's stand where the note is first cited."""
    cited_at: dict[int, tuple[int, int]] = {}
    out = []
    for ci, c in enumerate(doc.chapters):
        for bi, b in enumerate(c.blocks):
            for seq in (b.inlines, b.attribution):
                for k, x in enumerate(seq):
                    if isinstance(x, XRef):
                        before = "".join(y for y in seq[:k] if isinstance(y, str))
                        out.append((x, before, (ci, bi), b.prov.first_line))
                    elif isinstance(x, NoteRef):
                        cited_at.setdefault(x.number, (ci, bi))
    for n, note in doc.footnotes.items():
        for k, x in enumerate(note.inlines):
            if isinstance(x, XRef) and n in cited_at:
                before = "".join(y for y in note.inlines[:k] if isinstance(y, str))
                out.append((x, before, cited_at[n], note.prov.first_line))
    return out


def check_reference_directions(doc: Document, ctx) -> None:
    """A reference that says "later" must lead forward, one that says "as outlined" back: a
    link that points the other way is to the wrong place. Stops the build, naming the line."""
    where: dict[str, tuple[int, int]] = {}
    for ci, c in enumerate(doc.chapters):
        where.setdefault(c.title, (ci, 0))
        for bi, b in enumerate(c.blocks):
            if b.kind is BlockKind.HEADING:
                where.setdefault(b.text.strip(), (ci, bi))
    for x, before, at, line in reference_positions(doc):
        words = direction_words(before, x.text)
        target = where[x.target]
        way = "forward" if FORWARD.search(words) else "back" if BACKWARD.search(words) else ""
        if (way == "forward" and target <= at) or (way == "back" and target >= at):
            raise EditorialError(f"{shown(words)} points {way}, but its link goes to {shown(x.target)}, "
                                 f"{'before' if way == 'forward' else 'after'} it", path=doc.seed_path, line=line,
                                 fix="give the phrase a [[cross_references]] entry with the right target "
                                     "(and a note if the words name another place)")
        ctx.record.count(f"cross-references pointing {way or 'no stated way'}, checked" if way
                         else "cross-references with no stated direction")
