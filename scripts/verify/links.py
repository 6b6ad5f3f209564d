"""Link check of a built site: every internal link and anchor resolves, every page is reachable.

MkDocs' own validation (`--strict`, `anchors: warn`) sees the Markdown links. This sees the HTML
a reader gets, after the theme, the hooks and the scripts: the navigation, the footer's
previous/next links, the footnote back links, the search polyfill, the stylesheets.

- A link to another host is allowed only as a link a reader follows (`<a href>`), never as
  something a page loads (`<link>`, `<script>`, `<img>`...): the site asks no other host for
  anything.
- A local link must name a file that exists, and its `#fragment` an `id` in that file.
- Every page must be reachable from `index.html` by links alone.
"""
from __future__ import annotations

import functools
import posixpath
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

#: the attributes through which a page links to or loads something
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src",
                   "source": "src", "audio": "src", "video": "src", "object": "data"}
#: schemes that never leave the page
INERT_SCHEMES = {"data", "javascript", "mailto", "about", "blob"}
#: pages a server shows for a missing URL; they link with site-absolute paths ("/index.html")
ERROR_PAGES = {"404.html"}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    tag: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: <{self.tag}> {self.target}: {self.reason}"


@dataclass
class SitePage:
    ids: set[str]
    links: list[tuple[str, str]]          # (tag, url)


def parse_pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every HTML page of a built site, parsed once: the gates share the trees (parsing is
    most of their time). Keys are paths relative to the site, `report/foreword.html`."""
    return {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(site.rglob("*.html"))}


def read_page(path: Path, soup: BeautifulSoup | None = None) -> SitePage:
    soup = soup if soup is not None else BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return page_links(soup)


def page_links(soup: BeautifulSoup) -> SitePage:
    """A parsed page's ids and links."""
    return read_tree(soup).page()


def read_tree(soup: BeautifulSoup) -> LinkReader:
    """A parsed page's ids and links, and whether it is a redirect, in one walk of its tree:
    the elements find_all and select_one would find (`LinkReader`)."""
    reader = LinkReader()
    for el in soup.descendants:
        if isinstance(el, Tag):
            reader.visit(0, el.name, el.attrs, 0)
    return reader


def resolve(page: str, url: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) of a local URL on `page`; None for another host."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = urllib.parse.unquote(parts.path)
    if not path:
        return page, urllib.parse.unquote(parts.fragment)
    if path.endswith("/"):
        path += "index.html"
    if path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/"))
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return target, urllib.parse.unquote(parts.fragment)


class LinkReader:
    """A page's ids and links, and whether it is a redirect, read element by element (from its
    tree, `read_tree`, or without it, `elements.walk`: `visit` each element, then `page`): the
    ids of every element with an id and of every <a name>, every link through one of
    LINK_ATTRIBUTES but a canonical address, a <meta name="edition-redirect">."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self.redirect = False

    def visit(self, _index: int, tag: str, attrs: dict, _parent: int) -> None:
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        attr = LINK_ATTRIBUTES.get(tag)
        if attr is not None and attr in attrs and attrs.get("rel") != ["canonical"]:
            self.links.append((tag, attrs[attr]))
        if tag == "meta" and attrs.get("name") == "edition-redirect":
            self.redirect = True

    def page(self) -> SitePage:
        return SitePage(self.ids, self.links)


def is_redirect(soup: BeautifulSoup) -> bool:
    """An old address's redirect (`publish.redirects`): reached from outside (an old link), never from the site."""
    return soup.select_one('meta[name="edition-redirect"]') is not None


def is_checked(name: str) -> bool:
    """Whether the links of the page `name` are checked (the theme's assets are not the edition's pages)."""
    return "assets" not in Path(name).parts


def check_links(site: Path, soups: dict[str, BeautifulSoup] | None = None) -> list[BrokenLink]:
    soups = soups if soups is not None else parse_pages(site)
    pages = {name: read_page(site / name, soup) for name, soup in soups.items() if is_checked(name)}
    return broken_links(site, pages, {name for name, soup in soups.items() if is_redirect(soup)})


def broken_links(site: Path, pages: dict[str, SitePage], redirects: set[str]) -> list[BrokenLink]:
    """Every broken link of `pages` (by path in the site, in the site's order), and every page
    no link from index.html reaches but the `redirects`."""
    broken: list[BrokenLink] = []
    linked_from_pages: dict[str, set[str]] = {name: set() for name in pages}
    exists = functools.cache(lambda target: (site / target).is_file())   # once a target, not once a link
    for name, page in pages.items():
        for tag, url in page.links:
            scheme = urllib.parse.urlsplit(url).scheme
            if scheme in INERT_SCHEMES:
                continue
            where = resolve(name, url)
            if where is None:
                if tag != "a":
                    broken.append(BrokenLink(name, tag, url, "loads from another host"))
                continue
            target, fragment = where
            if target.startswith("../") or target == "..":
                broken.append(BrokenLink(name, tag, url, "points outside the site"))
            elif not exists(target):
                broken.append(BrokenLink(name, tag, url, f"no file {target}"))
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(BrokenLink(name, tag, url, f"no id {fragment!r} in {target}"))
            elif tag == "a" and target in pages:
                linked_from_pages[name].add(target)
    reachable, todo = set(), ["index.html"]
    while todo:
        name = todo.pop()
        if name not in reachable:
            reachable.add(name)
            todo.extend(linked_from_pages.get(name, ()))
    # an old address's redirect is reached from outside (an old link), never from the site
    for name in sorted(set(pages) - reachable - ERROR_PAGES - redirects):
        broken.append(BrokenLink(name, "-", name, "no link from index.html reaches this page"))
    return broken
