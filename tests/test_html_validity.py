"""Valid HTML: the Nu HTML Checker (vnu-jar from npm, pinned in package.json) on every page.

One Java process checks the whole site. Errors and warnings both fail, except the messages in
MATERIAL_MESSAGES, each Material's own markup and harmless, with the reason beside it.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: (message pattern, the markup it is about, why it is left) — nothing of the edition's own
MATERIAL_MESSAGES = [
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
     '<input class="md-toggle" type="checkbox" autocomplete="off">',
     "Material's drawer and search toggles are checkboxes; autocomplete=off stops Firefox from "
     "restoring a stale open/closed state on Back. Browsers ignore the attribute otherwise."),
]


#: The checker also applies each page's Content-Security-Policy, as "info" warnings. Reading
#: files from disk it has no origin, so no address can match 'self', and it takes Material's
#: JSON configuration block (`<script type="application/json">`, never run) and the page's
#: schema.org data (`<script type="application/ld+json">`, never run) for inline scripts. Only
#: those shapes are left, and each is checked to be exactly that: the address of a file the site
#: holds, or the line of a JSON block. Chromium enforces the policy
#: for real in the browser tests (no violation on any page, served or from file://).
CSP_RESOURCE = re.compile(r"^Resource violates Content Security Policy \(meta tag\): external (?:stylesheet|script) "
                          r"“([^”]+)” blocked by “(?:style|script)-src” directive\.$")
CSP_INLINE = re.compile(r"^Inline script violates Content Security Policy \(meta tag\)")


def csp_artefact(message: dict, site: Path) -> bool:
    """Is this one of the checker's two CSP artefacts described above?"""
    text = message.get("message", "")
    page = Path(message.get("url", "").removeprefix("file:"))
    if m := CSP_RESOURCE.match(text):
        ref = m.group(1)
        # the 404 page, served at any address, names its files from the site's root
        target = site / ref.lstrip("/") if ref.startswith("/") and not ref.startswith("//") else page.parent / ref
        return "://" not in ref and not ref.startswith("//") and target.resolve().is_file()
    if CSP_INLINE.match(text) and page.is_file():
        line = page.read_text(encoding="utf-8").splitlines()[message.get("lastLine", 0) - 1]
        return ('<script id="__config" type="application/json">' in line
                or line.lstrip().startswith('<script type="application/ld+json">{"@context": "https://schema.org"'))
    return False


def run_vnu(paths: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing: the HTML checker needs it. Fix: run `make test` "
                    "(it installs default-jre-headless).", pytrace=False)
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing. Fix: run `make test` (it runs `npm ci`).", pytrace=False)
    proc = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--exit-zero-always",
                           *map(str, paths)], capture_output=True, text=True, timeout=300)
    return json.loads(proc.stderr)["messages"]


def material_reason(message: dict) -> str | None:
    for pattern, _markup, reason in MATERIAL_MESSAGES:
        if pattern.search(message.get("message", "")):
            return reason
    return None


def problems(messages: list[dict], site: Path | None = None) -> list[str]:
    """Errors and warnings (not the checker's "info" notes) that are not Material's listed ones
    nor the checker's CSP artefacts."""
    return [f"{m.get('url', '?').rsplit('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
            for m in messages
            if (m["type"] == "error" or m.get("subType") == "warning") and not material_reason(m)
            and not (site is not None and csp_artefact(m, site))]


def test_every_page_is_valid_html(site, edition):
    from conftest import expected_page_count
    # the site's pages (the single-file edition, a document of its own, in test_single_file.py)
    pages = sorted(p for p in site.rglob("*.html") if "assets" not in p.parts and "downloads" not in p.parts)
    assert len(pages) == expected_page_count(edition) + 1       # and the 404 page
    messages = run_vnu(pages)
    assert problems(messages, site) == []
    # the filters are not hiding more than they say: only Material's two toggles on each page,
    # and at most one CSP artefact for each script and stylesheet a page loads, and its JSON block
    filtered = [m for m in messages if material_reason(m)]
    assert len(filtered) == 2 * len(pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        loads = (html.count("<script defer src=") + html.count('<link rel="stylesheet"') + 1
                 + html.count('<script type="application/ld+json">'))
        artefacts = [m for m in messages if m.get("url", "").endswith(page.as_posix()) and csp_artefact(m, site)]
        assert 0 < len(artefacts) <= loads, page


@pytest.mark.tools
def test_the_checker_reports_invalid_markup(tmp_path):
    """The gate can fail: an unescaped quote in an attribute (the bug it found in Material's
    meta description) and a duplicate id are reported; Material's toggles are not."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>t</title>'
                   '<meta name="description" content="He said "no" to it"></head><body>'
                   '<input type="checkbox" autocomplete="off"><p id="a">x</p><p id="a">y</p></body></html>',
                   encoding="utf-8")
    found = problems(run_vnu([bad]))
    assert any("Duplicate ID" in p for p in found)
    assert any("not allowed on element “meta”" in p for p in found)
    assert not any("autocomplete" in p for p in found)
