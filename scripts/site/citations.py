"""What a page offers a reader who cites: the model's facts as `cite.Work` and `cite.Locus`, and
the HTML of a page's "Cite this" section and of its blocks' citation data.

The report's citation and each chapter's are written into the page (they read without a
script); a block's is made by the edition's script when a reader asks for it, from the page's
templates (one per span of printed pages its blocks stand on, with stand-ins for the block's id
and number and the date accessed), so a page does not carry a thousand citations nobody asked
for. `cite.fill` is the reference for what the script does, and the browser tests hold the two
to the same text.
"""
from __future__ import annotations

import json

from ..model import CITABLE, Chapter, Edition
from . import cite, urls
from .markdown import html_text, pages_text

#: the heading of a page's citations, and its id
CITE_ANCHOR = "cite-this"


def work(edition: Edition) -> cite.Work:
    m = edition.report_meta
    w = cite.Work(title=m.title, authors=tuple(m.authors), publisher=m.publisher, date=m.date,
                  url=absolute(edition, urls.HOME), pdf_url=m.pdf_url)
    w.check()
    return w


def absolute(edition: Edition, page: str, anchor: str = "") -> str:
    """A page's (or an anchor's) full address: the edition's site_url and the page's path."""
    path = urls.html_path(page)     # index.html too: the canonical address MkDocs gives the home page
    return edition.site_url + path + (f"#{anchor}" if anchor else "")


def chapter_locus(edition: Edition, c: Chapter) -> cite.Locus:
    first, last = c.printed_range
    inferred = any(b.first_page is not None and b.first_page.basis == "placed" for b in c.blocks)
    return cite.Locus(absolute(edition, urls.chapter_page(edition, c)), first, last, inferred, c.title)


def span_locus(edition: Edition, c: Chapter, span: str) -> cite.Locus:
    """The locus of a block on `span` ("45", "45–46*"), its id and number left as stand-ins."""
    pages = span.rstrip("*")
    first, _, last = pages.partition("–")
    return cite.Locus(absolute(edition, urls.chapter_page(edition, c), cite.TOKENS["ID"]),
                      int(first) if first else None, int(last or first) if first else None,
                      span.endswith("*"), c.title, cite.TOKENS["NUMBER"])


def block_templates(edition: Edition, c: Chapter) -> dict[str, dict[str, str]]:
    """Each span of pages a block of the chapter stands on -> every format's template."""
    w = work(edition)
    spans = sorted({pages_text(b) for b in c.blocks if b.kind in CITABLE and b.locator})
    return {span: cite.templates(w, span_locus(edition, c, span)) for span in spans}


def cite_section(w: cite.Work, locus: cite.Locus, what: str) -> str:
    """A page's "Cite this" section: each format, as text a reader can select, and (for the
    script's copy button) as a template that fills in the date accessed."""
    static = cite.citations(w, locus)
    filled = cite.templates(w, locus)
    rows = "".join(
        f'<div class="cite-format"><p class="cite-format-name">{html_text(name)}</p>'
        f'<pre class="cite-text" data-format="{key}" '
        f'data-template="{html_text(filled[key])}">{html_text(static[key])}</pre></div>'
        for key, (name, _fmt) in cite.FORMATS.items())
    return (f"## Cite this {what} {{ #{CITE_ANCHOR} .editorial-note data-search-exclude }}\n\n"
            f'<div class="cite-this editorial-note" data-what="{what}" data-search-exclude><p>The date you read it '
            f"goes where it says [date]: the copy buttons fill in today's. Each paragraph, list item, quotation and "
            f"table also has its own citation: its number in the margin gives it.</p>{rows}</div>")


def chapter_cite(edition: Edition, c: Chapter) -> str:
    """The chapter's "Cite this" section, and the data its blocks' citations are made from."""
    data = json.dumps(block_templates(edition, c), ensure_ascii=False, sort_keys=True)
    return (cite_section(work(edition), chapter_locus(edition, c), "chapter")
            + f'\n\n<div class="cite-data" hidden data-templates="{html_text(data)}"></div>')


def report_cite(edition: Edition) -> str:
    """The whole report's "Cite this" section, for the home page."""
    return cite_section(work(edition), cite.Locus(absolute(edition, urls.HOME)), "report")
