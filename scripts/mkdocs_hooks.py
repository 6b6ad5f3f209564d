"""MkDocs hooks: the little that must run inside the build.

Footnote numbers. `footnotes` numbers notes per page from 1. The report numbers its footnotes
1-17 through the whole text, and readers cite them by those numbers, so the reference marks and
the note list show the report's own numbers (the labels we give them, `[^6]` -> id `fn:6`).
"""
from __future__ import annotations

import re

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


def on_page_content(html: str, page, config, files) -> str:  # noqa: ARG001 (MkDocs hook signature)
    return show_report_footnote_numbers(html)
