"""Citations in five formats, each checked against the style's own pattern and read back by the
tools readers use: BibTeX by bibtexparser, RIS by rispy (as Zotero, EndNote and Mendeley import
it), CSL-JSON by citeproc-py (a CSL processor). Only facts the metadata holds go in."""
from __future__ import annotations

import datetime
import json

import pytest

from scripts.site import cite

WORK = cite.Work("Report of Inspection of Rotherham Metropolitan Borough Council", (("Casey", "Louise"),),
                 "Department for Communities and Local Government", "2015-02-04", "https://casey-report.example/")
DAY = datetime.date(2026, 12, 1)
BLOCK = cite.Locus("https://casey-report.example/report/treatment-of-victims.html#p-victims-who-bravely-spoke-to",
                   56, 56, False, "TREATMENT OF VICTIMS", "14.3")
SPAN = cite.Locus("https://casey-report.example/report/x.html#p-a", 111, 112, True, "X", "20.4")
CHAPTER = cite.Locus("https://casey-report.example/report/treatment-of-victims.html", 56, 62, False,
                     "TREATMENT OF VICTIMS")
REPORT = cite.Locus("https://casey-report.example/index.html")
ANONYMOUS = cite.Work("A Report", (), "A Publisher", "2015-02-04", "https://casey-report.example/")


def test_oscola_official_report_with_pinpoint_address_and_date_accessed():
    # OSCOLA 4th ed.: author, title (publisher year) pinpoint <URL> accessed date
    assert cite.oscola(WORK, BLOCK, DAY) == (
        "Louise Casey, Report of Inspection of Rotherham Metropolitan Borough Council (Department for Communities "
        "and Local Government 2015) 56, reading edition para 14.3 "
        "<https://casey-report.example/report/treatment-of-victims.html#p-victims-who-bravely-spoke-to> "
        "accessed 1 December 2026")
    assert cite.oscola(WORK, CHAPTER, DAY).endswith(
        "2015) 56–62 (‘TREATMENT OF VICTIMS’) <https://casey-report.example/report/treatment-of-victims.html> "
        "accessed 1 December 2026")
    assert cite.oscola(WORK, REPORT) == ("Louise Casey, Report of Inspection of Rotherham Metropolitan Borough "
                                         "Council (Department for Communities and Local Government 2015) "
                                         "<https://casey-report.example/index.html> accessed [date]")


def test_harvard_cite_them_right_reference_and_in_text_citation():
    text = cite.harvard(WORK, BLOCK, DAY)
    assert text.split("\n") == [
        "Casey, L. (2015) Report of Inspection of Rotherham Metropolitan Borough Council. "
        "Department for Communities and Local Government, p. 56. Available at: "
        "https://casey-report.example/report/treatment-of-victims.html#p-victims-who-bravely-spoke-to "
        "(Accessed: 1 December 2026).",
        "In the text: (Casey, 2015, p. 56)"]
    assert cite.harvard(WORK, SPAN, DAY).endswith("(Casey, 2015, pp. 111–112 [page number inferred])")
    assert "(Accessed: [date])" in cite.harvard(WORK, REPORT)


def test_an_inferred_page_says_so_in_every_format():
    for key, text in cite.citations(WORK, SPAN, DAY).items():
        assert "inferred" in text, key
    for key, text in cite.citations(WORK, BLOCK, DAY).items():
        assert "inferred" not in text, key


def test_bibtex_reads_back_with_its_fields():
    import bibtexparser
    library = bibtexparser.parse_string(cite.bibtex(WORK, SPAN, DAY))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "techreport" and entry.key == "casey2015-20.4"
    fields = {f.key: f.value for f in entry.fields}
    assert fields["author"] == "Casey, Louise"
    assert fields["institution"] == "Department for Communities and Local Government"
    assert fields["year"] == "2015" and fields["pages"] == "111--112" and fields["urldate"] == "2026-12-01"
    assert fields["url"] == SPAN.url
    assert fields["note"] == "Reading edition para 20.4; page number inferred"


def test_bibtex_escapes_what_tex_would_act_on():
    odd = cite.Work("Costs & 50% of {all} #1_a $x", (("O’Brien", "Ann"),), "A & B", "2015-02-04", "https://x.example/")
    text = cite.bibtex(odd, REPORT)
    assert r"title = {Costs \& 50\% of \{all\} \#1\_a \$x}" in text
    assert r"institution = {A \& B}" in text


def test_ris_reads_back_as_a_report():
    import rispy
    (entry,) = rispy.loads(cite.ris(WORK, SPAN, DAY))
    assert entry["type_of_reference"] == "RPRT"
    assert entry["authors"] == ["Casey, Louise"]
    assert entry["title"] == WORK.title and entry["publisher"] == WORK.publisher
    assert entry["year"] == "2015" and entry["start_page"] == "111" and entry["end_page"] == "112"
    assert entry["urls"] == [SPAN.url] and entry["access_date"] == "2026/12/01"
    assert cite.ris(WORK, SPAN, DAY).endswith("ER  - ")


def processed(locus: cite.Locus) -> str:
    """Our CSL-JSON, as a CSL processor renders it in the Cite Them Right Harvard style."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    data = json.loads(cite.csl_json(WORK, locus, DAY))
    style = CitationStylesStyle("harvard-cite-them-right", locale="en-GB", validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(data), formatter.plain)
    bib.register(Citation([CitationItem(data[0]["id"])]))
    (entry,) = [str(e) for e in bib.bibliography()]
    return entry


def test_csl_json_holds_the_report_as_data():
    data = json.loads(cite.csl_json(WORK, SPAN, DAY))
    assert data[0]["type"] == "report" and data[0]["page"] == "111-112"
    assert data[0]["issued"] == {"date-parts": [[2015, 2, 4]]} and data[0]["accessed"] == {"date-parts": [[2026, 12, 1]]}
    assert data[0]["author"] == [{"family": "Casey", "given": "Louise"}]


@pytest.mark.parametrize("locus", [BLOCK, SPAN, CHAPTER, REPORT], ids=["block", "pages", "chapter", "report"])
def test_our_harvard_is_what_a_citation_processor_makes_of_our_csl_json(locus):
    """citeproc-py with the style's own CSL definition, from the CSL-JSON we publish, gives our
    Harvard reference word for word: the two formats agree, and both follow the style."""
    assert cite.harvard(WORK, locus, DAY).split("\n")[0] == processed(locus)


def test_what_the_metadata_does_not_hold_is_left_out():
    texts = cite.citations(ANONYMOUS, cite.Locus("https://x.example/a.html"), DAY)
    assert texts["oscola"].startswith("A Report (A Publisher 2015)")
    assert texts["harvard"].startswith("A Report (2015). A Publisher.")
    assert "author" not in texts["bibtex"] and "pages" not in texts["bibtex"]
    assert "\nAU  -" not in texts["ris"] and "\nSP  -" not in texts["ris"] and "\nL1  -" not in texts["ris"]
    assert "author" not in json.loads(texts["csl"])[0] and "page" not in json.loads(texts["csl"])[0]
    with_pdf = cite.Work(*ANONYMOUS.__dict__.values())
    object.__setattr__(with_pdf, "pdf_url", "https://x.example/report.pdf")
    assert "\nL1  - https://x.example/report.pdf" in cite.ris(with_pdf, REPORT)


def test_without_a_date_accessed_the_data_formats_leave_the_field_out():
    texts = cite.citations(WORK, REPORT)
    assert "urldate" not in texts["bibtex"] and "Y2  -" not in texts["ris"]
    assert "accessed" not in json.loads(texts["csl"])[0]


def test_a_template_filled_as_the_script_fills_it_is_the_citation():
    locus = cite.Locus(BLOCK.url.split("#")[0] + "#" + cite.TOKENS["ID"], 56, 56, False, "TREATMENT OF VICTIMS",
                       cite.TOKENS["NUMBER"])
    for key, template in cite.templates(WORK, locus).items():
        filled = cite.fill(template, DAY, ID="p-victims-who-bravely-spoke-to", NUMBER="14.3")
        assert filled == cite.citations(WORK, BLOCK, DAY)[key], key
        assert "⟦" not in filled


@pytest.mark.parametrize("field", ["title", "publisher"])
def test_no_metadata_string_can_pass_for_a_stand_in(field):
    bad = cite.Work(**{**WORK.__dict__, field: "a ⟦ID⟧ b"})
    with pytest.raises(ValueError):
        bad.check()


def test_every_chapter_page_offers_every_format_for_itself_and_its_blocks(site, edition):
    from bs4 import BeautifulSoup

    from scripts.site import urls
    for c in edition.report.chapters:
        soup = BeautifulSoup((site / urls.html_path(urls.chapter_page(edition, c))).read_text(encoding="utf-8"),
                             "html.parser")
        section = soup.select_one(".cite-this")
        assert [p["data-format"] for p in section.select("pre.cite-text")] == list(cite.FORMATS)
        assert c.title in section.select_one('pre[data-format="oscola"]').get_text()
        templates = json.loads(soup.select_one(".cite-data")["data-templates"])
        spans = {a.get("data-pages", "") for a in soup.select("a.block-number")}
        assert spans == set(templates)
        assert all(set(t) == set(cite.FORMATS) for t in templates.values())
