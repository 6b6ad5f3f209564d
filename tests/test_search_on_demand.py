"""Search loaded only when the reader asks for it (issue 15): a page loads neither the search
index (search_index.json served, search_index.js from file://) nor the search worker, on the
home page and on the longest chapter, served and from file://; the first time the reader opens
or focuses search (the key s, a click in the field, a focus, a tap on the header's magnifier on
a phone) they load and a query finds its page. A search result's page (Material's ?h=) still
gets the index at once and marks the words.

Every request is recorded from the tab's creation (tests/conftest.py's `visit`), through the
load event and the network going idle, and a moment more: what a reader who never searches
downloads."""
from __future__ import annotations

import urllib.parse

import pytest

from tests.test_search import QUERIES, search

#: a reader's query and the page its results must lead to first
QUERY = "Risky Business"
PAGE = QUERIES[QUERY][0]
#: the search worker (its name carries a hash) and the index, as a request's path ends
WORKER = "assets/javascripts/workers/search."
INDEX = ("search/search_index.json", "search/search_index.js")


def longest_chapter(site) -> str:
    """As benchmarks/web.py picks it: the largest HTML file under report/."""
    return max(site.glob("report/*.html"), key=lambda p: (p.stat().st_size, p.name)).relative_to(site).as_posix()


def path_of(visit, url: str) -> str:
    """A request's path in the site, without query or fragment ('' for one outside it)."""
    url = urllib.parse.unquote(url.split("#")[0].split("?")[0])
    base = urllib.parse.unquote(visit.base)
    return url.removeprefix(base) if url.startswith(base) else ""


def search_requests(visit) -> list[str]:
    paths = [path_of(visit, u) for u in visit.requests]
    return [p for p in paths if p in INDEX or p.startswith(WORKER)]


def is_index(visit, url: str) -> bool:
    return path_of(visit, url) in INDEX


def load_as_a_reader(visit, path: str) -> None:
    """Open a page and let it settle: the load event, the network idle, half a second more."""
    visit.open(path)
    visit.page.wait_for_load_state("networkidle")
    visit.page.wait_for_timeout(500)


def open_search(visit, how: str) -> None:
    page = visit.page
    box = page.locator("input.md-search__input")
    if how == "key s":
        page.keyboard.press("s")
    elif how == "click in the field":
        box.click()
    elif how == "focus the field":                 # as Tab lands in it
        box.focus()
    elif how == "tap the magnifier":
        page.locator('label.md-header__button[for="__search"]').click()
    else:
        raise AssertionError(how)


def assert_search_works(visit) -> None:
    links = [urllib.parse.unquote(h) for h in search(visit.page, QUERY)]
    first = links[0].removeprefix(urllib.parse.unquote(visit.base))
    assert first.split("?")[0] == PAGE, links[:3]


@pytest.mark.parametrize("how", ["key s", "click in the field"])
@pytest.mark.parametrize("which", ["home", "longest chapter"])
def test_a_page_loads_no_search_until_the_reader_opens_it(visit, site, which, how):
    path = "index.html" if which == "home" else longest_chapter(site)
    load_as_a_reader(visit, path)
    assert search_requests(visit) == [], f"{path} loaded search before the reader asked for it"
    assert visit.page.locator("input.md-search__input").is_visible()
    with visit.page.expect_request(lambda r: is_index(visit, r.url)):
        open_search(visit, how)
    assert_search_works(visit)
    got = search_requests(visit)
    assert any(p in INDEX for p in got) and any(p.startswith(WORKER) for p in got), got
    assert len(got) == 2, f"search loaded more than once: {got}"


@pytest.mark.parametrize("how,viewport", [("focus the field", {"width": 1280, "height": 900}),
                                          ("tap the magnifier", {"width": 390, "height": 800})])
def test_focusing_search_or_tapping_its_button_loads_it(visit, how, viewport):
    visit.page.set_viewport_size(viewport)
    load_as_a_reader(visit, "index.html")
    assert search_requests(visit) == []
    with visit.page.expect_request(lambda r: is_index(visit, r.url)):
        open_search(visit, how)
    assert_search_works(visit)


def test_a_search_results_page_still_marks_the_words_at_once(visit, site):
    """?h= (the words of the query, on the page a result opened): the index is needed to mark
    them, so it is fetched at load; the worker still waits for the reader."""
    load_as_a_reader(visit, longest_chapter(site) + "?h=council")
    marks = visit.page.locator(".md-content mark")
    marks.first.wait_for(state="attached")
    assert marks.count() > 10
    assert {m.lower() for m in marks.all_inner_texts()} == {"council"}
    got = search_requests(visit)
    assert any(p in INDEX for p in got) and not any(p.startswith(WORKER) for p in got), got
    open_search(visit, "key s")                    # and search works from there
    assert_search_works(visit)


def test_a_page_without_the_query_marks_nothing(visit, site):
    load_as_a_reader(visit, longest_chapter(site))
    assert visit.page.locator(".md-content mark").count() == 0
