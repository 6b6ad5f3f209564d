"""The single file and the EPUB made together, a page at a time, from the reading of each page
that serves the rest of the build.

Both documents hold the same pages in the same order, with the same names for their ids
(`single.book_names`), so one parsed page gives a section of the single file and a file of
the book: the single file's rewriting of its links is undone before the book's (which then
changes the tree for good: it is the page's last reader). Each page's part is kept as deflated
text (never its tree; a fifth of the text's memory: both documents hold the whole report) until
`write` writes both documents, inflating one part at a time. Not for: what goes in them
(`single`, `epub`).
"""
from __future__ import annotations

import zlib
from pathlib import Path

from bs4 import BeautifulSoup

from ..timings import Timer
from .epub import BookMeta, BookPage, PageMark, Texts, chapter_file, write_epub
from .single import page_article, renamed, single_section, write_single


class Books:
    """The two documents of `pages` (in their order), their ids named by `names`."""

    def __init__(self, pages: list[BookPage], marks: list[PageMark], meta: BookMeta,
                 names: dict[tuple[str, str], str], timer: Timer | None = None) -> None:
        self.pages = pages
        self.marks = marks
        self.meta = meta
        self.names = names
        self.timer = timer or Timer()
        self.sections: list[bytes] = []        # deflated (`_deflated`), as the files
        self.files: dict[str, bytes] = {}
        self.headings: list[tuple[BookPage, list[tuple[str, str]]]] = []

    def expects(self, page: str) -> bool:
        """Whether `page` is the next page to add."""
        return len(self.sections) < len(self.pages) and self.pages[len(self.sections)].page == page

    def add(self, page: str, soup: BeautifulSoup) -> None:
        """The next page's section of the single file and file of the book (its tree is changed)."""
        if not self.expects(page):
            raise ValueError(f"the books' pages come in their order: {page} is not the next")
        book_page = self.pages[len(self.sections)]
        with self.timer.stage("single file"):
            article = renamed(page_article(soup), page, self.names)
            self.sections.append(_deflated(single_section(article, page, book_page.slug, self.names,
                                                          self.meta.site_url)))
        with self.timer.stage("EPUB"):
            name, text, heads = chapter_file(article, book_page, self.pages, self.marks, self.names,
                                             self.meta.language, self.meta.site_url)
            self.files[name] = _deflated(text)
            self.headings.append((book_page, heads))

    def write(self, site: Path, single_path: str, title: str, single_front: str, epub_path: str,
              epub_front: str) -> tuple[Path, Path]:
        """Both documents into the site (`title` and the fronts: HTML); each written whole, once
        every page was added."""
        if len(self.sections) != len(self.pages):
            raise ValueError(f"{len(self.pages) - len(self.sections)} page(s) of the books were never added")
        with self.timer.stage("single file"):
            single = write_single(site, single_path, [(p.page, p.slug) for p in self.pages], title, single_front,
                                  self.meta.site_url, (_inflated(b) for b in self.sections))
        with self.timer.stage("EPUB"):
            epub = write_epub(site, epub_path, self.meta, self.pages, self.marks, epub_front,
                              (Texts((name, (lambda b=b: _inflated(b))) for name, b in self.files.items()),
                               self.names, self.headings))
        return single, epub


def _deflated(text: str) -> bytes:
    """A part of a document kept until it is written (level 1: fast, and most of the gain)."""
    return zlib.compress(text.encode("utf-8"), 1)


def _inflated(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")
