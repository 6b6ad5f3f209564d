"""Links: every internal link and anchor of the built HTML resolves; every page is reachable."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.verify.links import check_links, resolve


def test_every_link_and_anchor_in_the_built_site_resolves(site):
    assert [str(b) for b in check_links(site)] == []


def test_the_site_has_the_links_a_reader_needs(site):
    """Not a vacuous pass: the check saw the footnote, navigation and chapter links."""
    from scripts.verify.links import read_page
    links = read_page(site / "report" / "an-unhealthy-culture.html").links
    hrefs = [u for tag, u in links if tag == "a"]
    assert any(u.startswith("#fn:") for u in hrefs) and any(u.startswith("#fnref:") for u in hrefs)
    assert "the-race-issue.html" in hrefs
    # the navigation: its own part's chapters, each other part's first chapter, the edition's pages
    assert {"what-happened-in-rotherham-and-why-it-matters.html", "treatment-of-victims.html", "foreword.html",
            "section-two-rotherham-today.html", "annex-a-serious-case-review-into-child-s.html",
            "../glossary.html", "../about.html"} <= set(hrefs)
    assert sum(1 for u in hrefs if u.endswith(".html")) > 20


@pytest.mark.parametrize("page, url, expected", [
    ("report/a.html", "b.html#x", ("report/b.html", "x")),
    ("report/a.html", "../index.html", ("index.html", "")),
    ("report/a.html", "#fn:6", ("report/a.html", "fn:6")),
    ("report/a.html", "../", ("index.html", "")),
    ("404.html", "/assets/x.css", ("assets/x.css", "")),
    ("index.html", "report/b.html#page-45", ("report/b.html", "page-45")),
    ("index.html", "https://www.gov.uk/x", None),
    ("index.html", "//cdn.example/x.js", None),
])
def test_resolve(page, url, expected):
    assert resolve(page, url) == expected


@pytest.fixture
def site_copy(site, tmp_path) -> Path:
    return Path(shutil.copytree(site, tmp_path / "site"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old, new, reason", [
    ('href="#fn:8"', 'href="#fn:99"', "no id 'fn:99'"),
    ('href="the-race-issue.html"', 'href="the-race-issues.html"', "no file report/the-race-issues.html"),
    ("</body>", '<script src="https://cdn.example/x.js"></script></body>', "loads from another host"),
    ("</head>", '<link rel="stylesheet" href="//fonts.example/f.css"></head>', "loads from another host"),
    ("</body>", '<a href="../../outside.html">x</a></body>', "points outside the site"),
])
def test_a_broken_link_is_reported(site_copy, old, new, reason):
    edit(site_copy / "report" / "an-unhealthy-culture.html", old, new)
    broken = check_links(site_copy)
    assert len(broken) >= 1 and all(reason in b.reason for b in broken), [str(b) for b in broken]
    assert broken[0].page == "report/an-unhealthy-culture.html"


def test_a_page_no_link_reaches_is_reported(site_copy):
    (site_copy / "report" / "orphan.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    assert [str(b) for b in check_links(site_copy)] == [
        "report/orphan.html: <-> report/orphan.html: no link from index.html reaches this page"]


@pytest.mark.parametrize("link", [
    '<a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">OGL</a>',
    '<a href="mailto:someone@example.invalid">mail</a>',
    '<img alt="" src="data:image/png;base64,iVBORw0KGgo=">',
])
def test_links_that_load_nothing_from_another_host_pass(site_copy, link):
    edit(site_copy / "index.html", "</body>", link + "</body>")
    assert check_links(site_copy) == []


@pytest.mark.parametrize("html", [
    '<meta name="edition-redirect" content="b.html"><a name="x" href="#y">a</a><p id="y"></p>',
    '<link rel="canonical" href="https://e.example/"><link rel="canonical stylesheet" href="a.css">'
    '<img src="i.png" id=""><script src="s.js"></script><object data="o"></object><a>no href</a>',
    '<META NAME="edition-redirect"><A NAME=n HREF=z.html>x</A><iframe src="f.html" id="f"></iframe>',
    '<meta name="Edition-Redirect"><video src="v.mp4"></video><source src="s.webm"><audio src="a.ogg"></audio>',
])
def test_one_walk_of_a_tree_finds_the_ids_links_and_redirect_the_searches_found(html):
    """read_tree (one walk) finds what find_all and select_one found, in the same order."""
    from bs4 import BeautifulSoup

    from scripts.verify.links import LINK_ATTRIBUTES, read_tree
    soup = BeautifulSoup(html, "html.parser")
    ids = {el["id"] for el in soup.find_all(id=True)} | {el["name"] for el in soup.find_all("a", attrs={"name": True})}
    found = [(el.name, el[attr]) for el in soup.find_all(list(LINK_ATTRIBUTES))
             if (attr := LINK_ATTRIBUTES[el.name]) in el.attrs and el.get("rel") != ["canonical"]]
    reader = read_tree(soup)
    assert (reader.ids, reader.links) == (ids, found)
    assert reader.redirect == (soup.select_one('meta[name="edition-redirect"]') is not None)
