"""The About page: what the edition is and adds, how it was made (every pass, in order, with
what it did), what the fidelity audit leaves out and why, every editorial decision, and the
sources. Every number is the model's own: the record's, or the audit's (`Document.removed`)."""
from __future__ import annotations

from collections import Counter

from ...model import CITABLE_NAME, BlockKind, Edition, EditionText, LineKind, XRef
from .. import urls
from ..markdown import VERDICT_WORDS, escape_text, front_matter, html_text, marked
from . import Page, fill, how_many, joined
from .home import bracketed_labels, example_page

#: the audit's classes, in the order the table gives them, with the words it gives them in
REMOVED_ROWS = [
    ("printed page numbers", ("printed page numbers",)),
    ("footnote markers moved into note references", ("footnote markers moved into note references",)),
    ("footnote numbers shown as the note's label", ("footnote numbers shown as the note's label",)),
    ("list markers (bullets, dashes, numbers) rendered by the list",
     ("list markers rendered by the list (bullet)", "list markers rendered by the list (dash)",
      "list markers rendered by the list (number)")),
    ("glossary separators ( - ) rendered by the definition list",
     ("glossary separators ( - ) rendered by the definition list",)),
]


def short_title(title_inlines: list) -> str:
    """A chapter's title up to the edition's joiner ("Annex F" of "Annex F: Glossary")."""
    for i, x in enumerate(title_inlines):
        if isinstance(x, EditionText):
            return "".join(y for y in title_inlines[:i] if isinstance(y, str)).strip()
    return "".join(y if isinstance(y, str) else getattr(y, "text", "") for y in title_inlines).strip()


def page_numbers_text(edition: Edition) -> str:
    """How the printed page numbers are known, and which rest on an inference, with the evidence
    the text gives (or not) for it."""
    doc = edition.report
    marks = [p for c in doc.chapters for p, _ in c.page_starts()]
    kept = sorted(p.printed for p in marks if p.basis == "printed" and p.printed is not None)
    text = (f"The extract keeps the printed number of {how_many(len(kept), 'page', 'pages')} of its "
            f"{max(doc.printed_pages, default=0)} text pages (pages {joined([str(n) for n in kept])}); every other "
            "page's number is counted from those, a page at a time.")
    placed = [p for p in marks if p.basis == "placed" and not p.blank]
    blanks = [p for p in marks if p.blank]
    if not placed and not blanks:
        return text
    befores = [e for e in edition.editorial.of("untraced_pages")]
    first, last = min(p.printed for p in placed + blanks), max(p.printed for p in placed + blanks)
    ev = doc.page_evidence
    evidence = []
    if ev.get("self_references") == 0:
        evidence.append("its running text names none of its own pages (its footnotes cite only other "
                        "documents' pages)")
    if ev.get("chapter_start_parities") == 2:
        evidence.append("its chapters begin on odd and even pages alike, so no rule of the layout "
                        "(a chapter always on a right-hand page) says where a blank page must stand")
    text += (f"\n\nBetween two kept numbers, the count finds {how_many(len(blanks), 'page', 'pages')} of the PDF "
             "that left no text at all. "
             + " ".join(f"An editorial decision places it before {mark_words(edition, e.before)} "
                        f"(its reason: “{escape_text(e.reason)}”)." for e in befores)
             + f" The numbers from p. {first} to p. {last} rest on that placement: each is starred (\\*) where "
               "its mark stands, on the [Pages](pages.md) page and on the [References](references.md) page. "
               "Had the page stood elsewhere in the gap, the pages between there and its place here would "
               "each be one lower.")
    if evidence:
        text += ("\n\nNothing in the text settles the placement: " + joined(evidence) + ". It is the "
                 "likeliest place, not a proven one.")
    return text


def judgement_calls_text(edition: Edition) -> str:
    """Every paragraph boundary that rests on the spaces the extract left rather than on
    punctuation or line length, listed: where, what was decided, and why."""
    doc = edition.report
    calls = [d for d in doc.record.decisions if d.judgement]
    if not calls:
        return "No paragraph boundary rests on a judgement call."
    text_lines = [ln for ln in doc.lines if ln.kind is LineKind.TEXT]
    wraps = [a for a, b in zip(text_lines, text_lines[1:]) if b.text.lstrip()[:1].islower()]
    doubled = sum(len(a.raw) - len(a.raw.rstrip(" ")) >= 2 for a in wraps)
    rows = []
    for d in sorted(calls, key=lambda d: d.line):
        page = doc.printed_pages.get(doc.lines[d.line - 1].page)
        star = "\\*" if doc.page_basis.get(doc.lines[d.line - 1].page) == "placed" else ""
        decided, _, seam = d.what.partition(": ")
        decided = "one paragraph" if decided == "joined" else "new paragraph"
        rows.append(f"| p. {page}{star} | {d.line} | {escape_text(seam)} | {decided} | {escape_text(d.rule)} |")
    wraps_n, doubled_n = f"{len(wraps):,}", ("none ends" if doubled == 0 else how_many(doubled, "ends", "end"))
    return (f"Where a paragraph ends on a full line, or a page ends on a sentence, the extract shows no "
            f"paragraph break, and line length cannot tell. What settles it is the spaces the extract left "
            f"at the end of the line: one after a line that merely wrapped, two or more after a line the "
            f"author ended (of the report's {wraps_n} lines that wrap before a word in lower case, "
            f"{doubled_n} with two), and a line of spaces before a page's footnotes where its paragraph ended. These "
            f"{how_many(len(calls), 'place rests', 'places rest')} on that signal, and are the edition's "
            f"judgement calls:\n\n"
            "| Page | Seed line | Where (end of the line above / start of the next) | Decided | Why |\n"
            "| --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n\n" + weak_decisions_text(doc))


def weak_decisions_text(doc) -> str:
    """How many decisions rest on weak evidence, and where: the build lists them too."""
    weak = [d for d in doc.record.decisions if d.weak]
    if not weak:
        return "No decision of the pipeline rests on weak evidence."
    def page(line: int) -> str:
        ordinal = doc.lines[line - 1].page
        return f"p. {doc.printed_pages.get(ordinal)}" + ("\\*" if doc.page_basis.get(ordinal) == "placed" else "")
    places = ", ".join(f"{page(d.line)} (seed line {d.line})" for d in sorted(weak, key=lambda d: d.line))
    count = how_many(len(weak), "decision", "decisions")
    return (f"{count[0].upper()}{count[1:]} of the pipeline rest on weak evidence, where the "
            "words read as well the other way (most often a full line at a page's foot that ends a sentence, "
            f"whose paragraph may go on or end): {places}. Each build lists them (“unsure:”), so that "
            "whoever prepares an edition from another extraction can settle any that is wrong by naming the "
            "paragraph that begins "
            "(`[[paragraph_starts]]` in the editorial file).")


def mark_words(edition: Edition, text: str) -> str:
    return marked(text, edition.report.glossary)


def removed_count(edition: Edition, classes: tuple[str, ...]) -> int:
    return sum(edition.report.removed.get(c, 0) for c in classes)


def about_markdown(edition: Edition) -> str:
    doc = edition.report
    rec = doc.record
    m = edition.report_meta
    mark = lambda text: marked(text, doc.glossary)  # noqa: E731
    titles = [c.blocks[0] for c in doc.chapters]
    joined_titles = [b for b in titles if any(isinstance(x, EditionText) for x in b.inlines)]
    example = escape_text(short_title(joined_titles[0].inlines)) if joined_titles else ""
    joiner_note = (f' The colon that joins a title to its subtitle ("{example}: …") is also the edition\'s.'
                   if joined_titles else "")
    blanks = [p for c in doc.chapters for p, _ in c.page_starts() if p.blank]
    befores = [e.before for e in edition.editorial.of("untraced_pages")]
    if len(blanks) == 1 and befores:
        blank_pages = (f" One page of the PDF left no text in the extract: its mark (p. {blanks[0].printed}) stands "
                       f"before {mark(befores[0])}, where an editorial entry places it.")
    elif blanks:
        blank_pages = (f" {how_many(len(blanks), 'page', 'pages').capitalize()} of the PDF left no text in the "
                       "extract: their marks stand where editorial entries place them.")
    else:
        blank_pages = ""
    glossary_chapter = next((c for c in doc.chapters if any(b.kind is BlockKind.GLOSSARY for b in c.blocks)), None)
    xrefs = []
    families = set()
    for c in doc.chapters:
        for b in c.blocks:
            for x in b.inlines:
                family = getattr(x, "rule", "").split(":")[0]
                if isinstance(x, XRef) and family not in families and len(xrefs) < 2:
                    families.add(family)
                    xrefs.append(f'"{escape_text(x.text)}"')
    charts = "".join(f"\n- **A chart.** {mark(short_title(c.blocks[0].inlines))}'s table is also drawn as a bar chart, "
                     "after the table it is drawn from and labelled as the edition's before it is seen (the report's "
                     "words above the table speak of a chart of their own), with every value printed and listed in "
                     "its text alternative."
                     for c in doc.chapters for b in c.blocks if b.kind is BlockKind.TABLE and b.chart)
    notes = sorted(doc.footnotes)
    removed = "\n".join(f"| {label} | {removed_count(edition, classes)} |" for label, classes in REMOVED_ROWS)
    figures = "\n".join(f"| `{name}` | {escape_text(label)} | {n} |"
                        for name, counts in rec.counts.items() for label, n in counts.items())
    passes = "\n".join(f"{i}. `{name}`: {escape_text(why)}" for i, (name, why) in enumerate(rec.passes, 1))
    seeds = [(m, edition.report_seed)] + [(a.meta, a.seed) for a in edition.articles]
    seed_rows = "\n".join(f"| {escape_text(sm.seed)} | {escape_text(sm.source_file)} | `{s.sha256}` |"
                          for sm, s in seeds)
    # a kind breaks only after its underscores ("cross_<wbr>references"), never inside a word
    rows = "".join(f"<tr><td>{html_text(e.KIND).replace('_', '_<wbr>')}</td><td>{html_text(e.subject())}</td>"
                   f"<td>{html_text(e.reason)}</td></tr>" for e in edition.editorial)
    return (front_matter(title="About this edition",
                         description="How this edition was made from the PDF text, and every editorial act it records.")
            + fill("about.md", title=escape_text(m.title),
                   tables=how_many(rec.total("tables rebuilt"), "flattened table", "flattened tables"),
                   labels=joined([escape_text(label) for label in bracketed_labels(edition)]) or "none",
                   joiner_note=joiner_note, example_page=str(example_page(edition) or ""), blank_pages=blank_pages,
                   glossary_name=mark(short_title(glossary_chapter.blocks[0].inlines)) if glossary_chapter
                   else "none in this report",
                   note_numbers=f"{notes[0]}–{notes[-1]}" if notes else "none",
                   xref_examples=", ".join(xrefs) or "none in this report", charts=charts, passes=passes,
                   removed=removed, figures=figures, decisions=str(len(rec.decisions)),
                   entries=str(edition.editorial.applied_total()), editorial=html_text(m.editorial),
                   editorial_rows=rows, seed_rows=seed_rows, source=escape_text(m.source),
                   page_numbers=page_numbers_text(edition),
                   paragraph_boundaries=judgement_calls_text(edition), addresses=addresses_text(edition),
                   pdf_pages=str(max(doc.printed_pages, default=0)),
                   printed_kept=str(removed_count(edition, ("printed page numbers",))),
                   attribution=escape_text(m.attribution), press=press_text(edition)))


def press_text(edition: Edition) -> str:
    """Each article: its web furniture, line by line, what its quotations came to, and the
    decisions its editorial file records (an article needs none)."""
    if not edition.articles:
        return "The edition holds no press article."
    out = []
    for a in edition.articles:
        page = urls.article_page(a)
        blocks = a.doc.chapters[0].blocks
        furniture = [b for b in blocks if b.layer == "furniture"]
        verdicts = Counter(VERDICT_WORDS.get(str(q.verdict), str(q.verdict)) for q in a.quotations)
        out.append(f"**[{escape_text(a.doc.chapters[0].title)}]({page})** ({escape_text(a.meta.seed)}). "
                   + escape_text("The article's own text is shown as scraped; "
                                 f"{how_many(len(furniture), 'line', 'lines')} of the web page's furniture are set "
                                 "aside from it (shown, labelled, in the page as "
                                 "captured), and the scrape's damage is noted where it shows "
                                 f"({how_many(sum(1 for b in blocks if b.damage), 'place', 'places')}). "
                                 f"{how_many(len(a.quotations), 'quotation', 'quotations')} found: "
                                 + "; ".join(f"{k} {n}" for k, n in sorted(verdicts.items())) + ". ")
                   + f"[Every quotation, traced]({page}#quotations).")
        if furniture:
            out.append("| line | furniture | words as scraped |\n|---|---|---|\n" + "\n".join(
                f"| {b.source_lines[0]} | {escape_text(b.furniture)} | {escape_text(b.text)} |" for b in furniture))
        entries = list(a.editorial) if a.editorial is not None else []
        if entries:
            out.append(escape_text(f"Its editorial file, seeds/{a.meta.editorial}, records "
                                   f"{how_many(len(entries), 'decision', 'decisions')}, each applied:")
                       + "\n\n" + "\n".join(f"- `{e.KIND}`: {escape_text(e.subject())}. {escape_text(e.reason)}"
                                              for e in entries))
        else:
            out.append("It has no editorial file: the general rules settled everything.")
    return "\n\n".join(out)


def addresses_text(edition: Edition) -> str:
    """How a reader cites a place: the blocks' numbers and ids, and the promise on addresses."""
    doc = edition.report
    citable = [(c, b) for c in doc.chapters for b in c.blocks if b.locator]
    if not citable:
        return "This edition numbers no paragraphs."
    c, b = next(((c, b) for c, b in citable if c.number > 1), citable[0])
    example = f"{urls.html_path(urls.chapter_page(edition, c))}#{b.anchor}"
    kinds = Counter(CITABLE_NAME[b.kind] for _, b in citable)
    counts = joined([f"{n} {k}{'s' if n != 1 else ''}" for k, n in kinds.most_common()])
    return (f"Every paragraph, list item, quotation and table of the report has a number in the margin, "
            f"¶ {b.locator} for example: the chapter's place in the report (1 is "
            f"{escape_text(doc.chapters[0].title)}, {len(doc.chapters)} the last), then the block's place in "
            f"the chapter. The numbering is this edition's, not the report's, which numbers none of its "
            f"paragraphs. In all {len(citable)} blocks are numbered: {counts}.\n\n"
            f"Each has an address too: its chapter's, then `#p-` and its first words (<code>{html_text(example)}"
            "</code>). It comes from the block's words alone, never from the lines or pages of the extract, so "
            "the same paragraph has the same address however the PDF's text is extracted (the tests prove it "
            "on re-extractions at other line widths and page breaks), and a paragraph added or removed "
            "elsewhere moves no other's. The number in the margin copies the address; the citation it offers "
            "names the printed page or pages the block stands on (starred where a page number is inferred).\n\n"
            "No address this edition has published ever stops working. Every page's address and every anchor "
            "on it is listed, with a fingerprint of the words it points at, in the project's "
            "`published/manifest.json`; each build compares the new edition with that list and stops if an "
            "address would vanish or point at other words, unless the change is recorded on purpose as an "
            "editorial decision (`[[successors]]`: its reason, and the address that now holds the words). "
            "Then the old address still works: an old anchor stands beside its successor's words, an old page "
            f"leads on to its new address, online and offline. {successors_text(edition)}")


def successors_text(edition: Edition) -> str:
    entries = list(edition.editorial.of("successors"))
    if not entries:
        return "No published address has changed so far."
    return (f"{how_many(len(entries), 'address has', 'addresses have').capitalize()} changed so far, each listed "
            "with its reason under Editorial decisions below.")


def pages(edition: Edition) -> list[Page]:
    return [Page(urls.ABOUT, about_markdown(edition), nav_title="About this edition")]
