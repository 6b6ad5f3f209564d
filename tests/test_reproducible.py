"""Reproducible build: the same sources give byte-identical docs/ and build/site/.

The second build runs in a folder with another name, at another time, so neither the build's
path nor its clock can leak into the output; SOURCE_DATE_EPOCH fixes the one date MkDocs writes
(the gzip header of sitemap.xml.gz).
"""
from __future__ import annotations

import gzip
import hashlib
import os
import struct
from pathlib import Path

import pytest

from scripts.build import Reporter, build

from conftest import copy_project, markdown_files


def tree(root: Path) -> dict[str, str]:
    """Every file's hash; for docs/, the Markdown only (its .site/ is build/site, compared apart)."""
    files = markdown_files(root) if root.name == "docs" else [p for p in sorted(root.rglob("*")) if p.is_file()]
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="module")
def second_build(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("another-folder-name"))
    build(root, Reporter(quiet=True))
    return root


@pytest.mark.parametrize("part", ["docs", "build/site"])
def test_two_builds_are_byte_identical(built, second_build, part):
    first, second = tree(built[0] / part), tree(second_build / part)
    assert len(first) > 30
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_no_build_path_leaks_into_the_output(built):
    root = built[0]
    needle = str(root).encode()
    leaks = [p.relative_to(root).as_posix() for part in ("docs", "build/site")
             for p in (root / part).rglob("*") if p.is_file() and needle in p.read_bytes()]
    assert leaks == []


@pytest.mark.site
def test_source_date_epoch_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")    # 2023-11-14 22:13:20 UTC
    root = copy_project(tmp_path)
    build(root, Reporter(quiet=True))
    raw = (root / "build" / "site" / "sitemap.xml.gz").read_bytes()
    # the gzip header's MTIME: MkDocs keeps the build's date, so that day's midnight
    assert struct.unpack("<I", raw[4:8])[0] == 1699920000
    assert gzip.decompress(raw) == (root / "build" / "site" / "sitemap.xml").read_bytes()


def test_without_source_date_epoch_the_date_is_the_editions(built):
    import datetime
    import tomllib
    released = tomllib.loads((built[0] / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["edition"]["released"]
    day = datetime.date.fromisoformat(released)
    midnight = int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp())
    raw = (built[0] / "build" / "site" / "sitemap.xml.gz").read_bytes()
    assert struct.unpack("<I", raw[4:8])[0] == midnight


def test_a_git_clone_and_a_tarball_of_it_build_the_same_bytes(built, tmp_path):
    """The date comes from pyproject.toml, not from git: a checkout whose last commit is dated
    otherwise builds exactly what a folder without .git builds."""
    import subprocess
    root = copy_project(tmp_path / "clone")
    env = dict(os.environ, GIT_AUTHOR_DATE="2001-02-03T04:05:06Z", GIT_COMMITTER_DATE="2001-02-03T04:05:06Z",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    build(root, Reporter(quiet=True))
    for part in ("docs", "build/site"):
        assert tree(root / part) == tree(built[0] / part), part
