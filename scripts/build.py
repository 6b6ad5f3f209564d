"""The build: seeds to the model, the model to Markdown in `docs/`, MkDocs to `build/site/`.

Everything is written to a staging folder first; `docs/` and `build/site/` are replaced together,
in one step, only when the whole build (pipeline, MkDocs in strict mode, links, markup,
fidelity audit) has succeeded, so a failed or killed build leaves both as they were (see
`publish.stage`). An orchestrator only: each step lives in its own module.
"""
from __future__ import annotations

import datetime
import html
import os
import shutil
from pathlib import Path

from .model import Edition
from .pipeline import load_edition
from .publish import stage as staging
from .publish.bundle import write_bundle, write_size
from .publish.epub import BookMeta, BookPage, PageMark, chapter_file, write_epub
from .publish.mkdocs import build_site
from .publish.redirects import write_redirects
from .publish.search import BlockIndex
from .publish.single import book_names, page_article, page_ids, renamed, single_section, write_single
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
STAGES = ("pipeline", "rendering", "MkDocs", "redirects", "parse", "search index", "single file", "EPUB", "zip",
          "link check", "markup", "audit", "manifest", "swap")
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
    Each stage is timed in `timer` (see `timings`); the report ends with their times."""
    report = report or Reporter()
    timer = timer or Timer(order=STAGES)
    with timer.stage("pipeline"):
        edition = load_edition(root)        # reads only: a bad input stops here, before anything is written
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
            published = None
            if site:
                with timer.stage("MkDocs"):
                    build_site(root, stage.docs, stage.site, epoch=source_date_epoch(edition),
                               version=edition.version, date=long_date(edition.released), site_url=edition.site_url)
                with timer.stage("redirects"):
                    for page in write_redirects(stage.site, successors(edition), edition.site_url):
                        report(f"redirect: {page}, an old address, leads to its successor")
                gates = SiteGates(edition, stage.site, timer)
                names = read_chapters(edition, stage.site, gates, timer)
                write_downloads(edition, stage.site, names, timer)
                with timer.stage("zip"):
                    bundle = write_bundle(stage.site, bundle_path(edition), edition.released)
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


def read_chapters(edition: Edition, site: Path, gates: SiteGates, timer: Timer) -> dict[tuple[str, str], str]:
    """Each chapter's built page, and the Glossary's, read once: its entries in the search index
    (written when all are read), its ids for the downloads, and what the gates need of it (the
    audit last: it takes the apparatus out of the tree). Every id's name in the downloads."""
    chapters = [html_path(chapter_page(edition, c)) for c in edition.report.chapters]
    book = single_pages(edition)
    index = BlockIndex(site, chapters)
    indexed = set(chapters)
    ids: dict[str, list[str]] = {}
    for page in dict.fromkeys(chapters + [page for page, _ in book]):
        with timer.stage("parse"):
            text, soup = read_html(site / page)
        if page in indexed:
            with timer.stage("search index"):
                index.add(page, soup)
        with timer.stage("single file"):        # the ids' names serve the EPUB too
            ids[page] = page_ids(soup)
        gates.read(page, text, soup)
    with timer.stage("search index"):
        index.write()
    with timer.stage("single file"):
        return book_names(book, ids)


def write_downloads(edition: Edition, site: Path, names: dict[tuple[str, str], str], timer: Timer) -> None:
    """The single file and the EPUB, made together from one more reading of each of their pages
    (the single file's rewriting of a page's links is undone before the EPUB's), each with its
    size written on the pages that link to it."""
    book = single_pages(edition)
    meta = BookMeta(**epub_meta(edition))
    book_pages = [BookPage(**p) for p in epub_pages(edition)]
    marks = [PageMark(*m) for m in epub_marks(edition)]
    shared = [(p.page, p.slug) for p in book_pages] == book       # the same pages: one reading serves both
    sections, files, headings = [], {}, []
    for (page, slug), book_page in zip(book, book_pages):
        with timer.stage("parse"):
            article = renamed(page_article(read_html(site / page)[1]), page, names)
        with timer.stage("single file"):
            sections.append(single_section(article, page, slug, names, edition.site_url))
        if shared:
            with timer.stage("EPUB"):
                name, text, heads = chapter_file(article, book_page, book_pages, marks, names, meta.language,
                                                 meta.site_url)
                files[name] = text
                headings.append((book_page, heads))
    with timer.stage("single file"):
        single = write_single(site, single_file_path(edition), book, html.escape(edition.report_meta.title),
                              single_front(edition), edition.site_url, sections)
        write_size(site, single.name, single.stat().st_size)
    with timer.stage("EPUB"):
        epub = write_epub(site, epub_path(edition), meta, book_pages, marks, epub_front(edition),
                          (files, names, headings) if shared else None)
        write_size(site, epub.name, epub.stat().st_size)


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
