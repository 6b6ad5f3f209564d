"""CSS read as statements, for the build's one stylesheet (`stylesheet`): comments taken out,
rules a site cannot match left out, custom properties nothing reads left out.

Not a CSS parser: enough of CSS Syntax Level 3 to find where each statement begins and ends
(strings, comments, escapes, parentheses and nested blocks respected) and to read the class and
id names a selector requires. What it cannot read for certain it keeps: a selector with an
escape, a rule holding a nested rule, any at-rule but the grouping ones (`@media`, `@supports`,
`@container`, `@layer`, `@document`) are kept whole, `@font-face` and `@keyframes` among them.
Everything kept is kept as its text, byte for byte (Material's stylesheet is minified already).

A selector can match only if every class and id it names outside a functional pseudo-class is
on the page (`.md-typeset .admonition` needs `admonition`), and, for `:is()`, `:where()` and
`:has()`, if one of its alternatives can; the names in `:not()`, `:nth-child(… of …)` and the
like are not required. What counts as on the page is the caller's (`Names`): the stylesheet
module gives every name written in any page or script of the site.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import BuildError

#: the at-rules whose block holds rules (and may be pruned inside); every other at-rule is kept whole
GROUPING = frozenset({"media", "supports", "container", "layer", "document", "-moz-document", "scope"})
#: functional pseudo-classes that match where one of their selectors does
ANY_OF = frozenset({"is", "where", "has", "matches", "-webkit-any", "-moz-any"})
#: a name in CSS (a class, an id, a property), ASCII and beyond
NAME = re.compile(r"-?(?:[A-Za-z_\u0080-\U0010ffff]|-)[A-Za-z0-9_\-\u0080-\U0010ffff]*")
#: a custom property read by var()
VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_\-\u0080-\U0010ffff]+)")
WHITESPACE = re.compile(r"\s+")


@dataclass
class Statement:
    """One statement of a stylesheet: `prelude { body }`, or `prelude;` (body None)."""

    prelude: str
    body: str | None

    def text(self) -> str:
        return self.prelude + (";" if self.body is None else "{" + self.body + "}")

    @property
    def at_keyword(self) -> str | None:
        """`media` for `@media screen`, None for a rule."""
        if not self.prelude.startswith("@"):
            return None
        m = NAME.match(self.prelude, 1)
        return m.group(0).lower() if m else ""


def _string_end(css: str, i: int) -> int:
    """The index after the string that opens at `i` (its quote), escapes respected; an
    unterminated string ends at the line's end, as CSS says."""
    quote, j, n = css[i], i + 1, len(css)
    while j < n:
        c = css[j]
        if c == "\\":
            j += 2
        elif c == quote:
            return j + 1
        elif c == "\n":
            return j
        else:
            j += 1
    return n


def _skip(css: str, i: int) -> int | None:
    """The index after a string or comment or escape that starts at `i`, or None if none does."""
    c = css[i]
    if c in "\"'":
        return _string_end(css, i)
    if c == "/" and css.startswith("/*", i):
        end = css.find("*/", i + 2)
        return len(css) if end < 0 else end + 2
    if c == "\\":
        return i + 2
    return None


@functools.cache
def _stops(chars: str) -> re.Pattern[str]:
    """The characters `find_top` must look at (all others it steps over): what opens a string,
    a comment or an escape, a bracket, and `chars`."""
    return re.compile("[" + re.escape("\"'/\\()[]" + chars) + "]")


def find_top(css: str, chars: str, i: int = 0, end: int | None = None) -> int:
    """The index of the first of `chars` at the top level from `i`: outside strings, comments and
    parentheses (and brackets); `end` (default: the text's end) if there is none."""
    end = len(css) if end is None else end
    stops = _stops(chars)
    depth = 0
    while i < end:
        m = stops.search(css, i, end)
        if m is None:
            return end
        i = m.start()
        skipped = _skip(css, i)
        if skipped is not None:
            i = skipped
            continue
        c = css[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and c in chars:
            return i
        i += 1
    return end


def _block_end(css: str, start: int) -> int:
    """The index of the `}` that closes the block opened by the `{` at `start`."""
    depth, i = 0, start
    while True:
        i = find_top(css, "{}", i)
        if i >= len(css):
            raise BuildError(f"a stylesheet's block opened at character {start} is never closed",
                             fix="the stylesheet is malformed: check its braces")
        depth += 1 if css[i] == "{" else -1
        if depth == 0:
            return i
        i += 1


def statements(css: str) -> list[Statement]:
    """The statements of a stylesheet (or of a grouping rule's block), in order, each prelude
    with the whitespace before it left out."""
    out: list[Statement] = []
    i, n = 0, len(css)
    while True:
        while i < n and css[i].isspace():
            i += 1
        if i >= n:
            return out
        j = find_top(css, "{;}", i)
        if j >= n:
            if strip_comments(css[i:]).strip():
                raise BuildError(f"a stylesheet ends inside a statement: {css[i:i + 60]!r}",
                                 fix="the stylesheet is malformed: check its last statement")
            return out
        if css[j] == "}":
            raise BuildError(f"a stylesheet closes a block it never opened at character {j}: {css[i:j + 1][:60]!r}",
                             fix="the stylesheet is malformed: check its braces")
        if css[j] == ";":
            out.append(Statement(css[i:j], None))
            i = j + 1
            continue
        k = _block_end(css, j)
        out.append(Statement(css[i:j], css[j + 1:k]))
        i = k + 1


def split_top(text: str, sep: str) -> list[str]:
    """`text` split at each top-level `sep` (a selector list at its commas, a block at its semicolons)."""
    parts, i = [], 0
    while True:
        j = find_top(text, sep, i)
        parts.append(text[i:j])
        if j >= len(text):
            return parts
        i = j + 1


def _paren_end(sel: str, start: int) -> int:
    """The index of the `)` that closes the `(` at `start`."""
    depth, i = 0, start
    while i < len(sel):
        skipped = _skip(sel, i)
        if skipped is not None:
            i = skipped
            continue
        if sel[i] == "(":
            depth += 1
        elif sel[i] == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(sel)


Names = Callable[[str], bool]


def can_match(selector: str, present: Names) -> bool:
    """Whether `selector` (one complex selector) could match on a site where only the class and
    id names for which `present` is true are written: False only where it requires a name that
    is not (see the module's docstring). An escape keeps it (its names are not read)."""
    sel = selector
    if "\\" in sel:
        return True
    i, n = 0, len(sel)
    while i < n:
        c = sel[i]
        if c in "\"'":
            i = _string_end(sel, i)
        elif c == "[":
            i = find_top(sel, "]", i + 1) + 1
        elif c in ".#":
            m = NAME.match(sel, i + 1)
            if not m:                 # not a class or id (a number in a pseudo-class's argument)
                i += 1
                continue
            if not present(m.group(0)):
                return False
            i = m.end()
        elif c == ":":
            j = i + 1 + (i + 1 < n and sel[i + 1] == ":")
            m = NAME.match(sel, j)
            if not m:
                i = j
                continue
            i = m.end()
            if i < n and sel[i] == "(":
                close = _paren_end(sel, i)
                if m.group(0).lower() in ANY_OF and not any(can_match(s, present)
                                                            for s in split_top(sel[i + 1:close], ",")):
                    return False
                i = close + 1
        else:
            i += 1
    return True


def strip_comments(css: str) -> str:
    """The stylesheet without its comments (a comment between two tokens leaves a space, as CSS
    reads it); strings, with any `/*` inside them, are kept as they are."""
    out, i, n = [], 0, len(css)
    start = 0
    while i < n:
        c = css[i]
        if c in "\"'":
            i = _string_end(css, i)
        elif c == "\\":
            i += 2
        elif c == "/" and css.startswith("/*", i):
            out.append(css[start:i])
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
            out.append(" ")
            start = i
        else:
            i += 1
    out.append(css[start:])
    return "".join(out)


def minify(css: str) -> str:
    """A stylesheet of the edition's own as few bytes as it reads the same: comments out, each
    run of whitespace one space, none around `{`, `}`, `;` and `,` nor before `}` a last `;`.
    Strings are kept as they are; nothing else is changed (no colour shortened, no rule merged)."""
    return "".join(_minified(statements(strip_comments(css))))


def _squeeze(text: str) -> str:
    """Whitespace runs of `text` (no comment in it) as one space, none beside `{};,`; strings kept."""
    out, i, n, start = [], 0, len(text), 0
    pieces: list[tuple[bool, str]] = []
    while i < n:
        c = text[i]
        if c in "\"'":
            pieces.append((False, text[start:i]))
            j = _string_end(text, i)
            pieces.append((True, text[i:j]))
            i = start = j
        elif c == "\\":
            i += 2
        else:
            i += 1
    pieces.append((False, text[start:]))
    for is_string, piece in pieces:
        if is_string:
            out.append(piece)
        else:
            piece = WHITESPACE.sub(" ", piece)
            out.append(re.sub(r" ?([{};,]) ?", r"\1", piece))
    return "".join(out)


def _declaration(text: str) -> str:
    """`name: value` as `name:value`, the value squeezed (`_squeeze`)."""
    colon = find_top(text, ":")
    if colon >= len(text):
        return _squeeze(text).strip()
    return text[:colon].strip() + ":" + _squeeze(text[colon + 1:]).strip()


def _minified(items: Iterable[Statement]) -> Iterable[str]:
    for st in items:
        prelude = _squeeze(st.prelude).strip()
        if st.body is None:
            yield prelude + ";"
        elif st.at_keyword in GROUPING or (st.at_keyword is None and find_top(st.body, "{") < len(st.body)):
            yield prelude + "{" + "".join(_minified(statements(st.body))) + "}"
        else:
            decls = [_declaration(d) for d in split_top(st.body, ";") if d.strip()]
            yield prelude + "{" + ";".join(decls) + "}"


@dataclass
class Pruned:
    """A stylesheet with what its site cannot use left out, and what was left out (selectors as
    written, or custom properties' names), for the build's tests."""

    css: str
    dropped: list[str]


def _each_rule(css: str, rule: Callable[[str, str], str | None]) -> str:
    """`css` with each plain rule (`prelude`, `body`) replaced by what `rule` makes of it (None:
    left out), in grouping rules too (a grouping rule left empty goes); every other statement,
    and a rule holding a nested rule, kept as its text."""

    def walk(items: list[Statement]) -> list[str]:
        kept: list[str] = []
        for st in items:
            keyword = st.at_keyword
            if st.body is None or (keyword is not None and keyword not in GROUPING):
                kept.append(st.text())
            elif keyword is not None:
                inner = walk(statements(st.body))
                if inner:
                    kept.append(st.prelude + "{" + "".join(inner) + "}")
            elif find_top(st.body, "{") < len(st.body):        # nested rules: not read
                kept.append(st.text())
            else:
                made = rule(st.prelude, st.body)
                if made is not None:
                    kept.append(made)
        return kept

    return "".join(walk(statements(css)))


def prune_rules(css: str, present: Names) -> Pruned:
    """`css` without the selectors `can_match` says cannot match, a rule without the selectors
    that cannot (and gone if none can), a grouping rule without the rules it loses (and gone if
    it loses them all). Every statement kept is kept as its text."""
    dropped: list[str] = []

    def rule(prelude: str, body: str) -> str | None:
        selectors = split_top(prelude, ",")
        live = [s for s in selectors if can_match(s, present)]
        dropped.extend(s.strip() for s in selectors if s not in live)
        return ",".join(live) + "{" + body + "}" if live else None

    return Pruned(_each_rule(css, rule), dropped)


def custom_properties_read(css: str) -> set[str]:
    """Every custom property a `var()` of `css` reads."""
    return set(VAR.findall(css))


def _without_properties(css: str, unread: Callable[[str], bool], gone: set[str]) -> str:
    """`css` without the custom properties' declarations `unread` is true of (their names put in
    `gone`); a rule left with no declaration goes."""

    def rule(prelude: str, body: str) -> str | None:
        live = []
        for d in split_top(body, ";"):
            name = d.split(":", 1)[0].strip()
            if name.startswith("--") and ":" in d and unread(name):
                gone.add(name)
            else:
                live.append(d)
        return prelude + "{" + ";".join(live) + "}" if any(d.strip() for d in live) else None

    return _each_rule(css, rule)


def prune_custom_properties(css: str, read: Names) -> Pruned:
    """`css` without the declarations of custom properties that nothing reads: neither a `var()`
    of what is left of `css` nor `read` (the site's scripts and pages, which may set or read
    one, and the stylesheets joined to it). A rule left with no declaration goes. Repeated
    until nothing more goes (a property read only by one that goes goes too). `dropped`: the
    properties left out, by name."""
    dropped: set[str] = set()
    while True:
        used = custom_properties_read(css)
        gone: set[str] = set()
        result = _without_properties(css, lambda name, used=used: name not in used and not read(name), gone)
        if not gone:
            return Pruned(css, sorted(dropped))
        dropped |= gone
        css = result
