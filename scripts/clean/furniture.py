"""A news article's web furniture, labelled as a layer of its own; the scrape's damage noted.

A scraped web page mixes the article with what the page put around it: a photo's caption (twice,
as the image and its caption), a prompt to comment, blocks of related headlines set between
paragraphs, a headline glued onto a key point, a block of the site's other stories at the end.
These passes label each such line (or the end of a line) `layer = "furniture"` with what it is;
nothing is dropped or moved: the page shows the article without them and, behind a control, the
page as captured with every line. What a rule cannot tell, the article's editorial file settles
(`[[furniture]]`, naming the words as scraped). Where the scrape visibly cut a sentence or lost
a list, the block says so (`damage`), for the page's note: the edition never supplies words.

Not for: quotations (`annotate.quotations`), the report (`clean`'s other passes).
"""
from __future__ import annotations

import re

from ..editorial import FurnitureEntry
from ..model import Block, BlockKind, Chapter, Document

FURNITURE = "furniture"
#: what each kind of furniture is called on the page and the About page
CAPTION = "photo caption"
CAPTION_AGAIN = "photo caption, repeated"
PROMPT = "prompt to comment or share"
HEADLINE = "related headline"
GLUED = "related headline, glued to a key point"
OTHER_STORIES = "the site's other stories"

#: the web page's calls to action, each a whole line: words of the page, never of an article
PROMPTS = frozenset(s.casefold() for s in (
    "Have your say", "Comments", "Comment", "Leave a comment", "Share", "Share this article", "Share this story",
    "Share this", "Read more", "Advertisement", "Sponsored", "Sign up to our newsletter", "Follow us",
    "Print", "Email", "Tweet"))
#: the heading of the block of the site's other stories, which runs to the end of the page
OTHER_STORIES_LINE = re.compile(r"^\W*(?:read\s+)?(?:today[’']s\s+)?(?:other|more|top|related|latest)\s+"
                                r"(?:stories|news|articles)\W*$", re.IGNORECASE)
#: a headline's longest line; an article's sentence ends with a mark, a headline does not
HEADLINE_MAX = 120
SENTENCE_END = ".!?:;…”\"’'"
KEY_POINT = "*"


def is_furniture(b: Block) -> bool:
    return b.layer == FURNITURE


def labelled(b: Block, what: str) -> Block:
    b.layer, b.furniture = FURNITURE, what
    return b


def headline_like(text: str) -> bool:
    """A line as a headline is set: short, a capital first, no mark that ends a sentence or
    opens a quotation or a key point."""
    t = text.strip()
    return (0 < len(t) <= HEADLINE_MAX and t[0].isupper() and t[-1] not in SENTENCE_END
            and not t.startswith(KEY_POINT))


def label_repeated_captions(doc: Document, ctx) -> None:
    """A line repeated on the next line is a photo's caption and its copy (the image's text and
    its caption, both scraped): both furniture."""
    blocks = doc.blocks
    for i in range(1, len(blocks) - 1):
        a, b = blocks[i], blocks[i + 1]
        if (a.text == b.text and not is_furniture(a) and headline_like(a.text)
                and b.source_lines[0] == a.source_lines[0] + 1):
            labelled(a, CAPTION)
            labelled(b, CAPTION_AGAIN)
            ctx.record.count("photo captions (each scraped twice)")


def label_prompts(doc: Document, ctx) -> None:
    """A line that is only a call to action of the web page ("Have your say")."""
    for b in doc.blocks[1:]:
        if not is_furniture(b) and b.text.strip().casefold() in PROMPTS:
            labelled(b, PROMPT)
            ctx.record.count("prompts to comment or share")


def label_other_stories(doc: Document, ctx) -> None:
    """A line "Read today's other stories:" and every line after it: the site's other news."""
    for i, b in enumerate(doc.blocks[1:], 1):
        if OTHER_STORIES_LINE.match(b.text.strip().lstrip(KEY_POINT)):
            for rest in doc.blocks[i:]:
                labelled(rest, OTHER_STORIES)
            ctx.record.count("lines of the site's other stories", len(doc.blocks) - i)
            return


def label_headline_runs(doc: Document, ctx) -> None:
    """Two or more headline-like lines in a row, inside the article, are a block of related
    headlines the page set between its paragraphs (a single one may be a crosshead: kept)."""
    blocks = doc.blocks
    i = 1
    while i < len(blocks):
        j = i
        while j < len(blocks) and not is_furniture(blocks[j]) and headline_like(blocks[j].text):
            j += 1
        if j - i >= 2:
            for b in blocks[i:j]:
                labelled(b, HEADLINE)
            ctx.record.count("related headlines", j - i)
        i = max(j, i + 1)


def split_glued_headlines(doc: Document, ctx) -> None:
    """A key point ("*The entire Cabinet … has stepped down ENTIRE Rotherham Council cabinet
    resigns …") that ends with a headline the page shows elsewhere, or one the editorial file
    names, is two blocks on one line: the key point (the article's) and the headline (furniture).
    Every character stays, on one side or the other."""
    known = {b.text.strip() for b in doc.blocks if b.furniture in (HEADLINE, OTHER_STORIES)}
    entries: tuple[FurnitureEntry, ...] = ctx.editorial.of("furniture")
    out: list[Block] = []
    for b in doc.blocks:
        text = b.text
        if is_furniture(b) or not text.startswith(KEY_POINT):
            out.append(b)
            continue
        named = [e for e in entries if text.endswith(e.text) and len(e.text) < len(text)]
        tail = next((h for h in sorted(known, key=len, reverse=True) if text.endswith(h) and len(h) < len(text)),
                    None)
        if named:
            ctx.editorial.use(named[0])
            tail = named[0].text
        if not tail or text[:-len(tail)].strip() == "":
            out.append(b)
            continue
        head = text[:-len(tail)].rstrip()
        point = Block(b.kind, [head], b.prov, source_lines=list(b.source_lines))
        glued = labelled(Block(BlockKind.PARAGRAPH, [tail], b.prov, source_lines=list(b.source_lines)), GLUED)
        out += [point, glued]
        ctx.record.count("headlines glued onto a key point, split off")
    doc.blocks = out


def label_named_furniture(doc: Document, ctx) -> None:
    """A whole line the editorial file names as furniture (where no rule sees it)."""
    for e in ctx.editorial.of("furniture"):
        for b in doc.blocks:
            if not is_furniture(b) and b.text.strip() == e.text:
                labelled(b, e.label or HEADLINE)
                ctx.editorial.use(e)


def mark_key_points(doc: Document, ctx) -> None:
    """Lines opening with "*" are the article's key points: a bulleted list (the list draws the
    "*", which the edition counts as a marker it renders)."""
    for i, b in enumerate(doc.blocks):
        if i and not is_furniture(b) and b.text.startswith(KEY_POINT) and b.text[1:].strip():
            rest = b.text[1:].lstrip()
            b.kind, b.marker, b.printed_marker = BlockKind.LIST_ITEM, "bullet", b.text[:len(b.text) - len(rest)]
            b.inlines = [rest]
            ctx.record.count("key points (a list)")


def note_scrape_damage(doc: Document, ctx) -> None:
    """Where the scrape visibly broke the article: a paragraph that stops mid-sentence (its last
    character a letter, a digit or a comma), or one that announces a list ("The report found:")
    and is followed by no list and no quotation. The block says so; the page notes it."""
    text_blocks = [b for b in doc.blocks[1:] if not is_furniture(b)]
    for k, b in enumerate(text_blocks):
        if b.kind is not BlockKind.PARAGRAPH:
            continue
        t = b.text.rstrip()
        nxt = text_blocks[k + 1].text.lstrip() if k + 1 < len(text_blocks) else ""
        if t and (t[-1].isalnum() or t[-1] == ","):
            b.damage = "cut"
            ctx.record.count("sentences the scrape cut off")
        elif t.endswith(":") and not (nxt[:1] in "“‘\"'" and nxt) and not (
                k + 1 < len(text_blocks) and text_blocks[k + 1].kind is BlockKind.LIST_ITEM):
            b.damage = "lost list"
            ctx.record.count("lists the scrape lost")


def make_article_chapter(doc: Document, ctx) -> None:
    """The article as one chapter: its headline the title, every block (furniture included) in order."""
    blocks = doc.blocks
    doc.chapters = [Chapter(blocks[0].text, "", "", blocks, blocks[0].prov.merge(blocks[-1].prov))] if blocks else []
    ctx.record.count("paragraphs of the article", sum(1 for b in blocks[1:] if not is_furniture(b)))
    ctx.record.count("lines of web furniture", sum(1 for b in blocks if is_furniture(b)))
