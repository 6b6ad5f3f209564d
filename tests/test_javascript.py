"""The edition's scripts as shipped (`scripts/publish/javascript.py`): comments and indentation
out, and nothing else changed. Strings, template literals and regular expression literals come
out byte for byte (with the comment openers and quotes inside them), every line end between two
tokens stays, and each of the edition's own scripts still parses (Node's `--check`) with the
same literals in the same order."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from scripts.errors import BuildError
from scripts.publish import javascript

from conftest import ROOT

OWN = sorted((ROOT / "overrides/assets/javascripts").glob("*.js"))


@pytest.mark.parametrize("source, expected", [
    pytest.param("// a comment\nvar a = 1;  // and another\n", "var a=1;\n", id="line-comments"),
    pytest.param("/* a\n   block */\nvar a;\n", "var a;\n", id="block-comment"),
    pytest.param("var a/* x */=/* y */1;\n", "var a=1;\n", id="comment-inside-a-line"),
    pytest.param("return/**/x\n", "return x\n", id="comment-between-words-is-a-space"),
    pytest.param("a\n/* a line end in it\n */b\n", "a\nb\n", id="comment-holding-a-line-end"),
    pytest.param('var u = "http://x.example/*y*/";\n', 'var u="http://x.example/*y*/";\n', id="comment-openers-in-string"),
    pytest.param("var s = 'it\\'s // not';\n", "var s='it\\'s // not';\n", id="escaped-quote"),
    pytest.param('var s = "  two  spaces  ";\n', 'var s="  two  spaces  ";\n', id="spaces-in-string-kept"),
    pytest.param("var r = /\\/\\/ [/*] x/g;\n", "var r=/\\/\\/ [/*] x/g;\n", id="regex-with-slashes-and-class"),
    pytest.param("x = a / b / c;\n", "x=a / b / c;\n", id="division"),
    pytest.param("x = (a) / 2 / (b);\n", "x=(a)/ 2 /(b);\n", id="division-after-parenthesis"),
    pytest.param("if (/^H[1-6]$/.test(t)) f();\n", "if(/^H[1-6]$/.test(t))f();\n", id="regex-after-parenthesis-open"),
    pytest.param("return /\\s+/g;\n", "return /\\s+/g;\n", id="regex-after-return"),
    pytest.param("s.replace(/-/g, \"%2D\");\n", "s.replace(/-/g,\"%2D\");\n", id="regex-argument"),
    pytest.param("var w = /[\\p{L}’'-]/u;\n", "var w=/[\\p{L}’'-]/u;\n", id="quote-inside-regex"),
    pytest.param("var t = `a ${b + `c ${d}`} // e`;\n", "var t=`a ${b + `c ${d}`} // e`;\n", id="template-nested"),
    pytest.param("var t = `line one\n    line two`;\n", "var t=`line one\n    line two`;\n", id="template-lines-kept"),
    pytest.param("var o = { a: `${ {x: 1}.x }` };\n", "var o={a:`${{x:1}.x}`};\n", id="braces-inside-a-substitution"),
    pytest.param("a = b\n(c)\n", "a=b\n(c)\n", id="line-end-kept-for-asi"),
    pytest.param("a = b\n\n\n    ++c\n", "a=b\n++c\n", id="blank-lines-and-indentation"),
    pytest.param("x = a + +b - -c;\n", "x=a + +b - -c;\n", id="unary-signs-kept-apart"),
    pytest.param("x = 1 .toString();\n", "x=1 .toString();\n", id="number-dot-kept-apart"),
    pytest.param("a = b ? c : d;\n", "a=b?c:d;\n", id="conditional"),
])
def test_minify(source, expected):
    assert javascript.minify(source) == expected


@pytest.mark.parametrize("source", ["var s = 'open;\n", "var r = /open\n", "/* open", "var t = `open", "`${a`"])
def test_a_malformed_script_stops_the_build(source):
    with pytest.raises(BuildError, match="script"):
        javascript.minify(source)


def literals(source: str) -> list[str]:
    return [text for kind, text in javascript.tokens(source) if kind == "literal"]


@pytest.mark.parametrize("path", OWN, ids=[p.name for p in OWN])
def test_each_of_the_editions_scripts_keeps_its_literals_and_loses_its_comments(path):
    source = path.read_text(encoding="utf-8")
    shipped = javascript.minify(source)
    assert literals(shipped) == literals(source)
    assert not [t for k, t in javascript.tokens(shipped) if k == "comment"]
    assert javascript.minify(shipped) == shipped
    assert len(shipped) < len(source)
    # the tokens are those of the source: only whitespace between them changed
    assert squeezed(shipped) == squeezed(source)


def squeezed(source: str) -> str:
    """The script's tokens without the whitespace between them (nor its comments)."""
    return "".join(t if k == "literal" else "".join(t.split()) for k, t in javascript.tokens(source) if k != "comment")


@pytest.mark.skipif(shutil.which("node") is None, reason="make test installs Node (.ci/system-deps)")
@pytest.mark.parametrize("path", OWN, ids=[p.name for p in OWN])
def test_each_shipped_script_still_parses(path, tmp_path):
    out = tmp_path / path.name
    out.write_text(javascript.minify(path.read_text(encoding="utf-8")), encoding="utf-8")
    done = subprocess.run(["node", "--check", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
