"""Old page addresses that redirect: a chapter renamed on purpose keeps its old address.

For each `[[successors]]` entry that names a page (not an anchor) whose old address the new
site no longer has, a small page at the old address sends the reader on to the new one, with
the anchor they asked for (`assets/javascripts/redirect.js`; ids are kept, so `#p-…` lands on
the same words), on a static host and from `file://`. Without scripts it refreshes to the new
page, and it always shows a link to it. The page carries the site's own security policy.
"""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from ..errors import BuildError
from .stage import safe_path

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def redirect_page(old: str, new: str, title: str, policy: str, canonical: str) -> str:
    """The page at `old` that sends its reader to `new` (both paths in the site)."""
    rel = posixpath.relpath(new, posixpath.dirname(old) or ".")
    script = posixpath.relpath("assets/javascripts/redirect.js", posixpath.dirname(old) or ".")
    target = html.escape(rel, quote=True)
    return (
        "<!doctype html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta name="edition-redirect" content="{target}">\n'
        f"<title>Moved: {title}</title>\n"
        f'<link rel="canonical" href="{html.escape(canonical, quote=True)}">\n'
        f'<script src="{html.escape(script, quote=True)}"></script>\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        "</head>\n<body>\n"
        f'<main><p>This page of the edition has a new address: <a href="{target}">{title}</a>. '
        "Every link to a paragraph on it still lands on the same words there.</p></main>\n"
        "</body>\n</html>\n")


def write_redirects(site: Path, successors: list, site_url: str) -> list[str]:
    """A redirect at each old page address the site no longer has; the pages written."""
    index = (site / "index.html").read_text(encoding="utf-8")
    policy = POLICY.search(index)
    if policy is None:
        raise BuildError("the built home page has no Content-Security-Policy for the redirects to copy",
                         path="overrides/main.html", fix="restore the policy in the template's site_meta block")
    written = []
    for e in successors:
        if e.old_anchor or (site / e.old_page).exists():
            continue
        new_file = site / e.new_page
        if not new_file.is_file():
            continue      # the manifest check names the missing successor
        title = TITLE.search(new_file.read_text(encoding="utf-8"))
        out = safe_path(site, e.old_page)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(redirect_page(e.old_page, e.new_page, title.group(1) if title else html.escape(e.new_page),
                                     policy.group(1), site_url + e.new_page), encoding="utf-8")
        written.append(e.old_page)
    return written
