"""A Markdown extension: footnotes show the report's own numbers.

Python-Markdown's `footnotes` numbers a page's notes from 1. The report numbers its footnotes
1-17 through the whole text, and readers cite them by those numbers, so the reference marks and
the note list show the report's own numbers: the labels the serializer gives them (`[^6]` ->
id `fn:6`). A Markdown extension rather than a MkDocs hook, so that any builder that reads
`mkdocs.yml`'s `markdown_extensions` renders the same (mkdocs.yml names it by its module).
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

#: <a class="footnote-ref" href="#fn:6">1</a> -> its shown number
FOOTNOTE_REF = re.compile(r'(<a class="footnote-ref" href="#fn:(\d+)"[^>]*>)\d+(</a>)')
#: <li id="fn:6"> in the notes list -> give it value="6" so the list shows 6
FOOTNOTE_ITEM = re.compile(r'<li id="fn:(\d+)">')
#: the back link's title, "Jump back to footnote 1 in the text", names the per-page number
FOOTNOTE_BACKREF = re.compile(r'(<a class="footnote-backref" href="#fnref:(\d+)" title="[^"]*?footnote )\d+')


def show_report_footnote_numbers(html: str) -> str:
    html = FOOTNOTE_REF.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}", html)
    html = FOOTNOTE_BACKREF.sub(lambda m: f"{m.group(1)}{m.group(2)}", html)
    return FOOTNOTE_ITEM.sub(lambda m: f'<li id="fn:{m.group(1)}" value="{m.group(1)}">', html)


class ReportNumbers(Postprocessor):
    def run(self, text: str) -> str:
        return show_report_footnote_numbers(text)


class ReportFootnoteNumbers(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        # after every other postprocessor (the footnotes' own at 25, amp_substitute at 20)
        md.postprocessors.register(ReportNumbers(md), "report_footnote_numbers", 5)


def makeExtension(**kwargs) -> ReportFootnoteNumbers:  # noqa: N802 (Python-Markdown's entry point)
    return ReportFootnoteNumbers(**kwargs)
