"""Search that lands on the paragraph: the index holds one entry per heading and per citable
block at the block's own address, and the queries a reader would try give, as their first
result, a paragraph that holds the words, served and from file://."""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from scripts.publish.search import NAMES_BOOST, NAMES_FIELD, add_names, also_as, letter_names, words_of
from scripts.site import urls
from tests.conftest import new_visit

TERMS = {"RMBC": "Rotherham Metropolitan Borough Council", "CSE": "Child Sexual Exploitation"}


@pytest.mark.parametrize("words,want", [
    ("silence whistle-blowers", ["whistleblowers"]),
    ("the RMBC / SYP strategy", ["Rotherham Metropolitan Borough Council"]),
    ("Rotherham Metropolitan Borough Council is not fit", ["RMBC"]),
    ("tackling CSE in Rotherham", ["Child Sexual Exploitation"]),
    ("RMBCs and CSEX", []),                    # not the whole word: nothing
    ("a well - made case", []),                # a spaced dash joins nothing
])
def test_the_other_forms_a_reader_may_search_for(words, want):
    assert also_as(words, TERMS) == want


@pytest.mark.parametrize("words,want", [
    ("Annex A: Serious Case Review into Child S - published 2012", ["S"]),
    ("Despite Child S’s involvement in Operation Czar", ["S"]),     # the possessive is the name
    ("Child S’ involvement with the service", ["S"]),
    ("Child S' involvement", ["S"]),
    ("three sisters, X, Y and Z, and", ["X", "Y", "Z"]),
    ("reported two Operator D cabs", ["D"]),
    ("‘K has willingly gone with N, M and unnamed males", ["K", "M", "N"]),
    ("held on the H:\\ drive", ["H"]),
    ("the assistant inspectors named in Annex G.", ["G"]),
    ("Keehan J, judgment of 15 December 2014", ["J"]),
    # not a name of one letter
    ("When I came in I thought it was great", []),     # the pronoun
    ("A review of Annex A", []),                       # the article (and a stop word)
    ("nightclubs, hotels, B&Bs etc.", []),
    ("Q&A and A/B", []),
    ("CHILDREN’S SOCIAL CARE and RMBC’S response", []),
    ("O’Brien said", []),
    ("the U.K. government", []),
    ("an X-ray", []),
    ("P. 115: Responsibility", []),                    # a page
    ("Child Sexual Exploitation", []),
    ("child s", []),                                   # lower case: not how the report names
    ("p. 45", []),
    ("The RMBC / SYP CSE Strategy", []),
])
def test_the_names_of_one_letter(words, want):
    assert letter_names(words) == want


def test_an_entry_gets_the_names_its_title_or_its_text_hold():
    docs = [{"location": "a.html", "title": "Annex A: Serious Case Review into Child S - published 2012", "text": ""},
            {"location": "a.html#p-x", "title": "p. 144*", "text": "<p>Child S&#x27;s peers, and X.</p>"},
            {"location": "a.html#p-y", "title": "The Law · p. 58", "text": "<p>Inspectors found that B&amp;B</p>"}]
    add_names(docs)
    assert [d.get(NAMES_FIELD) for d in docs] == ["S", "S X", None]


def test_the_index_leaves_the_apparatus_out():
    html = ('<p id="p-x"><a class="block-number annotation" href="#p-x"> [¶ 4.12] </a>Abuse and '
            '<span class="page-number" id="page-17">[p. 17]</span> getting<sup id="fnref:3"><a>3</a></sup> help</p>')
    assert words_of(BeautifulSoup(html, "html.parser").p) == "Abuse and getting help"


@pytest.fixture(scope="module")
def index(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_every_block_and_heading_has_one_entry_at_its_address(index, edition):
    locations = [d["location"] for d in index["docs"]]
    assert len(locations) == len(set(locations))
    for c in edition.report.chapters:
        page = urls.html_path(urls.chapter_page(edition, c))
        mine = [loc for loc in locations if loc.split("#")[0] == page]
        want = [page] + [f"{page}#{b.anchor}" for b in c.blocks if b.anchor and b.level != 1]
        assert mine == want, c.title


def test_an_entry_holds_the_block_without_its_number_or_page_marks(index):
    docs = [d for d in index["docs"] if "#p-" in d["location"]]
    assert len(docs) > 1000
    assert not any(re.search(r"¶|\[p\. \d+\]", d["text"]) for d in docs)
    law = next(d for d in docs if d["location"].endswith("#p-the-law-is-clear-on-what"))
    assert law["title"].endswith("· p. 58") and law["text"].startswith("<p>The law is clear")


def test_the_names_of_one_letter_have_a_field_of_their_own_above_the_headings(index):
    """The words shown are the words of the page; the names are a field Material never shows."""
    fields = index["config"]["fields"]
    assert fields[NAMES_FIELD] == {"boost": NAMES_BOOST} and NAMES_BOOST > 5 * fields["title"]["boost"]
    named = {d["location"]: d[NAMES_FIELD] for d in index["docs"] if NAMES_FIELD in d}
    assert all(re.fullmatch(r"[B-HJ-Z]( [B-HJ-Z])*", n) for n in named.values())
    annex = "report/annex-a-serious-case-review-into-child-s.html"
    assert named[annex] == "S" and named[annex + "#p-one-of-the-subjects-of-the"] == "S"
    assert named["report/treatment-of-victims.html#p-a-day-later-threats-were-made-to"] == "X Y Z"
    assert annex + "#p-it-remains-a-youth-service" not in named            # it does not name her
    assert all(NAMES_FIELD not in d or "<" not in d[NAMES_FIELD] for d in index["docs"])


def test_the_offline_index_is_the_same_index(site, index):
    js = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert js.startswith("var __index = ") and json.loads(js.removeprefix("var __index = ")) == index


#: query -> (the page its first result is on, what the paragraph it lands on must hold)
QUERIES = {
    "1400": ("report/2-is-the-council-taking-steps-to-address.html", r"\b1400\b"),
    "Risky Business": ("report/the-role-of-risky-business-in-tackling-cse-in.html", r"Risky Business"),
    "taxi licensing": ("report/4-taxis-and-child-sexual-exploitation.html", r"(?i)taxi licensing"),
    "whistle-blowers": ("report/7-does-rotherham-cover-up-information-and.html", r"(?i)whistle-blowers"),
    "Operation Czar": ("report/where-were-the-police.html", r"Operation Czar"),
    "compromise agreements": ("report/6-does-the-council-take-appropriate-action.html", r"(?i)compromise agreements"),
    "Jay report": ("report/response-to-professor-jays-report-denial.html", r"(?i)Jay report"),
    "RMBC": ("report/2-is-the-council-taking-steps-to-address.html", r"\bRMBC\b"),
    "p. 45": ("report/childrens-social-care-failure.html", None),
    # the Annex on the Serious Case Review into Child S: the report's account of her case
    "Child S": ("report/annex-a-serious-case-review-into-child-s.html", r"\bChild S\b"),
}


def search(page, query: str) -> list[str]:
    """The addresses of the first group of results, in order (the chapter first)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=5)
    page.locator("li.md-search-result__item").first.wait_for(state="attached")
    # Material searches again at each keystroke: let the whole query's results replace the last
    page.wait_for_timeout(700)
    return page.locator("li.md-search-result__item").first.locator("a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")


@pytest.fixture(params=["http", "file"])
def searching(request, browser, server, site):
    base = server if request.param == "http" else site.as_uri() + "/"
    context, visit = new_visit(browser, base, viewport={"width": 1280, "height": 900})
    visit.open("index.html")
    visit.page.keyboard.press("s")
    yield visit
    context.close()
    assert visit.errors == [] and visit.foreign_requests() == []


def landed_words(site, href: str) -> tuple[str, str]:
    path, _, anchor = href.split("?")[0].partition("#") if "?" not in href else (href.split("?")[0], "", "")
    anchor = href.rpartition("#")[2]
    soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    return anchor, words_of(soup.find(id=anchor))


def test_each_query_lands_first_on_a_paragraph_that_holds_its_words(searching, site, index):
    """Its words, or the heading it stands under (named in the result: "Operation central and
    Operation Czar – Lessons learned · p. 50")."""
    base = searching.base
    titles = {d["location"]: d["title"] for d in index["docs"]}
    for query, (page, holds) in QUERIES.items():
        links = [h.removeprefix(base) for h in search(searching.page, query)]
        assert links[0].split("?")[0] == page, query                 # the chapter heads the group
        first = links[1]
        assert first.split("?")[0] == page and "#p-" in first, (query, first)
        anchor, words = landed_words(site, first)
        if holds:
            heading = titles[first.split("?")[0] + "#" + anchor].rpartition(" · ")[0]
            assert re.search(holds, words) or re.search(holds, heading), (query, words[:200])
        else:                       # a printed page: the first block of that page
            number = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").find(id=anchor).find(
                "a", class_="block-number")
            assert number["data-pages"].startswith("45"), query


@pytest.mark.parametrize("query,other", [("whistleblowers", r"(?i)whistle-blowers"),
                                         ("RMBC", r"Rotherham Metropolitan Borough Council")])
def test_a_query_finds_the_words_in_their_other_form_too(searching, site, query, other):
    box = searching.page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=5)
    searching.page.locator("li.md-search-result__item").first.wait_for(state="attached")
    searching.page.wait_for_timeout(200)
    hrefs = searching.page.locator("a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    found = [landed_words(site, h.removeprefix(searching.base))[1] for h in hrefs
             if "#p-" in h and h.removeprefix(searching.base).startswith("report/")]
    assert any(re.search(other, w) and not re.search(rf"\b{query}\b", w) for w in found), query


def test_a_result_opens_its_chapter_at_the_paragraph_with_the_words_marked(searching):
    links = search(searching.page, "compromise agreements")
    searching.page.locator(f'a.md-search-result__link[href="{links[1]}"]').click()
    searching.page.wait_for_load_state("load")
    anchor = links[1].rpartition("#")[2]
    searching.page.wait_for_timeout(300)
    top = searching.page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    assert 0 <= top < 900
    assert searching.page.locator(f"#{anchor} mark").count() >= 1          # the words, highlighted
