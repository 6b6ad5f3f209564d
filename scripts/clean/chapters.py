"""Chapters: the report cut at its level-1 headings, each in its navigation group.

The groups (the report's parts) come from the editorial `[[parts]]` entries, each naming the
chapter title its part starts at; a label in square brackets is the edition's. Not for: the
chapters' slugs and the ids of their headings (`annotate.anchors`).
"""
from __future__ import annotations

from ..editorial import Editorial
from ..errors import EditorialError, StructureError, shown
from ..model import Block, BlockKind, Chapter, Document


def split_into_chapters(blocks: list[Block], ed: Editorial, seed: str) -> list[Chapter]:
    """Cut the blocks into chapters at level-1 headings; give each its navigation group."""
    if blocks and not (blocks[0].kind is BlockKind.HEADING and blocks[0].level == 1):
        raise StructureError("the text does not open with a chapter title", path=seed,
                             line=blocks[0].prov.first_line,
                             fix="add the first heading to [[headings]] with level = 1 in the editorial file")
    chapters: list[Chapter] = []
    current: list[Block] = []

    def close() -> None:
        if not current:
            return
        prov = current[0].prov
        for b in current[1:]:
            prov = prov.merge(b.prov)
        chapters.append(Chapter(current[0].text.strip(), "", "", list(current), prov))

    for b in blocks:
        if b.kind is BlockKind.HEADING and b.level == 1:
            close()
            current = [b]
        else:
            current.append(b)
    close()
    parts = ed.of("parts")
    starts = {p.starts: p for p in parts}
    group = ""
    for c in chapters:
        if c.title in starts:
            group = starts[c.title].label
            ed.use(starts[c.title])
        c.group = group
    for p in parts:
        if not ed.uses(p):
            raise EditorialError(f"{p.where} starts at {shown(p.starts)}, which is no chapter title", path=ed.path,
                                 line=p.line, fix="use a chapter title exactly as printed")
    return chapters


def split_into_chapters_step(doc: Document, ctx) -> None:
    doc.chapters = split_into_chapters(doc.blocks, ctx.editorial, doc.seed_name)
    ctx.record.count("chapters", len(doc.chapters))
