"""The Pages page (the page concordance): every printed page of the PDF and where it begins in
the edition, each row linked to its page mark."""
from __future__ import annotations

from ...model import Edition
from .. import urls
from ..markdown import EDITION_ELLIPSIS, excerpt, front_matter, marked
from . import Page, fill
from .home import example_page

EXCERPT_WORDS = 10
#: how each page's number is known, as the table says it
BASIS = {"printed": "printed in the extract", "counted": "counted",
         "placed": f"inferred\\* {urls.inferred_pages_link(urls.PAGES)}", "unknown": "unknown"}


def rows_markdown(edition: Edition) -> str:
    doc = edition.report
    mark = lambda text: marked(text, doc.glossary)  # noqa: E731
    rows = []
    for c in doc.chapters:
        for p, after in c.page_starts():
            begins, cut = excerpt(after, EXCERPT_WORDS)
            begins_md = mark(begins) + (" " + EDITION_ELLIPSIS if cut else "")
            if p.blank:
                begins_md = ('<span class="editorial-note">(no text: a page of the PDF that left none in the extract; '
                             'placed by the editorial file)</span>')
            label = f"p. {p.printed}" if p.printed is not None else f"PDF text page {p.ordinal}"
            label += "\\*" if p.basis == "placed" else ""
            target = urls.link(urls.PAGES, urls.chapter_page(edition, c), p.anchor)
            rows.append(f"| [{label}]({target}){{ #{urls.page_row_anchor(p.anchor)} }} "
                        f"| {BASIS[p.basis]} | {mark(c.title)} | {begins_md} |")
    return "\n".join(rows)


def concordance_markdown(edition: Edition) -> str:
    doc = edition.report
    starts = [p for c in doc.chapters for p, _ in c.page_starts()]
    printed = [p.printed for p in starts if p.printed is not None]
    span = (f"printed pages {min(printed)} to {max(printed)}" if printed
            else "none of them with a printed number in the extract")
    # kept out of search (front matter): its excerpts would be a second hit, after the chapter,
    # for any phrase that opens a page
    return (front_matter(search_exclude=True, title="Pages",
                         description="Every printed page of the PDF report and where it begins in this edition.")
            + fill("pages.md", count=str(len(starts)), span=span, example_page=str(example_page(edition) or ""),
                   rows=rows_markdown(edition)))


def pages(edition: Edition) -> list[Page]:
    return [Page(urls.PAGES, concordance_markdown(edition), nav_title="Pages")]
