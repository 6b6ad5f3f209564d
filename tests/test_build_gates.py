"""The build's gates, reading each built page once, stop a build as the gates on their own do.

The build reads each chapter's page once, right after MkDocs, for the search index, the
downloads and the gates, and the other pages once, at the end. A fault planted in a page just
after MkDocs (a broken link, an event handler, a changed word, an anchor whose words changed)
must stop the build with its gate's error; so must one planted after the chapters were read (in
a chapter, which the gates must then read again, and in the single file), and nothing of it may
reach docs/ or build/site/ (the other tests of a failed build, in test_stage.py and
test_bad_input.py, hold for these errors too)."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts import build as build_module
from scripts.build import Reporter, build
from scripts.errors import FidelityError, LinkError, ManifestError, UnsafeMarkup

from conftest import copy_project

CHAPTER = "report/an-unhealthy-culture.html"


def plant(site: Path, page: str, old: str, new: str) -> None:
    """Replace the first `old` in the page's content (after its <article>) by `new`."""
    paths = sorted(site.glob(page))
    assert paths, page
    path = paths[0]
    text = path.read_text(encoding="utf-8")
    start = text.index("<article")
    assert old in text[start:], (page, old)
    path.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")


CASES = {
    # planted right after MkDocs: read by the build's one reading of the chapters
    "broken link": ("MkDocs", CHAPTER, 'href="#fn:8"', 'href="#fn:99"', LinkError, "no id 'fn:99'"),
    "event handler": ("MkDocs", CHAPTER, '<p id="p-historically-the-political"',
                      '<p onclick="alert(1)" id="p-historically-the-political"', UnsafeMarkup, "onclick"),
    "changed word": ("MkDocs", "report/foreword.html", "Terrible things happened", "Terrible things truly happened",
                     FidelityError, "differs from the seed"),
    "anchor's words": ("MkDocs", "about.html", '<h2 id="editorial">Editorial decisions',
                       '<h2 id="editorial">Editorial choices', ManifestError, "would break"),
    # planted after the chapters were read: the gates read the changed page again
    "chapter changed after it was read": ("downloads", CHAPTER, '<p id="p-historically-the-political"',
                                          '<p onmouseover="alert(1)" id="p-historically-the-political"',
                                          UnsafeMarkup, "onmouseover"),
    "script in the single file": ("downloads", "downloads/*.html", "</section>",
                                  "<script>alert(1)</script></section>", UnsafeMarkup, "script"),
}


@pytest.mark.site
@pytest.mark.parametrize("case", list(CASES))
def test_a_fault_planted_in_the_built_site_stops_the_build(case, tmp_path, monkeypatch):
    when, page, old, new, error, words = CASES[case]
    root = copy_project(tmp_path / "edition")
    real_site, real_bundle = build_module.build_site, build_module.write_bundle

    def built_then_planted(root_, docs, site, **kwargs):
        real_site(root_, docs, site, **kwargs)
        if when == "MkDocs":
            plant(site, page, old, new)

    def planted_then_zipped(site, *args, **kwargs):
        if when == "downloads":
            plant(site, page, old, new)
        return real_bundle(site, *args, **kwargs)

    monkeypatch.setattr(build_module, "build_site", built_then_planted)
    monkeypatch.setattr(build_module, "write_bundle", planted_then_zipped)
    with pytest.raises(error) as e:
        build(root, Reporter(quiet=True))
    assert words in str(e.value)
    assert not (root / "build" / "site").exists(), "a stopped build publishes nothing"


@pytest.mark.site
def test_a_wrong_guess_of_a_pages_ids_makes_the_same_downloads_the_slow_way(site, tmp_path, monkeypatch):
    """The downloads name every id before any page is parsed, from each page's markup; a guess
    the parsed page contradicts is caught, and the downloads are made again from the pages."""
    from scripts.publish.single import guess_ids
    root = copy_project(tmp_path / "edition")
    wrong = []

    def guessed_wrong(text: str):
        ids = guess_ids(text)
        if ids and not wrong:
            wrong.append(ids.pop())                 # the first page's last id, missed
        return ids

    monkeypatch.setattr(build_module, "guess_ids", guessed_wrong)
    remade = []
    real = build_module.write_downloads
    monkeypatch.setattr(build_module, "write_downloads", lambda *a, **k: remade.append(1) or real(*a, **k))
    build(root, Reporter(quiet=True))
    assert wrong and remade == [1]
    downloads = sorted((site / "downloads").glob("*.[he]*"))        # the single file and the EPUB
    assert [p.suffix for p in downloads] == [".epub", ".html"]
    for made in downloads:
        assert (root / "build" / "site" / "downloads" / made.name).read_bytes() == made.read_bytes(), made.name
