"""The build: seeds to the model, the model to Markdown in `docs/`, MkDocs to `build/site/`.

Everything is written to a staging folder first; `docs/` and `build/site/` are replaced together,
in one step, only when the whole build (pipeline, MkDocs in strict mode, links, markup,
fidelity audit) has succeeded, so a failed or killed build leaves both as they were (see
`publish.stage`). An orchestrator only: each step lives in its own module.
"""
from __future__ import annotations

import datetime
import gc
import html
import os
import shutil
from pathlib import Path

from .model import Edition
from .pipeline import load_edition
from .publish import stage as staging
from .publish.assets import minify_own_scripts, one_stylesheet
from .publish.books import Books
from .publish.bundle import write_bundle, write_size
from .publish.epub import BookMeta, BookPage, PageMark, write_epub
from .publish.mkdocs import build_site
from .publish.redirects import write_redirects
from .publish.search import BlockIndex
from .publish.single import book_names, guess_ids, page_ids, write_single
from .report import Reporter
from .site.epub import epub_front, epub_marks, epub_meta, epub_pages
from .site.pages import long_date, render_docs
from .site.single import single_front, single_pages
from .site.urls import bundle_path, chapter_page, epub_path, html_path, single_file_path
from .timings import Timer
from .verify import manifest
from .verify.audit import AuditResult
from .verify.site import SiteGates, read_html, verify_site

ROOT = Path(__file__).resolve().parent.parent
#: the build's stages, in the order its report and its timings list them (`timings`)
STAGES = ("pipeline", "rendering", "MkDocs", "redirects", "assets", "parse", "search index", "single file", "EPUB",
          "zip", "link check", "markup", "audit", "manifest", "swap")
#: where the offline zip's deflated files are kept between builds (`bundle.PackStore`)
ZIP_CACHE = Path("build") / "zip-cache"
#: what a build reads from the project: copied by copy_build_inputs into another folder
BUILD_INPUTS = ("scripts", "seeds", "mkdocs.yml", "overrides", "pyproject.toml", "published")


def source_date_epoch(edition: Edition) -> str:
    """The one date MkDocs writes (the sitemap's): the caller's SOURCE_DATE_EPOCH, else the
    edition's release date, the same in a clone and in a tarball of the same sources."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    day = datetime.date.fromisoformat(edition.released)
    return str(int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp()))


def build(root: Path = ROOT, report: Reporter | None = None, site: bool = True, timer: Timer | None = None) -> Edition:
    """The whole build. `site=False` regenerates `docs/` only (the built site is kept as it is).
    Each stage is timed in `timer` (see `timings`); the report ends with their times.

    The model the pipeline makes lives to the end of the build, and is never garbage: it is
    frozen out of the cyclic garbage collector's reach (`gc.freeze`) for the rest of the build,
    which otherwise walks every one of its objects at each full collection, a cost that grows with
    the report times the collections the later stages make (the trees of the pages). Thawed when
    the build ends, so a process that builds again lets the old model go."""
    report = report or Reporter()
    timer = timer or Timer(order=STAGES)
    with timer.stage("pipeline"):
        edition = load_edition(root)        # reads only: a bad input stops here, before anything is written
        gc.collect()                        # the pipeline's own garbage first: frozen objects are never collected
    gc.freeze()
    try:
        return _build(edition, root, report, site, timer)
    finally:
        gc.unfreeze()


def _build(edition: Edition, root: Path, report: Reporter, site: bool, timer: Timer) -> Edition:
    report(f"pipeline: {len(edition.report.chapters)} chapters, {len(edition.report.blocks)} blocks, "
           f"{len(edition.report.footnotes)} footnotes")
    unsure = [d for d in edition.report.record.decisions if d.weak]
    if unsure:
        report(f"unsure: {len(unsure)} decisions rest on weak evidence (the About page lists them); where one is "
               "wrong, name the paragraph that begins in [[paragraph_starts]] of the editorial file:")
        for d in unsure:
            report(f"  {edition.report.seed_path}:{d.line}: {d.what} ({d.rule})")
    with timer.stage("rendering"):
        files = render_docs(edition)
    with staging.build_lock(root / "build", report):
        for name in staging.clean_leftovers(root):
            report(f"removed {name}, left by a build that did not finish")
        stage = staging.Stage(root)
        try:
            with timer.stage("rendering"):
                stage.write(files)
            del files       # every chapter's Markdown, read from the stage from here on: not held to the end
            published = None
            if site:
                with timer.stage("MkDocs"):
                    build_site(root, stage.docs, stage.site, epoch=source_date_epoch(edition),
                               version=edition.version, date=long_date(edition.released), site_url=edition.site_url,
                               indexed_apart=frozenset(chapter_page(edition, c) for c in edition.report.chapters))
                with timer.stage("redirects"):
                    for page in write_redirects(stage.site, successors(edition), edition.site_url):
                        report(f"redirect: {page}, an old address, leads to its successor")
                with timer.stage("assets"):
                    minify_own_scripts(root, stage.site)
                    one_stylesheet(stage.site)
                gates = SiteGates(edition, stage.site, timer)
                read_chapters(edition, stage.site, gates, timer)
                with timer.stage("zip"):
                    bundle = write_bundle(stage.site, bundle_path(edition), edition.released, store=root / ZIP_CACHE)
                gates.verify(report)
                with timer.stage("manifest"):
                    published = check_manifest(edition, stage.site, report, gates.manifest_of())
            with timer.stage("swap"):
                stage.commit(with_site=site)
                if published is not None:      # after the swap: a failed build leaves the manifest as it was
                    manifest.write(root / manifest.MANIFEST, published)
                    offline = root / "build" / bundle.name
                    tmp = offline.with_name(offline.name + ".tmp")
                    shutil.copyfile(root / "build" / "site" / bundle_path(edition), tmp)
                    os.replace(tmp, offline)
            if published is not None:
                report(f"offline: build/{offline.name} ({offline.stat().st_size:,} bytes), the whole site to open "
                       "from file://")
        finally:
            stage.discard()
    report("docs/ written" + (" and build/site/ built" if site else ""))
    report(timer.line())
    return edition


def read_chapters(edition: Edition, site: Path, gates: SiteGates, timer: Timer) -> None:
    """Each chapter's built page, and the Glossary's, read once for everything the build makes of
    it: its entries in the search index, its section of the single file and its file of the
    EPUB (`publish.books`), and what the gates need of it; each written when all are read.

    The downloads rename ids across pages, so every page's ids are named first, from each page's
    markup (`guess_ids`), and checked against the parsed page before it is used; should a guess
    be wrong, the downloads are made again from another reading of their pages (`write_downloads`)."""
    chapters = [html_path(chapter_page(edition, c)) for c in edition.report.chapters]
    meta = BookMeta(**epub_meta(edition))
    book_pages = [BookPage(**p) for p in epub_pages(edition)]
    marks = [PageMark(*m) for m in epub_marks(edition)]
    book = [(p.page, p.slug) for p in book_pages]
    index = BlockIndex(site, chapters)
    books: Books | None = None
    with timer.stage("single file"):
        guessed = {page: guess_ids((site / page).read_text(encoding="utf-8")) for page, _ in book}
        if book == single_pages(edition) and None not in guessed.values():   # one reading serves both
            books = Books(book_pages, marks, meta, book_names(book, guessed), timer)
    indexed, in_books = set(chapters), set(guessed)
    ids: dict[str, list[str]] = {}
    for page in dict.fromkeys(chapters + [page for page, _ in book]):
        with timer.stage("parse"):
            text, soup = read_html(site / page)
        if page in indexed:
            with timer.stage("search index"):
                index.add(page, soup)
        with timer.stage("single file"):
            ids[page] = page_ids(soup)
        gates.read(page, text, soup)            # reads the tree, which the books change next
        if books is not None and page in in_books:
            if ids[page] == guessed[page] and books.expects(page):
                books.add(page, soup)
            else:
                books = None                    # a wrong guess: the downloads are made again below
        with timer.stage("parse"):
            soup.decompose()                    # read by all: freed now, not at the next cyclic collection
    with timer.stage("search index"):
        index.write()
    title = html.escape(edition.report_meta.title)
    if books is not None:
        single, epub = books.write(site, single_file_path(edition), title, single_front(edition), epub_path(edition),
                                   epub_front(edition))
    else:
        with timer.stage("single file"):
            names = book_names(single_pages(edition), ids)
        single, epub = write_downloads(edition, site, names, timer)
    with timer.stage("single file"):
        write_size(site, single.name, single.stat().st_size)
    with timer.stage("EPUB"):
        write_size(site, epub.name, epub.stat().st_size)


def write_downloads(edition: Edition, site: Path, names: dict[tuple[str, str], str], timer: Timer
                    ) -> tuple[Path, Path]:
    """The single file and the EPUB made again, from one more reading of each of their pages
    (where the build could not make them as it read the pages first)."""
    with timer.stage("single file"):
        single = write_single(site, single_file_path(edition), single_pages(edition),
                              html.escape(edition.report_meta.title), single_front(edition), edition.site_url)
    with timer.stage("EPUB"):
        epub = write_epub(site, epub_path(edition), BookMeta(**epub_meta(edition)),
                          [BookPage(**p) for p in epub_pages(edition)], [PageMark(*m) for m in epub_marks(edition)],
                          epub_front(edition))
    return single, epub


def successors(edition: Edition) -> list:
    return list(edition.editorial.of("successors"))


def check_manifest(edition: Edition, site: Path, report: Reporter,
                   collected: manifest.Manifest | None = None) -> manifest.Manifest:
    """Every address the edition has published still works (or the build stops): the manifest to
    write. `collected`: the built site's anchors, read from its pages already."""
    path = edition.root / manifest.MANIFEST
    before = manifest.load(path)
    published = manifest.check(site, path, successors(edition), edition.editorial.path or "the editorial file",
                               collected=collected)
    new = sum(1 for page, anchors in published.items() for a in anchors if a not in before.get(page, {}))
    kept = sum(len(anchors) for anchors in before.values())
    report(f"addresses: all {kept} published before still land on their words; {new} new, added to "
           f"{manifest.MANIFEST}" if before else f"addresses: {new} published, listed in {manifest.MANIFEST}")
    return published


def check(root: Path = ROOT, report: Reporter | None = None) -> AuditResult:
    """The links, the markup and the fidelity audit of the current `build/site/` (built first if absent)."""
    report = report or Reporter()
    site = root / "build" / "site"
    if not site.exists():
        build(root, report)
    return verify_site(load_edition(root), site, report)


def copy_build_inputs(dest: Path, root: Path = ROOT) -> Path:
    """A buildable copy of the project in `dest` (tests and benchmarks build there, so the real
    docs/ and build/ are never touched)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        src = root / name
        if not src.exists() and name == "published":
            continue       # a project that has published nothing yet
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest
