"""A news article's web furniture labelled as a layer of its own, and the scrape's damage noted:
on the real article against the list written by hand (tests/data/press_expected.toml), on
constructed pages for each rule (with the text that must stay the article's), and on the built
page: no furniture in the article's text, every word of the article in it, every line in the
page as captured."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.clean import furniture as f
from scripts.editorial import Editorial, parse_editorial
from scripts.errors import EditorialError, FidelityError
from scripts.model import BlockKind, Glossary
from scripts.pipeline import run_article
from scripts.seeds import SeedText
from scripts.site import urls
from scripts.verify.audit import audit_article
from scripts.verify.site import set_aside
from tests.conftest import ROOT

EXPECTED = tomllib.loads((ROOT / "tests" / "data" / "press_expected.toml").read_text(encoding="utf-8"))
#: the hand-written list's kinds -> the labeller's
KINDS = {"caption-duplicate": {f.CAPTION, f.CAPTION_AGAIN}, "have-your-say": {f.PROMPT},
         "related-headline": {f.HEADLINE}, "glued-headline": {f.GLUED},
         "other-stories-heading": {f.OTHER_STORIES}, "other-story": {f.OTHER_STORIES}}


def article(lines: list[str], editorial: Editorial | None = None):
    seed = SeedText(Path("a.txt"), "\n".join(lines) + "\n", sha256="")
    return run_article(seed, "a.txt", Glossary(), editorial)


@pytest.fixture(scope="module")
def press(edition):
    return edition.articles[0]


def test_the_real_articles_furniture_is_the_hand_written_list(press):
    got = {}
    for b in press.doc.blocks:
        if b.layer == f.FURNITURE:
            got[b.source_lines[0]] = b
    want = {e["line"]: e for e in EXPECTED["furniture"]}
    assert sorted(got) == sorted(want)
    for line, e in want.items():
        assert got[line].furniture in KINDS[e["kind"]], (line, got[line].furniture)
        if e["kind"] == "glued-headline":
            point = next(b for b in press.doc.blocks if b.source_lines[0] == line and b.layer != f.FURNITURE)
            assert point.printed_marker + point.text == "*" + e["article_part"]
            assert point.kind is BlockKind.LIST_ITEM


def test_the_real_articles_damage_is_the_hand_written_list(press):
    got = {b.source_lines[0]: b.damage for b in press.doc.blocks if b.damage}
    assert got == {e["line"]: {"cut-sentence": "cut", "lost-list": "lost list"}[e["kind"]] for e in EXPECTED["damage"]}


def test_every_line_the_scrape_kept_is_a_block_on_one_layer_or_the_other(press):
    """Furniture and article together are the seed's lines, every character (the audit checks
    the page; this, the model)."""
    by_line: dict[int, str] = {}
    for b in press.doc.blocks:
        by_line[b.source_lines[0]] = by_line.get(b.source_lines[0], "") + b.printed_marker + b.text
    for i, raw in enumerate(press.doc.raw_lines, 1):
        if raw.strip():
            assert "".join(by_line[i].split()) == "".join(raw.split()), i


CASES = [
    # (lines after the headline and a blank line, so the first is line 3; {line: label} expected)
    pytest.param(["A caption", "A caption", "", "The article says so."], {3: f.CAPTION, 4: f.CAPTION_AGAIN},
                 id="caption-twice"),
    pytest.param(["The council met.", "", "The council met."], {}, id="same-sentence-twice-apart-is-not-a-caption"),
    pytest.param(["Have your say", "", "People should have your say in it."], {3: f.PROMPT}, id="prompt"),
    pytest.param(["It said: Read more of the report.", ""], {}, id="prompt-words-in-a-sentence"),
    pytest.param(["It rained.", "", "Headline one here", "", "Headline two there", "", "It stopped."],
                 {5: f.HEADLINE, 7: f.HEADLINE}, id="run-of-headlines"),
    pytest.param(["It rained.", "", "A crosshead alone", "", "It stopped."], {}, id="one-crosshead-is-kept"),
    pytest.param(["It rained.", "", "* Read today’s other stories:", "", "Ice on pavements", "", "More news"],
                 {5: f.OTHER_STORIES, 7: f.OTHER_STORIES, 9: f.OTHER_STORIES}, id="other-stories-to-the-end"),
    pytest.param(["It rained.", "", "*Roads closed ROADS SHUT across the county", "", "*Schools open", "",
                  "ROADS SHUT across the county", "", "Snow expected tomorrow"],
                 {5: f.GLUED, 9: f.HEADLINE, 11: f.HEADLINE}, id="glued-headline-known-elsewhere"),
    pytest.param(["It rained.", "", "*Roads closed as snow fell"], {}, id="key-point-alone-is-the-articles"),
]


@pytest.mark.parametrize("lines,want", CASES)
def test_each_rule_labels_its_furniture_and_nothing_else(lines, want):
    doc = article(["The headline of the piece", ""] + lines)
    got = {b.source_lines[0]: b.furniture for b in doc.blocks if b.layer == f.FURNITURE}
    assert got == want
    assert doc.blocks[0].kind is BlockKind.HEADING and doc.blocks[0].layer == ""


@pytest.mark.parametrize("lines,want", [
    (["He said the council exercises its", "", "Next."], {3: "cut"}),
    (["He said the council did,", "", "Next."], {3: "cut"}),
    (["He said “it is over.”", "", "Next."], {}),
    (["The rest is known ‘as said’", "", "Next."], {}),
    (["The report found:", "", "", "Something else entirely."], {3: "lost list"}),
    (["The report found:", "", "“It is failing.”"], {}),
    (["The report found:", "", "*One thing"], {}),
])
def test_the_scrapes_damage_is_noted_never_mended(lines, want):
    doc = article(["The headline", ""] + lines)
    assert {b.source_lines[0]: b.damage for b in doc.blocks if b.damage} == want
    assert [b.text for b in doc.blocks if b.layer == ""][1:2] == [lines[0].lstrip("*")]  # the words, as scraped


def test_an_editorial_entry_settles_a_glued_headline_no_rule_sees():
    lines = ["The headline", "", "It rained.", "", "*Leader Ann Lee has resigned Leader quits over report"]
    plain = article(lines)
    assert [b.layer for b in plain.blocks] == ["", "", ""]
    ed = parse_editorial({"furniture": [{"text": "Leader quits over report", "reason": "not repeated on the page"}]},
                         "a.editorial.toml")
    doc = article(lines, ed)
    assert [(b.text, b.layer) for b in doc.blocks[2:]] == [("Leader Ann Lee has resigned", ""),
                                                           ("Leader quits over report", f.FURNITURE)]


def test_an_editorial_entry_that_matches_nothing_stops_the_build():
    ed = parse_editorial({"furniture": [{"text": "No such words", "reason": "r"}]}, "a.editorial.toml")
    article(["The headline", "", "It rained."], ed)
    with pytest.raises(EditorialError, match="never applied"):
        ed.require_all_used()                 # as load_edition does, once the quotations are linked


# --- the built page -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page(site, press):
    return BeautifulSoup((site / urls.html_path(urls.article_page(press))).read_text(encoding="utf-8"), "html.parser")


def test_no_furniture_in_the_articles_text_and_all_of_it_in_the_page_as_captured(page, press):
    body = BeautifulSoup(str(page.select_one("article.md-content__inner")), "html.parser")
    captured = body.select_one("details.as-captured")
    lines = [li for li in captured.select("ol.captured-lines > li")]
    assert [int(li["value"]) for li in lines] == [i for i, r in enumerate(press.doc.raw_lines, 1) if r.strip()]
    marked = [li for li in lines if li.select_one("span.furniture")]
    assert len(marked) == len(EXPECTED["furniture"])
    captured.decompose()
    for note in body.select(".editorial-note"):
        note.decompose()                                 # the edition's words, which name the furniture
    text = body.get_text()
    for e in EXPECTED["furniture"]:
        if e.get("article_part"):
            glued = e["text"].removeprefix(e["article_part"]).strip()
            assert e["article_part"] in text and glued not in text, e["line"]   # the key point, not its headline
        elif e["kind"] != "related-headline":
            assert e["text"] not in text, e["line"]
    # a related headline may repeat an article's words; none stands as a block of its own
    blocks = {" ".join(el.get_text().split()) for el in body.select("p, li")}
    assert not blocks & {e["text"] for e in EXPECTED["furniture"]}


def test_the_page_says_what_it_is_and_notes_the_damage(page):
    note = page.select_one("article p.editorial-note").get_text(" ")
    assert "reproduced as captured" in note and "Not recorded in the text" in note and "inferred" in note
    notes = [p.get_text() for p in page.select("p.scrape-damage")]
    assert len(notes) == len(EXPECTED["damage"]) and all(n.startswith("[The edition:") for n in notes)


def test_the_audit_refuses_furniture_in_the_text_or_a_word_dropped(site, press, tmp_path):
    path = site / urls.html_path(urls.article_page(press))
    html = path.read_text(encoding="utf-8")
    audit_article(press.seed.text, "press", path, set_aside(press))            # the page as built: passes
    for label, bad in (("furniture shown as text", html.replace(
                            "<h1", "<p>Have your say</p><h1", 1)),
                       ("a word dropped", html.replace("whistleblowers", "", 1)),
                       ("a furniture line missing from the page as captured",
                        html.replace("Ice nightmare on Sheffield pavements", "", 1))):
        broken = tmp_path / "p.html"
        broken.write_text(bad, encoding="utf-8")
        with pytest.raises(FidelityError):
            audit_article(press.seed.text, "press", broken, set_aside(press))
        assert label
