"""The References page: each document the report cites, once, with every place that cites it,
grouped by chapter; a page number links to its page mark, a note to the note."""
from __future__ import annotations

import re

from ...model import Citation, CitedDocument, Edition
from .. import urls
from ..markdown import escape_block_start, escape_text, front_matter, marked
from . import Page, fill


def references_markdown(edition: Edition) -> str:
    doc = edition.report
    mark = lambda text: marked(text, doc.glossary)  # noqa: E731
    marks = {p.printed: (p, c) for c in doc.chapters for p, _ in c.page_starts() if p.printed is not None}

    def place(cit: Citation) -> str:
        path = urls.link(urls.REFERENCES, urls.chapter_page(edition, cit.chapter))
        if cit.note is not None:
            label = f"note {cit.note}" + (" (“Ibid.”)" if cit.ibid else "")
            return f"[{label}]({path}#{doc.footnotes[cit.note].anchor})"
        mark_here = marks.get(cit.page)
        star = "\\*" if mark_here is not None and mark_here[0].basis == "placed" else ""
        if cit.page is not None and mark_here is not None and mark_here[1] is cit.chapter:
            return f"[p. {cit.page}{star}]({path}#{mark_here[0].anchor})"
        return f"[p. {cit.page}{star}]({path})" if cit.page is not None else f"[text]({path})"

    def section(d: CitedDocument) -> str:
        cits = [c for c in doc.citations if c.key == d.key]
        by_chapter: dict[int, list[Citation]] = {}
        order = {id(c): i for i, c in enumerate(doc.chapters)}
        for cit in sorted(cits, key=lambda x: order[id(x.chapter)]):      # reading order
            by_chapter.setdefault(id(cit.chapter), []).append(cit)
        lines = [f"### {mark(d.title)} {{ #{d.anchor} }}", ""]
        if d.citation:
            lines += [f"Citation: {escape_text(d.citation)}", ""]
        if d.url:
            lines += [f"<{d.url}> (the official text)", ""]
        lines.append(f"Cited {len(cits)} time{'s' if len(cits) != 1 else ''}:")
        lines.append("")
        for group in by_chapter.values():
            c = group[0].chapter
            places: dict[str, int] = {}
            for x in group:                     # the same page twice is listed once, counted
                places[place(x)] = places.get(place(x), 0) + 1
            times = {1: "", 2: " (twice)"}
            lines.append(f"- {escape_block_start(mark(c.title))}: "
                         + ", ".join(p + times.get(n, f" ({n} times)") for p, n in places.items()))
        return "\n".join(lines)

    def year(d: CitedDocument) -> str:
        m = re.search(r"\b(?:1[89]|20)\d\d\b", d.title)
        return m.group(0) if m else ""

    documents = [d for d in doc.documents if d.kind == "document"]
    cases = [d for d in doc.documents if d.kind == "case"]
    acts = sorted((d for d in doc.documents if d.kind == "act"), key=lambda d: (year(d), d.title))
    ibid = [c for c in doc.citations if c.ibid]
    starred = any(p.basis == "placed" for p, _ in marks.values())
    return (front_matter(title="References", description="The documents the report cites, and every place "
                                                         "that cites them.")
            + fill("references.md",
                   ibid=("“Ibid.” in " + ", ".join(f"note {c.note}" for c in ibid)
                         + " is resolved to the document of the note before it.") if ibid else "",
                   inferred=(f" A page number marked \\* is inferred {urls.inferred_pages_link(urls.REFERENCES)}."
                             if starred else ""),
                   documents="\n\n".join(section(d) for d in documents),
                   cases="\n\n".join(section(d) for d in cases) or "None.",
                   acts="\n\n".join(section(d) for d in acts)))


def pages(edition: Edition) -> list[Page]:
    return [Page(urls.REFERENCES, references_markdown(edition), nav_title="References")]
