"""Build the edition: seeds to Markdown in `docs/`, then MkDocs to `build/site/`, safely.

Everything is written to a staging folder first; `docs/` and `build/site/` are replaced together,
in one step, only when the whole build (pipeline, MkDocs in strict mode, fidelity audit, link
and markup checks) has succeeded, so a failed or killed build leaves both as they were (see
`publish.stage`). Not for: text decisions (`passes`) or Markdown syntax (`serialize`).
"""
from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import audit as audit_mod
from . import links, markup, passes, pipeline
from .editorial import Editorial, load_editorial
from .errors import BuildError, LinkError, UnsafeMarkup
from .model import BlockKind, Chapter, Document
from .publish import stage as staging
from .publish.mkdocs import build_site
from .seeds import Seed, SeedMeta, SeedText, load_seeds
from .serialize import (Context, Glossary, escape_block_start, escape_text, front_matter, html_text, page_anchor,
                        serialize_chapter, term_id, text_markdown, url_markdown)

ROOT = Path(__file__).resolve().parent.parent
#: what a build reads from the project: copied by copy_build_inputs into another folder
BUILD_INPUTS = ("scripts", "seeds", "mkdocs.yml", "overrides", "pyproject.toml")
EDITION_NOTE = "{ .editorial-note }"


@dataclass
class Article:
    meta: SeedMeta
    seed: SeedText


@dataclass
class Edition:
    root: Path
    report_meta: SeedMeta
    report_seed: SeedText
    report: Document
    editorial: Editorial
    articles: list[Article] = field(default_factory=list)


class Reporter:
    """The one place progress is printed; library code reports through it."""

    def __init__(self, quiet: bool = False, stream=sys.stderr) -> None:
        self.quiet = quiet
        self.stream = stream

    def __call__(self, msg: str) -> None:
        if not self.quiet:
            print(msg, file=self.stream)


def load_edition(root: Path = ROOT) -> Edition:
    """Read every seed's metadata, check checksums, and run the pipeline on the report."""
    seeds: list[Seed] = load_seeds(root / "seeds")
    report = next(s for s in seeds if s.meta.kind == "report")
    articles = [Article(s.meta, s.text) for s in seeds if s.meta.kind == "article"]
    meta = report.meta
    ed_path = meta.editorial_path
    editorial = (load_editorial(ed_path, f"seeds/{meta.editorial}") if ed_path is not None
                 else Editorial())
    doc = pipeline.run(report.text, meta.seed, editorial)
    return Edition(root, meta, report.text, doc, editorial, articles)


# ----------------------------------------------------------------------------- pages
def heading_anchors(chapter: Chapter) -> dict[int, str]:
    """Ids for a chapter's headings: the chapter slug for the title, slugs of the text below it.

    Deterministic: from the text alone, de-duplicated in document order with -2, -3.
    """
    out: dict[int, str] = {}
    taken: set[str] = set()
    for b in chapter.blocks:
        if b.kind is not BlockKind.HEADING:
            continue
        base = "top" if b.level == 1 else pipeline.slugify(b.text, 60)
        slug, k = base, 2
        while slug in taken:
            slug, k = f"{base}-{k}", k + 1
        taken.add(slug)
        out[id(b)] = slug
    return out


def chapter_path(edition: Edition, c: Chapter) -> str:
    return f"{edition.report_meta.slug}/{c.slug}.md"


def article_path(a: Article) -> str:
    return f"{a.meta.slug}/{pipeline.slugify(a.meta.title)}.md"


def part_note(edition: Edition, c: Chapter) -> str:
    """The edition's note on the Section Two part page, which holds only its title."""
    if len(c.blocks) > 1:
        return ""
    members = [x for x in edition.report.chapters if x.group == c.group and x is not c]
    if not members:
        return ""
    first = members[0]
    return (f"This part of the report has {len(members)} chapters, one for each question the inspection "
            f"answered, starting with [{term_marker(edition)(first.title)}]({first.slug}.md).\n{EDITION_NOTE}")


def printed_range(doc: Document, c: Chapter) -> tuple[int | None, int | None]:
    """The printed pages a chapter's text runs over: from the page its first line is on (a blank
    page marked before it does not count) to the page of its last line."""
    first_marks = [p for p in c.blocks[0].pages_before if not p.blank]
    first = first_marks[0].printed if first_marks else doc.printed_pages.get(c.blocks[0].prov.first_page)
    last = doc.printed_pages.get(max(b.prov.last_page for b in c.blocks))
    return first, last


def pages_note(doc: Document, c: Chapter) -> str:
    first, last = printed_range(doc, c)
    if first is None or last is None:
        return ""
    span = f"page {first}" if first == last else f"pages {first}–{last}"
    return f"In the PDF: {span}. [Every page](../pages.md#p-{first})\n{EDITION_NOTE}"


def link_targets(edition: Edition) -> dict[str, tuple[str, str]]:
    """Chapter titles and heading texts -> (chapter slug, anchor); the first of equal texts wins."""
    out: dict[str, tuple[str, str]] = {}
    for c in edition.report.chapters:
        anchors = heading_anchors(c)
        for b in c.blocks:
            if b.kind is BlockKind.HEADING:
                out.setdefault(b.text.strip(), (c.slug, "" if b.level == 1 else anchors[id(b)]))
    return out


def term_marker(edition: Edition):
    """Source text -> Markdown with its abbreviations marked (never linked): for the report's
    words where they appear on the edition's own pages (titles, expansions, excerpts)."""
    ctx = Context(glossary=glossary_for(edition, ""))
    return lambda text: text_markdown(text, ctx, link_terms=False)


def glossary_for(edition: Edition, url: str) -> Glossary:
    entries = edition.report.glossary
    return Glossary(entries, passes.term_pattern([e.term for e in entries]), url)


def render_chapters(edition: Edition) -> tuple[dict[str, str], dict[str, Context]]:
    """Every chapter page, and each page's serializing context (which terms it used, linked)."""
    out, contexts = {}, {}
    targets = link_targets(edition)

    def resolve(target: str) -> str:
        slug, anchor = targets[target]
        return f"{slug}.md" + (f"#{anchor}" if anchor else "")

    for c in edition.report.chapters:
        note = "\n\n".join(n for n in (pages_note(edition.report, c), part_note(edition, c)) if n)
        ctx = Context(resolve, glossary_for(edition, "../glossary.md"))
        md = serialize_chapter(c, edition.report.footnotes, heading_anchors(c), note, ctx)
        out[chapter_path(edition, c)] = md
        contexts[chapter_path(edition, c)] = ctx
    return out, contexts


def render_glossary(edition: Edition, contexts: dict[str, Context]) -> str:
    """The Glossary page: the report's own terms (Annex F), then the edition's, each with its
    expansion and the chapters that use it (the first use in each)."""
    mark = term_marker(edition)
    doc = edition.report
    annex_f = next((c for c in doc.chapters if any(b.kind is BlockKind.GLOSSARY for b in c.blocks)), None)
    chapter_of = {chapter_path(edition, c): c for c in doc.chapters}

    def entry(e) -> str:
        uses = [(path, ctx) for path, ctx in contexts.items() if ctx.uses.get(e.term) and chapter_of[path] is not annex_f]
        links = ", ".join(f"[{mark(chapter_of[path].title)}]({path}"
                          + (f"#use-{term_id(e.term)}" if e.term in ctx.linked else "") + ")"
                          for path, ctx in uses)
        total = sum(ctx.uses[e.term] for _, ctx in uses)
        where = (f"Used {total} time{'s' if total != 1 else ''}, in: {links}." if uses
                 else "Not used elsewhere in the report.")
        dd = escape_block_start(mark(e.expansion))
        if e.source == "edition":
            dd += f" *(The edition's explanation: {mark(e.reason)})*"
        return f"{escape_text(e.term)} {{ #{term_id(e.term)} }}\n:   {dd}\n\n    {where}"

    report_terms = [e for e in doc.glossary if e.source == "report"]
    edition_terms = [e for e in doc.glossary if e.source == "edition"]
    annex_link = f"[{mark(annex_f.title)}]({chapter_path(edition, annex_f)})" if annex_f else "its glossary"
    return (front_matter(title="Glossary", description="The abbreviations in the report, with their expansions "
                                                       "and where they are used.")
            + f"""
# Glossary {{ #top }}

Every abbreviation in the edition is marked where it stands: hover over it (or tap it) to see
its expansion, and on each page its first use links here. The report's own glossary is
{annex_link}: its {len(report_terms)} terms come first, with the expansions exactly as the report
gives them. The {len(edition_terms)} terms after them the report uses without defining; their
expansions are this edition's, marked as such on every page (a dashed underline, not dotted, and
"explained by this edition" in the tooltip).
{EDITION_NOTE}

## The report's glossary {{ #report-glossary }}

""" + "\n\n".join(entry(e) for e in report_terms) + """

## Abbreviations the edition explains {#edition-terms}

""" + "\n\n".join(entry(e) for e in edition_terms) + "\n")


def render_article(a: Article, ctx: Context | None = None) -> str:
    """The news article, every line as printed, with a note on what it is. The report's
    abbreviations are marked in it too (`ctx`): the words stay as the article prints them."""
    ctx = ctx or Context()
    lines = a.seed.lines
    title = next(l for l in lines if l.strip())
    rest = lines[lines.index(title) + 1:]
    paras = [l.strip() for l in rest if l.strip()]
    body = "\n\n".join(escape_block_start(text_markdown(p, ctx)) for p in paras)
    note = (f"A news report about the inspection, as scraped from a newspaper's web page on "
            f"{long_date(a.meta.date)}; the publisher is not recorded in the text. Every line is shown as captured, "
            "including the web page's furniture (photo captions, related headlines, 'Have your say') "
            "and sentences the scrape cut short. It is not part of the report.")
    return (front_matter(title=title.strip(), description=f"News report, {a.meta.date}: {title.strip()}")
            + f"\n# {escape_text(title.strip())} {{ #top }}\n\n{note}\n{EDITION_NOTE}\n\n{body}\n")


def long_date(iso: str) -> str:
    """2015-02-04 -> 4 February 2015."""
    d = datetime.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def first_sentence(chapter: Chapter, max_words: int = 28) -> str:
    """A chapter's opening words, as printed: its first paragraph's first sentence (cut at a
    word, with an ellipsis, if long). Never a summary: only the report's own words."""
    text = next((b.text for b in chapter.blocks[1:] if b.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)), "")
    m = re.match(r"(.+?[.?!][’”']?)(?:\s|$)", text)
    sentence = m.group(1) if m else text
    words = sentence.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def render_index(edition: Edition) -> str:
    m = edition.report_meta
    mark = term_marker(edition)
    groups: dict[str, list[Chapter]] = {}
    for c in edition.report.chapters:
        groups.setdefault(c.group, []).append(c)
    toc = []
    for g, chs in groups.items():
        toc.append(f"**{escape_text(g)}**\n")
        for c in chs:
            lead = first_sentence(c)
            # the opening words are the report's; marked as apparatus (like the page marks) and
            # kept out of the search index, so a search for a passage lands in its chapter
            lead_md = (f' <span class="chapter-lead editorial-note" data-search-exclude>{mark(lead)}</span>'
                       if lead else "")
            toc.append(f"- [{mark(c.title)}]({chapter_path(edition, c)}){lead_md}")
        toc.append("")
    press = "\n".join(f"- [{escape_text(a.meta.title)}]({article_path(a)}) (news report, {long_date(a.meta.date)}; "
                      "not part of the report)" for a in edition.articles)
    # the example of a citation: the first printed page, and the address of its mark
    marks = [(c, p) for c in edition.report.chapters for p, _ in c.page_starts() if p.printed is not None]
    first_chapter, first_mark = marks[0] if marks else (edition.report.chapters[0], None)
    cite_page = f", p. {first_mark.printed}" if first_mark else ""
    example = chapter_path(edition, first_chapter).removesuffix(".md") + ".html" + (
        f"#{page_anchor(first_mark)}" if first_mark else "")
    return (front_matter(title="Home", description=f"A faithful web edition of {m.title} ({m.author}, "
                                                     f"{m.publisher}, {long_date(m.date)}).")
            + f"""
# {escape_text(m.title)} {{ #top }}

By {mark(m.author)}. Published by the {escape_text(m.publisher)}, {long_date(m.date)}.

**Content note:** the report describes the sexual exploitation and abuse of children.

## What this edition is {{ #what-this-is }}

A faithful web edition of the report, made from the text of its published PDF: every word is
the report's, in the report's order, with its spelling and punctuation as printed. It is **not
an official publication** and not a substitute for the PDF where the exact page layout matters.
What the edition adds is marked as its own and explained in [About this edition](about.md):

- a mark in the margin where each page of the PDF begins ("p. 45"), and [Pages](pages.md), which
  lists them all;
- footnotes with the report's own numbers, opening where they are cited;
- every abbreviation explained where it stands, and a [Glossary](glossary.md);
- links for the report's references to its own parts, and [References](references.md) for the
  documents it cites.

Labels in square brackets, such as \\[Section One\\], are the edition's, not the report's.

## Contents {{ #contents }}

Each chapter with its opening words, as printed (in smaller type).

{chr(10).join(toc)}
## Press {{ #press }}

{press}

## How to cite {{ #cite }}

Cite the report itself, with the printed page: *{mark(m.author.split(' (')[0])}, {escape_text(m.title)},
{escape_text(m.publisher)}, {long_date(m.date)}{cite_page}.* To point a reader to a place
in this edition, use the chapter's address with the page mark, for example
<code>{html_text(example)}</code>, or a heading's link (the ¶ beside it). Page marks and
chapter addresses do not change between builds.

## Licence {{ #licence }}

{escape_text(m.attribution)} See the [{escape_text(m.licence)}]({url_markdown(m.licence_url)}).
""")


def render_about(edition: Edition) -> str:
    doc = edition.report
    rec = doc.record
    rows = "\n".join(f"| {escape_text(k)} | {v} |" for k, v in rec.counts.items())
    ed_rows = [f"<tr><td>{html_text(e.KIND)}</td><td>{html_text(e.subject())}</td><td>{html_text(e.reason)}</td></tr>"
               for e in edition.editorial]
    n_entries = edition.editorial.applied_total()
    seeds = [(edition.report_meta, edition.report_seed)] + [(a.meta, a.seed) for a in edition.articles]
    seed_rows = "\n".join(f"| {escape_text(m.seed)} | {escape_text(m.source_file)} | `{s.sha256}` |"
                          for m, s in seeds)
    passes = "\n".join(f"{i}. `{name}`: {escape_text(why)}" for i, (name, why) in enumerate(pipeline.PIPELINE, 1))
    decisions = len(rec.decisions)
    return (front_matter(title="About this edition",
                         description="How this edition was made from the PDF text, and every editorial act it records.")
            + f"""
# About this edition {{ #top }}

## What this is {{ #what-this-is }}

A web edition of *{escape_text(edition.report_meta.title)}* made from the plain text
extracted from its PDF. The words are the report's own, in its order, with its spelling,
typos and quote marks (straight and curly) as printed. Nothing is corrected, summarised or
rephrased. What the edition does is undo the damage of extraction: it joins lines and pages
that the PDF broke, sets aside printed page numbers, moves footnotes back to their markers,
rebuilds two flattened tables and restores headings, lists and quotations.

Words that the edition supplies, such as the navigation labels \\[Front matter\\],
\\[Section One\\] and \\[Annexes\\], are in square brackets. The colon that joins an annex
title to its subtitle ("Annex A: …") is also the edition's.

## What the edition adds {{ #apparatus }}

Everything the edition adds to the report's words is marked as the edition's and can be told
apart from the text:

- **Page marks.** A small "p. 45" at the right edge of the text shows where each printed page
  of the PDF begins, even inside a paragraph; `#page-45` after a chapter's address links to it,
  and [Pages](pages.md) lists every page. Screen readers announce a mark as a page break
  (`role="doc-pagebreak"`) inside the sentence, which goes on; copying a passage leaves the
  marks out. One page of the PDF left no text in the extract: its mark (p. 143) stands before
  Annex A, where an editorial entry places it.
- **Abbreviations.** Every abbreviation is marked where it stands, with its expansion as a
  tooltip: the report's own glossary (Annex F) with a dotted underline, the edition's
  explanations of terms Annex F leaves out with a dashed one and the words "explained by this
  edition". On each page the first use of a term is also a link to the [Glossary](glossary.md),
  which gives the expansion and every chapter that uses the term.
  This is how the edition meets WCAG 2.2 success criterion 3.1.4 (Abbreviations): the expanded
  form is available on hover for mouse users, and through the first-use link for keyboard and
  screen-reader users, without hundreds of extra tab stops. The tooltips are Material's: they
  appear on hover and on keyboard focus, stay while the pointer is over them, and close with
  Escape, as criterion 1.4.13 (Content on Hover or Focus) asks; the same expansion is always
  one link away, so nothing depends on the tooltip.
- **Footnotes** keep the report's own numbers (1–17) and open as popovers; each note links back
  to its place in the text.
- **Links** for the report's references to its own parts ("Annex B", "Part 2 of this report").
- **References.** [References](references.md) lists each document the report cites, once, with
  every place that cites it; "Ibid." is resolved to the document it repeats.
- **A chart.** Annex D's yearly figures are also drawn as a bar chart, beside the table it is
  drawn from, with every value printed and listed in its text alternative.

Every page's footer gives the edition's version and the date it was built (the date of the
commit it was built from, so the same sources always give the same site).

## How it was made {{ #method }}

One pipeline of passes, each named for the defect it repairs, runs in this order:

{passes}

A fidelity audit then compares the built pages with the seed, character by character
(ignoring only whitespace): every character of the report appears in order, and every one
left out is explained. Its result for this build:

| left out, with the reason | count |
|---|---|
| printed page numbers | {rec.counts.get('printed page numbers set aside', 0)} |
| footnote markers moved into note references | {sum(v for k, v in rec.counts.items() if k.startswith('footnote markers detached'))} |
| footnote numbers shown as the note's label | {len(doc.footnotes)} |
| list markers (bullets, dashes, numbers) rendered by the list | {sum(v for k, v in rec.counts.items() if k.startswith('list items'))} |
| glossary separators ( - ) rendered by the definition list | {rec.counts.get('glossary entries', 0)} |
| unexplained differences | 0 |

## What each pass did {{ #figures }}

| what | count |
|---|---|
{rows}
| decisions recorded at ambiguous places | {decisions} |
| editorial-file entries applied | {n_entries} |

## Editorial decisions {{ #editorial }}

The general rules cannot settle everything. These {n_entries} decisions are recorded in
<code>seeds/{html_text(edition.report_meta.editorial)}</code>, each with its reason:

<table class="editorial-table editorial-note"><thead><tr><th>kind</th><th>applies to</th><th>reason</th></tr></thead><tbody>
{"".join(ed_rows)}
</tbody></table>

## Sources {{ #sources }}

| seed | copied from | SHA-256 |
|---|---|---|
{seed_rows}

{escape_text(edition.report_meta.source)} The extract holds {max(doc.printed_pages)} PDF text pages;
printed page numbers survive on {rec.counts.get('printed page numbers set aside', 0)} of them.

{escape_text(edition.report_meta.attribution)}
""")


def render_pages(edition: Edition) -> str:
    """The page concordance: every printed page of the PDF and where it begins in the edition."""
    mark = term_marker(edition)
    doc = edition.report
    rows = []
    for c in doc.chapters:
        for p, after in c.page_starts():
            words = after.split()
            begins = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
            if p.blank:
                begins = "(no text: a page of the PDF that left none in the extract; placed by the editorial file)"
            label = f"p. {p.printed}" if p.printed is not None else f"PDF text page {p.ordinal}"
            anchor = page_anchor(p)
            rows.append(f"| [{label}]({chapter_path(edition, c)}#{anchor}){{ #p-{anchor.removeprefix('page-')} }} "
                        f"| {mark(c.title)} | {mark(begins)} |")
    n = sum(1 for c in doc.chapters for p, _ in c.page_starts())
    printed = [p.printed for c in doc.chapters for p, _ in c.page_starts() if p.printed is not None]
    span = (f"printed pages {min(printed)} to {max(printed)}" if printed
            else "none of them with a printed number in the extract")
    # kept out of search (front matter below): its excerpts would be a second hit, after the
    # chapter, for any phrase that opens a page
    return (front_matter(search_exclude=True, title="Pages",
                         description="Every printed page of the PDF report and where it begins in this edition.")
            + f"""
# Pages {{ #top }}

Where each printed page of the PDF begins in this edition: {n} pages, {span}. In the chapters a small mark in the margin ("p. 45") shows
each page start, and `#page-45` after a chapter's address links to it. A page number in the
table opens the chapter at that page.
{EDITION_NOTE}

| Page | Chapter | Begins with |
| --- | --- | --- |
""" + "\n".join(rows) + "\n")


def render_references(edition: Edition) -> str:
    """The References page: each document the report cites, once, with every place that cites
    it, grouped by chapter; a page number links to its page mark, a note to the note."""
    mark = term_marker(edition)
    doc = edition.report
    anchor_chapter = {page_anchor(p): c for c in doc.chapters for p, _ in c.page_starts()}

    def place(cit) -> str:
        path = chapter_path(edition, cit.chapter)
        if cit.note is not None:
            label = f"note {cit.note}" + (" (“Ibid.”)" if cit.ibid else "")
            return f"[{label}]({path}#fn:{cit.note})"
        anchor = f"page-{cit.page}"
        if cit.page is not None and anchor_chapter.get(anchor) is cit.chapter:
            return f"[p. {cit.page}]({path}#{anchor})"
        return f"[p. {cit.page}]({path})" if cit.page is not None else f"[text]({path})"

    def section(d) -> str:
        cits = [c for c in doc.citations if c.key == d.key]
        by_chapter: dict[int, list] = {}
        order = {id(c): i for i, c in enumerate(doc.chapters)}
        for cit in sorted(cits, key=lambda x: order[id(x.chapter)]):      # reading order
            by_chapter.setdefault(id(cit.chapter), []).append(cit)
        lines = [f"### {mark(d.title)} {{ #ref-{pipeline.slugify(d.key, 60)} }}", ""]
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

    docs = [d for d in doc.documents if d.kind != "act"]
    def year(d) -> str:
        m = re.search(r"\b(?:1[89]|20)\d\d\b", d.title)
        return m.group(0) if m else ""
    acts = sorted((d for d in doc.documents if d.kind == "act"), key=lambda d: (year(d), d.title))
    ibid = [c for c in doc.citations if c.ibid]
    return (front_matter(title="References", description="The documents the report cites, and every place "
                                                         "that cites them.")
            + f"""
# References {{ #top }}

The documents the report cites, each listed once, with every place in the report that cites
it: a page number goes to that page of the PDF in the edition, a note number to the footnote.
The report gives no list of its own; this one is the edition's. Documents are listed as the
report cites them. Acts of Parliament were found by their names; where the report prints an
Act's name differently from its short title, both are given. An address is given only where it
is the document's official one (legislation.gov.uk for Acts); none is guessed for the others.
{"“Ibid.” in " + ", ".join(f"note {c.note}" for c in ibid) + " is resolved to the document of the note before it." if ibid else ""}
{EDITION_NOTE}

## Reports and other documents {{ #documents }}

""" + "\n\n".join(section(d) for d in docs) + """

## Acts of Parliament {#acts}

""" + "\n\n".join(section(d) for d in acts) + "\n")


def render_nav(edition: Edition) -> str:
    """The navigation, written as a config fragment that `mkdocs.yml` inherits."""
    import json
    lines = ["# Generated by `python -m scripts build` from the seeds: do not edit.", "nav:",
             "  - Home: index.md"]
    groups: dict[str, list[Chapter]] = {}
    for c in edition.report.chapters:
        groups.setdefault(c.group, []).append(c)
    for g, chs in groups.items():
        # a section label is written into the navigation as HTML, like a page title: escaped
        lines.append(f"  - {json.dumps(html_text(g), ensure_ascii=False)}:")
        lines.extend(f"      - {chapter_path(edition, c)}" for c in chs)
    if edition.articles:
        lines.append("  - \"[Press]\":")
        lines.extend(f"      - {article_path(a)}" for a in edition.articles)
    lines.append("  - Glossary: glossary.md")
    lines.append("  - References: references.md")
    lines.append("  - Pages: pages.md")
    lines.append("  - About this edition: about.md")
    return "\n".join(lines) + "\n"


def render_docs(edition: Edition) -> dict[str, str]:
    files = {"index.md": render_index(edition), "about.md": render_about(edition),
             "pages.md": render_pages(edition), "references.md": render_references(edition),
             ".nav.yml": render_nav(edition)}
    chapters, contexts = render_chapters(edition)
    files.update(chapters)
    files["glossary.md"] = render_glossary(edition, contexts)
    for a in edition.articles:
        files[article_path(a)] = render_article(a, Context(glossary=glossary_for(edition, "../glossary.md")))
    return files


# ----------------------------------------------------------------------------- building
def commit_epoch(root: Path) -> str | None:
    """The committer time of HEAD, if `root` is a git checkout (and git is installed)."""
    if not (root / ".git").exists():
        return None
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                             timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip().isdigit() else None


def project_version(root: Path) -> str:
    """The edition's version, shown in every page's footer: pyproject.toml's."""
    path = root / "pyproject.toml"
    if not path.exists():
        raise BuildError("pyproject.toml is missing: the edition's version comes from it", path=str(path),
                         fix="build from the project folder (or a copy with pyproject.toml in it)")
    try:
        version = tomllib.loads(path.read_text(encoding="utf-8"))["project"]["version"]
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise BuildError("pyproject.toml has no [project] version", path=str(path),
                         fix='give it one, e.g. version = "0.1.0" under [project]') from exc
    if not isinstance(version, str) or not re.fullmatch(r"[0-9A-Za-z.+-]{1,40}", version):
        raise BuildError("the [project] version is not a version number", path=str(path),
                         fix='write it like version = "0.1.0"')
    return version


def assert_links_resolve(site: Path, soups=None) -> None:
    if broken := links.check_links(site, soups):
        raise LinkError(f"{len(broken)} broken link(s) in the built site, the first: {broken[0]}",
                        path=str(site / broken[0].page),
                        fix="a generated link or a template names a page or #anchor that does not exist; "
                            "docs/ and build/site/ are unchanged",
                        details="\n".join(f"  {b}" for b in broken[1:20]))


def copy_build_inputs(dest: Path, root: Path = ROOT) -> Path:
    """A buildable copy of the project in `dest` (tests and benchmarks build there, so the real
    docs/ and build/ are never touched)."""
    for name in BUILD_INPUTS:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def built_page(site: Path, md_path: str) -> Path:
    """The HTML file MkDocs writes for a docs/ page (mkdocs.yml: `use_directory_urls: false`)."""
    return site / (md_path.removesuffix(".md") + ".html")


def site_pages_in_order(edition: Edition, site: Path) -> list[Path]:
    return [built_page(site, chapter_path(edition, c)) for c in edition.report.chapters]


def verify_site(edition: Edition, site: Path, report: Reporter) -> audit_mod.AuditResult:
    """Every gate over a built site: the links, the markup, the fidelity audit. Each page is
    parsed once; the audit comes last, as it takes the edition's apparatus out of the trees."""
    soups = links.parse_pages(site)
    assert_links_resolve(site, soups)
    report("links: every internal link and anchor resolves")
    if problems := markup.check_markup(site, soups):
        raise UnsafeMarkup(f"{len(problems)} place(s) in the built site hold active content or lack the security "
                           f"policy: {problems[0]}", path=str(site / problems[0].page),
                           fix="source or editorial text reached a page unescaped, or a template changed; "
                               "docs/ and build/site/ are unchanged",
                           details="\n".join(f"  {p}" for p in problems[1:20]))
    report("markup: no script handlers, no script addresses, a security policy on every page")
    by_path = {site / name: soup for name, soup in soups.items()}
    result = audit_mod.audit(edition.report, site_pages_in_order(edition, site), by_path)
    for a in edition.articles:
        audit_mod.audit_plain(a.seed.text, a.meta.seed, built_page(site, article_path(a)), by_path)
    report(result.summary())
    return result


def build(root: Path = ROOT, report: Reporter | None = None, site: bool = True) -> Edition:
    """The whole build. `site=False` regenerates `docs/` only (the built site is kept as it is)."""
    report = report or Reporter()
    edition = load_edition(root)        # reads only: a bad input stops here, before anything is written
    report(f"pipeline: {len(edition.report.chapters)} chapters, {len(edition.report.blocks)} blocks, "
           f"{len(edition.report.footnotes)} footnotes")
    files = render_docs(edition)
    with staging.build_lock(root / "build", report):
        for name in staging.clean_leftovers(root):
            report(f"removed {name}, left by a build that did not finish")
        stage = staging.Stage(root)
        try:
            stage.write(files)
            if site:
                build_site(root, stage.docs, stage.site, epoch=source_date_epoch(root), version=project_version(root))
                verify_site(edition, stage.site, report)
            stage.commit(with_site=site)
        finally:
            stage.discard()
    report("docs/ written" + (" and build/site/ built" if site else ""))
    return edition


def source_date_epoch(root: Path) -> str:
    """The one date MkDocs writes (sitemap, the footer's "built"): the caller's
    SOURCE_DATE_EPOCH, else the last commit's time, so two builds of a commit agree; outside a
    git checkout, the report's date."""
    return os.environ.get("SOURCE_DATE_EPOCH") or commit_epoch(root) or "1423008000"


def check(root: Path = ROOT, report: Reporter | None = None) -> audit_mod.AuditResult:
    """The fidelity audit and the link and markup checks of the current `build/site/`
    (built first if absent)."""
    report = report or Reporter()
    site = root / "build" / "site"
    if not site.exists():
        build(root, report)
    return verify_site(load_edition(root), site, report)
