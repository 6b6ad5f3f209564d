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

from bs4 import BeautifulSoup, PageElement, Tag

from ..errors import FidelityError
from ..fidelity import expected
from ..model import Document

#: Classes of elements that the edition adds and the audit therefore skips.
EDITION_CLASSES = {"editorial-note", "edition-joiner", "headerlink", "footnote-backref", "page-number",
                   "block-number"}


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


#: a built page's content: its article (the theme's navigation, header and footer are not the report's)
ARTICLE = "article.md-content__inner"


def _apparatus(c) -> bool:
    return bool(c) and bool(set(c.split() if isinstance(c, str) else c) & EDITION_CLASSES)


def content_streams(article: Tag) -> tuple[str, str]:
    """The running text and the footnote text inside `article`, without the edition's apparatus:
    every element of an edition class and every note reference, with all they hold; the notes
    are the first div.footnote outside them. The tree is only read (the downloads are made from
    it after the audit has read it): the text is gathered around what is left out."""
    left_out = {id(el) for el in article.find_all(class_=_apparatus)}
    left_out |= {id(el) for el in article.select("sup[id^='fnref']")}

    fn = next((el for el in article.select("div.footnote")
               if not any(id(x) in left_out for x in (el, *el.parents))), None)
    body: list[str] = []
    notes: list[str] = []
    # each string as get_text gives it: of the types its root (the article, or the notes) reads
    todo: list[tuple[PageElement, list[str], set]] = [(c, body, _shown(article)) for c in reversed(article.contents)]
    while todo:                     # the tree in document order, without recursion (a page may nest deeply)
        node, out, shown = todo.pop()
        if isinstance(node, Tag):
            if id(node) not in left_out:
                into = (notes, _shown(fn)) if node is fn else (out, shown)
                todo.extend((c, *into) for c in reversed(node.contents))
        elif type(node) in shown:
            out.append(node)
    return _strip_ws("".join(body)), _strip_ws("".join(notes))


def _shown(el: Tag) -> set:
    """The kinds of string `el.get_text()` reads (not comments, nor a script's text)."""
    types = el.interesting_string_types or Tag.MAIN_CONTENT_STRING_TYPES
    return {types} if isinstance(types, type) else set(types)
def page_streams(soup: BeautifulSoup) -> tuple[str, str] | None:
    """The running text and the footnote text of one built page (see `content_streams`: the
    tree is only read); None for a page without content."""
    article = soup.select_one(ARTICLE) or soup.body
    return None if article is None else content_streams(article)


def edition_streams(page_files: list[Path], soups: dict[Path, BeautifulSoup] | None = None) -> tuple[str, str]:
    """The running text and the footnote text of built pages, in order, without edition apparatus.

    Takes parsed pages from `soups` where given (and only reads them)."""
    body: list[str] = []
    notes: list[str] = []
    for path in page_files:
        soup = (soups or {}).get(path) or BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if (streams := page_streams(soup)) is not None:
            body.append(streams[0])
            notes.append(streams[1])
    return "".join(body), "".join(notes)


def first_difference(a: str, b: str) -> int:
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n if len(a) != len(b) else -1


def audit(doc: Document, page_files: list[Path], soups: dict[Path, BeautifulSoup] | None = None,
          streams: tuple[str, str] | None = None) -> AuditResult:
    """Compare the seed with the built pages (or with their `streams`, taken from them already:
    `edition_streams`); raise FidelityError at the first unexplained difference."""
    plan = expected(doc)
    want_body, where, want_notes, removed = plan.body, plan.where, plan.notes, plan.removed
    got_body, got_notes = streams if streams is not None else edition_streams(page_files, soups)
    for label, want, got in (("running text", want_body, got_body), ("footnotes", want_notes, got_notes)):
        i = first_difference(want, got)
        if i >= 0:
            line = where[min(i, len(where) - 1)] if label == "running text" and where else None
            raise FidelityError(
                f"{label} differs from the seed at character {i}: seed has “…{want[max(0, i - 30):i + 30]}…”, "
                f"edition has “…{got[max(0, i - 30):i + 30]}…”", path=doc.seed_path, line=line,
                fix="a pass dropped, changed or added text; find it with `python -m scripts check -v`")
    return AuditResult(removed=removed, body_chars=len(want_body), note_chars=len(want_notes), pages=len(page_files))


def without_parts(seed_text: str, parts: list[tuple[int, str, str]]) -> str:
    """The seed with each (line, text, side) taken out of its line once: the whole line, its
    "end" (a headline glued onto a key point) or its "start" (a list's marker)."""
    lines = seed_text.split("\n")
    for number, text, side in parts:
        line = lines[number - 1].strip() if 0 < number <= len(lines) else None
        if line is not None and side == "line" and line == text:
            line = ""
        elif line is not None and side == "end" and line.endswith(text):
            line = line[:-len(text)]
        elif line is not None and side == "start" and line.startswith(text):
            line = line[len(text):]
        else:
            raise FidelityError(f"the model sets aside “{text}” ({side}) from line {number}, which does not hold it "
                                "there", path=f"line {number}", fix="a pass labelled words its block does not hold")
        lines[number - 1] = line
    return "\n".join(lines)


def article_streams(soup: BeautifulSoup) -> tuple[str, str] | None:
    """An article's built page as the audit reads it: (the page as captured, the article's text),
    each a stream of characters without the edition's apparatus; None if the page shows no page
    as captured. The page as captured is taken out of the tree (call it last on a tree)."""
    captured = soup.select_one("details.as-captured")
    if captured is None:
        return None
    shown = soup.new_tag("body")         # the page as captured, on its own, as a document's body
    shown.append(captured.extract())
    return (content_streams(shown.select_one(ARTICLE) or shown)[0],
            "".join(page_streams(soup) or ("", "")))


def audit_article(seed_text: str, seed_name: str, page_file: Path, set_aside: list[tuple[int, str, str]],
                  soups: dict[Path, BeautifulSoup] | None = None,
                  streams: tuple[str, str] | None = None) -> AuditResult:
    """An article's page: the page as captured shows every character of the seed in order, and
    the article's text is the seed without exactly what the model set aside (its web furniture,
    the key points' markers the list draws), in order: no word dropped, none added, no furniture
    in the article's text. `streams`: `article_streams` of the page, taken from it already."""
    if streams is None:
        soup = (soups or {}).get(page_file)
        # a page shared with other readers is copied: the streams take things out
        soup = BeautifulSoup(str(soup) if soup is not None else page_file.read_text(encoding="utf-8"), "html.parser")
        streams = article_streams(soup)
    if streams is None:
        raise FidelityError("the article's page has no page as captured", path=seed_name,
                            fix="the article page must show every line of the seed, furniture labelled")
    for label, want, got in (
            ("the page as captured", _strip_ws(seed_text), streams[0]),
            ("the article's text", _strip_ws(without_parts(seed_text, set_aside)), streams[1]),
    ):
        i = first_difference(want, got)
        if i >= 0:
            raise FidelityError(f"{label} differs from the seed at character {i}: "
                                f"seed “…{want[max(0, i - 30):i + 30]}…”, edition “…{got[max(0, i - 30):i + 30]}…”",
                                path=seed_name, fix="an article pass or its page dropped, changed or added text")
    return AuditResult(removed=Counter({"web furniture": sum(len(t) for _, t, side in set_aside if side != "start")}),
                       body_chars=len(_strip_ws(seed_text)), pages=1)


def audit_plain(seed_text: str, seed_name: str, page_file: Path,
                soups: dict[Path, BeautifulSoup] | None = None) -> AuditResult:
    """Audit a page that shows a whole seed as it is (the news article): same characters, same order."""
    want = _strip_ws(seed_text)
    got, notes = edition_streams([page_file], soups)
    got += notes
    i = first_difference(want, got)
    if i >= 0:
        raise FidelityError(f"page text differs from the seed at character {i}: "
                            f"seed “…{want[max(0, i - 30):i + 30]}…”, edition “…{got[max(0, i - 30):i + 30]}…”",
                            path=seed_name,
                            fix="the article page must show every character of the seed")
    return AuditResult(body_chars=len(want), pages=1)
