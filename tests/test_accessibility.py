"""Accessibility: axe-core on every page, and the site used with the keyboard alone.

axe runs with the WCAG 2.0/2.1/2.2 A and AA rules and its best-practice rules, none disabled.
It checks what markup can show (names, roles, contrast, heading order, landmarks, table and
list semantics); the keyboard tests check what only use can show (skip link, focus order,
focus visible, reaching search, a footnote and the next chapter).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 120) + " :: " + n.failureSummary)}));
}"""


def all_pages(site: Path) -> list[str]:
    # the site's pages (the single-file edition in downloads/ is checked in test_single_file.py)
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if "assets" not in p.parts and "downloads" not in p.parts)


def axe_violations(visit) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing. Fix: run `make test` (it runs `npm ci`).", pytrace=False)
    # evaluated by the browser's debugging protocol, which the pages' Content-Security-Policy
    # does not govern (a <script> tag with axe's code would be refused as inline script)
    if not visit.page.evaluate("typeof axe !== 'undefined'"):
        visit.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    return visit.page.evaluate(RUN_AXE, AXE_TAGS)


def assert_no_violations(visit, where: str = "") -> None:
    violations = axe_violations(visit)
    assert violations == [], f"{where or visit.page.url}:\n" + json.dumps(violations, indent=1)


def test_axe_finds_no_violation_on_any_page(http_visit, site, edition):
    from conftest import expected_page_count
    pages = all_pages(site)
    assert len(pages) == expected_page_count(edition) + 1       # and the 404 page
    found = {}
    for page in pages:
        http_visit.open(page)
        if violations := axe_violations(http_visit):
            found[page] = violations
    assert found == {}, json.dumps(found, indent=1)


@pytest.mark.parametrize("page", ["index.html", "report/1-is-the-council-taking-steps-to-address-past.html",
                                  "report/annex-d-child-sexual-exploitation-numbers.html", "about.html"])
def test_axe_finds_no_violation_at_phone_width(browser, server, page):
    """The phone layout hides the sidebars behind a drawer and moves search: checked apart."""
    from conftest import new_visit
    context, v = new_visit(browser, server, viewport={"width": 390, "height": 844})
    try:
        v.open(page)
        assert_no_violations(v)
        v.page.locator("label.md-header__button[for='__drawer']").click()     # open the drawer
        v.page.locator("nav.md-nav--primary").first.wait_for(state="visible")
        assert_no_violations(v, page + " with the navigation drawer open")
    finally:
        context.close()
    assert v.errors == [] and v.foreign_requests() == []


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_with_search_open_and_a_footnote_popover(browser, server, width):
    from conftest import new_visit
    context, v = new_visit(browser, server, viewport={"width": width, "height": 844})
    try:
        v.open("report/an-unhealthy-culture.html")
        v.page.locator("a.footnote-ref").first.hover()
        v.page.locator(".md-tooltip2--active").wait_for(state="visible")
        assert_no_violations(v)
        v.page.keyboard.press("Escape")
        v.page.keyboard.press("s")                  # Material's shortcut opens search
        v.page.locator("input.md-search__input").press_sequentially("Risky Business", delay=20)
        v.page.locator("li.md-search-result__item").first.wait_for(state="visible")
        assert_no_violations(v)
    finally:
        context.close()
    assert v.errors == [] and v.foreign_requests() == []


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_with_a_citation_panel_and_the_selection_toolbar_open(browser, server, width):
    from conftest import new_visit
    context, v = new_visit(browser, server, viewport={"width": width, "height": 844},
                           permissions=["clipboard-read", "clipboard-write"])
    try:
        v.open("report/treatment-of-victims.html")
        v.page.locator("a.block-number").nth(2).click()
        v.page.locator(".cite-panel").get_by_role("button", name="BibTeX").click()
        v.page.locator(".cite-panel pre.cite-output").wait_for(state="visible")
        assert_no_violations(v, "with a citation panel open")
        v.page.keyboard.press("Escape")
        box = v.page.locator("#p-victims-who-bravely-spoke-to").bounding_box()
        v.page.mouse.move(box["x"] + 60, box["y"] + 8)
        v.page.mouse.down()
        v.page.mouse.move(box["x"] + 220, box["y"] + 8)
        v.page.mouse.up()
        v.page.locator(".cite-selection").wait_for(state="visible")
        assert_no_violations(v, "with the selection toolbar open")
    finally:
        context.close()
    assert v.errors == [] and v.foreign_requests() == []


def test_axe_reports_a_planted_violation(http_visit):
    """The gate can fail: an image without alt text and an unnamed dialog are reported."""
    http_visit.open("index.html")
    http_visit.page.evaluate("""() => {
      document.querySelector('article').insertAdjacentHTML('beforeend', '<img src="data:,">');
      document.querySelector('.md-search').removeAttribute('aria-label'); }""")
    assert {"image-alt", "aria-dialog-name"} <= {v["id"] for v in axe_violations(http_visit)}


# ------------------------------------------------------------------------------ keyboard alone

FOCUSED = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return {tag: e.tagName.toLowerCase(), cls: e.className || '', href: e.getAttribute('href') || '',
          text: (e.innerText || e.value || '').trim().slice(0, 80),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
          visible: e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0}; }"""


def tab_until(visit, wanted, limit: int = 600, key: str = "Tab") -> dict:
    """Press Tab until the focused element satisfies `wanted`; fail after `limit` presses."""
    for _ in range(limit):
        visit.page.keyboard.press(key)
        focused = visit.page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    pytest.fail(f"not reached with {limit} presses of {key}")


def test_first_tab_reaches_a_working_skip_link(http_visit):
    http_visit.open("report/an-unhealthy-culture.html")
    http_visit.page.keyboard.press("Tab")
    focused = http_visit.page.evaluate(FOCUSED)
    assert "md-skip" in focused["cls"].split() and focused["text"] == "Skip to content" and focused["visible"]
    http_visit.page.keyboard.press("Enter")
    assert http_visit.page.evaluate("location.hash") == "#top"   # every page's h1 has the id "top"
    # the next Tab continues inside the article, not back in the header
    http_visit.page.keyboard.press("Tab")
    assert http_visit.page.evaluate("!!document.activeElement.closest('article')")


def test_keyboard_alone_reaches_search_a_footnote_and_the_next_chapter(http_visit):
    page = http_visit.page
    http_visit.open("report/an-unhealthy-culture.html")

    # search: Tab to the search box, type, arrow to a result, Enter
    tab_until(http_visit, lambda f: "md-search__input" in f["cls"], limit=20)
    page.keyboard.type("second class citizens", delay=20)
    page.locator("li.md-search-result__item").first.wait_for(state="visible")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate(FOCUSED)
    assert "treatment-of-victims.html" in focused["href"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/treatment-of-victims.html*")

    # a footnote: Tab to the first reference in the text, Enter, then back by its return link
    http_visit.open("report/an-unhealthy-culture.html")
    ref = tab_until(http_visit, lambda f: f["href"].startswith("#fn:"))
    assert ref["outline"] and ref["visible"], "focus is not visible on a footnote reference"
    page.keyboard.press("Enter")
    number = ref["href"].removeprefix("#fn:")
    assert page.evaluate("location.hash") == f"#fn:{number}"
    tab_until(http_visit, lambda f: f["href"] == f"#fnref:{number}", limit=10)
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f"#fnref:{number}"

    # the next chapter: the footer's "Next" link
    nxt = tab_until(http_visit, lambda f: "md-footer__link--next" in f["cls"])
    assert nxt["visible"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/the-race-issue.html")


@pytest.mark.parametrize("selector", ["article a[href]", ".md-nav__link[href]", ".md-footer__link"])
def test_focus_is_visible_on_links(http_visit, selector):
    http_visit.open("report/an-unhealthy-culture.html")
    focused = tab_until(http_visit, lambda f: bool(http_visit.page.evaluate(
        f"() => document.activeElement.matches({selector!r})")))
    assert focused["outline"], f"no visible focus indicator on {selector}"


def test_a_table_wider_than_a_phone_can_be_scrolled_by_keyboard(browser, server):
    from conftest import new_visit
    context, v = new_visit(browser, server, viewport={"width": 390, "height": 844})
    try:
        v.open("report/annex-d-child-sexual-exploitation-numbers.html")
        focused = tab_until(v, lambda f: "md-typeset__scrollwrap" in f["cls"], limit=200)
        assert focused["outline"] and focused["visible"]
        box = v.page.locator(".md-typeset__scrollwrap:focus")
        assert box.get_attribute("role") == "region"
        assert box.get_attribute("aria-label").startswith("Table: Annex D")
        v.page.keyboard.press("ArrowRight")
        # a function, not an expression: Playwright polls an expression with eval(), which the CSP forbids
        v.page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    finally:
        context.close()
    assert v.errors == []


def test_a_table_that_fits_adds_no_tab_stop(http_visit):
    http_visit.open("report/annex-d-child-sexual-exploitation-numbers.html")
    http_visit.page.wait_for_load_state("load")
    assert http_visit.page.locator(".md-typeset__scrollwrap").count() >= 1
    assert http_visit.page.locator(".md-typeset__scrollwrap[tabindex]").count() == 0


def test_an_abbreviation_is_explained_on_keyboard_focus_and_dismissed_with_escape(http_visit):
    """WCAG 3.1.4 by keyboard, 1.4.13: the first use of a term is a link whose tooltip gives
    the expansion on focus; Escape closes it without moving the focus."""
    page = http_visit.page
    http_visit.open("report/executive-summary.html")
    focused = tab_until(http_visit, lambda f: f["href"].endswith("glossary.html#term-cse"))
    assert focused["outline"]
    tip = page.locator("#edition-tooltip[role=tooltip]")
    tip.wait_for(state="visible")
    assert tip.inner_text().strip() == "Child Sexual Exploitation"
    # the focused link is described by the tooltip while it shows
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "edition-tooltip"
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.getAttribute('title')") == "Child Sexual Exploitation"
    assert page.evaluate("document.activeElement.id") == "use-term-cse"
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary.html#term-cse")
    assert page.locator("dt#term-cse").is_visible()


def test_an_abbreviation_is_explained_on_hover(http_visit):
    page = http_visit.page
    http_visit.open("report/executive-summary.html")
    later = page.locator("article p abbr", has_text="RMBC").nth(1)      # not the linked first use
    assert later.locator("xpath=ancestor::a").count() == 0
    later.hover()
    tip = page.locator("#edition-tooltip[role=tooltip]")
    tip.wait_for(state="visible")
    assert tip.inner_text().strip() == "Rotherham Metropolitan Borough Council"
    # hoverable (WCAG 1.4.13): the pointer can move onto the tooltip and it stays
    tip.hover()
    page.wait_for_timeout(500)
    assert tip.is_visible()
    page.mouse.move(5, 5)
    tip.wait_for(state="hidden")
    assert later.get_attribute("title") == "Rotherham Metropolitan Borough Council"
