"""Where a build writes, and how it switches: killed at any step of the switch, a build leaves
the old pair (docs/ and build/site/) or the new pair, never a mix and never a folder missing;
two builds in one folder take turns; a dead build's leftovers are cleaned; no write leaves
the staging folder; and a build leaves no process behind."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from scripts.errors import UnsafePath
from scripts.publish import stage

from conftest import copy_project, markdown_files

PYTHON = sys.executable


def digest(files: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in files:
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def pair(root: Path) -> tuple[str, str]:
    """(the Markdown in docs/, the site in build/site/), each as one digest."""
    docs = root / "docs"
    site = root / "build" / "site"
    assert docs.is_dir(), "docs/ is missing"
    assert (site / "index.html").is_file(), "build/site/ is missing or incomplete"
    return (digest(markdown_files(docs), docs),
            digest([p for p in sorted(site.rglob("*")) if p.is_file()], site))


def env_for(root: Path) -> dict:
    env = dict(os.environ, EDITION_ROOT=str(root), PYTHONDONTWRITEBYTECODE="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


#: Runs a build that kills itself (SIGKILL: no clean-up can run) just before the K-th change
#: the switch makes to the file system: the staged site moved into place, the link made, the
#: exchange of docs/, the deletion of the old pair.
KILLER = textwrap.dedent("""
    import os, shutil, signal, sys
    sys.path.insert(0, sys.argv[1])
    from scripts import cli
    from scripts.publish import stage
    K, count, active = int(sys.argv[2]), [0], [False]
    def step(fn):
        def run(*args, **kwargs):
            if active[0]:
                if count[0] == K:
                    os.kill(os.getpid(), signal.SIGKILL)
                count[0] += 1
            return fn(*args, **kwargs)
        return run
    os.rename, os.replace, os.symlink = step(os.rename), step(os.replace), step(os.symlink)
    shutil.rmtree = step(shutil.rmtree)
    stage._renameat2_exchange = step(stage._renameat2_exchange)
    commit = stage.Stage.commit
    def watched(self, **kwargs):
        active[0] = True
        try:
            return commit(self, **kwargs)
        finally:
            active[0] = False
    stage.Stage.commit = watched
    sys.exit(cli.main(["build", "-q"]))
""")


@pytest.fixture
def built_copy(tmp_path) -> Path:
    from scripts.build import Reporter, build
    root = copy_project(tmp_path / "edition")
    build(root, Reporter(quiet=True))
    return root


def change_an_input(root: Path) -> None:
    """An editorial reason reworded: the About page changes, in docs/ and in the site."""
    p = root / "seeds" / "casey-report.editorial.toml"
    text = p.read_text(encoding="utf-8")
    new = text.replace("The report's first chapter title;", "The report's first chapter title (reworded);", 1)
    assert new != text
    p.write_text(new, encoding="utf-8")


@pytest.mark.site
def test_a_kill_at_any_step_of_the_switch_leaves_the_old_pair_or_the_new(built_copy):
    root = built_copy
    old = pair(root)
    change_an_input(root)
    seen = []
    for k in range(10):
        proc = subprocess.run([PYTHON, "-c", KILLER, str(root), str(k)], env=env_for(root), capture_output=True,
                              text=True, timeout=300)
        if proc.returncode == 0:
            break
        assert proc.returncode == -signal.SIGKILL, proc.stderr
        seen.append(pair(root))          # every time: both folders there, and whole
    else:
        raise AssertionError("the switch never finished")
    assert k >= 3, "the switch has at least its move, exchange and clean-up steps"
    new = pair(root)
    assert new != old
    assert set(seen) <= {old, new}, "a kill left new Markdown with an old site, or the other way round"
    assert old in seen and new in seen, "kills before and after the exchange were both tried"
    assert list((root / "build").glob("stage-*")) == [], "the finished build cleaned what the dead ones left"


@pytest.mark.site
def test_two_builds_started_together_take_turns(built_copy):
    root = built_copy
    change_an_input(root)
    first = subprocess.Popen([PYTHON, "-m", "scripts", "build"], cwd=root, env=env_for(root),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list((root / "build").glob("stage-*")) and time.monotonic() < deadline:   # it holds the lock
        time.sleep(0.02)
    second = subprocess.Popen([PYTHON, "-m", "scripts", "build"], cwd=root, env=env_for(root),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outs = [p.communicate(timeout=300) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outs
    assert not any("Traceback" in err for _, err in outs)
    assert "waiting for the build already running in this folder" in outs[1][1]
    assert list((root / "build").glob("stage-*")) == []
    pair(root)


def test_a_dead_builds_leftovers_are_removed_and_reported(built_copy):
    from scripts.build import Reporter, build
    root = built_copy
    (root / "build" / "stage-dead" / "docs").mkdir(parents=True)
    (root / "build" / "stage-dead" / "docs" / "half.md").write_text("half", encoding="utf-8")
    (root / ".mkdocs-stage.yml").write_text("INHERIT: x\n", encoding="utf-8")       # an earlier version's
    (root / "docs.old").mkdir()
    said: list[str] = []

    class Collect(Reporter):
        def __call__(self, msg: str) -> None:
            said.append(msg)

    build(root, Collect())
    assert not (root / "build" / "stage-dead").exists()
    assert not (root / ".mkdocs-stage.yml").exists() and not (root / "docs.old").exists()
    assert any("build/stage-dead" in m and "did not finish" in m for m in said)


def test_a_killed_build_leaves_no_process_behind(built_copy):
    """MkDocs runs inside the build's own process: killing the build ends everything it ran."""
    root = built_copy
    change_an_input(root)
    proc = subprocess.Popen([PYTHON, "-m", "scripts", "build", "-q"], cwd=root, env=env_for(root),
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list((root / "build").glob("stage-*/site")) and time.monotonic() < deadline:   # MkDocs is writing
        time.sleep(0.02)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert children == [], "the build started a child process"
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)           # nothing of the build's session is left
    pair(root)                           # and the old pair is whole


def test_build_site_is_a_link_into_docs(built_copy):
    link = built_copy / "build" / "site"
    assert link.is_symlink() and os.readlink(link) == "../docs/.site"
    assert (built_copy / "docs" / ".site" / "index.html").is_file()
    assert "docs/.site/" in (Path(__file__).parent.parent / ".gitignore").read_text().splitlines()


def test_the_site_folder_of_an_earlier_layout_moves_into_the_pair(tmp_path):
    root = tmp_path
    (root / "docs").mkdir()
    (root / "build" / "site").mkdir(parents=True)
    (root / "build" / "site" / "index.html").write_text("old", encoding="utf-8")
    stage.ensure_site_link(root)
    assert (root / "build" / "site").is_symlink()
    assert (root / "build" / "site" / "index.html").read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize("rel", ["../outside.md", "/etc/passwd", "a/../../b.md", "a//b.md", "./a.md", "",
                                 "a\\..\\b.md", "a\x00.md", "report/../../x.md"])
def test_a_write_outside_the_stage_is_refused(tmp_path, rel):
    with pytest.raises(UnsafePath) as err:
        stage.write_tree(tmp_path / "stage", {rel: "x"})
    assert err.value.fix
    assert not (tmp_path / "outside.md").exists()


def test_a_write_never_goes_through_a_link(tmp_path):
    folder = tmp_path / "stage"
    (folder / "report").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (folder / "report" / "x.md").symlink_to(tmp_path / "elsewhere" / "x.md")
    with pytest.raises((UnsafePath, FileExistsError)):
        stage.write_tree(folder, {"report/x.md": "x"})
    assert not (tmp_path / "elsewhere" / "x.md").exists()
    (folder / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(UnsafePath):
        stage.write_tree(folder, {"linked/y.md": "y"})
    assert not (tmp_path / "elsewhere" / "y.md").exists()


def test_ordinary_pages_are_written(tmp_path):
    stage.write_tree(tmp_path, {"index.md": "home", "report/foreword.md": "words", ".nav.yml": "nav"})
    assert (tmp_path / "report" / "foreword.md").read_text(encoding="utf-8") == "words"
