"""The whole build at k times the report (issue 15): time, memory and the size of the site.

Run from the project root: `.venv/bin/python -m benchmarks.scale --k 1 10 50` (`make bench` runs
`--k 1 10 50`). Options: `--k K [K ...]` (default 1 10 50), `--no-press` (the k× project without the
press article), `--timeout S` (seconds one build may take, default 2400), `--baseline FILE` (ratios
against the 1× figures of an earlier `--json` run, when 1 is not among `--k`), `--stages` (per-stage
times from an in-process build whose stage functions are wrapped, beside the measured build),
`--keep DIR` (leave the k× projects in DIR), `--max-rss MIB` (stop a build whose RSS passes it,
default 8000: the machine is shared), `--progress S` (the RSS every S seconds, on stderr),
`--pattern-budget S` (below), `--json`.

For each k:

1. A k× project in a temporary folder: `scripts.build.copy_build_inputs`, then the report's seed
   replaced by the report k times over (`scaled_project`): the text regenerated from the
   pipeline's model with each copy's footnotes renumbered (bench.py's `scaled_input`), the
   metadata file's checksum, byte and line counts those of the new seed, and the editorial file
   written again as TOML for k copies (what changes and why is in its comments). `published/` is
   removed: its manifest lists the addresses of the 1× report, which a k× build would check
   against a report it is not. At k = 1 the seed, the metadata and the editorial file are the
   project's own, byte for byte.
2. The build exactly as `make site` runs it, `python -m scripts build -q` with the project as
   working directory, started by a small wrapper process of its own (`_WRAPPER`), so that
   `getrusage(RUSAGE_CHILDREN).ru_maxrss` after it exits is that build's peak RSS alone. The
   wrapper also samples the build's VmRSS (/proc/<pid>/status) every second: the RSS over time.
   If the build's command line offers `--timings FILE` (feature-detected from `--help`), its
   per-stage times are read from that JSON file. The build is `make site`'s at every k: an
   editorial pattern's time budget grows with the text it searches
   (`scripts.editorial.PATTERN_BUDGET` plus `PATTERN_BUDGET_PER_MB`), so a k× report runs the
   same patterns without running out of it (a fixed 2 s for the whole text did, at 3×, on a
   loaded machine). `--pattern-budget S` still sets a fixed budget of k × S seconds first
   (`python -c <set PATTERN_BUDGET to k × S> build -q`, `build_command`), to compare with that.
3. The site: bytes and number of the HTML pages under build/site, the largest page (the single-file
   edition) and the largest chapter page, and the links in the primary navigation
   (`<nav class="md-nav md-nav--primary">`) of the first chapter's page.

Then the ratios to 1×: time, peak RSS and HTML bytes, and the issue's aims: 50× (or the largest k)
in under 60 times the 1× time, and under 500 MB. Nothing here asserts on a time.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from benchmarks.bench import EDITORIAL, ROOT, SEED, build_env, editorial_table, environment, run_pipeline, scaled_input
from scripts import build
from scripts.clean.footnotes import FOOTNOTE_BODY_START
from scripts.editorial import PATTERN_BUDGET
from scripts.model import Document, LineKind, NoteRef
from scripts.seeds import decode_seed

SCALES = (1, 10, 50)
META = SEED.with_name("casey-report.meta.toml")
PRESS = ("press-article.txt", "press-article.meta.toml", "press-article.editorial.toml")
#: the issue's aims for the largest k (50×): under 60 times the 1× time, under 500 MB of memory
AIM_TIME_RATIO = 60
AIM_RSS_BYTES = 500 * 10**6
#: editorial entries a k× report cannot keep, and why
DROPPED = {
    "untraced_pages": "its 'Annex A' starts a page in every copy, and it must name exactly one (the pages around "
                      "each copy's blank divider are then unknown, not guessed).",
    "cross_references": "each names its target heading by its words, which every copy prints, and a target must be "
                        "printed once; the phrases stay plain text (7 links a copy fewer).",
}


# ----------------------------------------------------------------------------- the k× input
def max_copies(per_copy: int) -> int:
    """A footnote's first line starts with at most three digits (`FOOTNOTE_BODY_START`), so the
    notes of the k copies, numbered on, must stay under 1000."""
    digits = re.search(r"\\d\{1,(\d+)\}", FOOTNOTE_BODY_START.pattern)
    return (10 ** int(digits.group(1)) - 1) // per_copy if digits else 1


def marker_context(line: str, at: int, width: int) -> str:
    """The words around a marker that starts at `at` in `line`: from a word start about 24
    characters before it to the end of the word it ends (the context the pipeline looks for)."""
    start = max(0, at - 24)
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    end = at + width
    while end < len(line) and not line[end].isspace():
        end += 1
    return line[start:end].strip()


def extra_marker_entries(doc: Document, text: str, k: int, have: set[int]) -> list[dict]:
    """A `[[footnote_markers]]` entry, with the words around it, for each renumbered note whose
    number occurs in the running text of the k× report elsewhere than at its own marker.

    The pipeline looks for marker N between marker N-1 and the rule above note N, and stops when
    it finds two candidates there (note 222 from 14 copies: "£10.222m" of an earlier copy's
    Annex C), asking for exactly this entry. Any occurrence of the digits that is not followed by
    another digit or '%' counts here, in the whole text, so every note the pipeline could ask
    about has its entry (a few more do too). Copy 1's notes keep their numbers and the real
    report's one entry, so 1× and the first copy are untouched.
    """
    per_copy = len(doc.footnotes)
    kinds = {sl.number: sl.kind for sl in doc.lines}
    n_lines = len(doc.lines)
    lines = text.split("\n")
    running = "\n".join(ln for i, ln in enumerate(lines[:k * n_lines]) if kinds[i % n_lines + 1] is LineKind.TEXT)
    marked = [(ln, x.number) for ln in doc.body_lines for x in ln.inlines if isinstance(x, NoteRef)]
    entries = []
    for j in range(1, k):
        shift = per_copy * j
        for ln, n in marked:
            new = n + shift
            if new in have or len(re.findall(rf"{new}(?![\d%])", running)) <= 1:
                continue
            pieces = [str(x.number + shift) if isinstance(x, NoteRef) else x for x in ln.inlines]
            at = sum(len(x) for x in pieces[:ln.inlines.index(NoteRef(n))])   # in the renumbered line
            renumbered = "".join(pieces)
            entries.append({"note": new, "context": marker_context(renumbered, at, len(str(new))),
                            "reason": f"The k× benchmark's input (benchmarks/scale.py): note {new} (note {n} of copy "
                                      f"{j + 1}) has its number elsewhere in the repeated text too; these are the "
                                      "words around its marker."})
    return entries


def scaled_report(k: int, doc: Document | None = None, editorial: dict | None = None) -> tuple[str, dict, list[str]]:
    """The report k times over: its text, its editorial table, and what was changed (for comments)."""
    editorial = editorial_table() if editorial is None else editorial
    doc = run_pipeline(decode_seed(SEED), editorial) if doc is None else doc
    if not 1 <= k <= max_copies(len(doc.footnotes)):
        raise ValueError(f"k = {k}: between 1 and {max_copies(len(doc.footnotes))} copies (footnote numbers "
                         "have at most three digits)")
    if k == 1:
        return SEED.read_text(encoding="utf-8"), editorial, []
    text, table = scaled_input(doc, editorial, k)
    for kind in DROPPED:
        table.pop(kind, None)
    have = {e["note"] for e in table["footnote_markers"]}
    extra = extra_marker_entries(doc, text, k, have)
    table["footnote_markers"] = sorted(table["footnote_markers"] + extra, key=lambda e: e["note"])
    notes = [
        f"The report {k} times over, for benchmarks/scale.py: not an editorial file of any real text.",
        f"Copy j's footnotes are numbered {len(doc.footnotes)}*(j-1)+1 .. {len(doc.footnotes)}*j, in the running "
        "text and at the start of each note.",
        *(f"[[{kind}]] dropped: {why}" for kind, why in DROPPED.items()),
        f"[[footnote_markers]]: the report's entry once per copy, and {len(extra)} entries for renumbered notes whose "
        "number also occurs elsewhere in the repeated text (each says so).",
        "Every other entry is the report's own: it matches in every copy, and an entry is used once it matches.",
    ]
    return text, table, notes


# ----------------------------------------------------------------------------- TOML out
def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)     # a JSON string is a TOML basic string
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(f"no TOML for {type(v).__name__}")


def toml_dumps(table: dict, comments: list[str] = ()) -> str:
    """An editorial table (arrays of tables of strings, numbers, booleans, lists) as TOML."""
    out = [f"# {c}" for c in comments]
    for kind, entries in table.items():
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise TypeError(f"{kind}: an editorial file holds arrays of tables only")
        for e in entries:
            out += ["", f"[[{kind}]]"] + [f"{key} = {toml_value(v)}" for key, v in e.items()]
    return "\n".join(out) + "\n"


def write_meta(meta_path: Path, data: bytes, k: int) -> None:
    """The metadata file as it is, with the checksum, byte and line counts of the new seed."""
    text = meta_path.read_text(encoding="utf-8")
    lines = data.decode("utf-8").removesuffix("\n").count("\n") + 1
    for key, value in (("sha256", f'"{hashlib.sha256(data).hexdigest()}"'), ("bytes", str(len(data))),
                       ("lines", str(lines))):
        text, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
        if n != 1:
            raise RuntimeError(f"{meta_path.name}: no single `{key} =` line to rewrite")
    meta_path.write_text(f"# The report {k} times over (benchmarks/scale.py): checksum and counts of that seed.\n"
                         + text, encoding="utf-8")


def scaled_project(dest: Path, k: int, *, press: bool = True, doc: Document | None = None,
                   editorial: dict | None = None) -> dict:
    """A buildable k× project in `dest` (see the module's docstring). Returns what it holds."""
    build.copy_build_inputs(dest, ROOT)
    shutil.rmtree(dest / "published", ignore_errors=True)
    seeds = dest / "seeds"
    if not press:
        for name in PRESS:
            (seeds / name).unlink()
    text, table, notes = scaled_report(k, doc, editorial)
    if k > 1:
        data = text.encode("utf-8")
        (seeds / SEED.name).write_bytes(data)
        write_meta(seeds / META.name, data, k)
        (seeds / EDITORIAL.name).write_text(toml_dumps(table, notes), encoding="utf-8")
        assert tomllib.loads((seeds / EDITORIAL.name).read_text(encoding="utf-8")) == table
    return {"k": k, "press": press, "seed_bytes": len(text.encode("utf-8")), "seed_lines": text.count("\n"),
            "marker_entries": len(table.get("footnote_markers", []))}


# ----------------------------------------------------------------------------- one build, measured
#: Run in a fresh interpreter for each build: it starts the build, samples its VmRSS every
#: second, and prints one JSON line. Its own RUSAGE_CHILDREN then holds that build alone.
_WRAPPER = r"""
import json, resource, subprocess, sys, time
cmd, cwd, timeout, progress, max_rss_kib = json.loads(sys.argv[1])
def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
t0 = time.perf_counter()
proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
samples, out, timed_out, too_big, last_note = [], b"", False, False, 0.0
import threading
def read():
    global out
    out = proc.stdout.read()
reader = threading.Thread(target=read, daemon=True)
reader.start()
while proc.poll() is None:
    t = time.perf_counter() - t0
    kib = rss_kib(proc.pid)
    if kib is not None:
        samples.append([round(t, 1), kib])
    if progress and t - last_note >= progress:
        last_note = t
        print(f"  ... {t:7.0f} s  RSS {kib and kib / 1024:8.1f} MiB", file=sys.stderr, flush=True)
    if t > timeout or (max_rss_kib and kib and kib > max_rss_kib):
        proc.kill()
        timed_out, too_big = t > timeout, not t > timeout
        proc.wait()
        break
    time.sleep(1.0)
proc.wait()
seconds = time.perf_counter() - t0
reader.join(5)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "returncode": proc.returncode, "timed_out": timed_out, "too_big": too_big,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_kib": usage.ru_maxrss,
                  "rss_samples": samples, "output": out.decode("utf-8", "replace")[-4000:]}))
"""


#: `python -m scripts build …` with the editorial patterns' time budget set first (argv[1]: seconds);
#: everything else is the build's own command line
_LAUNCH = ("import runpy, sys; import scripts.editorial as e; e.PATTERN_BUDGET = float(sys.argv.pop(1)); "
           "runpy.run_module('scripts', run_name='__main__', alter_sys=True)")


def build_command(k: int, budget_per_copy: float | None) -> list[str]:
    """The build's command. `budget_per_copy` None, or k = 1 with the pipeline's own budget: exactly
    `make site`'s. Otherwise the same build with `PATTERN_BUDGET` (the fixed part of the seconds one
    editorial pattern may spend on a document, 2 s; the part that grows with the text is left as
    it is) set to k times `budget_per_copy` first."""
    if budget_per_copy is None or (k == 1 and budget_per_copy == PATTERN_BUDGET):
        return [sys.executable, "-m", "scripts"]
    return [sys.executable, "-c", _LAUNCH, repr(k * budget_per_copy)]


def offers_timings(project: Path) -> bool:
    """Does this project's `python -m scripts build` take `--timings FILE`?"""
    proc = subprocess.run([sys.executable, "-m", "scripts", "build", "--help"], cwd=project, env=build_env(),
                          capture_output=True, text=True)
    return "--timings" in proc.stdout


def run_build(project: Path, timeout: float, progress: float = 0, command: list[str] | None = None,
              max_rss_mib: float = 0) -> dict:
    """`python -m scripts build -q` (or `command` + `build -q`) in `project`, through the wrapper:
    time, peak RSS, RSS samples, and the per-stage times when the build offers `--timings`. The
    build is stopped after `timeout` seconds, or once its RSS passes `max_rss_mib` (0: no limit)."""
    cmd = (command or [sys.executable, "-m", "scripts"]) + ["build", "-q"]
    timings = project / "build-timings.json"
    if offers_timings(project):
        cmd += ["--timings", str(timings)]
    arg = json.dumps([cmd, str(project), timeout, progress, int(max_rss_mib * 1024)])
    # the wrapper's stderr is ours: its progress lines show while the build runs
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, arg], env=build_env(), stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        return {"error": f"the wrapper failed (exit {proc.returncode}; its message is above)"}
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    if res["timed_out"]:
        res["error"] = f"stopped after {timeout:g} s (timeout)"
    elif res["too_big"]:
        res["error"] = f"stopped at {res['seconds']:.0f} s, its RSS over {max_rss_mib:g} MiB (--max-rss)"
    elif res["returncode"] != 0:
        res["error"] = f"exit {res['returncode']}: {res['output'].strip()[-2000:]}"
    if timings.exists():
        res["stages"] = json.loads(timings.read_text(encoding="utf-8")).get("stages")
    return res


# ----------------------------------------------------------------------------- the built site
class _NavLinks(html.parser.HTMLParser):
    """Counts the <a> elements inside the first <nav class="md-nav md-nav--primary">."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0          # <nav> elements open inside the primary navigation, itself included
        self.done = False
        self.links = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.done or tag != "nav" and not self.depth:
            return
        if tag == "nav":
            classes = (dict(attrs).get("class") or "").split()
            if self.depth or {"md-nav", "md-nav--primary"} <= set(classes):
                self.depth += 1
        elif tag == "a":
            self.links += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1
            self.done = not self.depth


def nav_links(page: Path) -> int:
    p = _NavLinks()
    p.feed(page.read_text(encoding="utf-8"))
    return p.links


def site_figures(project: Path, chapter_page: str = "report/foreword.html") -> dict:
    site = (project / "build" / "site").resolve()       # build/site is a link to docs/.site
    pages = sorted(site.rglob("*.html"))
    sizes = {p: p.stat().st_size for p in pages}
    largest = max(pages, key=sizes.__getitem__)
    chapters = [p for p in pages if p.parent == site / "report"]
    longest = max(chapters, key=sizes.__getitem__)
    chapter = site / chapter_page
    return {"pages": len(pages), "html_bytes": sum(sizes.values()),
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            "largest_page": str(largest.relative_to(site)), "largest_page_bytes": sizes[largest],
            "chapter_pages": len(chapters), "largest_chapter": str(longest.relative_to(site)),
            "largest_chapter_bytes": sizes[longest],
            "nav_page": chapter_page, "nav_links": nav_links(chapter) if chapter.exists() else None,
            "nav_links_largest_chapter": nav_links(longest)}


# ----------------------------------------------------------------------------- per-stage times, in process
#: The stages of `scripts.build.build`, timed by wrapping the functions it calls (module globals)
STAGE_FUNCTIONS = ("load_edition", "render_docs", "build_site", "write_redirects", "minify_own_scripts",
                   "one_stylesheet", "split_by_block", "write_single", "write_epub", "write_bundle", "verify_site",
                   "check_manifest")
_STAGES = r"""
import json, resource, sys, time
from pathlib import Path
root, names, budget = Path(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
sys.path.insert(0, str(root))
from scripts import build as b
import scripts.editorial
if budget is not None:
    scripts.editorial.PATTERN_BUDGET = budget
from scripts.report import Reporter
times, cpu, memory = {}, {}, {}
def rss_kib():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
def timed(name, fn):
    def run(*a, **kw):
        before, t0, c0 = rss_kib(), time.perf_counter(), time.process_time()
        try:
            return fn(*a, **kw)
        finally:
            times[name] = times.get(name, 0.0) + time.perf_counter() - t0
            cpu[name] = cpu.get(name, 0.0) + time.process_time() - c0
            # RSS before and after, and the process's peak so far (a stage that raises it holds the most)
            memory[name] = [before, rss_kib(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]
    return run
for name in names:
    if hasattr(b, name):
        setattr(b, name, timed(name, getattr(b, name)))
t0 = time.perf_counter()
b.build(root, Reporter(True))
total = time.perf_counter() - t0
print(json.dumps({"stages": [{"name": n, "seconds": s, "cpu_seconds": cpu[n], "rss_before_kib": memory[n][0],
                              "rss_after_kib": memory[n][1], "peak_so_far_kib": memory[n][2]}
                             for n, s in times.items()], "seconds": total, "cpu_seconds": time.process_time(),
                  "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def stage_times(project: Path, budget: float | None = None) -> dict:
    """`scripts.build.build` in a fresh process with each stage function wrapped by perf_counter
    (and the patterns' budget set to `budget` seconds, if given)."""
    proc = subprocess.run([sys.executable, "-c", _STAGES, str(project), json.dumps(STAGE_FUNCTIONS),
                           json.dumps(budget)], cwd=project, env=build_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-2000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- the whole benchmark
def measure(k: int, *, press: bool, timeout: float, stages: bool, keep: Path | None, progress: float,
            budget_per_copy: float | None, max_rss_mib: float, doc: Document, editorial: dict) -> dict:
    holder = tempfile.TemporaryDirectory(prefix=f"edition-scale-{k}x-") if keep is None else None
    project = Path(holder.name) if holder else keep / f"{k}x{'' if press else '-no-press'}"
    try:
        if project.exists():
            shutil.rmtree(project)
        row = scaled_project(project, k, press=press, doc=doc, editorial=editorial)
        command = build_command(k, budget_per_copy)
        row["command"] = " ".join(command[:2] + (["<set PATTERN_BUDGET>", command[3]] if len(command) > 3 else
                                                 command[2:])) + " build -q"
        row["pattern_budget"] = PATTERN_BUDGET if budget_per_copy is None else k * budget_per_copy
        row["load"] = os.getloadavg()
        row.update(run_build(project, timeout, progress, command, max_rss_mib))
        row["load_after"] = os.getloadavg()
        if "error" not in row:
            row["site"] = site_figures(project)
            if stages:
                row["in_process"] = stage_times(project, None if budget_per_copy is None else k * budget_per_copy)
        return row
    finally:
        if holder:
            holder.cleanup()


def ratios(rows: list[dict], base: dict | None) -> None:
    base = base or next((r for r in rows if r["k"] == 1 and "error" not in r), None)
    if base is None:
        return
    for r in rows:
        if "error" in r and "seconds" not in r:
            continue
        r["time_ratio"] = r["seconds"] / base["seconds"]
        if "cpu_seconds" in base:
            r["cpu_ratio"] = r["cpu_seconds"] / base["cpu_seconds"]
        r["rss_ratio"] = r["peak_rss_kib"] / base["peak_rss_kib"]
        if "site" in r:
            r["html_ratio"] = r["site"]["html_bytes"] / base["site"]["html_bytes"]
        r["under_60x_time"] = r["time_ratio"] < AIM_TIME_RATIO and "error" not in r
        r["under_500_mb"] = r["peak_rss_kib"] * 1024 < AIM_RSS_BYTES and "error" not in r


def mib(kib: float) -> str:
    return f"{kib / 1024:.1f}"


def _fmt(row: dict, key: str, fmt: str) -> str:
    return format(row[key], fmt) if key in row else "-"


def print_table(res: dict) -> None:
    env = res["environment"]
    print(f"Python {env['python']} on {env['platform']}, {env['cpus']} CPUs, {env['date']} {res['time']}")
    print(f"press article: {'kept' if res['press'] else 'dropped'}; --timings offered: {res['timings_flag']}\n")
    print(f"{'k':>4}{'lines':>9}{'wall s':>9}{'x 1x':>7}{'CPU s':>9}{'x 1x':>7}{'RSS MiB':>9}{'x 1x':>7}"
          f"{'pages':>7}{'HTML MB':>9}{'x 1x':>7}{'chapter kB':>11}{'nav links':>10}  load")
    for r in res["rows"]:
        if "error" in r and "seconds" not in r:
            print(f"{r['k']:>4}  FAILED: {r['error']}")
            continue
        s = r.get("site", {})
        print(f"{r['k']:>4}{r['seed_lines']:>9}{r['seconds']:>9.1f}{_fmt(r, 'time_ratio', '.1f'):>7}"
              f"{_fmt(r, 'cpu_seconds', '.1f'):>9}{_fmt(r, 'cpu_ratio', '.1f'):>7}"
              f"{mib(r['peak_rss_kib']):>9}{_fmt(r, 'rss_ratio', '.2f'):>7}{s.get('pages', '-'):>7}"
              f"{s['html_bytes'] / 1e6 if s else 0:>9.1f}{_fmt(r, 'html_ratio', '.1f'):>7}"
              f"{s['largest_chapter_bytes'] / 1e3 if s else 0:>11.0f}{s.get('nav_links', '-'):>10}"
              f"  {r['load'][0]:.2f}->{r['load_after'][0]:.2f}")
        if "error" in r:
            print(f"      FAILED: {r['error'][:300]}")
    for r in res["rows"]:
        for key, label in (("stages", "--timings"), ("in_process", "in process, wall / CPU")):
            st = r.get(key)
            if isinstance(st, dict):
                st = st.get("stages")
            if st:
                print(f"\n{r['k']}x, per stage ({label}): "
                      + ", ".join(f"{x['name']} {x['seconds']:.1f}"
                                  + (f" / {x['cpu_seconds']:.1f}" if "cpu_seconds" in x else "") + " s" for x in st))
    last = res["rows"][-1]
    if "time_ratio" in last:
        cpu = f" (CPU: {last['cpu_ratio']:.1f} times)" if "cpu_ratio" in last else ""
        print(f"\n{last['k']}x: {last['time_ratio']:.1f} times the 1x wall time{cpu} (aim: under {AIM_TIME_RATIO}) -> "
              f"{'yes' if last['under_60x_time'] else 'no'}; peak RSS {last['peak_rss_kib'] * 1024 / 1e6:.0f} MB "
              f"(aim: under 500 MB) -> {'yes' if last['under_500_mb'] else 'no'}")
    print("wall time is the build's; CPU its user + system time (on a shared machine the steadier of the two); "
          "RSS its peak (getrusage); load the 1-minute load average before -> after")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.splitlines()[0])
    ap.add_argument("--k", type=int, nargs="+", default=list(SCALES), help="the copies of the report (default 1 10 50)")
    ap.add_argument("--no-press", action="store_true", help="leave the press article out of the k× projects")
    ap.add_argument("--timeout", type=float, default=2400, help="seconds one build may take (default 2400)")
    ap.add_argument("--max-rss", type=float, default=8000, metavar="MIB",
                    help="stop a build whose RSS passes this many MiB (default 8000; 0: no limit), as the machine "
                         "is shared")
    ap.add_argument("--baseline", type=Path, help="an earlier --json run whose 1x row the ratios use")
    ap.add_argument("--stages", action="store_true", help="also time each stage in a build in process")
    ap.add_argument("--keep", type=Path, help="keep the k× projects in this folder")
    ap.add_argument("--progress", type=float, default=0, help="print the RSS every N seconds of a build (stderr)")
    ap.add_argument("--pattern-budget", type=float, default=None, metavar="S",
                    help="set the editorial patterns' budget to k times S seconds first (default: the "
                         "pipeline's own, which grows with the text)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = ap.parse_args(argv)
    editorial = editorial_table()
    doc = run_pipeline(decode_seed(SEED), editorial)
    base = None
    if args.baseline:
        base = next(r for r in json.loads(args.baseline.read_text(encoding="utf-8"))["rows"] if r["k"] == 1)
    with tempfile.TemporaryDirectory(prefix="edition-scale-probe-") as tmp:
        flag = offers_timings(build.copy_build_inputs(Path(tmp), ROOT))
    res: dict = {"environment": environment(), "time": datetime.datetime.now(datetime.UTC).strftime("%H:%M UTC"),
                 "press": not args.no_press, "timings_flag": flag, "rows": []}
    for k in sorted(args.k):
        print(f"building {k}x ...", file=sys.stderr, flush=True)
        res["rows"].append(measure(k, press=not args.no_press, timeout=args.timeout, stages=args.stages,
                                   keep=args.keep, progress=args.progress,
                                   budget_per_copy=args.pattern_budget,
                                   max_rss_mib=args.max_rss, doc=doc,
                                   editorial=editorial))
    ratios(res["rows"], base)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print_table(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
