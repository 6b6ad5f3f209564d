"""MkDocs holds about one page's text at a time (scripts/publish/mkdocs.py `_release_pages`): a
page's Markdown let go once converted, its HTML kept deflated until its file is written and let
go after (MkDocs itself keeps every page's text to the end of the build, memory that grows with
the report). Tested on a site built with the project's own configuration, by looking at every
page each time MkDocs writes one, and at what was written: the pages and the search index whole."""
from __future__ import annotations

import json

import mkdocs.commands.build as mkdocs_build
import pytest
from bs4 import BeautifulSoup

from scripts.publish.mkdocs import build_site
from tests.test_navigation import ROOT, write_project


@pytest.fixture(scope="module")
def observed(tmp_path_factory):
    """The built site, and for each page MkDocs wrote: (its name, every page's Markdown and HTML then)."""
    docs, site = write_project(tmp_path_factory.mktemp("memory"), 3)
    seen: list[tuple[str, dict[str, tuple[str | None, str | None]]]] = []
    real = mkdocs_build._build_page

    def watch(page, config, doc_files, *args, **kwargs):
        seen.append((page.file.src_uri, {f.src_uri: (f.page.markdown, f.page.content) for f in doc_files}))
        return real(page, config, doc_files, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(mkdocs_build, "_build_page", watch)
    try:
        build_site(ROOT, docs, site, epoch="0", version="test", date="")
    finally:
        mp.undo()
    return site, seen


def test_every_pages_markdown_is_let_go_once_converted(observed):
    _site, seen = observed
    assert len(seen) == 3 * 3 + 2
    for _name, pages in seen:
        assert all(markdown == "" for markdown, _html in pages.values())


def test_no_pages_html_is_held_as_text_while_the_pages_are_written(observed):
    """Between its conversion and its writing, a page's HTML is held deflated, not as text."""
    _site, seen = observed
    for name, pages in seen:
        assert all(html == "" for _markdown, html in pages.values()), name


def test_the_search_index_has_every_pages_whole_text(observed):
    """Material's search plugin reads a page's HTML as the page is written: it gets it whole."""
    site, _seen = observed
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["text"] for d in docs)
    for p in range(1, 4):
        for c in range(1, 4):
            assert f"Text of chapter {p}.{c}." in text


def test_the_pages_keep_their_titles_and_text(observed):
    """Titles (in the page, the navigation and the footer links) are read after the text is let go."""
    site, _seen = observed
    soup = BeautifulSoup((site / "p2-c2.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith("Chapter 2.2")
    assert soup.select_one("article h1").find(string=True).strip() == "Chapter 2.2"
    assert "Text of chapter 2.2." in soup.select_one("article").get_text()
    footer = [a.get("aria-label") for a in soup.select("a.md-footer__link")]
    assert footer == ["Previous: Chapter 2.1", "Next: Chapter 2.3"]
