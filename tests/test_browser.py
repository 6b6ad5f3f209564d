"""End-to-end: the built site in real Chromium, served on 127.0.0.1 and opened from file://.

Every test here runs twice (the `visit` fixture's two origins) and, through that fixture, also
fails if a page asked any other host for anything or the browser printed an error.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from scripts.site.urls import article_page, chapter_page


def chapter_path(edition, c):
    return chapter_page(edition, c)


def article_path(a):
    return article_page(a)

#: the text of an h1 without its permalink
H1_TEXT = """() => { const h = document.querySelector('article h1').cloneNode(true);
  h.querySelectorAll('.headerlink').forEach(a => a.remove()); return h.textContent.trim(); }"""


def html(md_path: str) -> str:
    return md_path.removesuffix(".md") + ".html"


def reading_order(edition) -> list[str]:
    """Every page in the order of the navigation: home, the chapters, the press, Glossary, Pages, About."""
    return (["index.html"] + [html(chapter_path(edition, c)) for c in edition.report.chapters]
            + [html(article_path(a)) for a in edition.articles]
            + ["glossary.html", "references.html", "pages.html", "about.html"])


def test_home_page_lists_every_chapter_in_order(visit, edition):
    visit.open("index.html")
    links = visit.page.locator("article a[href^='report/']")
    titles = links.all_inner_texts()
    assert titles == [c.title for c in edition.report.chapters]
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == [html(chapter_path(edition, c)) for c in edition.report.chapters]
    assert visit.page.locator("html").get_attribute("lang") == "en-GB"


def test_next_links_walk_through_the_whole_edition_in_order(visit, edition):
    order = reading_order(edition)
    visit.open(order[0])
    seen = [order[0]]
    while (nxt := visit.page.locator("a.md-footer__link--next")).count():
        nxt.click()
        visit.page.wait_for_load_state("load")
        seen.append(visit.page.url.removeprefix(visit.base).split("#")[0])
    assert seen == order
    assert visit.page.evaluate(H1_TEXT) == "About this edition"


def test_each_chapter_opens_with_its_own_title(visit, edition):
    for c in edition.report.chapters[::7]:
        visit.open(html(chapter_path(edition, c)))
        assert visit.page.evaluate(H1_TEXT) == c.title
        assert visit.page.title().startswith(c.title)


def search(visit, phrase: str):
    """Type into Material's search box as a reader does (it ignores fill()); the result links."""
    box = visit.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(phrase, delay=20)
    results = visit.page.locator("li.md-search-result__item > a")
    results.first.wait_for(state="visible", timeout=15_000)
    return results


def test_search_finds_the_chapter_that_holds_a_phrase(visit):
    visit.open("index.html")
    results = search(visit, "second class citizens")
    assert "report/treatment-of-victims.html" in results.first.get_attribute("href")
    results.first.click()
    visit.page.wait_for_load_state("load")
    assert urlsplit(visit.page.url).path.endswith("/report/treatment-of-victims.html")
    assert "second class citizens" in visit.page.locator("article").inner_text()


def test_search_for_a_word_not_in_the_edition_finds_nothing(visit):
    visit.open("index.html")
    box = visit.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("xylophonist", delay=20)
    meta = visit.page.locator(".md-search-result__meta")
    meta.wait_for(state="visible")
    visit.page.wait_for_function(
        "() => /No matching/i.test(document.querySelector('.md-search-result__meta').textContent)")
    assert visit.page.locator("li.md-search-result__item").count() == 0


def test_footnote_reference_opens_its_note_and_comes_back(visit):
    visit.open("report/an-unhealthy-culture.html")
    ref = visit.page.locator("a.footnote-ref").first
    number = ref.inner_text()
    assert re.fullmatch(r"\d+", number)
    ref.hover()                                   # Material's popover shows the note itself
    tooltip = visit.page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible")
    note = visit.page.locator(f"li[id='fn:{number}']")
    assert note.inner_text().split("\n")[0][:40] in tooltip.inner_text()
    ref.click()
    assert visit.page.evaluate("location.hash") == f"#fn:{number}"
    assert visit.page.evaluate("document.querySelector(':target').id") == f"fn:{number}"
    note.locator("a.footnote-backref").click()
    assert visit.page.evaluate("location.hash") == f"#fnref:{number}"
    assert visit.page.locator(f"[id='fnref:{number}']").is_visible()


def test_annex_d_table_is_a_real_table(visit, edition):
    annex_d = next(c for c in edition.report.chapters if c.title.startswith("Annex D"))
    visit.open(html(chapter_path(edition, annex_d)))
    table = visit.page.get_by_role("table")
    assert table.count() == 1
    headers = table.get_by_role("columnheader").all_inner_texts()
    assert len(headers) >= 3 and headers[0].strip()
    rows = table.locator("tbody").get_by_role("row")
    assert rows.count() >= 5
    assert all(rows.nth(i).get_by_role("cell").count() == len(headers) for i in range(rows.count()))


def test_quotations_are_block_quotes(visit):
    visit.open("report/treatment-of-victims.html")
    quotes = visit.page.locator("article blockquote")
    assert quotes.count() >= 3
    assert any("second class citizens" in t for t in quotes.all_inner_texts())


def test_a_missing_browser_fails_the_suite_instead_of_skipping(monkeypatch, tmp_path):
    import pytest

    from conftest import chromium_path
    monkeypatch.setenv("EDITION_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(pytest.fail.Exception, match="Chromium is missing"):
        chromium_path()
    monkeypatch.delenv("EDITION_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="make test"):
        chromium_path()


def test_a_page_number_link_lands_on_its_page_mark(visit):
    from playwright.sync_api import expect
    visit.open("pages.html")
    visit.page.get_by_role("link", name="p. 45", exact=True).click()
    visit.page.wait_for_load_state("load")
    assert visit.page.url.endswith("#page-45")
    mark = visit.page.locator("#page-45")
    expect(mark).to_be_in_viewport()
    assert mark.inner_text() == "p. 45"            # as shown: the brackets are for text without CSS
    assert mark.text_content() == " [p. 45] "


def test_search_index_holds_the_text_without_apparatus(site):
    """Page marks, the home page's chapter openings, the chart and the Pages page stay out of
    the index: a phrase that runs over a page break is found whole, and found in its chapter."""
    import json
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["text"] for d in docs)
    assert "as abuse and getting them to trust public services" in text
    assert not re.search(r"p\. \d+[a-z]", text)
    assert not [d for d in docs if d["location"].startswith("pages.html")]
    holders = {d["location"].split("#")[0] for d in docs if "second class citizens" in d["text"]}
    assert holders == {"report/treatment-of-victims.html"}
