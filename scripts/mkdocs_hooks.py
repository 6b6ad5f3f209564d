"""MkDocs hooks: the little that must run inside the build.

Footnote numbers. `footnotes` numbers notes per page from 1. The report numbers its footnotes
1-17 through the whole text, and readers cite them by those numbers, so the reference marks and
the note list show the report's own numbers (the labels we give them, `[^6]` -> id `fn:6`).

The search polyfill. Material's offline plugin makes search work from file:// with the
iframe-worker shim, which it would load from unpkg.com; the site must not ask another host for
anything, so mkdocs.yml names a local copy and `on_post_build` copies it from the npm package
that `make` installs (package.json pins it). It is not committed: it comes from the registry.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

#: where the polyfill comes from (node_modules beside mkdocs.yml) and where the site expects it
SHIM_SOURCE = Path("node_modules", "iframe-worker", "shim", "index.js")
SHIM_TARGET = Path("assets", "javascripts", "iframe-worker-shim.js")

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


def copy_search_polyfill(config_dir: Path, site_dir: Path) -> None:
    source = config_dir / SHIM_SOURCE
    if not source.is_file():
        raise PluginError(
            f"{source}: missing, and search needs it to work from file://. "
            "Fix: run `make site` (it runs `npm ci`), or `npm ci` in the project folder.")
    target = site_dir / SHIM_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def on_post_build(config) -> None:
    copy_search_polyfill(Path(os.path.dirname(config.config_file_path)), Path(config.site_dir))
