"""What machines read, read by other tools than ours: extruct (the JSON-LD and OpenGraph, as
search engines read them) and lxml (the `citation_*` tags, as Zotero and Google Scholar read
them), on every chapter page; a canonical address on every page; a sitemap of every page."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.conftest import published_pages


def chapter_files(edition):
    from scripts.site import urls
    return [(c, urls.html_path(urls.chapter_page(edition, c))) for c in edition.report.chapters]


def extracted(site, page: str, url: str) -> dict:
    import extruct
    return extruct.extract((site / page).read_text(encoding="utf-8"), base_url=url,
                           syntaxes=["json-ld", "opengraph"], uniform=True)


def highwire(site, page: str) -> dict[str, list[str]]:
    import lxml.html
    tree = lxml.html.fromstring((site / page).read_bytes())
    out: dict[str, list[str]] = {}
    for meta in tree.xpath('//head/meta[starts-with(@name, "citation_")]'):
        out.setdefault(meta.get("name"), []).append(meta.get("content"))
    return out


def test_every_chapter_page_is_a_chapter_of_the_report_for_schema_org(site, edition):
    m = edition.report_meta
    for c, page in chapter_files(edition):
        url = edition.site_url + page
        (ld,) = extracted(site, page, url)["json-ld"]
        assert ld["@type"] == "Chapter" and ld["name"] == c.title and ld["url"] == url
        assert (ld["pageStart"], ld["pageEnd"]) == c.printed_range
        report = ld["isPartOf"]
        assert report["@type"] == "Report" and report["name"] == m.title
        assert report["datePublished"] == m.date and report["license"] == m.licence_url
        assert report["publisher"]["name"] == m.publisher
        assert [a["familyName"] for a in report["author"]] == [f for f, _ in m.authors]
        assert report["isBasedOn"]["encodingFormat"] == "application/pdf"
        assert "url" not in report["isBasedOn"]           # the metadata records no PDF address


def test_the_home_page_is_the_report(site, edition):
    (ld,) = extracted(site, "index.html", edition.site_url + "index.html")["json-ld"]
    assert ld["@type"] == "Report" and ld["name"] == edition.report_meta.title
    assert ld["copyrightNotice"] == edition.report_meta.attribution


def test_every_chapter_page_has_the_highwire_tags_scholar_and_zotero_read(site, edition):
    m = edition.report_meta
    for c, page in chapter_files(edition):
        tags = highwire(site, page)
        assert tags["citation_title"] == [m.title]
        assert tags["citation_author"] == [f"{f}, {g}" for f, g in m.authors]
        assert tags["citation_publisher"] == [m.publisher]
        assert tags["citation_publication_date"] == [m.date.replace("-", "/")]
        assert tags["citation_firstpage"] == [str(c.printed_range[0])]
        assert tags["citation_lastpage"] == [str(c.printed_range[1])]
        assert tags["citation_public_url"] == [edition.site_url + page]
        assert "citation_pdf_url" not in tags


def test_every_page_has_its_canonical_address_and_a_preview(site, edition):
    import lxml.html
    for page in published_pages(edition):
        tree = lxml.html.fromstring((site / page).read_bytes())
        assert tree.xpath('//link[@rel="canonical"]/@href') == [edition.site_url + page], page
        og = extracted(site, page, edition.site_url + page)["opengraph"][0]
        assert og["og:url"] == edition.site_url + page and og["og:title"] and og["og:site_name"]


def test_the_sitemap_lists_every_page(site, edition):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert sorted(locs) == sorted(edition.site_url + p for p in published_pages(edition))


@pytest.mark.parametrize("bad", ["http://x.example/", "https://x.example", "https://x.example/a b/", "/local/",
                                 "https://x.example/<script>/"])
def test_site_url_must_be_an_https_folder(bad, tmp_path):
    from scripts.errors import BuildError
    from scripts.pipeline import edition_release
    from tests.conftest import ROOT
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(text.replace('site_url = "https://casey-report.example/"',
                                                          f'site_url = "{bad}"'), encoding="utf-8")
    with pytest.raises(BuildError, match="site_url"):
        edition_release(tmp_path)
