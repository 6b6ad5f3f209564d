"""The benchmarks' own logic: the offline search timing takes the whole query's answer, never a
partial one's, and runs on the built site. No time is asserted: the figures are reported only."""
from __future__ import annotations

from benchmarks.web import search_timing, whole_query_times


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
