"""The glossary: Annex F as data, every term marked where it stands, first uses linked."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, NavigableString

from scripts.annotate.anchors import term_anchor
from scripts.annotate.glossary import PageTerms, collect_glossary
from scripts.chars import term_pattern
from scripts.editorial import parse_editorial
from scripts.errors import EditorialError, MetadataError
from scripts.model import EditRecord, Glossary, GlossaryEntry
from scripts.site.markdown import Links, attribute_value, inline_markdown
from tests.conftest import reading


def render(text: str, glossary: Glossary, url: str = "../glossary.md", page: PageTerms | None = None) -> str:
    """Text as a chapter page shows it: its terms marked by the annotator (the first use on the
    page linked), then serialized."""
    page = page if page is not None else PageTerms(glossary, {})
    return inline_markdown(page.mark([text]), Links.for_glossary(glossary, url))


def small(term: str, expansion: str) -> Glossary:
    return Glossary([GlossaryEntry(term, expansion, "report", anchor=term_anchor(term))], term_pattern([term]))

SPOT = {"RMBC": "Rotherham Metropolitan Borough Council", "CSE": "Child Sexual Exploitation",
        "LSCB": "Local Safeguarding Children Board", "SYP": "South Yorkshire Police",
        "VOSA": "Vehicle and Operator Services Agency"}


def test_annex_f_is_parsed_into_44_entries(doc):
    report = {e.term: e.expansion for e in doc.glossary if e.source == "report"}
    assert len(report) == 44
    assert {t: report[t] for t in SPOT} == SPOT
    assert report["DBS"] == "Disclosure and Barring Service (previously CRB and ISA)"
    assert report["RDaSH"] == "Rotherham Doncaster and South Humber NHS Foundation"


def test_edition_terms_are_never_the_reports(doc):
    report = {e.term for e in doc.glossary if e.source == "report"}
    edition = [e for e in doc.glossary if e.source == "edition"]
    assert edition and all(e.reason for e in edition)
    assert not report & {e.term for e in edition}


@pytest.mark.parametrize("text, found", [
    ("RMBC said", ["RMBC"]),
    ("RMBC’s view", ["RMBC"]),
    ("the IMRs were", ["IMRs"]),                   # plural of a term
    ("CSE-related work", ["CSE"]),
    ("(CSE)", ["CSE"]),
    ("SCSE and CSEX", []),                          # never inside a longer word
    ("UKIP", ["UKIP"]),                             # the longer term wins, not UK
    ("the UK and", ["UK"]),
    ("rmbc, Rmbc", []),                             # case as printed
    ("CEO", []),
    ("MPs", ["MPs"]),
    ("R&D", []),
])
def test_term_pattern(doc, text, found):
    pattern = term_pattern([e.term for e in doc.glossary])
    assert [m.group(0) for m in pattern.finditer(text)] == found


def test_first_use_is_a_link_later_uses_are_not(doc):
    page = PageTerms(doc.glossary, {})
    first = render("RMBC and RMBC", doc.glossary, page=page)
    assert first.count("](../glossary.md#term-rmbc){ #use-term-rmbc title=\"Rotherham Metropolitan Borough Council\" }") == 1
    assert first.count("<abbr") == 2
    assert render("RMBC again", doc.glossary, page=page).count("](") == 0          # same page: no second link
    assert page.uses["RMBC"].count == 3 and page.uses["RMBC"].linked


def test_marking_never_changes_the_words_and_escapes_the_title(doc):
    md = render("x *AB* y", small("AB", 'A "quoted" <b>&'), url="")
    assert md == 'x \\*<abbr title="A &quot;quoted&quot; &lt;b&gt;&amp;">AB</abbr>\\* y'


def ed(entries):
    return parse_editorial({"edition_terms": entries}, "seeds/x.editorial.toml")


@pytest.mark.parametrize("entry, error, message", [
    ({"term": "RMBC", "expansion": "x", "reason": "y"}, EditorialError, "in the report's own glossary"),
    ({"term": "ZZQ", "expansion": "x", "reason": "y"}, EditorialError, "does not occur in the text"),
    ({"term": "DCLG", "expansion": "x"}, MetadataError, "`reason` is missing"),
    ({"term": "DC LG", "expansion": "x", "reason": "y"}, MetadataError, "must be one word"),
    ({"term": "DCLG", "expansion": 3, "reason": "y"}, MetadataError, "must be text"),
])
def test_bad_edition_terms_are_refused(doc, entry, error, message):
    with pytest.raises(error, match=message) as e:
        collect_glossary(doc.blocks, doc.footnotes, ed([entry]), "seed.txt", EditRecord().scope("test"))
    assert e.value.path == "seeds/x.editorial.toml" and e.value.fix


# ---------------------------------------------------------------------------------- the site

def chapter_soups(site):
    for f in sorted((site / "report").glob("*.html")):
        yield f.name, reading(f.read_text(encoding="utf-8"))


def reader_pages(site):
    """Every page that shows the report's words: the chapters, the press article, and the
    edition's pages that quote them (home, Glossary, References, Pages). About is the edition's
    own account of itself and is left out."""
    for f in sorted(site.rglob("*.html")):
        name = f.relative_to(site).as_posix()
        if "assets" in f.parts or name in ("404.html", "about.html"):
            continue
        yield name, reading(f.read_text(encoding="utf-8"))


def test_every_term_in_the_text_is_marked(site, doc):
    from scripts.terms import term_matches
    expansions = {e.term: e.expansion for e in doc.glossary}
    unmarked, marked = [], 0
    for name, soup in reader_pages(site):
        article = soup.select_one("article")
        for node in article.find_all(string=True):
            if not isinstance(node, NavigableString) or node.find_parent(["dt", "script", "style", "svg"]):
                continue
            if node.find_parent(class_=["page-number", "headerlink"]):
                continue
            if node.find_parent("details", class_="as-captured"):
                continue    # an article's page as captured: the scrape's lines as data (its text above is marked)
            for start, end, term in term_matches(str(node), doc.glossary):
                a = node.find_parent("abbr")
                if a is None:
                    unmarked.append(f"{name}: {str(node)[start:end]} in “{str(node)[:60]}”")
                    continue
                marked += 1
                assert a["title"].startswith(expansions[term]), (name, term)
    assert unmarked == []
    assert marked > 800


@pytest.mark.parametrize("term", sorted(SPOT))
def test_spot_checked_terms_carry_their_expansion(site, term):
    titles = {a["title"] for _, soup in chapter_soups(site) for a in soup.select("article abbr")
              if a.get_text() in (term, term + "s")}
    assert titles == {SPOT[term]}


def test_each_page_links_only_the_first_use_of_a_term(site):
    for name, soup in chapter_soups(site):
        links = [a for a in soup.select("article a[href*='glossary.html#term-']")]
        terms = [a["href"].split("#")[1] for a in links]
        assert len(terms) == len(set(terms)), name
        for a in links:
            assert a["id"] == "use-" + a["href"].split("#")[1]
            assert a.find("abbr") is not None
        assert not soup.select("article h1 a[href*='glossary'], article h2 a[href*='glossary'], "
                               "article h3 a[href*='glossary'], article h4 a[href*='glossary']")


def test_edition_terms_are_marked_as_the_editions(site):
    _, soup = next((n, s) for n, s in chapter_soups(site) if n == "foreword.html")
    cb = [a for a in soup.select("article abbr") if a.get_text() == "CB"]
    assert cb and all("edition-term" in a["class"] and "explained by this edition" in a["title"] for a in cb)


def test_glossary_page_lists_terms_with_their_uses(site, doc):
    soup = BeautifulSoup((site / "glossary.html").read_text(encoding="utf-8"), "html.parser")
    dts = soup.select("article dt")
    assert [dt.get_text() for dt in dts] == [e.term for e in doc.glossary]
    assert all(dt["id"] == term_anchor(dt.get_text()) for dt in dts)
    rmbc = soup.select_one("dt#term-rmbc").find_next_sibling("dd")
    assert rmbc.get_text().strip().startswith("Rotherham Metropolitan Borough Council")
    assert re.search(r"Used \d{3} times", rmbc.get_text())
    assert any(a["href"].endswith("#use-term-rmbc") for a in rmbc.select("a"))
    lac = soup.select_one("dt#term-lac").find_next_sibling("dd")
    assert "Not used elsewhere in the report." in lac.get_text()
    edition = soup.select_one("h2#edition-terms")
    assert edition and soup.select_one("dt#term-dclg").find_previous("h2") is edition
    assert "The edition's explanation" in soup.select_one("dt#term-dclg").find_next_sibling("dd").get_text()


def test_a_hostile_expansion_stays_text_in_both_titles():
    import markdown
    hostile = 'A "q" } { #x } <b> &amp; --8<-- x __y__ *z* [w]'
    md = render("see AB here", small("AB", hostile), url="g.md")
    soup = BeautifulSoup(markdown.markdown(md, extensions=["attr_list"]), "html.parser")
    a = soup.select_one("a")
    assert a["title"] == hostile and a.select_one("abbr")["title"] == hostile
    assert a["id"] == "use-term-ab" and a.get_text() == "AB"
    assert soup.get_text() == "see AB here"
    assert "{" not in attribute_value("{x}")


# ---------------------------------------------------------------------------------- who is which term
@pytest.mark.parametrize("text, marked", [
    pytest.param("The IT systems supporting social workers", ["IT"], id="it-in-running-text"),
    pytest.param("a restructure of IT services", ["IT"], id="it-before-a-word"),
    pytest.param("he was unsuccessful in securing a job in the restructure of IT, no suitable", ["IT"], id="it-comma"),
    pytest.param("DOES IT HAVE THE CAPACITY TO DO SO?", [], id="it-the-pronoun-in-a-title"),
    pytest.param("WHAT HAPPENED IN ROTHERHAM AND WHY IT MATTERS", [], id="it-at-a-title-end"),
    pytest.param("through ASBOS and Housing Act injunctions", ["ASBOS"], id="capital-plural"),
    pytest.param("nightclubs, hotels, B&Bs etc.", ["B&Bs"], id="ampersand-term-plural"),
    pytest.param("Michele Harris, MBC", [], id="mbc-is-no-term"),
    pytest.param("ITS FUNCTIONS", [], id="its-in-a-title-is-no-plural-of-it"),
    pytest.param("CSE and LSCBs", ["CSE", "LSCBs"], id="plain"),
])
def test_which_words_are_terms(doc, text, marked):
    from scripts.terms import term_matches
    assert [text[a:b] for a, b, _ in term_matches(text, doc.glossary)] == marked


@pytest.mark.parametrize("text, term", [
    ("through ASBOS and", "ASBO"),
    ("the DCS was", "DCS"),        # a term of its own, not "DC" + plural
    ("the CPS and", "CPS"),
    ("CAMHS staff", "CAMHS"),
])
def test_a_capital_s_is_a_plural_only_where_no_longer_term_fits(doc, text, term):
    from scripts.terms import term_matches
    [(_, _, found)] = term_matches(text, doc.glossary)
    assert found == term


def test_every_capitalised_word_is_a_term_or_left_alone_on_purpose(doc, edition):
    """The check the build runs (annotate.glossary.check_every_abbreviation), over the report:
    each word with two capitals that no term marks is one of the [[not_terms]] entries, each of
    which is applied; and an unlisted one stops the build."""
    from scripts.annotate.glossary import unmarked_texts
    from scripts.chars import CAPITALISED_WORD, in_capitals
    left = {m.group(0) for c in doc.chapters for _, t in unmarked_texts(c) for m in CAPITALISED_WORD.finditer(t)
            if not (in_capitals(t, m.start(), m.end()) and m.group(0).isupper())}
    listed = {e.word for e in edition.editorial.of("not_terms")}
    assert left == listed == {"MBC", "KPMG", "GROW", "XX", "XXX", "RLCSB", "OK", "McDonalds", "McDonnell"}


def test_an_unlisted_capitalised_word_stops_the_build(doc):
    from scripts.annotate.glossary import check_every_abbreviation
    from scripts.model import Block, BlockKind, Chapter, EditRecord, Provenance
    from scripts.registry import PassContext
    chapter = Chapter("T", "t", "", [Block(BlockKind.PARAGRAPH, ["the new ZXQ scheme"], Provenance("s", 1, 1, 1, 1))],
                      Provenance("s", 1, 1, 1, 1))
    fake = type(doc)("s", chapters=[chapter], glossary=doc.glossary)
    with pytest.raises(EditorialError, match="ZXQ"):
        check_every_abbreviation(fake, PassContext(parse_editorial({}, "seeds/x.toml"), EditRecord().scope("t")))
