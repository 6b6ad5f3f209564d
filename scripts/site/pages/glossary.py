"""The Glossary page: the report's own terms, then the edition's, each with its expansion and
every chapter that uses it (linked to the first use there), from the uses the annotator counted."""
from __future__ import annotations

import functools

from ...model import BlockKind, Edition, GlossaryEntry
from .. import urls
from ..markdown import escape_block_start, escape_text, front_matter, marked
from . import Page, fill


def glossary_markdown(edition: Edition) -> str:
    doc = edition.report
    mark = functools.cache(lambda text: marked(text, doc.glossary))    # a chapter's title, for each term it uses
    own = next((c for c in doc.chapters if any(b.kind is BlockKind.GLOSSARY for b in c.blocks)), None)

    # each term's chapters, in order, from one pass over the chapters' counts (not a pass over every
    # chapter for each term: that grew with the terms times the chapters)
    users: dict[str, list] = {}
    for c in doc.chapters:
        if c is not own:
            for term, use in c.term_uses.items():
                if use.count:
                    users.setdefault(term, []).append(c)

    def entry(e: GlossaryEntry) -> str:
        uses = users.get(e.term, [])
        links = ", ".join(f"[{mark(c.title)}]({urls.link(urls.GLOSSARY, urls.chapter_page(edition, c))}"
                          + (f"#use-{e.anchor}" if c.term_uses[e.term].linked else "") + ")" for c in uses)
        total = sum(c.term_uses[e.term].count for c in uses)
        where = (f"Used {total} time{'s' if total != 1 else ''}, in: {links}." if uses
                 else "Not used elsewhere in the report.")
        dd = escape_block_start(mark(e.expansion))
        if e.source == "edition":
            dd += f" *(The edition's explanation: {mark(e.reason)})*"
        return f"{escape_text(e.term)} {{ #{e.anchor} }}\n:   {dd}\n\n    {where}"

    report_terms = [e for e in doc.glossary.entries if e.source == "report"]
    edition_terms = [e for e in doc.glossary.entries if e.source == "edition"]
    own_link = (f"[{mark(own.title)}]({urls.link(urls.GLOSSARY, urls.chapter_page(edition, own))})" if own
                else "its glossary")
    return (front_matter(title="Glossary", description="The abbreviations in the report, with their expansions "
                                                       "and where they are used.")
            + fill("glossary.md", glossary_link=own_link, report_terms=str(len(report_terms)),
                   edition_terms=str(len(edition_terms)),
                   report_entries="\n\n".join(entry(e) for e in report_terms),
                   edition_entries="\n\n".join(entry(e) for e in edition_terms)))


def pages(edition: Edition) -> list[Page]:
    return [Page(urls.GLOSSARY, glossary_markdown(edition), nav_title="Glossary")]
