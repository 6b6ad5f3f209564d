"""A news article, as scraped: its headline and its lines, each line a paragraph.

The scrape keeps one paragraph to a line: every line a block, as captured (`clean.furniture`
then labels the web page's furniture among them, and makes the chapter). Not for: the report
(the other passes).
"""
from __future__ import annotations

from ..model import Block, BlockKind, BodyLine, Document, LineKind, Provenance, SourceLine


def split_article_lines(doc: Document, ctx) -> None:
    """The first line that holds text is the headline (a level-1 heading); every other line that
    holds text is a paragraph of its own, stripped of the spaces around it."""
    lines = [SourceLine(i, raw, LineKind.TEXT if raw.strip() else LineKind.EMPTY, 1)
             for i, raw in enumerate(doc.raw_lines, 1)]
    doc.lines = lines
    blocks = []
    for line in lines:
        if line.kind is not LineKind.TEXT:
            continue
        kind = BlockKind.HEADING if not blocks else BlockKind.PARAGRAPH
        body = BodyLine(line, [line.raw.strip()])
        blocks.append(Block(kind, [line.raw.strip()], Provenance.spanning(doc.seed_name, [body]),
                            level=1 if kind is BlockKind.HEADING else 0, source_lines=[line.number]))
    doc.blocks = blocks
    ctx.record.count("lines that hold text (one block each)", len(blocks))
