"""Where a glossary's terms stand in a text: the one rule, shared by the annotator that marks
a chapter's uses and by the pages that quote the report's words.

A term is found as a whole word, case as printed, with its plural (`chars.term_pattern`); a
term whose letters are also a word of titles set in capitals (IT, the pronoun of "DOES IT
HAVE") is not found inside such a title. Imports only the model and the character tables.
"""
from __future__ import annotations

from collections.abc import Iterator

from .chars import in_capitals
from .model import Glossary, Inline, TermUse


def term_matches(text: str, glossary: Glossary) -> Iterator[tuple[int, int, str]]:
    """(start, end, term) of each use of a glossary term in `text`."""
    if glossary.pattern is None:
        return
    entries = glossary.by_term
    for m in glossary.pattern.finditer(text):
        term = m.group("term")
        if entries[term].not_in_capitals and in_capitals(text, m.start(), m.end()):
            continue
        yield m.start(), m.end(), term


def mark(text: str, glossary: Glossary) -> list[Inline]:
    """`text` with its terms as `TermUse`s, none linked (for words quoted on the edition's own
    pages: titles, expansions, excerpts)."""
    out: list[Inline] = []
    pos = 0
    for start, end, term in term_matches(text, glossary):
        out += [text[pos:start], TermUse(text[start:end], term)]
        pos = end
    out.append(text[pos:])
    return [x for x in out if x != ""]
