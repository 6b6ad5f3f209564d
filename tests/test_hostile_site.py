"""Hostile text in every input reaches every page literally, and runs nothing.

One build of `hostile_project` (every hostile string of `hostile.py` as a chapter title, a
navigation label, a glossary and an edition-term expansion, an edition note, a cited
document's title, a footnote, an editorial reason, metadata and a news article), then:

- the page's own words: each string where it should be, as text, in each place a page shows
  it: `<title>`, the header, the navigation, the footer's links and their labels, the h1, the
  tooltips' titles, the Glossary, References and About pages, the home page, the meta
  description, the search index;
- in Chromium with the policy switched off (so escaping alone is what is tested): no dialog,
  no element carrying the canary, no request for another host, and each tooltip's text equal
  to its title with no element inside; search for hostile strings, and a highlight address;
- in Chromium with the policy on, served and from file://: no violation at all (a violation
  would mean the page tried something the policy forbids), and search still works.
"""
from __future__ import annotations

import json
import urllib.parse
import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

from scripts.build import Reporter, build
from scripts.site.urls import chapter_page as chapter_path
from scripts.verify import markup

from conftest import LOCAL_SCHEMES, new_visit
from hostile import CANARY_SELECTOR, EVIL_HOST, HOSTILE
from hostile_project import make_hostile_project, norm

SITE_NAME = "Rotherham Inspection Report — reading edition"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    exp = make_hostile_project(root)
    edition = build(root, Reporter(quiet=True))
    return root, edition, exp


@pytest.fixture(scope="module")
def hsite(hostile) -> Path:
    return hostile[0] / "build" / "site"


@pytest.fixture(scope="module")
def soups(hsite) -> dict[str, BeautifulSoup]:
    return {p.relative_to(hsite).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(hsite.rglob("*.html")) if "assets" not in p.parts}


def chapter_pages(hostile) -> list[tuple[str, str]]:
    """(page, title) of each chapter, in order."""
    _, edition, _ = hostile
    return [(chapter_path(edition, c).removesuffix(".md") + ".html", c.title) for c in edition.report.chapters]


def text(el) -> str:
    return norm(el.get_text()) if el is not None else "<missing>"


def heading_text(el) -> str:
    for link in el.select("a.headerlink"):
        link.decompose()
    return text(el)


def test_every_hostile_string_became_a_chapter(hostile):
    _, edition, exp = hostile
    titles = [c.title for c in edition.report.chapters]
    assert titles[:len(exp.titles)] == exp.titles
    assert len(exp.titles) >= 110, "the table must keep its size"


def test_the_gates_pass_and_nothing_carries_the_canary(hsite, soups):
    frame = hsite / "assets" / "javascripts" / "iframe-worker.html"
    assert markup.check_markup(hsite, {**soups, "frame": BeautifulSoup(frame.read_text(), "html.parser")}) == []
    for name, soup in soups.items():
        carriers = [el.name for el in soup.find_all(True) if any(a.lower() == "data-pwn" for a in el.attrs)]
        assert carriers == [], name
        # every element that loads something loads it from the site itself (a canonical link
        # names the page's own address on the web and loads nothing)
        for el in soup.find_all(["img", "script", "link", "iframe", "embed", "object", "video", "source"]):
            if el.name == "link" and el.get("rel") == ["canonical"]:
                assert el["href"].startswith("https://casey-report.example/"), name
                continue
            for attr in ("src", "href", "data", "poster"):
                if el.get(attr):
                    assert urllib.parse.urlsplit(el[attr]).netloc == "", (name, str(el)[:120])


def test_titles_header_footer_and_h1_show_each_title_literally(hostile, soups):
    pages = chapter_pages(hostile)
    for k, (page, title) in enumerate(pages):
        soup = soups[page]
        want = norm(title)
        assert text(soup.title) == f"{want} - {SITE_NAME}", page
        assert text(soup.select(".md-header__topic .md-ellipsis")[-1]) == want, page
        assert heading_text(soup.select_one("article h1")) == want, page
        assert norm(soup.select_one("meta[name=description]")["content"]).startswith(want), page
        nxt = soup.select_one("a.md-footer__link--next")
        if k + 1 < len(pages):
            after = norm(pages[k + 1][1])
            assert text(nxt.select_one(".md-ellipsis")) == after, page
            assert norm(nxt["aria-label"]) == f"Next: {after}", page
        prev = soup.select_one("a.md-footer__link--prev")
        if k > 0:
            before = norm(pages[k - 1][1])
            assert text(prev.select_one(".md-ellipsis")) == before, page
            assert norm(prev["aria-label"]) == f"Previous: {before}", page


def test_the_navigation_shows_every_title_and_label_literally(hostile, soups):
    """Each page lists its own part chapter by chapter (the others are one link each): read over
    the chapters' pages, the navigation shows every label and every title, in order, as text."""
    _, _, exp = hostile
    links, labels = [], []
    for page, _ in chapter_pages(hostile):
        nav = soups[page].select_one("nav.md-nav--primary")
        own = nav.select_one(":scope > ul > li.md-nav__item--active.md-nav__item--nested")
        label = text(own.select_one(":scope > label.md-nav__link .md-ellipsis"))
        if not labels or labels[-1] != label:
            labels.append(label)
            links += [text(a.select_one(".md-ellipsis")) for a in own.select(":scope > nav > ul > li > a.md-nav__link")]
        for a in nav.select(".md-nav__link"):
            assert [el.name for el in a.find_all(True)] in (["span"], ["span", "span"]), str(a)[:200]
    assert [norm(t) for t in exp.titles] == links[:len(exp.titles)]
    assert [norm(t) for t in exp.labels] == labels[:len(exp.labels)]


def test_tooltip_titles_are_the_expansions_exactly(hostile, soups):
    _, _, exp = hostile
    seen = 0
    for page, _ in chapter_pages(hostile):
        for abbr in soups[page].select("article abbr"):
            term = abbr.get_text()
            if term in exp.glossary:
                assert norm(abbr["title"]) == exp.glossary[term], (page, term)
            elif term in exp.edition_terms:
                assert norm(abbr["title"]) == norm(exp.edition_terms[term]) + " (explained by this edition)"
            else:
                continue
            assert abbr.find_all(True) == []
            seen += 1
    assert seen >= 2 * len(exp.titles) - 2


def test_the_glossary_page_shows_terms_and_expansions_literally(hostile, soups):
    _, _, exp = hostile
    soup = soups["glossary.html"]
    for term, expansion in {**exp.glossary, **exp.edition_terms}.items():
        dt = soup.select_one(f"dt#term-{term.lower()}")
        assert dt is not None and text(dt) == term
        dd = dt.find_next_sibling("dd")
        assert text(dd).startswith(norm(expansion)), term


def test_edition_notes_references_and_footnotes_are_literal(hostile, soups):
    _, _, exp = hostile
    notes = [text(n) for page, _ in chapter_pages(hostile) for n in soups[page].select(".xref-note")]
    assert sorted(notes) == sorted(f"[{norm(n)}]" for n in exp.notes.values())
    refs = [heading_text(h) for h in soups["references.html"].select("article h3")]
    assert sorted(refs) == sorted(norm(d) for d in exp.documents)
    shown = [text(p).removeprefix("Citation: ") for p in soups["references.html"].select("article p")
             if text(p).startswith("Citation: ")]
    assert sorted(shown) == sorted(norm(c) for c in exp.citations) and len(shown) >= 30
    found = {}
    for page, _ in chapter_pages(hostile):
        for li in soups[page].select("div.footnote li[id^='fn:']"):
            for a in li.select("a.footnote-backref"):
                a.decompose()
            # the footnotes extension puts a no-break space before the back link
            found[int(li["id"].removeprefix("fn:"))] = text(li).removesuffix("\xa0")
    assert found == {n: norm(t) for n, t in exp.footnotes.items()}


def test_about_and_home_pages_show_metadata_and_reasons_literally(hostile, soups):
    _, edition, exp = hostile
    about = soups["about.html"]
    rows = [[text(td) for td in tr.find_all("td")] for tr in about.select("table.editorial-table tbody tr")]
    assert len(rows) == len(edition.editorial)
    headings = [r for r in rows if r[0] == "headings"]
    assert [r[1] for r in headings] == [norm(t) for t in exp.titles]
    assert {r[2] for r in headings} <= {norm(s) for _, s in HOSTILE}
    article_text = text(about.select_one("article"))
    assert norm(exp.meta["source"]) in article_text and norm(exp.meta["attribution"]) in article_text
    home = soups["index.html"]
    assert heading_text(home.select_one("article h1")) == norm(exp.meta["title"])
    home_text = text(home.select_one("article"))
    for key in ("author", "publisher", "attribution"):
        assert norm(exp.meta[key]) in home_text, key
    licence = home.select_one("article a[href^='https://example.org/']")
    assert licence["href"] == "https://example.org/licence?a=1&b=%282%29" and text(licence) == norm(exp.meta["licence"])


def test_the_article_page_shows_every_line_literally(hostile, soups):
    """Every hostile line, as text: in the page as captured, each line whole; in the article's
    text, each line the labeller kept as the article's (a line may look like furniture or a key
    point: the model says which, and the page follows it)."""
    _, edition, exp = hostile
    [name] = [n for n in soups if n.startswith("press/")]
    soup = BeautifulSoup(str(soups[name]), "html.parser")
    assert heading_text(soup.select_one("article h1")) == norm(exp.article_title)
    captured = soup.select_one("article details.as-captured")
    for label in captured.select(".furniture-label"):
        label.decompose()
    assert [text(li) for li in captured.select("ol.captured-lines > li")][1:] == [norm(x) for x in exp.article_lines]
    captured.decompose()
    blocks = next(iter(edition.articles)).doc.chapters[0].blocks[1:]
    shown = [text(el) for el in soup.select("article > p:not(.editorial-note), article > ul > li, article > ol > li")]
    assert shown == [norm(b.text) for b in blocks if b.layer != "furniture"]
    assert len(shown) >= len(exp.article_lines) // 2        # most hostile lines read as the article's


def test_the_search_index_holds_each_title_as_text(hostile, hsite):
    docs = json.loads((hsite / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_location = {d["location"]: d for d in docs}
    for page, title in chapter_pages(hostile):
        entry = by_location[page]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)    # a title may look like an address
            rendered = BeautifulSoup(entry["title"], "html.parser")  # the search box renders it as HTML
        assert rendered.find_all(True) == [] and norm(rendered.get_text()) == norm(title), page


# --------------------------------------------------------------------------- in Chromium
#: the canary elements but those that carry it only in an id the edition made by its slug rule
#: (`p-` and lower-case letters, digits and hyphens: a hostile paragraph's id is made of its
#: words, "<b data-pwn>" giving "p-b-data-pwn-…", which is text, not markup)
CANARY_COUNT = """(selector) => Array.from(document.querySelectorAll(selector)).filter(el => {
    const cls = typeof el.className === 'string' ? el.className : (el.className && el.className.baseVal) || '';
    return el.hasAttribute('data-pwn') || /pwn/i.test(cls) || !/^p-[a-z0-9]+(-[a-z0-9]+)*$/.test(el.id);
}).length"""


def assert_inert(visit, dialogs: list[str], where: str) -> None:
    assert dialogs == [], f"{where}: a dialog opened: {dialogs}"
    assert visit.page.evaluate(CANARY_COUNT, CANARY_SELECTOR) == 0, f"{where}: an element carries the canary"
    assert not any(EVIL_HOST in u for u in visit.requests), f"{where}: a request for {EVIL_HOST}"


@pytest.fixture(scope="module")
def hserver(hsite):
    import functools
    import http.server
    import threading

    from conftest import QuietHandler
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(hsite)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


def test_no_page_runs_anything_with_the_policy_switched_off(browser, hserver, hsite, hostile):
    """Escaping alone: the Content-Security-Policy is bypassed, so a payload that became markup
    would run, open a dialog, or fetch from evil.example."""
    context, v = new_visit(browser, hserver, bypass_csp=True, viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        pages = sorted(p.relative_to(hsite).as_posix() for p in hsite.rglob("*.html") if "assets" not in p.parts)
        for page in pages:
            if page.startswith("downloads/"):
                # the single file, opened as it is read: from disk (served, the browser would ask
                # the server for a /favicon.ico it does not have); no script, so no tooltip of ours
                v.page.goto((hsite / page).as_uri())
                assert_inert(v, dialogs, page)
                assert v.page.locator("script").count() == 0, page
                continue
            v.open(page)
            assert_inert(v, dialogs, page)
            # every tooltip on the page, opened as keyboard focus opens it (the same code as a
            # hover; a real hover and focus are tested in test_accessibility.py)
            tips = v.page.evaluate("""() => Array.from(document.querySelectorAll('article [title]')).map(el => {
                const title = el.getAttribute('title');
                el.dispatchEvent(new FocusEvent('focusin', {bubbles: true}));
                const tip = document.getElementById('edition-tooltip');
                const seen = [title, tip.textContent, tip.children.length, tip.hidden];
                el.dispatchEvent(new FocusEvent('focusout', {bubbles: true}));
                return seen; })""")
            assert tips or not page.startswith("report/"), page
            for title, shown, children, hidden in tips:
                assert (shown, children, hidden) == (title, 0, False), page
            assert_inert(v, dialogs, page + " after its tooltips")
        assert len(pages) > 120
    finally:
        context.close()
    assert v.errors == []


def hostile_soups_refs(hsite: Path, page: str) -> int:
    return (hsite / page).read_text(encoding="utf-8").count('class="footnote-ref"')


def test_footnote_popovers_and_citation_panels_run_nothing(browser, hserver, hsite, hostile):
    """Material's footnote popovers copy a note into the page, and the edition's citation panel
    and selection toolbar write metadata into it: with the policy bypassed, every hostile note
    opened as a reader opens it (hover), and a block's citations in every format, stay text."""
    context, v = new_visit(browser, hserver, bypass_csp=True, viewport={"width": 1280, "height": 900},
                           permissions=["clipboard-read", "clipboard-write"])
    dialogs: list[str] = []
    v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    notes = cited = 0
    try:
        for k, (page, _title) in enumerate(chapter_pages(hostile)):
            refs = hostile_soups_refs(hsite, page)
            if not refs and k % 10:
                continue
            v.open(page)
            for ref in v.page.locator("article a.footnote-ref").all():
                ref.hover()
                v.page.locator(".md-tooltip2--active").wait_for()
                notes += 1
                assert_inert(v, dialogs, f"{page}: footnote {ref.text_content()}")
            number = v.page.locator("article a.block-number").first
            if number.count() and k % 10 == 0:     # the citations carry the same metadata on every page
                number.click()
                for button in v.page.locator(".cite-panel .cite-buttons button").all()[:-1]:
                    button.click()
                    shown = v.page.locator(".cite-panel pre.cite-output")
                    assert shown.evaluate("el => el.children.length") == 0       # text, never markup
                    cited += 1
                assert_inert(v, dialogs, f"{page}: citations")
        assert notes >= len(hostile[2].footnotes) and cited > 0
    finally:
        context.close()
    assert v.errors == []


@pytest.mark.parametrize("case", ["img-onerror", "script-with-canary", "attribute-breakout-double",
                                  "jinja-expression", "markdown-javascript-link", "svg-onload-caps"])
def test_searching_for_a_hostile_string_shows_it_as_text(browser, hserver, case):
    query = dict(HOSTILE)[case]
    context, v = new_visit(browser, hserver, bypass_csp=True, viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        v.open("index.html")
        v.page.keyboard.press("s")
        v.page.locator("input.md-search__input").press_sequentially(query, delay=5)
        v.page.wait_for_function(
            "() => document.querySelector('.md-search-result__meta').textContent.trim() !== 'Initializing search'")
        v.page.wait_for_timeout(300)
        assert_inert(v, dialogs, f"search for {case}")
        # and a result's page opened with the query to highlight (Material's ?h=)
        v.page.goto(hserver + "index.html?h=" + urllib.parse.quote(query))
        v.page.wait_for_load_state("load")
        assert_inert(v, dialogs, f"highlight of {case}")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_with_the_policy_on_no_page_violates_it(browser, hserver, hsite, hostile, scheme):
    """The pages keep to their own Content-Security-Policy: a violation (logged as an error)
    would be markup trying to run or to load from elsewhere. Search still works under it."""
    base = hserver if scheme == "http" else hsite.as_uri() + "/"
    context, v = new_visit(browser, base, viewport={"width": 1280, "height": 900})
    violations: list[str] = []
    v.page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    try:
        pages = [p for p, _ in chapter_pages(hostile)][::10] + ["index.html", "glossary.html", "about.html"]
        for page in pages:
            v.open(page)
            v.page.locator("article abbr[title]").first.hover() if v.page.locator("article abbr[title]").count() else None
        v.page.keyboard.press("s")
        v.page.locator("input.md-search__input").press_sequentially("Chapter", delay=10)
        v.page.locator("li.md-search-result__item").first.wait_for(state="visible")
    finally:
        context.close()
    assert violations == []
    assert v.errors == []
    own = urllib.parse.urlsplit(base)
    assert [u for u in v.requests if urllib.parse.urlsplit(u).scheme not in LOCAL_SCHEMES
            and urllib.parse.urlsplit(u).netloc != own.netloc] == []


def test_the_epub_holds_every_hostile_title_as_text(hostile, hsite):
    """The EPUB of the hostile project: every file well-formed XML (a string that became markup
    would break it, or add an element), each chapter title in its contents and its page as text,
    the package's metadata as text, and nothing that carries the canary or loads from elsewhere."""
    import zipfile
    from xml.etree import ElementTree

    from scripts.site.urls import epub_path
    _, edition, exp = hostile
    path = hsite / epub_path(edition)
    assert markup.epub_problems(path.name, path) == []
    xh = "{http://www.w3.org/1999/xhtml}"
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xhtml", ".opf"))}
    nav = ElementTree.fromstring(files["EPUB/nav.xhtml"])
    toc = next(n for n in nav.iter(f"{xh}nav") if n.get("id") == "toc")
    chapter_links = [norm("".join(a.itertext())) for a in toc.iter(f"{xh}a")
                     if "#" not in a.get("href") and a.get("href").startswith("chapter-")]
    assert chapter_links[:len(exp.titles)] == [norm(t) for t in exp.titles]
    for c in edition.report.chapters[:len(exp.titles)]:
        page = ElementTree.fromstring(files[f"EPUB/chapter-{c.number}.xhtml"])
        assert norm("".join(page.find(f"{xh}head/{xh}title").itertext())) == norm(c.title)
        h1 = next(el for el in page.iter(f"{xh}h1") if el.get("id") == f"chapter-{c.number}")
        assert norm("".join(h1.itertext())) == norm(c.title)
    package = ElementTree.fromstring(files["EPUB/package.opf"])
    title = package.find("{http://www.idpf.org/2007/opf}metadata/{http://purl.org/dc/elements/1.1/}title")
    assert title.text == edition.report_meta.title
    for name, text in files.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)       # XHTML, read as the gate reads it
            soup = BeautifulSoup(text, "html.parser")
        assert soup.select(CANARY_SELECTOR) == [] and soup.find_all("script") == [], name
        assert not [v for el in soup.find_all(True) for k, v in el.attrs.items()
                    if k in ("src", "href") and EVIL_HOST in str(v)], name


def test_the_canary_count_leaves_out_only_the_editions_own_slug_ids(browser):
    """The filter above must still see every element a payload could make: an id of its own, a
    data attribute, a class (an SVG's too); it passes only a block id made by the slug rule."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<p id="p-b-data-pwn-x-b">text</p><b data-pwn>1</b><i id="pwn">2</i><i id="p-pwn" '
                     'class="pwn">3</i><svg class="pwned"></svg><a id="p-x pwn">5</a>')
    try:
        assert page.evaluate(CANARY_COUNT, CANARY_SELECTOR) == 5
    finally:
        context.close()
