"""References: the documents the report cites, once each, with every place; Ibid. resolved."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from scripts.annotate import references
from scripts.editorial import parse_editorial
from scripts.errors import EditorialError, MetadataError


@pytest.mark.parametrize("text, found", [
    ("under section 10 of the Local Government Act 1999 to carry out", ["Local Government Act 1999"]),
    ("The Children’s Act 1989 requires", ["Children’s Act 1989"]),
    ("Section 29 of the Data Protection Act (1998) and", ["Data Protection Act 1998"]),
    ("the Anti-Social Behaviour, Crime and Policing Act 2014 gives", ["Anti-Social Behaviour, Crime and Policing Act 2014"]),
    ("Local Government and Public Involvement in Health Act 2007 and", ["Local Government and Public Involvement in Health Act 2007"]),
    ("the Act itself", []),
    ("Act 1999 alone", []),
    ("Section 2 of this report", []),
    ("Operation Czar in 2010", []),
])
def test_acts_are_found_by_their_names(text, found):
    assert [references.act_key(m.group("name"), m.group("year")) for m in references.ACT.finditer(text)] == found


def test_every_cited_document_once(doc):
    keys = [d.key for d in doc.documents]
    assert len(keys) == len(set(keys)) == 14
    assert {d.key for d in doc.documents if d.kind != "act"} == {
        "jay-report", "home-affairs-committee", "ofsted-thematic-report", "best-value-guidance", "census-2011"}
    jay = [c for c in doc.citations if c.key == "jay-report"]
    assert len(jay) >= 40 and any(c.note == 7 for c in jay)


def test_ibid_is_resolved_to_the_document_of_the_note_before(doc):
    [ibid] = [c for c in doc.citations if c.ibid]
    assert (ibid.note, ibid.key) == (3, "home-affairs-committee")
    assert any(c.note == 2 and c.key == "home-affairs-committee" for c in doc.citations)


def test_addresses_only_where_official(doc):
    for d in doc.documents:
        if d.url:
            assert d.kind == "act" and d.url.startswith("https://www.legislation.gov.uk/ukpga/") and d.url_source
    assert not any(d.url for d in doc.documents if d.kind != "act")


def test_the_act_the_report_misnames_keeps_both_names(doc):
    [d] = [d for d in doc.documents if d.key == "Children’s Act 1989"]
    assert d.title.startswith("Children Act 1989") and "The Children’s Act 1989" in d.title
    [c] = [c for c in doc.citations if c.key == d.key]
    assert c.note == 16 and c.words == "The Children’s Act 1989"


@pytest.mark.parametrize("entry, error, message", [
    ({"key": "x", "title": "X", "reason": "r", "phrases": ["never printed anywhere"]}, EditorialError, "cited nowhere"),
    ({"key": "x", "title": "X", "reason": "r", "phrases": ["Jay report"], "url": "https://example.org/"},
     MetadataError, "without `url_source`"),
    ({"key": "x", "title": "X", "phrases": ["Jay report"]}, MetadataError, "`reason` is missing"),
    ({"key": "x", "title": "X", "reason": "r", "phrases": ["Jay report"], "url": "javascript:alert(1)",
      "url_source": "s"}, MetadataError, "not an https address"),
    ({"key": "x", "title": "X", "reason": "r", "phrases": ["Jay (report"]}, MetadataError, "not a valid regular"),
])
def test_bad_reference_entries_are_refused(doc, entry, error, message):
    with pytest.raises(error, match=message):
        references.find_citations(doc, parse_editorial({"references": [entry]}, "seeds/x.editorial.toml"))


def test_references_page(site, doc):
    soup = BeautifulSoup((site / "references.html").read_text(encoding="utf-8"), "html.parser")
    titles = [h.get_text().rstrip("¶").strip() for h in soup.select("article h3")]
    assert sorted(titles) == sorted(d.title for d in doc.documents)
    jay = soup.select_one("h3#ref-jay-report").find_next("ul")
    hrefs = [a["href"] for a in jay.select("a")]
    assert any(h.endswith("#fn:7") for h in hrefs) and sum("#page-" in h for h in hrefs) > 20
    home = soup.select_one("h3#ref-home-affairs-committee").find_next("ul").get_text()
    assert "note 3 (“Ibid.”)" in home
    acts = soup.select_one("h2#acts").find_all_next("h3")
    years = [int(t.get_text().rstrip("¶").split("(")[0].strip()[-4:]) for t in acts]
    assert years == sorted(years)


def test_chapter_titles_that_start_with_a_number_stay_text(site, doc):
    """'2. IS THE COUNCIL…' at the start of a list item must not become a nested numbered list."""
    soup = BeautifulSoup((site / "references.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select("article ol") == []
    titles = [c.title for c in doc.chapters]
    items = soup.select("article li")
    assert items and all(any(li.get_text().startswith(t + ":") for t in titles) for li in items)
    assert any(li.get_text().startswith("2. IS THE COUNCIL") for li in items)
