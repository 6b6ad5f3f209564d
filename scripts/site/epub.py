"""What the EPUB holds of the edition: its files in order, its page-list and its metadata.

The book itself is made from the built pages (`publish.epub`); what it says of itself comes
from the model and the seeds' metadata, as plain text (the book escapes it where it writes it).
"""
from __future__ import annotations

import uuid

from ..model import Edition
from .pages import long_date
from .single import single_front
from .urls import GLOSSARY, chapter_page, html_path

#: the report's language (as the site's pages declare it)
LANGUAGE = "en-GB"


def epub_pages(edition: Edition) -> list[dict[str, str]]:
    """Every chapter in order, in its part, then the Glossary: the book's files."""
    return [{"page": html_path(chapter_page(edition, c)), "slug": f"chapter-{c.number}", "title": c.title,
             "part": c.group} for c in edition.report.chapters] + [
        {"page": html_path(GLOSSARY), "slug": "glossary", "title": "Glossary", "kind": "glossary"}]


def epub_marks(edition: Edition) -> list[tuple[str, str, str]]:
    """The page-list: each printed page (its site page, its mark's id, its number), in reading order."""
    return [(html_path(chapter_page(edition, c)), p.anchor, str(p.printed))
            for c in edition.report.chapters for p, _ in c.page_starts() if p.printed is not None]


def epub_meta(edition: Edition) -> dict:
    """The package's metadata, from the seed's metadata file and the edition's."""
    m = edition.report_meta
    return {
        # one identifier for the edition wherever it is built: its address, as a name-based UUID
        "identifier": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, edition.site_url or m.title)}",
        "title": m.title, "language": LANGUAGE, "creator": m.author,
        "creators_file_as": tuple(", ".join(a) for a in m.authors),
        "publisher": m.publisher, "date": m.date, "modified": edition.released,
        "rights": " ".join(x for x in (m.attribution, m.licence_url) if x),
        "description": (f"The reading edition {edition.version} of {long_date(edition.released)}: the report's "
                        "words as printed, with page marks, paragraph numbers and the expansions of its "
                        "abbreviations added and marked as the edition's."),
        "source": m.pdf_url or f"{m.title}, {m.publisher}, {long_date(m.date)}",
        "site_url": edition.site_url,
    }


def epub_front(edition: Edition) -> str:
    """The book's title page (HTML)."""
    return single_front(edition, "as an EPUB")
