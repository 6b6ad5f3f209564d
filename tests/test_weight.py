"""What a page costs a phone (issue 15), on the built site: one render-blocking stylesheet a
page, Material's rules left out only where they require a name the site never writes, the
edition's scripts shipped without their comments, and every chapter under its budget of
100 KB of HTML, CSS and JS gzipped, counted as `benchmarks/web.py` counts it."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from benchmarks.web import CHAPTER_BUDGET, find_pages, page_weight
from scripts.publish import assets, css, javascript

from conftest import ROOT


def material_stylesheet() -> Path:
    """Material's stylesheet as the theme ships it (the build removes it from the site)."""
    import material
    return next((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))


def site_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "downloads")


def stylesheet_links(path: Path) -> list[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [link["href"] for link in soup.find_all("link", href=True) if "stylesheet" in link.get("rel", [])]


def test_every_page_links_one_stylesheet_named_for_its_digest(site):
    linked = set()
    pages = [p for p in site_pages(site) if not p.relative_to(site).as_posix().startswith("assets/")]
    assert len(pages) > 30
    for page in pages:
        if 'name="edition-redirect"' in page.read_text(encoding="utf-8"):
            continue
        links = stylesheet_links(page)
        assert len(links) == 1, f"{page.relative_to(site)} links {links}"
        linked.add(assets.link_target(page.relative_to(site).as_posix(), links[0]))
    assert len(linked) == 1
    (sheet,) = linked
    assert assets.ONE.match(sheet), sheet
    text = (site / sheet).read_bytes()
    assert sheet == f"assets/stylesheets/site.{hashlib.sha256(text).hexdigest()[:12]}.min.css"
    # Material's rules and the edition's, in that order; the two files it was made of are gone
    css_text = text.decode("utf-8")
    assert css_text.startswith('@charset "UTF-8";') and css_text.index(".md-header") < css_text.index(".block-number")
    assert not list((site / "assets/stylesheets").glob("main.*.min.css*"))
    assert not (site / "assets/stylesheets/edition.css").exists()
    assert "/*" not in css.strip_comments(css_text) and "sourceMappingURL" not in css_text


def names_written(site: Path) -> tuple[set[str], str]:
    """The class and id names in the site's pages (an HTML parser's reading), and its scripts' text."""
    attributes: set[str] = set()
    for page in site_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for el in soup.find_all(True):
            attributes.update(el.get("class", []))
            if el.get("id"):
                attributes.add(el["id"])
    scripts = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*.js")))
    return attributes, scripts


#: a class or id a selector names outside :not(…) and other pseudo-classes' arguments
NAMED = re.compile(r"[.#](-?[A-Za-z_][A-Za-z0-9_-]*)")


def required_names(selector: str) -> list[str]:
    """The names a selector names, with the arguments of :not() (which require nothing) and
    attribute selectors left out."""
    text = re.sub(r"\[[^\]]*\]", "", selector)
    while re.search(r":not\([^()]*\)", text):
        text = re.sub(r":not\([^()]*\)", "", text)
    return NAMED.findall(text)


def test_every_rule_left_out_requires_a_name_no_page_and_no_script_writes(site):
    attributes, scripts = names_written(site)
    words = set(re.findall(r"[A-Za-z0-9_-]+", scripts))
    original = css.prune_rules(css.strip_comments(material_stylesheet().read_text(encoding="utf-8")), lambda name: True)
    assert original.dropped == []
    (sheet,) = {s for s in (site / "assets/stylesheets").glob("site.*.min.css")}
    shipped = sheet.read_text(encoding="utf-8")
    kept = {s.strip() for s in _selectors(shipped)}
    left_out = [s for s in _selectors(original.css) if s.strip() not in kept]
    assert len(left_out) > 300, "Material's rules for what the edition does not use (admonitions, code, …)"
    wrong = []
    for selector in left_out:
        absent = [n for n in required_names(selector)
                  if n not in attributes and n not in words and not any(n.startswith(w) for w in words
                                                                        if len(w) >= 3 and w[-1] in "-_")]
        if not absent:
            wrong.append(selector)
    assert wrong == [], f"left out, though every name it requires is written in the site: {wrong[:10]}"
    # negative cases: what every page uses is kept
    for selector in (".md-header", ".md-typeset a", ".md-nav__link", ".md-search__input", ".md-tooltip2"):
        assert selector in kept, selector


def _selectors(text: str) -> list[str]:
    out: list[str] = []
    for st in css.statements(text):
        if st.at_keyword in css.GROUPING:
            out += _selectors(st.body)
        elif st.at_keyword is None and st.body is not None:
            out += css.split_top(st.prelude, ",")
    return out


def test_the_custom_properties_left_in_are_all_read(site):
    (sheet,) = list((site / "assets/stylesheets").glob("site.*.min.css"))
    text = sheet.read_text(encoding="utf-8")
    _, scripts = names_written(site)
    declared = set(re.findall(r"[{;](--[A-Za-z0-9_-]+):", text))
    read = css.custom_properties_read(text)
    assert declared - read - set(re.findall(r"--[A-Za-z0-9_-]+", scripts)) == set()
    assert "--md-admonition-icon--note" in read or "--md-admonition-icon--note" not in declared


@pytest.mark.parametrize("path", sorted((ROOT / "overrides/assets/javascripts").glob("*.js")), ids=lambda p: p.name)
def test_the_editions_scripts_are_shipped_without_their_comments(site, path):
    shipped = (site / "assets/javascripts" / path.name).read_text(encoding="utf-8")
    assert shipped == javascript.minify(path.read_text(encoding="utf-8"))


def test_every_chapter_is_under_its_budget_gzipped(site):
    pages = find_pages(site)["pages"]
    weights = {p: page_weight(site / p, site) for p in pages}
    chapters = {p: w for p, w in weights.items() if w["chapter"]}
    assert len(chapters) >= 29
    assert {p: w["gzip"] for p, w in chapters.items() if w["gzip"] >= CHAPTER_BUDGET} == {}
    # counted as the benchmark counts them: the one stylesheet, every script, nothing left uncounted
    for w in weights.values():
        assert len(w["css"]) == 1 and w["not_counted"] == [], w["page"]


def test_the_single_file_inlines_the_one_stylesheet(site, edition):
    from scripts.site.urls import single_file_path
    text = (site / single_file_path(edition)).read_text(encoding="utf-8")
    (sheet,) = list((site / "assets/stylesheets").glob("site.*.min.css"))
    assert sheet.read_text(encoding="utf-8").strip() in text


@pytest.mark.parametrize("page, expected", [
    pytest.param("<head>\n    <meta a>\n    \n  <link b>\n</head>", "<head>\n<meta a>\n<link b>\n</head>", id="indentation"),
    pytest.param("<span>a</span>   <span>b</span>", "<span>a</span> <span>b</span>", id="a-space-stays-a-space"),
    pytest.param("<a>\n   Skip to content\n  </a>", "<a>\n   Skip to content\n  </a>", id="beside-text-kept"),
    pytest.param('<nav>\n  <article class="x">\n  <p>a</p>\n\n  <p>b</p>\n</article>\n  </nav>',
                 '<nav>\n<article class="x">\n  <p>a</p>\n\n  <p>b</p>\n</article>\n</nav>', id="article-kept"),
    pytest.param("<div>\n  <pre>  <b>x</b>\n   <i>y</i></pre>\n  </div>", "<div>\n<pre>  <b>x</b>\n   <i>y</i></pre>\n</div>",
                 id="pre-kept"),
    pytest.param('<script type="application/ld+json">{"a": "> <"}</script>  <b>',
                 '<script type="application/ld+json">{"a": "> <"}</script> <b>', id="script-kept"),
    pytest.param("<textarea>\n  <x>\n  </textarea>", "<textarea>\n  <x>\n  </textarea>", id="textarea-kept"),
])
def test_the_templates_whitespace_between_tags_is_squeezed_and_nothing_else(page, expected):
    assert assets.squeezed_chrome(page) == expected


def test_a_page_reads_the_same_once_squeezed(site):
    """The built page's text, as a reader's browser collapses its whitespace, and its tags, are
    what they would be unsqueezed: squeezing it again changes nothing, and its article holds no
    squeezed whitespace it did not already have (MkDocs writes the article's blocks one to a line)."""
    page = site / "report/1-is-the-council-taking-steps-to-address-past.html"
    text = page.read_text(encoding="utf-8")
    assert assets.squeezed_chrome(text) == text
    assert re.search(r">[ \t]*\n[ \t]+<", text[:text.index("<article")]) is None
