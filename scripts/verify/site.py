"""Every gate over a built site, each page read once: the links, the markup, the fidelity audit
and the manifest's anchors.

`SiteGates` is fed the site's pages one at a time, parsed (the build hands it the chapters it
has parsed for the search index and the downloads, then it reads the rest itself), and keeps
only what each gate needs of a page (its ids and links, its markup problems, its anchors' words,
its text for the audit) before the tree is dropped: it never holds every page's tree at once,
so its memory grows with the size of what it keeps, not with the trees. A page it read before
and finds changed on disk when it judges (the size of a download written in it) is read again:
the gates judge the pages as they are. The gates then judge in their order: links, markup,
fidelity audit (which raises at the first difference), then the manifest (`manifest_of`).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from ..errors import LinkError, UnsafeMarkup
from ..model import Article, Edition
from ..site import urls
from ..timings import Timer
from . import audit, elements, links, manifest, markup


def built_page(site: Path, page: str) -> Path:
    return site / urls.html_path(page)


def report_pages(edition: Edition, site: Path) -> list[Path]:
    """The chapters' built pages, in the report's order."""
    return [built_page(site, urls.chapter_page(edition, c)) for c in edition.report.chapters]


def assert_links_resolve(site: Path, soups=None, broken: list[links.BrokenLink] | None = None) -> None:
    if broken is None:
        broken = links.check_links(site, soups)
    if broken:
        raise LinkError(f"{len(broken)} broken link(s) in the built site, the first: {broken[0]}",
                        path=str(site / broken[0].page),
                        fix="a generated link or a template names a page or #anchor that does not exist; "
                            "docs/ and build/site/ are unchanged",
                        details="\n".join(f"  {b}" for b in broken[1:20]))


def assert_markup_safe(site: Path, problems: list[markup.Problem]) -> None:
    if problems:
        raise UnsafeMarkup(f"{len(problems)} place(s) in the built site hold active content or lack the security "
                           f"policy: {problems[0]}", path=str(site / problems[0].page),
                           fix="source or editorial text reached a page unescaped, or a template changed; "
                               "docs/ and build/site/ are unchanged",
                           details="\n".join(f"  {p}" for p in problems[1:20]))


def set_aside(a: Article) -> list[tuple[int, str, str]]:
    """What an article's text leaves out, by line, in order, and where on its line: its web
    furniture (a whole line, or the end of one), its key points' markers (the list draws them)."""
    out = []
    blocks = a.doc.chapters[0].blocks
    for b in blocks:
        line = b.source_lines[0]
        if b.layer == "furniture":
            whole = all(o is b or o.source_lines[0] != line for o in blocks)
            out.append((line, b.text.strip(), "line" if whole else "end"))
        elif b.printed_marker:
            out.append((line, b.printed_marker, "start"))
    return out


def digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def read_html(path: Path) -> tuple[str, BeautifulSoup]:
    """A built page's text and its tree (the one parser every reader of the built pages uses)."""
    text = path.read_text(encoding="utf-8")
    return text, BeautifulSoup(text, "html.parser")


@dataclass
class PageFacts:
    """What the gates keep of one page once its tree is gone."""

    digest: bytes                                 # of the text they were taken from
    links: links.SitePage
    redirect: bool
    problems: list[markup.Problem]
    records: dict[str, manifest.Record] | None    # the manifest's anchors; None: not a page it holds
    streams: tuple[str, str] | None = None        # a chapter's running text and notes, for the audit
    article: tuple[str, str] | None = None        # an article's page as captured and text, for the audit


class SiteGates:
    """The gates over the built site at `site`, fed one parsed page at a time (see the module)."""

    def __init__(self, edition: Edition, site: Path, timer: Timer | None = None) -> None:
        self.edition = edition
        self.site = site
        self.timer = timer or Timer()
        self.chapters = [p.relative_to(site).as_posix() for p in report_pages(edition, site)]
        self.articles = {urls.html_path(urls.article_page(a)): a for a in edition.articles}
        self.facts: dict[str, PageFacts] = {}

    def read(self, name: str, text: str, soup: BeautifulSoup) -> None:
        """Take what each gate needs from the page `name` (its path in the site), its `text` and
        its tree. The tree of a chapter is only read (the downloads are made from it next); an
        article's loses its page as captured to the audit, which reads last."""
        t = self.timer
        with t.stage("link check"):
            reader = links.read_tree(soup)
        with t.stage("markup"):
            problems = markup.html_page_problems(name, soup)
        with t.stage("manifest"):
            records = manifest.page_records(name, soup, reader.redirect)
        facts = PageFacts(digest(text), reader.page(), reader.redirect, problems, records)
        with t.stage("audit"):
            if name in self.articles:
                facts.article = audit.article_streams(soup)
            elif name in self.chapters:
                facts.streams = audit.page_streams(soup)
        self.facts[name] = facts

    def read_download(self, name: str, text: str) -> None:
        """A download of the site (its single-file edition): its links and its markup are all the
        gates check of it, element by element, so it is read without a tree (`elements`): a file
        of the whole report would make the largest tree of the build."""
        found, problems = links.LinkReader(), markup.DownloadReader(name)

        def visit(index: int, tag: str, attrs: dict, parent: int) -> None:
            found.visit(index, tag, attrs, parent)
            problems.visit(index, tag, attrs, parent)

        with self.timer.stage("markup"):
            try:
                elements.walk(text, visit)
            except elements.Rejected as err:
                problems.problems.append(markup.Problem(name, "-", f"HTML the parser rejects ({err})"))
            problems_found = problems.done()
        self.facts[name] = PageFacts(digest(text), found.page(), found.redirect, problems_found, None)

    def read_rest(self) -> None:
        """Read every page of the site not read yet, and again every page changed since it was
        read; forget pages no longer there."""
        on_disk = []
        for path in sorted(self.site.rglob("*.html")):
            name = path.relative_to(self.site).as_posix()
            on_disk.append(name)
            with self.timer.stage("parse"):
                text = path.read_text(encoding="utf-8")
                seen = self.facts.get(name)
                if seen is not None and seen.digest == digest(text):
                    continue
                soup = None if name.startswith("downloads/") else BeautifulSoup(text, "html.parser")
            if soup is None:
                self.read_download(name, text)
            else:
                self.read(name, text, soup)
                with self.timer.stage("parse"):
                    soup.decompose()     # a tree's parts point at each other: freed now, not at the next collection
        # in the site's order (as a walk of the site gives it), without pages that are gone
        self.facts = {name: self.facts[name] for name in on_disk}

    def verify(self, report) -> audit.AuditResult:
        """Every page read as it now is, then the links, the markup and the fidelity audit judged,
        in that order: the first gate that fails raises."""
        self.read_rest()
        site, facts = self.site, self.facts
        with self.timer.stage("link check"):
            broken = links.broken_links(site, {n: f.links for n, f in facts.items() if links.is_checked(n)},
                                        {n for n, f in facts.items() if f.redirect})
            assert_links_resolve(site, broken=broken)
        report("links: every internal link and anchor resolves")
        with self.timer.stage("markup"):
            problems = [p for f in facts.values() for p in f.problems] + markup.book_and_index_problems(site)
            assert_markup_safe(site, problems)
        report("markup: no script handlers, no script addresses, a security policy on every page")
        with self.timer.stage("audit"):
            result = self.audit()
        report(result.summary())
        return result

    def audit(self) -> audit.AuditResult:
        """The fidelity audit of the report's chapters and of each article, from their pages' streams."""
        edition, site = self.edition, self.site
        pages = report_pages(edition, site)
        streams = [self.facts[n].streams if n in self.facts else None for n in self.chapters]
        if any(n not in self.facts for n in self.chapters):
            streams = None            # a chapter's page is missing: the audit reads the pages, and says so
        result = audit.audit(edition.report, pages, streams=None if streams is None else (
            "".join(s[0] for s in streams if s is not None), "".join(s[1] for s in streams if s is not None)))
        for a in edition.articles:
            name = urls.html_path(urls.article_page(a))
            facts = self.facts.get(name)
            audit.audit_article(a.seed.text, a.meta.seed, built_page(site, urls.article_page(a)), set_aside(a),
                                streams=facts.article if facts is not None else None)
        return result

    def manifest_of(self) -> manifest.Manifest:
        """The manifest of the pages read: every page it holds, with its anchors' words."""
        return {name: f.records for name, f in sorted(self.facts.items()) if f.records is not None}


def verify_site(edition: Edition, site: Path, report, timer: Timer | None = None) -> audit.AuditResult:
    """The links, the markup and the fidelity audit of the built site, each page read once."""
    return SiteGates(edition, site, timer).verify(report)
