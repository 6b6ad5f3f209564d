"""The home page: what the edition is, its contents with each chapter's opening words, the
press, how to cite it and its licence. Every fact from the seeds' metadata and the model."""
from __future__ import annotations

import re

from ...model import BlockKind, Chapter, Edition
from .. import urls
from ..citations import report_cite
from ..markdown import EDITION_ELLIPSIS, escape_text, excerpt, front_matter, html_text, marked, url_markdown
from ..metadata import citation_tags, home_ld
from . import Page, fill, long_date

OPENING_WORDS = 28


def first_sentence(chapter: Chapter, max_words: int = OPENING_WORDS) -> tuple[str, bool]:
    """A chapter's opening words, as printed: its first paragraph's first sentence, cut at a word
    if long (and whether it was cut). Never a summary: only the report's own words."""
    text = next((b.text for b in chapter.blocks[1:] if b.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)), "")
    m = re.match(r"(.+?[.?!][’”']?)(?:\s|$)", text)
    return excerpt(m.group(1) if m else text, max_words)


def example_page(edition: Edition) -> int | None:
    """A printed page from the middle of the report, to show what a page mark looks like."""
    printed = [p.printed for c in edition.report.chapters for p, _ in c.page_starts() if p.printed is not None]
    return printed[len(printed) // 2] if printed else None


def bracketed_labels(edition: Edition) -> list[str]:
    """The navigation labels the edition supplies (in square brackets), in order."""
    out: list[str] = []
    for c in edition.report.chapters:
        if c.group.startswith("[") and c.group not in out:
            out.append(c.group)
    return out


def contents(edition: Edition) -> str:
    mark = lambda text: marked(text, edition.report.glossary)  # noqa: E731
    groups: dict[str, list[Chapter]] = {}
    for c in edition.report.chapters:
        groups.setdefault(c.group, []).append(c)
    toc = []
    for g, chs in groups.items():
        toc.append(f"**{escape_text(g)}**\n")
        for c in chs:
            lead, cut = first_sentence(c)
            # the opening words are the report's; marked as apparatus (like the page marks) and
            # kept out of the search index, so a search for a passage lands in its chapter; where
            # the edition cuts them, its ellipsis is its own
            ellipsis = " " + EDITION_ELLIPSIS if cut else ""
            lead_md = (f' <span class="chapter-lead editorial-note" data-search-exclude>{mark(lead)}{ellipsis}</span>'
                       if lead else "")
            toc.append(f"- [{mark(c.title)}]({urls.link(urls.HOME, urls.chapter_page(edition, c))}){lead_md}")
        toc.append("")
    return "\n".join(toc)


def offline_text(edition: Edition) -> str:
    """The offline editions, with their sizes (written in by the build once the files exist)."""
    zip_path, single, book = urls.bundle_path(edition), urls.single_file_path(edition), urls.epub_path(edition)
    name = zip_path.rsplit("/", 1)[-1]
    return (f'<p><a href="{html_text(zip_path)}" download>The whole edition as a zip</a> '
            f'(<span class="download-size" data-download="{html_text(name)}" data-search-exclude>…</span>): '
            "unzip it anywhere and open <code>index.html</code>, with no connection. Search, footnotes, "
            "abbreviations, page marks, links to paragraphs and citations all work as they do here, and "
            "the addresses inside are this site's.</p>\n\n"
            f'<p><a href="{html_text(single)}" download>The whole report in one HTML file</a> '
            f'(<span class="download-size" data-download="{html_text(single.rsplit("/", 1)[-1])}" '
            "data-search-exclude>…</span>): every chapter in order, with its notes, page marks and the Glossary, "
            "and the same paragraph addresses (<code>#p-…</code>) as here; it needs nothing else and no script, "
            "for archiving, sending or printing the whole report at once.</p>\n\n"
            f'<p><a href="{html_text(book)}" download>The report as an EPUB</a> '
            f'(<span class="download-size" data-download="{html_text(book.rsplit("/", 1)[-1])}" '
            "data-search-exclude>…</span>), for e-readers: the same chapters, the notes as the reader's "
            "footnotes, the Glossary, and the printed pages, so that the reader's \"go to page\" finds page "
            "45 as printed.</p>")


def home_markdown(edition: Edition) -> str:
    m = edition.report_meta
    glossary = edition.report.glossary
    press = "\n".join(f"- [{escape_text(a.meta.title)}]({urls.link(urls.HOME, urls.article_page(a))}) "
                      f"(news report, {long_date(a.meta.date)}; not part of the report)" for a in edition.articles)
    # the example of a citation: the first printed page, and the address of its mark
    marks = [(c, p) for c in edition.report.chapters for p, _ in c.page_starts() if p.printed is not None]
    first_chapter, first_mark = marks[0] if marks else (edition.report.chapters[0], None)
    example = urls.html_path(urls.chapter_page(edition, first_chapter))
    example += f"#{first_mark.anchor}" if first_mark else ""
    labels = bracketed_labels(edition)
    bracket_note = (f"\nLabels in square brackets, such as {escape_text(labels[0])}, are "
                    "the edition's, not the report's.\n" if labels else "")
    return (front_matter(title="Home", description=f"A faithful web edition of {m.title} ({m.author}, "
                                                    f"{m.publisher}, {long_date(m.date)}).",
                         tags=citation_tags(edition), jsonld=home_ld(edition))
            + fill("home.md", title=escape_text(m.title), author=marked(m.author, glossary),
                   publisher=escape_text(m.publisher), date=long_date(m.date),
                   content_note=f"\n**Content note:** {escape_text(m.content_note)}\n" if m.content_note else "",
                   example_page=str(example_page(edition) or ""), bracket_note=bracket_note,
                   contents=contents(edition), press=press,
                   cite_author=marked(m.author.split(" (")[0], glossary),
                   cite_page=f", p. {first_mark.printed}" if first_mark else "", example=html_text(example),
                   attribution=escape_text(m.attribution), licence=escape_text(m.licence),
                   licence_url=url_markdown(m.licence_url), report_cite=report_cite(edition),
                   offline=offline_text(edition),
                   about_addresses=urls.link(urls.HOME, urls.ABOUT, urls.ADDRESSES_ANCHOR)))


def pages(edition: Edition) -> list[Page]:
    return [Page(urls.HOME, home_markdown(edition), nav_title="Home")]

