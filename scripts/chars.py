"""What text looks like: quote marks, list markers, sentence ends, abbreviations.

Character tables and small predicates over one line or one block of text, shared by the
cleaning passes and the annotators (ftfy keeps its `chardata` the same way). Each regular
expression is named for what it matches. Not for: deciding anything about a document (see
`clean` and `annotate`). Imports nothing of ours.
"""
from __future__ import annotations

import re

#: Characters that open a quotation in this kind of text.
OPENING_QUOTES = "“‘'\""
#: Characters that close one (the straight ones serve both ways).
CLOSING_QUOTES = "”’'\""
#: A line ending that closes a sentence or clause: the paragraph may end here.
TERMINAL = re.compile(r"[.?!:;…][”’'\")\]]*\s*$|[”’]\s*$")
#: The end of a sentence (not of a clause or label).
SENTENCE_END = re.compile(r"[.?!…][”’'\")\]]*\s*$")
#: A list item as printed: a bullet, a hyphen-dash item, or a number with a full stop.
BULLET_ITEM = re.compile(r"^•\s+")
DASH_ITEM = re.compile(r"^- (?=\S)")
NUMBERED_ITEM = re.compile(r"^(\d{1,2})\.\s+(?=\S)")
#: A compound broken at a line end: a letter or digit, a hyphen and no space after it.
COMPOUND_HYPHEN_END = re.compile(r"[^\W_]-$")


def as_joined(line: str) -> str:
    """A line as it reads joined to the next: its trailing spaces become one space, except
    after a compound broken at its hyphen ("overly-" / "reliant"), which joins with none."""
    return line if COMPOUND_HYPHEN_END.search(line) else line.rstrip() + " "


#: A run-in label heading ("Cabinet advisors:") is short; a longer line ending in ":" leads in.
LABEL_MAX_WORDS = 6
#: Runs of two or more spaces inside a line.
SPACE_RUN = re.compile(r" {2,}")
#: A glossary line: one term, a spaced hyphen, its expansion ("CSE - Child Sexual Exploitation").
GLOSSARY_ENTRY = re.compile(r"^(\S+) - (\S.*)$")


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def starts_list_item(text: str) -> bool:
    t = text.strip()
    if BULLET_ITEM.match(t) or DASH_ITEM.match(t):
        return True
    m = NUMBERED_ITEM.match(t)
    return bool(m) and not is_all_caps(t)


def looks_like_chapter_title(text: str) -> bool:
    """An ALL-CAPS line or an "Annex X" line: always the start of a new block."""
    t = text.strip()
    return is_all_caps(t) and not starts_list_item(t) or bool(re.fullmatch(r"Annex [A-Z]", t))


def ends_terminally(text: str) -> bool:
    return bool(TERMINAL.search(text.rstrip()))


def starts_lower(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and (t[0].islower() or t[0] == "(")


#: how an attribution opens: a capital, "a"/"an"/"anonymous", or a year and a capital ("2009
#: OFSTED annual unannounced inspection…"), after an optional full stop and dash
ATTRIBUTION_START = re.compile(r"^\.?\s*(?:[-–]\s*)?(?:[A-Z]|a |an |anonymous |(?:19|20)\d\d [A-Z])")
#: an attribution's length: a speaker is a few words ("A Councillor"); a document cited as the
#: source may run longer ("Email from police officer to Children’s Social Care, taken from
#: Section 47 meeting minutes"), but then holds no punctuation that ends a clause
ATTRIBUTION_WORDS = 12
CITED_SOURCE_WORDS = 30
CLAUSE_END = re.compile(r"[.?!;:]")


def split_attribution(text: str) -> tuple[str, str] | None:
    """Split "“quote…” A Councillor" into the quotation and its attribution.

    The attribution is what follows the last closing quote mark (and an optional full stop
    after it): starting with a capital, "a", "an", "anonymous", a year or a dash; holding no
    sentence of its own and not ending as one ("… in time’. This is also a matter dealt with
    in Section 2." is narrative going on); at most 12 words, or at most 30 with no punctuation ending a clause (a
    document named as the source). Returns None when there is no such tail.
    """
    t = text.rstrip()
    for i in range(len(t) - 1, -1, -1):
        if t[i] in CLOSING_QUOTES:
            if t[i] in "’'" and i + 1 < len(t) and t[i + 1].isalpha():
                continue    # an apostrophe inside a word ("victim’s"), not a closing quote
            cut = i + 1
            if t[cut:cut + 1] == ".":
                cut += 1
            tail = t[cut:].strip()
            if not tail:
                return None
            words = len(tail.split())
            short = words <= ATTRIBUTION_WORDS or (words <= CITED_SOURCE_WORDS and not CLAUSE_END.search(tail))
            if (short and ATTRIBUTION_START.match(tail)
                    and not re.search(r"[.?!]\s+\S", tail) and not tail.endswith((".", "?", "!"))):
                return t[:cut], tail
            return None
    return None


def opens_quotation(text: str) -> bool:
    t = text.lstrip()
    return bool(t) and t[0] in OPENING_QUOTES



def term_pattern(terms: list[str]) -> re.Pattern[str]:
    """A term as a whole word, case as printed, optionally with a plural "s" ("IMRs", "LSCBs"),
    or "S" after a term in capitals ("ASBOS"); never inside a longer word ("CSE" is not found
    in "CSEs-something" or "SCSE")."""
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w&])(?P<term>{alternatives})(?P<plural>s|(?<=[A-Z])S)?(?![\w&])")


#: A word with two capitals or more: an abbreviation, a name in capitals, or a word of a title
#: set in capitals ("CSE", "RDaSH", "B&Bs", "McDonnell", "DOES")
CAPITALISED_WORD = re.compile(r"(?<![\w&’'])(?=[\w&]*[A-Z][\w&]*[A-Z])[\w&]+")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w]*$")
_WORD_AFTER = re.compile(r"[^\w]*([^\W\d_]+)")


def in_capitals(text: str, start: int, end: int) -> bool:
    """Is text[start:end] a word of a run set in capitals (a title: "DOES IT HAVE"), that is,
    are the words on both sides of it (or the one it has) in capitals too?"""
    before = _WORD_BEFORE.search(text[:start])
    after = _WORD_AFTER.match(text[end:])
    words = [m.group(1) for m in (before, after) if m]
    return bool(words) and all(len(w) > 1 and w.isupper() for w in words)

