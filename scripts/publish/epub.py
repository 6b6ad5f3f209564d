"""The EPUB 3 edition: the report for e-readers, made from the built pages.

The same chapters in the same order as the site, one XHTML file each, then the Glossary; the
footnotes as EPUB footnotes (a reader's pop-up: `epub:type="noteref"` to an
`<aside epub:type="footnote">` at the chapter's end); the page marks as page breaks and, in the
navigation document, a page-list, so a reading system's "go to page 45" lands on the mark; a
table of contents of the parts, chapters and their headings; metadata from the seeds'.

Ids are the site's (a paragraph's `#p-…`, a page's `#page-45`), as in the single file
(`single.gathered`): a chapter's title is `#chapter-N`, and a note is `#fn:3` as on the site
(epubcheck takes an id with a colon: an XML name). Links between the book's pages are links
between its files; links to the site's other pages, which the book does not hold, go to them
on the site. It is made reproducibly: entries in a fixed order, every timestamp the edition's
date, `mimetype` first and stored, as the format requires.
"""
from __future__ import annotations

import datetime
import html
import os
import posixpath
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from .single import gathered, internal, online
from .stage import safe_path

MEDIA_TYPE = "application/epub+zip"
XHTML = "application/xhtml+xml"
#: the book's folder in the zip: the package, the navigation and the pages side by side (so that a
#: reading system that takes the navigation's links as the package's finds them too)
ROOT = "EPUB"
STYLE = Path(__file__).with_name("epub.css")

#: SVG attributes whose names have capitals, which an HTML parser lowercases and XML does not
#: (the HTML standard's table "adjust SVG attributes", the ones a chart may carry)
SVG_ATTRIBUTES = {a.lower(): a for a in (
    "attributeName", "attributeType", "baseFrequency", "baseProfile", "calcMode", "clipPathUnits",
    "diffuseConstant", "edgeMode", "filterUnits", "glyphRef", "gradientTransform", "gradientUnits",
    "kernelMatrix", "kernelUnitLength", "keyPoints", "keySplines", "keyTimes", "lengthAdjust",
    "limitingConeAngle", "markerHeight", "markerUnits", "markerWidth", "maskContentUnits", "maskUnits",
    "numOctaves", "pathLength", "patternContentUnits", "patternTransform", "patternUnits", "pointsAtX",
    "pointsAtY", "pointsAtZ", "preserveAlpha", "preserveAspectRatio", "primitiveUnits", "refX", "refY",
    "repeatCount", "repeatDur", "requiredExtensions", "requiredFeatures", "specularConstant",
    "specularExponent", "spreadMethod", "startOffset", "stdDeviation", "stitchTiles", "surfaceScale",
    "systemLanguage", "tableValues", "targetX", "targetY", "textLength", "viewBox", "viewTarget",
    "xChannelSelector", "yChannelSelector", "zoomAndPan")}


@dataclass(frozen=True)
class BookPage:
    """One file of the book: a page of the site, its id here (`chapter-7`), its title in the
    table of contents and the part it stands in (plain text, escaped here)."""

    page: str
    slug: str
    title: str
    part: str = ""
    kind: str = "chapter"          # its `epub:type`: chapter, glossary


@dataclass(frozen=True)
class PageMark:
    """A printed page, for the page-list: the site page it begins on, its id there, its label."""

    page: str
    anchor: str
    label: str


@dataclass(frozen=True)
class BookMeta:
    """The package's metadata (plain text, escaped here)."""

    identifier: str
    title: str
    language: str
    creator: str
    publisher: str
    date: str                       # the report's date (YYYY-MM-DD)
    modified: str                   # the edition's date (YYYY-MM-DD)
    rights: str = ""
    description: str = ""
    source: str = ""
    creators_file_as: tuple[str, ...] = field(default_factory=tuple)
    site_url: str = ""              # where the site is: links to its pages the book does not hold go there


def file_name(slug: str) -> str:
    return f"{slug}.xhtml"


def as_epub_markup(article: Tag, marks: dict[str, str]) -> None:
    """A page's content in the forms a reading system knows (in place): notes as footnotes, page
    marks as page breaks, SVG attributes with their capitals."""
    for ref in article.select("a.footnote-ref"):
        ref["epub:type"] = "noteref"
        ref["role"] = "doc-noteref"
    for back in article.select("a.footnote-backref"):
        back["role"] = "doc-backlink"
    for div in article.select("div.footnote"):
        section = BeautifulSoup("", "html.parser").new_tag("section")
        section["class"] = "footnotes"
        section["epub:type"] = "footnotes"
        for li in div.select("ol > li"):
            aside = BeautifulSoup("", "html.parser").new_tag("aside")
            aside["id"] = li["id"]
            aside["class"] = "footnote"
            aside["epub:type"] = "footnote"
            aside["role"] = "doc-footnote"
            number = li.get("value", "")
            for child in list(li.children):
                aside.append(child.extract())
            first = aside.find("p")
            if number and first is not None:
                label = BeautifulSoup("", "html.parser").new_tag("span")
                label["class"] = "footnote-number"
                label.string = f"{number}. "
                first.insert(0, label)
            section.append(aside)
        div.replace_with(section)
    for span in article.select("span.page-number[id]"):
        span["epub:type"] = "pagebreak"
        if span["id"] in marks:
            span["title"] = marks[span["id"]]
    for svg in article.find_all("svg"):
        for el in [svg, *svg.find_all(True)]:
            el.attrs = {SVG_ATTRIBUTES.get(k, k): v for k, v in el.attrs.items()}


def xhtml(title: str, body: str, language: str, css: str = "style/edition.css") -> str:
    e = html.escape
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{e(language)}" xml:lang="{e(language)}">\n'
            f'<head>\n<meta charset="utf-8"/>\n<title>{e(title)}</title>\n'
            f'<link rel="stylesheet" type="text/css" href="{css}"/>\n</head>\n'
            f"<body>\n{body}\n</body>\n</html>\n")


def chapter_files(site: Path, pages: list[BookPage], marks: list[PageMark], language: str, site_url: str = ""
                  ) -> tuple[dict[str, str], dict[tuple[str, str], str], list[tuple[BookPage, list[tuple[str, str]]]]]:
    """Each page's XHTML file (by name), every id's name by (site page, site id), and each
    page's headings (id, text) for the table of contents."""
    articles, names = gathered(site, [(p.page, p.slug) for p in pages])
    by_page = {p.page: p for p in pages}
    out: dict[str, str] = {}
    headings: list[tuple[BookPage, list[tuple[str, str]]]] = []
    for page, _slug, article in articles:
        name, text, heads = chapter_file(article, by_page[page], pages, marks, names, language, site_url)
        out[name] = text
        headings.append((by_page[page], heads))
    return out, names, headings


def chapter_file(article: Tag, book_page: BookPage, pages: list[BookPage], marks: list[PageMark],
                 names: dict[tuple[str, str], str], language: str, site_url: str = ""
                 ) -> tuple[str, str, list[tuple[str, str]]]:
    """One page's content (`single.renamed`) as a file of the book (changed in place): its name,
    its XHTML and its headings (id, text) for the table of contents."""
    page, slug = book_page.page, book_page.slug
    files_of = {p.page: file_name(p.slug) for p in pages}
    labels = {names[(m.page, m.anchor)]: m.label for m in marks if (m.page, m.anchor) in names}
    for a in article.find_all("a", href=True):
        a["href"] = internal(page, a["href"], names, lambda target: files_of.get(target, ""))
    online(article, page, site_url, frozenset(files_of.values()))
    as_epub_markup(article, labels)
    # a heading's words as it reads them (never a space where its markup has a boundary: "(SRP)")
    heads = [(h["id"], " ".join(h.get_text().split())) for h in article.find_all("h2") if h.get("id")]
    kind = html.escape(book_page.kind, quote=True)
    body = (f'<section class="chapter" epub:type="{kind}" role="doc-{kind}" '
            f'aria-labelledby="{html.escape(slug, quote=True)}">\n'
            + article.decode_contents() + "\n</section>")
    return file_name(slug), xhtml(book_page.title, body, language), heads


def nav_document(meta: BookMeta, pages: list[tuple[BookPage, list[tuple[str, str]]]], marks: list[PageMark],
                 names: dict[tuple[str, str], str], files_of: dict[str, str], front: str) -> str:
    """The navigation document: the table of contents (parts, chapters, their headings), the
    page-list and the landmarks."""
    e = html.escape
    toc = [f'<li><a href="{front}">{e(meta.title)}</a></li>']
    part = None
    for book_page, heads in pages:
        entry = f'<li><a href="{file_name(book_page.slug)}">{e(book_page.title)}</a>'
        if heads:
            entry += "<ol>" + "".join(f'<li><a href="{file_name(book_page.slug)}#{e(i, quote=True)}">'
                                      f"{e(text)}</a></li>" for i, text in heads) + "</ol>"
        entry += "</li>"
        if book_page.part != (part or ""):
            if part:
                toc.append("</ol></li>")
            part = book_page.part or None
            if part:
                toc.append(f"<li><span>{e(part)}</span><ol>")
        toc.append(entry)
    if part:
        toc.append("</ol></li>")
    page_list = "".join(
        f'<li><a href="{files_of[m.page]}#{e(names[(m.page, m.anchor)], quote=True)}">{e(m.label)}</a></li>'
        for m in marks if (m.page, m.anchor) in names)
    first = file_name(pages[0][0].slug)
    body = ('<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>Contents</h1>\n<ol>\n' + "\n".join(toc)
            + "\n</ol>\n</nav>\n"
            + ('<nav epub:type="page-list" id="page-list" hidden="hidden">\n<h2>Pages</h2>\n<ol>'
               + page_list + "</ol>\n</nav>\n" if page_list else "")
            + '<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<h2>Landmarks</h2>\n<ol>'
            f'<li><a epub:type="titlepage" href="{front}">Title page</a></li>'
            '<li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>'
            f'<li><a epub:type="bodymatter" href="{first}">{e(pages[0][0].title)}</a></li></ol>\n</nav>')
    return xhtml("Contents", body, meta.language)


def package_document(meta: BookMeta, files: Mapping[str, str], spine: list[str]) -> str:
    """The package: metadata, every file and the reading order."""
    e = html.escape
    items = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
             '<item id="css" href="style/edition.css" media-type="text/css"/>']
    for name, text in files.items():
        if name == "nav.xhtml":
            continue
        props = ' properties="svg"' if "<svg" in text else ""
        items.append(f'<item id="{e(name.removesuffix(".xhtml"))}" href="{e(name)}" '
                     f'media-type="{XHTML}"{props}/>')
    creators = f'<dc:creator id="creator">{e(meta.creator)}</dc:creator>'
    creators += "".join(f'\n<meta refines="#creator" property="file-as">{e(f)}</meta>'
                        for f in meta.creators_file_as[:1])
    optional = "".join(f"\n<dc:{tag}>{e(value)}</dc:{tag}>" for tag, value in
                       (("rights", meta.rights), ("description", meta.description), ("source", meta.source))
                       if value)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" '
            f'xml:lang="{e(meta.language)}">\n'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f'<dc:identifier id="pub-id">{e(meta.identifier)}</dc:identifier>\n'
            f"<dc:title>{e(meta.title)}</dc:title>\n<dc:language>{e(meta.language)}</dc:language>\n"
            f"{creators}\n<dc:publisher>{e(meta.publisher)}</dc:publisher>\n<dc:date>{e(meta.date)}</dc:date>"
            f'{optional}\n<meta property="dcterms:modified">{e(meta.modified)}T00:00:00Z</meta>\n</metadata>\n'
            "<manifest>\n" + "\n".join(items) + "\n</manifest>\n<spine>\n"
            + "\n".join(f'<itemref idref="{e(s)}"/>' for s in spine) + "\n</spine>\n</package>\n")


CONTAINER = ('<?xml version="1.0" encoding="utf-8"?>\n'
             '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
             f'<rootfiles><rootfile full-path="{ROOT}/package.opf" media-type="application/oebps-package+xml"/>'
             "</rootfiles>\n</container>\n")


class Texts(Mapping[str, str]):
    """Files by name, in order, each text made when it is read: a value is a text, or what makes
    it (`Books` keeps a book's chapters deflated, and they are inflated one at a time as the zip
    is written, never all at once)."""

    def __init__(self, items: Iterable[tuple[str, str | Callable[[], str]]]) -> None:
        self._items = dict(items)

    def __getitem__(self, name: str) -> str:
        value = self._items[name]
        return value() if callable(value) else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def epub_files(site: Path, meta: BookMeta, pages: list[BookPage], marks: list[PageMark], front: str,
               made: tuple[Mapping[str, str], dict[tuple[str, str], str], list] | None = None) -> Texts:
    """Every file of the book by its path in the zip, `mimetype` first, in the zip's order.
    `made`: what `chapter_files` gives, where the pages were made into files already (its
    chapters' texts are read once for the package document, and once as each is written)."""
    chapters, names, headings = made or chapter_files(site, pages, marks, meta.language, meta.site_url)
    files_of = {p.page: file_name(p.slug) for p in pages}
    title_page = f'<section epub:type="titlepage" class="front">\n{front}\n</section>'
    text = Texts([("front.xhtml", xhtml(meta.title, title_page, meta.language)),
                  ("nav.xhtml", nav_document(meta, headings, marks, names, files_of, "front.xhtml")),
                  *((name, (lambda name=name: chapters[name])) for name in chapters)])
    spine = ["front", "nav"] + [p.slug for p in pages]
    return Texts([("mimetype", MEDIA_TYPE), ("META-INF/container.xml", CONTAINER),
                  (f"{ROOT}/package.opf", package_document(meta, text, spine)),
                  (f"{ROOT}/style/edition.css", STYLE.read_text(encoding="utf-8")),
                  *((posixpath.join(ROOT, name), (lambda name=name: text[name])) for name in text)])


def write_epub(site: Path, path: str, meta: BookMeta, pages: list[BookPage], marks: list[PageMark],
               front: str, made: tuple[Mapping[str, str], dict[tuple[str, str], str], list] | None = None) -> Path:
    """The EPUB at `path` in the site (in its downloads), reproducibly zipped (`made`: as for `epub_files`)."""
    day = datetime.date.fromisoformat(meta.modified)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    dest = safe_path(site, path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        for name, text in epub_files(site, meta, pages, marks, front, made).items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"), compresslevel=None if name == "mimetype" else 9)
    os.replace(tmp, dest)
    return dest
