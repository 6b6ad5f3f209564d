"""Bad input, a table of it: every case stops the build with one located line (file, line or
key, and the fix), an exit code for its class, no traceback, and not a byte changed on disk.

Each case changes a copy of the project (its metadata, its editorial file, its seeds folder
or a seed's text) and runs the command line in this process, as a user would run it.
"""
from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts import cli
from scripts.errors import EditorialError, MetadataError, SeedError, UnsafePath

from conftest import copy_project

REPORT_META = "seeds/casey-report.meta.toml"
PRESS_META = "seeds/press-article.meta.toml"
EDITORIAL = "seeds/casey-report.editorial.toml"
REPORT_SEED = "seeds/casey-report.txt"


@dataclass(frozen=True)
class Case:
    change: Callable[[Path], None]
    error: type
    file: str                    # the file the message must name (relative to the project)
    words: str                   # words the message must hold
    line: bool = False           # the message must give a line too


def set_key(rel: str, key: str, value: str | None):
    """Set (or with None remove) a top-level `key = …` line of a TOML file."""
    def change(root: Path) -> None:
        p = root / rel
        text = p.read_text(encoding="utf-8")
        line = "" if value is None else f"{key} = {value}\n"
        new, n = re.subn(rf"(?m)^{re.escape(key)} = .*\n", lambda _: line, text)
        if n == 0 and value is not None:
            new = text + f"{key} = {value}\n"
        p.write_text(new, encoding="utf-8")
    return change


def append(rel: str, text: str):
    def change(root: Path) -> None:
        with (root / rel).open("a", encoding="utf-8") as f:
            f.write("\n" + text + "\n")
    return change


def replace(rel: str, old: str, new: str):
    def change(root: Path) -> None:
        p = root / rel
        text = p.read_text(encoding="utf-8")
        assert old in text, old
        p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def insert_in_seed(char: str, line: int = 10):
    def change(root: Path) -> None:
        p = root / REPORT_SEED
        lines = p.read_text(encoding="utf-8").split("\n")
        lines[line - 1] = lines[line - 1][:5] + char + lines[line - 1][5:]
        p.write_text("\n".join(lines), encoding="utf-8")
    return change


def symlink_seed(root: Path) -> None:
    outside = root.parent / "outside.txt"
    seed = root / REPORT_SEED
    outside.write_bytes(seed.read_bytes())          # same bytes, same checksum: only the link is wrong
    seed.unlink()
    seed.symlink_to(outside)


def symlink_file(rel: str):
    def change(root: Path) -> None:
        p = root / rel
        outside = root.parent / ("outside-" + p.name)
        outside.write_bytes(p.read_bytes())
        p.unlink()
        p.symlink_to(outside)
    return change


def seed_outside(root: Path) -> None:
    target = "/etc/passwd"
    digest = hashlib.sha256(Path(target).read_bytes()).hexdigest()
    set_key(REPORT_META, "seed", f'"{target}"')(root)
    set_key(REPORT_META, "sha256", f'"{digest}"')(root)


def remove(rel: str):
    def change(root: Path) -> None:
        (root / rel).unlink()
    return change


def write(rel: str, text: str):
    def change(root: Path) -> None:
        (root / rel).write_text(text, encoding="utf-8")
    return change


CASES = {
    # --- metadata: names that would be paths
    "slug-parent": Case(set_key(REPORT_META, "slug", '"../../outside"'), UnsafePath, REPORT_META, "not a slug", True),
    "slug-absolute": Case(set_key(REPORT_META, "slug", '"/tmp/outside"'), UnsafePath, REPORT_META, "not a slug", True),
    "slug-upper-case": Case(set_key(REPORT_META, "slug", '"Report"'), UnsafePath, REPORT_META, "not a slug", True),
    "slug-reserved": Case(set_key(REPORT_META, "slug", '"assets"'), MetadataError, REPORT_META, "the site itself uses"),
    "slug-twice": Case(set_key(PRESS_META, "slug", '"report"'), MetadataError, PRESS_META, "also the slug"),
    "seed-absolute": Case(seed_outside, UnsafePath, REPORT_META, "not a file name in seeds/", True),
    "seed-parent": Case(set_key(REPORT_META, "seed", '"../README.md"'), UnsafePath, REPORT_META, "not a file name"),
    "seed-symlink": Case(symlink_seed, UnsafePath, REPORT_SEED, "symbolic link"),
    "editorial-parent": Case(set_key(REPORT_META, "editorial", '"../x.toml"'), UnsafePath, REPORT_META, "not a file name"),
    "editorial-symlink": Case(symlink_file(EDITORIAL), UnsafePath, EDITORIAL, "symbolic link"),
    "meta-symlink": Case(symlink_file(PRESS_META), UnsafePath, PRESS_META, "symbolic link"),
    "editorial-missing": Case(set_key(REPORT_META, "editorial", '"absent.editorial.toml"'), MetadataError,
                              "seeds/absent.editorial.toml", "not found"),
    # --- metadata: values of the wrong shape
    "date-impossible": Case(set_key(REPORT_META, "date", '"2015-02-30"'), MetadataError, REPORT_META, "not a date", True),
    "date-in-words": Case(set_key(REPORT_META, "date", '"4 February 2015"'), MetadataError, REPORT_META, "not a date"),
    "no-attribution": Case(set_key(REPORT_META, "attribution", None), MetadataError, REPORT_META, "attribution"),
    "no-licence-url": Case(set_key(REPORT_META, "licence_url", None), MetadataError, REPORT_META, "licence_url"),
    "licence-url-script": Case(set_key(REPORT_META, "licence_url", '"javascript:alert(1)"'), MetadataError,
                               REPORT_META, "not an https address", True),
    "title-a-number": Case(set_key(REPORT_META, "title", "3"), MetadataError, REPORT_META, "must be text", True),
    "unknown-field": Case(set_key(REPORT_META, "atribution", '"x"'), MetadataError, REPORT_META, "did you mean", True),
    "control-in-title": Case(set_key(REPORT_META, "title", '"Report\\u001b[31m"'), MetadataError, REPORT_META,
                             "U+001B", True),
    "bytes-wrong": Case(set_key(REPORT_META, "bytes", "1"), MetadataError, REPORT_META, "`bytes` = 1"),
    "kind-unknown": Case(set_key(PRESS_META, "kind", '"book"'), MetadataError, PRESS_META, "kind of seed"),
    "sha256-not-hex": Case(set_key(REPORT_META, "sha256", '"xyz"'), MetadataError, REPORT_META, "64 hexadecimal"),
    # --- the seeds folder
    "seed-without-meta": Case(remove(PRESS_META), SeedError, "seeds/press-article.txt", "named by no metadata"),
    "stray-file": Case(write("seeds/notes.txt", "notes\n"), SeedError, "seeds/notes.txt", "named by no metadata"),
    # --- the editorial file
    "unknown-kind": Case(append(EDITORIAL, '[[headingz]]\ntext = "Foreword"\nlevel = 1\nreason = "r"'),
                         MetadataError, EDITORIAL, "[[headings]]", True),
    "unknown-key": Case(append(EDITORIAL, '[[headings]]\ntext = "Foreword"\nlevle = 1\nreason = "r"'),
                        MetadataError, EDITORIAL, "did you mean `level`", True),
    "heading-without-level": Case(append(EDITORIAL, '[[headings]]\ntext = "Foreword"\nreason = "r"'),
                                  MetadataError, EDITORIAL, "`level` is missing", True),
    "level-in-words": Case(append(EDITORIAL, '[[headings]]\ntext = "Foreword"\nlevel = "two"\nreason = "r"'),
                           MetadataError, EDITORIAL, "whole number", True),
    "level-too-deep": Case(append(EDITORIAL, '[[headings]]\ntext = "Foreword"\nlevel = 9\nreason = "r"'),
                           MetadataError, EDITORIAL, "from 1 to 6", True),
    "text-a-number": Case(append(EDITORIAL, '[[not_headings]]\ntext = 3\nreason = "r"'),
                          MetadataError, EDITORIAL, "must be text", True),
    "reason-missing": Case(append(EDITORIAL, '[[not_headings]]\ntext = "Foreword"'),
                           MetadataError, EDITORIAL, "`reason` is missing", True),
    "note-in-words": Case(append(EDITORIAL, '[[footnote_markers]]\nnote = "six"\ncontext = "x"\nreason = "r"'),
                          MetadataError, EDITORIAL, "whole number", True),
    "row-invalid-regex": Case(replace(EDITORIAL, "row = '(April \\S+) ", "row = '((April \\S+) "),
                              MetadataError, EDITORIAL, "not a valid regular expression", True),
    "refs-invalid-regex": Case(replace(EDITORIAL, "refs = ['The first part", "refs = ['[a-', 'The first part"),
                               MetadataError, EDITORIAL, "not a valid regular expression", True),
    "row-groups-and-cells-differ": Case(replace(EDITORIAL, "row = '(April \\S+) (\\S+) (\\S+) (\\S+)'",
                                                "row = '(April \\S+) (\\S+) (\\S+) \\S+'"),
                                        MetadataError, EDITORIAL, "3 groups but `header` has 4", True),
    "term-two-words": Case(append(EDITORIAL, '[[edition_terms]]\nterm = "A B"\nexpansion = "x"\nreason = "r"'),
                           MetadataError, EDITORIAL, "one word", True),
    "kind-not-a-list": Case(lambda root: (root / EDITORIAL).write_text(
        'not_quotations = "Foreword"\n' + (root / EDITORIAL).read_text(encoding="utf-8"), encoding="utf-8"),
        MetadataError, EDITORIAL, "must be a list"),
    "toml-syntax": Case(append(EDITORIAL, "[[headings]\ntext = 1"), MetadataError, EDITORIAL, "not valid TOML"),
    # --- editorial decisions that no longer hold
    "table-matches-nothing": Case(append(EDITORIAL, "[[tables]]\nheader_line = \"Absent Header\"\n"
                                                    "header = [\"Absent\", \"Header\"]\nrow = '(\\S+) (\\S+)'\nreason = \"r\""),
                                  EditorialError, EDITORIAL, "never applied", True),
    "not-quotation-matches-nothing": Case(append(EDITORIAL, '[[not_quotations]]\ntext = "“Never printed.”"\nreason = "r"'),
                                          EditorialError, EDITORIAL, "never applied", True),
    "reference-issue-pattern": Case(append(EDITORIAL, "[[references]]\nkey = \"k\"\ntitle = \"T\"\n"
                                                      "phrases = ['(\\w+\\s*)+QQQ']\nreason = \"r\""),
                                    EditorialError, EDITORIAL, "cited nowhere", True),
    "catastrophic-pattern": Case(append(EDITORIAL, "[[references]]\nkey = \"k\"\ntitle = \"T\"\n"
                                                   "phrases = ['(?:[a-z ]|[a-z ])+[0-9]']\nreason = \"r\""),
                                 EditorialError, EDITORIAL, "backtracks without end", True),
    "cross-reference-to-nowhere": Case(append(EDITORIAL, '[[cross_references]]\nphrase = "the Foreword"\n'
                                                         'target = "No Such Heading"\nreason = "r"'),
                                       EditorialError, EDITORIAL, "no heading or chapter title", True),
    "cross-reference-to-one-of-several": Case(append(EDITORIAL, '[[cross_references]]\nphrase = "the Foreword"\n'
                                                                'target = "Background"\nreason = "r"'),
                                              EditorialError, EDITORIAL, "names 5 headings", True),
    "cross-reference-pointing-the-wrong-way": Case(
        replace(EDITORIAL, 'target = "Members"', 'target = "Annex G: The Rotherham Inspection Team"'),
        EditorialError, REPORT_SEED, "“As outlined in section one” points back", True),
    "unlisted-capitalised-word": Case(replace(EDITORIAL, 'word = "KPMG"', 'word = "KMPG"'),
                                      EditorialError, REPORT_SEED, "“KPMG” is neither a glossary term", True),
    # --- the seed's characters
    "form-feed": Case(insert_in_seed("\f"), SeedError, REPORT_SEED, "form feed", True),
    "delete-character": Case(insert_in_seed("\x7f"), SeedError, REPORT_SEED, "DEL (U+007F)", True),
    "c1-control": Case(insert_in_seed("\x85"), SeedError, REPORT_SEED, "C1 control character (U+0085)", True),
    "c0-control": Case(insert_in_seed("\x01"), SeedError, REPORT_SEED, "control character (U+0001)", True),
    "bidi-override": Case(insert_in_seed("\u202e"), SeedError, REPORT_SEED, "bidirectional control", True),
    "line-separator": Case(insert_in_seed("\u2028"), SeedError, REPORT_SEED, "line separator", True),
}


def snapshot(root: Path) -> dict[str, str]:
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if "__pycache__" in rel.parts:
            continue
        if p.is_symlink():
            out[rel.as_posix()] = "link:" + os.readlink(p)
        elif p.is_file():
            out[rel.as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[rel.as_posix()] = "dir"
    return out


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """One copy of the project with docs/ and a built site in place, copied for each case."""
    from scripts.build import Reporter, build
    root = copy_project(tmp_path_factory.mktemp("pristine") / "edition")
    build(root, Reporter(quiet=True))
    return root


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    import shutil
    root = tmp_path / "edition"
    shutil.copytree(pristine, root, symlinks=True)
    return root


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_stops_with_one_located_line_and_changes_nothing(case, project, monkeypatch, capsys):
    c = CASES[case]
    c.change(project)
    before = snapshot(project)
    monkeypatch.setenv("EDITION_ROOT", str(project))
    start = time.monotonic()
    code = cli.main(["build", "-q"])
    took = time.monotonic() - start
    err = capsys.readouterr().err
    assert code == c.error.exit_code, err
    assert "Traceback" not in err
    lines = err.rstrip("\n").split("\n")
    assert len(lines) == 1, f"one line, not:\n{err}"
    line = lines[0]
    assert line.startswith("error: ")
    named = str(project / c.file)
    assert named in line or c.file in line, line
    if c.line:
        assert re.search(r":\d+: ", line), f"no line number in: {line}"
    assert c.words in line, line
    assert "; fix: " in line and len(line.split("; fix: ", 1)[1]) > 10, line
    assert snapshot(project) == before, "a refused build must change nothing on disk"
    assert took < 30, "bounded: no input may make the build hang"


def test_the_table_covers_every_kind_of_error():
    assert {c.error for c in CASES.values()} == {UnsafePath, MetadataError, SeedError, EditorialError}


def test_a_shown_input_can_never_drive_the_terminal():
    from scripts.errors import shown
    s = shown("title\x1b[31m red \u202e txt\u2028end")
    assert "\x1b" not in s and "\u202e" not in s and "\u2028" not in s
    assert "\\x1b" in s and "\\u202e" in s and "\\u2028" in s
    assert shown("x" * 200, 10) == "“" + "x" * 10 + "…”"
