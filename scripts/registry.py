"""A pass, the context it runs in, and the one driver that runs a list of them in order.

The order of a pipeline lives in one list (`clean.REPORT_PASSES`, `annotate.ANNOTATORS`...),
each entry with a sentence on why it stands where it does; `run_passes` runs exactly that
list. What a pass counts and decides is filed under its name in the edit record, which the
About page shows. Not for: what the passes do (see `clean` and `annotate`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .editorial import Editorial
from .model import Block, Document, PassRecord


@dataclass(frozen=True)
class PassContext:
    """What a pass may use besides the document: the editorial decisions and its record."""

    editorial: Editorial
    record: PassRecord


@dataclass(frozen=True)
class Pass:
    name: str
    run: Callable[[Document, PassContext], None]
    why: str


def over_blocks(fn: Callable[[list[Block], PassRecord], list[Block]]) -> Callable[[Document, PassContext], None]:
    """The pass of a pure function of the blocks and the record: the document's blocks become
    what it returns."""
    def run(doc: Document, ctx: PassContext) -> None:
        doc.blocks = fn(doc.blocks, ctx.record)
    run.__name__ = run.__qualname__ = fn.__name__
    run.__doc__ = fn.__doc__
    return run


def run_passes(doc: Document, passes: list[Pass], editorial: Editorial) -> Document:
    for p in passes:
        doc.record.passes.append((p.name, p.why))
        p.run(doc, PassContext(editorial, doc.record.scope(p.name)))
    return doc
