"""The URL scheme: where every page and every anchor of the edition lives.

A page is named by its path in `docs/` (`report/foreword.md`); MkDocs publishes it as the same
path ending in `.html` (mkdocs.yml: `use_directory_urls: false`), so an address works served,
unzipped or opened from disk. A chapter's page is `<report slug>/<chapter slug>.md`, an
article's `<article slug>/<slug of its title>.md`; the edition's own pages stand at the top.
Links between pages are relative. Anchors are the ids the model holds (`annotate.anchors`).
"""
from __future__ import annotations

import posixpath

from ..model import Article, BlockKind, Chapter, Edition

HOME = "index.md"
ABOUT = "about.md"
GLOSSARY = "glossary.md"
REFERENCES = "references.md"
PAGES = "pages.md"
NAV = ".nav.yml"


def chapter_page(edition: Edition, chapter: Chapter) -> str:
    return f"{edition.report_meta.slug}/{chapter.slug}.md"


def article_page(article: Article) -> str:
    return f"{article.meta.slug}/{article.doc.chapters[0].slug}.md"


def page_row_anchor(anchor: str) -> str:
    """The id of a page's row on the Pages page: `p-45` for the mark `page-45`."""
    return "p-" + anchor.removeprefix("page-")


def html_path(page: str) -> str:
    """The file MkDocs writes for a page: `report/foreword.md` -> `report/foreword.html`."""
    return page.removesuffix(".md") + ".html"


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link from one page to another (or to an anchor on it)."""
    rel = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


#: the folder of the site's downloads (the offline editions)
DOWNLOADS = "downloads"


def bundle_path(edition: Edition) -> str:
    """The offline zip, in the site: `downloads/casey-report-2026-12-01.zip` (the report's seed
    name and the edition's date)."""
    return f"{DOWNLOADS}/{edition.report_meta.seed.removesuffix('.txt')}-{edition.released}.zip"


def single_file_path(edition: Edition) -> str:
    """The single-file edition, in the site: `downloads/casey-report-2026-12-01.html`."""
    return bundle_path(edition).removesuffix(".zip") + ".html"


def epub_path(edition: Edition) -> str:
    """The EPUB edition, in the site: `downloads/casey-report-2026-12-01.epub`."""
    return bundle_path(edition).removesuffix(".zip") + ".epub"


#: the About page's section saying how inferred page numbers were placed
PAGE_NUMBERS_ANCHOR = "page-numbers"
#: the About page's section on paragraph numbers and addresses that never break
ADDRESSES_ANCHOR = "addresses"


def inferred_pages_link(from_page: str) -> str:
    """"([how](…))": the one step from an inferred page number to the reason for it."""
    return f"([how]({link(from_page, ABOUT, PAGE_NUMBERS_ANCHOR)}))"


def quotes_data_path(article: Article) -> str:
    """An article's quotations as data, beside its page: `press/<slug>.quotes.json`."""
    return article_page(article).removesuffix(".md") + ".quotes.json"


def report_block_target(edition: Edition, from_page: str):
    """A page's resolver of a report block's id: (its relative address, "¶ 3.1, p. 10")."""
    where = {b.anchor: (c, b) for c in edition.report.chapters for b in c.blocks if b.locator}

    def target(anchor: str) -> tuple[str, str]:
        chapter, b = where[anchor]
        page = b.first_page.printed if b.first_page is not None else None
        return link(from_page, chapter_page(edition, chapter), anchor), f"¶ {b.locator}" + (
            f", p. {page}" if page is not None else "")
    return target


def press_target(edition: Edition, from_page: str):
    """A page's resolver of an article passage, by (the article's seed, the block's id), as the
    built page's address (for raw HTML, which MkDocs leaves as it is)."""
    pages = {a.meta.seed: html_path(article_page(a)) for a in edition.articles}
    return lambda seed, anchor: link(html_path(from_page), pages[seed], "" if anchor == "top" else anchor)


def heading_targets(edition: Edition) -> dict[str, tuple[Chapter, str]]:
    """Chapter titles and heading texts -> (chapter, anchor; "" for a title): where a
    cross-reference naming them goes. The first of equal texts wins."""
    out: dict[str, tuple[Chapter, str]] = {}
    for c in edition.report.chapters:
        for b in c.blocks:
            if b.kind is BlockKind.HEADING:
                out.setdefault(b.text.strip(), (c, "" if b.level == 1 else b.anchor))
    return out


def resolver(edition: Edition, from_page: str, targets: dict[str, tuple[Chapter, str]] | None = None):
    """A page's cross-reference resolver: heading text -> relative URL. `targets`: the edition's
    `heading_targets`, where made already (they are the same for every page)."""
    targets = heading_targets(edition) if targets is None else targets

    def resolve(target: str) -> str:
        chapter, anchor = targets[target]
        return link(from_page, chapter_page(edition, chapter), anchor)
    return resolve
