"""The single-file edition: the whole report in one HTML file with the site's paragraph and page
ids, no script and no reference outside itself; it passes the gold sample on its own."""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from scripts.publish.bundle import human_size
from scripts.site import urls
from tests.conftest import SHARED


@pytest.fixture(scope="module")
def single(site, edition):
    path = site / urls.single_file_path(edition)
    return path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_it_has_every_paragraph_page_and_note_under_the_sites_ids(single, edition):
    _path, soup = single
    ids = Counter(el["id"] for el in soup.find_all(id=True))
    assert [k for k, n in ids.items() if n > 1] == []
    for c in edition.report.chapters:
        assert f"chapter-{c.number}" in ids, c.title               # the chapter's title
        for b in c.blocks:
            if b.locator:
                assert b.anchor in ids, b.anchor                   # the site's own id
        for p, _ in c.page_starts():
            assert p.anchor in ids
    assert all(f"fn:{n}" in ids for n in edition.report.footnotes)
    assert all(e.anchor in ids for e in edition.report.glossary)   # the Glossary, at the end


def test_its_chapters_are_in_order_and_its_links_stay_inside_it(single, edition):
    _path, soup = single
    order = [s["aria-labelledby"] for s in soup.select("section.chapter")]
    assert order == [f"chapter-{c.number}" for c in edition.report.chapters] + ["glossary"]
    ids = {el["id"] for el in soup.find_all(id=True)}
    for a in soup.find_all("a", href=True):
        href = a["href"]
        assert href.startswith(("#", "https://", "mailto:")), href
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_it_needs_nothing_else_and_runs_nothing(single):
    path, soup = single
    assert soup.find("script") is None and len(soup.find_all("style")) == 1
    assert not [el for el in soup.find_all(src=True)]
    assert not [el for el in soup.find_all("link")]
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "url(" not in "".join(s.get_text() for s in soup.find_all("style")).replace("url(\"data:", "").replace(
        "url('data:", "").replace("url(data:", "")


def test_the_home_page_links_to_it_with_its_size(single, site, edition):
    path, _soup = single
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one(f'a[href="{urls.single_file_path(edition)}"]') is not None
    size = home.select_one(f'span.download-size[data-download="{path.name}"]').get_text()
    assert size == human_size(path.stat().st_size)


def test_it_passes_the_gold_sample_on_its_own(single, tmp_path):
    path, _soup = single
    shutil.copyfile(path, tmp_path / "index.html")
    done = subprocess.run([sys.executable, str(SHARED / "gold" / "check_gold.py"), str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:]
    assert ", 0 failed" in done.stdout


def test_axe_finds_no_violation_in_it(browser, single):
    from tests.test_accessibility import AXE, AXE_TAGS, RUN_AXE
    path, _soup = single
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    # by the debugging protocol, which the file's policy (no script) does not govern
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    context.close()
    assert violations == []


def test_it_reads_with_scripts_off_and_asks_for_nothing(browser, single):
    path, _soup = single
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri() + "#p-victims-who-bravely-spoke-to")
    page.wait_for_load_state("load")
    top = page.evaluate("document.getElementById('p-victims-who-bravely-spoke-to').getBoundingClientRect().top")
    number = page.locator('#p-victims-who-bravely-spoke-to a.block-number').bounding_box()
    text = page.locator("#p-victims-who-bravely-spoke-to").bounding_box()
    context.close()
    assert requests == [path.as_uri() + "#p-victims-who-bravely-spoke-to"] or requests == [path.as_uri()]
    assert 0 <= top < 900
    assert number["x"] + number["width"] <= text["x"] + 1           # the number in the margin
