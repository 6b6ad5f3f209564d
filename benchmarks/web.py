"""Web performance of the built site: Lighthouse scores and the bytes each page loads.

Run from the project root: `.venv/bin/python -m benchmarks.web` (`make bench` runs it after
benchmarks.bench, having installed Lighthouse with `npm ci` in benchmarks/lighthouse/).
Options: `--site DIR` (measure a built site instead of building one), `--runs N` (Lighthouse runs
per page, the median kept; default 3), `--gzip` (serve HTML, CSS, JS and JSON gzipped, as a web
host does), `--no-lighthouse` (byte counts only), `--no-search` (no search timing),
`--search-only` (the search timing alone), `--search-rounds N` (default 5), `--search-delay MS`
(between keystrokes, default 100), `--json`.

The site is built fresh (`python -m scripts build -q`) in a temporary copy of the project, as
benchmarks.bench does, so the figures are those of the sources as they are now, and docs/ and
build/ are never touched. Two pages are measured: the home page (index.html) and the longest
chapter (the largest HTML file under report/).

Measured (see BENCHMARKS.md for what each figure means):

1. Lighthouse (benchmarks/lighthouse/package.json pins it), with its default mobile settings:
   a Moto G Power screen, simulated Slow 4G and a 4x slower CPU. Each page is run N times and
   the run with the median performance score is kept (the score of every run is shown: on a
   small shared machine it varies by 10 points or more). It runs Debian's Chromium
   (CHROME_PATH, default /usr/bin/chromium; nothing is downloaded) headless, with a fresh
   profile, against the site served by Python's http.server on 127.0.0.1 (Lighthouse refuses
   file://). By default it serves the files as they are, uncompressed and with no cache headers,
   as `python -m http.server` does; with `--gzip` it sends HTML, CSS, JS and JSON gzipped, as
   web hosts do. The simulated network makes that difference large: see BENCHMARKS.md. For each
   page: the four category scores, 0-100 (performance, accessibility, best practices, SEO), and
   every audit that scored below 1 (id, title, score, its weight in the category score,
   Lighthouse's value). Audits that are informative, manual or not applicable are left out: they
   have no score. In performance, only the metrics (weight > 0) make the score;
   the insights (weight 0) say where the time goes. Also from the same run: the bytes the page
   actually transferred while loading (`total-byte-weight`; uncompressed unless `--gzip`),
   whether it fetched the search index and the search worker, and Lighthouse's run warnings.
2. Bytes per page, before compression, counted from the files on disk: the HTML file, plus every
   stylesheet (`<link rel="stylesheet" href>`) and script (`<script src>`) it references that
   is a file of the site (other hosts and missing files are listed, not counted). Their total is
   set beside the target of 150 kB (1 kB = 1000 bytes); it is reported, not asserted. Each
   file's gzip size (level 6, what web servers commonly use) is given for information; the total
   is the sum of the files compressed one by one, as a server sends them.
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

Nothing here asserts on a score, a size or a time: the figures are printed, not judged. The
exit status is 1 only if a measurement could not be made (the build, Lighthouse or a search
round failed).
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from benchmarks.bench import ROOT, build_env, copy_project

LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
UNSCORED = ("informative", "manual", "notApplicable")   # scoreDisplayMode of audits with no score
TARGET_BYTES = 150_000   # HTML + CSS + JS of one page, search excluded (1 kB = 1000 bytes)
GZIP_LEVEL = 6
SEARCH_INDEX = ("search/search_index.json", "search/search_index.js")
SEARCH_WORKER = "assets/javascripts/workers/*.js"
COMPRESSED = (".html", ".css", ".js", ".json")   # what `--gzip` serves compressed
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


def measured_pages(site: Path) -> dict[str, Path]:
    """The pages measured: the home page and the longest chapter (largest HTML file in report/)."""
    chapters = sorted(site.glob("report/*.html"), key=lambda p: (-p.stat().st_size, p.name))
    if not chapters:
        raise RuntimeError(f"{site}/report/: no chapter pages; is {site} a built site?")
    return {"home": site / "index.html", "longest chapter": chapters[0]}


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
    """The page's HTML and the local CSS and JS it references: bytes on disk and gzipped."""
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
    out["html"] = file_sizes([page.resolve()], site)[0]
    every = [out["html"], *out["css"], *out["js"]]
    out["bytes"] = sum(f["bytes"] for f in every)
    out["gzip"] = sum(f["gzip"] for f in every)
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


def lighthouse_once(url: str) -> dict:
    """One Lighthouse run (mobile, the four categories) in a fresh Chromium profile: its JSON report."""
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
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse: {report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}")
    return report


def below_one(report: dict, category: str) -> list[dict]:
    """The audits of a category that scored below 1 (audits with no score left out)."""
    rows = []
    for ref in report["categories"][category]["auditRefs"]:
        a = report["audits"][ref["id"]]
        if a.get("scoreDisplayMode") in UNSCORED or (a.get("score") is not None and a["score"] >= 1):
            continue
        rows.append({"id": a["id"], "title": a["title"], "score": a.get("score"), "weight": ref.get("weight", 0),
                     "value": a.get("displayValue", "") or (a.get("errorMessage") or "")})
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
        "lighthouse": report.get("lighthouseVersion"),
        "form_factor": report["configSettings"].get("formFactor"),
    }


def lighthouse(base: str, page: str, runs: int) -> dict:
    """`runs` Lighthouse runs of one page; the run with the median performance score is kept
    (for an even `runs`, the better of the two middle ones)."""
    summaries = [summarise(lighthouse_once(base + page), base) for _ in range(runs)]
    perf = [s["scores"]["performance"] or 0 for s in summaries]
    kept = sorted(range(runs), key=lambda i: perf[i])[runs // 2]
    return {**summaries[kept], "runs": runs, "performance_all_runs": perf}


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
            "node": command_output(["node", "--version"])}


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


def print_markdown(res: dict) -> None:
    env = res["environment"]
    print(f"## Web performance, {env['date']}\n")
    print(f"Machine: {env['platform']}, {env['cpus']} CPUs; {env['chromium']}; Lighthouse {env['lighthouse']} "
          f"(Node {env['node']}); Python {env['python']}. Site: {res['site']}.\n")
    if "pages" in res:
        print_web(res)
    if "search_timing" in res:
        print_search_timing(res["search_timing"])


def print_web(res: dict) -> None:
    pages = res["pages"]
    lh = res.get("lighthouse")
    if lh is not None:
        names = {"performance": "Performance", "accessibility": "Accessibility",
                 "best-practices": "Best practices", "seo": "SEO"}
        served = f"served gzipped (level {GZIP_LEVEL})" if res["gzip_served"] else "served uncompressed"
        print(f"| Lighthouse, mobile, {served}, median of {res['runs']} run(s) | "
              + " | ".join(names[c] for c in CATEGORIES)
              + " | transferred at load |")
        print("|---|" + "---:|" * (len(CATEGORIES) + 1))
        for label, page in pages.items():
            r = lh[label]
            if "error" in r:
                print(f"| {label} (`{page}`) | FAILED: {r['error']} |" + " |" * len(CATEGORIES))
                continue
            scores = " | ".join("-" if r["scores"][c] is None else str(r["scores"][c]) for c in CATEGORIES)
            print(f"| {label} (`{page}`) | {scores} | {kb(r['transferred_bytes'])} in {r['requests']} requests |")
        print("\n| Page | Category | Audit below 1 (id) | Title | Score | Weight | Value |")
        print("|---|---|---|---|---:|---:|---|")
        for label in pages:
            r = lh[label]
            for c in CATEGORIES:
                for a in r.get("below_one", {}).get(c, []):
                    score = "error" if a["score"] is None else f"{a['score']:.2f}"
                    print(f"| {label} | {c} | `{a['id']}` | {a['title']} | {score} | {a['weight']} | {a['value']} |")
        for label in pages:
            r = lh[label]
            if "error" not in r:
                fetched = ", ".join(f"`{u}`" for u in r["search_fetched_at_load"]) or "nothing"
                print(f"\n{label}: performance over the runs {r['performance_all_runs']}; "
                      f"search files fetched while the page loaded: {fetched}.")
                for warning in r["warnings"]:
                    print(f"Lighthouse warned: {warning}")
    print("\n| Bytes before compression (from disk) | HTML | CSS | JS | HTML+CSS+JS | target "
          f"| gzip (level {GZIP_LEVEL}) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, w in res["weight"].items():
        css, js = sum(f["bytes"] for f in w["css"]), sum(f["bytes"] for f in w["js"])
        verdict = "within" if w["bytes"] <= TARGET_BYTES else f"over by {kb(w['bytes'] - TARGET_BYTES)}"
        print(f"| {label} (`{w['page']}`) | {w['html']['bytes']:,} | {css:,} ({len(w['css'])} files) "
              f"| {js:,} ({len(w['js'])} files) | **{w['bytes']:,}** | {kb(TARGET_BYTES)}: {verdict} | {w['gzip']:,} |")
    s = res["search"]
    print(f"\n| Search, not counted above | bytes | gzip (level {GZIP_LEVEL}) |")
    print("|---|---:|---:|")
    for name, files in (("search index", s["index"]), ("search worker", s["worker"])):
        for f in files:
            print(f"| {name} (`{f['file']}`) | {f['bytes']:,} | {f['gzip']:,} |")
    print("\nFiles counted per page:")
    for label, w in res["weight"].items():
        listed = ", ".join(f"`{f['file']}` {f['bytes']:,}" for f in [w["html"], *w["css"], *w["js"]])
        skipped = f"; not counted (not a local file): {w['not_counted']}" if w["not_counted"] else ""
        print(f"- {label}: {listed}{skipped}")


def measure(site: Path, runs: int, with_lighthouse: bool, compress: bool, site_label: str,
            search: dict | None = None, pages_too: bool = True) -> dict:
    """The figures: pages' bytes and (`with_lighthouse`) Lighthouse unless not `pages_too`; the
    search timing when `search` gives its options (`search_timing`'s keywords)."""
    res: dict = {"environment": environment(), "site": site_label}
    if pages_too:
        res.update(measure_pages(site, runs, with_lighthouse, compress))
    if search is not None:
        try:
            res["search_timing"] = search_timing(site, **search)
        except Exception as exc:   # noqa: BLE001 (a browser's timeout or a missing Playwright: reported, and fails)
            res["search_timing"] = {"error": f"{type(exc).__name__}: {exc}"}
    return res


def measure_pages(site: Path, runs: int, with_lighthouse: bool, compress: bool) -> dict:
    pages = measured_pages(site)
    res: dict = {"runs": runs, "gzip_served": compress,
                 "pages": {label: p.relative_to(site).as_posix() for label, p in pages.items()},
                 "weight": {label: page_weight(p, site) for label, p in pages.items()},
                 "search": search_weight(site)}
    if with_lighthouse:
        res["lighthouse"] = {}
        with serve(site, compress) as base:
            for label, page in res["pages"].items():
                try:
                    res["lighthouse"][label] = lighthouse(base, page, runs)
                except RuntimeError as exc:   # reported in the table, and in the exit status
                    res["lighthouse"][label] = {"error": str(exc)}
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.web", description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a built site to measure (default: build one in a temporary copy)")
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is kept (default 3)")
    ap.add_argument("--gzip", action="store_true", help="serve HTML, CSS, JS and JSON gzipped, as web hosts do")
    ap.add_argument("--no-lighthouse", action="store_true", help="count bytes only")
    ap.add_argument("--no-search", action="store_true", help="no search timing")
    ap.add_argument("--search-only", action="store_true", help="the search timing alone (no Lighthouse, no bytes)")
    ap.add_argument("--search-rounds", type=int, default=5, help="readers (fresh browser contexts) timed (default 5)")
    ap.add_argument("--search-delay", type=int, default=100, help="ms between keystrokes (default 100)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of Markdown")
    args = ap.parse_args(argv)
    search = None if args.no_search else {"rounds": max(1, args.search_rounds), "delay_ms": max(0, args.search_delay)}
    with tempfile.TemporaryDirectory(prefix="edition-web-") as tmp:
        try:
            site = args.site.resolve() if args.site else build_site(Path(tmp))
            label = str(site) if args.site else "a fresh build of the project in a temporary copy"
            res = measure(site, max(1, args.runs), not args.no_lighthouse, args.gzip, label, search,
                          pages_too=not args.search_only)
        except RuntimeError as exc:   # no site to measure: say why, and fail
            print(f"benchmarks.web: {exc}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print_markdown(res)
    failed = any("error" in r for r in res.get("lighthouse", {}).values()) or "error" in res.get("search_timing", {})
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
