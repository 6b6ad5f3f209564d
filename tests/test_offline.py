"""The offline edition: the whole site as one reproducible zip, unzipped and opened from file://
in Chromium with every request recorded: search, a footnote, a tooltip, copy-link and a
citation work, and nothing is asked of anything outside the bundle."""
from __future__ import annotations

import urllib.parse
import zipfile

import pytest

from scripts.publish.bundle import Packed, PackStore, human_size, packed, write_zip, zip_tree
from scripts.site import urls
from tests.conftest import new_visit


def zipfile_writes(path, entries, stamp) -> bytes:
    """What the standard library's zipfile writes for the entries (the offline zip's old writer)."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)
    return path.read_bytes()


def test_the_zip_writer_writes_what_zipfile_writes(tmp_path):
    entries = [("casey/index.html", b"<p>" + b"words " * 5000 + b"</p>"), ("casey/empty.txt", b""),
               ("casey/caf\u00e9/\u00fcber.html", "é".encode() * 300), ("casey/random.bin", bytes(range(256)) * 40)]
    stamp = (2026, 12, 1, 0, 0, 0)
    files = []
    for i, (_name, data) in enumerate(entries):
        files.append(tmp_path / f"f{i}")
        files[-1].write_bytes(data)
    write_zip(tmp_path / "ours.zip", [(name, packed(f)) for (name, _), f in zip(entries, files)], stamp)
    assert (tmp_path / "ours.zip").read_bytes() == zipfile_writes(tmp_path / "theirs.zip", entries, stamp)
    with zipfile.ZipFile(tmp_path / "ours.zip") as z:
        assert z.testzip() is None and [z.read(n) for n, _ in entries] == [d for _, d in entries]


def test_a_second_zip_deflates_only_the_files_that_changed(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("<p>size: 1 KB</p>", encoding="utf-8")
    (site / "a" / "b.js").write_text("x" * 9000, encoding="utf-8")
    cache: dict[str, Packed] = {}
    zip_tree(site, tmp_path / "1.zip", "f", "2026-12-01", cache)
    kept = dict(cache)
    (site / "index.html").write_text("<p>size: 2 KB</p>", encoding="utf-8")
    zip_tree(site, tmp_path / "2.zip", "f", "2026-12-01", cache)
    assert cache["a/b.js"] is kept["a/b.js"] and cache["index.html"] is not kept["index.html"]
    fresh = zip_tree(site, tmp_path / "3.zip", "f", "2026-12-01")
    assert (tmp_path / "2.zip").read_bytes() == (tmp_path / "3.zip").read_bytes() and fresh > 0


def test_deflated_files_kept_between_builds_give_the_same_zip_and_bad_ones_are_not_used(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("<p>size: 1 KB</p>", encoding="utf-8")
    (site / "a" / "b.js").write_text("x" * 9000, encoding="utf-8")
    store = PackStore(tmp_path / "store")
    zip_tree(site, tmp_path / "fresh.zip", "f", "2026-12-01")
    zip_tree(site, tmp_path / "1.zip", "f", "2026-12-01", store=store)
    kept = sorted(store.folder.iterdir())
    assert len(kept) == 2
    kept[0].write_bytes(kept[0].read_bytes()[:-3])         # a damaged entry: deflated again
    zip_tree(site, tmp_path / "2.zip", "f", "2026-12-01", store=store)
    fresh = (tmp_path / "fresh.zip").read_bytes()
    assert (tmp_path / "1.zip").read_bytes() == fresh and (tmp_path / "2.zip").read_bytes() == fresh
    store.keep_only(set())
    assert not list(store.folder.iterdir())


@pytest.fixture(scope="module")
def bundle(built):
    root, edition = built
    path = root / "build" / urls.bundle_path(edition).rsplit("/", 1)[-1]
    return root, edition, path


@pytest.fixture(scope="module")
def unzipped(bundle, tmp_path_factory):
    _root, _edition, path = bundle
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(path) as z:
        z.extractall(dest)
    (folder,) = list(dest.iterdir())
    return folder


def test_the_zip_is_named_for_the_document_and_the_date_and_holds_the_whole_site(bundle, site):
    root, edition, path = bundle
    assert path.name == f"casey-report-{edition.released}.zip"
    assert (site / urls.bundle_path(edition)).read_bytes() == path.read_bytes()
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        infos = z.infolist()
    folder = path.stem
    want = sorted(f"{folder}/{p.relative_to(site).as_posix()}" for p in site.rglob("*")
                  if p.is_file() and p.suffix != ".zip")
    assert names == want                                   # every file, in order, nothing else (not itself)
    assert f"{folder}/{urls.single_file_path(edition)}" in names and f"{folder}/{urls.epub_path(edition)}" in names
    assert {i.date_time[:3] for i in infos} == {tuple(int(x) for x in edition.released.split("-"))}
    assert f"{folder}/index.html" in names and f"{folder}/search/search_index.js" in names


def test_the_home_page_links_to_the_zip_with_its_size(bundle, site):
    from bs4 import BeautifulSoup
    _root, edition, path = bundle
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one(f'a[href="{urls.bundle_path(edition)}"]')
    assert link is not None and link.has_attr("download")
    size = soup.select_one(f'span.download-size[data-download="{path.name}"]').get_text()
    assert size == human_size(path.stat().st_size)
    # the home page inside the zip says the same
    with zipfile.ZipFile(path) as z:
        inner = z.read(f"{path.stem}/index.html").decode("utf-8")
    assert f">{size}</span>" in inner


def test_the_unzipped_home_pages_other_editions_are_in_the_bundle(unzipped, edition):
    """Offline, the single file and the EPUB are where the home page's links say (only the zip
    itself, which cannot hold itself, is a link that needs the site)."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup((unzipped / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("a[download]")]
    assert sorted(links) == sorted([urls.bundle_path(edition), urls.single_file_path(edition), urls.epub_path(edition)])
    for href in links:
        assert (unzipped / href).is_file() == (not href.endswith(".zip")), href


def test_the_unzipped_site_works_from_file_with_no_request_outside_it(browser, unzipped, edition):
    base = unzipped.as_uri() + "/"
    context, visit = new_visit(browser, base, viewport={"width": 1280, "height": 900},
                               permissions=["clipboard-read", "clipboard-write"])
    page = visit.page
    try:
        # search, offline: results, and a result opens its page
        visit.open("index.html")
        page.keyboard.press("s")
        page.locator("input.md-search__input").press_sequentially("Risky Business", delay=10)
        result = page.locator("li.md-search-result__item a").first
        result.wait_for(state="visible")
        result.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(base) and "Risky Business" in page.locator("article").inner_text()
        # a footnote popover and an abbreviation's tooltip
        visit.open("report/an-unhealthy-culture.html")
        page.locator("a.footnote-ref").first.hover()
        page.locator(".md-tooltip2--active").wait_for(state="visible")
        page.keyboard.press("Escape")
        page.locator("article abbr[title]").first.hover()
        page.locator("#edition-tooltip").wait_for(state="visible")
        # copy-link and a citation
        c = next(c for c in edition.report.chapters if c.title == "AN UNHEALTHY CULTURE")
        b = next(b for b in c.blocks if b.locator)
        page.locator(f'a.block-number[href="#{b.anchor}"]').click()
        page.wait_for_function("() => navigator.clipboard.readText().then(t => t.includes('#'))")
        assert page.evaluate("navigator.clipboard.readText()") == \
            f"{edition.site_url}{urls.html_path(urls.chapter_page(edition, c))}#{b.anchor}"
        page.locator(".cite-panel").get_by_role("button", name="RIS").click()
        page.wait_for_function("() => navigator.clipboard.readText().then(t => t.startsWith('TY  - RPRT'))")
    finally:
        context.close()
    outside = [u for u in visit.requests
               if not urllib.parse.unquote(u).startswith(urllib.parse.unquote(base)) and not u.startswith(("data:",
                                                                                                           "blob:"))]
    assert outside == []
    assert visit.errors == []
