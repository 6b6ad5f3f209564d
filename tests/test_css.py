"""The stylesheet reader of the build's one stylesheet (`scripts/publish/css.py`): statements
found where they are (strings, comments, parentheses respected), a selector dropped only where
it requires a name the site never writes, custom properties dropped only where nothing reads
them, and the edition's stylesheet minified without a string changed. Cases that must come out
unchanged are as many as those that change."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.errors import BuildError
from scripts.publish import css

ROOT = Path(__file__).resolve().parent.parent

#: the names "written in the site" for these cases
PRESENT = {"md-typeset", "md-nav", "md-nav__link", "here", "also-here"}


def present(name: str) -> bool:
    return name in PRESENT


@pytest.mark.parametrize("text, expected", [
    pytest.param("a{color:red}b{color:blue}", [("a", "color:red"), ("b", "color:blue")], id="two-rules"),
    pytest.param('@charset "UTF-8";a{b:c}', [('@charset "UTF-8"', None), ("a", "b:c")], id="charset"),
    pytest.param('a:after{content:"}{;"}b{c:d}', [("a:after", 'content:"}{;"'), ("b", "c:d")], id="braces-in-string"),
    pytest.param("a{b:url(x;y)}", [("a", "b:url(x;y)")], id="semicolon-in-parentheses"),
    pytest.param('a{content:"/* "}b{x:y}/* c{} */', [("a", 'content:"/* "'), ("b", "x:y")], id="comment-opener-in-string"),
    pytest.param("@media print{a{b:c}d{e:f}}", [("@media print", "a{b:c}d{e:f}")], id="media-block"),
    pytest.param("[data-x='{']{a:b}", [("[data-x='{']", "a:b")], id="brace-in-attribute"),
    pytest.param("a\\{{b:c}", [("a\\{", "b:c")], id="escaped-brace"),
])
def test_statements_are_found_where_they_are(text, expected):
    assert [(s.prelude, s.body) for s in css.statements(text)] == expected


@pytest.mark.parametrize("text", ["a{b:c", "a{b:c}}", "a{b:{c}"])
def test_a_malformed_stylesheet_stops_the_build(text):
    with pytest.raises(BuildError, match="stylesheet"):
        css.statements(text)


@pytest.mark.parametrize("selector, can", [
    pytest.param(".md-typeset", True, id="present-class"),
    pytest.param(".md-typeset .admonition", False, id="absent-descendant"),
    pytest.param(".admonition", False, id="absent-class"),
    pytest.param("#absent-id", False, id="absent-id"),
    pytest.param("#here", True, id="present-id"),
    pytest.param("a", True, id="type-only"),
    pytest.param("[dir=rtl] .md-nav", True, id="attribute-and-present"),
    pytest.param("[class*=absent]", True, id="attribute-value-is-not-a-class"),
    pytest.param("a[href$='.absent']", True, id="dot-in-attribute-value"),
    pytest.param('a[title="#absent"]', True, id="hash-in-attribute-value"),
    pytest.param(".md-nav:not(.absent)", True, id="not-requires-nothing"),
    pytest.param(".md-nav:not(.absent, .other)", True, id="not-list"),
    pytest.param(":is(.absent,.here)", True, id="is-one-present"),
    pytest.param(":is(.absent,.other)", False, id="is-none-present"),
    pytest.param(".md-typeset :where(.absent .x, .y)", False, id="where-none-present"),
    pytest.param(".md-nav:has(>.absent)", False, id="has-absent"),
    pytest.param(".md-nav:has(> .here)", True, id="has-present"),
    pytest.param("li:nth-child(2n+1 of .absent)", True, id="nth-child-of-not-read"),
    pytest.param(".md-nav__link::before", True, id="pseudo-element"),
    pytest.param(".md-nav__link:hover .absent", False, id="pseudo-class-then-absent"),
    pytest.param(".\\31 0", True, id="escape-kept"),
    pytest.param(".md-nav>.also-here~.absent", False, id="combinators"),
    pytest.param("a:lang(en)", True, id="functional-pseudo-without-names"),
])
def test_a_selector_can_match_unless_it_requires_an_absent_name(selector, can):
    assert css.can_match(selector, present) is can


def test_prune_rules_drops_selectors_rules_and_empty_groups_and_keeps_the_rest_as_written():
    text = ('@charset "UTF-8";.md-typeset,.admonition{color:red}.admonition{x:y}'
            "@media screen{.absent{a:b}}@media print{.md-nav{a:b}.gone{c:d}}"
            "@font-face{font-family:x;src:url(.absent.woff)}@keyframes spin{0%{a:b}to{c:d}}"
            "@supports (display:grid){.here{display:grid}}")
    pruned = css.prune_rules(text, present)
    assert pruned.css == ('@charset "UTF-8";.md-typeset{color:red}@media print{.md-nav{a:b}}'
                          "@font-face{font-family:x;src:url(.absent.woff)}@keyframes spin{0%{a:b}to{c:d}}"
                          "@supports (display:grid){.here{display:grid}}")
    assert pruned.dropped == [".admonition", ".admonition", ".absent", ".gone"]


def test_prune_rules_keeps_a_rule_with_nested_rules_whole():
    text = ".absent{color:red;& .x{color:blue}}"
    assert css.prune_rules(text, present).css == text


@pytest.mark.parametrize("text, read, expected, dropped", [
    pytest.param(":root{--a:1;--b:2}a{x:var(--a)}", set(), ":root{--a:1}a{x:var(--a)}", ["--b"], id="unread-dropped"),
    pytest.param(":root{--a:1;--b:var(--c);--c:3}a{x:var(--a)}", set(), ":root{--a:1}a{x:var(--a)}", ["--b", "--c"],
                 id="read-only-by-a-dropped-one"),
    pytest.param(":root{--a:1;--b:2}", {"--b"}, ":root{--b:2}", ["--a"], id="named-by-a-script"),
    pytest.param(":root{--a:1}", set(), "", ["--a"], id="empty-rule-goes"),
    pytest.param("@media print{:root{--a:1}}a{x:var( --a)}", set(), "@media print{:root{--a:1}}a{x:var( --a)}", [],
                 id="read-with-space"),
    pytest.param('a{content:"--a:1;";color:red}', set(), 'a{content:"--a:1;";color:red}', [], id="in-a-string"),
    pytest.param("@property --a{syntax:'*'}", set(), "@property --a{syntax:'*'}", [], id="at-property-kept"),
])
def test_custom_properties_nothing_reads_are_dropped(text, read, expected, dropped):
    pruned = css.prune_custom_properties(text, lambda n: n in read)
    assert (pruned.css, pruned.dropped) == (expected, dropped)


@pytest.mark.parametrize("text, expected", [
    pytest.param("/* a comment */\na {\n  color: red;\n}\n", "a{color:red}", id="comment-and-whitespace"),
    pytest.param('a::after { content: "  /* not a comment */  " ; }', 'a::after{content:"  /* not a comment */  "}',
                 id="string-kept"),
    pytest.param("a { font-family: 'A  B', sans-serif; }", "a{font-family:'A  B',sans-serif}", id="quoted-font"),
    pytest.param("a :hover { x: y }", "a :hover{x:y}", id="descendant-space-kept"),
    pytest.param("a { width: calc(1px + 2px) }", "a{width:calc(1px + 2px)}", id="calc-spaces-kept"),
    pytest.param("@media print {\n  a { b: c }\n  d { e: f }\n}", "@media print{a{b:c}d{e:f}}", id="media"),
    pytest.param("a/**/b{x:y}", "a b{x:y}", id="comment-between-tokens-is-a-space"),
    pytest.param("a { b: url(x.svg) }", "a{b:url(x.svg)}", id="url"),
    pytest.param("a{x:y;;}", "a{x:y}", id="empty-declarations"),
])
def test_minify(text, expected):
    assert css.minify(text) == expected


def test_minify_keeps_every_string_of_the_editions_stylesheet():
    from conftest import ROOT
    source = (ROOT / "overrides/assets/stylesheets/edition.css").read_text(encoding="utf-8")
    strings = [s for s in _strings(css.strip_comments(source))]
    assert strings, "the edition's stylesheet has strings (content: …): the test would be vacuous"
    assert _strings(css.minify(source)) == strings
    assert css.minify(css.minify(source)) == css.minify(source)
    assert "/*" not in css.minify(source).replace('"/*', "")


def _strings(text: str) -> list[str]:
    out, i = [], 0
    while i < len(text):
        if text[i] in "\"'":
            j = css._string_end(text, i)
            out.append(text[i:j])
            i = j
        else:
            i += 1
    return out


def _find_top_by_character(text: str, chars: str, i: int = 0) -> int:
    """`find_top` as its docstring says it, one character at a time (how it was first written)."""
    depth = 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < len(text) and text[j] not in (c, "\n"):
                j += 2 if text[j] == "\\" else 1
            i = j + 1 if j < len(text) and text[j] == c else j
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = len(text) if end < 0 else end + 2
            continue
        if c == "\\":
            i += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and c in chars:
            return i
        i += 1
    return len(text)


@pytest.mark.parametrize("text", [
    "a{b}", ".x:is(.a,.b),.y{c:d}", 'a[title="{;}"]{b:c}', "a{content:'\\'{'}", "/* { */a{b}", "a\\{b{c}",
    "a(b[c{d]e)f{g}", "url(a;b);x{y}", '"unclosed\n{a}', "/* never closed {", "", "   ", ")]){x}", "a/b/c{d}",
    ".md-typeset .admonition:is(.note,.info)>summary::before{content:\"\\201C\"}",
])
@pytest.mark.parametrize("chars", ["{;}", ",", ";", "{}"])
def test_find_top_finds_what_a_reading_of_every_character_finds(text, chars):
    from scripts.publish.css import find_top
    for start in range(len(text) + 1):
        assert find_top(text, chars, start) == _find_top_by_character(text, chars, start), (text, chars, start)


def test_find_top_agrees_on_materials_stylesheet():
    from scripts.publish.css import find_top
    sheet = next((ROOT / ".venv").glob("lib/python*/site-packages/material/templates/assets/stylesheets/main.*.min.css"))
    text = sheet.read_text(encoding="utf-8")
    for chars in ("{;}", ","):
        i = found = 0
        while i < len(text) and found < 3000:
            j = find_top(text, chars, i)
            assert j == _find_top_by_character(text, chars, i)
            i, found = j + 1, found + 1
