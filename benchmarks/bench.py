"""Time and memory of the edition's build, and how the cleaning pipeline grows with its input.

Run from the project root: `.venv/bin/python -m benchmarks.bench` (or `make bench`).
Options: `--runs N` (best of N, default 5), `--site-runs N` (runs of the full build, default
`--runs`), `--no-site` (skip the full build), `--json` (the figures as JSON, not a table).

Measured (see BENCHMARKS.md for what each figure means):

1. The Python stages for the whole report, each the best of N runs (`time.perf_counter`),
   then once more under `tracemalloc` for its peak Python memory: decoding the seed
   (`seeds.decode_seed`), the pipeline (`pipeline.run_report`: every cleaning pass and
   annotator) and rendering Markdown (`site.pages.render_docs`).
2. The full build, `python -m scripts build -q`, in a subprocess whose working directory is a
   temporary copy of the project (scripts/, seeds/, mkdocs.yml, overrides/, pyproject.toml),
   so the real docs/ and build/ are never touched: wall time, and peak RSS of the build's
   process (MkDocs runs inside it; `getrusage(RUSAGE_CHILDREN).ru_maxrss`, KiB on Linux), and
   the time of each of the build's stages in its fastest run (`--timings FILE`).
3. Scaling: `pipeline.run_report` on the report's text repeated k = 1, 2, 5, 10 times, each copy's
   footnotes renumbered (copy j uses 17*j+1 .. 17*j+17) in the markers and the note bodies.
   The ratio time_k / (k * time_1) is near 1 when growth is linear; the time the cyclic
   garbage collector took within each run is shown beside it.

Nothing here asserts on a time: the figures are printed, not judged. The built site's Lighthouse
scores and page weight are measured by benchmarks/web.py (`make bench` runs both).
"""
from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
import traceback
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts import build, pipeline
from scripts.editorial import parse_editorial
from scripts.model import Document, NoteRef
from scripts.seeds import SeedText, decode_seed
from scripts.site.pages import render_docs

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "casey-report.txt"
EDITORIAL = ROOT / "seeds" / "casey-report.editorial.toml"
ED_PATH = "seeds/casey-report.editorial.toml"   # as build.load_edition names it in messages
SCALES = (1, 2, 5, 10)


# ----------------------------------------------------------------------------- measuring
_gc_clock = {"start": 0.0, "total": 0.0}


def _on_gc(phase: str, info: dict) -> None:   # noqa: ARG001 (gc.callbacks signature)
    """Add up the time spent in the cyclic garbage collector (a `gc.callbacks` hook)."""
    if phase == "start":
        _gc_clock["start"] = time.perf_counter()
    else:
        _gc_clock["total"] += time.perf_counter() - _gc_clock["start"]


def best_time(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """The fastest of `runs` calls, and the time the cyclic garbage collector took in it (seconds).

    Each call starts from a collected heap, so one call's garbage is not charged to the next.
    """
    best, best_gc = float("inf"), 0.0
    gc.callbacks.append(_on_gc)
    try:
        for _ in range(runs):
            gc.collect()
            _gc_clock["total"] = 0.0
            t0 = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - t0
            if elapsed < best:
                best, best_gc = elapsed, _gc_clock["total"]
    finally:
        gc.callbacks.remove(_on_gc)
    return best, best_gc


def peak_memory(fn: Callable[[], Any]) -> int:
    """Peak Python memory (bytes) allocated during one call, by tracemalloc (not timed)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def editorial_table() -> dict:
    return tomllib.loads(EDITORIAL.read_text(encoding="utf-8"))


def run_pipeline(seed: SeedText, table: dict) -> Document:
    """The report's pipeline, with a fresh editorial record (each run records its own uses)."""
    return pipeline.run_report(seed, SEED.name, parse_editorial(table, ED_PATH))


def python_stages(runs: int) -> list[dict]:
    table = editorial_table()
    seed = decode_seed(SEED)
    edition = pipeline.load_edition(ROOT)   # the report's model and the articles, as the build has them
    stages = [
        ("decode seed", lambda: decode_seed(SEED)),
        ("pipeline", lambda: run_pipeline(seed, table)),
        ("render Markdown", lambda: render_docs(edition)),
    ]
    rows = [{"stage": name, "seconds": best_time(fn, runs)[0], "peak_bytes": peak_memory(fn)} for name, fn in stages]
    rows.append({"stage": "total", "seconds": sum(r["seconds"] for r in rows),
                 "peak_bytes": max(r["peak_bytes"] for r in rows)})
    return rows


def copy_project(dst: Path) -> None:
    """What the full build needs, in `dst` (`scripts.build.copy_build_inputs`). The build is then
    run with `dst` as its working directory, so it writes only there."""
    build.copy_build_inputs(dst, ROOT)


def build_env() -> dict:
    """The environment of the build subprocess: ours, without EDITION_ROOT (the copy is the root)."""
    return {k: v for k, v in os.environ.items() if k != "EDITION_ROOT"}


def site_build(runs: int) -> dict:
    """`python -m scripts build -q` in a temporary copy of the project: best wall time, the time of
    each of its stages in that best run (`--timings`, see scripts/timings.py), peak RSS."""
    env = build_env()
    best: dict = {}
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        copy_project(Path(tmp))
        timings = Path(tmp) / "timings.json"
        for _ in range(runs):
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "scripts", "build", "-q", "--timings", str(timings)],
                                  cwd=tmp, env=env, capture_output=True, text=True)
            seconds = time.perf_counter() - t0
            if proc.returncode != 0:
                return {"error": f"exit {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-2000:]}"}
            if not best or seconds < best["seconds"]:
                best = {"seconds": seconds, **json.loads(timings.read_text(encoding="utf-8"))}
    # the maximum over every finished child and grandchild (the build runs MkDocs in its own process)
    rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": best["seconds"], "runs": runs, "peak_rss_kib": rss_kib, "stages": best["stages"],
            "stages_total": best["total"]}


# ----------------------------------------------------------------------------- scaling
def line_with_markers(inlines: list, shift: int) -> str:
    """A body line's text with each footnote marker put back, renumbered by `shift`."""
    return "".join(str(x.number + shift) if isinstance(x, NoteRef) else x for x in inlines)


def scaled_input(doc: Document, editorial: dict, k: int) -> tuple[str, dict]:
    """The report's text k times over, with the editorial dict that fits it.

    Copy j's footnotes are numbered 17*j+1 .. 17*j+17, in the running text (where the pipeline
    found each marker: a NoteRef in `doc.body_lines`) and at the start of each note's first
    line. `[[footnote_markers]]` gets one entry per copy; `[[untraced_pages]]` is dropped, as
    its "Annex A" now names k pages and it requires exactly one.
    """
    per_copy = len(doc.footnotes)
    marked = {ln.number: ln for ln in doc.body_lines if any(isinstance(x, NoteRef) for x in ln.inlines)}
    note_starts = {f.prov.first_line for f in doc.footnotes.values()}
    out: list[str] = []
    for j in range(k):
        shift = per_copy * j
        for sl in doc.lines:
            raw = sl.raw
            if sl.number in marked:
                indent = sl.raw[:len(sl.raw) - len(sl.text)]
                raw = indent + line_with_markers(marked[sl.number].inlines, shift)
            elif sl.number in note_starts:
                raw = re.sub(r"^(\s*)(\d+)", lambda m, s=shift: f"{m.group(1)}{int(m.group(2)) + s}", raw, count=1)
            out.append(raw)
    text = "\n".join(out) + "\n"

    by_note = {x.number: ln for ln in marked.values() for x in ln.inlines if isinstance(x, NoteRef)}
    markers = []
    for e in editorial.get("footnote_markers", []):
        n, ctx = e["note"], e["context"]
        inl = by_note[n].inlines
        at = sum(len(x) for x in inl[:inl.index(NoteRef(n))])      # the marker's offset in its line
        off = at - line_with_markers(inl, 0).index(ctx)            # ... and in the context
        for j in range(k):
            new = str(n + per_copy * j)
            markers.append({**e, "note": n + per_copy * j, "context": ctx[:off] + new + ctx[off + len(str(n)):]})
    scaled_ed = {key: v for key, v in editorial.items() if key != "untraced_pages"}
    scaled_ed["footnote_markers"] = markers
    return text, scaled_ed


def scaling(runs: int) -> list[dict]:
    editorial = editorial_table()
    seed = decode_seed(SEED)
    doc = run_pipeline(seed, editorial)
    text1, _ = scaled_input(doc, editorial, 1)
    if text1 != seed.text:
        raise RuntimeError("the regenerated report text differs from the seed; the scaled inputs would be wrong")
    rows: list[dict] = []
    t1 = None
    for k in SCALES:
        text, ed = scaled_input(doc, editorial, k)
        big = SeedText(path=Path("x"), text=text, sha256="")
        row: dict = {"k": k, "lines": text.count("\n")}
        try:
            secs, gc_secs = best_time(lambda b=big, e=ed: pipeline.run_report(b, "x", parse_editorial(e, ED_PATH)),
                                      runs)
        except Exception as exc:   # reported, not hidden: the table shows it and stderr has the traceback
            traceback.print_exc()
            row["error"] = f"{type(exc).__name__}: {exc}"
        else:
            t1 = secs if k == 1 else t1
            row.update(seconds=secs, gc_seconds=gc_secs, per_copy=secs / k, ratio=secs / (k * t1) if t1 else None)
        rows.append(row)
    return rows


# ----------------------------------------------------------------------------- report
def environment() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "machine": platform.machine(),
            "cpus": os.cpu_count(), "date": datetime.date.today().isoformat()}


def print_table(res: dict, runs: int) -> None:
    env = res["environment"]
    print(f"Python {env['python']} on {env['platform']} ({env['machine']}), {env['cpus']} CPUs, {env['date']}")
    print(f"best of {runs} runs\n")
    print(f"{'Python stage (whole report)':<30}{'time ms':>10}{'peak MiB':>10}")
    for r in res["python_stages"]:
        print(f"{r['stage']:<30}{r['seconds'] * 1e3:>10.1f}{r['peak_bytes'] / 2**20:>10.2f}")
    site = res.get("site_build")
    if site is not None:
        print(f"\n{'Full build (subprocess)':<30}{'time s':>10}{'RSS MiB':>10}")
        if "error" in site:
            print(f"python -m scripts build -q    FAILED: {site['error']}")
        else:
            print(f"{'python -m scripts build -q':<30}{site['seconds']:>10.2f}{site['peak_rss_kib'] / 1024:>10.1f}")
            print(f"\n{'Its stages (best run)':<30}{'time s':>10}")
            for st in site["stages"]:
                print(f"{'  ' + st['name']:<30}{st['seconds']:>10.2f}")
            print(f"{'  total of the stages':<30}{site['stages_total']:>10.2f}   (the rest: start-up, imports)")
    print(f"\n{'Scaling of pipeline.run':<24}{'lines':>8}{'time ms':>10}{'of it GC':>10}{'ms per 1x':>11}{'ratio':>8}")
    for r in res["scaling"]:
        label = f"{r['k']}x report"
        if "error" in r:
            print(f"{label:<24}{r['lines']:>8}  FAILED: {r['error']}")
        else:
            ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
            print(f"{label:<24}{r['lines']:>8}{r['seconds'] * 1e3:>10.1f}{r['gc_seconds'] * 1e3:>10.1f}"
                  f"{r['per_copy'] * 1e3:>11.1f}{ratio:>8}")
    print("\nratio = time_k / (k * time_1x); near 1 means linear growth. "
          "'of it GC': time in Python's cyclic garbage collector during that run")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="best of N runs (default 5)")
    ap.add_argument("--site-runs", type=int, default=None, help="runs of the full build (default: --runs)")
    ap.add_argument("--no-site", action="store_true", help="skip the full MkDocs build")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = ap.parse_args(argv)
    res: dict = {"environment": environment(), "runs": args.runs, "python_stages": python_stages(args.runs)}
    if not args.no_site:
        res["site_build"] = site_build(args.site_runs or args.runs)
    res["scaling"] = scaling(args.runs)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print_table(res, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
