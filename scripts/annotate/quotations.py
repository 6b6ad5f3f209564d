"""Quotations in a news article, found and checked against the report's words (issue 14).

Three steps, each a pure function over plain values:

1. `find_quotations` reads the article's paragraphs and finds every stretch in quote marks:
   curly or straight, single or double, nested (the report's own ‘…’ kept inside a “…”), set
   in the writer's own sentence (“the council is in ‘overwhelming’ denial”), and split over
   paragraphs as the press sets a long quotation (each paragraph opens with a mark, only the
   last one closes). An apostrophe is never a quote mark (`council’s`, `officers’ feet`). It
   also reads who the article gives the words to ("A spokesman for Rotherham Council said:").
2. `index_report` turns the report's citable blocks into word sequences with an index of
   each word's places, so a quotation's 3-grams are looked up, never scanned for.
3. `match` aligns one quotation with the report (difflib over words) and gives its verdict,
   the block it quotes (by its stable id), the report's words and the differences word by
   word. `match_article` does the whole article, in article order.

What the comparison ignores, and why: quote-mark style (‘’ “” ' "), dash style (- – —) and
apostrophe style (’ ') are typography, and whitespace is layout; the report's footnote markers
and page breaks are not its words (`Block.text` leaves them out). Everything else counts:
a changed capital is an alteration (the convention of tests/data/press_expected.toml), and a
changed punctuation mark is listed as a difference but never decides a verdict by itself.

Not for: rendering (the site decides how a verdict is shown), furniture (which lines of the
scrape are the web page's), or changing any word of either source: everything here is read
only, deterministic, and prints nothing.
"""
from __future__ import annotations

import difflib
import enum
import functools
import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import Block, BlockKind, Document, PressQuote

# ----------------------------------------------------------------------------- characters

#: apostrophes inside a word ("council’s", "aren't"): all read as "'"
APOSTROPHES = "’'‘ʼ`´"
#: quote marks, wherever they stand: all read as one mark
QUOTE_MARKS = "‘’“”\"'«»„‟‚‛"
#: hyphens and dashes: all read as "-"
DASHES = "-‐‑‒–—―−"
#: a word: letters or digits, with apostrophes or hyphens inside it ("whistle-blowers", "Jay’s")
WORD = r"[^\W_]+(?:[’'‘ʼ`´\-‐‑][^\W_]+)*"
WORD_PATTERN = re.compile(WORD)
#: one token of text: a word, an ellipsis, or any other mark
TOKEN = re.compile(rf"(?P<word>{WORD})|(?P<ellipsis>\.{{3,}}|…)|(?P<mark>\S)")
#: what a word's apostrophes and hyphens become when words are compared
_WORD_FOLD = str.maketrans({**{c: "'" for c in APOSTROPHES}, **{c: "-" for c in DASHES}})
#: what a punctuation mark becomes when marks are compared (after `_WORD_FOLD`)
_MARK_FOLD = str.maketrans({c: '"' for c in QUOTE_MARKS})
#: marks that end a sentence
SENTENCE_END_MARKS = ".?!…"

# ----------------------------------------------------------------------------- thresholds

#: a quotation of at most this many words that is exactly the report's is a `phrase`
#: (the expected data's convention: "a fragment of 5 words or fewer ... is `phrase`")
PHRASE_MAX_WORDS = 5
#: words per key of the index; a quotation shorter than this is looked up word by word
GRAM = 3
#: a quotation that is not exact is the report's when at least this share of its words, and at
#: least MIN_MATCHED_WORDS, stand in the report in the same order, in runs of two words or more
MIN_SHARE = 0.6
MIN_MATCHED_WORDS = 3
#: how many report words an abridgement may leave out between two stretches it keeps
MAX_LEFT_OUT = 60
#: how many words the article may add between two stretches of the report's
MAX_ADDED = 20
#: report words either side of a candidate stretch that the alignment may also use
SLACK = 3
#: a run of this many words or more at a quotation's start or end that is not from the stretch
#: matched is looked up on its own: found elsewhere, the quotation joins two places
JOIN_MIN_WORDS = 6
#: candidate places compared for one quotation: every place as good as the best, up to this
MAX_CANDIDATES = 64
#: report words either side of a short quotation read for the words of the writer's sentence
CONTEXT_WORDS = 20
#: the most word pairs compared to tell a replacement apart (`_split_replace`); a longer one stays whole
SPLIT_WORK = 400
#: the kinds of block a quotation may come from (each has an id and a number)
QUOTABLE = (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM, BlockKind.TABLE)


# ----------------------------------------------------------------------------- words

@dataclass(frozen=True)
class Words:
    """A text as words: `words` casefolded for finding, `forms` as printed (apostrophes and
    hyphens unified), each word's character span in the text, and `gaps`: the marks between
    words, unified (n + 1 of them: before the first word, between each pair, after the last).

    Made for every word of the report (the index), so kept small: the strings are interned (a
    report of 80,000 words has some 8,000 distinct ones) and the spans are arrays of machine
    integers, not tuples of Python ints (4 bytes a number, not 36)."""

    words: tuple[str, ...]
    forms: tuple[str, ...]
    starts: Sequence[int]
    ends: Sequence[int]
    gaps: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.words)

    def part(self, i: int, j: int) -> Words:
        """Words i to j (not j), with the marks around them."""
        return Words(self.words[i:j], self.forms[i:j], self.starts[i:j], self.ends[i:j], self.gaps[i:j + 1])


def tokenise(text: str) -> Words:
    """Split text into words and the marks between them.

    >>> w = tokenise("The Council’s culture – ‘bullying’...")
    >>> w.words, w.gaps
    (('the', "council's", 'culture', 'bullying'), ('', '', '', '-"', '"…'))
    """
    forms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    gaps: list[list[str]] = [[]]
    # one translation of the whole text (each character to one): offsets stay the text's own
    for m in TOKEN.finditer(text.translate(_WORD_FOLD)):
        if m.lastgroup == "word":
            forms.append(m.group())
            starts.append(m.start())
            ends.append(m.end())
            gaps.append([])
        else:
            gaps[-1].append("…" if m.lastgroup == "ellipsis" else m.group().translate(_MARK_FOLD))
    intern = sys.intern
    return Words(tuple(intern(f.casefold()) for f in forms), tuple(intern(f) for f in forms), array("I", starts),
                 array("I", ends), tuple(intern("".join(g)) for g in gaps))


# ----------------------------------------------------------------------------- finding quotations

@dataclass(frozen=True)
class Quoted:
    """One stretch of the article in quote marks.

    `start`/`end` are character offsets of `text` in the paragraph (the marks left out); a
    quotation the paragraph never closes runs to its end (`closed` False). A later paragraph
    of a quotation split over paragraphs has `continues`; all its paragraphs share `group`
    (a quotation inside another shares its outer one's group and has `nested`). `speaker` is
    who the article gives the words to, as printed ("A spokesman for Rotherham Council",
    "It"); `refers_to` is what a pronoun speaker stands for ("Casey’s report"), "" otherwise;
    `attributed_to_report`: the article gives the words to the report.
    """

    line: int
    start: int
    end: int
    text: str
    mark: str
    closed: bool = True
    nested: bool = False
    continues: bool = False
    group: int = 0
    speaker: str = ""
    refers_to: str = ""
    attributed_to_report: bool = False


@dataclass(frozen=True)
class _Span:
    """A quoted stretch of one paragraph, before speakers are known."""

    start: int
    end: int
    mark: str
    closed: bool
    depth: int


#: marks that open a quotation
OPENERS = "“‘\"'"
#: single and double marks: a quotation opened by one closes with any mark of its kind, curly or
#: straight (the style of a mark is typography: ‘laddish' is one quotation)
SINGLE, DOUBLE = "‘’'", "“”\""


def same_kind(a: str, b: str) -> bool:
    return (a in SINGLE) == (b in SINGLE)
#: characters after which a straight mark opens rather than closes ("(\"...", "—'...")
_BEFORE_OPENING = "([{“‘\"'—–-/"


def is_apostrophe(text: str, i: int) -> bool:
    """A ’ or ' between two letters or digits is an apostrophe inside a word ("council’s",
    "aren’t"), never a quote mark. One after a word's end ("officers’ feet") may be either:
    `quote_spans` decides it by whether a single quotation is open."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def may_open(text: str, i: int) -> bool:
    """A mark opens a quotation when a character that is not a space follows it (a doubled “ “
    keeps only the second as the opening: the first has a space after it), and it starts a
    word: “ anywhere; ‘ not straight after a letter or digit (that is an apostrophe, typed the
    wrong way round); a straight mark only after the paragraph's start, a space, or an
    opening bracket, dash or mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    if text[i] == "“":
        return True
    if text[i] == "‘":
        return not before.isalnum()
    return before.isspace() or before in _BEFORE_OPENING


def may_close(text: str, i: int) -> bool:
    """A mark closes a quotation when no letter or digit follows it (a space, a mark or the
    paragraph's end), and a straight mark also only after a character that is not a space
    (a curly one may stand after a space: “...interviews. ”)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum() and (text[i] in "”’" or not before.isspace())


def looks_possessive(text: str, i: int) -> bool:
    """A ’ after a plural ending in s with a lower-case word after it ("perpetrators’ feet") is
    more likely the plural's apostrophe than the end of a quotation."""
    return i > 0 and text[i - 1] in "sS" and bool(re.match(r"\s+[a-z]", text[i + 1:]))


def _closes_later(text: str, i: int) -> bool:
    """Is there another single mark further on, before the next single opening, that would
    close the single quotation that the mark at `i` might close?"""
    for k in range(i + 1, len(text)):
        ch = text[k]
        if ch in "‘'" and may_open(text, k) and not is_apostrophe(text, k):
            return False
        if ch in "’'" and not is_apostrophe(text, k) and may_close(text, k):
            return True
    return False


def quote_spans(text: str) -> tuple[list[_Span], list[tuple[str, int]]]:
    """Every quoted stretch of a paragraph, and the quotations still open at its end.

    The rules, in order, for each quote mark: an apostrophe inside a word is skipped; a mark
    that can close the innermost open quotation of its kind closes it (a ’ that looks like a
    plural's apostrophe does only if nothing later would close instead), and any quotation
    inside that one ends there too; a mark that can open opens a new one, inside any still
    open; any other mark is left alone (a stray mark, or a possessive apostrophe when no single
    quotation is open: "The Times’ journalist"). A stretch with no letter or digit is no
    quotation.
    """
    stack: list[tuple[str, int]] = []
    spans: list[_Span] = []
    for i, ch in enumerate(text):
        if ch not in "“”‘’\"'":
            continue
        if ch in "’'" and is_apostrophe(text, i):
            continue
        opened = [k for k, (m, _) in enumerate(stack) if same_kind(m, ch)] if ch in "”’\"'" else []
        if opened and may_close(text, i) and not (ch in "’'" and looks_possessive(text, i)
                                                  and _closes_later(text, i)):
            k = opened[-1]
            for depth in range(len(stack) - 1, k - 1, -1):
                mark, start = stack[depth]
                spans.append(_Span(start, i, mark, depth == k, depth))
            del stack[k:]
            continue
        if ch in OPENERS and may_open(text, i):
            stack.append((ch, i + 1))
    for depth in range(len(stack) - 1, -1, -1):
        mark, start = stack[depth]
        spans.append(_Span(start, len(text), mark, False, depth))
    spans = [s for s in spans if re.search(r"[^\W_]", text[s.start:s.end])]
    return sorted(spans, key=lambda s: (s.start, -s.end)), stack


def opens_with(text: str, mark: str) -> bool:
    """Does a paragraph open with this quote mark (the press's sign that a quotation goes on)?"""
    t = text.lstrip()
    return bool(t) and t[0] == mark


# --- who is speaking

#: verbs that give words to someone ("said", "told", "went on to add")
SPEECH_VERB = re.compile(
    r"\b(?:(?:went|goes|go) on to (?:add|say)|said|says|say|added|adds|told|tells|revealed|reveals|found|finds"
    r"|announced|announces|stated|states|concluded|concludes|wrote|writes|claimed|claims|warned|warns)\b")
#: "according to X" names X as the speaker
ACCORDING_TO = re.compile(r"\baccording to (?P<who>[^,.;:]+)")
#: a passive before the verb: "Police were said to be aware" names no speaker
PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+$")
#: where the subject before a speech verb begins: after a sentence's or clause's end, or a word
#: that starts a clause ("...cabinet quit after new report says")
SUBJECT_START = re.compile(r"(?:[.;:!?](?:\s+|$)|\b(?:that|after|when|as|and|but|because|while|if|so|since|where"
                           r"|which|who|whom)\s+)")
#: a comma before a new subject ("In a statement, the council said"): the subject starts after it
COMMA_SUBJECT = re.compile(r",\s+(?=(?:the|a|an|its|his|her|their|this)\b)", re.IGNORECASE)
#: words between a subject and its verb that are not the subject ("has", "also", "now")
AUXILIARIES = re.compile(r"(?:\s+(?:has|have|had|also|now|then|later|today|yesterday|will|would|further|again))+$")
#: an inner quotation's lead-in inside a quotation: "payments described by the council as ‘...’"
DESCRIBED_BY = re.compile(r"\b(?:described|called|termed|labelled|dismissed)\s+by\s+(?P<who>.+?)\s+as\s*$")
#: a speaker that stands for one named before
PRONOUNS = {"it", "he", "she", "they"}
#: words that may stand before "report" without naming another report ("the report", "new report")
_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "new", "latest", "today's", "our"}
#: a subject longer than this is not a speaker
SPEAKER_MAX_WORDS = 16


#: a possessive just before the word: "the Council’s claims" is a noun, not a verb
POSSESSIVE_BEFORE = re.compile(r"(?:[’']s|s[’'])\s+$")
#: "claims of", "finds of": a noun
NOUN_AFTER = re.compile(r"\s+of\b")


def is_speech_verb(text: str, m: re.Match[str]) -> bool:
    """Is a speech-verb match a verb that names a speaker? Not in a passive ("were said to be"),
    nor as a noun ("Rotherham Council’s claims of improvements", "the claims of victims")."""
    before, after = text[:m.start()], text[m.end():]
    return not (PASSIVE.search(before) or POSSESSIVE_BEFORE.search(before) or NOUN_AFTER.match(after))


def subject_before(text: str) -> str:
    """The subject at the end of `text` (the words before a speech verb), as printed.

    >>> subject_before("Rotherham Council’s cabinet quit after new report ")
    'new report'
    >>> subject_before("*The National Crime Agency has ")
    'The National Crime Agency'
    """
    cut = [m.end() for m in SUBJECT_START.finditer(text)]
    t = text[cut[-1]:] if cut else text
    commas = list(COMMA_SUBJECT.finditer(t))
    if commas:
        t = t[commas[-1].end():]
    t = AUXILIARIES.sub("", t.strip().rstrip(",").strip())
    t = t.lstrip("*•-–— ").strip()
    if not t or len(t.split()) > SPEAKER_MAX_WORDS:
        return ""
    return t


def lead_in_speaker(text: str) -> str:
    """Who the words after `text` are given to: the subject of the last speech verb in it that is
    not a passive ("It added: “", "Casey’s report said the council is in ‘"), or the X of
    "according to X". "" when there is none."""
    for m in reversed(list(SPEECH_VERB.finditer(text))):
        who = subject_before(text[:m.start()]) if is_speech_verb(text, m) else ""
        if who:
            return who
    m = ACCORDING_TO.search(text)
    return m.group("who").strip() if m else ""


def trailing_speaker(text: str) -> str:
    """Who a paragraph gives its quotations to after them ("..., the report added."): the
    subject of the first speech verb after the last quotation."""
    for m in SPEECH_VERB.finditer(text):
        if not is_speech_verb(text, m):
            continue
        before = text[:m.start()]
        comma = before.rfind(",")
        who = subject_before(before[comma + 1:] if comma >= 0 else before)
        if who:
            return who
    m = ACCORDING_TO.search(text)
    return m.group("who").strip() if m else ""


def names_the_report(speaker: str, report_names: Sequence[str] = ()) -> bool:
    """Does a speaker name the report? It holds the word "report" ("the report’s executive
    summary", "a new report into...", "A quote in the report"), and the word before it is not
    a name other than the report's own (`report_names`, e.g. its author's family name): "The
    Jay Report" is another report, "Casey’s report" is this one when "Casey" is a name given."""
    words = re.findall(WORD, speaker.translate(_WORD_FOLD))
    names = {n.casefold() for n in report_names}
    for k, w in enumerate(words):
        if w.casefold() not in ("report", "report's"):
            continue
        before = words[k - 1] if k else ""
        name = before.removesuffix("'s")
        if not before or before.casefold() in _DETERMINERS or not name[:1].isupper() or name.casefold() in names:
            return True
    return False


def _outside(text: str, spans: Sequence[_Span], lo: int, hi: int) -> str:
    """text[lo:hi] with every quoted stretch in it blanked out (its verbs are not the writer's)."""
    chars = list(text[lo:hi])
    for s in spans:
        for k in range(max(s.start - 1, lo), min(s.end + 1, hi)):
            chars[k - lo] = " "
    return "".join(chars)


@dataclass
class _Voice:
    """Who is speaking as the article is read: the last speaker named (for a pronoun)."""

    last: str = ""

    def resolve(self, speaker: str) -> str:
        return self.last if speaker.casefold() in PRONOUNS else ""


def _heard(text: str, spans: Sequence[_Span], voice: _Voice) -> None:
    """Note every speaker a paragraph names outside its quotations, in order, for the pronouns
    of later paragraphs."""
    outside = _outside(text, spans, 0, len(text))
    for sentence in re.split(r"(?<=[.!?:])\s+", outside):
        for m in SPEECH_VERB.finditer(sentence):
            if not is_speech_verb(sentence, m):
                continue
            who = subject_before(sentence[:m.start()])
            if who and who.casefold() not in PRONOUNS:
                voice.last = who


def _speaker_of_group(text: str, spans: Sequence[_Span], s: _Span, trailing: str, voice: _Voice,
                      report_names: Sequence[str]) -> tuple[str, str, bool]:
    """(speaker, what a pronoun stands for, given to the report) of a quotation that opens a
    group: its lead-in, else the paragraph's trailing attribution."""
    who = lead_in_speaker(_outside(text, spans, 0, max(s.start - 1, 0))) or trailing
    refers = voice.resolve(who)
    return who, refers, names_the_report(refers or who, report_names)


def _speaker_of_inner(text: str, s: _Span, parent: Quoted | None,
                      report_names: Sequence[str]) -> tuple[str, str, bool]:
    """An inner quotation's speaker: "described by X as ‘…’" inside its outer quotation names X;
    otherwise it is its outer quotation's."""
    lead = DESCRIBED_BY.search(text[parent.start if parent else 0:max(s.start - 1, 0)])
    if lead:
        return lead.group("who"), "", names_the_report(lead.group("who"), report_names)
    if parent:
        return parent.speaker, parent.refers_to, parent.attributed_to_report
    return "", "", False


def find_quotations(paragraphs: Sequence[tuple[int, str]], report_names: Sequence[str] = ()) -> list[Quoted]:
    """Every quotation of an article's paragraphs ((line, text) pairs, in order), in article order.

    A quotation left open at a paragraph's end goes on when the next paragraph opens with the
    same mark: that paragraph's quotation `continues` it, in the same group. Speakers, simply:
    a quotation's speaker is the subject of the last speech verb before it in its paragraph
    (outside quotations), else of the first after its paragraph's last quotation ("..., the
    report added."); a later paragraph of a quotation has its first paragraph's speaker, and an
    inner quotation its outer one's unless "described by X as" leads into it. A pronoun ("It
    added:") stands for the last speaker the article named before. A quotation is given to the
    report when its speaker (or what the pronoun stands for) names the report
    (`names_the_report`). No lead-in, no speaker: "" and not given to the report.
    """
    out: list[Quoted] = []
    voice = _Voice()
    carried = ""                          # the mark of a quotation the paragraph before left open
    group = 0
    opening: Quoted | None = None         # the first paragraph of the current group
    for line, text in paragraphs:
        spans, still_open = quote_spans(text)
        going_on = bool(carried) and opens_with(text, carried)
        tops = [x for x in spans if x.depth == 0]
        trailing = trailing_speaker(_outside(text, spans, min(tops[-1].end + 1, len(text)), len(text))) if tops else ""
        outer: list[Quoted] = []
        for s in spans:
            mark = text[s.start - 1] if s.start else ""
            if s.depth == 0:
                continues = going_on and opening is not None and s.start == len(text) - len(text.lstrip()) + 1
                if continues:
                    who, refers, given = opening.speaker, opening.refers_to, opening.attributed_to_report
                else:
                    group += 1
                    who, refers, given = _speaker_of_group(text, spans, s, trailing, voice, report_names)
                q = Quoted(line, s.start, s.end, text[s.start:s.end], mark, s.closed, False, continues, group,
                           who, refers, given)
                opening = opening if continues else q
                outer.append(q)
            else:
                parent = next((o for o in reversed(outer) if o.start <= s.start and s.end <= o.end), None)
                who, refers, given = _speaker_of_inner(text, s, parent, report_names)
                q = Quoted(line, s.start, s.end, text[s.start:s.end], mark, s.closed, True, False,
                           parent.group if parent else group, who, refers, given)
            out.append(q)
        _heard(text, spans, voice)
        carried = still_open[0][0] if still_open else ""
    return out


# ----------------------------------------------------------------------------- the report's index

@dataclass(frozen=True)
class IndexedBlock:
    """A citable block of the report as words. `text` is what the offsets refer to: the
    block's text as displayed (a table's cells, row by row); `count` its words; `offset` its
    first word's position in the whole index. Its `words` (with their forms, spans and marks)
    and `lines` (the seed line of each word) are worked out when first asked for: only the
    blocks a quotation may come from are, and an index of every word's forms and spans grew
    with the report for nothing."""

    anchor: str
    locator: str
    kind: BlockKind
    text: str
    count: int
    offset: int
    block: Block = field(repr=False, compare=False)
    line_texts: Mapping[int, str] = field(repr=False, compare=False)

    @functools.cached_property
    def words(self) -> Words:
        return tokenise(self.text)

    @functools.cached_property
    def lines(self) -> tuple[int, ...]:
        return word_lines(self.block, self.words, self.line_texts)


@dataclass(frozen=True)
class ReportIndex:
    """The report's citable blocks, in order, and every word's positions (a position is a word's
    place in all the blocks' words, one after another). Built once; never changed.

    It holds every word of the report, so it is kept to a few bytes a word: each word's positions
    as an array of machine integers, and no table of 3-grams (a 3-gram's places are found from
    its rarest word's, `gram_places`: a table of every 3-gram was most of the pipeline's memory,
    growing with the report)."""

    blocks: tuple[IndexedBlock, ...]
    words: tuple[str, ...]
    starts: tuple[int, ...]                 # each block's first position, for `block_at`
    positions: Mapping[str, Sequence[int]] = field(repr=False)   # each word's positions, in order
    by_anchor: Mapping[str, int] = field(repr=False)

    def block_at(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def gram_places(self, gram: Sequence[str]) -> list[int]:
        """The positions, in order, where the words of `gram` stand one after another inside one
        block: the places of its rarest word, each checked word by word."""
        lists = [self.positions.get(w, ()) for w in gram]
        j = min(range(len(gram)), key=lambda k: len(lists[k]))
        n, words, gram = len(gram), self.words, tuple(gram)
        out = []
        for q in lists[j]:
            p = q - j
            if p < 0 or tuple(words[p:p + n]) != gram:
                continue
            lo, hi = self.block_range(self.block_at(p))
            if p >= lo and p + n <= hi:
                out.append(p)
        return out

    def block_range(self, k: int) -> tuple[int, int]:
        b = self.blocks[k]
        return b.offset, b.offset + b.count


def block_words_text(block: Block) -> str:
    """The text a block is quoted from: a table's cells row by row, or the block's text (with
    footnote references and page starts left out, as `Block.text` gives it)."""
    return block.words if block.kind is BlockKind.TABLE else block.text


def word_lines(block: Block, words: Words, lines: Mapping[int, str]) -> tuple[int, ...]:
    """The seed line each of a block's words stands on, counted from the lines' own words.

    Each line of `block.source_lines` holds as many of the block's words as its text has, less
    one when the line before ended in a compound's hyphen ("no-" / "one" make one word); a first
    line's printed list number ("4.", not in the block's text) is skipped. Where a line's text is
    not given, every word gets the block's first line.
    """
    first = block.source_lines[0] if block.source_lines else 0
    if not block.source_lines or any(n not in lines for n in block.source_lines):
        return (first,) * len(words)
    out: list[int] = []
    joined = False
    for k, n in enumerate(block.source_lines):
        own = [w.translate(_WORD_FOLD).casefold() for w in WORD_PATTERN.findall(lines[n])]
        if k == 0 and words.words:
            skip = next((j for j in range(min(3, len(own))) if own[j] == words.words[0]), 0)
            own = own[skip:]
        count = len(own) - (1 if joined and own else 0)
        out += [n] * max(count, 0)
        joined = bool(re.search(r"[^\W_]-\s*$", lines[n]))
    out = out[:len(words)]
    return tuple(out + [block.source_lines[-1]] * (len(words) - len(out)))


def index_report(blocks: Iterable[Block], lines: Mapping[int, str] | None = None) -> ReportIndex:
    """The index of the report's citable blocks (paragraphs, quotations, list items, tables with
    an id and a number), in the order given. `lines` (seed line number -> its text, footnote
    markers detached: `report_line_texts`) lets a match name the seed line a quotation begins on."""
    out: list[IndexedBlock] = []
    words: list[str] = []
    for b in blocks:
        if b.kind not in QUOTABLE or not b.anchor or not b.locator:
            continue
        text = block_words_text(b)
        w = tokenise(text).words
        out.append(IndexedBlock(b.anchor, b.locator, b.kind, text, len(w), len(words), b, lines or {}))
        words += w
    positions: dict[str, array] = {}
    for k, word in enumerate(words):
        places = positions.get(word)
        if places is None:
            positions[word] = places = array("I")
        places.append(k)
    return ReportIndex(tuple(out), tuple(words), tuple(b.offset for b in out), positions,
                       {b.anchor: k for k, b in enumerate(out)})


def report_line_texts(doc: Document) -> dict[int, str]:
    """Each body line of a report's seed, by number, with footnote markers detached."""
    return {bl.number: bl.text for bl in doc.body_lines}


# ----------------------------------------------------------------------------- matching

class Verdict(enum.StrEnum):
    VERBATIM = "verbatim"            # exactly the report's words, to the end of its sentence
    ABRIDGED = "abridged"            # the report's words in order, some left out
    ALTERED = "altered"              # words changed, added, re-spelt, re-capitalised or reordered
    TRUNCATED = "truncated"          # exact, but it stops before the report's sentence ends
    PHRASE = "phrase"                # a short exact fragment (PHRASE_MAX_WORDS words or fewer)
    NOT_FROM_REPORT = "not-from-report"


@dataclass(frozen=True)
class Difference:
    """One difference between the article's words and the report's, word by word.

    `op`: "replace" (the article's words for the report's), "delete" (report words the article
    leaves out; `article` is "…" when an ellipsis marks the place), "insert" (words the article
    adds), "case" (the same words, capitals differ), "punctuation" (the marks between two words
    differ; never decides a verdict), "cut" (a truncated quotation: the report's words after it
    to its sentence's end), "join" (the article's words that come from another place in the
    report: the words after the join, and the report's words they are from). `position` is the
    article word it stands at (for "delete", the word after the gap; for "join", the first word
    from the second place).
    """

    op: str
    article: str
    report: str
    position: int = 0


@dataclass(frozen=True)
class Passage:
    """A stretch of one report block: its id and number, the seed line its first word stands
    on, and its character span in the block's text (`IndexedBlock.text`)."""

    anchor: str
    locator: str
    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Match:
    """A quotation and what the report has of it. `passages` are the report's words it quotes
    (for a truncated quotation, its whole sentence), one per block; none when it is not from
    the report. `misattributed`: the article gives it to the report, and the report does not
    have it."""

    quoted: Quoted
    verdict: Verdict
    passages: tuple[Passage, ...] = ()
    differences: tuple[Difference, ...] = ()
    misattributed: bool = False

    @property
    def anchor(self) -> str:
        """The id of the block it quotes (the first, when it spans or joins several)."""
        return self.passages[0].anchor if self.passages else ""

    @property
    def report_text(self) -> str:
        return " ".join(p.text for p in self.passages)

    @property
    def report_line(self) -> int:
        return self.passages[0].line if self.passages else 0

    @property
    def joined(self) -> bool:
        return any(d.op == "join" for d in self.differences)


@dataclass(frozen=True)
class _Alignment:
    """A quotation's words aligned with a stretch of the report's: difflib's opcodes over the
    quotation's words `q` and the report's positions [lo, hi) (trimmed to what is matched)."""

    ops: tuple[tuple[str, int, int, int, int], ...]    # (tag, q1, q2, r1, r2), r in positions
    lo: int
    hi: int
    matched: int          # quotation words in runs of two or more the report has in order
    context: int = 0      # words of the writer's sentence found near it (short quotations)

    @property
    def covered(self) -> tuple[int, int]:
        """The quotation's words from its first to its last matched run."""
        runs = [(q1, q2) for tag, q1, q2, _, _ in self.ops if tag == "equal" and q2 - q1 >= 2] or \
               [(q1, q2) for tag, q1, q2, _, _ in self.ops if tag == "equal"]
        return (runs[0][0], runs[-1][1]) if runs else (0, 0)

    @property
    def changes(self) -> int:
        return sum(1 for tag, *_ in self.ops if tag != "equal")


def _chains(q: Sequence[str], index: ReportIndex, window: tuple[int, int] | None) -> list[tuple[int, int, int, int]]:
    """Places in the report where the quotation's 3-grams stand in order, best first.

    Each hit is a 3-gram of the quotation (at word i) found at report position p. A chain links
    hits that go forward in both, skipping at most MAX_LEFT_OUT report words or MAX_ADDED
    quotation words between two of them, and never a whole block (a quotation may run on from
    one block into the next; leaving a paragraph out is joining two places, see `match`).
    Returns (first i, first p, last i, last p) of each chain, without overlaps, most hits
    first, then earliest; at most MAX_CANDIDATES.
    """
    hits: list[tuple[int, int]] = []
    for i in range(len(q) - GRAM + 1):
        for p in index.gram_places(q[i:i + GRAM]):
            if window is None or window[0] <= p < window[1]:
                hits.append((p, i))
    if not hits:
        return []
    hits.sort()
    block = [index.block_at(p) for p, _ in hits]
    best = [1] * len(hits)
    back = [-1] * len(hits)
    reach = len(q) + MAX_LEFT_OUT
    for k, (p, i) in enumerate(hits):
        j = k - 1
        while j >= 0 and p - hits[j][0] <= reach:
            pj, ij = hits[j]
            if (pj < p and ij < i and -MAX_ADDED <= (p - pj) - (i - ij) <= MAX_LEFT_OUT and block[k] - block[j] <= 1
                    and best[j] + 1 > best[k]):
                best[k], back[k] = best[j] + 1, j
            j -= 1
    order = sorted(range(len(hits)), key=lambda k: (-best[k], hits[k][0]))
    chosen: list[tuple[int, int, int, int, int]] = []
    taken: list[tuple[int, int]] = []
    for k in order:
        first = k
        while back[first] >= 0:
            first = back[first]
        lo, hi = hits[first][0], hits[k][0] + GRAM
        if any(lo < b and a < hi for a, b in taken):
            continue
        taken.append((lo, hi))
        chosen.append((best[k], hits[first][1], hits[first][0], hits[k][1], hits[k][0]))
        if len(chosen) >= MAX_CANDIDATES or best[k] < chosen[0][0] and len(chosen) >= 8:
            break
    return [c[1:] for c in chosen]


def _exact_places(q: Sequence[str], index: ReportIndex, window: tuple[int, int] | None) -> list[int]:
    """Positions where a quotation shorter than a 3-gram stands exactly, inside one block."""
    out = []
    for p in index.positions.get(q[0], ()):
        if window is not None and not window[0] <= p < window[1]:
            continue
        lo, hi = index.block_range(index.block_at(p))
        if p + len(q) <= hi and tuple(index.words[p:p + len(q)]) == tuple(q):
            out.append(p)
    return out


def _likeness(a: Sequence[str], b: Sequence[str]) -> float:
    return sum(difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() for x, y in zip(a, b))


def _split_replace(op: tuple[str, int, int, int, int], q: Sequence[str],
                   words: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """A replacement of k words by n (k != n) as difflib gives it, told apart: the shorter side's
    words are paired with the stretch of the longer side they are most like, letter by letter,
    and the rest is left out (or added). "made... while" for "made in order to ... changes.
    Whilst" is words left out, then 'while' for 'Whilst', not one replacement of nine words."""
    tag, q1, q2, r1, r2 = op
    k, n = q2 - q1, r2 - r1
    if tag != "replace" or k == n or min(k, n) * (abs(n - k) + 1) > SPLIT_WORK:
        return [op]
    if k < n:
        at = max(range(n - k + 1), key=lambda s: (_likeness(q[q1:q2], words[r1 + s:r1 + s + k]), -s))
        out = [("insert", q1, q1, r1, r1 + at), ("replace", q1, q2, r1 + at, r1 + at + k),
               ("insert", q2, q2, r1 + at + k, r2)]
    else:
        at = max(range(k - n + 1), key=lambda s: (_likeness(q[q1 + s:q1 + s + n], words[r1:r2]), -s))
        out = [("delete", q1, q1 + at, r1, r1), ("replace", q1 + at, q1 + at + n, r1, r2),
               ("delete", q1 + at + n, q2, r2, r2)]
    return [o for o in out if o[2] > o[1] or o[4] > o[3]]


def _trim(ops: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Leave out report words at either end that nothing of the quotation stands for; where the
    quotation's first (last) words replace report words, keep as many report words as that."""
    while ops and ops[0][0] == "insert":
        ops.pop(0)
    while ops and ops[-1][0] == "insert":
        ops.pop()
    if ops and ops[0][0] == "replace":
        tag, q1, q2, r1, r2 = ops[0]
        ops[0] = (tag, q1, q2, max(r1, r2 - (q2 - q1)), r2)
    if ops and ops[-1][0] == "replace":
        tag, q1, q2, r1, r2 = ops[-1]
        ops[-1] = (tag, q1, q2, r1, min(r2, r1 + (q2 - q1)))
    return ops


def _align(q: Sequence[str], index: ReportIndex, lo: int, hi: int) -> _Alignment:
    """difflib's alignment of the quotation's words with the report's positions [lo, hi)."""
    sm = difflib.SequenceMatcher(None, q, index.words[lo:hi], autojunk=False)
    ops = _trim([(tag, q1, q2, lo + r1, lo + r2) for tag, q1, q2, r1, r2 in sm.get_opcodes()])
    runs = [q2 - q1 for tag, q1, q2, _, _ in ops if tag == "equal"]
    matched = sum(n for n in runs if n >= 2) if len(q) > 2 else sum(runs)
    r_lo = min((r1 for _, _, _, r1, r2 in ops if r2 > r1), default=lo)
    r_hi = max((r2 for _, _, _, r1, r2 in ops if r2 > r1), default=lo)
    return _Alignment(tuple(ops), r_lo, r_hi, matched)


def refined(a: _Alignment, q: Sequence[str], index: ReportIndex) -> _Alignment:
    """The alignment with its inner replacements told apart (`_split_replace`); done once, for
    the place chosen (it changes no word matched, only how the differences are shown)."""
    ops = list(a.ops)
    ops = ops[:1] + [part for op in ops[1:-1] for part in _split_replace(op, q, index.words)] + ops[1:][-1:]
    return _Alignment(tuple(ops), a.lo, a.hi, a.matched, a.context)


def _context_words(text: str, quoted: Sequence[str]) -> frozenset[str]:
    """The writer's words around a quotation that may also stand near it in the report: words of
    four letters or more, not of the quotation itself."""
    own = set(quoted)
    return frozenset(w for w in tokenise(text).words if len(w) >= 4 and w not in own and w not in _COMMON)


#: words too common to tell two places apart
_COMMON = frozenset("that this with have been were from they their there which what when will would also said "
                    "into than them then some more about very such only other these those".split())


def _context_score(index: ReportIndex, lo: int, hi: int, context: frozenset[str]) -> int:
    if not context:
        return 0
    b_lo, b_hi = index.block_range(index.block_at(lo))
    near = index.words[max(b_lo, lo - CONTEXT_WORDS):min(b_hi, hi + CONTEXT_WORDS)]
    return len(context.intersection(near))


def _acceptable(a: _Alignment, n: int) -> bool:
    if n <= 2:
        return a.matched == n and a.changes == 0
    return a.matched >= min(n, MIN_MATCHED_WORDS) and a.matched >= MIN_SHARE * n


def _best_alignment(quoted: Words, index: ReportIndex, context: frozenset[str],
                    window: tuple[int, int] | None, avoid: tuple[int, int] | None = None) -> _Alignment | None:
    """The best place in the report for these words: most words matched, then fewest changes,
    then fewest marks that differ, then most of the writer's words nearby, then the earliest.
    None when nothing is near."""
    q = quoted.words
    if not q:
        return None
    candidates: list[_Alignment] = []
    if len(q) < GRAM:
        for p in _exact_places(q, index, window):
            candidates.append(_Alignment((("equal", 0, len(q), p, p + len(q)),), p, p + len(q), len(q)))
    else:
        for i0, p0, i1, p1 in _chains(q, index, window):
            k0, k1 = index.block_at(p0), index.block_at(p1)
            lo = max(index.block_range(k0)[0], p0 - i0 - SLACK)
            hi = min(index.block_range(k1)[1], p1 + (len(q) - i1) + SLACK)
            if window is not None:
                lo, hi = max(lo, window[0]), min(hi, window[1])
            candidates.append(_align(q, index, lo, hi))
    if avoid is not None:
        candidates = [c for c in candidates if c.hi <= avoid[0] or c.lo >= avoid[1]]
    if not candidates:
        return None
    top = max(c.matched - c.changes for c in candidates)
    close = [c for c in candidates if c.matched - c.changes == top]
    scored = [_Alignment(c.ops, c.lo, c.hi, c.matched, _context_score(index, c.lo, c.hi, context)) for c in close]
    return min(scored, key=lambda c: (-c.matched, c.changes, _marks_differing(quoted, c, index), -c.context, c.lo))


def _marks_differing(q: Words, a: _Alignment, index: ReportIndex) -> int:
    """How many of the gaps between two matched words hold other marks in the report."""
    return sum(1 for tag, q1, q2, r1, _ in a.ops if tag == "equal"
               for k in range(q2 - q1 - 1) if q.gaps[q1 + k + 1] != _gap_after(index, r1 + k))


def _spoken(q: Words, i1: int, i2: int) -> str:
    return " ".join(q.forms[i1:i2])


def _report_forms(index: ReportIndex, r1: int, r2: int) -> str:
    out = []
    for p in range(r1, r2):
        b = index.blocks[index.block_at(p)]
        out.append(b.words.forms[p - b.offset])
    return " ".join(out)


def _gap_after(index: ReportIndex, p: int) -> str:
    b = index.blocks[index.block_at(p)]
    return b.words.gaps[p - b.offset + 1]


def differences(q: Words, a: _Alignment, index: ReportIndex) -> list[Difference]:
    """The alignment's differences, word by word (see `Difference`)."""
    out: list[Difference] = []
    for tag, q1, q2, r1, r2 in a.ops:
        if tag == "equal":
            case_from = None
            for k in range(q2 - q1):
                same = q.forms[q1 + k] == _report_forms(index, r1 + k, r1 + k + 1)
                if not same and case_from is None:
                    case_from = k
                if case_from is not None and (same or k == q2 - q1 - 1):
                    end = k if same else k + 1
                    out.append(Difference("case", _spoken(q, q1 + case_from, q1 + end),
                                          _report_forms(index, r1 + case_from, r1 + end), q1 + case_from))
                    case_from = None
                if k < q2 - q1 - 1:
                    mine, theirs = q.gaps[q1 + k + 1], _gap_after(index, r1 + k)
                    if mine != theirs and index.block_at(r1 + k) == index.block_at(r1 + k + 1):
                        out.append(Difference("punctuation", mine, theirs, q1 + k + 1))
        elif tag == "replace":
            out.append(Difference("replace", _spoken(q, q1, q2), _report_forms(index, r1, r2), q1))
        elif tag == "delete":          # difflib: quotation words the report does not have
            out.append(Difference("insert", _spoken(q, q1, q2), "", q1))
        else:                          # difflib "insert": report words the quotation leaves out
            out.append(Difference("delete", "…" if "…" in q.gaps[q1] else "", _report_forms(index, r1, r2), q1))
    return out


def ends_sentence(index: ReportIndex, p: int) -> bool:
    """Does the report's sentence end after the word at position p? At a block's end, or at a
    full stop, question mark, exclamation mark or ellipsis followed by a capital or a number."""
    k = index.block_at(p)
    b = index.blocks[k]
    j = p - b.offset
    if j == b.count - 1:
        return True
    nxt = b.words.forms[j + 1]
    return any(c in b.words.gaps[j + 1] for c in SENTENCE_END_MARKS) and (nxt[:1].isupper() or nxt[:1].isdigit())


def sentence_around(index: ReportIndex, lo: int, hi: int) -> tuple[int, int]:
    """The report's whole sentence(s) holding the positions [lo, hi), within their block."""
    b_lo, b_hi = index.block_range(index.block_at(lo))
    while lo > b_lo and not ends_sentence(index, lo - 1):
        lo -= 1
    while hi < b_hi and not ends_sentence(index, hi - 1):
        hi += 1
    return lo, hi


def passages(index: ReportIndex, lo: int, hi: int) -> tuple[Passage, ...]:
    """The report's words at positions [lo, hi), one passage per block, each running on over the
    marks that end its last sentence ("functions.", "exaggerated…")."""
    out = []
    p = lo
    while p < hi:
        k = index.block_at(p)
        b = index.blocks[k]
        end = min(hi, b.offset + b.count)
        j1, j2 = p - b.offset, end - 1 - b.offset
        stop = b.words.ends[j2]
        if ends_sentence(index, end - 1):
            tail = b.text[stop:b.words.starts[j2 + 1]] if j2 + 1 < b.count else b.text[stop:]
            cut = max((tail.find(c) for c in SENTENCE_END_MARKS if c in tail), default=-1)
            stop += cut + 1 if cut >= 0 else 0
            if cut >= 0 and tail[cut:cut + 3] == "...":
                stop += 2
        start = b.words.starts[j1]
        out.append(Passage(b.anchor, b.locator, b.lines[j1], start, stop, b.text[start:stop]))
        p = end
    return tuple(out)


def _verdict(n: int, diffs: Sequence[Difference], exact_end: bool) -> Verdict:
    ops = {d.op for d in diffs}
    if ops & {"replace", "insert", "case", "join"}:
        return Verdict.ALTERED
    if "delete" in ops:
        return Verdict.ABRIDGED
    if n <= PHRASE_MAX_WORDS:
        return Verdict.PHRASE
    return Verdict.VERBATIM if exact_end else Verdict.TRUNCATED


def _not_found(quoted: Quoted) -> Match:
    return Match(quoted, Verdict.NOT_FROM_REPORT, misattributed=quoted.attributed_to_report)


def _joined_part(q: Words, a: _Alignment, index: ReportIndex,
                 context: frozenset[str]) -> tuple[int, int, _Alignment] | None:
    """A run of JOIN_MIN_WORDS words or more at the quotation's start or end that the stretch
    matched does not cover, found on its own in another place: (q1, q2, its alignment)."""
    c1, c2 = a.covered
    for q1, q2 in ((0, c1), (c2, len(q))):
        if q2 - q1 < JOIN_MIN_WORDS:
            continue
        part = q.part(q1, q2)
        other = _best_alignment(part, index, context, None, avoid=(a.lo, a.hi))
        if other is not None and _acceptable(other, len(part)):
            return q1, q2, other
    return None


def _shifted(a: _Alignment, by: int) -> _Alignment:
    return _Alignment(tuple((t, q1 + by, q2 + by, r1, r2) for t, q1, q2, r1, r2 in a.ops), a.lo, a.hi, a.matched)


def match(quoted: Quoted, index: ReportIndex, context: str = "", within: Sequence[str] = ()) -> Match:
    """What the report has of one quotation: its verdict, the passage it quotes, the differences.

    `context` is the writer's paragraph: where a short quotation stands in several places, the
    one nearest the writer's other words is taken (then the first). `within` are ids of blocks
    to look in first (an inner quotation, in the passage its outer one quotes).

    The rules: a place is the report's when MIN_SHARE of the quotation's words (and at least
    MIN_MATCHED_WORDS) stand there in order, in runs of two or more (one or two words: exactly).
    Then: any word changed, added or re-capitalised is `altered`; words only left out,
    `abridged`; exact and at most PHRASE_MAX_WORDS words, `phrase`; exact and running to the
    end of the report's sentence, `verbatim`; exact but stopping short, `truncated`, with the
    whole sentence as its passage. A quotation whose first or last JOIN_MIN_WORDS words or more
    are from another place is two places joined: `altered`, with a "join" difference and a
    passage for each place, in the article's order.
    """
    q = tokenise(quoted.text)
    if not q.words:
        return _not_found(quoted)
    ctx = _context_words(context, q.words)
    a = None
    for anchor in within:
        k = index.by_anchor.get(anchor)
        if k is not None:
            found = _best_alignment(q, index, ctx, index.block_range(k))
            if found is not None and _acceptable(found, len(q)) and (a is None or found.matched > a.matched):
                a = found
    if a is None:
        a = _best_alignment(q, index, ctx, None)
    if a is None:
        return _not_found(quoted)
    joined = _joined_part(q, a, index, ctx)
    if joined is not None:
        q1, q2, other = joined
        main_range = (0, q1) if q1 > 0 else (q2, len(q))
        main = _best_alignment(q.part(*main_range), index, ctx, None, avoid=(other.lo, other.hi))
        if main is not None and _acceptable(main, main_range[1] - main_range[0]):
            parts = sorted([(main_range, _shifted(main, main_range[0])), ((q1, q2), _shifted(other, q1))])
            (j1, j2), second = parts[1]
            diffs = [Difference("join", _spoken(q, j1, j2), _report_forms(index, second.lo, second.hi), j1)]
            for _, part in parts:
                diffs += differences(q, refined(part, q.words, index), index)
            found = tuple(p for _, part in parts for p in passages(index, part.lo, part.hi))
            return Match(quoted, Verdict.ALTERED, found, tuple(diffs))
    if not _acceptable(a, len(q)):
        return _not_found(quoted)
    diffs = differences(q, refined(a, q.words, index), index)
    exact_end = ends_sentence(index, a.hi - 1)
    verdict = _verdict(len(q), diffs, exact_end)
    lo, hi = a.lo, a.hi
    if verdict is Verdict.TRUNCATED:
        lo, hi = sentence_around(index, a.lo, a.hi)
        diffs.append(Difference("cut", "", _report_forms(index, a.hi, hi), len(q)))
    return Match(quoted, verdict, passages(index, lo, hi), tuple(diffs))


def article_paragraphs(doc: Document) -> list[tuple[int, str]]:
    """An article's paragraphs as (seed line, text): every block that has text, headline first."""
    return [(b.source_lines[0] if b.source_lines else b.prov.first_line, b.text) for b in doc.blocks if b.text.strip()]


def match_all(quotations: Sequence[Quoted], paragraphs: Sequence[tuple[int, str]], index: ReportIndex) -> list[Match]:
    """Each quotation matched, in order; an inner quotation is looked for first in the blocks its
    outer one quotes."""
    text_of = dict(paragraphs)
    out: list[Match] = []
    for q in quotations:
        within: tuple[str, ...] = ()
        if q.nested:
            outer = next((m for m in reversed(out) if not m.quoted.nested and m.quoted.line == q.line
                          and m.quoted.start <= q.start and q.end <= m.quoted.end), None)
            within = tuple(p.anchor for p in outer.passages) if outer else ()
        out.append(match(q, index, text_of.get(q.line, ""), within))
    return out


def match_article(article_doc: Document, report_doc: Document, report_names: Sequence[str] = ()) -> list[Match]:
    """Every quotation of an article matched against a report, in article order.

    `report_names` are names that mean the report ("Casey" for "Casey’s report": its authors'
    family names, from its metadata). It indexes the report each time: for several articles,
    index once (`index_report`) and call `find_quotations` and `match_all` for each."""
    paragraphs = article_paragraphs(article_doc)
    index = index_report(report_doc.blocks, report_line_texts(report_doc))
    return match_all(find_quotations(paragraphs, report_names), paragraphs, index)


# ----------------------------------------------------------------------------- the edition's links
#: what the page says of a speaker the article names as the report (in any of its forms)
THE_REPORT = "the report"


def article_block_of(doc: Document, q: Quoted) -> Block | None:
    """The article's block a quotation stands in: on its line, the block whose text holds it
    (a line split in two, a key point and a glued headline, has two)."""
    on_line = [b for b in doc.blocks if b.source_lines and b.source_lines[0] == q.line]
    return next((b for b in on_line if q.text in b.text), on_line[0] if on_line else None)


def voice_of(q: Quoted, report_names: Sequence[str], named: dict[int, str]) -> str:
    """Who speaks in a quotation group, as the page says it: the report, the speaker the article
    names, or the editorial file's reading of one it does not name; "" when no one says."""
    who = q.refers_to or q.speaker
    if who and (names_the_report(who, report_names) or who.casefold() in ("the report", "it")):
        return THE_REPORT
    return who or named.get(q.line, "")


def link_quotations(article_doc: Document, article_seed: str, index: ReportIndex, report_blocks: Iterable[Block],
                    report_names: Sequence[str] = (), editorial=None) -> list[Match]:
    """Every quotation of an article matched, and the links made both ways: each report block it
    quotes learns where (`Block.quoted_in`); each article block where the speaker changes says who
    (`Block.speaker`). The editorial file's `[[speakers]]` name a speaker the article leaves unnamed."""
    paragraphs = article_paragraphs(article_doc)
    matches = match_all(find_quotations(paragraphs, report_names), paragraphs, index)
    by_anchor = {b.anchor: b for b in report_blocks if b.anchor}
    for m in matches:
        block = article_block_of(article_doc, m.quoted)
        if block is None or not block.anchor or block.layer:
            continue                       # a quotation in the page's furniture: in the table, not linked back
        block.quotes.append(m)
        for p in m.passages:
            target = by_anchor.get(p.anchor)
            if target is not None and all(x.anchor != block.anchor for x in target.quoted_in):
                target.quoted_in.append(PressQuote(article_seed, block.anchor, m.quoted.line, str(m.verdict)))
    named: dict[int, str] = {}
    for e in (editorial.of("speakers") if editorial is not None else ()):
        for b in article_doc.blocks:
            if b.text.startswith(e.starts) and b.source_lines:
                named[b.source_lines[0]] = f"{e.speaker} (the edition's reading: the article does not say)"
                editorial.use(e)
    previous = None
    for m in matches:
        q = m.quoted
        block = article_block_of(article_doc, q)
        if q.nested or q.continues or block is None or block.layer or block.kind is BlockKind.HEADING:
            continue
        voice = voice_of(q, report_names, named)
        if not voice:
            # no one named: the article runs on about the report (its subject) where it was
            # quoting the report; after anyone else, the page says it cannot tell
            voice = THE_REPORT if previous == THE_REPORT else "not named in the article"
        if voice != previous:
            block.speaker = voice
        previous = voice
    return matches
