"""Every gate over a built site, in one pass over its pages: the links, the markup, then the
fidelity audit (last: it takes the edition's apparatus out of the parsed pages)."""
from __future__ import annotations

from pathlib import Path

from ..errors import LinkError, UnsafeMarkup
from ..model import Article, Edition
from ..site import urls
from ..timings import Timer
from . import audit, links, markup


def built_page(site: Path, page: str) -> Path:
    return site / urls.html_path(page)


def report_pages(edition: Edition, site: Path) -> list[Path]:
    """The chapters' built pages, in the report's order."""
    return [built_page(site, urls.chapter_page(edition, c)) for c in edition.report.chapters]


def assert_links_resolve(site: Path, soups=None) -> None:
    if broken := links.check_links(site, soups):
        raise LinkError(f"{len(broken)} broken link(s) in the built site, the first: {broken[0]}",
                        path=str(site / broken[0].page),
                        fix="a generated link or a template names a page or #anchor that does not exist; "
                            "docs/ and build/site/ are unchanged",
                        details="\n".join(f"  {b}" for b in broken[1:20]))


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


def verify_site(edition: Edition, site: Path, report, timer: Timer | None = None) -> audit.AuditResult:
    timer = timer or Timer()
    with timer.stage("link check"):
        soups = links.parse_pages(site)
        assert_links_resolve(site, soups)
    report("links: every internal link and anchor resolves")
    with timer.stage("markup"):
        problems = markup.check_markup(site, soups)
    if problems:
        raise UnsafeMarkup(f"{len(problems)} place(s) in the built site hold active content or lack the security "
                           f"policy: {problems[0]}", path=str(site / problems[0].page),
                           fix="source or editorial text reached a page unescaped, or a template changed; "
                               "docs/ and build/site/ are unchanged",
                           details="\n".join(f"  {p}" for p in problems[1:20]))
    report("markup: no script handlers, no script addresses, a security policy on every page")
    with timer.stage("audit"):
        by_path = {site / name: soup for name, soup in soups.items()}
        result = audit.audit(edition.report, report_pages(edition, site), by_path)
        for a in edition.articles:
            audit.audit_article(a.seed.text, a.meta.seed, built_page(site, urls.article_page(a)), set_aside(a),
                                by_path)
    report(result.summary())
    return result
