"""On a phone, 390 px wide (issue 10, class 8): no page scrolls sideways (a wide table scrolls
in its own region), and every page mark stands on the line where its page begins."""
from __future__ import annotations

import pytest

from conftest import new_visit, published_pages

PHONE = {"width": 390, "height": 844}

#: For every page mark inside a paragraph: is it in the line (not floated), on the line of the
#: character before it or of the one after it? (A floated mark sat on the line above whenever
#: the page's first word wrapped: pp. 62, 108, 123 and 137 at 390 px.)
MARKS_ON_THEIR_LINE = """() => [...document.querySelectorAll('article .page-number')].map(m => {
  const at = (node, last) => {
    const r = document.createRange();
    const t = node.textContent; const i = last ? t.search(/\\S\\s*$/) : t.search(/\\S/);
    r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect();
  };
  const walk = (n, back) => {
    const w = document.createTreeWalker(m.closest('p, li, td, dd, th') || document.body, NodeFilter.SHOW_TEXT);
    let found = null; w.currentNode = m;
    if (back) { while (w.previousNode()) { if (w.currentNode.textContent.trim() && !m.contains(w.currentNode)) { found = w.currentNode; break; } } }
    else { while (w.nextNode()) { if (w.currentNode.textContent.trim() && !m.contains(w.currentNode)) { found = w.currentNode; break; } } }
    return found;
  };
  const box = m.getBoundingClientRect();
  const before = walk(m, true), after = walk(m, false);
  const inBlock = m.classList.contains('page-break');
  const lines = [before && at(before, true), after && at(after, false)].filter(Boolean);
  const onLine = lines.some(r => Math.abs(r.top - box.top) < r.height && Math.abs(r.bottom - box.bottom) < r.height);
  return {id: m.id, inBlock, float: getComputedStyle(m).float, onLine, first: !before};
})"""


@pytest.fixture(scope="module")
def phone(browser, server):
    context, v = new_visit(browser, server, viewport=PHONE)
    yield v
    context.close()
    assert v.errors == []


def test_no_page_scrolls_sideways_on_a_phone(phone, edition):
    wide = {}
    for page in published_pages(edition):
        phone.open(page)
        width = phone.page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        if width[0] > width[1]:
            wide[page] = width
    assert wide == {}


def test_a_wide_table_scrolls_in_its_own_region_on_a_phone(phone):
    phone.open("report/annex-d-child-sexual-exploitation-numbers.html")
    regions = phone.page.evaluate("""() => [...document.querySelectorAll('article .md-typeset__scrollwrap')]
        .map(w => [w.scrollWidth > w.clientWidth, w.getAttribute('role'), w.tabIndex])""")
    assert [True, "region", 0] in regions


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_every_page_mark_stands_on_the_line_where_its_page_begins(browser, server, edition, width):
    context, v = new_visit(browser, server, viewport={"width": width, "height": 900})
    try:
        inside, off = 0, []
        for page in published_pages(edition):
            if not page.startswith("report/"):
                continue
            v.open(page)
            for m in v.page.evaluate(MARKS_ON_THEIR_LINE):
                if m["inBlock"]:
                    inside += 1
                    if m["float"] != "none" or not m["onLine"]:
                        off.append((page, m["id"]))
        assert inside == 46 and off == []
    finally:
        context.close()
