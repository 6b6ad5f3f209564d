"""Web performance of the built site: Lighthouse scores and the bytes of every page.

Run from the project root: `.venv/bin/python -m benchmarks.web` (`make bench` runs it after
benchmarks.bench, having installed Lighthouse with `npm ci` in benchmarks/lighthouse/).
Options: `--site DIR` (measure a built site instead of building one), `--mode gzip|plain|both`
(how the pages are served: gzipped as a web host does, uncompressed, or both, one after the
other; default both; `--gzip` is `--mode gzip`), `--runs N` (at most N Lighthouse runs a page,
default 3), `--every-run` (N runs of every page, not only of those below the bar), `--pages
PATTERN ...` (only the pages these globs or paths name, e.g. `'report/*'` or `index.html,404.html`),
`--no-lighthouse` (byte counts only), `--save-reports DIR` (keep every Lighthouse JSON report),
`--no-search` (no search timing), `--search-only` (the search timing alone), `--search-rounds N`
(default 5), `--search-delay MS` (between keystrokes, default 100), `--json` (every figure as
JSON), `--markdown` (only the tables and the summary, to paste into BENCHMARKS.md).

The site is built fresh (`python -m scripts build -q`) in a temporary copy of the project, as
benchmarks.bench does, so the figures are those of the sources as they are now, and docs/ and
build/ are never touched.

The pages measured (`find_pages`): every HTML page of the site a reader reaches, in the order of
sitemap.xml with the home page first, and the pages the sitemap leaves out (404.html) after
them. Left out, each with its reason in the JSON: redirect stubs (a page whose `<meta
name="edition-redirect">` or `<meta http-equiv="refresh">` sends the reader to an address's
successor, scripts/publish/redirects.py), the theme's machinery under assets/ (the search
worker's frame), and the single-file edition under downloads/, which is a download, not a page:
its weight is given apart.

Measured (see BENCHMARKS.md for what each figure means):

1. Lighthouse (benchmarks/lighthouse/package.json pins it), with its default mobile settings:
   a Moto G Power screen, simulated Slow 4G and a 4x slower CPU, for each page and each way of
   serving it. Cost: one run a page first; only a page below the bar is run again, up to N runs
   in all, and the run with the median performance score is kept (the scores of every run are
   shown: on a small shared machine performance varies by 10 points or more). The bar
   (`RERUN_BELOW`): served gzipped, 100 in every category; served uncompressed, 97 in
   performance. It runs Debian's Chromium (CHROME_PATH, default /usr/bin/chromium; nothing is
   downloaded) headless, with a fresh profile, against the site served by Python's http.server
   on 127.0.0.1 (Lighthouse refuses file://), one server for each way of serving, reused for
   every page. Served uncompressed, the files go as they are, with no cache headers, as
   `python -m http.server` sends them; served gzipped, HTML, CSS, JS and JSON go gzipped (level
   6), as web hosts send them. The simulated network makes that difference large: see
   BENCHMARKS.md. For each page: the four category scores, 0-100 (performance, accessibility,
   best practices, SEO), and every audit that scored below 1 (id, title, score, its weight in
   the category score, Lighthouse's value; for accessibility, best practices and SEO also what
   it points at: each failing element's CSS selector and markup, or the URL or message).
   Audits that are informative, manual or not applicable are left out: they have no score. In
   performance, only the metrics (weight > 0) make the score; the insights (weight 0) say where
   the time goes. Also from the same run: the bytes the page actually transferred while loading
   (`total-byte-weight`), how many requests it made, whether it fetched the search index or the
   search worker, and Lighthouse's run warnings. Progress, and an estimate of the time left, go
   to stderr.
2. Bytes per page, before compression, counted from the files on disk: the HTML file, plus every
   stylesheet (`<link rel="stylesheet" href>`) and script (`<script src>`) it references that
   is a file of the site (other hosts and missing files are listed, not counted). Each file's
   gzip size (level 6, what web servers commonly use); the gzip total is the sum of the files
   compressed one by one, as a server sends them. A report chapter (a page under report/) whose
   HTML + CSS + JS gzipped reaches CHAPTER_BUDGET, 100 KB (1 KB = 1000 bytes), is flagged (issue
   15's budget). The total before compression is also set beside the older target of 150 kB.
   Both are reported, not asserted.
3. Search, counted apart from the pages: the search index (search/search_index.json, which the
   worker fetches over HTTP, and search/search_index.js, its file:// twin) and the search worker
   (assets/javascripts/workers/*.js).

4. Search, offline: the time from the last keystroke to the first result, with the site opened
   from file:// in Chromium (Playwright, Debian's Chromium; see `search_timing`). Each round is
   a fresh browser context that opens index.html, opens search (the key "s"), waits for the
   search worker's READY and types each query of SEARCH_QUERIES (the issue's), a key (down and
   up) then `--search-delay` ms before the next, as a reader types. Material searches again at
   every keystroke (on its keyup, reading the box), so the
   figure is taken for the whole query only: a script run before the page's own wraps the
   worker, logs each query it is sent and each answer (the worker answers in order, so the n-th
   answer is the n-th query's), and a MutationObserver logs when the result list holds an item.
   Measured from the last key's keyup (`event.timeStamp`) to: the worker's answer to the whole
   query, that answer's first result in the page (the list's next mutation: Material renders an
   answer's first ten results at once), and the next animation frame after it (when Chromium
   paints it). Median and maximum over the rounds, per query.

Then a summary: the pages at 100 in all four categories served gzipped, the lowest performance
served uncompressed, the largest chapter gzipped, and every audit below 1 across the pages, with
the pages it affects.

Nothing here asserts on a score, a size or a time: the figures are printed, not judged. The
exit status is 1 only if a measurement could not be made (the build, a page's every Lighthouse
run, or a search round failed).
"""
from __future__ import annotations

import argparse
import contextlib
import fnmatch
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from benchmarks.bench import ROOT, build_env, copy_project

LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CATEGORY_NAMES = {"performance": "Performance", "accessibility": "Accessibility",
                  "best-practices": "Best practices", "seo": "SEO"}
UNSCORED = ("informative", "manual", "notApplicable")   # scoreDisplayMode of audits with no score
TARGET_BYTES = 150_000   # HTML + CSS + JS of one page before compression, search excluded (1 kB = 1000 bytes)
CHAPTER_BUDGET = 100_000  # HTML + CSS + JS of a report chapter, gzipped: issue 15 (1 KB = 1000 bytes)
CHAPTERS = "report/"      # the report's chapters are the pages under it
GZIP_LEVEL = 6
SEARCH_INDEX = ("search/search_index.json", "search/search_index.js")
SEARCH_WORKER = "assets/javascripts/workers/*.js"
COMPRESSED = (".html", ".css", ".js", ".json")   # what the gzipped server sends compressed
#: the ways of serving the site: gzipped, as a static host does, and as the files are
MODES = ("gzip", "plain")
MODE_NAMES = {"gzip": "served gzipped", "plain": "served uncompressed"}
#: the bar a page's first run must reach not to be run again: every category at 100 served
#: gzipped (issue 15's target), performance at 97 served uncompressed (its floor)
RERUN_BELOW = {"gzip": dict.fromkeys(CATEGORIES, 100), "plain": {"performance": 97}}
#: the seconds one Lighthouse run takes here (Chromium's start included), for the first estimate
RUN_SECONDS_GUESS = 20
#: how many failing elements (or URLs) of one audit on one page are kept
ITEMS_KEPT = 20
#: at most this many pages are named in one line of the summary (more: their number, the worst)
LISTED = 10
#: the queries issue 13 names, a reader's first tries; the longest is reported on its own
SEARCH_QUERIES = ("1400", "Risky Business", "taxi licensing", "whistle-blowers", "Operation Czar", "Child S",
                  "compromise agreements", "Jay report", "RMBC", "p. 45")


# ----------------------------------------------------------------------------- the site
def build_site(dst: Path) -> Path:
    """A fresh `python -m scripts build -q` in a copy of the project at `dst`; its build/site."""
    copy_project(dst)
    proc = subprocess.run([sys.executable, "-m", "scripts", "build", "-q"], cwd=dst, env=build_env(),
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"the build failed (exit {proc.returncode}): {(proc.stderr or proc.stdout).strip()[-2000:]}")
    return (dst / "build" / "site").resolve()


class _Redirect(HTMLParser):
    """Finds a page's redirect: `<meta name="edition-redirect" content>` (the edition's own stubs,
    scripts/publish/redirects.py) or `<meta http-equiv="refresh" content="0; url=…">`."""

    def __init__(self) -> None:
        super().__init__()
        self.target: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if tag != "meta" or self.target is not None:
            return
        if a.get("name", "").lower() == "edition-redirect":
            self.target = a.get("content", "")
        elif a.get("http-equiv", "").lower() == "refresh":
            url = re.search(r"url\s*=\s*['\"]?([^'\"]*)", a.get("content", ""), re.I)
            if url:                 # a refresh with no address reloads the page: not a redirect
                self.target = url.group(1).strip()


def redirect_target(page: Path) -> str | None:
    """Where a redirect stub sends its reader, or None for a page that is not one."""
    parser = _Redirect()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    return parser.target


def sitemap_pages(site: Path) -> list[str] | None:
    """The site's files sitemap.xml lists, in its order (paths in the site), or None with no sitemap.
    An address is matched to a file by its path, whatever host and folder the site is published at."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return None
    found = []
    for loc in ET.parse(sitemap).getroot().iterfind(".//{*}loc"):
        path = unquote(urlsplit((loc.text or "").strip()).path)
        parts = [p for p in path.split("/") if p] + (["index.html"] if path.endswith("/") or not path else [])
        rel = next(("/".join(parts[k:]) for k in range(len(parts)) if (site / "/".join(parts[k:])).is_file()),
                   "/".join(parts))
        found.append(rel)
    return found


def find_pages(site: Path) -> dict:
    """Every page a reader reaches: each HTML file of the site but redirect stubs, the theme's
    files under assets/ and the downloads under downloads/ (given apart, to be weighed). Pages in
    sitemap.xml's order, the home page first, then those it does not list (404.html)."""
    if not (site / "index.html").is_file():
        raise RuntimeError(f"{site}/index.html: missing; is {site} a built site?")
    pages: list[str] = []
    excluded: dict[str, str] = {}
    downloads: list[str] = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        if rel.startswith("downloads/"):
            downloads.append(rel)
            excluded[rel] = "a download (the single-file edition), not a page: weighed apart"
        elif rel.startswith("assets/"):
            excluded[rel] = "the theme's machinery (the search worker's frame), not a page a reader opens"
        elif (target := redirect_target(f)) is not None:
            excluded[rel] = f"a redirect stub (to {target})"
        else:
            pages.append(rel)
    listed = sitemap_pages(site)
    order = {p: i for i, p in enumerate(listed or [])}
    pages.sort(key=lambda p: (p != "index.html", order.get(p, len(order)), p))
    return {"pages": pages, "excluded": excluded, "downloads": downloads,
            "sitemap": listed is not None,
            "not_in_sitemap": [p for p in pages if listed is not None and p not in order],
            "sitemap_not_measured": [p for p in (listed or []) if p not in pages]}


def select_pages(pages: list[str], patterns: list[str] | None) -> list[str]:
    """The pages `--pages` names: each pattern (several may be given, or comma-separated) is a path
    in the site or a glob (`*` crosses folders: `report/*` is every chapter); none: every page."""
    if not patterns:
        return list(pages)
    wanted = [w.strip() for arg in patterns for w in arg.split(",") if w.strip()]
    unmatched = [w for w in wanted if not any(fnmatch.fnmatchcase(p, w) for p in pages)]
    if unmatched:
        raise RuntimeError(f"--pages: {', '.join(unmatched)} names no page measured here "
                           f"(the pages: {', '.join(pages)})")
    return [p for p in pages if any(fnmatch.fnmatchcase(p, w) for w in wanted)]


def is_chapter(page: str) -> bool:
    return page.startswith(CHAPTERS)


# ----------------------------------------------------------------------------- bytes
class _References(HTMLParser):
    """Collects the `href` of `<link rel="stylesheet">` and the `src` of `<script>`."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").lower().split() and a.get("href"):
            self.css.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])


def local_file(ref: str, page: Path, site: Path) -> Path | None:
    """The site's file a reference from `page` names, or None (another host, or no such file)."""
    url = urlsplit(ref)
    if url.scheme or url.netloc:
        return None
    path = unquote(url.path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return target if target.is_file() and target.is_relative_to(site.resolve()) else None


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))


def file_sizes(paths: list[Path], site: Path) -> list[dict]:
    return [{"file": p.relative_to(site.resolve()).as_posix(), "bytes": p.stat().st_size, "gzip": gzip_size(p)}
            for p in paths]


def page_weight(page: Path, site: Path) -> dict:
    """The page's HTML and the local CSS and JS it references: bytes on disk and gzipped; for a
    report chapter, whether the gzipped total reaches CHAPTER_BUDGET."""
    site = site.resolve()
    page = page.resolve()
    refs = _References()
    refs.feed(page.read_text(encoding="utf-8"))
    out: dict = {"page": page.relative_to(site).as_posix(), "not_counted": []}
    for kind, found in (("css", refs.css), ("js", refs.js)):
        files: list[Path] = []
        for ref in found:
            f = local_file(ref, page, site)
            if f is None:
                out["not_counted"].append(ref)
            elif f not in files:
                files.append(f)
        out[kind] = file_sizes(files, site)
    out["html"] = file_sizes([page], site)[0]
    every = [out["html"], *out["css"], *out["js"]]
    out["bytes"] = sum(f["bytes"] for f in every)
    out["gzip"] = sum(f["gzip"] for f in every)
    out["chapter"] = is_chapter(out["page"])
    out["over_chapter_budget"] = out["chapter"] and out["gzip"] >= CHAPTER_BUDGET
    out["over_target"] = out["bytes"] > TARGET_BYTES
    return out


def search_weight(site: Path) -> dict:
    """The search index (both forms) and the search worker: bytes on disk and gzipped."""
    index = file_sizes([(site / p).resolve() for p in SEARCH_INDEX if (site / p).is_file()], site)
    worker = file_sizes(sorted(p.resolve() for p in site.glob(SEARCH_WORKER)), site)
    return {"index": index, "worker": worker}


# ----------------------------------------------------------------------------- Lighthouse
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        """Quiet: no line per request on stderr."""


class _GzipHandler(_QuietHandler):
    """Sends HTML, CSS, JS and JSON gzipped (level GZIP_LEVEL) to a client that accepts gzip."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path, compress: bool = False) -> Iterator[str]:
    """Serve `site` on 127.0.0.1, on a free port, from a thread; yields the base URL."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def lighthouse_once(url: str, keep: Path | None = None) -> dict:
    """One Lighthouse run (mobile, the four categories) in a fresh Chromium profile: its JSON
    report (a copy kept at `keep` when given)."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"{LIGHTHOUSE}: missing. Fix: `make bench`, or "
                           "`npm ci --no-audit --no-fund --prefix benchmarks/lighthouse`")
    with tempfile.TemporaryDirectory(prefix="edition-lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        profile = Path(tmp) / "profile"
        cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}"]
        proc = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True,
                              check=False)
        if proc.returncode != 0 or not out.is_file():
            why = (proc.stderr or proc.stdout).strip()[-2000:]
            raise RuntimeError(f"Lighthouse failed (exit {proc.returncode}): {why}")
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out, keep)
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse: {report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}")
    return report


def _shorten(text: str, limit: int = 240) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def failing_items(audit: dict) -> list[dict]:
    """What a failing audit points at, from its details' items: each element's CSS selector, its
    markup (shortened) and Lighthouse's explanation; for an item that is not an element, its URL
    or message (`text`). At most ITEMS_KEPT."""
    out = []
    for item in (audit.get("details") or {}).get("items") or []:
        if not isinstance(item, dict):
            continue
        node = item.get("node")
        if isinstance(node, dict) and node.get("selector"):
            out.append({"selector": node["selector"], "snippet": _shorten(node.get("snippet", "")),
                        "label": _shorten(node.get("nodeLabel", ""), 120),
                        "explanation": _shorten(node.get("explanation", ""), 400)})
            continue
        words = [str(item[k]) for k in ("source", "description", "issueType", "directive", "text", "href", "url")
                 if isinstance(item.get(k), str | int | float) and item.get(k) != ""]
        location = item.get("sourceLocation")
        if isinstance(location, dict) and location.get("url"):
            words.append(str(location["url"]))
        out.append({"text": _shorten(": ".join(words) if words else json.dumps(item, sort_keys=True))})
        if len(out) >= ITEMS_KEPT:
            break
    return out[:ITEMS_KEPT]


def below_one(report: dict, category: str) -> list[dict]:
    """The audits of a category that scored below 1 (audits with no score left out); outside
    performance, with what each points at (`failing_items`) and Lighthouse's explanation."""
    rows = []
    for ref in report["categories"][category]["auditRefs"]:
        a = report["audits"][ref["id"]]
        if a.get("scoreDisplayMode") in UNSCORED or (a.get("score") is not None and a["score"] >= 1):
            continue
        row = {"id": a["id"], "title": a["title"], "score": a.get("score"), "weight": ref.get("weight", 0),
               "value": a.get("displayValue", "") or (a.get("errorMessage") or "")}
        if category != "performance":
            row["explanation"] = _shorten(a.get("explanation", ""), 400)
            row["items"] = failing_items(a)
        rows.append(row)
    return rows


def score_100(score: float | None) -> int | None:
    """A Lighthouse score (0-1, None when it could not be computed) as Lighthouse shows it, 0-100."""
    return None if score is None else round(score * 100)


def summarise(report: dict, base: str) -> dict:
    """What the tables show of one Lighthouse report."""
    fetched = [it["url"].removeprefix(base) for it in report["audits"]["network-requests"]["details"]["items"]]
    search = [u for u in fetched if u.startswith(("search/", "assets/javascripts/workers/"))]
    return {
        "scores": {c: score_100(report["categories"][c]["score"]) for c in CATEGORIES},
        "below_one": {c: below_one(report, c) for c in CATEGORIES},
        "transferred_bytes": report["audits"]["total-byte-weight"].get("numericValue"),
        "requests": len(fetched),
        "search_fetched_at_load": search,
        "warnings": report.get("runWarnings", []),
        #: Lighthouse's measure of the machine's speed during the run (higher: faster; it warns
        #: below about 1000): on a shared machine, what explains most of the spread of performance
        "benchmark_index": (report.get("environment") or {}).get("benchmarkIndex"),
        "lighthouse": report.get("lighthouseVersion"),
        "form_factor": report["configSettings"].get("formFactor"),
    }


def shortfalls(mode: str, scores: dict) -> list[str]:
    """Why a run of a page served in `mode` is below the bar (RERUN_BELOW), one reason a
    category; a score Lighthouse could not compute is below it. Empty: at the bar."""
    return [f"{c} {_score(scores.get(c))} < {bar}" for c, bar in RERUN_BELOW[mode].items()
            if scores.get(c) is None or scores[c] < bar]


def rerun_plan(mode: str, first: dict[str, list[dict]]) -> dict[str, list[str]]:
    """The pages to run again, with why: each page whose first run (served in `mode`) is below
    the bar, or failed (an empty list of runs)."""
    plan = {}
    for page, runs in first.items():
        why = shortfalls(mode, runs[0]["scores"]) if runs else ["the run failed"]
        if why:
            plan[page] = why
    return plan


def keep_median(runs: list[dict]) -> dict:
    """The run with the median performance score (for an even number, the better of the two middle
    ones), with every run's scores."""
    perf = [r["scores"]["performance"] or 0 for r in runs]
    kept = sorted(range(len(runs)), key=lambda i: perf[i])[len(runs) // 2]
    return {**runs[kept], "runs": len(runs), "kept_run": kept + 1, "performance_all_runs": perf,
            "scores_all_runs": [r["scores"] for r in runs],
            "speed_all_runs": [{"benchmark_index": r.get("benchmark_index"), "load_average": r.get("load_average")}
                               for r in runs]}


def page_result(runs: list[dict], errors: list[str], rerun_because: list[str] | None) -> dict:
    """One page in one mode: the kept run (`keep_median`), or the error when no run succeeded."""
    if not runs:
        return {"error": errors[-1] if errors else "no run", "errors": errors, "runs": 0}
    out = keep_median(runs)
    out["rerun_because"] = rerun_because or []
    if errors:
        out["errors"] = errors
    return out


def clock(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class Progress:
    """Prints each Lighthouse run as it ends (on stderr), with the time so far and an estimate of
    the time left: the runs still planned at the mean time of a run so far."""

    def __init__(self, planned: int, stream: TextIO | None = sys.stderr) -> None:
        self.planned, self.done, self.stream = planned, 0, stream
        self.started = time.monotonic()
        self.durations: list[float] = []

    def add(self, runs: int) -> None:
        self.planned += runs

    def left(self) -> float:
        mean = statistics.mean(self.durations) if self.durations else RUN_SECONDS_GUESS
        return max(0, self.planned - self.done) * mean

    def run_done(self, mode: str, page: str, run: int, outcome: str, seconds: float) -> None:
        self.done += 1
        self.durations.append(seconds)
        if self.stream is not None:
            print(f"[{self.done}/{self.planned}] {MODE_NAMES[mode]}, {page}, run {run}: {outcome} "
                  f"({seconds:.0f} s; {clock(time.monotonic() - self.started)} so far, "
                  f"about {clock(self.left())} left)", file=self.stream, flush=True)

    def say(self, text: str) -> None:
        if self.stream is not None:
            print(text, file=self.stream, flush=True)


def scores_text(scores: dict) -> str:
    return "/".join("-" if scores.get(c) is None else str(scores[c]) for c in CATEGORIES)


def lighthouse_pages(pages: list[str], mode: str, runs: int, run_once: Callable[[str, int], dict],
                     every_run: bool = False, progress: Progress | None = None) -> dict[str, dict]:
    """Lighthouse on `pages` served in `mode`: one run each (`run_once(page, n)`, a summary), then
    up to `runs` in all for each page below the bar (`rerun_plan`); with `every_run`, `runs` runs
    of every page. Per page, `page_result`."""
    progress = progress or Progress(0, None)
    got: dict[str, list[dict]] = {p: [] for p in pages}
    errors: dict[str, list[str]] = {p: [] for p in pages}

    def run(page: str) -> None:
        n = len(got[page]) + len(errors[page]) + 1
        start = time.monotonic()
        try:
            s = run_once(page, n)
        except RuntimeError as exc:   # reported in the table, and in the exit status if no run succeeds
            errors[page].append(str(exc))
            outcome = f"FAILED: {_shorten(str(exc), 160)}"
        else:
            s = {**s, "load_average": os.getloadavg()[0]}   # the machine's load (1 min) as the run ended
            got[page].append(s)
            outcome = (f"{scores_text(s['scores'])}, load {s['load_average']:.1f}, "
                       f"benchmarkIndex {s.get('benchmark_index') or '-'}")
        progress.run_done(mode, page, n, outcome, time.monotonic() - start)

    first = runs if every_run else 1
    for page in pages:
        for _ in range(first):
            run(page)
    plan = {} if every_run or runs <= 1 else rerun_plan(mode, got)
    if plan:
        progress.add(len(plan) * (runs - 1))
        progress.say(f"{MODE_NAMES[mode]}: {len(plan)} of {len(pages)} pages below the bar, run again "
                     f"({runs - 1} more runs each): {', '.join(plan)}")
    for page in plan:
        for _ in range(runs - 1):
            run(page)
    return {p: page_result(got[p], errors[p], plan.get(p)) for p in pages}


def run_lighthouse(site: Path, pages: list[str], modes: list[str], runs: int, every_run: bool = False,
                   progress: Progress | None = None, keep_reports: Path | None = None) -> dict[str, dict]:
    """Lighthouse on every page in each mode, one server per mode: {mode: {page: result}}."""
    out = {}
    for mode in modes:
        with serve(site, compress=mode == "gzip") as base:
            def once(page: str, n: int, base: str = base, mode: str = mode) -> dict:
                keep = None if keep_reports is None else keep_reports / mode / f"{page.replace('/', '__')}.{n}.json"
                return summarise(lighthouse_once(base + page, keep), base)
            out[mode] = lighthouse_pages(pages, mode, runs, once, every_run, progress)
    return out


# ----------------------------------------------------------------------------- across pages
def audits_across_pages(lighthouse: dict[str, dict[str, dict]]) -> list[dict]:
    """Every audit below 1 in the kept run of any page, gathered across pages: for each category
    and audit, in each mode, the pages it affects with their score, value and failing items.
    Accessibility, best practices and SEO first, then performance; weightier audits first."""
    rows: dict[tuple[str, str], dict] = {}
    for mode, results in lighthouse.items():
        for page, r in results.items():
            for c, audits in r.get("below_one", {}).items():
                for a in audits:
                    row = rows.setdefault((c, a["id"]), {"category": c, "id": a["id"], "title": a["title"],
                                                         "weight": a["weight"], "pages": {}})
                    row["weight"] = max(row["weight"], a["weight"])
                    hit = {"page": page, "score": a["score"], "value": a["value"]}
                    if "items" in a:
                        hit["explanation"] = a.get("explanation", "")
                        hit["items"] = a["items"]
                    row["pages"].setdefault(mode, []).append(hit)
    rank = {c: i for i, c in enumerate(("accessibility", "best-practices", "seo", "performance"))}
    return sorted(rows.values(), key=lambda r: (rank[r["category"]], -r["weight"], r["id"]))


def failing_elements(row: dict) -> list[dict]:
    """One audit's failing items across pages and modes: each selector (or text) once, with the
    pages it fails on, its markup and explanation (from its first page)."""
    seen: dict[str, dict] = {}
    for hits in row["pages"].values():
        for hit in hits:
            for item in hit.get("items", []):
                key = item.get("selector") or item.get("text", "")
                entry = seen.setdefault(key, {**item, "pages": []})
                if hit["page"] not in entry["pages"]:
                    entry["pages"].append(hit["page"])
    return list(seen.values())


def summarise_site(res: dict) -> dict:
    """The summary: pages at 100 in all four categories served gzipped (and the others, with what
    falls short), the lowest performance served uncompressed, the largest chapter gzipped and the
    chapters at or over the budget, the pages that fetch search at load, the failed pages."""
    lh = res.get("lighthouse", {})
    out: dict = {"pages": len(res["pages"])}
    for mode, results in lh.items():
        ok = {p: r for p, r in results.items() if "error" not in r}
        out[mode] = {
            "measured": len(ok),
            "all_100": [p for p, r in ok.items() if all(r["scores"][c] == 100 for c in CATEGORIES)],
            "short": {p: {c: r["scores"][c] for c in CATEGORIES if r["scores"][c] != 100}
                      for p, r in ok.items() if any(r["scores"][c] != 100 for c in CATEGORIES)},
            "search_at_load": [p for p, r in ok.items() if r["search_fetched_at_load"]],
            "failed": [p for p, r in results.items() if "error" in r],
        }
        perf = {p: r["scores"]["performance"] for p, r in ok.items() if r["scores"]["performance"] is not None}
        if perf:
            low = min(perf.values())
            out[mode]["min_performance"] = {"score": low, "pages": [p for p, s in perf.items() if s == low]}
            bar = RERUN_BELOW[mode].get("performance", 100)
            out[mode]["performance_below_bar"] = {p: s for p, s in perf.items() if s < bar}
    chapters = {p: w for p, w in res["weight"].items() if w["chapter"]}
    if chapters:
        big = max(chapters.values(), key=lambda w: w["gzip"])
        out["largest_chapter"] = {"page": big["page"], "gzip": big["gzip"], "bytes": big["bytes"]}
        out["chapters_over_budget"] = {p: w["gzip"] for p, w in chapters.items() if w["over_chapter_budget"]}
    return out
# ----------------------------------------------------------------------------- search, offline
#: run in every frame before the page's scripts (Playwright's init script); acts in the top page
#: only. It wraps `Worker` as the page sets it (the edition's iframe-worker shim sets it on
#: file://, then search-on-demand.js sets its stand-in, which starts the worker set before it),
#: so it sees each message Material's search sends and each answer: SETUP 0, READY 1,
#: QUERY 2, RESULT 3 (Material's SearchMessageType). A message passes through every wrapper (the
#: stand-in's, then the worker's), the same object each time: it is logged once. Times are
#: `performance.now()`, the clock of an event's `timeStamp`.
SEARCH_PROBE = r"""
(() => {
  if (window.top !== window) return;
  const log = window.__searchBench = {keys: [], queries: [], answers: [], renders: [], frames: [], ready: null};
  const seen = new WeakSet();
  const first = data => !!data && typeof data === "object" && !seen.has(data) && !!seen.add(data);
  const wrap = Base => class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => {        // before Material's own listener
        const data = event.data, t = performance.now();
        if (!first(data)) return;
        if (data.type === 1) log.ready = t;
        if (data.type === 3)
          log.answers.push({t, groups: data.data.items.length, entries: data.data.items.flat().length});
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2 && first(message)) log.queries.push({t: performance.now(), q: message.data});
      return super.postMessage(message, ...rest);
    }
  };
  let current = wrap(window.Worker);
  Object.defineProperty(window, "Worker", {configurable: true, get: () => current, set: v => { current = wrap(v); }});
  document.addEventListener("keyup", event => log.keys.push(event.timeStamp), true);
  document.addEventListener("DOMContentLoaded", () => {
    const list = document.querySelector(".md-search-result__list");
    if (!list) return;
    new MutationObserver(() => {
      if (!list.querySelector("li.md-search-result__item")) return;
      const t = performance.now();
      log.renders.push(t);
      requestAnimationFrame(() => log.frames.push({after: t, t: performance.now()}));
    }).observe(list, {childList: true});
  });
})();
"""
#: true once every query sent has its answer
SEARCH_IDLE = "() => { const l = window.__searchBench; return l.answers.length === l.queries.length; }"
SEARCH_READY = "() => window.__searchBench.ready !== null"


def whole_query_done(query: str, since: int) -> str:
    """A function (as text: the pages' CSP forbids evaluating expressions) true once the answer
    to `query` itself, sent after the first `since` queries, is in the page and painted."""
    return ("() => { const l = window.__searchBench; let i = -1;"
            f" for (let k = {since}; k < l.queries.length; k++) if (l.queries[k].q === {json.dumps(query)}) i = k;"
            " if (i < 0 || l.answers.length <= i || l.queries.length !== i + 1) return false;"
            " if (l.answers[i].groups === 0) return true;"
            " const t = l.answers[i].t; return l.frames.some(f => f.after >= t); }")


def whole_query_times(log: dict, query: str, since: int, keys_before: int) -> dict:
    """From the probe's log: the milliseconds from the last keystroke of `query` to its answer,
    to its first result in the page and to the frame after; how many result groups (pages) and
    entries (headings, paragraphs) it found."""
    i = max(k for k in range(since, len(log["queries"])) if log["queries"][k]["q"] == query)
    answer = log["answers"][i]
    key = log["keys"][-1]                          # the last key's keyup: Material reads the box then
    rendered = min(t for t in log["renders"] if t >= answer["t"]) if answer["groups"] else None
    frame = min(f["t"] for f in log["frames"] if f["after"] == rendered) if rendered is not None else None
    return {"answer_ms": answer["t"] - key, "result_ms": None if rendered is None else rendered - key,
            "frame_ms": None if frame is None else frame - key, "groups": answer["groups"],
            "entries": answer.get("entries"), "keystrokes": len(log["keys"]) - keys_before}


def search_round(browser, site: Path, queries: tuple[str, ...], delay_ms: int) -> dict:
    """One reader: a fresh context opens index.html from file://, opens search, types each query."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(SEARCH_PROBE)
        page.goto((site / "index.html").resolve().as_uri())
        page.wait_for_load_state("load")
        opened = page.evaluate("() => performance.now()")
        page.keyboard.press("s")                      # Material's key for search; on file:// it loads the index
        page.wait_for_function(SEARCH_READY, timeout=60_000)
        out: dict = {"ready_ms": page.evaluate("() => window.__searchBench.ready") - opened, "queries": {}}
        box = page.locator("input.md-search__input")
        for query in queries:
            page.wait_for_function(SEARCH_IDLE, timeout=60_000)
            page.wait_for_timeout(200)                # nothing of the last query left to do
            since, keys_before = page.evaluate(
                "() => [window.__searchBench.queries.length, window.__searchBench.keys.length]")
            box.focus()
            for n, key in enumerate(query):           # a keystroke (down, up), then a pause before the next
                if n:
                    page.wait_for_timeout(delay_ms)
                page.keyboard.press(key)
            page.wait_for_function(whole_query_done(query, since), timeout=60_000)
            out["queries"][query] = whole_query_times(page.evaluate("() => window.__searchBench"), query, since,
                                                      keys_before)
            box.press("Control+a")
            box.press("Backspace")                    # an empty box: Material clears the results
        return out
    finally:
        context.close()


def summary(values: list[float | None]) -> dict:
    got = [v for v in values if v is not None]
    return {"median": statistics.median(got), "max": max(got)} if got else {"median": None, "max": None}


def search_timing(site: Path, queries: tuple[str, ...] = SEARCH_QUERIES, rounds: int = 5, delay_ms: int = 100,
                  browser=None) -> dict:
    """The time from the last keystroke to the first result, offline (file://) in Chromium, for
    each query: median and maximum over `rounds` fresh readers. `browser`: a Playwright Chromium
    to use (a test's); by default Debian's Chromium is launched here, headless."""
    if browser is None:
        from playwright.sync_api import sync_playwright
        flags = [f for f in CHROME_FLAGS.split() if f != "--headless"]     # Playwright adds its own
        with sync_playwright() as pw:
            own = pw.chromium.launch(executable_path=CHROME, args=flags)
            try:
                return search_timing(site, queries, rounds, delay_ms, own)
            finally:
                own.close()
    load_before = os.getloadavg()[0]
    runs = [search_round(browser, site, queries, delay_ms) for _ in range(rounds)]
    per_query = {}
    for q in queries:
        rows = [r["queries"][q] for r in runs]
        per_query[q] = {"chars": len(q), "groups": rows[-1]["groups"], "entries": rows[-1]["entries"],
                        **{k: summary([row[k] for row in rows]) for k in ("answer_ms", "result_ms", "frame_ms")}}
    longest = max(queries, key=len)
    return {"site": "file://", "rounds": rounds, "delay_ms": delay_ms, "chromium": browser.version,
            "ready_ms": summary([r["ready_ms"] for r in runs]), "queries": per_query, "longest": longest,
            "load_average": [load_before, os.getloadavg()[0]], "runs": runs}


# ----------------------------------------------------------------------------- report
def command_output(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"unavailable ({exc})"


def environment() -> dict:
    return {"date": time.strftime("%a %b %e %H:%M:%S UTC %Y", time.gmtime()),   # as `date -u` prints it
            "platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "chromium": command_output([CHROME, "--version"]),
            "lighthouse": command_output([str(LIGHTHOUSE), "--version"]) if LIGHTHOUSE.exists() else "not installed",
            "node": command_output(["node", "--version"]), "load_average": list(os.getloadavg())}


def kb(n: float) -> str:
    return f"{n / 1000:,.1f} kB"


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f} ms"


def print_search_timing(t: dict) -> None:
    if "error" in t:
        print(f"\nSearch timing FAILED: {t['error']}")
        return
    print(f"\n| Search offline (file://), Chromium {t['chromium']}, {t['rounds']} rounds, a key every "
          f"{t['delay_ms']} ms | characters | pages (entries) found | to the worker's answer (median) "
          "| to the first result in the page: median | max | to the next frame: median | max |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for q, r in t["queries"].items():
        print(f"| `{q}` | {r['chars']} | {r['groups']} ({r['entries']:,}) | {ms(r['answer_ms']['median'])} "
              f"| {ms(r['result_ms']['median'])} | {ms(r['result_ms']['max'])} "
              f"| {ms(r['frame_ms']['median'])} | {ms(r['frame_ms']['max'])} |")
    long = t["queries"][t["longest"]]
    print(f"\nLongest query, `{t['longest']}` ({long['chars']} characters): from its last keystroke to its first "
          f"result in the page {ms(long['result_ms']['median'])} (median), {ms(long['result_ms']['max'])} (max).")
    every = [r["result_ms"]["max"] for r in t["queries"].values() if r["result_ms"]["max"] is not None]
    ready = t["ready_ms"]
    print(f"Slowest of any query in any round: {ms(max(every) if every else None)}. Opening search to the worker's "
          f"READY (the index read and indexed): {ms(ready['median'])} (median), {ms(ready['max'])} (max).")
    print("The machine's load average (1 min) before and after: {:.2f}, {:.2f}.".format(*t["load_average"]))




def _score(value: int | None) -> str:
    return "-" if value is None else str(value)


def score_cell(r: dict | None, category: str) -> str:
    """A score as the table shows it: the kept run's, then every run's when there were several and
    they differ (performance: always, when re-run); `-` not measured; FAILED when no run was made."""
    if r is None:
        return "-"
    if "error" in r:
        return "FAILED"
    kept = _score(r["scores"][category])
    every = [s[category] for s in r.get("scores_all_runs", [])]
    if len(every) > 1 and (category == "performance" or len(set(every)) > 1):
        return f"{kept} ({', '.join(_score(s) for s in every)})"
    return kept


def transfer_cell(r: dict | None) -> str:
    if r is None or "error" in r:
        return "-"
    search = "yes" if r["search_fetched_at_load"] else "no"
    return f"{kb(r['transferred_bytes'] or 0)}, {r['requests']} requests; search: {search}"


def page_list(pages: list[str], every: int, limit: int | None = None) -> str:
    """Pages named in a cell: `every page (N)` when it is all of them; at most `limit` names."""
    if every and len(pages) == every and every > 1:
        return f"every page ({every})"
    shown = pages if limit is None or len(pages) <= limit else pages[:limit]
    more = f" and {len(pages) - len(shown)} more" if len(shown) < len(pages) else ""
    return f"{len(pages)}: " + ", ".join(f"`{p}`" for p in shown) + more


def markdown_table(res: dict) -> list[str]:
    """The table of every page (to paste into BENCHMARKS.md): the four scores served gzipped,
    performance served uncompressed, HTML + CSS + JS before compression and gzipped (a chapter at
    or over the budget marked), and what the page transferred at load."""
    lh = res.get("lighthouse", {})
    gz, plain = lh.get("gzip"), lh.get("plain")
    transfer = "gzip" if gz is not None else "plain"
    lines = ["| Page | " + " | ".join(f"{CATEGORY_NAMES[c]}, gzipped" for c in CATEGORIES)
             + " | Performance, uncompressed | HTML+CSS+JS, bytes | gzipped, bytes "
             + f"| Transferred at load ({MODE_NAMES[transfer].removeprefix('served ')}) |",
             "|---|" + "---:|" * (len(CATEGORIES) + 3) + "---|"]
    for page in res["pages"]:
        w = res["weight"][page]
        size = f"{w['gzip']:,}"
        if w["over_chapter_budget"]:
            size = f"**{size}** (≥ {CHAPTER_BUDGET // 1000} KB)"
        g = None if gz is None else gz.get(page)
        p = None if plain is None else plain.get(page)
        lines.append(f"| `{page}` | " + " | ".join(score_cell(g, c) for c in CATEGORIES)
                     + f" | {score_cell(p, 'performance')} | {w['bytes']:,} | {size} "
                     + f"| {transfer_cell(lh.get(transfer, {}).get(page))} |")
    return lines


def markdown_summary(res: dict) -> list[str]:
    s = res["summary"]
    n = s["pages"]
    out = []
    for mode in MODES:
        if mode not in s:
            continue
        m = s[mode]
        results = {p: r for p, r in res["lighthouse"][mode].items() if "error" not in r}
        if mode == "gzip":
            best = m["all_100"]
            named = f" ({', '.join(f'`{p}`' for p in best)})" if 0 < len(best) <= LISTED else ""
            out.append(f"- Served gzipped: **{len(best)} of {n} pages at 100** in all four categories{named}.")
        else:
            low = m.get("min_performance")
            below = m.get("performance_below_bar", {})
            bar = RERUN_BELOW[mode]["performance"]
            out.append(f"- Served uncompressed: lowest performance **{_score(low['score']) if low else '-'}**"
                       + (f" ({', '.join(f'`{x}`' for x in low['pages'])})" if low else "")
                       + f"; {len(below)} of {m['measured']} pages below {bar}"
                       + (": " + ", ".join(f"`{x}` {v}" for x, v in below.items()) if 0 < len(below) <= LISTED
                          else " (see the table)" if below else "") + ".")
        for c in CATEGORIES:
            if mode == "plain" and c == "performance":
                continue
            short = {p: r["scores"][c] for p, r in results.items() if r["scores"][c] != 100}
            name = CATEGORY_NAMES[c]
            if not short:
                out.append(f"  - {name}: 100 on every page measured.")
            elif len(short) <= LISTED:
                out.append(f"  - {name} below 100: " + ", ".join(f"`{p}` {_score(v)}" for p, v in short.items()) + ".")
            else:
                worst = min(short, key=lambda p: -1 if short[p] is None else short[p])
                out.append(f"  - {name} below 100 on {len(short)} pages; lowest {_score(short[worst])} (`{worst}`).")
    if "largest_chapter" in s:
        big = s["largest_chapter"]
        over = s["chapters_over_budget"]
        out.append(f"- Largest chapter, HTML + CSS + JS gzipped: `{big['page']}`, **{big['gzip']:,} bytes** "
                   f"({big['bytes']:,} before compression). Chapters at or over {CHAPTER_BUDGET // 1000} KB "
                   f"(1 KB = 1000 bytes) gzipped: "
                   + (", ".join(f"`{p}` {v:,}" for p, v in over.items()) if over else "none") + ".")
    for mode in MODES:
        if mode in s:
            fetched = s[mode]["search_at_load"]
            out.append(f"- Search index or worker fetched while the page loads, {MODE_NAMES[mode]}: "
                       + (page_list(fetched, s[mode]["measured"], 6) if fetched else "on no page") + ".")
            if s[mode]["failed"]:
                out.append(f"- Lighthouse FAILED, {MODE_NAMES[mode]}: "
                           + ", ".join(f"`{p}`" for p in s[mode]["failed"]))
    for d in res.get("downloads", {}).values():
        out.append(f"- Download, not a page (not run in Lighthouse): `{d['page']}`, {d['bytes']:,} bytes "
                   f"of HTML + CSS + JS, {d['gzip']:,} gzipped.")
    return out


def audit_cell(a: dict, mode: str, measured: int, limit: int | None = None) -> str:
    """The pages an audit is below 1 on in `mode`, and its lowest score there: every page named
    for accessibility, best practices and SEO (to be fixed), for performance (the table has each
    page's score) their number and the page with the lowest score."""
    hits = a["pages"].get(mode, [])
    if not hits:
        return "-"
    scored = [h for h in hits if h["score"] is not None]
    if a["category"] != "performance":
        low = f"lowest {min(h['score'] for h in scored):.2f}" if scored else "error"
        return f"{page_list([h['page'] for h in hits], measured, limit)}; {low}"
    count = f"every page ({measured})" if len(hits) == measured and measured > 1 else f"{len(hits)} of {measured}"
    if not scored:
        return f"{count}; error"
    worst = min(scored, key=lambda h: h["score"])
    value = f", {worst['value']}" if worst.get("value") else ""
    return f"{count}; lowest {worst['score']:.2f} (`{worst['page']}`{value})"


def markdown_audits(res: dict) -> list[str]:
    """Every audit below 1 across pages: those that count (accessibility, best practices, SEO, and
    the performance metrics) with the pages they affect in each mode and the lowest score; the
    performance audits of weight 0 on one line; then for accessibility, best practices and SEO each
    failing element's selector (or URL, message) with the pages it fails on."""
    audits = res.get("audits", [])
    if not audits:
        return []
    measured = {m: res["summary"][m]["measured"] for m in res.get("lighthouse", {})}
    modes = [m for m in MODES if m in measured]
    counted = [a for a in audits if a["category"] != "performance" or a["weight"]]
    lines = []
    if counted:
        lines += ["| Category | Audit below 1 | Weight | "
                  + " | ".join(f"Pages, {MODE_NAMES[m]}" for m in modes) + " |",
                  "|---|---|---:|" + "---|" * len(modes)]
        for a in counted:
            lines.append(f"| {a['category']} | `{a['id']}` ({a['title']}) | {a['weight']} | "
                         + " | ".join(audit_cell(a, m, measured[m]) for m in modes) + " |")
    insights = [a for a in audits if a["category"] == "performance" and not a["weight"]]
    if insights:
        if lines:
            lines.append("")
        lines.append("Performance audits below 1 of weight 0 (not in the score; where the time goes): "
                     + "; ".join(f"`{a['id']}` (" + " / ".join(
                         f"{MODE_NAMES[m].removeprefix('served ')}: {audit_cell(a, m, measured[m])}"
                         for m in modes if a["pages"].get(m)) + ")" for a in insights) + ".")
    pointed = [a for a in audits if a["category"] != "performance"]
    if pointed:
        lines += ["", "Failing elements (accessibility, best practices, SEO): the audit, what it points at "
                  "(CSS selector and markup, or URL / message) and the pages it fails on."]
        every = max(measured.values()) if measured else 0
        for a in pointed:
            elements = failing_elements(a)
            explanation = next((h.get("explanation") for hits in a["pages"].values() for h in hits
                                if h.get("explanation")), "")
            lines.append(f"\n- `{a['id']}` ({a['category']}): {a['title']}"
                         + (f". {explanation}" if explanation else ""))
            if not elements:
                pages = sorted({h["page"] for hits in a["pages"].values() for h in hits})
                lines.append(f"  - (no element named) on {page_list(pages, every, 8)}")
            for e in elements:
                where = page_list(e["pages"], every, 8)
                if "selector" in e:
                    lines.append(f"  - `{e['selector']}` `{e['snippet']}` on {where}"
                                 + (f". {e['explanation']}" if e.get("explanation") else ""))
                else:
                    lines.append(f"  - {e['text']} on {where}")
    return lines


def print_report(res: dict, full: bool = True, out: TextIO = sys.stdout) -> None:
    """The figures as Markdown: the table of every page, the summary and the audits below 1; with
    `full` (not `--markdown`), also the runs, warnings and files of each page, and search."""
    env = res["environment"]

    def say(text: str = "") -> None:
        print(text, file=out)

    say(f"## Web performance, {env['date']}\n")
    say(f"Machine: {env['platform']}, {env['cpus']} CPUs, load average {env['load_average'][0]:.2f} at the start"
        + (f", {res['load_average_end'][0]:.2f} at the end" if "load_average_end" in res else "")
        + f"; {env['chromium']}; Lighthouse {env['lighthouse']} (Node {env['node']}); Python {env['python']}. "
        + f"Site: {res['site']}.")
    if "pages" in res:
        if "lighthouse" in res:
            if res["every_run"] or res["runs"] == 1:
                runs = f"{res['runs']} run(s) of every page" + (" (median performance kept)" if res["runs"] > 1 else "")
            else:
                runs = (f"one run a page, up to {res['runs']} (median performance kept) for a page below the bar "
                        f"(gzipped: 100 in every category; uncompressed: performance "
                        f"{RERUN_BELOW['plain']['performance']})")
            say(f"Lighthouse mobile, {runs}. Duration: {clock(res['duration_s'])}.")
        say()
        for line in [*markdown_table(res), "", *markdown_summary(res)]:
            say(line)
        audits = markdown_audits(res)
        if audits:
            say()
            for line in audits:
                say(line)
        if full:
            print_details(res, say)
    if "search_timing" in res:
        with contextlib.redirect_stdout(out):
            print_search_timing(res["search_timing"])


def print_details(res: dict, say: Callable[[str], None]) -> None:
    """Per page and mode, every run's scores, why it was run again and Lighthouse's warnings; the
    files counted; the search files."""
    warnings: dict[str, list[str]] = {}
    for mode, results in res.get("lighthouse", {}).items():
        say(f"\nRuns, {MODE_NAMES[mode]} (performance/accessibility/best practices/SEO):")
        for page, r in results.items():
            if "error" in r:
                say(f"- `{page}`: FAILED: {r['error']}")
                continue
            runs = "; ".join(scores_text(s) for s in r["scores_all_runs"])
            speed = [s.get("benchmark_index") for s in r.get("speed_all_runs", [])]
            if any(speed):
                runs += f" (benchmarkIndex {', '.join(f'{b:.0f}' if b else '-' for b in speed)})"
            why = f", run again because {', '.join(r['rerun_because'])}" if r["rerun_because"] else ""
            say(f"- `{page}`: {runs} (run {r['kept_run']} kept{why}); transferred {kb(r['transferred_bytes'] or 0)} "
                f"in {r['requests']} requests; search at load: {', '.join(r['search_fetched_at_load']) or 'nothing'}")
            for warning in r["warnings"]:
                warnings.setdefault(_shorten(warning, 300), []).append(f"{page} ({mode})")
    for warning, where in warnings.items():
        say(f"\nLighthouse warned on {len(where)} of the kept runs: {warning}")
    shared: dict[tuple, list[str]] = {}
    for page, w in res["weight"].items():
        shared.setdefault(tuple((f["file"], f["bytes"], f["gzip"]) for f in [*w["css"], *w["js"]]), []).append(page)
    say(f"\nFiles counted besides each page's HTML (bytes, gzipped; the 150 kB target before compression: "
        f"{sum(w['over_target'] for w in res['weight'].values())} of {len(res['weight'])} pages over it):")
    for files, pages in shared.items():
        say(f"- on {page_list(pages, len(res['weight']), 5)}: "
            + ", ".join(f"`{f}` {b:,} ({g:,})" for f, b, g in files))
    for page, w in res["weight"].items():
        if w["not_counted"]:
            say(f"- `{page}`: not counted (not a local file): {w['not_counted']}")
    if res.get("excluded"):
        say("\nNot measured: " + "; ".join(f"`{p}`, {why}" for p, why in res["excluded"].items()) + ".")
    if res.get("not_in_sitemap"):
        say("Measured though sitemap.xml does not list them: " + ", ".join(f"`{p}`" for p in res["not_in_sitemap"]))
    if res.get("sitemap_not_measured"):
        say("In sitemap.xml but not measured: " + ", ".join(f"`{p}`" for p in res["sitemap_not_measured"]))
    s = res["search"]
    say(f"\n| Search, not counted above | bytes | gzip (level {GZIP_LEVEL}) |")
    say("|---|---:|---:|")
    for name, files in (("search index", s["index"]), ("search worker", s["worker"])):
        for f in files:
            say(f"| {name} (`{f['file']}`) | {f['bytes']:,} | {f['gzip']:,} |")


def measure(site: Path, site_label: str, modes: list[str] | None = None, runs: int = 3, every_run: bool = False,
            patterns: list[str] | None = None, with_lighthouse: bool = True, search: dict | None = None,
            pages_too: bool = True, keep_reports: Path | None = None, stream: TextIO | None = sys.stderr) -> dict:
    """The figures: every page's bytes and (`with_lighthouse`) its Lighthouse scores in each of
    `modes`, unless not `pages_too`; the search timing when `search` gives its options
    (`search_timing`'s keywords). Progress goes to `stream`."""
    start = time.monotonic()
    res: dict = {"environment": environment(), "site": site_label}
    if pages_too:
        res.update(measure_pages(site, modes or list(MODES), runs, every_run, patterns, with_lighthouse,
                                 keep_reports, stream))
    if search is not None:
        try:
            res["search_timing"] = search_timing(site, **search)
        except Exception as exc:   # noqa: BLE001 (a browser's timeout or a missing Playwright: reported, and fails)
            res["search_timing"] = {"error": f"{type(exc).__name__}: {exc}"}
    res["duration_s"] = time.monotonic() - start
    res["load_average_end"] = list(os.getloadavg())
    return res


def measure_pages(site: Path, modes: list[str], runs: int, every_run: bool, patterns: list[str] | None,
                  with_lighthouse: bool, keep_reports: Path | None, stream: TextIO | None) -> dict:
    found = find_pages(site)
    pages = select_pages(found["pages"], patterns)
    res: dict = {"runs": runs, "every_run": every_run, "modes": modes if with_lighthouse else [],
                 "pages": pages, **{k: found[k] for k in ("excluded", "not_in_sitemap", "sitemap_not_measured")},
                 "weight": {p: page_weight(site / p, site) for p in pages},
                 "downloads": {p: page_weight(site / p, site) for p in found["downloads"]},
                 "search": search_weight(site)}
    if with_lighthouse:
        first = len(pages) * len(modes) * (runs if every_run else 1)
        progress = Progress(first, stream)
        progress.say(f"benchmarks.web: {len(pages)} pages, {' and '.join(MODE_NAMES[m] for m in modes)}: {first} "
                     f"Lighthouse runs, at about {RUN_SECONDS_GUESS} s each about {clock(first * RUN_SECONDS_GUESS)}"
                     + ("" if every_run or runs <= 1 else
                        f", plus {runs - 1} more for each page below the bar (at worst "
                        f"{clock(first * runs * RUN_SECONDS_GUESS)} in all)")
                     + f". Load average now {os.getloadavg()[0]:.2f}.")
        started = time.monotonic()
        res["lighthouse"] = run_lighthouse(site, pages, modes, runs, every_run, progress, keep_reports)
        res["lighthouse_s"] = time.monotonic() - started
        res["lighthouse_runs"] = progress.done
        progress.say(f"benchmarks.web: {progress.done} Lighthouse runs in {clock(res['lighthouse_s'])}.")
    return conclude(res)


def conclude(res: dict) -> dict:
    """`res` (pages, weights, Lighthouse results) with the audits across pages and the summary."""
    res["audits"] = audits_across_pages(res.get("lighthouse", {}))
    res["summary"] = summarise_site(res)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.web", description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a built site to measure (default: build one in a temporary copy)")
    ap.add_argument("--mode", choices=("gzip", "plain", "both"), default=None,
                    help="serve the pages gzipped, uncompressed, or both in turn (default both)")
    ap.add_argument("--gzip", action="store_true", help="the same as --mode gzip")
    ap.add_argument("--runs", type=int, default=3,
                    help="at most this many Lighthouse runs a page, for a page below the bar; the median kept "
                         "(default 3)")
    ap.add_argument("--every-run", action="store_true",
                    help="run every page --runs times, not only those below the bar")
    ap.add_argument("--pages", nargs="+", metavar="PATTERN",
                    help="only these pages: paths in the site or globs, several or comma-separated ('report/*')")
    ap.add_argument("--no-lighthouse", action="store_true", help="count bytes only")
    ap.add_argument("--save-reports", type=Path, metavar="DIR", help="keep every Lighthouse JSON report in DIR")
    ap.add_argument("--no-search", action="store_true", help="no search timing")
    ap.add_argument("--search-only", action="store_true", help="the search timing alone (no Lighthouse, no bytes)")
    ap.add_argument("--search-rounds", type=int, default=5, help="readers (fresh browser contexts) timed (default 5)")
    ap.add_argument("--search-delay", type=int, default=100, help="ms between keystrokes (default 100)")
    out = ap.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print every figure as JSON")
    out.add_argument("--markdown", action="store_true",
                     help="print only the table of every page, the summary and the audits (for BENCHMARKS.md)")
    args = ap.parse_args(argv)
    if args.gzip and args.mode not in (None, "gzip"):
        ap.error("--gzip is --mode gzip; give one of them")
    mode = "gzip" if args.gzip else (args.mode or "both")
    modes = list(MODES) if mode == "both" else [mode]
    search = None if args.no_search else {"rounds": max(1, args.search_rounds), "delay_ms": max(0, args.search_delay)}
    with tempfile.TemporaryDirectory(prefix="edition-web-") as tmp:
        try:
            site = args.site.resolve() if args.site else build_site(Path(tmp))
            label = str(site) if args.site else "a fresh build of the project in a temporary copy"
            res = measure(site, label, modes, max(1, args.runs), args.every_run, args.pages, not args.no_lighthouse,
                          search, pages_too=not args.search_only,
                          keep_reports=args.save_reports.resolve() if args.save_reports else None)
        except RuntimeError as exc:   # no site to measure, or no such page: say why, and fail
            print(f"benchmarks.web: {exc}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print_report(res, full=not args.markdown)
    failed = (any("error" in r for results in res.get("lighthouse", {}).values() for r in results.values())
              or "error" in res.get("search_timing", {}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
