"""What machines read of a page: schema.org JSON-LD and the Highwire Press `citation_*` tags.

The report (home page) is a schema.org `Report` with its author, publisher, date, licence and
the PDF it is based on; each chapter page a `Chapter` that `isPartOf` the report, with its
printed pages; the press article a `NewsArticle`. The `citation_*` tags are those Google
Scholar and Zotero read (title, author, publisher, publication date, first and last page, the
PDF's address where the metadata records one). Only facts the seeds' metadata and the model
hold: an author not recorded is left out, never guessed.

Both go into a page's front matter, already escaped for where the template writes them: the
tags' values as HTML attribute text, the JSON-LD as JSON whose `<`, `>` and `&` are written
as escapes, so no string can end the `<script type="application/ld+json">` that holds it.
"""
from __future__ import annotations

import json

from ..model import Article, Chapter, Edition
from . import urls
from .citations import absolute

SCHEMA = "https://schema.org"


def script_json(data: dict) -> str:
    """JSON safe inside a <script> element: `<`, `>` and `&` as \\u escapes (valid JSON still)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def people(edition: Edition) -> list[dict]:
    return [{"@type": "Person", "name": f"{given} {family}", "givenName": given, "familyName": family}
            for family, given in edition.report_meta.authors]


def report_ld(edition: Edition) -> dict:
    m = edition.report_meta
    ld: dict = {"@type": "Report", "name": m.title}
    if m.authors:
        ld["author"] = people(edition)
    ld |= {"publisher": {"@type": "Organization", "name": m.publisher}, "datePublished": m.date,
           "inLanguage": "en-GB", "url": absolute(edition, urls.HOME)}
    if m.licence_url:
        ld["license"] = m.licence_url
    if m.attribution:
        ld["copyrightNotice"] = m.attribution
    pdf: dict = {"@type": "DigitalDocument", "name": m.title, "encodingFormat": "application/pdf",
                 "datePublished": m.date, "publisher": {"@type": "Organization", "name": m.publisher}}
    if m.pdf_url:
        pdf["url"] = m.pdf_url
    ld["isBasedOn"] = pdf
    return ld


def home_ld(edition: Edition) -> str:
    return script_json({"@context": SCHEMA, **report_ld(edition)})


def chapter_ld(edition: Edition, c: Chapter) -> str:
    first, last = c.printed_range
    ld: dict = {"@context": SCHEMA, "@type": "Chapter", "name": c.title, "position": c.number,
                "url": absolute(edition, urls.chapter_page(edition, c)), "inLanguage": "en-GB"}
    if first is not None and last is not None:
        ld |= {"pageStart": first, "pageEnd": last, "pagination": f"{first}–{last}" if first != last else str(first)}
    ld["isPartOf"] = report_ld(edition)
    return script_json(ld)


def article_ld(edition: Edition, a: Article) -> str:
    return script_json({"@context": SCHEMA, "@type": "NewsArticle", "headline": a.doc.chapters[0].title,
                        "datePublished": a.meta.date, "url": absolute(edition, urls.article_page(a)),
                        "inLanguage": "en-GB", "about": report_ld(edition)})


def citation_tags(edition: Edition, c: Chapter | None = None) -> list[tuple[str, str]]:
    """The Highwire Press tags of the report's home page, or of one chapter's page (its pages)."""
    m = edition.report_meta
    tags = [("citation_title", m.title)]
    tags += [("citation_author", f"{family}, {given}") for family, given in m.authors]
    tags += [("citation_publisher", m.publisher), ("citation_technical_report_institution", m.publisher),
             ("citation_publication_date", m.date.replace("-", "/")), ("citation_language", "en")]
    if c is not None:
        first, last = c.printed_range
        if first is not None and last is not None:
            tags += [("citation_firstpage", str(first)), ("citation_lastpage", str(last))]
    if m.pdf_url:
        tags.append(("citation_pdf_url", m.pdf_url))
    page = urls.chapter_page(edition, c) if c is not None else urls.HOME
    tags.append(("citation_public_url", absolute(edition, page)))
    return tags
