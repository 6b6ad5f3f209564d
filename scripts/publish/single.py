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

import html
import posixpath
import urllib.parse
from pathlib import Path

from bs4 import BeautifulSoup, Tag

#: no script, nothing from anywhere: only the file's own styles and inline images
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def chapter_article(site: Path, page: str) -> BeautifulSoup:
    """A page's content without the site's controls (permalinks, "Cite this", citation data)."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    for el in article.select("a.headerlink, .cite-this, h2#cite-this, .cite-data"):
        el.decompose()
    return article


def gathered(site: Path, pages: list[tuple[str, str]]) -> tuple[list[tuple[str, str, BeautifulSoup]],
                                                                  dict[tuple[str, str], str]]:
    """The pages' contents, each id renamed to its name in one document of them all (the same
    name as on the site wherever no other page holds it), and every name by (page, id)."""
    articles = [(page, slug, chapter_article(site, page)) for page, slug in pages]
    names: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for page, slug, _article in articles:
        names[(page, "")] = slug
        taken.add(slug)
    for page, slug, article in articles:
        for el in article.find_all(id=True):
            ident = el["id"]
            new = slug if ident == "top" else ident
            if new in taken and new != slug:
                new = f"{slug}--{ident}"
            names[(page, ident)] = new
            taken.add(new)
    for page, _slug, article in articles:
        for el in article.find_all(id=True):
            el["id"] = names[(page, el["id"])]
        for el in article.find_all(attrs={"aria-controls": True}):
            del el["aria-controls"]
    return articles, names


def single_file(site: Path, pages: list[tuple[str, str]], title: str, front: str, stylesheets: list[Path],
                site_url: str = "") -> str:
    """The single file: `pages` (path in the site, and its id here) in order, after `front` (HTML)."""
    articles, names = gathered(site, pages)
    body = []
    for page, slug, article in articles:
        for a in article.find_all("a", href=True):
            a["href"] = internal(page, a["href"], names)
        online(article, page, site_url)
        section = f'<section class="chapter" aria-labelledby="{html.escape(slug, quote=True)}">'
        body.append(section + article.decode_contents() + "</section>")
    css = "\n".join(p.read_text(encoding="utf-8") for p in stylesheets)
    css = css.replace("</style", "<\\/style")
    return ("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
            '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f"<title>{title}</title>\n<style>\n{css}\n</style>\n</head>\n"
            '<body class="single-file" dir="ltr"><main class="md-main"><div class="md-content">'
            f'<article class="md-content__inner md-typeset">{front}\n' + "\n".join(body)
            + "</article></div></main></body>\n</html>\n")


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


def write_single(site: Path, path: str, pages: list[tuple[str, str]], title: str, front: str,
                 site_url: str = "") -> Path:
    """The single file at `path` in the site (in its downloads)."""
    from .stage import safe_path
    sheets = sorted((site / "assets" / "stylesheets").glob("main.*.min.css")) + [
        site / "assets" / "stylesheets" / "edition.css"]
    dest = safe_path(site, path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(single_file(site, pages, title, front, sheets, site_url), encoding="utf-8")
    return dest
