"""Printing (the print part of the issue): a chapter, served, and the single file, opened from
file://, print clean pages. In print no navigation and no control shows; an external link prints
its address after its words, an internal one does not; page marks and paragraph numbers stand
small in the margins; a heading never ends a page; a table row never splits and a table's head
repeats; the footnotes come at the end of their chapter. Checked twice: the computed styles under
print emulation (against the screen, where the navigation shows and no address is added), and
the PDFs Chromium prints, read back with tests/pdf_text.py."""
from __future__ import annotations

import re
from collections import Counter

import pdf_text
import pytest

from scripts.site import urls

from conftest import new_visit, published_pages

CHAPTER = "report/where-were-the-police.html"     # pages 47-53, footnote 13, a page begun mid-paragraph
TABLE_CHAPTER = "report/1-is-the-council-taking-steps-to-address-past.html"   # a table over two pages
MARK = re.compile(r"^p\. \d+\*?$")                 # a page mark's own words in the margin ("p. 47")

#: under print emulation, whether each element is drawn (a box, not display:none) and what it is
SHOWN = "(sel) => [...document.querySelectorAll(sel)].map(e => e.getClientRects().length > 0)"
STYLE = "([sel, pseudo, prop]) => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e, pseudo)[prop])"


@pytest.fixture(scope="module")
def served(browser, server):
    context, v = new_visit(browser, server, viewport={"width": 1280, "height": 900})
    yield v
    context.close()
    assert v.foreign_requests() == [] and v.errors == []


@pytest.fixture(scope="module")
def single(browser, site, edition):
    context, v = new_visit(browser, site.as_uri() + "/", viewport={"width": 1280, "height": 900})
    v.open(urls.single_file_path(edition))
    yield v
    context.close()
    assert v.foreign_requests() == [] and v.errors == []


def shown(v, selector: str) -> list[bool]:
    return v.page.evaluate(SHOWN, selector)


def style(v, selector: str, prop: str, pseudo: str | None = None) -> list[str]:
    return v.page.evaluate(STYLE, [selector, pseudo, prop])


def in_print(v, path: str | None = None) -> None:
    if path:
        v.open(path)
    v.page.emulate_media(media="print")


# ------------------------------------------------------------------- computed styles, in print

#: the screen's navigation and controls, and Material's and the edition's popups
HIDDEN_IN_PRINT = [".md-header", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-nav",
                   ".md-footer__inner", ".md-top", ".md-skip", ".md-typeset .headerlink",
                   ".md-typeset .footnote-backref", ".cite-button", ".cite-panel", ".cite-selection"]


def open_the_controls(v) -> None:
    """A block's link-and-cite panel open and words selected (the selection toolbar up), as a
    reader who prints in the middle of citing would leave them."""
    v.page.locator("article a.block-number").nth(2).click()
    v.page.locator(".cite-panel").wait_for(state="visible")
    box = v.page.locator("article p[id^='p-']").nth(5).bounding_box()
    v.page.mouse.move(box["x"] + 40, box["y"] + 8)
    v.page.mouse.down()
    v.page.mouse.move(box["x"] + 240, box["y"] + 8)
    v.page.mouse.up()
    v.page.locator(".cite-selection").wait_for(state="visible")


def test_on_screen_the_navigation_and_controls_show(served):
    served.open(CHAPTER)
    served.page.emulate_media(media="screen")
    open_the_controls(served)
    for selector in [".md-header", ".md-sidebar--primary", ".md-footer__inner", ".cite-button", ".cite-panel",
                     ".cite-selection"]:
        assert any(shown(served, selector)), f"{selector} is hidden on screen"
    # and no address is added after a link
    assert set(style(served, "article a[href]", "content", "::after")) <= {"none", '""'}


def test_in_print_no_navigation_or_control_shows(served):
    served.open(CHAPTER)
    open_the_controls(served)
    served.page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        found = shown(served, selector)
        assert found, f"nothing matches {selector}: the test no longer looks at it"
        assert not any(found), f"{selector} prints"
    # what does print: the chapter, its notes, and the footer's line (copyright, edition)
    for selector in ["article h1", "article p[id^='p-']", ".footnote", ".md-copyright"]:
        assert all(shown(served, selector)), f"{selector} does not print"


def test_in_print_the_single_file_shows_its_text_and_no_control(single):
    in_print(single)
    assert all(shown(single, "section.chapter")) and all(shown(single, ".single-front"))
    assert not any(shown(single, ".md-typeset .headerlink, .md-typeset .footnote-backref"))
    assert style(single, "body", "color") == ["rgb(0, 0, 0)"]


def test_printed_text_is_black_on_white_without_shadows(served):
    target = "#p-the-police-were-a-constant"
    served.open(CHAPTER + target)                      # a block that was linked to is tinted on screen
    served.page.emulate_media(media="screen")
    assert style(served, target, "boxShadow") != ["none"]
    served.page.emulate_media(media="print")
    assert style(served, target, "boxShadow") == ["none"]
    assert style(served, target, "backgroundColor") in (["rgba(0, 0, 0, 0)"], ["rgb(255, 255, 255)"])
    # the report's words (its text, headings, quotations, tables, notes) black; the edition's
    # (its notes, the numbers and marks in the margins) a neutral grey; nothing in colour
    words = "article :is([id^='p-'], h1, h2:not(.editorial-note), h3, h4, blockquote, td, th, .footnote li)"
    assert set(style(served, words, "color")) == {"rgb(0, 0, 0)"}
    colours = set(style(served, "article *", "color"))
    assert {c for c in colours if len(set(re.findall(r"\d+", c)[:3])) != 1} == set()
    assert style(served, "body", "backgroundColor") == ["rgb(255, 255, 255)"]


def test_an_external_link_prints_its_address_and_an_internal_one_does_not(served):
    served.open("index.html")
    served.page.emulate_media(media="screen")
    licence = "article a[href^='https://www.nationalarchives.gov.uk/']"
    assert style(served, licence, "content", "::after") == ["none"]            # on screen: nothing added
    served.page.emulate_media(media="print")
    href = served.page.get_attribute(licence, "href")
    assert style(served, licence, "content", "::after") == [f'" ({href})"']    # attr(href), as computed
    in_print(served, CHAPTER)
    internal = style(served, "article a[href]:not([href^='http'])", "content", "::after")
    assert len(internal) > 50 and set(internal) <= {"none", '""'}


def printed_address(v, link) -> str:
    """What a link prints: its words and what its ::after adds (attr() resolved by the browser)."""
    return v.page.evaluate("""(a) => {
        const after = getComputedStyle(a, '::after').content;     // a CSS string, attr() resolved
        return a.textContent + (after === 'none' || after === 'normal' ? '' : JSON.parse(after));
    }""", link)


def test_every_external_link_prints_its_address_once(served, single, edition):
    """Everywhere: the address is printed, and only once (a link whose words are its address
    adds nothing)."""
    wrong = {}
    for page, v in [(p, served) for p in published_pages(edition)] + [(None, single)]:
        if page:
            in_print(v, page)
        else:
            in_print(v)
        for link in v.page.query_selector_all("article a[href^='http']"):
            href, printed = link.get_attribute("href"), printed_address(v, link)
            if printed.count(href.rstrip("/")) != 1:
                wrong[(page or "single file", href)] = printed
    assert wrong == {}


def test_page_marks_and_numbers_print_small_in_the_margins(served, single):
    for v in (served, single):
        if v is served:
            in_print(v, CHAPTER)
        else:
            in_print(v)
        boxes = v.page.evaluate("""() => {
            const art = document.querySelector('article').getBoundingClientRect();
            const body = parseFloat(getComputedStyle(document.querySelector('article p[id^="p-"]')).fontSize);
            const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right,
                shown: r.width > 0, small: parseFloat(getComputedStyle(e).fontSize) < 0.8 * body}; };
            return {art: {left: art.left, right: art.right},
                    marks: [...document.querySelectorAll('article .page-number:not(.page-break)')].map(box),
                    inline: [...document.querySelectorAll('article .page-number.page-break')].map(box),
                    numbers: [...document.querySelectorAll('article a.block-number')].map(box)};
        }""")
        art = boxes["art"]
        assert boxes["marks"] and boxes["inline"] and boxes["numbers"]
        for m in boxes["marks"]:          # between blocks: in the right margin
            assert m["shown"] and m["small"] and m["left"] >= art["right"] - 1, m
        for m in boxes["inline"]:         # inside a paragraph: in its line, at the word
            assert m["shown"] and m["small"] and art["left"] <= m["left"] < art["right"], m
        for n in boxes["numbers"]:        # paragraph numbers: in the left margin
            assert n["shown"] and n["small"] and n["right"] <= art["left"] + 1, n


def test_headings_stay_with_what_follows_and_rows_stay_whole(served, single):
    for v in (served, single):
        if v is served:
            in_print(v, TABLE_CHAPTER)
        else:
            in_print(v)
        headings = "article :is(h1, h2, h3, h4, h5, h6)"
        assert set(style(v, headings, "breakAfter")) == {"avoid"}
        assert set(style(v, headings, "breakInside")) == {"avoid"}
        assert set(style(v, "article .page-start, article .block-anchor", "breakAfter")) == {"avoid"}
        assert set(style(v, "article tr", "breakInside")) == {"avoid"}
        assert set(style(v, "article thead", "display")) == {"table-header-group"}
    assert set(style(single, "section.chapter + section.chapter", "breakBefore")) == {"page"}
    # on screen none of this is asked for
    served.page.emulate_media(media="screen")
    assert set(style(served, "article h2", "breakAfter")) == {"auto"}


def test_a_chapter_prints_two_citations_with_its_address_and_not_the_rest(served):
    in_print(served, CHAPTER)
    formats = served.page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.cite-this pre')]
        .map(p => [p.dataset.format, p.closest('.cite-format').getClientRects().length > 0]))""")
    assert formats == {"oscola": True, "harvard": True, "bibtex": False, "ris": False, "csl": False}
    assert all(shown(served, "h2#cite-this")) and not any(shown(served, ".cite-this > p:first-child"))
    served.page.emulate_media(media="screen")
    assert all(shown(served, ".cite-this .cite-format"))


# ------------------------------------------------------------------------------- the PDFs printed

def print_pdf(v) -> bytes:
    """The page as Chromium prints it, on A4 (under print media: Playwright's pdf() would print
    the screen's styles while a test has the screen emulated)."""
    v.page.emulate_media(media="print")
    return v.page.pdf(format="A4")


def page_marks(v) -> int:
    return v.page.evaluate("document.querySelectorAll('article .page-number').length")


def column(pages) -> tuple[float, float]:
    """The text column's left edge (where most runs start) and the x of the page marks in the
    right margin: runs left of the one or at the other are the margins' numbers and marks."""
    left = Counter(round(r.x) for p in pages for r in p).most_common(1)[0][0]
    right = Counter(round(r.x) for p in pages for r in p if MARK.match(r.text.strip())).most_common(1)[0][0]
    return left, right


def text_lines(pages) -> list[list[str]]:
    left, right = column(pages)
    return [pdf_text.lines(p, lambda r: left - 1 <= r.x < right - 1) for p in pages]


def headings(v, which: str = "h1, h2, h3, h4, h5, h6") -> list[str]:
    return v.page.evaluate("""(which) => [...document.querySelectorAll(`article :is(${which})`)]
        .map(h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());
                    return c.textContent.replace(/\\s+/g, ' ').trim(); })""", which)


def heading_lines(lines: list[list[str]], heads: list[str]) -> list[tuple[str, int, int, int]]:
    """Where each heading prints, in order: (heading, page, its first line, the line after it).
    A heading over several lines is followed line by line."""
    found, k = [], 0
    for i, page in enumerate(lines):
        j = 0
        while j < len(page) and k < len(heads):
            rest, jj = heads[k], j
            while jj < len(page) and rest.startswith(page[jj]):
                rest = rest[len(page[jj]):].strip()
                jj += 1
            if jj > j and not rest:
                found.append((heads[k], i, j, jj))
                k += 1
                j = jj
            else:
                j += 1
    assert [f[0] for f in found] == heads, "a heading did not print, or not in its place"
    return found


def no_heading_ends_a_page(lines, found) -> list[str]:
    return [f"{h!r} ends page {i + 1}" for h, i, _, after in found if after == len(lines[i]) and i < len(lines) - 1]


@pytest.fixture(scope="module")
def chapter_pdf(served):
    served.open(CHAPTER)
    return print_pdf(served)


@pytest.fixture(scope="module")
def single_pdf(single):
    return print_pdf(single)


def test_a_printed_chapter_is_the_chapter_and_its_notes_and_nothing_else(served, chapter_pdf):
    pages = pdf_text.pages(chapter_pdf)
    served.open(CHAPTER)
    assert page_marks(served) - 3 <= len(pages) <= page_marks(served) + 2     # about one sheet a page: 7 in 6
    text = "\n".join(line for p in pages for line in pdf_text.lines(p))
    flat = re.sub(r"\s", "", text)
    for words in ["WHERE WERE THE POLICE?", "p. 47", "p. 53", "[p. 48]", "¶ 12.1", "Cite this chapter", "OSCOLA",
                  "Harvard", "Abduction Notices are covered in", "Crown copyright 2015", "Edition "]:
        assert words in text, words
    assert "https://casey-report.example/report/where-were-the-police.html" in flat   # the chapter's address
    nav = served.page.evaluate("""() => [...document.querySelectorAll('.md-sidebar .md-nav__link, .md-footer__link')]
        .map(a => a.textContent.replace(/\\s+/g, ' ').trim()).filter(Boolean)""")
    article = served.page.evaluate("document.querySelector('article').textContent")
    labels = {n for n in nav if n not in article and len(n) > 3}
    assert len(labels) > 10
    for words in sorted(labels) + ["Skip to content", "Copy OSCOLA", "@techreport", "TY  - RPRT", "Previous", "Next"]:
        assert words not in text, f"{words!r} prints"
    # the footnote after the chapter's last paragraph, the footer's line after the footnote
    lines = [line for page in text_lines(pages) for line in page]
    last = next(i for i, line in enumerate(lines) if line.startswith("Inspectors did not see evidence"))
    note = next(i for i, line in enumerate(lines) if "Abduction Notices are covered" in line)
    colophon = next(i for i, line in enumerate(lines) if line.startswith("Report text © Crown copyright"))
    assert last < note < colophon


def test_no_heading_ends_a_printed_page(served, chapter_pdf):
    for path, data in [(CHAPTER, chapter_pdf), (TABLE_CHAPTER, None)]:
        served.open(path)
        data = data or print_pdf(served)
        lines = text_lines(pdf_text.pages(data))
        assert no_heading_ends_a_page(lines, heading_lines(lines, headings(served))) == []


def test_a_printed_table_repeats_its_head_and_splits_between_rows(served):
    served.open(TABLE_CHAPTER)
    rows = served.page.evaluate("""[...document.querySelectorAll('article tbody tr')]
        .map(r => [...r.cells].map(c => c.textContent.replace(/\\s+/g, '')))""")
    pages = pdf_text.pages(print_pdf(served))
    head = [i for i, p in enumerate(pages) if any(r.text.startswith("Area of criticism") for r in p)]
    assert len(head) == 2 and head[1] == head[0] + 1, "the table's head is not on both its pages"
    # a page's text column by column (a cell's lines one after another), without spaces: a cell
    # whose lines were split over two pages is found on neither
    columns = ["".join(re.sub(r"\s", "", r.text) for r in sorted(p, key=lambda r: (round(r.x), -r.y))) for p in pages]
    split = [row for row in rows if not set.intersection(*({i for i, c in enumerate(columns) if cell in c}
                                                          for cell in row))]
    assert split == []
    assert {i for i, c in enumerate(columns) if rows[0][0] in c} != {i for i, c in enumerate(columns) if rows[-1][0] in c}


def test_the_printed_single_file_starts_each_chapter_on_a_new_page(single, single_pdf):
    pages = pdf_text.pages(single_pdf)
    assert 0.5 * page_marks(single) <= len(pages) <= 1.3 * page_marks(single)
    lines = text_lines(pages)
    found = heading_lines(lines, headings(single))
    titles = headings(single, "h1")
    assert titles[0] == "Report of Inspection of Rotherham Metropolitan Borough Council"
    starts = [(h, i, j) for h, i, j, _ in found if h in titles]
    assert len(starts) == len(titles) == 1 + single.page.evaluate("document.querySelectorAll('section.chapter').length")
    assert starts[0][1:] == (0, 0) and starts[1][1:] == (1, 0)      # a title page, then the Foreword
    assert [s for s in starts if s[2] != 0] == [], "a chapter begins down a page"
    assert len({i for _, i, _ in starts}) == len(starts)
    assert no_heading_ends_a_page(lines, found) == []
    # a chapter's notes at its end: after its last paragraph, before the next chapter begins
    text = [" ".join(p) for p in lines]
    last = next(i for i, t in enumerate(text) if "Two people declined – former Leader" in t)
    note = next(i for i, t in enumerate(text) if "Department for Communities and Local Government, Best Value" in t)
    after = next(i for h, i, _ in starts if h == "EXECUTIVE SUMMARY")
    assert last <= note < after
