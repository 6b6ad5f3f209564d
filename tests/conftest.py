"""Shared fixtures. The site is built once per session in a copy of the project, so tests never
touch the real docs/ or build/ and can run in any order."""
from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import sys
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from scripts.build import Reporter, build, copy_build_inputs, load_edition  # noqa: E402

#: fixtures that build a site (seconds each), and the one that starts Chromium: a test that uses
#: one gets the marker, so `make test-fast` (-m "not site and not browser") leaves it out
BUILDING_FIXTURES = {"built", "site", "server", "second_build", "hostile", "hsite", "soups", "hserver", "pristine",
                     "built_copy", "project", "visit", "http_visit"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BUILDING_FIXTURES:
            item.add_marker(pytest.mark.site)
        if "browser" in names:
            item.add_marker(pytest.mark.browser)


def reading(html: str):
    """A built page as the report's words read in it: parsed, without the edition's numbers in the
    margin (¶ 4.12), its "Cite this" sections and its "quoted in the press" marks, apparatus that a test of the text leaves out
    as the fidelity audit does."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    for el in soup.select("a.block-number, .cite-this, h2#cite-this, .cite-data, a.quoted-in"):
        el.decompose()
    return soup


def copy_project(dest: Path) -> Path:
    return copy_build_inputs(dest, ROOT)


def markdown_files(docs: Path) -> list[Path]:
    """The generated Markdown in a docs/ folder: every file but the built site kept in docs/.site/."""
    return [p for p in sorted(docs.rglob("*")) if p.is_file() and ".site" not in p.relative_to(docs).parts]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """(root, edition) of a fresh build in a copy of the project."""
    root = copy_project(tmp_path_factory.mktemp("edition"))
    edition = build(root, Reporter(quiet=True))
    return root, edition


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built[0] / "build" / "site"


@pytest.fixture(scope="session")
def edition():
    return load_edition(ROOT)


@pytest.fixture(scope="session")
def doc(edition):
    return edition.report


@pytest.fixture(scope="session")
def gold():
    """The shared gold checker, imported from ../shared/gold (present beside the repo in CI)."""
    path = SHARED / "gold" / "check_gold.py"
    if not path.exists():
        pytest.fail(f"{path} is missing: the project is checked with shared/ beside it")
    spec = importlib.util.spec_from_file_location("check_gold", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------- the browser gates
# Real Chromium (Debian's, never a downloaded one) driven by Playwright. `make test` installs it
# (tools/ensure-system-deps); when it is missing the browser tests fail: they never skip.

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: where a request may go: the local server, the page's own files, and in-page schemes
LOCAL_SCHEMES = {"file", "data", "blob", "about"}


def chromium_path() -> str:
    path = os.environ.get("EDITION_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("Chromium is missing: the browser gates need it. "
                    "Fix: run `make test` (it installs Debian's chromium), or `apt-get install chromium`.",
                    pytrace=False)
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the stdlib's signature)
        pass


@pytest.fixture(scope="session")
def server(site):
    """The built site on http://127.0.0.1:<free port>/, as a reader's web server would serve it."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    path = chromium_path()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@dataclass
class Visit:
    """One browser tab, with everything it asked for and every error it printed."""
    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = "index.html") -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")

    def foreign_requests(self) -> list[str]:
        own = urllib.parse.urlsplit(self.base).netloc
        return [u for u in self.requests
                if urllib.parse.urlsplit(u).scheme not in LOCAL_SCHEMES and urllib.parse.urlsplit(u).netloc != own]


def new_visit(browser, base: str, **context_args) -> tuple[object, Visit]:
    context = browser.new_context(**context_args)
    page = context.new_page()
    visit = Visit(page, base)
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and visit.errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: visit.errors.append(f"page error: {e}"))
    # ERR_ABORTED is the browser cancelling a page's loads when the reader moves on, not a fault
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED"
            and visit.errors.append(f"request failed: {r.url} ({r.failure})"))
    return context, visit


@pytest.fixture(params=["http", "file"])
def visit(request, browser, server, site):
    """A tab on the site, served on 127.0.0.1 and opened from file://. Every test that uses it
    also proves that the page asked no other host for anything and printed no error."""
    base = server if request.param == "http" else site.as_uri() + "/"
    context, v = new_visit(browser, base, viewport={"width": 1280, "height": 900})
    yield v
    context.close()
    assert v.foreign_requests() == [], "the site asked another host for something"
    assert v.errors == [], "the browser reported errors"


@pytest.fixture
def http_visit(browser, server):
    """A tab on the served site only (axe, keyboard): file:// adds nothing to those checks."""
    context, v = new_visit(browser, server, viewport={"width": 1280, "height": 900})
    yield v
    context.close()
    assert v.foreign_requests() == []
    assert v.errors == []


def published_pages(edition) -> list[str]:
    """Every page a reader can reach, as the pages' registry gives them (its HTML paths)."""
    from scripts.site.pages import all_pages
    from scripts.site.urls import html_path
    return [html_path(p.path) for p in all_pages(edition)]


def expected_page_count(edition) -> int:
    """Every page a reader can reach: the edition's pages, each chapter, each article."""
    pages = published_pages(edition)
    assert len(pages) == 5 + len(edition.report.chapters) + len(edition.articles)
    return len(pages)
