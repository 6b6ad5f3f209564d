"""The elements of some HTML as Beautiful Soup's "html.parser" tree holds them, read without
building the tree.

`walk` runs the tokenizer Beautiful Soup drives (Python's `html.parser`, with its setting) and
calls `visit` for each element, in document order, with what the tree would give: its name, its
attributes as Beautiful Soup sets them (a value-less attribute as "", a repeated one's last
value, `class`, `rel` and the other lists split on whitespace) and its parent. The parent is
found as Beautiful Soup links it: an element's parent is the innermost element still open; an end
tag closes the innermost open element of its name and every element opened inside it, and is
ignored where none is open; a void element (`<br>`, `<meta>`…) closes at once, and its own end
tag, if any, is then ignored. Nothing is kept of an element once it is visited, so a page of any
size is read in the memory of its deepest nesting.

For the gates that look at one element at a time, or at its parent: the markup of a search-index
entry, of the EPUB's pages and of the single file, and the links of the single file. Not for:
text (a page's words need its tree).
"""
from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

from bs4.builder import HTMLParserTreeBuilder, nonwhitespace_re

_BUILDER = HTMLParserTreeBuilder()
#: the attributes Beautiful Soup splits into lists, by element ("*": every element)
LISTS: dict[str, set[str]] = _BUILDER.cdata_list_attributes
#: the elements Beautiful Soup closes as soon as they open
VOID: set[str] = set(_BUILDER.empty_element_tags)

#: visit(index, name, attributes, index of the parent or -1 for the document)
Visit = Callable[[int, str, dict, int], None]


class Rejected(ValueError):
    """HTML the tokenizer gives up on (Beautiful Soup raises ParserRejectedMarkup for it)."""


def attributes(tag: str, pairs: list[tuple[str, str | None]]) -> dict:
    """An element's attributes as Beautiful Soup gives them."""
    out: dict = {}
    for key, value in pairs:
        out[key] = "" if value is None else value
    for key in (LISTS.get("*", set()) | LISTS.get(tag.lower(), set())) & out.keys():
        out[key] = nonwhitespace_re.findall(out[key])
    return out


class _Walker(HTMLParser):
    def __init__(self, visit: Visit) -> None:
        super().__init__(convert_charrefs=False)       # as Beautiful Soup runs it
        self.visit = visit
        self.count = 0
        self.open: list[tuple[str, int]] = []            # (name, index) of the open elements, innermost last
        self.open_names: dict[str, int] = {}
        # void elements closed at once, whose end tag is then ignored: how many of each name (a
        # count, not a list searched at each end tag: a long page has thousands of <br>s and <img>s)
        self.closed_void: dict[str, int] = {}

    def error(self, message: str) -> None:
        raise Rejected(message)

    def _start(self, tag: str, pairs: list[tuple[str, str | None]]) -> None:
        index = self.count
        self.count += 1
        self.visit(index, tag, attributes(tag, pairs), self.open[-1][1] if self.open else -1)
        self.open.append((tag, index))
        self.open_names[tag] = self.open_names.get(tag, 0) + 1

    def _close(self, tag: str) -> None:
        """Close the innermost open element named `tag` and all inside it; nothing if none is open."""
        if not self.open_names.get(tag):
            return
        while self.open:
            name, _ = self.open.pop()
            self.open_names[name] -= 1
            if name == tag:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag in VOID:
            self._close(tag)
            self.closed_void[tag] = self.closed_void.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)          # <x/>: opened and closed, whatever x is
        self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.closed_void.get(tag):
            self.closed_void[tag] -= 1
        else:
            self._close(tag)


def walk(html: str, visit: Visit) -> None:
    """Visit every element of `html` (see the module); Rejected for HTML the tokenizer gives up on."""
    walker = _Walker(visit)
    try:
        walker.feed(html)
        walker.close()
    except AssertionError as err:        # what html.parser raises on markup it cannot read
        raise Rejected(str(err)) from err


def elements_of(html: str) -> list[tuple[str, dict]]:
    """(name, attributes) of every element of `html`, in order."""
    found: list[tuple[str, dict]] = []
    walk(html, lambda _i, tag, attrs, _parent: found.append((tag, attrs)))
    return found
