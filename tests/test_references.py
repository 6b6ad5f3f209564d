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


@pytest.mark.parametrize("rule, text, keys", [
    # the year first, the name in lower case
    ("act, year first", "were set up in accordance with the 2003 licensing act as a forum", ["Licensing Act 2003"]),
    ("act, year first", "in 2003 the act was", []),
    ("act, year first", "the 2014 Act gives", []),                         # no name
    # a case: names either side of "v"
    ("case", "The case of Birmingham City Council v Riaz & Others has demonstrated",
     ["Birmingham City Council v Riaz"]),
    ("case", "In Smith v Jones the court", ["Smith v Jones"]),
    ("case", "a choice of tea v coffee", []),
    ("case", "Council v the police", []),
    # a review or inspection named with its subject
    ("named review", "Serious Case Review into the death of Child S", ["Serious Case Review, Child S"]),
    ("named review", "The Serious Case Review following the death of Child S, published", ["Serious Case Review, Child S"]),
    ("named review", "the Serious Case Review (SCR) of Child S", ["Serious Case Review, Child S"]),
    ("named review", "a 2010 Lessons Learned Review following Operation Central", ["Lessons Learned Review, Operation Central"]),
    ("named review", "The Corporate Governance Inspection of 2002 found", ["Corporate Governance Inspection, 2002"]),
    ("named review", "Nor was a Serious Case Review undertaken", []),
    ("named review", "previous Serious Case Reviews have", []),
    ("named review", "a review of the service", []),
    # a title quoted in full
    ("quoted title", "Their report, ‘Inspection of services for children in need’ was published",
     ["Inspection of services for children in need"]),
    ("quoted title", "the ‘Report on Organisations Delivering Services’. The", ["Report on Organisations Delivering Services"]),
    ("quoted title", "it was ‘a good report’", []),
    # a report with its month and year first
    ("report, month first", "(September 2013 Barnardo’s report, December 2013 LSCB diagnostic report, November 2013 "
     "HMIC Report", ["Barnardo’s report, September 2013", "LSCB diagnostic report, December 2013",
                     "HMIC report, November 2013"]),
    ("report, month first", "in September 2013 the report said", []),
    # a report to a body, on a day
    ("report on a day", "A report to the Audit Committee on 17th September 2014 identifies",
     ["Report to the Audit Committee, 17 September 2014"]),
    ("report on a day", "contained in the Cabinet Report on 3rd September 2014", ["Cabinet Report, 3 September 2014"]),
    ("report on a day", "reviewed a report prepared for SLT on 19th December 2011", ["Report to the SLT, 19 December 2011"]),
    ("report on a day", "reported on 3rd September 2014", []),
    ("report on a day", "a report on the service", []),
    # an annual report, an inspection and an audit with their dates
    ("annual report", "appeared in the LSCB annual report 2009/10", ["LSCB Annual Report 2009/10"]),
    ("annual report", "the annual report 2009/10", []),
    ("dated inspection", "2009 OFSTED annual unannounced inspection of contact, referral and assessment arrangements",
     ["OFSTED annual unannounced inspection of contact, referral and assessment arrangements, 2009"]),
    ("dated inspection", "in 2009 OFSTED found", []),
    ("dated audit", "An audit of CSE cases in January 2014, carried out by", ["Audit of CSE cases, January 2014"]),
    ("dated audit", "an audit of files was done", []),
])
def test_each_rule_finds_the_documents_that_name_themselves(rule, text, keys):
    [r] = [r for r in references.RULES if r.name == rule]
    assert [r.key(m) for m in r.pattern.finditer(text)] == keys


#: the six the proofreading named, and where the report cites them (printed page, or note)
PROOFREAD = [
    pytest.param("Serious Case Review, Child S", "document", {39, 45, 70, 135, 136, 144, 145, "n12"}, id="scr-child-s"),
    pytest.param("Lessons Learned Review, Operation Central", "document", {39, 52, 57, 144}, id="lessons-learned-2010"),
    pytest.param("Inspection of services for children in need of help and protection, children looked after and care "
                 "leavers and Review of the effectiveness of the Local Safeguarding Children Board", "document",
                 {87, 89, 120}, id="ofsted-2014"),
    pytest.param("OFSTED annual unannounced inspection of contact, referral and assessment arrangements, 2009",
                 "document", {89}, id="ofsted-2009"),
    pytest.param("Licensing Act 2003", "act", {115}, id="licensing-act-2003"),
    pytest.param("Birmingham City Council v Riaz", "case", {151}, id="riaz"),
]


@pytest.mark.parametrize("key, kind, pages", PROOFREAD)
def test_the_documents_the_proofreading_missed_are_cited_where_the_report_cites_them(doc, key, kind, pages):
    [d] = [d for d in doc.documents if d.key == key]
    assert d.kind == kind
    assert {c.page if c.note is None else f"n{c.note}" for c in doc.citations if c.key == key} == pages


def test_the_case_has_its_citation(doc):
    [d] = [d for d in doc.documents if d.kind == "case"]
    assert d.title == "Birmingham City Council v Riaz & Others"
    assert "[2014] EWHC 4247 (Fam)" in d.citation and "Keehan J" in d.citation
    [c] = [c for c in doc.citations if c.key == d.key]
    assert c.words == "Birmingham City Council v Riaz & Others"


@pytest.mark.parametrize("words", [
    "Nor was a Serious Case Review undertaken",       # no particular review
    "previous Serious Case Reviews",
    "how many Serious Case Reviews arise",
    "the OFSTED report in 2009",                      # ambiguous: left uncited
    "on the Operation Central lessons learnt",         # a conference, not the review
])
def test_general_mentions_are_no_citations(doc, words):
    text = " ".join(" ".join(b.text.split()) for b in doc.blocks)
    assert words in text
    assert references.citations_in(words, doc.documents) == []


def test_every_cited_document_once(doc):
    keys = [d.key for d in doc.documents]
    assert len(keys) == len(set(keys)) == 37
    kinds = {k: sum(d.kind == k for d in doc.documents) for k in ("act", "case", "document")}
    assert kinds == {"act": 10, "case": 1, "document": 26}
    jay = [c for c in doc.citations if c.key == "jay-report"]
    assert len(jay) >= 40 and any(c.note == 7 for c in jay)
    assert {c.words for c in jay} >= {"Jay Review", "Independent Inquiry into CSE in Rotherham"}


def test_ibid_is_resolved_to_the_document_of_the_note_before(doc):
    [ibid] = [c for c in doc.citations if c.ibid]
    assert (ibid.note, ibid.key) == (3, "home-affairs-committee")
    assert any(c.note == 2 and c.key == "home-affairs-committee" for c in doc.citations)


@pytest.mark.parametrize("entry, message", [
    ({"key": "x", "title": "X", "reason": "r", "phrases": ["Jay report"], "citation": "[2014] EWHC 1"},
     "`citation` is for a court case"),
    ({"key": "x", "title": "X", "reason": "r", "phrases": ["Jay report"], "kind": "statute"}, "one of"),
])
def test_a_citation_belongs_to_a_case(doc, entry, message):
    with pytest.raises(MetadataError, match=message):
        references.find_citations(doc, parse_editorial({"references": [entry]}, "seeds/x.editorial.toml"))


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
