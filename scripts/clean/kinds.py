"""Block kinds: headings, lists, quotations and glossary entries, from how each block looks.

Every block starts as a paragraph; these passes give it its kind by named rules (an ALL-CAPS
title, a lone short line, a bullet, an opening quote mark, a run of "TERM - Expansion" lines),
and the editorial file settles what the rules cannot. Each decision is recorded with its
reason. No word changes: a list marker moves out of the text into the list's structure (and
stays in the model, `printed_marker`), a quotation's attribution into its own inlines.
"""
from __future__ import annotations

import re

from ..chars import (
    BULLET_ITEM,
    CLOSING_QUOTES,
    DASH_ITEM,
    GLOSSARY_ENTRY,
    LABEL_MAX_WORDS,
    NUMBERED_ITEM,
    OPENING_QUOTES,
    SENTENCE_END,
    is_all_caps,
    opens_quotation,
    split_attribution,
    starts_list_item,
)
from ..editorial import Editorial, first_matching
from ..errors import EditorialError, shown
from ..model import Block, BlockKind, Document, EditionText, Inline, NoteRef, PageStart, PassRecord
from .paragraphs import HARD_BREAK_ROOM, HEADING_WORDS


def _first_text(block: Block) -> str:
    return block.text.strip()


def group_glossary_entries(blocks: list[Block], record: PassRecord) -> list[Block]:
    """Turn a run of three or more one-line "TERM - Expansion" blocks into one glossary block."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind is BlockKind.PARAGRAPH and len(blocks[j].source_lines) == 1 \
                and GLOSSARY_ENTRY.match(blocks[j].text.strip()) and not blocks[j].note_numbers():
            j += 1
        if j - i >= 3:
            rows = [list(GLOSSARY_ENTRY.match(b.text.strip()).groups()) for b in blocks[i:j]]  # type: ignore[union-attr]
            g = Block(BlockKind.GLOSSARY, [], blocks[i].prov.merge(blocks[j - 1].prov), rows=rows,
                      source_lines=[n for b in blocks[i:j] for n in b.source_lines])
            g.row_pages = {k: b.pages_before for k, b in enumerate(blocks[i:j]) if b.pages_before}
            out.append(g)
            record.count("glossary entries", j - i, f"{rows[0][0]} - {rows[0][1]}")
            record.decide(blocks[i].prov.first_line, f"glossary of {j - i} entries, from “{rows[0][0]}”",
                          "three or more one-line “TERM - Expansion” blocks in a row")
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return out


#: a line of a run of short lines (a name and its honours, "Sarah Kincaid, Troubled Families
#: Team, DCLG"), counted in words, which no re-wrapping changes
NAME_LINE_WORDS = 8


def wraps_as_one_line(text: str, n_lines: int, measure: int) -> bool:
    """Two lines that are one line too long for the measure: a subheading that wrapped ("…
    the High Court's inherent" / "Jurisdiction" at a narrower measure)."""
    return n_lines == 2 and len(text) > measure - HARD_BREAK_ROOM


def detect_headings(blocks: list[Block], ed: Editorial, measure: int, record: PassRecord) -> list[Block]:
    """Mark headings: chapter titles, annex titles with their subtitles, and subheadings.

    Level 1: an ALL-CAPS block (chapter and question titles, which may wrap over lines) and
    "Annex X" followed by its subtitle line, joined as "Annex X: subtitle". Level 2: a lone
    short line (or one that wrapped only for being longer than the measure) with no closing
    full stop, comma or semicolon, that starts with a capital, digit or quote mark and stands
    before more text; one ending in ":" only when a plain paragraph
    follows (else it introduces a list or quotation). The editorial file adds headings the
    rules miss, removes false ones, and sets levels 3-4 (the report prints no levels; nesting
    is an editorial inference).
    """
    add = ed.of("headings")
    remove = ed.of("not_headings")
    levels = {}
    for group in ed.of("outline"):
        for h in group.headings:
            levels[h] = (group.level, group)
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        t = _first_text(b)
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if b.kind is not BlockKind.PARAGRAPH:
            out.append(b)
            i += 1
            continue
        forced = first_matching(add, t)
        banned = first_matching(remove, t)
        level = 0
        why = ""
        n_lines = len(b.source_lines)
        if re.fullmatch(r"Annex [A-Z]", t) and nxt is not None and nxt.kind is BlockKind.PARAGRAPH \
                and len(nxt.source_lines) == 1:
            b.kind = BlockKind.HEADING
            b.level = 1
            b.inlines = [t, EditionText(": "), *nxt.inlines]
            b.pages_before += nxt.pages_before
            b.prov = b.prov.merge(nxt.prov)
            b.source_lines += nxt.source_lines
            record.count("annex titles joined to their subtitles", 1, b.text)
            out.append(b)
            i += 2
            continue
        if forced:
            level = forced.level
            why = "editorial"
            ed.use(forced)
        elif banned:
            ed.use(banned)
        elif is_all_caps(t) and not starts_list_item(t) and len(t.split()) <= 40 and nxt is not None:
            level, why = 1, "ALL-CAPS title"
        elif ((n_lines == 1 or wraps_as_one_line(t, n_lines, measure)) and nxt is not None
              and len(t.split()) <= HEADING_WORDS and not b.note_numbers()
              and (t[:1].isupper() or t[:1].isdigit() or t[:1] in "‘'“")
              and not re.search(r"[.,;][”’'\"]?$", t) and not starts_list_item(t)
              and not (opens_quotation(t) and split_attribution(t))
              and not (opens_quotation(t) and not any(c in CLOSING_QUOTES for c in t[1:]))):
            nt = _first_text(nxt)
            if t.endswith(":") and (len(t.split()) > LABEL_MAX_WORDS or nxt.kind is not BlockKind.PARAGRAPH
                                    or opens_quotation(nt) or starts_list_item(nt)):
                level = 0   # a lead-in to a list or quotation, not a run-in label
            elif nt[:1].islower():
                level = 0
            elif (nxt.kind is BlockKind.PARAGRAPH and len(nxt.source_lines) == 1 and not t.endswith(":")
                  and len(nt.split()) <= NAME_LINE_WORDS and not SENTENCE_END.search(nt) and not opens_quotation(nt)
                  and not (nt.rstrip().endswith(":") and len(nt.split()) > LABEL_MAX_WORDS)):
                # one of a run of short lines: a signature, a list of names (a sentence leading
                # in to a list, "Concerns … included:", is no name)
                level = 0
            else:
                level, why = 2, "lone short line"
        if level:
            if t in levels and why != "editorial":
                level = levels[t][0]
                ed.use(levels[t][1])
                why = "editorial outline"
            b.kind = BlockKind.HEADING
            b.level = level
            record.count(f"headings (level {level})")
            record.decide(b.prov.first_line, f"h{level}: {t[:60]}", why)
        out.append(b)
        i += 1
    found = {_first_text(x) for x in out if x.kind is BlockKind.HEADING}
    missing = [h for h in levels if h not in found]
    if missing:
        raise EditorialError(f"outline names heading(s) not found as headings: {missing[:3]}"
                             f"{where_text_stands(out, missing[0])}", path=ed.path,
                             fix="correct the text (it must equal the heading as printed) or add it under [[headings]]")
    for e in (*add, *remove):
        if not ed.uses(e):
            raise EditorialError(f"{e.where} {shown(e.text)} matches no block{where_text_stands(out, e.text)}",
                                 path=ed.path, line=e.line,
                                 fix="copy the text exactly as printed (or use match = \"prefix\")")
    return out


def where_text_stands(blocks: list[Block], text: str) -> str:
    """Where words that should begin a block stand instead, for an error to name the real
    cause: inside another block, run on from the text above at a line or page break."""
    for b in blocks:
        at = b.text.find(text)
        if at > 0:
            return (f"; {shown(text, 40)} stands inside the block of seed lines {b.prov.lines}, run on from "
                    f"{shown('…' + b.text[max(0, at - 30):at].strip())}: that line or page break was not taken for "
                    "the end of a block (name the block that begins in [[paragraph_starts]])")
    return ""


def mark_list_items(blocks: list[Block], record: PassRecord) -> list[Block]:
    """Turn "• ", "- " and "1. " blocks into list items; a dash list after a bullet nests in it.

    The printed marker leaves the text (the list renders it); numbered items keep their
    number as the item number.
    """
    prev_kind = None
    for b in blocks:
        if b.kind is not BlockKind.PARAGRAPH or not b.inlines or not isinstance(b.inlines[0], str):
            prev_kind = b.marker if b.kind is BlockKind.LIST_ITEM else None
            continue
        first = b.inlines[0]
        m_b, m_d, m_n = BULLET_ITEM.match(first), DASH_ITEM.match(first), NUMBERED_ITEM.match(first)
        if m_b or m_d or (m_n and not is_all_caps(first)):
            m = m_b or m_d or m_n
            assert m is not None
            b.kind = BlockKind.LIST_ITEM
            b.marker = "bullet" if m_b else "dash" if m_d else "number"
            b.number = m_n.group(1) if (m_n and not m_b and not m_d) else ""
            b.printed_marker = first[:m.end()]
            b.inlines[0] = first[m.end():]
            if b.marker == "dash" and prev_kind in ("bullet", "dash"):
                b.depth = 1
            record.count(f"list items ({b.marker})")
            prev_kind = b.marker if b.marker != "dash" or b.depth == 0 else "dash"
        else:
            prev_kind = None
    return blocks


def _move_attribution(b: Block, cut: int) -> None:
    """Move the block's words after character `cut` of its text into its attribution, keeping
    note references and page starts where they stand."""
    inl: list[Inline] = []
    att: list[Inline] = []
    seen = 0
    lead = len(b.text) - len(b.text.lstrip())
    for x in b.inlines:
        if isinstance(x, (NoteRef, PageStart)):
            (inl if seen <= cut + lead else att).append(x)
            continue
        take = max(0, min(len(x), cut + lead - seen))
        if x[:take]:
            inl.append(x[:take])
        if x[take:]:
            att.append(x[take:])
        seen += len(x)
    if att and isinstance(att[0], str):
        att[0] = att[0].lstrip()
    b.inlines = inl
    b.attribution = [a for a in att if a != ""]


def split_quotation_attributions(blocks: list[Block], ed: Editorial, record: PassRecord) -> list[Block]:
    """Make blocks that open with a quote mark into quotations, with their attribution apart.

    "“…the system has responded.” A victim’s father" becomes a quotation and the attribution
    "A victim’s father"; quotations without one stay whole. A paragraph that merely starts with
    a quoted word ("‘Missing’ can be…") is left as a paragraph: its first quote closes early and
    the block goes on as narrative. The quote marks are never changed.
    """
    not_quotes = ed.of("not_quotations")
    for b in blocks:
        if b.kind is not BlockKind.PARAGRAPH:
            continue
        t = b.text.strip()
        if not opens_quotation(t):
            continue
        if (entry := first_matching(not_quotes, t)) is not None:
            ed.use(entry)
            record.decide(b.prov.first_line, f"not a quotation: {t[:40]}…", f"editorial: {entry.where}")
            continue
        split = split_attribution(t)
        if split is None:
            # narrative that begins with a quoted phrase: the phrase closes within a few words
            close = next((i for i, c in enumerate(t[1:], 1) if c in CLOSING_QUOTES
                          and not (c in "’'" and i + 1 < len(t) and t[i + 1].isalpha())), None)
            if close is not None and close < len(t) - 2 and len(t[:close].split()) <= 4 \
                    and t[close + 1:].lstrip()[:1] not in OPENING_QUOTES:
                record.decide(b.prov.first_line, f"narrative: {t[:40]}…",
                              "its opening quotation closes within four words and the text goes on")
                continue
            b.kind = BlockKind.QUOTE
            record.count("quotations (no attribution)")
            record.decide(b.prov.first_line, f"quotation: {t[:40]}…",
                          "it opens with a quote mark; no attribution follows")
            continue
        quote, attribution = split
        b.kind = BlockKind.QUOTE
        _move_attribution(b, len(quote))
        record.count("quotations with attribution", 1, f"{attribution}")
        record.decide(b.prov.first_line, f"quotation, attributed to “{attribution}”",
                      "at most twelve words after its last closing quote mark, with no sentence of their own")
    return blocks


def set_apart_run_in_attributions(blocks: list[Block], record: PassRecord) -> list[Block]:
    """A paragraph of narrative that runs a quotation in and ends with who said it ("…told
    “you will do that whether you think that’s right or not”. A key partner") keeps its words
    in one paragraph, its attribution set apart as every other attribution is. The tail is an
    attribution by `split_attribution`'s test, and a quotation opens in the paragraph before it.
    """
    for b in blocks:
        if b.kind is not BlockKind.PARAGRAPH or b.attribution or opens_quotation(b.text):
            continue
        split = split_attribution(b.text.strip())
        if split is None or not any(q in split[0] for q in OPENING_QUOTES):
            continue
        quote, attribution = split
        _move_attribution(b, len(quote))
        record.count("attributions after a quotation run into narrative", 1, attribution)
        record.decide(b.prov.first_line, f"attribution set apart: “{attribution}”",
                      "narrative that ends with a quotation and who said it")
    return blocks


def unclosed_by(text: str, mark: str) -> bool:
    """Does `text` end with the closing mark of `mark` ("’" for "‘") that nothing in it opened?
    An apostrophe inside a word ("victim’s") is no closing mark."""
    pair = {"‘": "’", "“": "”", "'": "'", '"': '"'}.get(mark)
    t = text.rstrip()
    m = re.search(r"([’”'\"])[.,;]?$", t)
    if pair is None or m is None or m.group(1) != pair:
        return False
    body = t[:m.start(1)]
    if pair == "’":
        return body.count("‘") <= len(re.findall(r"’(?![^\W\d_])", body))
    if pair == "”":
        return body.count("“") == body.count("”")
    return body.count(pair) % 2 == 0


def join_quotation_continuations(blocks: list[Block], record: PassRecord) -> list[Block]:
    """A paragraph after an unattributed quotation that ends with that quotation's closing mark,
    opened nowhere in it, is the quotation going on (the SLT report quoted over two paragraphs,
    "…offline working…’" / "Due to the sensitivity … of the data loss’."): a quotation of its
    own, continuing the one above, so the two show as one quotation of two paragraphs."""
    for above, b in zip(blocks, blocks[1:]):
        if (b.kind is BlockKind.PARAGRAPH and above.kind is BlockKind.QUOTE and not above.attribution
                and unclosed_by(b.text, above.text.lstrip()[:1])):
            b.kind = BlockKind.QUOTE
            b.continues = True
            record.count("quotations going on into a second paragraph")
            record.decide(b.prov.first_line, f"quotation continued: {b.text[:40]}…",
                          "it ends with the closing mark of the quotation above, which it never opened")
    return blocks


def detect_headings_step(doc: Document, ctx) -> None:
    doc.blocks = detect_headings(doc.blocks, ctx.editorial, doc.measure, ctx.record)


def join_item_paragraphs(blocks: list[Block], record: PassRecord) -> list[Block]:
    """A paragraph between two items of one list (same marker, same depth) that introduces
    nothing (it does not end with a colon) is the item's further paragraph: "• They collected
    information … / A former Police District Commander … reflected … / • They developed …".
    One ending with a colon opens the next list ("Inspectors reviewed 19 case files …
    included:") and stays a paragraph between two lists."""
    for above, b, below in zip(blocks, blocks[1:], blocks[2:]):
        if (b.kind is BlockKind.PARAGRAPH and above.kind is BlockKind.LIST_ITEM and below.kind is BlockKind.LIST_ITEM
                and (above.marker, above.depth) == (below.marker, below.depth)
                and not b.text.rstrip().endswith(":")):
            b.kind = BlockKind.LIST_ITEM
            b.marker, b.depth, b.continues = above.marker, above.depth, True
            record.count("list items with a further paragraph")
            record.decide(b.prov.first_line, f"the list item's further paragraph: {b.text[:40]}…",
                          "a paragraph between two items of one list that introduces nothing")
    return blocks


def nest_items_after_a_colon(blocks: list[Block], record: PassRecord) -> list[Block]:
    """An item that ends with a colon ("… youth workers in prevention, which means:") opens the
    items after it, printed with the same marker, as its sub-items, when they run to the end of
    the list (were the list to go on after them, where the sub-items end could not be told,
    and they are left as printed)."""
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind is BlockKind.LIST_ITEM and not b.continues and b.text.rstrip().endswith(":"):
            j = i + 1
            while (j < len(blocks) and blocks[j].kind is BlockKind.LIST_ITEM
                   and (blocks[j].marker, blocks[j].depth) == (b.marker, b.depth)):
                j += 1
            ends_list = j == len(blocks) or blocks[j].kind is not BlockKind.LIST_ITEM
            if j > i + 1 and ends_list:
                for sub in blocks[i + 1:j]:
                    sub.depth += 1
                record.count("list items nested under an item that ends with a colon", j - i - 1)
                record.decide(blocks[i + 1].prov.first_line, f"sub-item of “…{b.text.rstrip()[-30:]}”",
                              "the item above ends with a colon and these items end the list")
            i = j
            continue
        i += 1
    return blocks


def split_quotation_attributions_step(doc: Document, ctx) -> None:
    doc.blocks = split_quotation_attributions(doc.blocks, ctx.editorial, ctx.record)
