"""MkDocs lets each page's Markdown go once it is converted and its HTML once its file is written
(scripts/publish/mkdocs.py `_release_pages`): MkDocs itself keeps every page's text to the end of
the build, memory that grows with the report. Tested on a site built with the project's own
configuration, by looking at every page each time MkDocs writes one, and at what was written."""
from __future__ import annotations

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


def test_a_pages_html_is_kept_until_its_file_is_written_and_let_go_after(observed):
    _site, seen = observed
    written: set[str] = set()
    for name, pages in seen:
        assert pages[name][1], f"{name}: its HTML was let go before its file was written"
        for other, (_markdown, html) in pages.items():
            assert (html == "") == (other in written), other
        written.add(name)


def test_the_pages_keep_their_titles_and_text(observed):
    """Titles (in the page, the navigation and the footer links) are read after the text is let go."""
    site, _seen = observed
    soup = BeautifulSoup((site / "p2-c2.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith("Chapter 2.2")
    assert soup.select_one("article h1").find(string=True).strip() == "Chapter 2.2"
    assert "Text of chapter 2.2." in soup.select_one("article").get_text()
    footer = [a.get("aria-label") for a in soup.select("a.md-footer__link")]
    assert footer == ["Previous: Chapter 2.1", "Next: Chapter 2.3"]
