"""Link and cite in Chromium (the page's security policy in force: the waits are functions, which
it allows, not strings it would have to evaluate), served and from file://, by mouse and by keyboard: a block's number
copies its address and offers its citations, each exactly what `cite` makes for it; a page's
"Cite this" copies with today's date; selected words give a link that lands on them and a
quotation with its citation."""
from __future__ import annotations

import datetime
import functools
import http.server
import re
import threading

import pytest

from scripts.site import cite, urls
from scripts.site.citations import block_templates
from scripts.site.markdown import pages_text
from tests.conftest import QuietHandler, new_visit

CHAPTER = "TREATMENT OF VICTIMS"


@pytest.fixture(params=["http", "file"])
def tab(request, browser, server, site):
    base = server if request.param == "http" else site.as_uri() + "/"
    context, visit = new_visit(browser, base, viewport={"width": 1280, "height": 900},
                               permissions=["clipboard-read", "clipboard-write"])
    yield visit
    context.close()
    assert visit.foreign_requests() == [] and visit.errors == []


def chapter_of(edition, title=CHAPTER):
    c = next(c for c in edition.report.chapters if c.title == title)
    return c, urls.html_path(urls.chapter_page(edition, c))


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def expected(edition, c, b, key: str) -> str:
    template = block_templates(edition, c)[pages_text(b)][key]
    return cite.fill(template, datetime.date.today(), ID=b.anchor, NUMBER=b.locator)


def test_a_number_copies_its_blocks_address_by_mouse(tab, edition):
    c, page = chapter_of(edition)
    b = [b for b in c.blocks if b.locator][2]
    tab.open(page)
    tab.page.locator(f'a.block-number[href="#{b.anchor}"]').click()
    status = tab.page.locator(".cite-panel .cite-status")
    status.wait_for()
    tab.page.wait_for_function("() => document.querySelector('.cite-panel .cite-status').textContent.length > 0")
    assert status.text_content() == f"Link to ¶ {b.locator} copied."
    assert status.is_visible()
    assert clipboard(tab.page) == f"{edition.site_url}{page}#{b.anchor}"
    assert tab.page.url.endswith(f"#{b.anchor}")
    assert tab.page.locator(".cite-panel").get_attribute("aria-label") == f"Link and citation for paragraph {b.locator}"


def test_every_format_of_a_block_copies_its_citation_by_keyboard(tab, edition):
    c, page = chapter_of(edition)
    b = [b for b in c.blocks if b.locator][3]
    tab.open(page)
    tab.page.locator(f'a.block-number[href="#{b.anchor}"]').focus()
    tab.page.keyboard.press("Enter")
    panel = tab.page.locator(".cite-panel")
    panel.wait_for()
    assert tab.page.evaluate("document.activeElement.textContent") == "OSCOLA"     # the focus went in
    for key, (name, _fmt) in cite.FORMATS.items():
        focused = tab.page.evaluate("document.activeElement.textContent")
        assert focused == name
        tab.page.keyboard.press("Enter")
        tab.page.wait_for_function("(n) => document.querySelector('.cite-panel .cite-status').textContent"
                                   ".startsWith(n)", arg=name)
        assert clipboard(tab.page) == expected(edition, c, b, key)
        assert panel.locator("pre.cite-output").text_content() == expected(edition, c, b, key)
        tab.page.keyboard.press("Tab")
    tab.page.keyboard.press("Escape")
    assert panel.count() == 0
    assert tab.page.evaluate("document.activeElement.getAttribute('href')") == f"#{b.anchor}"   # back


def test_the_link_symbol_shows_on_hover_and_focus(tab, edition):
    c, page = chapter_of(edition)
    b = next(b for b in c.blocks if b.locator)
    tab.open(page)
    link = tab.page.locator(f'a.block-number[href="#{b.anchor}"]')
    shown = "(el) => getComputedStyle(el, '::after').visibility"
    assert link.evaluate(shown) == "hidden"
    tab.page.locator(f"#{b.anchor}").hover()
    assert link.evaluate(shown) == "visible"
    tab.page.mouse.move(0, 0)
    tab.page.keyboard.press("Tab")
    link.focus()
    assert link.evaluate(shown) == "visible"


def test_the_cite_this_section_copies_each_format_with_todays_date(tab, edition):
    c, page = chapter_of(edition)
    tab.open(page)
    today = datetime.date.today()
    for key, (name, _fmt) in cite.FORMATS.items():
        tab.page.get_by_role("button", name=f"Copy {name} citation of the chapter").click()
        pre = tab.page.locator(f'pre.cite-text[data-format="{key}"]')
        want = cite.fill(pre.get_attribute("data-template"), today)
        tab.page.wait_for_function("(w) => navigator.clipboard.readText().then(t => t === w)", arg=want)
        assert "[date]" not in want and "⟦" not in want
        dates = (f"{today.day} {today.strftime('%B')} {today.year}", today.isoformat(), today.strftime("%Y/%m/%d"),
                 f"[[{today.year}, {today.month}, {today.day}]]")
        assert any(d in want for d in dates), key


def select_words(page, anchor: str, first: str, last: str) -> None:
    """Select from the start of `first` to the end of `last` in the block `anchor`, by script (as
    a pointer or caret browsing would leave it)."""
    page.evaluate("""([id, first, last]) => {
        const block = document.getElementById(id);
        const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let start = null, end = null;
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            if (!start && n.data.includes(first)) start = [n, n.data.indexOf(first)];
            if (n.data.includes(last)) end = [n, n.data.indexOf(last) + last.length];
        }
        const r = document.createRange(); r.setStart(...start); r.setEnd(...end);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r);
    }""", [anchor, first, last])


@pytest.mark.parametrize("first,last,partial", [("alerted us", "harm", False), ("lerted us", "har", True)])
def test_selected_words_give_a_link_that_lands_on_them_and_a_quotation(tab, edition, browser, first, last, partial):
    c, page = chapter_of(edition)
    b = next(b for b in c.blocks if b.text.startswith("Victims who bravely"))
    tab.open(page)
    select_words(tab.page, b.anchor, first, last)
    tab.page.keyboard.down("Shift")
    tab.page.keyboard.up("Shift")                          # a keyboard selection: the focus goes to the toolbar
    bar = tab.page.locator(".cite-selection")
    bar.wait_for()
    assert bar.get_attribute("role") == "toolbar"
    assert tab.page.evaluate("document.activeElement.textContent") == "Copy link to these words"
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_function("() => document.querySelector('.cite-selection .cite-status').textContent.length > 0")
    link = clipboard(tab.page)
    # a selection inside a word is widened to whole words: a text fragment matches whole words only
    assert link == f"{edition.site_url}{page}#{b.anchor}:~:text=alerted%20us%20to%20the%20irrevocable%20harm"
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_function("() => document.querySelector('.cite-selection .cite-status').textContent === "
                               "'Quotation copied.'")
    assert clipboard(tab.page) == f"“alerted us to the irrevocable harm” (Casey, 2015, p. 56) <{link}>"
    tab.page.keyboard.press("Escape")
    assert bar.count() == 0


def test_a_selection_by_mouse_offers_the_same(tab, edition):
    c, page = chapter_of(edition)
    b = next(b for b in c.blocks if b.text.startswith("Victims who bravely"))
    tab.open(page)
    box = tab.page.locator(f"#{b.anchor}").bounding_box()
    tab.page.mouse.move(box["x"] + 40, box["y"] + 8)
    tab.page.mouse.down()
    tab.page.mouse.move(box["x"] + 300, box["y"] + 8)
    tab.page.mouse.up()
    tab.page.locator(".cite-selection").wait_for()
    tab.page.get_by_role("button", name="Copy link to these words").click()
    tab.page.wait_for_function("() => navigator.clipboard.readText().then(t => t.includes(':~:text='))")
    assert clipboard(tab.page).startswith(f"{edition.site_url}{page}#{b.anchor}:~:text=")


@pytest.mark.parametrize("fragment,words", [
    ("#p-the-law-is-clear-on-what:~:text=The%20law%20is%20clear", True),
    ("#p-the-law-is-clear-on-what:~:text=words%20that%20are%20not%20there", False),
])
def test_a_text_fragment_lands_on_its_words_or_falls_back_to_its_block(browser, site, edition, fragment, words):
    """Navigated to as a reader would paste it (a text fragment needs a top-level navigation)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        _c, page = chapter_of(edition)
        context, visit = new_visit(browser, f"http://127.0.0.1:{httpd.server_port}/",
                                   viewport={"width": 1280, "height": 700})
        visit.open(page + fragment)
        visit.page.wait_for_timeout(500)
        assert visit.page.evaluate("window.scrollY") > 1000          # far down the page: it went there
        top = visit.page.evaluate("document.getElementById('p-the-law-is-clear-on-what').getBoundingClientRect().top")
        assert -50 <= top < 700
        context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_whole_report_is_cited_from_the_home_page(tab, edition):
    tab.open("index.html")
    text = tab.page.locator('pre.cite-text[data-format="oscola"]').text_content()
    assert text.startswith("Louise Casey, " + edition.report_meta.title)
    assert re.search(r"<https://[^>]+/index\.html> accessed \[date\]$", text)
