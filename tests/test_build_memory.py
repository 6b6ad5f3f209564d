"""The build keeps the pipeline's model out of the cyclic garbage collector's walks for the rest
of the build (`gc.freeze`), and gives it back when the build ends, however it ends: a process that
builds again (a test run, `mkdocs serve`) must be able to let the old model go."""
from __future__ import annotations

import gc

import pytest

from scripts import build
from scripts.errors import EditionError


class Stop(Exception):
    pass


@pytest.fixture()
def project(tmp_path):
    return build.copy_build_inputs(tmp_path / "project")


def test_the_model_is_frozen_while_the_site_is_made_and_thawed_after_a_failure(project, monkeypatch):
    seen = {}

    def render(edition):
        seen["frozen"] = gc.get_freeze_count()
        raise Stop

    monkeypatch.setattr(build, "render_docs", render)
    assert gc.get_freeze_count() == 0
    with pytest.raises(Stop):
        build.build(project, report=lambda *a, **k: None)
    assert seen["frozen"] > 1000            # the model's objects, and everything alive with them
    assert gc.get_freeze_count() == 0       # thawed although the build failed


def test_a_bad_input_stops_before_anything_is_frozen(project):
    (project / "seeds" / "casey-report.txt").write_bytes(b"\x00binary")
    with pytest.raises(EditionError, match="casey-report.txt"):
        build.build(project, report=lambda *a, **k: None)
    assert gc.get_freeze_count() == 0
