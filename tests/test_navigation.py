"""The navigation every page carries stays the same size however long the report: the page's own
part chapter by chapter, at most seven parts in all (each other part one link), and a link to the
contents when parts are left out (overrides/partials/nav.html, Material's `navigation.prune`).

Tested on the built edition (five parts: all shown on every page) and on a site built with the
project's own configuration and templates from a navigation of 1 and of 40 parts."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.publish.mkdocs import build_site

ROOT = Path(__file__).resolve().parent.parent
WINDOW = 7
CHAPTERS = 3            # per part, in the constructed sites


def primary_nav(path: Path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")


def shown_parts(nav) -> list[str]:
    """The parts a page's navigation shows, in order: expanded (a label) or pruned (one link)."""
    out = []
    for li in nav.select(":scope > ul > li.md-nav__item--nested"):
        label = li.select_one(":scope > label.md-nav__link, :scope > a.md-nav__link")
        out.append(label.get_text(" ", strip=True))
    return out


def own_part_chapters(nav) -> list[str]:
    li = nav.select_one(":scope > ul > li.md-nav__item--active.md-nav__item--nested")
    if li is None:
        return []
    return [a.get_text(" ", strip=True) for a in li.select(":scope > nav > ul > li > a.md-nav__link")]


def write_project(tmp: Path, parts: int) -> tuple[Path, Path]:
    """docs/ with a home page and `parts` parts of CHAPTERS chapters each, and its .nav.yml."""
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n## Contents { #contents }\n\nEvery part.\n", encoding="utf-8")
    (docs / "about.md").write_text("# About\n\nThe edition.\n", encoding="utf-8")
    nav = ["nav:", "  - Home: index.md"]
    for p in range(1, parts + 1):
        nav.append(f'  - "Part {p}":')
        for c in range(1, CHAPTERS + 1):
            name = f"p{p}-c{c}.md"
            (docs / name).write_text(f"# Chapter {p}.{c}\n\nText of chapter {p}.{c}.\n", encoding="utf-8")
            nav.append(f'      - "Chapter {p}.{c}": {name}')
    nav.append("  - About: about.md")
    (docs / ".nav.yml").write_text("\n".join(nav) + "\n", encoding="utf-8")
    return docs, tmp / "site"


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> Path:
    docs, site = write_project(tmp_path_factory.mktemp("forty-parts"), 40)
    build_site(ROOT, docs, site, epoch="0", version="test", date="")
    return site


@pytest.fixture(scope="module")
def short_site(tmp_path_factory) -> Path:
    docs, site = write_project(tmp_path_factory.mktemp("one-part"), 1)
    build_site(ROOT, docs, site, epoch="0", version="test", date="")
    return site


@pytest.mark.parametrize("part,first", [(1, 1), (2, 1), (4, 1), (5, 2), (20, 17), (37, 34), (38, 34), (40, 34)])
def test_a_long_reports_page_shows_its_own_part_and_the_parts_either_side(long_site, part, first):
    nav = primary_nav(long_site / f"p{part}-c2.html")
    assert shown_parts(nav) == [f"Part {p}" for p in range(first, first + WINDOW)]
    assert own_part_chapters(nav) == [f"Chapter {part}.{c}" for c in range(1, CHAPTERS + 1)]


def test_each_other_part_is_one_link_to_its_first_chapter(long_site):
    nav = primary_nav(long_site / "p20-c1.html")
    pruned = nav.select(":scope > ul > li.md-nav__item--pruned > a.md-nav__link")
    assert [a["href"] for a in pruned] == [f"p{p}-c1.html" for p in range(17, 24) if p != 20]


def test_the_navigation_is_the_same_size_on_every_page_of_a_long_report(long_site):
    sizes = {len(primary_nav(long_site / f"p{p}-c{c}.html").find_all("a"))
             for p in range(1, 41) for c in range(1, CHAPTERS + 1)}
    # logo, Home, About, the contents link, six other parts, the page's own part's chapters
    assert sizes == {1 + 2 + 1 + (WINDOW - 1) + CHAPTERS}


def test_pages_outside_the_parts_show_the_first_parts_and_the_way_to_all_of_them(long_site):
    for page in ("index.html", "about.html"):
        nav = primary_nav(long_site / page)
        assert shown_parts(nav) == [f"Part {p}" for p in range(1, WINDOW + 1)]
        contents = nav.select_one("li.md-nav__item--contents > a")
        assert contents["href"] == "index.html#contents"
        assert contents.get_text(strip=True) == "Contents: every part and chapter"


def test_a_short_report_shows_every_part_and_no_contents_link(short_site):
    nav = primary_nav(short_site / "p1-c3.html")
    assert shown_parts(nav) == ["Part 1"]
    assert own_part_chapters(nav) == ["Chapter 1.1", "Chapter 1.2", "Chapter 1.3"]
    assert nav.select_one("li.md-nav__item--contents") is None


def test_the_editions_pages_show_every_part_as_published(edition, site):
    """The report as published has five parts and the press: every page shows them all."""
    from scripts.site.pages import all_pages
    from scripts.site.urls import html_path
    pages = all_pages(edition)
    want = list(dict.fromkeys(p.nav_group for p in pages if p.nav_group))
    assert len(want) == 5
    for p in pages:
        nav = primary_nav(site / html_path(p.path))
        shown = shown_parts(nav)
        assert shown == want, p.path
        assert nav.select_one("li.md-nav__item--contents") is None
        # the page's own headings (its table of contents, shown under it on a phone) aside
        assert len([a for a in nav.find_all("a") if not a.find_parent(class_="md-nav--secondary")]) <= 30, p.path


def test_the_contents_link_of_a_long_report_has_its_target_on_the_editions_home_page(site):
    """The link is drawn only past seven parts, so the edition's own link check never sees it."""
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    target = home.select_one("#contents")
    assert target is not None and target.name == "h2"
    chapters = target.find_all_next("a", href=lambda h: h and h.startswith("report/"))
    assert len(chapters) >= 29
