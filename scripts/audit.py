"""The fidelity audit: prove that the built edition says exactly what the seed says.

It reads the seed's lines through the model (which labels furniture) and the built HTML
pages, and compares the two as streams of non-whitespace characters: the running text and
the footnote texts separately. Every character the edition leaves out must be explained by
a recorded edit of a known class (page number, footnote marker moved into a note reference,
list marker rendered by the list, footnote number rendered as the note's label); every
character the edition adds must sit in an element marked as the edition's own
(`editorial-note`, `edition-joiner`). Anything else is an unexplained difference and fails.
Not for: judging structure (headings, lists); the gold checks and tests do that.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from .errors import FidelityError
from .model import BlockKind, Document, LineKind, NoteRef
from .passes import BULLET_ITEM, DASH_ITEM, FOOTNOTE_BODY_START, GLOSSARY_ENTRY, NUMBERED_ITEM

#: Classes of elements that the edition adds and the audit therefore skips.
EDITION_CLASSES = {"editorial-note", "edition-joiner", "headerlink", "footnote-backref", "page-number"}


@dataclass
class AuditResult:
    removed: Counter = field(default_factory=Counter)   # class -> characters removed with a reason
    body_chars: int = 0
    note_chars: int = 0
    pages: int = 0

    def summary(self) -> str:
        lines = [f"fidelity audit: {self.body_chars} characters of running text and {self.note_chars} of "
                 f"footnotes match the seed in order, over {self.pages} pages"]
        for k, v in sorted(self.removed.items()):
            lines.append(f"  left out with a reason: {k}: {v}")
        lines.append("  unexplained differences: 0")
        return "\n".join(lines)


def _strip_ws(s: str) -> str:
    return "".join(s.split())


def expected_streams(doc: Document) -> tuple[str, list[int], str, Counter]:
    """The seed's text as the edition must show it, with each removal checked and counted.

    Returns the running-text stream (non-whitespace characters), the seed line of each of its
    characters, the footnote stream, and the counts of what was left out and why.
    """
    removed: Counter = Counter()
    item_first_lines = {b.source_lines[0]: b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM}
    glossary_lines = {n for b in doc.blocks if b.kind is BlockKind.GLOSSARY for n in b.source_lines}
    body: list[str] = []
    where: list[int] = []
    notes: list[str] = []
    marker_lines, refs_per_line = _marker_lines(doc)
    for l in doc.lines:
        if l.kind is LineKind.PAGE_NUMBER:
            removed["printed page numbers"] += 1
            continue
        if l.kind is LineKind.FOOTNOTE_BODY:
            text = l.text.strip()
            m = FOOTNOTE_BODY_START.match(text)
            if m and any(n.prov.first_line == l.number and n.number == int(m.group(1)) for n in doc.footnotes.values()):
                removed["footnote numbers shown as the note's label"] += 1
                text = m.group(2)
            notes.append(_strip_ws(text))
            continue
        if l.kind is not LineKind.TEXT:
            continue
        text = marker_lines.get(l.number, l.text)
        if text != l.text:
            removed["footnote markers moved into note references"] += refs_per_line[l.number]
        item = item_first_lines.get(l.number)
        if item is not None:
            t = text.lstrip()
            m = BULLET_ITEM.match(t) or DASH_ITEM.match(t) or NUMBERED_ITEM.match(t)
            if m:
                removed[f"list markers rendered by the list ({item.marker})"] += 1
                text = t[m.end():]
        if l.number in glossary_lines:
            m = GLOSSARY_ENTRY.match(text.strip())
            if m:
                removed["glossary separators ( - ) rendered by the definition list"] += 1
                text = f"{m.group(1)} {m.group(2)}"
        s = _strip_ws(text)
        body.append(s)
        where.extend([l.number] * len(s))
    return "".join(body), where, "".join(notes), removed


def _marker_lines(doc: Document) -> tuple[dict[int, str], dict[int, int]]:
    """Each line that held a footnote marker, as the edition shows it (marker removed).

    Checks that the line with the note number put back where its `NoteRef` stands is exactly
    the seed line: the marker is the only thing removed.
    """
    out: dict[int, str] = {}
    counts: dict[int, int] = {}
    for ln in doc.body_lines:
        if any(isinstance(x, NoteRef) for x in ln.inlines):
            restored = "".join(str(x.number) if isinstance(x, NoteRef) else x for x in ln.inlines)
            if restored != ln.src.text:
                raise FidelityError("a footnote marker's removal changed more than the marker",
                                    path=doc.seed_name, line=ln.number,
                                    fix="fix detach_footnote_markers; the seed line must be restorable")
            out[ln.number] = "".join(x for x in ln.inlines if isinstance(x, str))
            counts[ln.number] = sum(isinstance(x, NoteRef) for x in ln.inlines)
    return out, counts


def edition_streams(page_files: list[Path], soups: dict[Path, BeautifulSoup] | None = None) -> tuple[str, str]:
    """The running text and the footnote text of built pages, in order, without edition apparatus.

    Takes parsed pages from `soups` where given (and changes them: the apparatus is removed)."""
    body: list[str] = []
    notes: list[str] = []
    for path in page_files:
        soup = (soups or {}).get(path) or BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner") or soup.body
        if article is None:
            continue
        for el in article.find_all(class_=lambda c: c and set(c.split() if isinstance(c, str) else c) & EDITION_CLASSES):
            el.decompose()
        for el in article.select("sup[id^='fnref']"):
            el.decompose()
        fn = article.select_one("div.footnote")
        if fn is not None:
            notes.append(_strip_ws(fn.get_text(" ")))
            fn.decompose()
        body.append(_strip_ws(article.get_text(" ")))
    return "".join(body), "".join(notes)


def first_difference(a: str, b: str) -> int:
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n if len(a) != len(b) else -1


def audit(doc: Document, page_files: list[Path], soups: dict[Path, BeautifulSoup] | None = None) -> AuditResult:
    """Compare the seed with the built pages; raise FidelityError at the first unexplained difference."""
    want_body, where, want_notes, removed = expected_streams(doc)
    got_body, got_notes = edition_streams(page_files, soups)
    for label, want, got in (("running text", want_body, got_body), ("footnotes", want_notes, got_notes)):
        i = first_difference(want, got)
        if i >= 0:
            line = where[min(i, len(where) - 1)] if label == "running text" and where else None
            raise FidelityError(
                f"{label} differs from the seed at character {i}: seed has “…{want[max(0, i - 30):i + 30]}…”, "
                f"edition has “…{got[max(0, i - 30):i + 30]}…”", path=doc.seed_name, line=line,
                fix="a pass dropped, changed or added text; find it with `python -m scripts check -v`")
    return AuditResult(removed=removed, body_chars=len(want_body), note_chars=len(want_notes), pages=len(page_files))


def audit_plain(seed_text: str, seed_name: str, page_file: Path,
                soups: dict[Path, BeautifulSoup] | None = None) -> AuditResult:
    """Audit a page that shows a whole seed as it is (the news article): same characters, same order."""
    want = _strip_ws(seed_text)
    got, notes = edition_streams([page_file], soups)
    got += notes
    i = first_difference(want, got)
    if i >= 0:
        raise FidelityError(f"page text differs from the seed at character {i}: seed “…{want[max(0, i - 30):i + 30]}…”, "
                            f"edition “…{got[max(0, i - 30):i + 30]}…”", path=seed_name,
                            fix="the article page must show every character of the seed")
    return AuditResult(body_chars=len(want), pages=1)
