"""A news article's page: its headline, the edition's note on what it is, the article's own text
(the report's abbreviations marked, the words as the article prints them, the scrape's damage
noted), then the page as captured: every line the scrape kept, the web page's furniture labelled."""
from __future__ import annotations

from collections import Counter

from ...model import Article, Block, Edition
from .. import urls
from ..markdown import Links, escape_text, front_matter, html_text, serialize_blocks
from ..metadata import article_ld
from . import EDITION_NOTE, Page, fill, how_many, long_date

#: the id of the page as captured, at the end of an article's page
AS_CAPTURED = "as-captured"

PRESS_GROUP = "[Press]"


def article_markdown(edition: Edition, a: Article) -> str:
    here = urls.article_page(a)
    links = Links.for_glossary(a.doc.glossary, urls.link(here, urls.GLOSSARY))
    chapter = a.doc.chapters[0]
    headline = chapter.title
    furniture = [b for b in chapter.blocks if b.layer == "furniture"]
    kinds = Counter(b.furniture for b in furniture)
    note = fill("article-note.md", date=long_date(a.meta.date),
                date_note=escape_text(a.meta.date_note or "as recorded"),
                publisher=escape_text(a.meta.publisher), source=escape_text(a.meta.source),
                furniture=escape_text(f"{how_many(len(furniture), 'line', 'lines')}, by kind: "
                                      + "; ".join(f"{k} {n}" for k, n in kinds.items()) if furniture
                                      else "none found")).strip()
    body = serialize_blocks([b for b in chapter.blocks if b.layer != "furniture"], links, f"{note}\n{EDITION_NOTE}")
    return front_matter(title=headline, description=f"News report, {a.meta.date}: {headline}",
                        jsonld=article_ld(edition, a)) + "\n" + \
        "\n\n".join(body + [as_captured(a)]) + "\n"


def captured_line(number: int, raw: str, blocks: list[Block]) -> str:
    """One line of the page as captured, as scraped; its furniture marked and labelled."""
    text = raw.strip()
    parts = [b for b in blocks if b.layer == "furniture"]
    if not parts:
        return f'<li value="{number}">{html_text(text)}</li>'
    label = " ".join(f'<span class="editorial-note furniture-label">[{html_text(b.furniture)}]</span>' for b in parts)
    whole = len(parts) == 1 and parts[0].text == text
    if whole:
        return f'<li value="{number}" class="furniture"><span class="furniture">{html_text(text)}</span> {label}</li>'
    cut = len(text) - len(parts[-1].text)          # a headline glued onto the end of a key point
    return (f'<li value="{number}">{html_text(text[:cut])}<span class="furniture">{html_text(text[cut:])}</span> '
            f"{label}</li>")


def as_captured(a: Article) -> str:
    """Every line the scrape kept, numbered as in the seed, furniture labelled: behind a control
    that readers open (a `<details>`, so it works with scripts off)."""
    by_line: dict[int, list[Block]] = {}
    for b in a.doc.chapters[0].blocks:
        by_line.setdefault(b.source_lines[0], []).append(b)
    n = sum(1 for b in a.doc.chapters[0].blocks if b.layer == "furniture")
    lines = [captured_line(i, raw, by_line.get(i, [])) for i, raw in enumerate(a.doc.raw_lines, 1) if raw.strip()]
    summary = (f"Show the page as captured: every line the scrape kept, numbered as in the source, "
               f"{how_many(n, 'line', 'lines')} of web furniture labelled")
    return (f'<details class="as-captured" id="{AS_CAPTURED}" data-search-exclude>\n'
            f'<summary class="editorial-note">{html_text(summary)}</summary>\n'
            '<ol class="captured-lines">\n' + "\n".join(lines) + "\n</ol>\n</details>")


def pages(edition: Edition) -> list[Page]:
    return [Page(urls.article_page(a), article_markdown(edition, a), nav_group=PRESS_GROUP) for a in edition.articles]
