"""A news article's page: its headline, the edition's note on what it is, and every line as
the scrape kept it (the report's abbreviations marked; the words as the article prints them)."""
from __future__ import annotations

from ...model import Article, Edition
from .. import urls
from ..markdown import Links, escape_text, front_matter, serialize_blocks
from ..metadata import article_ld
from . import EDITION_NOTE, Page, fill, long_date

PRESS_GROUP = "[Press]"


def article_markdown(edition: Edition, a: Article) -> str:
    here = urls.article_page(a)
    links = Links.for_glossary(a.doc.glossary, urls.link(here, urls.GLOSSARY))
    chapter = a.doc.chapters[0]
    headline = chapter.title
    note = fill("article-note.md", date=long_date(a.meta.date), publisher=escape_text(a.meta.publisher),
                source=escape_text(a.meta.source)).strip()
    body = serialize_blocks(chapter.blocks, links, f"{note}\n{EDITION_NOTE}")
    return front_matter(title=headline, description=f"News report, {a.meta.date}: {headline}",
                        jsonld=article_ld(edition, a)) + "\n" + \
        "\n\n".join(body) + "\n"


def pages(edition: Edition) -> list[Page]:
    return [Page(urls.article_page(a), article_markdown(edition, a), nav_group=PRESS_GROUP) for a in edition.articles]
