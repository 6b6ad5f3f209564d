"""The benchmarks' own logic: the offline search timing takes the whole query's answer, never a
partial one's, and runs on the built site; the k× project of benchmarks/scale.py is what it claims
(k copies of the report, accepted by the pipeline). No time is asserted: the figures are reported only."""
from __future__ import annotations

import re
import tomllib

import pytest

from benchmarks import bench, scale
from benchmarks.web import search_timing, whole_query_times
from scripts import editorial
from scripts.model import NoteRef
from scripts.pipeline import load_edition
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
    # an editorial pattern's time budget is for the whole text: k× gets k times it, as in benchmarks.scale
    # (and 5 times more, as the clock of a loaded machine counts against it; this tests the input, not a time)
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
