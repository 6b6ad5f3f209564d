"""The press article's page, its quotations traced to the report and back: every quotation of the
hand-written list (tests/data/press_expected.toml) in the page's table and in the published
JSON with its verdict; every link from a quotation to the report's block, and from the block
back to the article's passage, lands; the speaker changes are shown; and a second article,
added with its metadata only, builds with its own page, table and JSON."""
from __future__ import annotations

import hashlib
import json
import tomllib

import pytest
from bs4 import BeautifulSoup

from scripts.build import Reporter, build, copy_build_inputs
from scripts.site import urls
from tests.conftest import ROOT

EXPECTED = tomllib.loads((ROOT / "tests" / "data" / "press_expected.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def press(edition):
    return edition.articles[0]


@pytest.fixture(scope="module")
def data(site, press):
    return json.loads((site / urls.quotes_data_path(press)).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page(site, press):
    return BeautifulSoup((site / urls.html_path(urls.article_page(press))).read_text(encoding="utf-8"), "html.parser")


def test_the_json_holds_every_quotation_with_its_verdict_and_block(data, edition):
    got = [(q["article_line"], q["text"], q["verdict"]) for q in data["quotations"]]
    want = [(e["line"], e["text"], e["verdict"]) for e in EXPECTED["quotation"]]
    assert got == want
    blocks = {b.anchor: b for b in edition.report.blocks if b.locator}
    chapter_of = {b.anchor: c for c in edition.report.chapters for b in c.blocks if b.locator}
    for q, e in zip(data["quotations"], EXPECTED["quotation"], strict=True):
        if e["verdict"] == "not-from-report":
            assert q["report"] == [] and q["report_text"] == ""
            continue
        first = q["report"][0]
        b = blocks[first["block_id"]]
        assert e["report_line"] in b.source_lines, (e["line"], e["text"])          # the block the data names
        page = urls.html_path(urls.chapter_page(edition, chapter_of[b.anchor]))
        assert first["address"] == f"{edition.site_url}{page}#{b.anchor}"
        assert first["number"] == b.locator and first["page"] == b.first_page.printed
    assert [q["given_to_the_report_but_not_in_it"] for q in data["quotations"]] == [
        e["attributed_to_report"] for e in EXPECTED["quotation"]]
    assert [q["in_furniture"] for q in data["quotations"]] == [e.get("in_furniture", False)
                                                               for e in EXPECTED["quotation"]]


def test_the_json_gives_each_quotations_passage_in_the_article(data, page, edition, press):
    here = f"{edition.site_url}{urls.html_path(urls.article_page(press))}"
    for q in data["quotations"]:
        if q["in_furniture"]:
            assert q["article_block_id"] is None and q["article_address"] is None      # no passage of the text
            continue
        anchor = q["article_block_id"]
        assert q["article_address"] == (f"{here}#{anchor}" if anchor else here)
        if anchor:                                      # "" for the headline: the page itself
            assert q["text"] in " ".join(page.find(id=anchor).get_text().split()) or q["nested"], q["text"]


def test_the_pages_table_lists_every_quotation_in_order(page):
    table = page.find(id="quotations").find_next("table")
    rows = table.select("tbody tr")
    assert len(rows) == len(EXPECTED["quotation"])
    verdicts = {"phrase": "a phrase", "not-from-report": "not from the report"}
    for row, e in zip(rows, EXPECTED["quotation"], strict=True):
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        assert cells[0].split()[0] == str(e["line"]) and cells[2] == verdicts.get(e["verdict"], e["verdict"])
        assert " ".join(cells[1].strip("‘’…").split()[:3]) == " ".join(e["text"].split()[:3])


def test_every_quotation_links_to_the_report_block_and_every_block_back(site, page, edition, press):
    here = urls.html_path(urls.article_page(press))
    links = [a["href"] for a in page.select("p.quote-sources a[href], table a[href]") if "report/" in a["href"]]
    assert len(links) >= sum(1 for e in EXPECTED["quotation"] if e["verdict"] != "not-from-report")
    for href in links:
        path, _, anchor = href.partition("#")
        target = BeautifulSoup((site / "press" / path).resolve().read_text(encoding="utf-8"), "html.parser")
        assert target.find(id=anchor) is not None and target.find(id=anchor).find("a", class_="block-number"), href
    back = 0
    for c in edition.report.chapters:
        chapter = site / urls.html_path(urls.chapter_page(edition, c))
        soup = BeautifulSoup(chapter.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a.quoted-in"):
            path, _, anchor = a["href"].partition("#")
            assert (chapter.parent / path).resolve() == (site / here).resolve()
            assert anchor == "" or page.find(id=anchor) is not None, a["href"]
            assert a.find_parent(id=True)["id"].startswith("p-")       # on the quoted block itself
            back += 1
    assert back == sum(len(b.quoted_in) for b in edition.report.blocks) > 20


def test_the_page_shows_where_the_speaker_changes(page):
    notes = [" ".join(p.get_text().split()) for p in page.select("p.speaker")]
    assert any("A spokesman for Rotherham Council" in n for n in notes)
    # the editorial file's reading of a speaker the article leaves unnamed, said to be the edition's
    assert any("the Secretary of State (the edition's reading: the article does not say)" in n for n in notes)
    assert any("A councillor" in n for n in notes)
    assert all(n.startswith("[The edition: speaking from here") for n in notes)


SECOND = """Council told to change

A photo of the town hall
A photo of the town hall

Have your say

The inspector's report said: “Rotherham Metropolitan Borough Council is not fit for purpose.”

She added that the council was in ‘denial’.

A council spokesman said: “We will study the report carefully.”

Related story one here
Related story two there
"""


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    root = copy_build_inputs(tmp_path_factory.mktemp("second-article"))
    (root / "seeds" / "second.txt").write_text(SECOND, encoding="utf-8")
    meta = {"seed": "second.txt", "kind": "article", "slug": "second-press", "title": "Council told to change",
            "author": "Not recorded", "publisher": "Not recorded", "date": "2015-02-05", "licence": "Not recorded",
            "source": "A constructed article for the tests.", "source_file": "second.txt",
            "sha256": hashlib.sha256(SECOND.encode()).hexdigest()}
    (root / "seeds" / "second.meta.toml").write_text(
        "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()), encoding="utf-8")
    edition = build(root, Reporter(quiet=True))
    return root, edition


def test_the_about_page_lists_the_furniture_and_the_articles_decisions(site, press):
    about = BeautifulSoup((site / "about.html").read_text(encoding="utf-8"), "html.parser")
    heading = about.find(id="press")
    table = heading.find_next("table")
    assert [int(r.find("td").get_text()) for r in table.select("tbody tr")] == [e["line"] for e in EXPECTED["furniture"]]
    words = " ".join(" ".join(s for s in heading.find_all_next(string=True)
                              if s.find_parent(id="sources") is None)[:20000].split())
    assert f"{len(EXPECTED['quotation'])} quotations found" in words
    assert "records two decisions, each applied" in words and "In line with procedures laid down" in words


@pytest.mark.site          # it builds a project of its own
def test_a_second_article_needs_only_its_metadata(second):
    root, edition = second
    site = root / "build" / "site"
    a = next(x for x in edition.articles if x.meta.seed == "second.txt")
    page = BeautifulSoup((site / urls.html_path(urls.article_page(a))).read_text(encoding="utf-8"), "html.parser")
    captured = page.select_one("details.as-captured")
    assert {li["value"] for li in captured.select("li.furniture")} == {"3", "4", "6", "14", "15"}
    rows = page.find(id="quotations").find_next("table").select("tbody tr")
    data = json.loads((site / urls.quotes_data_path(a)).read_text(encoding="utf-8"))
    assert [(q["text"], q["verdict"]) for q in data["quotations"]] == [
        ("Rotherham Metropolitan Borough Council is not fit for purpose.", "verbatim"),
        ("denial", "phrase"),
        ("We will study the report carefully.", "not-from-report")]
    assert len(rows) == 3
    body = BeautifulSoup(str(page.select_one("article")), "html.parser")
    body.select_one("details.as-captured").decompose()
    assert "Have your say" not in body.get_text() and "Related story one here" not in body.get_text()
