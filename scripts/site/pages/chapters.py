"""The report's chapter pages: each chapter's blocks and notes, with the edition's note on the
printed pages it runs over (and, on a part's title page, what the part holds)."""
from __future__ import annotations

from ...model import Chapter, Edition, PageStart
from .. import urls
from ..citations import chapter_cite
from ..markdown import Links, marked, serialize_chapter
from ..metadata import chapter_ld, citation_tags
from . import EDITION_NOTE, Page, how_many


def page_marks(edition: Edition) -> dict[int | None, PageStart]:
    """Each printed page's mark in the report (the last, where a number is printed twice)."""
    return {p.printed: p for ch in edition.report.chapters for p, _ in ch.page_starts() if not p.blank}


def pages_note(edition: Edition, c: Chapter, marks: dict[int | None, PageStart] | None = None) -> str:
    """`marks`: `page_marks(edition)`, made once for all the chapters."""
    first, last = c.printed_range
    if first is None or last is None:
        return ""
    span = f"page {first}" if first == last else f"pages {first}–{last}"
    here = urls.chapter_page(edition, c)
    marks = page_marks(edition) if marks is None else marks
    row = urls.page_row_anchor(marks[first].anchor)
    inferred = ""
    if any(marks[n].basis == "placed" for n in range(first, last + 1) if n in marks):
        inferred = f" Page numbers marked \\* are inferred {urls.inferred_pages_link(here)}."
    return f"In the PDF: {span}.{inferred} [Every page]({urls.link(here, urls.PAGES, row)})\n{EDITION_NOTE}"


def part_note(edition: Edition, c: Chapter) -> str:
    """The edition's note on a part's title page that holds only its title: what the part holds."""
    if len(c.blocks) > 1:
        return ""
    members = [x for x in edition.report.chapters if x.group == c.group and x is not c]
    if not members:
        return ""
    first = members[0]
    here = urls.chapter_page(edition, c)
    return (f"This part of the report has {how_many(len(members), 'chapter', 'chapters')}, starting with "
            f"[{marked(first.title, edition.report.glossary)}]({urls.link(here, urls.chapter_page(edition, first))})."
            f"\n{EDITION_NOTE}")


def chapter_markdown(edition: Edition, c: Chapter, marks: dict[int | None, PageStart] | None = None,
                     targets: dict[str, tuple[Chapter, str]] | None = None) -> str:
    here = urls.chapter_page(edition, c)
    links = Links.for_glossary(edition.report.glossary, urls.link(here, urls.GLOSSARY),
                               urls.resolver(edition, here, targets), press_passage=urls.press_target(edition, here))
    note = "\n\n".join(n for n in (pages_note(edition, c, marks), part_note(edition, c)) if n)
    return serialize_chapter(c, links, note, tail=chapter_cite(edition, c), tags=citation_tags(edition, c),
                             jsonld=chapter_ld(edition, c))


def pages(edition: Edition) -> list[Page]:
    # once, not for each chapter (that grew with the chapters times the blocks): the page marks each
    # chapter's note looks up its pages in, and the headings its cross-references name
    marks = page_marks(edition)
    targets = urls.heading_targets(edition)
    return [Page(urls.chapter_page(edition, c), chapter_markdown(edition, c, marks, targets), nav_group=c.group)
            for c in edition.report.chapters]
