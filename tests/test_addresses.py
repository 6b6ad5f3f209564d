"""The guarantee, end to end: no published address breaks.

On a copy of the project, each change a later edition might make (a word corrected in a
paragraph, a paragraph split, two merged, one deleted, a chapter renamed) first stops the build
with the address, its old words and the fix; once recorded as a `[[successors]]` entry, the
build passes, and in Chromium (served and from file://) every old address lands on its words
or on its recorded successor.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.build import Reporter, build
from scripts.errors import ManifestError
from tests.conftest import copy_project, new_visit

PAGE = "report/treatment-of-victims.html"
VICTIMS = f"{PAGE}#p-victims-who-bravely-spoke-to"
THEIR = f"{PAGE}#p-their-experiences-of"
VICTIMS_LINE = "Victims who bravely spoke to Inspectors alerted us to the irrevocable harm that has \n"
THEIR_LINES = ("Their experiences of exploitation and abuse need to be seen in the context of their \n"
               "already troubled backgrounds. Many had suffered neglect and abuse within the \nhome. \n")
ADDICTION = "exploitative relationships as adults. Many suffered poor mental health and addiction.  \n"


def edit_seed(root: Path, old: str, new: str) -> None:
    """Change the report seed's text (once, exactly) and its metadata's checksum, size and lines."""
    seed = root / "seeds" / "casey-report.txt"
    text = seed.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    data = text.encode("utf-8")
    seed.write_bytes(data)
    meta = root / "seeds" / "casey-report.meta.toml"
    m = meta.read_text(encoding="utf-8")
    m = re.sub(r'(?m)^sha256 = ".*"$', f'sha256 = "{hashlib.sha256(data).hexdigest()}"', m)
    m = re.sub(r"(?m)^bytes = \d+$", f"bytes = {len(data)}", m)
    m = re.sub(r"(?m)^lines = \d+$", f"lines = {text.count(chr(10))}", m)
    meta.write_text(m, encoding="utf-8")


def record(root: Path, old: str, new: str, reason: str) -> None:
    path = root / "seeds" / "casey-report.editorial.toml"
    path.write_text(path.read_text(encoding="utf-8") + f'\n[[successors]]\nold = "{old}"\nnew = "{new}"\n'
                    f'reason = "{reason}"\n', encoding="utf-8")


@dataclass(frozen=True)
class Change:
    name: str
    edits: tuple[tuple[str, str], ...]
    #: the addresses the first build must name, with the start of their old words
    broken: tuple[tuple[str, str], ...]
    #: the successor entries that record it: (old, new)
    successors: tuple[tuple[str, str], ...]
    #: old address -> (the page it must land on, words the element it lands on holds)
    lands: tuple[tuple[str, str, str], ...]


CHANGES = [
    Change("edit a word", ((VICTIMS_LINE, VICTIMS_LINE.replace("irrevocable", "irreparable")),),
           broken=((VICTIMS, "Victims who bravely spoke"),),
           successors=((VICTIMS, VICTIMS),),
           lands=((VICTIMS, PAGE, "alerted us to the irreparable harm"),)),
    Change("split a paragraph", (("been caused. They still carry what happened to them and are still suffering trauma. \n",
                                  "been caused. They still carry what happened to them and are still suffering trauma. \n"
                                  " \n"),),
           broken=((VICTIMS, "Victims who bravely spoke"),),
           successors=((VICTIMS, VICTIMS),),
           lands=((VICTIMS, PAGE, "still suffering trauma."),)),
    # the paragraph break and the two trailing spaces that also mark the paragraph's end
    Change("merge two paragraphs", ((ADDICTION + " \n" + THEIR_LINES[:20], ADDICTION.replace(".  ", ". ") + THEIR_LINES[:20]),),
           broken=((VICTIMS, "Victims who bravely spoke"), (THEIR, "Their experiences of exploitation")),
           successors=((VICTIMS, VICTIMS), (THEIR, VICTIMS)),
           lands=((VICTIMS, PAGE, "Their experiences of exploitation"),
                  (THEIR, PAGE, "Their experiences of exploitation"))),
    Change("delete a paragraph", ((" \n" + THEIR_LINES, ""),),
           broken=((THEIR, "Their experiences of exploitation"),),
           successors=((THEIR, VICTIMS),),
           lands=((THEIR, PAGE, "Victims who bravely spoke"),)),
    Change("rename a chapter", (("\n TREATMENT OF VICTIMS \n", "\n THE TREATMENT OF VICTIMS \n"),),
           broken=((PAGE, "TREATMENT OF VICTIMS"),),
           successors=((PAGE, "report/the-treatment-of-victims.html"),),
           lands=((VICTIMS, "report/the-treatment-of-victims.html", "Victims who bravely spoke"),
                  (PAGE, "report/the-treatment-of-victims.html", "THE TREATMENT OF VICTIMS"))),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A copy of the project, built once: its manifest lists what it publishes."""
    root = copy_project(tmp_path_factory.mktemp("published"))
    build(root, Reporter(quiet=True))
    return root


@pytest.fixture(scope="module", params=CHANGES, ids=[c.name for c in CHANGES])
def changed(request, published, tmp_path_factory):
    """(change, project, the first build's error, what the second build said)."""
    change = request.param
    root = copy_project(tmp_path_factory.mktemp(change.name.replace(" ", "-")))
    (root / "published").mkdir(exist_ok=True)
    (root / "published" / "manifest.json").write_bytes((published / "published" / "manifest.json").read_bytes())
    for old, new in change.edits:
        edit_seed(root, old, new)
    with pytest.raises(ManifestError) as first:
        build(root, Reporter(quiet=True))
    site_before = sorted(p.name for p in (root / "build").iterdir()) if (root / "build").exists() else []
    for old, new in change.successors:
        record(root, old, new, f"{change.name}: recorded by the test")
    said = io.StringIO()
    build(root, Reporter(stream=said))
    return change, root, str(first.value), site_before, said.getvalue()


def test_the_change_first_stops_the_build_naming_each_address_and_its_old_words(changed):
    change, _root, error, _before, _said = changed
    for address, words in change.broken:
        assert f"{address}:" in error
        assert words in error
    assert "[[successors]]" in error and "fix:" in error and "to keep it:" in error


def test_once_recorded_the_build_passes_and_keeps_every_old_address(changed):
    change, root, _error, _before, said = changed
    assert "addresses: all " in said
    manifest = (root / "published" / "manifest.json").read_text(encoding="utf-8")
    for old, new in change.successors:
        page, _, anchor = old.partition("#")
        assert f'"{anchor}": ' in manifest
        if old != new:
            assert f'"successor": "{new}"' in manifest


def test_the_recorded_successors_are_counted_on_the_about_page(changed):
    change, root, *_ = changed
    about = (root / "build" / "site" / "about.html").read_text(encoding="utf-8")
    for old, _new in change.successors:
        assert old in about


@pytest.mark.parametrize("how", ["http", "file"])
def test_every_old_address_lands_on_its_words_in_chromium(changed, browser, how):
    import functools
    import http.server
    import threading

    from tests.conftest import QuietHandler
    change, root, *_ = changed
    site = root / "build" / "site"
    httpd = None
    if how == "http":
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_port}/"
    else:
        base = site.as_uri() + "/"
    try:
        context, visit = new_visit(browser, base, viewport={"width": 1280, "height": 900})
        for old, page, words in change.lands:
            visit.open(old)
            visit.page.wait_for_url(re.compile(re.escape(base + page)))
            anchor = old.partition("#")[2] or "top"
            # the element the old id names (an alias inside its successor, or the block itself)
            held = visit.page.evaluate("""(id) => { const el = document.getElementById(id);
                if (!el) return null;
                const block = el.closest('p, li, h1, h2, h3, div.block-anchor') || el;
                const r = block.getBoundingClientRect();
                return [block.textContent, r.top, window.innerHeight]; }""", anchor)
            assert held is not None, (old, visit.page.url)
            text, top, height = held
            assert words in " ".join(text.split()), (old, text[:120])
            assert 0 <= top < height, (old, top)          # in view: the browser went to it
        context.close()
        assert visit.errors == []
        assert visit.foreign_requests() == []
    finally:
        if httpd:
            httpd.shutdown()
            httpd.server_close()
