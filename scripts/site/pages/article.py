"""A news article's page: its headline, the edition's note on what it is, the article's own text
(the report's abbreviations marked, the words as the article prints them, the scrape's damage
noted), then the page as captured: every line the scrape kept, the web page's furniture labelled."""
from __future__ import annotations

import json
import posixpath
from collections import Counter

from ...model import Article, Block, Edition
from .. import urls
from ..citations import absolute
from ..markdown import (
    EDITION_ELLIPSIS,
    VERDICT_WORDS,
    Links,
    escape_text,
    excerpt,
    front_matter,
    html_text,
    marked_html,
    serialize_blocks,
)
from ..metadata import article_ld
from . import EDITION_NOTE, Page, fill, how_many, long_date

#: the id of the page as captured, at the end of an article's page
AS_CAPTURED = "as-captured"

PRESS_GROUP = "[Press]"


def article_markdown(edition: Edition, a: Article) -> str:
    here = urls.article_page(a)
    links = Links.for_glossary(a.doc.glossary, urls.link(here, urls.GLOSSARY),
                               report_block=urls.report_block_target(edition, here))
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
        "\n\n".join(body + [quotations_table(edition, a), as_captured(a)]) + "\n"


#: the id of the table of the article's quotations
QUOTATIONS = "quotations"


def difference_words(d) -> str:
    """One word-level difference, as a reader reads it."""
    a, r = f"‘{d.article}’", f"‘{d.report}’"
    return {"replace": f"{a} for the report's {r}", "delete": f"left out{' (…)' if d.article == '…' else ''}: {r}",
            "insert": f"added: {a}", "case": f"capitals: {a} for {r}", "punctuation": f"marks: {a} for {r}",
            "cut": f"stops before: {r}", "join": f"from elsewhere in the report: {a}"}.get(d.op, f"{d.op}: {a} {r}")


def in_furniture(a: Article, m) -> bool:
    """A quotation the article's own text does not hold (it stands in the page's furniture: the
    annotator gave it to no block of the text)."""
    return not any(m is q for b in a.doc.chapters[0].blocks for q in b.quotes)


def quotations_table(edition: Edition, a: Article) -> str:
    """Every quotation of the article: where, its words, its verdict, the report's block it comes
    from (chapter, number, printed page, link), and how it differs; and the same as data. The
    edition's apparatus, marked as such (a raw HTML table of class `editorial-note`: its words
    are the edition's account of the article, not the article's text)."""
    here = urls.article_page(a)
    target = urls.report_block_target(edition, here)
    chapters = {b.anchor: c.title for c in edition.report.chapters for b in c.blocks if b.locator}
    mark = lambda text: marked_html(text, edition.report.glossary)  # noqa: E731
    rows = []
    for m in a.quotations:
        words, cut = excerpt(m.quoted.text, 14)
        links = []
        for p in m.passages:
            url, name = target(p.anchor)
            links.append(f'<a href="{html_text(urls.html_path(url.partition("#")[0]))}#{html_text(p.anchor)}">'
                         f"{html_text(name)}</a>, {mark(chapters[p.anchor])}")
        source = "; ".join(links) or html_text(
            "not in the report" + (" (the article gives it to the report)" if m.misattributed else ""))
        verdict = VERDICT_WORDS.get(str(m.verdict), str(m.verdict))
        where = f"{m.quoted.line}" + (" (furniture)" if in_furniture(a, m) else "")
        speaker = m.quoted.refers_to or m.quoted.speaker
        diffs = "; ".join(difference_words(d) for d in m.differences if d.op != "punctuation")
        rows.append(f"<tr><td>{html_text(where)}</td><td>‘{mark(words)}{' ' + EDITION_ELLIPSIS if cut else ''}’</td>"
                    f"<td>{html_text(verdict)}</td><td>{source}</td><td>{mark(speaker)}</td><td>{mark(diffs)}</td></tr>")
    counts = Counter(VERDICT_WORDS.get(str(m.verdict), str(m.verdict)) for m in a.quotations)
    data = posixpath.basename(urls.quotes_data_path(a))
    return (f"## Quotations, traced to the report {{ #{QUOTATIONS} .editorial-note }}\n\n"
            + escape_text(f"The edition found {how_many(len(a.quotations), 'quotation', 'quotations')} in the article ("
                          + "; ".join(f"{k}: {n}" for k, n in sorted(counts.items())) + "). Each is matched word by "
                          "word against the report: quote-mark, dash and apostrophe styles never count; words left "
                          "out make it abridged, words changed, added or re-capitalised altered; exact words that stop "
                          "before the report's sentence ends truncated; five exact words or fewer a phrase.")
            + f" [The same as data (JSON)]({data}).\n{{ .editorial-note }}\n\n"
            '<table class="editorial-note quotations-table">\n<thead><tr><th>Line</th><th>Quotation</th>'
            "<th>Verdict</th><th>In the report</th><th>Speaker, as the article gives it</th><th>Differences</th>"
            "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")


def quotations_data(edition: Edition, a: Article) -> str:
    """The article's quotations as a researcher reuses them: one record each."""
    chapters = {b.anchor: (c, b) for c in edition.report.chapters for b in c.blocks if b.locator}
    holder = {id(q): b for b in a.doc.chapters[0].blocks for q in b.quotes}
    out = []
    for m in a.quotations:
        block = holder.get(id(m))
        passage = block.anchor if block is not None and block.anchor != "top" else ""
        report = []
        for p in m.passages:
            c, b = chapters[p.anchor]
            report.append({"block_id": p.anchor, "number": b.locator, "chapter": c.title,
                           "page": b.first_page.printed if b.first_page is not None else None,
                           "address": absolute(edition, urls.chapter_page(edition, c), p.anchor),
                           "seed_line": p.line, "text": p.text})
        out.append({"article_line": m.quoted.line,
                    "article_block_id": passage if block is not None else None,
                    "article_address": absolute(edition, urls.article_page(a), passage) if block is not None else None,
                    "text": m.quoted.text, "verdict": str(m.verdict),
                    "nested": m.quoted.nested, "continues": m.quoted.continues,
                    "in_furniture": in_furniture(a, m), "speaker": m.quoted.refers_to or m.quoted.speaker,
                    "given_to_the_report_but_not_in_it": m.misattributed, "report": report,
                    "report_text": m.report_text,
                    "differences": [{"op": d.op, "article": d.article, "report": d.report} for d in m.differences]})
    return json.dumps({"about": "Every quotation of the article, matched word by word against the report by this "
                                "edition (its verdicts: verbatim, abridged, altered, truncated, phrase, "
                                "not-from-report).",
                       "article": a.meta.seed, "article_title": a.doc.chapters[0].title,
                       "report": edition.report_meta.seed, "edition": edition.version,
                       "quotations": out}, ensure_ascii=False, indent=1) + "\n"


def data_files(edition: Edition) -> dict[str, str]:
    """Files published beside the article pages: each article's quotations as JSON."""
    return {urls.quotes_data_path(a): quotations_data(edition, a) for a in edition.articles}


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
    return (f'<details class="as-captured annotation" id="{AS_CAPTURED}" data-search-exclude>\n'
            f'<summary class="editorial-note">{html_text(summary)}</summary>\n'
            '<ol class="captured-lines">\n' + "\n".join(lines) + "\n</ol>\n</details>")


def pages(edition: Edition) -> list[Page]:
    return [Page(urls.article_page(a), article_markdown(edition, a), nav_group=PRESS_GROUP) for a in edition.articles]
