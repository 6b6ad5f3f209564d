"""What the single-file edition holds of the site: its pages in order, and its first lines.

The file itself is made from the built pages (`publish.single`); what it says of itself, like
every page's prose, comes from the model and is escaped here.
"""
from __future__ import annotations

import html

from ..model import Edition
from ..terms import mark as mark_terms
from .pages import long_date
from .urls import GLOSSARY, chapter_page, html_path


def single_pages(edition: Edition) -> list[tuple[str, str]]:
    """The single file's pages: every chapter in order, then the Glossary (each with its slug)."""
    return [(html_path(chapter_page(edition, c)), f"chapter-{c.number}") for c in edition.report.chapters] + [
        (html_path(GLOSSARY), "glossary")]


def single_front(edition: Edition, form: str = "in one file") -> str:
    """The single file's (or the EPUB's) first lines: what it is, whose words, its licence."""
    m = edition.report_meta
    e = html.escape
    terms = edition.report.glossary.by_term
    author = "".join(e(x) if isinstance(x, str) else f'<abbr title="{e(terms[x.term].title)}">{e(x.text)}</abbr>'
                     for x in mark_terms(m.author, edition.report.glossary))
    return (f'<header class="single-front"><h1 id="report">{e(m.title)}</h1>'
            f"<p>By {author}. Published by the {e(m.publisher)}, {e(long_date(m.date))}.</p>"
            f'<p class="editorial-note">The reading edition {e(edition.version)} of {e(long_date(edition.released))} '
            f"{e(form)}: every word is the report's, as printed; what the edition adds (page marks, "
            f"paragraph numbers, abbreviations' expansions) is marked as its own. Online: "
            f'<a href="{e(edition.site_url)}">{e(edition.site_url)}</a>.</p>'
            f"<p>{e(m.attribution)}</p></header>")
