"""Source text is shown literally.

Every character that Markdown, raw HTML, entities, attribute lists or snippets would interpret
must come out of the serializer and Python-Markdown (with the extensions `mkdocs.yml` enables)
as the same character, in a single element of the expected kind and nothing else.

HTML collapses runs of ASCII whitespace and trims the ends of a block, so texts are compared
after collapsing ASCII whitespace only: a no-break space or a soft hyphen must survive as is.
"""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from scripts.model import Block, BlockKind, Provenance  # noqa: E402
from scripts.site.markdown import (  # noqa: E402
    escape_block_start,
    escape_text,
    serialize_footnote,
    serialize_glossary,
    serialize_heading,
    serialize_list,
    serialize_paragraph,
    serialize_quote,
    serialize_table,
)

#: The `markdown_extensions` of mkdocs.yml, with the same toc configuration.
EXTENSIONS = ["toc", "footnotes", "attr_list", "def_list", "tables"]
EXTENSION_CONFIGS = {"toc": {"permalink": True, "permalink_title": "Link to this heading"}}
PROV = Provenance("s", 1, 1, 1, 1)
SNIPPET_MARK = "SNIPPET-WAS-INCLUDED"

#: Elements that must never appear inside a paragraph made from source text.
FORBIDDEN = ["em", "strong", "code", "pre", "a", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
             "table", "dl", "dt", "dd", "script", "b", "i", "img", "hr", "br", "blockquote", "sup",
             "span", "abbr", "del", "ins", "mark", "kbd", "div", "svg", "iframe", "object", "embed", "base",
             "meta", "link", "style", "form", "input", "video", "details", "math", "body", "noscript"]

from hostile import HOSTILE  # noqa: E402  (the shared table: tests/hostile.py)

#: Known bugs, by case id: add `"case-id": "reason"` to make those cases strict xfails. Used for
#: the serializers that begin a block with `escape_block_start` (paragraphs, footnotes,
#: quotations, list items, glossary entries). None is open at present.
BLOCK_BUGS: dict[str, str] = {}


def cases(known_bugs: dict[str, str] | None = None) -> list:
    known_bugs = known_bugs or {}
    unknown = set(known_bugs) - {i for i, _ in HOSTILE}
    assert not unknown, unknown
    return [pytest.param(s, id=i, marks=[pytest.mark.xfail(strict=True, raises=AssertionError, reason=known_bugs[i])]
                         if i in known_bugs else [])
            for i, s in HOSTILE]


def norm(s: str) -> str:
    """Collapse ASCII whitespace as HTML does; keep NBSP, soft hyphen and everything else."""
    return re.sub(r"[ \t\n\r\f]+", " ", s).strip(" ")


def render(md: str, *, snippets_dir: Path | None = None) -> BeautifulSoup:
    extensions = list(EXTENSIONS)
    configs = dict(EXTENSION_CONFIGS)
    if snippets_dir is not None:
        extensions.append("pymdownx.snippets")
        configs["pymdownx.snippets"] = {"base_path": [str(snippets_dir)], "check_paths": False}
    html = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(md)
    return BeautifulSoup(html, "html.parser")


def tag_names(soup) -> list[str]:
    return [t.name for t in soup.find_all(True)]


def assert_literal(element, source: str) -> None:
    text = element.get_text()
    assert norm(text) == norm(source)
    # escaping must neither double nor drop a backslash
    assert text.count("\\") == source.count("\\")


@pytest.fixture
def snippets_dir(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text(f"{SNIPPET_MARK}\n", encoding="utf-8")
    return tmp_path


# ----------------------------------------------------------------------------- paragraphs
@pytest.mark.parametrize("with_snippets", [False, True], ids=["mkdocs-extensions", "plus-snippets"])
@pytest.mark.parametrize("source", cases(BLOCK_BUGS))
def test_paragraph_text_renders_literally(source: str, with_snippets: bool, snippets_dir: Path) -> None:
    md = escape_block_start(escape_text(source))
    soup = render(md, snippets_dir=snippets_dir if with_snippets else None)
    assert tag_names(soup) == ["p"], f"{md!r} rendered as {soup}"
    p = soup.p
    assert p.attrs == {}, f"attribute list applied: {p.attrs}"
    for name in FORBIDDEN:
        assert p.find(name) is None, f"<{name}> in {p}"
    assert SNIPPET_MARK not in str(soup)
    assert_literal(p, source)


@pytest.mark.parametrize("source", cases(BLOCK_BUGS))
def test_serialize_paragraph_renders_literally(source: str) -> None:
    soup = render(serialize_paragraph(Block(BlockKind.PARAGRAPH, [source], PROV)))
    assert tag_names(soup) == ["p"], str(soup)
    assert soup.p.attrs == {}
    assert_literal(soup.p, source)


def test_snippets_fixture_is_armed(snippets_dir: Path) -> None:
    """Control: unescaped, the snippet line really would pull in the file, so the test above can fail."""
    soup = render('--8<-- "README.md"', snippets_dir=snippets_dir)
    assert SNIPPET_MARK in soup.get_text()


@pytest.mark.parametrize("source", ["*emphasis*", "[link](http://x)", "<b>bold</b>", "# heading", "1. item",
                                    "*x*{: .cls }", "---"])
def test_unescaped_hostile_text_would_be_interpreted(source: str) -> None:
    """Control: without escaping these do not render as plain <p> text, so the checks have teeth."""
    soup = render(source)
    assert tag_names(soup) != ["p"] or soup.p.attrs or norm(soup.get_text()) != norm(source)


PLAIN = [
    pytest.param("The Council had 1,400 children in its care in 2013.", id="plain-words"),
    pytest.param("“It was a ‘culture of denial’,” she said.", id="curly-quotes"),
    pytest.param("Between 1997–2013 … and so on…", id="en-dash-and-ellipsis"),
    pytest.param("Members – and officers – knew; they did not act.", id="spaced-en-dashes"),
    pytest.param("Ofsted's report (2014) found 17.5 posts vacant, i.e. 12%.", id="parentheses-and-percent"),
]


@pytest.mark.parametrize("source", PLAIN)
def test_ordinary_text_is_unchanged(source: str) -> None:
    # nothing in ordinary prose needs escaping, and it renders as itself
    assert escape_block_start(escape_text(source)) == source
    soup = render(escape_block_start(escape_text(source)))
    assert tag_names(soup) == ["p"]
    assert soup.p.get_text() == source


@pytest.mark.parametrize("source", cases())
def test_escaping_keeps_the_text_on_one_line(source: str) -> None:
    md = escape_block_start(escape_text(source))
    assert "\n" not in md
    assert md.count("\\") >= source.count("\\") * 2, "every source backslash must be escaped"


@pytest.mark.parametrize("source", ["\u00a0- after a no-break space", "\u2003indented by an em space"],
                         ids=["leading-nbsp", "leading-em-space"])
def test_leading_non_ascii_space_is_kept(source: str) -> None:
    soup = render(escape_block_start(escape_text(source)))
    assert tag_names(soup) == ["p"], str(soup)
    assert soup.p.get_text() == source


# ----------------------------------------------------------------------------- headings
def heading_block(text: str, level: int = 2) -> Block:
    return Block(BlockKind.HEADING, [text], PROV, level=level, anchor="x")


@pytest.mark.parametrize("source", cases())
def test_heading_renders_literally(source: str) -> None:
    soup = render(serialize_heading(heading_block(source)))
    headings = soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    assert len(headings) == 1, str(soup)
    h = headings[0]
    assert h.name == "h2"
    assert h.get("id") == "x"
    assert set(h.attrs) == {"id"}, f"attribute list applied: {h.attrs}"
    permalinks = h.find_all("a", class_="headerlink")
    assert len(permalinks) == 1
    permalinks[0].decompose()
    assert [t.name for t in h.find_all(True)] == [], f"markup inside heading: {h}"
    assert tag_names(soup) == ["h2"], str(soup)
    assert_literal(h, source)


# ----------------------------------------------------------------------------- tables
def table_cells(soup) -> list[list[str]]:
    tables = soup.find_all("table")
    assert len(tables) == 1, str(soup)
    return [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in tables[0].find_all("tr")]


def test_table_with_pipe_and_emphasis_cells() -> None:
    block = Block(BlockKind.TABLE, [], PROV, header=["a|b", "*x*"], rows=[["*x*", "a|b"], ["`c`", "[RMBC]"]])
    soup = render(serialize_table(block))
    assert table_cells(soup) == [["a|b", "*x*"], ["*x*", "a|b"], ["`c`", "[RMBC]"]]
    table = soup.table
    assert {t.name for t in table.find_all(True)} <= {"thead", "tbody", "tr", "th", "td"}, str(table)


@pytest.mark.parametrize("source", cases())
def test_table_cell_renders_literally(source: str) -> None:
    block = Block(BlockKind.TABLE, [], PROV, header=[source, "second"], rows=[["a|b", source]])
    soup = render(serialize_table(block))
    cells = table_cells(soup)
    assert [[norm(c) for c in row] for row in cells] == [[norm(source), "second"], ["a|b", norm(source)]]
    for cell in soup.find_all(["th", "td"]):
        assert [t.name for t in cell.find_all(True)] == [], f"markup inside cell: {cell}"
    assert cells[0][0].count("\\") == source.count("\\")


# ----------------------------------------------------------------------------- footnotes
@pytest.mark.parametrize("source", cases(BLOCK_BUGS))
def test_footnote_text_renders_literally(source: str) -> None:
    md = "A sentence.[^1]\n\n" + serialize_footnote(1, [source])
    soup = render(md)
    notes = soup.find("div", class_="footnote")
    assert notes is not None, str(soup)
    items = notes.find_all("li")
    assert len(items) == 1, str(notes)
    li = items[0]
    backrefs = li.find_all("a", class_="footnote-backref")
    assert len(backrefs) == 1
    # the footnotes extension puts "&#160;" between the text and its back-link; take exactly that off
    nbsp = backrefs[0].previous_sibling
    assert isinstance(nbsp, str) and nbsp.endswith("\xa0"), repr(nbsp)
    nbsp.replace_with(nbsp[:-1])
    backrefs[0].decompose()
    assert [t.name for t in li.find_all(True)] == ["p"], f"markup inside footnote: {li}"
    assert_literal(li, source)


# ----------------------------------------------------------------------------- quotations
@pytest.mark.parametrize("source", cases(BLOCK_BUGS))
def test_quote_and_attribution_render_literally(source: str) -> None:
    soup = render(serialize_quote(Block(BlockKind.QUOTE, [source], PROV, attribution=[source])))
    assert tag_names(soup) == ["blockquote", "p", "p"], str(soup)
    text, attribution = soup.find_all("p")
    assert text.attrs == {}
    assert attribution.get("class") == ["attribution"]
    assert_literal(text, source)
    assert_literal(attribution, source)


# ----------------------------------------------------------------------------- lists
@pytest.mark.parametrize("source", cases(BLOCK_BUGS))
def test_list_item_renders_literally(source: str) -> None:
    block = Block(BlockKind.LIST_ITEM, [source], PROV, marker="bullet")
    soup = render(serialize_list([block]))
    assert tag_names(soup) == ["ul", "li"], str(soup)
    assert_literal(soup.li, source)


# ----------------------------------------------------------------------------- glossary
@pytest.mark.parametrize("source", cases(BLOCK_BUGS))
def test_glossary_term_and_definition_render_literally(source: str) -> None:
    soup = render(serialize_glossary(Block(BlockKind.GLOSSARY, [], PROV, rows=[[source, source]])))
    assert tag_names(soup) == ["dl", "dt", "dd"], str(soup)
    assert_literal(soup.dt, source)
    assert_literal(soup.dd, source)
