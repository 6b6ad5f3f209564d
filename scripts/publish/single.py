"""The single-file edition: the whole report in one HTML file, for archiving, e-mail and print.

Every chapter in order, its footnotes, page marks and abbreviations, then the Glossary, in one
file with its stylesheets inlined and no script and no reference outside itself: it reads with
scripts off. Made from the built pages (so it shows exactly what the site shows), with the
site's ids: a paragraph's `#p-…`, a page's `#page-45`, a note's `#fn:3` are the same as on
the site (they are unique in the report). A chapter's title, which is `#top` on its page,
is `#chapter-N` here (N its place in the report, as in its blocks' numbers: ids made of
numbers, never of the report's words); a heading id that two chapters share keeps it in the
first and is `chapter-N--<id>` in the others. Links between the pages become links inside the
file; links to the site's other pages (the About page, the list of pages) become their address
on the site (`online`); links to the web stay as they are.
"""
from __future__ import annotations

import copy
import html
import posixpath
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup, Tag

#: no script, nothing from anywhere: only the file's own styles and inline images
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


#: the site's controls, which a document made of its pages leaves out: permalinks, "Cite this", citation data
CONTROLS = "a.headerlink, .cite-this, h2#cite-this, .cite-data"


def chapter_article(site: Path, page: str) -> BeautifulSoup:
    """A page's content without the site's controls (permalinks, "Cite this", citation data)."""
    return page_article(BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser"))


def page_article(soup: BeautifulSoup) -> Tag:
    """A parsed page's content without the site's controls (taken out of the tree)."""
    article = soup.select_one("article.md-content__inner")
    for el in article.select(CONTROLS):
        el.decompose()
    return article


def page_ids(soup: BeautifulSoup) -> list[str]:
    """The ids of a parsed page's content without its controls, in order (as `page_article`
    leaves them), read without changing the tree."""
    article = soup.select_one("article.md-content__inner")
    left_out = set()
    for el in article.select(CONTROLS):
        left_out.add(id(el))
        left_out.update(id(d) for d in el.descendants)
    return [el["id"] for el in article.find_all(id=True) if id(el) not in left_out]


#: an element's id in a page's markup as MkDocs writes it (`<h2 id="the-law">`, `<p id="p-…" class=…>`)
ID_IN_MARKUP = re.compile(r'<[A-Za-z][^<>]*?\sid="([^"]*)"')
#: the article's start and end in a built page
ARTICLE_START = '<article class="md-content__inner'


def guess_ids(text: str) -> list[str] | None:
    """The ids `page_ids` will find in a built page, read from its markup before it is parsed:
    the ids between its one <article> and its end, but the "Cite this" heading's. A guess: it
    lets every page's ids be named before any page is parsed, and is right for the pages MkDocs
    writes; `page_ids` then checks it against the parsed page (and the build makes the downloads
    the slow way where it was wrong). None where the page has no one article."""
    if text.count(ARTICLE_START) != 1 or text.count("</article>") != 1:
        return None
    start = text.index(ARTICLE_START)
    inside = text[start + len(ARTICLE_START):text.index("</article>", start)]
    return [html.unescape(i) for i in ID_IN_MARKUP.findall(inside) if i != "cite-this"]


def book_names(pages: list[tuple[str, str]], ids: dict[str, list[str]]) -> dict[tuple[str, str], str]:
    """Every id's name in one document of the `pages` (path in the site, and the page's id in
    the document), by (page, id), from each page's `ids` (`page_ids`): the same name as on the
    site wherever no other page holds it, `#top` the page's id, and "" the page itself."""
    names: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for page, slug in pages:
        names[(page, "")] = slug
        taken.add(slug)
    for page, slug in pages:
        for ident in ids[page]:
            new = slug if ident == "top" else ident
            if new in taken and new != slug:
                new = f"{slug}--{ident}"
            names[(page, ident)] = new
            taken.add(new)
    return names


def renamed(article: Tag, page: str, names: dict[tuple[str, str], str]) -> Tag:
    """A page's content (`page_article`) with each id renamed to its name in the document (in place)."""
    for el in article.find_all(id=True):
        el["id"] = names[(page, el["id"])]
    for el in article.find_all(attrs={"aria-controls": True}):
        del el["aria-controls"]
    return article


def gathered(site: Path, pages: list[tuple[str, str]]) -> tuple[list[tuple[str, str, BeautifulSoup]],
                                                                  dict[tuple[str, str], str]]:
    """The pages' contents, each id renamed to its name in one document of them all (the same
    name as on the site wherever no other page holds it), and every name by (page, id)."""
    soups = {page: BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser") for page, _ in pages}
    names = book_names(pages, {page: page_ids(soup) for page, soup in soups.items()})
    return [(page, slug, renamed(page_article(soups[page]), page, names)) for page, slug in pages], names


@contextmanager
def links_for_a_moment(article: Tag) -> Iterator[None]:
    """Inside the block, the article's links may be rewritten for one document; after it, every
    link is as it was, attributes in their order (so one reading of a page serves two documents)."""
    anchors = article.find_all("a", href=True)
    kept = [a.attrs for a in anchors]
    for a in anchors:
        a.attrs = copy.copy(a.attrs)
    try:
        yield
    finally:
        for a, attrs in zip(anchors, kept):
            a.attrs = attrs


def single_section(article: Tag, page: str, slug: str, names: dict[tuple[str, str], str], site_url: str = "") -> str:
    """One page's content (`renamed`) as a section of the single file; the article is left as it was."""
    with links_for_a_moment(article):
        for a in article.find_all("a", href=True):
            a["href"] = internal(page, a["href"], names)
        online(article, page, site_url)
        return (f'<section class="chapter" aria-labelledby="{html.escape(slug, quote=True)}">'
                + article.decode_contents() + "</section>")


def single_file_parts(site: Path, pages: list[tuple[str, str]], title: str, front: str, stylesheets: list[Path],
                      site_url: str = "", sections: Iterable[str] | None = None) -> Iterator[str]:
    """The single file, a part at a time (its head, then each section in turn, then its end), so
    that a file of the whole report is written without being held whole: `pages` (path in the
    site, and its id here) in order, after `front` (HTML); `sections`: the pages as
    `single_section` made them, where made already."""
    if sections is None:
        articles, names = gathered(site, pages)
        sections = (single_section(article, page, slug, names, site_url) for page, slug, article in articles)
    css = "\n".join(p.read_text(encoding="utf-8") for p in stylesheets)
    css = css.replace("</style", "<\\/style")
    yield ("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
           f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
           '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
           f"<title>{title}</title>\n<style>\n{css}\n</style>\n</head>\n"
           '<body class="single-file" dir="ltr"><main class="md-main"><div class="md-content">'
           f'<article class="md-content__inner md-typeset">{front}\n')
    for k, section in enumerate(sections):
        yield ("\n" if k else "") + section
    yield "</article></div></main></body>\n</html>\n"


def internal(page: str, href: str, names: dict[tuple[str, str], str], file_of=None) -> str:
    """A link of `page` as a link inside the document where its target is in it: `#name`, or,
    where the document is many files (`file_of(page)`: an EPUB's), `file#name` across files."""
    parts = urllib.parse.urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    if not parts.path:
        target = page
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), urllib.parse.unquote(parts.path)))
    key = (target, urllib.parse.unquote(parts.fragment))
    if key not in names:
        key = (target, "")
    if key not in names:
        return href
    if file_of is None or file_of(target) == file_of(page):
        return "#" + names[key]
    return file_of(target) + "#" + names[key]


def online(article: Tag, page: str, site_url: str, held: frozenset[str] = frozenset()) -> None:
    """Links of `page` to the site's pages that the document does not hold (neither `#…` inside
    it, nor one of its files `held`, nor the web) become the page's address on the site, where
    a reader with a connection finds it; with no address to give, they keep only their words."""
    for a in article.find_all("a", href=True):
        href = a["href"]
        parts = urllib.parse.urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("#") or parts.path in held:
            continue
        if not site_url:
            del a["href"]
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), urllib.parse.unquote(parts.path)))
        a["href"] = site_url + urllib.parse.quote(target) + (f"#{parts.fragment}" if parts.fragment else "")


def site_stylesheets(site: Path) -> list[Path]:
    """The stylesheets the site's pages link, in order, as the home page links them (after the
    build, the one stylesheet of `assets.one_stylesheet`)."""
    from .assets import STYLESHEET_LINK, link_target
    text = (site / "index.html").read_text(encoding="utf-8")
    return [site / link_target("index.html", m.group("href")) for m in STYLESHEET_LINK.finditer(text)]


def write_single(site: Path, path: str, pages: list[tuple[str, str]], title: str, front: str,
                 site_url: str = "", sections: Iterable[str] | None = None) -> Path:
    """The single file at `path` in the site (in its downloads)."""
    from .stage import safe_path
    sheets = site_stylesheets(site)
    dest = safe_path(site, path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("w", encoding="utf-8") as out:
        for part in single_file_parts(site, pages, title, front, sheets, site_url, sections):
            out.write(part)
    return dest
