"""The annotators: what the edition adds to the report, once its chapters exist.

Each adds to the model without changing a source word: the printed page of every page start,
links for the report's references to its own parts, the glossary and every use of its terms,
the documents the report cites, and the id of everything a page can be linked by. They never
import a cleaning pass, nor a pass them: the pipeline runs all of `clean` first.
"""
from __future__ import annotations

from ..registry import Pass
from . import anchors, glossary, pages, references, xrefs

ANNOTATORS: list[Pass] = [
    Pass("place_untraced_pages", pages.place_untraced_pages,
         "the PDF pages that left no text, placed by the editorial file, before page numbers are known"),
    Pass("label_page_starts", pages.label_page_starts_step,
         "printed page numbers and ids on the page starts, once the untraced pages are placed"),
    Pass("placement_evidence", pages.placement_evidence,
         "what the text says of where its blank pages stand (its own page references, chapter starts)"),
    Pass("link_cross_references", xrefs.link_cross_references_step,
         "the report's references to its own parts become links, once chapters exist"),
    Pass("check_reference_directions", xrefs.check_reference_directions,
         "a reference that says “later” leads forward, one that says “as outlined” back"),
    Pass("collect_glossary", glossary.collect_glossary_step,
         "the report's glossary as data, and the edition's own terms, checked against the text"),
    Pass("find_citations", references.find_citations_step,
         "the documents the report cites (those that name themselves by rule, others by editorial entry) "
         "and where; Ibid. resolved"),
    Pass("mark_term_uses", glossary.mark_term_uses,
         "every use of a glossary term marked, the first on each page linked, in the order the page shows them"),
    Pass("check_every_abbreviation", glossary.check_every_abbreviation,
         "every capitalised word no term marked is one the editorial file leaves alone on purpose"),
    Pass("assign_anchors", anchors.assign_anchors,
         "the ids of chapters, headings, charts and notes, last, when every block has its final kind"),
]

ARTICLE_ANNOTATORS: list[Pass] = [
    Pass("mark_term_uses", glossary.mark_term_uses, "the report's abbreviations marked where the article uses them"),
    Pass("assign_anchors", anchors.assign_anchors, "the page's ids"),
]
