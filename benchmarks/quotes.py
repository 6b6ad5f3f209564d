"""Time of the quotation matcher (scripts/annotate/quotations.py): the press article against the
report, and a long article against a long report.

Run from the project root: `.venv/bin/python -m benchmarks.quotes`. Options: `--runs N` (best
of N, default 5), `--json` (the figures as JSON, not a table).

Measured, each the best of N runs (`time.perf_counter`, from a collected heap, as
benchmarks/bench.py measures):

1. The real texts: indexing the report's citable blocks (`index_report`), finding the
   article's quotations (`find_quotations`), matching them against the index (`match_all`),
   and the three together (`match_article`).
2. Long texts, made in memory: the article's paragraphs 20 times over (each copy's lines
   numbered after the one before) against the report's blocks 10 times over (each copy's ids
   and seed lines made its own). Every quotation then stands in ten places, the hardest case
   for choosing one: the figures show how the index and the matching grow.

Nothing here asserts on a time: the figures are printed, not judged. The edition's pipeline
(loading the seeds) is run once, outside the timings.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter
from pathlib import Path

from benchmarks.bench import best_time, environment
from scripts.annotate.quotations import (
    article_paragraphs,
    find_quotations,
    index_report,
    match_all,
    match_article,
    report_line_texts,
)
from scripts.model import Block
from scripts.pipeline import load_edition

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_COPIES = 20
REPORT_COPIES = 10


def repeated_article(paragraphs: list[tuple[int, str]], copies: int) -> list[tuple[int, str]]:
    """The article's paragraphs `copies` times, each copy's lines numbered after the last's."""
    span = max(n for n, _ in paragraphs)
    return [(n + span * k, text) for k in range(copies) for n, text in paragraphs]


def repeated_report(blocks: list[Block], lines: dict[int, str], copies: int) -> tuple[list[Block], dict[int, str]]:
    """The report's blocks `copies` times, each copy with its own ids ("…~2") and seed lines."""
    span = max(lines) if lines else 0
    out_blocks = [dataclasses.replace(b, anchor=f"{b.anchor}~{k}" if b.anchor else "",
                                      source_lines=[n + span * k for n in b.source_lines])
                  for k in range(copies) for b in blocks]
    out_lines = {n + span * k: text for k in range(copies) for n, text in lines.items()}
    return out_blocks, out_lines


def measure(name: str, paragraphs, blocks, lines, names, runs: int) -> dict:
    """The stages for one article and report, best of `runs` each (seconds), and what was found."""
    index = index_report(blocks, lines)
    quotes = find_quotations(paragraphs, names)
    matches = match_all(quotes, paragraphs, index)
    stages = {
        "index the report": lambda: index_report(blocks, lines),
        "find quotations": lambda: find_quotations(paragraphs, names),
        "match them": lambda: match_all(quotes, paragraphs, index),
    }
    times = {stage: best_time(fn, runs)[0] for stage, fn in stages.items()}
    times["all three"] = best_time(lambda: match_all(find_quotations(paragraphs, names), paragraphs,
                                                     index_report(blocks, lines)), runs)[0]
    return {"case": name, "paragraphs": len(paragraphs), "report_blocks": len(index.blocks),
            "report_words": len(index.words), "quotations": len(quotes),
            "verdicts": dict(sorted(Counter(m.verdict.value for m in matches).items())), "seconds": times}


def run(runs: int) -> dict:
    edition = load_edition(ROOT)
    report, article = edition.report, edition.articles[0].doc
    names = tuple(family for family, _ in edition.report_meta.authors)
    paragraphs = article_paragraphs(article)
    lines = report_line_texts(report)
    long_blocks, long_lines = repeated_report(report.blocks, lines, REPORT_COPIES)
    # the one call the pipeline will make: it must give what the stages timed give
    agrees = match_article(article, report, names) == match_all(find_quotations(paragraphs, names), paragraphs,
                                                                index_report(report.blocks, lines))
    return {"environment": environment(), "runs": runs, "match_article_agrees": agrees, "cases": [
        measure("press article against the report", paragraphs, report.blocks, lines, names, runs),
        measure(f"article x{ARTICLE_COPIES} against report x{REPORT_COPIES}",
                repeated_article(paragraphs, ARTICLE_COPIES), long_blocks, long_lines, names, runs),
    ]}


def print_table(res: dict) -> None:
    env = res["environment"]
    print(f"Python {env['python']} on {env['platform']} ({env['machine']}), {env['cpus']} CPUs, {env['date']}")
    print(f"quotation matcher, best of {res['runs']} runs; match_article gives what the stages give: "
          f"{'yes' if res['match_article_agrees'] else 'NO'}")
    for case in res["cases"]:
        print(f"\n{case['case']}: {case['paragraphs']} paragraphs, {case['quotations']} quotations; "
              f"{case['report_blocks']} report blocks, {case['report_words']:,} words")
        for stage, seconds in case["seconds"].items():
            print(f"  {stage:<18} {seconds * 1000:9.1f} ms")
        per = case["seconds"]["match them"] / max(case["quotations"], 1) * 1000
        print(f"  {'per quotation':<18} {per:9.2f} ms (matching)")
        print(f"  verdicts: {', '.join(f'{k} {v}' for k, v in case['verdicts'].items())}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.quotes", description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="best of N runs (default 5)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = ap.parse_args(argv)
    res = run(args.runs)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print_table(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
