"""The EPUB 3 edition: the same chapters and ids as the site, notes as EPUB footnotes, the printed
pages as a page-list, metadata from the seeds'; it passes epubcheck with nothing to report, and
a reading system (epub.js, in Chromium) opens it and goes to page 45 as printed."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from scripts.publish.bundle import human_size
from scripts.publish.epub import (
    BookMeta,
    BookPage,
    PageMark,
    as_epub_markup,
    nav_document,
    package_document,
    write_epub,
    xhtml,
)
from scripts.publish.single import online
from scripts.site import urls
from scripts.site.epub import epub_front, epub_marks, epub_meta, epub_pages
from tests.conftest import ROOT, reading

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XH = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")

NOTE = ('<article><p id="p-a">Words<sup id="fnref:3"><a class="footnote-ref" href="#fn:3">3</a></sup> and '
        '<span class="page-number" id="page-45" role="doc-pagebreak">[p. 45]</span> more.</p>'
        '<div class="footnote"><hr/><ol><li id="fn:3" value="3"><p>The note. '
        '<a class="footnote-backref" href="#fnref:3">↩</a></p></li></ol></div>'
        '<svg viewbox="0 0 10 10" preserveaspectratio="none"><text textlength="5">x</text></svg></article>')


def words(el) -> str:
    return " ".join(el.get_text().split())


def test_notes_become_footnotes_and_page_marks_page_breaks():
    soup = BeautifulSoup(NOTE, "html.parser")
    as_epub_markup(soup.article, {"page-45": "45"})
    ref = soup.select_one("sup#fnref\\:3 a")
    assert ref["epub:type"] == "noteref" and ref["role"] == "doc-noteref" and ref["href"] == "#fn:3"
    aside = soup.select_one("aside#fn\\:3")
    assert aside["epub:type"] == "footnote" and aside["role"] == "doc-footnote"
    assert aside.parent["epub:type"] == "footnotes" and soup.select("div.footnote, ol > li") == []
    assert words(aside) == "3. The note. ↩"                          # its number, shown as on the site
    mark = soup.select_one("span#page-45")
    assert mark["epub:type"] == "pagebreak" and mark["title"] == "45" and words(mark) == "[p. 45]"
    assert words(soup.p) == "Words3 and [p. 45] more."               # the words, untouched
    svg = str(soup.svg)
    assert 'viewBox="0 0 10 10"' in svg and 'preserveAspectRatio="none"' in svg and 'textLength="5"' in svg


def test_a_page_mark_without_a_known_number_has_no_label():
    soup = BeautifulSoup('<p><span class="page-number" id="page-x">[PDF text page 3]</span></p>', "html.parser")
    as_epub_markup(soup, {})
    assert soup.span["epub:type"] == "pagebreak" and not soup.span.has_attr("title")


@pytest.mark.parametrize("href,want", [
    ("#p-a", "#p-a"), ("chapter-2.xhtml#p-b", "chapter-2.xhtml#p-b"), ("chapter-2.xhtml", "chapter-2.xhtml"),
    ("https://www.gov.uk/x#y", "https://www.gov.uk/x#y"), ("mailto:a@b.example", "mailto:a@b.example"),
    ("../about.html#page-numbers", "https://edition.example/about.html#page-numbers"),
    ("../pages.html", "https://edition.example/pages.html"),
    ("chapter-9.html", "https://edition.example/report/chapter-9.html"),
    ("../a b.html", "https://edition.example/a%20b.html"),
])
def test_links_to_what_the_book_does_not_hold_go_to_the_site(href, want):
    soup = BeautifulSoup(f'<p>See <a href="{href}">this</a>.</p>', "html.parser")
    online(soup, "report/foreword.html", "https://edition.example/", frozenset({"chapter-1.xhtml", "chapter-2.xhtml"}))
    assert soup.a["href"] == want and words(soup.p) == "See this."


def test_with_no_site_address_such_a_link_keeps_only_its_words():
    soup = BeautifulSoup('<p>See <a href="../about.html">this</a> and <a href="#x">that</a>.</p>', "html.parser")
    online(soup, "report/foreword.html", "")
    assert [a.get("href") for a in soup.find_all("a")] == [None, "#x"] and words(soup.p) == "See this and that."


HOSTILE = 'A & B <script>alert(1)</script> "quoted" ]]> &amp;'


def hostile_meta() -> BookMeta:
    return BookMeta(identifier="urn:uuid:x", title=HOSTILE, language="en-GB", creator=HOSTILE, publisher=HOSTILE,
                    date="2015-02-04", modified="2026-12-01", rights=HOSTILE, description=HOSTILE, source=HOSTILE,
                    creators_file_as=(HOSTILE,))


def test_metadata_and_titles_are_text_however_hostile():
    meta = hostile_meta()
    package = ElementTree.fromstring(package_document(meta, {"chapter-1.xhtml": "<p/>"}, ["chapter-1"]))
    md = package.find(f"{OPF}metadata")
    for tag in ("title", "creator", "publisher", "rights", "description", "source"):
        assert md.find(f"{DC}{tag}").text == HOSTILE, tag
    assert md.find(f"{OPF}meta[@property='file-as']").text == HOSTILE
    page = ElementTree.fromstring(xhtml(HOSTILE, "<p>x</p>", "en-GB"))
    assert page.find(f"{XH}head/{XH}title").text == HOSTILE
    pages = [(BookPage("report/a.html", "chapter-1", HOSTILE, HOSTILE), [("h", HOSTILE)])]
    nav = ElementTree.fromstring(nav_document(meta, pages, [], {}, {}, "front.xhtml"))
    assert [el.text for el in nav.iter(f"{XH}span")] == [HOSTILE]
    assert [el.text for el in nav.iter(f"{XH}a")][:3] == [HOSTILE, HOSTILE, HOSTILE]
    assert list(nav.iter(f"{XH}script")) == []


def test_the_contents_group_chapters_in_their_parts_in_order():
    pages = [(BookPage("a.html", "chapter-1", "One", "[Front]"), []),
             (BookPage("b.html", "chapter-2", "Two", "[Front]"), [("sub", "Two, a heading")]),
             (BookPage("c.html", "chapter-3", "Three", "Part B"), []),
             (BookPage("g.html", "glossary", "Glossary", "", "glossary"), [])]
    nav = ElementTree.fromstring(nav_document(hostile_meta(), pages, [], {}, {}, "front.xhtml"))
    toc = nav.find(f".//{XH}nav[@id='toc']/{XH}ol")
    top = [(li.find(f"{XH}span").text if li.find(f"{XH}span") is not None else li.find(f"{XH}a").text)
           for li in toc.findall(f"{XH}li")]
    assert top == [HOSTILE, "[Front]", "Part B", "Glossary"]
    front = toc.findall(f"{XH}li")[1]
    assert [a.get("href") for a in front.iter(f"{XH}a")] == ["chapter-1.xhtml", "chapter-2.xhtml",
                                                             "chapter-2.xhtml#sub"]


# --- the built book -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def book(site, edition):
    path = site / urls.epub_path(edition)
    with zipfile.ZipFile(path) as z:
        files = {i.filename: z.read(i) for i in z.infolist()}
        infos = z.infolist()
    return path, files, infos


def xml(files, name):
    return ElementTree.fromstring(files[name].decode("utf-8"))


def test_the_zip_is_an_epub_container(book):
    _path, files, infos = book
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert files["mimetype"] == b"application/epub+zip" and not infos[0].extra
    root = xml(files, "META-INF/container.xml")
    (rootfile,) = root.iter("{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    package = xml(files, rootfile.get("full-path"))
    base = rootfile.get("full-path").rpartition("/")[0]
    items = {i.get("id"): f"{base}/{i.get('href')}" for i in package.iter(f"{OPF}item")}
    assert set(items.values()) == set(files) - {"mimetype", "META-INF/container.xml", rootfile.get("full-path")}
    for name in items.values():
        if name.endswith(".xhtml"):
            xml(files, name)                                          # well-formed, every one
    spine = [i.get("idref") for i in package.iter(f"{OPF}itemref")]
    assert spine[:2] == ["front", "nav"] and set(spine) == set(items) - {"css"}


def test_its_metadata_is_the_seeds(book, edition):
    _path, files, _ = book
    md = xml(files, "EPUB/package.opf").find(f"{OPF}metadata")
    m = edition.report_meta
    assert md.find(f"{DC}title").text == m.title and md.find(f"{DC}creator").text == m.author
    assert md.find(f"{DC}publisher").text == m.publisher and md.find(f"{DC}date").text == m.date
    assert md.find(f"{DC}language").text == "en-GB" and m.attribution in md.find(f"{DC}rights").text
    assert md.find(f"{OPF}meta[@property='dcterms:modified']").text == f"{edition.released}T00:00:00Z"
    assert md.find(f"{OPF}meta[@property='file-as']").text == "Casey, Louise"
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", md.find(f"{DC}identifier").text)
    assert md.find(f"{DC}identifier").text == epub_meta(edition)["identifier"]   # the same at every build


def soup_of(data: bytes) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)     # XHTML, read as the site's pages are
        return BeautifulSoup(data.decode("utf-8"), "html.parser")


def chapter_soups(files, edition) -> dict[str, BeautifulSoup]:
    return {p["slug"]: soup_of(files[f"EPUB/{p['slug']}.xhtml"]) for p in epub_pages(edition)}


def test_every_chapter_in_order_with_the_sites_ids_and_words(book, site, edition):
    _path, files, _ = book
    soups = chapter_soups(files, edition)
    spine = [i.get("idref") for i in xml(files, "EPUB/package.opf").iter(f"{OPF}itemref")]
    assert spine[2:] == [f"chapter-{c.number}" for c in edition.report.chapters] + ["glossary"]
    for c in edition.report.chapters:
        soup = soups[f"chapter-{c.number}"]
        assert words(soup.find(id=f"chapter-{c.number}")) == " ".join(c.title.split())   # its title, as printed
        page = reading((site / urls.html_path(urls.chapter_page(edition, c))).read_text(encoding="utf-8"))
        ours = reading(str(soup))
        for b in c.blocks:
            if b.locator:
                assert words(ours.find(id=b.anchor)) == words(page.find(id=b.anchor)), b.anchor
        for p, _ in c.page_starts():
            assert soup.find(id=p.anchor) is not None, p.anchor


def test_every_note_is_an_epub_footnote_its_reference_points_to(book, edition):
    _path, files, _ = book
    found = 0
    for slug, soup in chapter_soups(files, edition).items():
        for ref in soup.find_all("a", attrs={"epub:type": "noteref"}):
            target = soup.find(id=ref["href"].removeprefix("#"))
            assert target is not None and target.name == "aside" and target["epub:type"] == "footnote", slug
            found += 1
    assert found == sum(len(c.footnotes_used()) for c in edition.report.chapters) > 0
    notes = {a["id"] for s in chapter_soups(files, edition).values() for a in s.find_all("aside")}
    assert notes == {f"fn:{n}" for n in edition.report.footnotes}


def test_the_page_list_holds_every_printed_page_in_order(book, edition):
    _path, files, _ = book
    nav = soup_of(files["EPUB/nav.xhtml"])
    page_list = nav.find("nav", attrs={"epub:type": "page-list"})
    entries = [(a["href"], a.get_text()) for a in page_list.find_all("a")]
    want = [str(p.printed) for c in edition.report.chapters for p, _ in c.page_starts() if p.printed is not None]
    assert [label for _h, label in entries] == want and "45" in want
    soups = chapter_soups(files, edition)
    for href, label in entries:
        name, _, anchor = href.partition("#")
        mark = soups[name.removesuffix(".xhtml")].find(id=anchor)
        assert mark["epub:type"] == "pagebreak" and mark["title"] == label and f"p. {label}" in mark.get_text()


def test_the_contents_list_every_chapter_and_its_headings(book, edition):
    _path, files, _ = book
    nav = soup_of(files["EPUB/nav.xhtml"])
    toc = nav.find("nav", attrs={"epub:type": "toc"})
    chapters = [a for a in toc.find_all("a") if "#" not in a["href"] and a["href"] != "front.xhtml"]
    assert [a.get_text() for a in chapters] == [c.title for c in edition.report.chapters] + ["Glossary"]
    soups = chapter_soups(files, edition)
    for a in toc.find_all("a", href=re.compile("#")):
        name, _, anchor = a["href"].partition("#")
        assert words(soups[name.removesuffix(".xhtml")].find(id=anchor)) == words(a), a["href"]
    groups = [s.get_text() for s in toc.find_all("span")]
    assert groups == list(dict.fromkeys(c.group for c in edition.report.chapters if c.group))


def test_the_home_page_links_to_it_with_its_size(book, site, edition):
    path, _files, _ = book
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one(f'a[href="{urls.epub_path(edition)}"]')
    assert link is not None and link.has_attr("download")
    assert soup.select_one(f'span.download-size[data-download="{path.name}"]').get_text() == human_size(
        path.stat().st_size)


def test_it_is_made_again_byte_for_byte(book, site, edition, tmp_path):
    path, _files, _ = book
    shutil.copytree(site, tmp_path / "site", ignore=shutil.ignore_patterns("downloads"))
    again = write_epub(tmp_path / "site", urls.epub_path(edition), BookMeta(**epub_meta(edition)),
                       [BookPage(**p) for p in epub_pages(edition)], [PageMark(*m) for m in epub_marks(edition)],
                       epub_front(edition))
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.tools
def test_epubcheck_finds_nothing(book):
    path, _files, _ = book
    if not EPUBCHECK.is_file():
        pytest.fail("epubcheck is missing. Fix: run `make test` (it installs Debian's epubcheck), or "
                    "`apt-get install epubcheck`.", pytrace=False)
    out = subprocess.run(["java", "-jar", str(EPUBCHECK), str(path)], capture_output=True, text=True, timeout=240)
    report = out.stdout + out.stderr
    assert out.returncode == 0, report
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in report, report


# --- a reading system ---------------------------------------------------------------------------

HARNESS = ('<!doctype html><html><head><meta charset="utf-8"><script src="jszip.min.js"></script>'
           '<script src="epub.min.js"></script></head><body><div id="viewer"></div></body></html>')
OPEN = """async (target) => {
  const book = ePub(await (await fetch('book.epub')).arrayBuffer());
  await book.ready;
  const nav = await book.loaded.navigation;
  const pages = book.pageList;       // epub.js resolves loaded.pageList before it has read the list
  const rendition = book.renderTo('viewer', {width: 600, height: 800});
  const item = target.page ? pages.pageList.find(p => p.page === target.page) : {href: target.href};
  await rendition.display(item.href);
  const loc = rendition.currentLocation();
  const start = await book.getRange(loc.start.cfi), end = await book.getRange(loc.end.cfi);
  const shown = start.startContainer.ownerDocument.createRange();
  shown.setStart(start.startContainer, start.startOffset);
  shown.setEnd(end.endContainer, end.endOffset);
  return {title: (await book.loaded.metadata).title, toc: nav.toc.map(t => t.label.trim()),
          pages: pages.pageList.length, first: pages.firstPage, last: pages.lastPage,
          href: loc.start.href, shown: shown.toString()};
}"""


@pytest.fixture(scope="module")
def reader(browser, book):
    path, _files, _ = book
    modules = ROOT / "node_modules"
    if not (modules / "epubjs" / "dist" / "epub.min.js").is_file():
        pytest.fail("epub.js is missing. Fix: run `make test` (it runs `npm ci`).", pytrace=False)
    files = {"index.html": (HARNESS.encode(), "text/html"), "book.epub": (path.read_bytes(), "application/epub+zip"),
             "jszip.min.js": ((modules / "jszip/dist/jszip.min.js").read_bytes(), "text/javascript"),
             "epub.min.js": ((modules / "epubjs/dist/epub.min.js").read_bytes(), "text/javascript")}
    context = browser.new_context(viewport={"width": 800, "height": 1000})
    requests, errors = [], []
    context.on("request", lambda r: requests.append(r.url))
    context.route("http://reader.test/**", lambda route: route.fulfill(
        body=files[route.request.url.rsplit("/", 1)[-1]][0],
        content_type=files[route.request.url.rsplit("/", 1)[-1]][1]))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("http://reader.test/index.html")
    yield page
    context.close()
    assert errors == []
    assert [u for u in requests if not u.startswith(("http://reader.test/", "blob:", "data:", "about:"))] == []


def test_a_reading_system_opens_it_and_goes_to_page_45(reader, edition):
    got = reader.evaluate(OPEN, {"page": 45})
    assert got["title"] == edition.report_meta.title
    assert got["pages"] == len(epub_marks(edition)) and (got["first"], got["last"]) == (6, int(epub_marks(edition)[-1][2]))
    assert got["toc"][0] == edition.report_meta.title and got["toc"][-1] == "Glossary"
    assert got["href"] == "chapter-11.xhtml" and "[p. 45]" in got["shown"], json.dumps(got)[:500]


def test_a_reading_system_goes_to_a_paragraph_by_the_sites_id(reader):
    got = reader.evaluate(OPEN, {"href": "chapter-11.xhtml#p-the-social-care-line-was-that"})
    assert got["href"] == "chapter-11.xhtml" and "The social care line was that" in got["shown"]
