"""The markup gate: no page of the built site holds active content that nobody put there.

The serializer escapes every string from a seed, its metadata and the editorial file, and the
tests prove it string by string. This gate checks the result from the other side, over every
HTML page the build wrote and over the search index (whose entries the search box renders as
HTML): should any source text ever reach a page as markup, it would show up here as
something the edition never writes on purpose:

- an event-handler attribute (`onload`, `onerror`, `onmouseover`…) or a `style` attribute;
- an address with a scheme that runs or embeds (`javascript:`, `data:`, `vbscript:`…), or
  anything loaded from outside the site;
- an inline `<script>` (only JSON data blocks are allowed), `<style>`, `<iframe>`, `<object>`,
  `<embed>`, `<base>`, SVG animation or `foreignObject`, or a refresh to anywhere but a page of
  the site (an old address's redirect);
- in the EPUB (`downloads/*.epub`), a file that is not well-formed XML, or any of the above;
- a page without the Content-Security-Policy that contains a slip (no inline script, no other
  origin), or with a weaker one.
"""
from __future__ import annotations

import json
import urllib.parse
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag

from .elements import Rejected, elements_of

#: attributes that hold an address
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "xlink:href",
                  "srcset", "lowsrc", "ping", "longdesc", "manifest", "codebase", "icon", "usemap", "dynsrc"}
#: where a link a reader follows may go; anything that loads must be a path inside the site
LINK_SCHEMES = {"", "http", "https", "mailto"}
#: elements no page of the edition has, and that source text must never become
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "foreignobject", "animate",
             "set", "animatemotion", "animatetransform", "portal", "math", "noscript", "xmp", "plaintext",
             "listing", "template"}
#: the only inline <script> blocks: data, never run
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
#: directives a page's policy must have, exactly
REQUIRED_POLICY = {"default-src": {"'none'"}, "object-src": {"'none'"}, "base-uri": {"'none'"}}
#: sources no directive of the policy may allow
WEAK_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:", "blob:",
                "'strict-dynamic'"}


@dataclass(frozen=True)
class Problem:
    page: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.page}: {self.where}: {self.what}"


def parse_policy(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            out[words[0].lower()] = set(words[1:])
    return out


def policy_problems(text: str) -> list[str]:
    """What makes a Content-Security-Policy too weak to contain a slip; [] if it is sound."""
    policy = parse_policy(text)
    out = [f"{d} must be {' '.join(sorted(v))}" for d, v in REQUIRED_POLICY.items() if policy.get(d) != v]
    for directive, sources in policy.items():
        weak = sources & WEAK_SOURCES
        if directive in ("script-src", "default-src", "worker-src", "frame-src", "connect-src", "img-src",
                         "style-src", "font-src", "child-src", "manifest-src", "media-src") and weak:
            out.append(f"{directive} allows {', '.join(sorted(weak))}")
        hosts = [s for s in sources if "." in s or "://" in s]
        if hosts:
            out.append(f"{directive} allows another host: {', '.join(sorted(hosts))}")
    if "script-src" not in policy:
        out.append("no script-src")
    elif "data:" in policy["script-src"]:
        out.append("script-src allows data:")
    return out


#: links that name an address and load nothing: a page's canonical address (its home on the web)
NAMING_RELS = {"canonical"}


def refresh_problem(content: str) -> str | None:
    """A refresh is allowed only to a page of the site (an old address's redirect): never to a
    scheme or another host."""
    _delay, _, rest = content.partition(";")
    target = rest.strip()
    if target.lower().startswith("url="):
        target = target[4:].strip().strip("'\"")
    parts = urllib.parse.urlsplit(target)
    if not target or parts.scheme or parts.netloc or target.startswith(("//", "\\")) or any(c < " " for c in target):
        return f"<meta http-equiv=refresh> to {target[:60]!r}: a refresh may lead only to a page of the site"
    return None


def _url_problem(tag: str, attr: str, value: str) -> str | None:
    for url in ([u.strip().split(" ")[0] for u in value.split(",")] if attr == "srcset" else [value.strip()]):
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower()
        # a browser ignores leading control characters and spaces: "java\tscript:" still runs
        squeezed = "".join(c for c in url.lower() if c > " ")
        if squeezed.startswith(("javascript:", "vbscript:", "data:", "livescript:")):
            return f"{attr}={url[:60]!r}: an address that runs or embeds"
        if tag == "a" and attr == "href":
            if scheme not in LINK_SCHEMES:
                return f"{attr}={url[:60]!r}: a link with the scheme {scheme!r}"
        elif scheme or parts.netloc or url.startswith("//"):
            return f"{attr}={url[:60]!r}: loads from outside the site"
    return None


def element_problems(el: Tag) -> list[str]:
    """What is wrong with one element: [] for markup the edition writes on purpose."""
    return tag_problems(el.name, el.attrs)


def tag_problems(tag: str, attrs: dict) -> list[str]:
    """What is wrong with one element, by its name and its attributes (as Beautiful Soup gives
    them: a list for `class`, `rel` and the other lists)."""
    out = []
    name = tag.lower()
    if name in FORBIDDEN:
        out.append(f"<{name}>")
    if name == "meta" and str(attrs.get("http-equiv", "")).lower() == "refresh":
        if problem := refresh_problem(str(attrs.get("content", ""))):
            out.append(problem)
    naming = name == "link" and set(attrs.get("rel") or []) <= NAMING_RELS and attrs.get("rel")
    if name == "script" and not attrs.get("src") and str(attrs.get("type", "")).lower() not in DATA_SCRIPT_TYPES:
        out.append("an inline <script>")
    for attr, value in attrs.items():
        a = attr.lower()
        v = " ".join(value) if isinstance(value, list) else str(value)
        if a.startswith("on"):
            out.append(f"an event handler {a}=")
        elif a == "style":
            out.append("a style attribute")
        elif naming and a == "href" and urllib.parse.urlsplit(v).scheme == "https":
            continue
        elif a in URL_ATTRIBUTES and (problem := _url_problem(name, a, v)):
            out.append(problem)
        elif name in ("a", "svg", "use", "image") and a.endswith(":href") and (problem := _url_problem(name, a, v)):
            out.append(problem)
    return out


def _where(el: Tag) -> str:
    return _where_tag(el.name, el.attrs)


def _where_tag(tag: str, attrs: dict) -> str:
    ident = f"#{attrs['id']}" if attrs.get("id") else ""
    return f"<{tag}{ident}>"


def fragment_problems(name: str, html: str) -> list[Problem]:
    """The problems of a piece of a page (a search-index entry) or of a page of a book: each
    element's own (`tag_problems`), read without building a tree (`elements`)."""
    if "<" not in html:
        return []      # text alone: no element (an entity or an address is only text)
    try:
        found = elements_of(html)
    except Rejected as err:
        return [Problem(name, "-", f"HTML the parser rejects ({err})")]
    return [Problem(name, _where_tag(tag, attrs), what) for tag, attrs in found for what in tag_problems(tag, attrs)]


def page_problems(name: str, html: str | BeautifulSoup, *, fragment: bool = False) -> list[Problem]:
    if isinstance(html, BeautifulSoup):
        soup = html
    elif fragment:
        return fragment_problems(name, html)
    else:
        with warnings.catch_warnings():
            # a search-index entry that is only an address ("http://example.com") is still text to check
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            soup = BeautifulSoup(html, "html.parser")
    out = [Problem(name, _where(el), what) for el in soup.find_all(True) for what in element_problems(el)]
    if not fragment:
        policies = [m.get("content", "") for m in soup.find_all("meta")
                    if str(m.get("http-equiv", "")).lower() == "content-security-policy"]
        if len(policies) != 1:
            out.append(Problem(name, "<head>", f"{len(policies)} Content-Security-Policy meta tags (want 1)"))
        else:
            out += [Problem(name, "Content-Security-Policy", p) for p in policy_problems(str(policies[0]))]
            first = soup.head.find(True) if soup.head else None
            second = first.find_next_sibling(True) if first else None
            if not (second is not None and second.name == "meta"
                    and str(second.get("http-equiv", "")).lower() == "content-security-policy"):
                out.append(Problem(name, "<head>", "the policy must come right after <meta charset>, before "
                                                   "anything it governs"))
    return out


def download_problems(name: str, soup: BeautifulSoup) -> list[Problem]:
    """A single-file edition: a document on its own, so its styles are inside it (one <style>, in
    its head), and it may hold no script at all, load nothing, and run nothing."""
    out = []
    for el in soup.find_all(True):
        problems = [p for p in element_problems(el) if not (p == "<style>" and el.parent is soup.head)]
        if el.name == "script":
            problems.append("a <script> (a single file runs nothing)")
        out += [Problem(name, _where(el), p) for p in problems]
    if len(soup.find_all("style")) != 1:
        out.append(Problem(name, "<head>", "a single file has its styles in one <style> in its head"))
    return out


class DownloadReader:
    """`download_problems` of a single-file edition read element by element, without its tree
    (`elements.walk`: `visit` each element, then `done`)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.head: int | None = None         # the first <head>: the one place a <style> may stand
        self.styles = 0

    def visit(self, index: int, tag: str, attrs: dict, parent: int) -> None:
        if tag == "head" and self.head is None:
            self.head = index
        problems = [p for p in tag_problems(tag, attrs)
                    if not (p == "<style>" and self.head is not None and parent == self.head)]
        if tag == "script":
            problems.append("a <script> (a single file runs nothing)")
        if tag == "style":
            self.styles += 1
        self.problems += [Problem(self.name, _where_tag(tag, attrs), p) for p in problems]

    def done(self) -> list[Problem]:
        if self.styles != 1:
            self.problems.append(Problem(self.name, "<head>",
                                         "a single file has its styles in one <style> in its head"))
        return self.problems


def epub_problems(name: str, book: Path) -> list[Problem]:
    """An EPUB: every file of it well-formed XML, and its pages as clean as a single file's: no
    script, no style but its one stylesheet's, nothing loaded from outside the book."""
    out = []
    with zipfile.ZipFile(book) as z:
        for entry in z.namelist():
            where = f"{name}/{entry}"
            if not entry.endswith((".xhtml", ".opf", ".xml")):
                continue
            text = z.read(entry).decode("utf-8")
            try:
                ElementTree.fromstring(text)
            except ElementTree.ParseError as err:
                out.append(Problem(where, f"line {err.position[0]}", f"not well-formed XML ({err})"))
                continue
            if entry.endswith(".xhtml"):
                # XHTML read as HTML on purpose: the same parser, and the same checks, as every page's
                try:
                    found = elements_of(text)
                except Rejected as err:
                    out.append(Problem(where, "-", f"HTML the parser rejects ({err})"))
                    continue
                for tag, attrs in found:
                    problems = tag_problems(tag, attrs)
                    if tag == "script":
                        problems.append("a <script> (the book runs nothing)")
                    out += [Problem(where, _where_tag(tag, attrs), p) for p in problems]
    return out


def html_page_problems(name: str, soup: BeautifulSoup) -> list[Problem]:
    """The problems of one parsed HTML page of the site (`name`: its path in the site)."""
    return download_problems(name, soup) if name.startswith("downloads/") else page_problems(name, soup)


def check_markup(site: Path, soups: dict[str, BeautifulSoup] | None = None) -> list[Problem]:
    """Every problem in every HTML page of the site and in its search index."""
    out: list[Problem] = []
    if soups is None:
        soups = {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
                 for p in sorted(site.rglob("*.html"))}
    for name, soup in soups.items():
        out += html_page_problems(name, soup)
    return out + book_and_index_problems(site)


def book_and_index_problems(site: Path) -> list[Problem]:
    """Every problem in the site's EPUBs and in its search index (what is not an HTML page)."""
    out: list[Problem] = []
    for book in sorted(site.glob("downloads/*.epub")):
        out += epub_problems(book.relative_to(site).as_posix(), book)
    index = site / "search" / "search_index.json"
    if index.is_file():
        for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            for key in ("title", "text"):
                for p in page_problems(f"search index: {doc.get('location', '?')}", str(doc.get(key, "")),
                                       fragment=True):
                    out.append(p)
    return out
