"""The build's stage timer: every stage recorded once, in the order it ran, nested stages charged
alone, and `--timings FILE` writing the JSON that `make bench` reads, only for a build that
finished. No time is asserted: a clock that ticks by one makes the figures exact."""
from __future__ import annotations

import json

import pytest

from scripts import cli
from scripts.timings import StageTime, Timer

from conftest import copy_project

#: a full build's stages, in the order they run (scripts/build.py)
BUILD_STAGES = ["pipeline", "rendering", "MkDocs", "redirects", "assets", "parse", "search index", "single file", "EPUB", "zip",
                "link check", "markup", "audit", "manifest", "swap"]


class Ticks:
    """A clock that moves on by one second each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def test_each_stage_is_recorded_once_in_the_order_it_first_ran():
    timer = Timer(Ticks())
    for name in ("a", "b", "a", "c"):
        with timer.stage(name):
            pass
    assert timer.stages == [StageTime("a", 2.0), StageTime("b", 1.0), StageTime("c", 1.0)]
    assert timer.total == 4.0


def test_the_stages_are_listed_in_the_order_given_then_as_they_ran():
    timer = Timer(Ticks(), order=("a", "b", "c"))
    for name in ("c", "x", "a", "c"):        # b never runs: not listed
        with timer.stage(name):
            pass
    assert [s.name for s in timer.stages] == ["a", "c", "x"]
    assert timer.stages[1] == StageTime("c", 2.0)


def test_the_builds_stages_are_these():
    from scripts.build import STAGES
    assert list(STAGES) == BUILD_STAGES


def test_a_stage_inside_another_is_charged_alone():
    timer = Timer(Ticks())
    with timer.stage("outer"):          # reads 1
        with timer.stage("inner"):      # 2 .. 3
            pass
    # outer: 1 -> 2, then 3 -> 4; inner: 2 -> 3; nothing counted twice
    assert timer.stages == [StageTime("outer", 2.0), StageTime("inner", 1.0)]
    assert timer.total == 3.0


def test_a_stage_that_fails_is_charged_and_its_error_goes_on():
    timer = Timer(Ticks())
    with pytest.raises(ValueError), timer.stage("broken"):
        raise ValueError("boom")
    assert timer.stages == [StageTime("broken", 1.0)]
    with timer.stage("after"):
        pass
    assert [s.name for s in timer.stages] == ["broken", "after"]


def test_the_json_form_and_the_reported_line():
    timer = Timer(Ticks())
    with timer.stage("pipeline"):
        pass
    with timer.stage("MkDocs"):
        pass
    assert timer.as_json() == {"stages": [{"name": "pipeline", "seconds": 1.0}, {"name": "MkDocs", "seconds": 1.0}],
                               "total": 2.0}
    assert timer.line() == "times: pipeline 1.00 s, MkDocs 1.00 s; total 2.00 s"


def read_timings(path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"stages", "total"}
    assert all(set(s) == {"name", "seconds"} and isinstance(s["name"], str) and isinstance(s["seconds"], float)
               and s["seconds"] >= 0 for s in data["stages"])
    assert isinstance(data["total"], float)
    assert data["total"] == pytest.approx(sum(s["seconds"] for s in data["stages"]), abs=1e-3)
    return data


def test_a_docs_only_build_writes_its_three_stages(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "edition")
    monkeypatch.setenv("EDITION_ROOT", str(root))
    out = tmp_path / "timings.json"
    assert cli.main(["build", "-q", "--docs-only", "--timings", str(out)]) == 0
    assert [s["name"] for s in read_timings(out)["stages"]] == ["pipeline", "rendering", "swap"]


def test_a_failed_build_writes_no_timings_and_removes_older_ones(tmp_path, monkeypatch, capsys):
    root = copy_project(tmp_path / "edition")
    editorial = root / "seeds" / "casey-report.editorial.toml"
    editorial.write_text(editorial.read_text(encoding="utf-8") + "\n[[not a table\n", encoding="utf-8")
    monkeypatch.setenv("EDITION_ROOT", str(root))
    out = tmp_path / "timings.json"
    out.write_text('{"stages": [], "total": 0.0}', encoding="utf-8")     # an earlier build's
    assert cli.main(["build", "-q", "--timings", str(out)]) != 0
    assert "error: " in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.site
def test_a_full_build_times_every_stage_once_in_order(tmp_path, monkeypatch, capsys):
    root = copy_project(tmp_path / "edition")
    monkeypatch.setenv("EDITION_ROOT", str(root))
    out = tmp_path / "timings.json"
    assert cli.main(["build", "--timings", str(out)]) == 0
    assert [s["name"] for s in read_timings(out)["stages"]] == BUILD_STAGES
    last = capsys.readouterr().err.rstrip("\n").split("\n")[-1]
    assert last.startswith("times: pipeline ") and ", swap " in last and "; total " in last
