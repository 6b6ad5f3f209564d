"""The benchmarks' own logic: the offline search timing takes the whole query's answer, never a
partial one's, and runs on the built site; the k× project of benchmarks/scale.py is what it claims
(k copies of the report, accepted by the pipeline). No time is asserted: the figures are reported only."""
from __future__ import annotations

import io
import json
import random
import re
import string
import tomllib
from pathlib import Path

import pytest

from benchmarks import bench, scale
from benchmarks.web import (
    CATEGORIES,
    CHAPTER_BUDGET,
    conclude,
    failing_elements,
    find_pages,
    lighthouse_pages,
    markdown_table,
    page_weight,
    print_report,
    redirect_target,
    search_timing,
    select_pages,
    shortfalls,
    summarise,
    whole_query_times,
)
from benchmarks.web import main as web_main
from scripts import editorial
from scripts.model import NoteRef
from scripts.pipeline import load_edition
from scripts.publish.redirects import redirect_page
from scripts.seeds import decode_seed


def test_the_timing_is_that_of_the_whole_query_not_of_a_partial_one():
    # "Ch" answered late: its render comes after the last keystroke, before the whole query's answer
    log = {"keys": [100.0, 200.0, 300.0],
           "queries": [{"t": 101.0, "q": "C"}, {"t": 201.0, "q": "Ch"}, {"t": 301.0, "q": "Ch S"}],
           "answers": [{"t": 150.0, "groups": 9, "entries": 40}, {"t": 320.0, "groups": 7, "entries": 30},
                       {"t": 380.0, "groups": 2, "entries": 5}],
           "renders": [160.0, 330.0, 390.0],
           "frames": [{"after": 160.0, "t": 170.0}, {"after": 330.0, "t": 335.0}, {"after": 390.0, "t": 400.0}]}
    times = whole_query_times(log, "Ch S", since=0, keys_before=0)
    assert times == {"answer_ms": 80.0, "result_ms": 90.0, "frame_ms": 100.0, "groups": 2, "entries": 5,
                     "keystrokes": 3}


def test_a_query_with_no_result_has_an_answer_and_no_result_time():
    log = {"keys": [10.0], "queries": [{"t": 11.0, "q": "zzqx"}], "answers": [{"t": 15.0, "groups": 0, "entries": 0}],
           "renders": [], "frames": []}
    assert whole_query_times(log, "zzqx", 0, 0) == {"answer_ms": 5.0, "result_ms": None, "frame_ms": None,
                                                   "groups": 0, "entries": 0, "keystrokes": 1}


def test_the_search_timing_runs_offline_on_the_built_site(browser, site):
    queries = ("Child S", "compromise agreements")
    t = search_timing(site, queries, rounds=2, delay_ms=30, browser=browser)
    assert (t["site"], t["rounds"], t["longest"], set(t["queries"])) == ("file://", 2, "compromise agreements",
                                                                         set(queries))
    assert t["ready_ms"]["median"] > 0
    for q in queries:
        summary = t["queries"][q]
        assert summary["chars"] == len(q) and 0 < summary["groups"] < summary["entries"]
        for key in ("answer_ms", "result_ms", "frame_ms"):
            assert 0 < summary[key]["median"] <= summary[key]["max"]
        for run in t["runs"]:
            one = run["queries"][q]
            assert one["keystrokes"] == len(q)                  # every key was seen, the last one timed
            assert 0 < one["answer_ms"] <= one["result_ms"] <= one["frame_ms"]


# ----------------------------------------------------------------------------- the k× project (issue 15)
@pytest.fixture(scope="module")
def one_report():
    """(the report's editorial table, its model), as the k× inputs are made from them."""
    table = bench.editorial_table()
    return table, bench.run_pipeline(decode_seed(bench.SEED), table)


def test_the_1x_project_is_the_project_itself(tmp_path, one_report):
    table, doc = one_report
    info = scale.scaled_project(tmp_path, 1, doc=doc, editorial=table)
    for name in ("casey-report.txt", "casey-report.meta.toml", "casey-report.editorial.toml", "press-article.txt"):
        assert (tmp_path / "seeds" / name).read_bytes() == (bench.ROOT / "seeds" / name).read_bytes()
    assert not (tmp_path / "published").exists()          # its manifest is of the 1x report; no k× would fit it
    assert info["seed_bytes"] == bench.SEED.stat().st_size


@pytest.mark.parametrize("k", [2, 3])
def test_the_kx_project_is_k_copies_of_the_report_and_the_pipeline_accepts_it(tmp_path, one_report, k, monkeypatch):
    table, doc = one_report
    # an editorial pattern's time budget grows with the text it searches; its fixed part made 5k times larger
    # here, as the clock of a loaded machine counts against it (this tests the input, not a time)
    monkeypatch.setattr(editorial, "PATTERN_BUDGET", 5 * k * editorial.PATTERN_BUDGET)
    scale.scaled_project(tmp_path, k, doc=doc, editorial=table)
    seed = bench.SEED.read_text(encoding="utf-8").split("\n")[:-1]
    lines = (tmp_path / "seeds" / "casey-report.txt").read_text(encoding="utf-8").split("\n")[:-1]
    assert len(lines) == k * len(seed)
    marked = {ln.number for ln in doc.body_lines if any(isinstance(x, NoteRef) for x in ln.inlines)}
    starts = {f.prov.first_line for f in doc.footnotes.values()}
    assert lines[:len(seed)] == seed                       # the first copy is the seed, byte for byte
    for j in range(1, k):
        copy = lines[j * len(seed):(j + 1) * len(seed)]
        changed = {i + 1 for i, (a, b) in enumerate(zip(copy, seed, strict=True)) if a != b}
        assert changed == marked | starts                  # only the footnotes' numbers differ ...
        assert all(re.sub(r"\d+", "#", a) == re.sub(r"\d+", "#", b) for a, b in zip(copy, seed, strict=True))

    edition = load_edition(tmp_path)       # checksums, metadata, the editorial file (every entry used)
    r, per = edition.report, len(doc.footnotes)
    assert [c.title for c in r.chapters] == [c.title for c in doc.chapters] * k
    assert len({c.slug for c in r.chapters}) == len(r.chapters) == 29 * k      # a page each, titles repeated
    assert len(r.blocks) == k * len(doc.blocks)
    assert sorted(r.footnotes) == list(range(1, per * k + 1))
    assert all(r.footnotes[n].text == doc.footnotes[(n - 1) % per + 1].text for n in r.footnotes)
    assert [a.meta.slug for a in edition.articles] == ["press"]


def test_the_copies_are_limited_by_three_digit_footnote_numbers(one_report):
    _, doc = one_report
    assert scale.max_copies(len(doc.footnotes)) == 999 // 17
    with pytest.raises(ValueError, match="between 1 and 58"):
        scale.scaled_report(59, doc, bench.editorial_table())


def test_the_primary_navigation_links_are_counted_and_no_others(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<nav class="md-tabs"><a href="x">x</a></nav><nav class="md-nav md-nav--primary">'
                    '<a href="a">a</a><ul><li><nav class="md-nav"><a href="b">b</a></nav></li></ul><a href="c">c</a>'
                    '</nav><nav class="md-nav md-nav--secondary"><a href="#d">d</a></nav>', encoding="utf-8")
    assert scale.nav_links(page) == 3


def test_the_editorial_table_is_written_as_toml_that_reads_back_the_same():
    table = bench.editorial_table()
    text = scale.toml_dumps(table, ["a comment"])
    assert text.startswith("# a comment\n") and tomllib.loads(text) == table


# ----------------------------------------------------------------------------- every page (issue 15)
# A small made-up site and made-up Lighthouse reports: which pages are measured, the re-run rule,
# the chapter budget, the audits across pages and the Markdown table. Nothing runs Lighthouse.
BASE = "http://127.0.0.1:8123/"
POLICY = "default-src 'none'; script-src 'self'"


def _page(title: str, body: str = "", head: str = "") -> str:
    return (f'<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>{head}'
            '<link rel="stylesheet" href="/assets/stylesheets/main.css">'
            '<script src="/assets/javascripts/app.js"></script></head>'
            f"<body><main><h1>{title}</h1>{body}</main></body></html>\n")


def _noise(n: int, seed: int) -> str:
    """Text gzip barely shrinks (about 6 bits a character): what makes a chapter heavy."""
    rng = random.Random(seed)
    return "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(n))


@pytest.fixture
def made_up_site(tmp_path) -> Path:
    site = tmp_path / "site"
    files = {
        "index.html": _page("Home"),
        "about.html": _page("About", _noise(150_000, 1)),           # heavy, but not a chapter
        "report/heavy.html": _page("Heavy chapter", _noise(150_000, 2)),
        "report/light.html": _page("Light chapter", "<p>Short.</p>"),
        "404.html": _page("Not found"),
        "old/moved.html": redirect_page("old/moved.html", "report/light.html", "Light chapter", POLICY,
                                        "https://example.org/edition/report/light.html"),
        "legacy.html": '<html><head><meta http-equiv="refresh" content="0; url=index.html"></head></html>',
        "reload.html": _page("Reloads itself", head='<meta http-equiv="refresh" content="30">'),
        "downloads/single.html": _page("The whole edition", _noise(5_000, 3)),
        "assets/javascripts/iframe-worker.html": "<!doctype html><title>Search worker</title>",
        "assets/stylesheets/main.css": "body { color: #222 }\n" * 50,
        "assets/javascripts/app.js": "console.log('app');\n" * 50,
        "sitemap.xml": ('<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                        + "".join(f"<url><loc>https://example.org/edition/{p}</loc></url>"
                                  for p in ("", "report/light.html", "report/heavy.html", "about.html",
                                            "reload.html"))
                        + "</urlset>\n"),
    }
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return site


def test_every_page_a_reader_reaches_is_measured_and_stubs_and_downloads_are_not(made_up_site):
    found = find_pages(made_up_site)
    # the home page first, then the sitemap's order, then what it leaves out (404.html)
    assert found["pages"] == ["index.html", "report/light.html", "report/heavy.html", "about.html", "reload.html",
                              "404.html"]
    assert set(found["excluded"]) == {"old/moved.html", "legacy.html", "downloads/single.html",
                                      "assets/javascripts/iframe-worker.html"}
    assert found["excluded"]["old/moved.html"] == "a redirect stub (to ../report/light.html)"   # the build's own stub
    assert found["excluded"]["legacy.html"] == "a redirect stub (to index.html)"
    assert found["excluded"]["downloads/single.html"].startswith("a download")
    assert found["downloads"] == ["downloads/single.html"]
    assert found["not_in_sitemap"] == ["404.html"] and found["sitemap_not_measured"] == []
    assert redirect_target(made_up_site / "reload.html") is None     # a refresh with no address is no redirect


def test_pages_are_chosen_by_glob_or_list_and_an_unknown_one_is_an_error(made_up_site):
    pages = find_pages(made_up_site)["pages"]
    assert select_pages(pages, None) == pages
    assert select_pages(pages, ["report/*"]) == ["report/light.html", "report/heavy.html"]
    assert select_pages(pages, ["404.html,index.html", "about.html"]) == ["index.html", "about.html", "404.html"]
    with pytest.raises(RuntimeError, match="nowhere.html"):
        select_pages(pages, ["index.html", "nowhere.html"])


def test_a_chapter_at_or_over_100_kb_gzipped_is_flagged_and_other_pages_are_not(made_up_site):
    heavy, light, about = (page_weight(made_up_site / p, made_up_site)
                           for p in ("report/heavy.html", "report/light.html", "about.html"))
    assert heavy["chapter"] and light["chapter"] and not about["chapter"]
    assert heavy["gzip"] >= CHAPTER_BUDGET == 100_000 and about["gzip"] >= CHAPTER_BUDGET
    assert light["gzip"] < CHAPTER_BUDGET
    assert (heavy["over_chapter_budget"], light["over_chapter_budget"], about["over_chapter_budget"]) == (
        True, False, False)
    css, js = (made_up_site / "assets/stylesheets/main.css").stat().st_size, (
        made_up_site / "assets/javascripts/app.js").stat().st_size
    assert light["bytes"] == (made_up_site / "report/light.html").stat().st_size + css + js
    assert [f["file"] for f in light["css"] + light["js"]] == ["assets/stylesheets/main.css", "assets/javascripts/app.js"]


def lighthouse_json(scores: dict, failing=(), search: bool = True) -> dict:
    """A made-up Lighthouse report: the four category scores (0-100) and the audits below 1, each
    (category, id, score, weight, items); one passing and one unscored audit in every category."""
    fetched = ["index.html", "assets/stylesheets/main.css", "assets/javascripts/app.js"]
    if search:
        fetched += ["assets/javascripts/workers/search.js", "search/search_index.json"]
    audits = {"network-requests": {"id": "network-requests", "score": None, "scoreDisplayMode": "informative",
                                   "details": {"items": [{"url": BASE + u} for u in fetched]}},
              "total-byte-weight": {"id": "total-byte-weight", "score": 1, "numericValue": 250_000}}
    categories = {c: {"score": None if scores[c] is None else scores[c] / 100, "auditRefs": []} for c in CATEGORIES}
    for c in CATEGORIES:
        audits[f"{c}-passes"] = {"id": f"{c}-passes", "title": "Passes", "score": 1, "scoreDisplayMode": "binary"}
        audits[f"{c}-unscored"] = {"id": f"{c}-unscored", "title": "Not applicable", "score": None,
                                   "scoreDisplayMode": "notApplicable"}
        categories[c]["auditRefs"] += [{"id": f"{c}-passes", "weight": 1}, {"id": f"{c}-unscored", "weight": 1}]
    for category, audit, score, weight, items in failing:
        audits[audit] = {"id": audit, "title": audit.replace("-", " ").capitalize(), "score": score,
                         "scoreDisplayMode": "binary", "displayValue": "",
                         "details": {"type": "table", "items": items}}
        categories[category]["auditRefs"].append({"id": audit, "weight": weight})
    return {"lighthouseVersion": "12.8.2", "configSettings": {"formFactor": "mobile"}, "runWarnings": [],
            "environment": {"benchmarkIndex": 1234.5},
            "categories": categories, "audits": audits}


def S(perf=100, a11y=100, bp=100, seo=100) -> dict:   # noqa: N802 (scores, read as a table)
    return {"performance": perf, "accessibility": a11y, "best-practices": bp, "seo": seo}


CONTRAST = ("accessibility", "color-contrast", 0, 7, [{"node": {
    "type": "node", "selector": "footer.md-footer > div.md-copyright", "snippet": '<div class="md-copyright">',
    "nodeLabel": "Edition 0.2.0", "explanation": "Element has insufficient color contrast of 3.9"}}])
CONSOLE = ("best-practices", "errors-in-console", 0, 1, [{
    "source": "network", "description": "Failed to load resource: 404", "sourceLocation": {"url": BASE + "x.js"}}])
TBT = ("performance", "total-blocking-time", 0.9, 30, [])
CACHE = ("performance", "cache-insight", 0, 0, [{"url": BASE + "assets/javascripts/app.js"}])


def test_a_made_up_report_gives_its_scores_failing_elements_and_search_at_load():
    s = summarise(lighthouse_json(S(a11y=93, bp=96), [CONTRAST, CONSOLE, TBT]), BASE)
    assert s["scores"] == S(a11y=93, bp=96)
    assert s["search_fetched_at_load"] == ["assets/javascripts/workers/search.js", "search/search_index.json"]
    assert (s["requests"], s["transferred_bytes"], s["benchmark_index"]) == (5, 250_000, 1234.5)
    a11y, = s["below_one"]["accessibility"]           # the passing and unscored audits are left out
    assert (a11y["id"], a11y["weight"], a11y["score"]) == ("color-contrast", 7, 0)
    assert a11y["items"] == [{"selector": "footer.md-footer > div.md-copyright", "snippet": '<div class="md-copyright">',
                              "label": "Edition 0.2.0",
                              "explanation": "Element has insufficient color contrast of 3.9"}]
    assert s["below_one"]["best-practices"][0]["items"] == [
        {"text": f"network: Failed to load resource: 404: {BASE}x.js"}]
    assert "items" not in s["below_one"]["performance"][0]      # performance: no element list
    assert summarise(lighthouse_json(S(), search=False), BASE)["search_fetched_at_load"] == []


def scripted(runs: dict[str, list], calls: list):
    """A stand-in for one Lighthouse run: page -> each run's scores (or an exception), in order."""
    def once(page: str, n: int) -> dict:
        calls.append((page, n))
        got = runs[page][n - 1]
        if isinstance(got, Exception):
            raise got
        scores, failing = got if isinstance(got, tuple) else (got, ())
        return summarise(lighthouse_json(scores, failing), BASE)
    return once


def test_served_gzipped_only_a_page_below_100_in_any_category_is_run_again():
    calls: list = []
    runs = {"a.html": [S()],                                      # at 100: one run
            "b.html": [S(a11y=98), S(a11y=98, perf=99), S(a11y=98, perf=97)],     # accessibility short
            "c.html": [S(perf=90), S(perf=100), S(perf=95)],      # performance short
            "d.html": [RuntimeError("Chromium crashed"), S(), S()]}   # a failed run is run again
    out = lighthouse_pages(list(runs), "gzip", 3, scripted(runs, calls))
    assert [c for c in calls if c[1] == 1] == [(p, 1) for p in runs]          # every page once first
    assert sorted(calls) == sorted([("a.html", 1)] + [(p, n) for p in ("b.html", "c.html", "d.html") for n in (1, 2, 3)])
    assert out["a.html"]["runs"] == 1 and out["a.html"]["rerun_because"] == []
    assert out["b.html"]["rerun_because"] == ["accessibility 98 < 100"]
    assert out["c.html"]["performance_all_runs"] == [90, 100, 95]
    assert (out["c.html"]["scores"]["performance"], out["c.html"]["kept_run"]) == (95, 3)     # the median
    assert out["b.html"]["scores_all_runs"] == [S(a11y=98), S(a11y=98, perf=99), S(a11y=98, perf=97)]
    assert out["d.html"]["runs"] == 2 and out["d.html"]["errors"] == ["Chromium crashed"]
    assert out["d.html"]["rerun_because"] == ["the run failed"]


def test_served_uncompressed_only_performance_below_97_is_run_again():
    calls: list = []
    runs = {"a.html": [S(perf=97, seo=90)],                       # 97 is the bar; SEO does not count here
            "b.html": [S(perf=96), S(perf=99), S(perf=80)],
            "c.html": [RuntimeError("no"), RuntimeError("no"), RuntimeError("still no")]}
    out = lighthouse_pages(list(runs), "plain", 3, scripted(runs, calls))
    assert sorted(calls) == sorted([("a.html", 1)] + [(p, n) for p in ("b.html", "c.html") for n in (1, 2, 3)])
    assert out["a.html"]["runs"] == 1
    assert out["b.html"]["rerun_because"] == ["performance 96 < 97"]
    assert out["b.html"]["scores"]["performance"] == 96 and out["b.html"]["performance_all_runs"] == [96, 99, 80]
    assert out["c.html"] == {"error": "still no", "errors": ["no", "no", "still no"], "runs": 0}
    assert shortfalls("plain", S(perf=None)) == ["performance - < 97"]   # a score not computed is below


def test_one_run_only_or_every_run_as_asked():
    calls: list = []
    runs = {"a.html": [S(perf=50)] * 3, "b.html": [S()] * 3}
    assert lighthouse_pages(list(runs), "gzip", 1, scripted(runs, calls))["a.html"]["runs"] == 1
    assert calls == [("a.html", 1), ("b.html", 1)]
    calls.clear()
    out = lighthouse_pages(list(runs), "gzip", 3, scripted(runs, calls), every_run=True)
    assert len(calls) == 6 and out["b.html"]["runs"] == 3 and out["b.html"]["rerun_because"] == []


def test_audits_are_gathered_across_pages_and_the_markdown_table_has_every_page(made_up_site):
    found = find_pages(made_up_site)
    pages = found["pages"]
    gz_runs = {p: [S()] for p in pages}
    gz_runs["about.html"] = [(S(a11y=93), [CONTRAST])] * 3
    gz_runs["404.html"] = [(S(a11y=93, bp=96), [CONTRAST, CONSOLE])] * 3
    gz_runs["report/heavy.html"] = [(S(perf=97), [TBT]), (S(perf=99), [TBT]), (S(perf=98), [TBT, CACHE])]
    plain_runs = {p: [S(perf=98)] for p in pages}
    plain_runs["report/heavy.html"] = [S(perf=90), S(perf=94), S(perf=93)]
    res = {"pages": pages, "weight": {p: page_weight(made_up_site / p, made_up_site) for p in pages},
           "downloads": {p: page_weight(made_up_site / p, made_up_site) for p in found["downloads"]},
           "lighthouse": {"gzip": lighthouse_pages(pages, "gzip", 3, scripted(gz_runs, [])),
                          "plain": lighthouse_pages(pages, "plain", 3, scripted(plain_runs, []))}}
    conclude(res)
    json.dumps(res)                                                 # --json prints it all

    contrast = next(a for a in res["audits"] if a["id"] == "color-contrast")
    assert [h["page"] for h in contrast["pages"]["gzip"]] == ["about.html", "404.html"]
    assert failing_elements(contrast) == [{"selector": "footer.md-footer > div.md-copyright",
                                           "snippet": '<div class="md-copyright">', "label": "Edition 0.2.0",
                                           "explanation": "Element has insufficient color contrast of 3.9",
                                           "pages": ["about.html", "404.html"]}]
    assert [a["category"] for a in res["audits"]] == ["accessibility", "best-practices", "performance", "performance"]
    assert [a["id"] for a in res["audits"]][2:] == ["total-blocking-time", "cache-insight"]   # weightier first

    s = res["summary"]
    assert s["pages"] == 6 and len(s["gzip"]["all_100"]) == 3
    assert s["gzip"]["short"] == {"report/heavy.html": {"performance": 98}, "about.html": {"accessibility": 93},
                                  "404.html": {"accessibility": 93, "best-practices": 96}}
    assert s["plain"]["min_performance"] == {"score": 93, "pages": ["report/heavy.html"]}
    assert s["plain"]["performance_below_bar"] == {"report/heavy.html": 93}
    assert s["largest_chapter"]["page"] == "report/heavy.html"
    assert list(s["chapters_over_budget"]) == ["report/heavy.html"]          # about.html is heavy, not a chapter
    assert s["gzip"]["search_at_load"] == pages

    table = markdown_table(res)
    header, rule, *rows = table
    assert len(rows) == len(pages) and all(r.startswith(f"| `{p}` |") for r, p in zip(rows, pages))
    assert all(r.count("|") == header.count("|") == rule.count("|") for r in rows)
    cells = {p: [c.strip() for c in r.strip("|").split("|")] for r, p in zip(rows, pages)}
    heavy = cells["report/heavy.html"]
    assert heavy[1:6] == ["98 (97, 99, 98)", "100", "100", "100", "93 (90, 94, 93)"]
    w = res["weight"]["report/heavy.html"]
    assert heavy[6:8] == [f"{w['bytes']:,}", f"**{w['gzip']:,}** (≥ 100 KB)"]
    assert heavy[8] == "250.0 kB, 5 requests; search: yes"
    assert cells["about.html"][2] == "93" and "≥" not in cells["about.html"][7]
    assert cells["index.html"][1:6] == ["100", "100", "100", "100", "98"]

    text = io.StringIO()
    print_report({**res, "environment": {"date": "today", "platform": "here", "cpus": 2, "chromium": "C",
                                         "lighthouse": "12.8.2", "node": "v20", "python": "3.11",
                                         "load_average": [1.0, 1.0, 1.0]},
                  "site": "made up", "runs": 3, "every_run": False, "duration_s": 60}, full=False, out=text)
    md = text.getvalue()
    assert "\n".join(table) in md
    assert "**3 of 6 pages at 100**" in md
    assert "`footer.md-footer > div.md-copyright` `<div class=\"md-copyright\">` on 2: `about.html`, `404.html`" in md
    assert f"network: Failed to load resource: 404: {BASE}x.js on 1: `404.html`" in md
    assert "`downloads/single.html`" in md and "Runs, served" not in md        # --markdown: no detail


def test_the_command_measures_the_pages_asked_for_without_lighthouse(made_up_site, capsys):
    assert web_main(["--site", str(made_up_site), "--no-lighthouse", "--no-search", "--json", "--pages", "report/*"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["pages"] == ["report/light.html", "report/heavy.html"] and "lighthouse" not in res
    assert list(res["summary"]["chapters_over_budget"]) == ["report/heavy.html"]
    assert web_main(["--site", str(made_up_site), "--no-lighthouse", "--no-search", "--pages", "nowhere"]) == 1
    assert "nowhere" in capsys.readouterr().err
