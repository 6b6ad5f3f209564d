"""The cleaning passes: each repairs one defect that extraction left in the text.

`REPORT_PASSES` is the report's pipeline, in order, each pass with the reason it stands where
it does; `ARTICLE_PASSES` an article's. None of them changes, drops or reorders a word: they
label furniture, move footnote markers into note references, join lines and give blocks their
kinds. They run before any annotator (`annotate`), which adds to what they made.

Why this order: layout must be known before anything else (page starts, footnote areas and
page numbers are recognised by position); footnote texts are collected before markers are
looked for, because a marker is found through its note's number and page; markers leave the
running text before lines are joined, so a joined line can never fuse a marker to the next
word; blocks are formed before they are given a kind; glossary entries are grouped before
headings are looked for, so a short "TERM - Expansion" line is never a heading; lists and
quotations are marked after headings, which must not be list items or quotations; chapters are
cut last, at the level-1 headings.
"""
from __future__ import annotations

from ..registry import Pass, over_blocks
from . import article, chapters, footnotes, furniture, kinds, layout, paragraphs

REPORT_PASSES: list[Pass] = [
    Pass("classify_lines", layout.classify_lines_step,
         "labels page starts, page-number blocks, footnote rules and bodies"),
    Pass("collect_footnote_bodies", footnotes.collect_footnote_bodies_step,
         "footnote texts, numbered, before markers are searched"),
    Pass("detach_footnote_markers", footnotes.detach_footnote_markers_step,
         "markers leave the text before lines are joined"),
    Pass("build_raw_blocks", paragraphs.build_raw_blocks_step, "paragraph, page-break and empty-line decisions"),
    Pass("to_blocks", paragraphs.to_blocks_step, "lines joined; compound hyphens kept; tables rebuilt"),
    Pass("group_glossary_entries", over_blocks(kinds.group_glossary_entries), "TERM - Expansion runs, before headings"),
    Pass("detect_headings", kinds.detect_headings_step, "chapter titles, annex titles and subheadings"),
    Pass("mark_list_items", over_blocks(kinds.mark_list_items), "bullets, dash items (nested) and numbered items"),
    Pass("join_item_paragraphs", over_blocks(kinds.join_item_paragraphs),
         "a list item's further paragraph, between two items of its list"),
    Pass("nest_items_after_a_colon", over_blocks(kinds.nest_items_after_a_colon),
         "the items an item ending with a colon opens, when they end the list"),
    Pass("split_quotation_attributions", kinds.split_quotation_attributions_step,
         "quotations and their attributions"),
    Pass("join_quotation_continuations", over_blocks(kinds.join_quotation_continuations),
         "a quotation's second paragraph, closed by the quotation's mark"),
    Pass("set_apart_run_in_attributions", over_blocks(kinds.set_apart_run_in_attributions),
         "who said a quotation run into narrative"),
    Pass("split_into_chapters", chapters.split_into_chapters_step, "one chapter per level-1 heading"),
]

ARTICLE_PASSES: list[Pass] = [
    Pass("split_article_lines", article.split_article_lines,
         "the headline, then one paragraph for each line the scrape kept"),
    Pass("label_repeated_captions", furniture.label_repeated_captions,
         "a photo's caption, scraped twice, before any other rule reads its short lines"),
    Pass("label_prompts", furniture.label_prompts, "the page's calls to action (\"Have your say\")"),
    Pass("label_other_stories", furniture.label_other_stories,
         "the site's other stories, from their heading to the end, before headline runs are looked for"),
    Pass("label_named_furniture", furniture.label_named_furniture,
         "whole lines the editorial file names as furniture, where no rule sees them"),
    Pass("label_headline_runs", furniture.label_headline_runs,
         "blocks of related headlines between the paragraphs, once captions and prompts are known"),
    Pass("split_glued_headlines", furniture.split_glued_headlines,
         "a headline glued onto a key point split off, once the page's headlines are known"),
    Pass("mark_key_points", furniture.mark_key_points, "the key points (\"*…\") as a list, once split"),
    Pass("note_scrape_damage", furniture.note_scrape_damage,
         "sentences the scrape cut off and lists it lost, among the article's own paragraphs"),
    Pass("make_article_chapter", furniture.make_article_chapter, "the article as one chapter, furniture kept in it"),
]
