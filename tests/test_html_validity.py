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


def problems(messages: list[dict]) -> list[str]:
    """Errors and warnings (not the checker's "info" notes) that are not Material's listed ones."""
    return [f"{m.get('url', '?').rsplit('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
            for m in messages
            if (m["type"] == "error" or m.get("subType") == "warning") and not material_reason(m)]


def test_every_page_is_valid_html(site, edition):
    from conftest import expected_page_count
    pages = sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)
    assert len(pages) == expected_page_count(edition) + 1       # and the 404 page
    messages = run_vnu(pages)
    assert problems(messages) == []
    # the filter is not hiding more than it says: only Material's two toggles, on each page
    filtered = [m for m in messages if material_reason(m)]
    assert len(filtered) == 2 * len(pages)


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
