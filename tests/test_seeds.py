"""Bad seeds and metadata: correct handling, or a clear error naming the file, the line and the
fix, and nothing changed on disk (neither by the library functions nor by a failed build)."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.editorial import load_editorial  # noqa: E402
from scripts.errors import ChecksumMismatch, EditionError, MetadataError, SeedError  # noqa: E402
from scripts.seeds import (  # noqa: E402
    REQUIRED_META,
    SeedMeta,
    decode_seed,
    load_meta,
    verify_checksum,
)

from conftest import copy_project  # conftest puts the project root on sys.path

REPORT_SEED = "casey-report.txt"
REPORT_META = "casey-report.meta.toml"


# ----------------------------------------------------------------------------- helpers
def snapshot(root: Path) -> dict[str, str | None]:
    """Every file (with a hash of its bytes) and directory under `root`, bytecode caches aside."""
    out: dict[str, str | None] = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if "__pycache__" in rel.parts:
            continue
        out[rel.as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None
    return out


def assert_clear_error(err: EditionError, path: Path, line: int | None = None) -> None:
    """The error names the file (and the line, if given) and says what to do."""
    text = str(err)
    assert err.path == str(path)
    assert str(path) in text
    assert err.fix and err.fix.strip(), "every error must say how to fix it"
    assert "fix: " + err.fix in text
    if line is not None:
        assert err.line == line
        assert f"{path}:{line}: " in text


def meta_toml(**overrides) -> str:
    fields = {"seed": "s.txt", "kind": "report", "slug": "report", "title": "T", "author": "A", "publisher": "P",
              "date": "2015-02-04", "licence": "OGL", "source": "PDF text", "source_file": "000.txt",
              "sha256": "0" * 64, "attribution": "© Crown copyright", "licence_url": "https://example.org/licence"}
    fields.update(overrides)
    return "".join(f"{k} = {v!r}\n".replace("'", '"') for k, v in fields.items() if v is not None)


# ----------------------------------------------------------------------------- decode_seed: refused
UTF16_TEXT = "The Council\nfailed in its duty.\n"

REFUSED = [
    # id, file bytes (None: no file), expected line (None: no line), words the message must hold
    pytest.param(None, None, "not found", id="missing-file"),
    pytest.param(b"", None, "empty", id="empty-file"),
    pytest.param(b" \t\n\r\n   \n\x0c", None, "empty", id="whitespace-only"),
    pytest.param(b"line one\nline two\nline \xff three\nline four\n", 3, "invalid UTF-8", id="invalid-utf8-line-3"),
    pytest.param(b"line one\r\nline two\r\nline \xff three\r\n", 3, "invalid UTF-8", id="invalid-utf8-line-3-crlf"),
    pytest.param("one\ntwo\nthr\u2019ee\n".encode()[:-5] + b"\n", 3, "invalid UTF-8", id="truncated-utf8-line-3"),
    pytest.param("café\n".encode("latin-1"), 1, "invalid UTF-8", id="latin-1"),
    pytest.param(b"%PDF-1.4\nstream\x00\x01\x02\x03binary\nendstream\n", 2, "NUL", id="binary-with-nul"),
    pytest.param(UTF16_TEXT.encode("utf-16"), 1, "UTF-16", id="utf16-with-bom"),
    pytest.param(UTF16_TEXT.encode("utf-16-be"), 1, "UTF-16", id="utf16-be-without-bom"),
    pytest.param(UTF16_TEXT.encode("utf-16-le"), 1, "UTF-16", id="utf16-le-without-bom"),
    pytest.param(b"\xfe\xff" + UTF16_TEXT.encode("utf-16-be"), 1, "UTF-16", id="utf16-be-with-bom"),
    pytest.param(b"page one\n\x0c page two\n", 2, "form feed", id="form-feed"),
    pytest.param(b"one\ntwo\x7f\n", 2, "DEL (U+007F)", id="delete"),
    pytest.param("one\ntwo\nth\u0085ree\n".encode(), 3, "C1 control character (U+0085)", id="c1-next-line"),
    pytest.param(b"one\x1b[31m red\n", 1, "control character (U+001B)", id="escape-sequence"),
    pytest.param("one \u202egnp.exe\n".encode(), 1, "bidirectional control", id="bidi-override"),
    pytest.param("one\u2028two\n".encode(), 1, "line separator", id="line-separator"),
    pytest.param("one\u2029two\n".encode(), 1, "paragraph separator", id="paragraph-separator"),
]


@pytest.mark.parametrize("data, line, words", REFUSED)
def test_decode_seed_refuses_with_a_located_error(tmp_path: Path, data: bytes | None, line: int | None,
                                                  words: str) -> None:
    path = tmp_path / "seed.txt"
    if data is not None:
        path.write_bytes(data)
    before = snapshot(tmp_path)
    with pytest.raises(SeedError) as info:
        decode_seed(path)
    err = info.value
    assert words in str(err)
    assert_clear_error(err, path, line)
    assert snapshot(tmp_path) == before, "decoding must not change, convert or create any file"


@pytest.mark.parametrize("text", ["tab\there", "soft\u00adhyphen, no\u00a0break, zero\u200bwidth",
                                  "“curly” ‘quotes’ – dashes … • bullets", "مرحبا 𝕏 😀"],
                         ids=["tab", "invisible-but-text", "typography", "other-scripts"])
def test_ordinary_characters_are_not_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(text + "\n", encoding="utf-8")
    assert decode_seed(path).text == text + "\n"


def test_a_seed_that_is_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("text\n", encoding="utf-8")
    (tmp_path / "seed.txt").symlink_to(tmp_path / "real.txt")
    with pytest.raises(EditionError) as info:
        decode_seed(tmp_path / "seed.txt")
    assert "symbolic link" in str(info.value)


def test_invalid_utf8_error_names_line_column_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(b"line one\nline two\nline \xff three\n")
    with pytest.raises(SeedError) as info:
        decode_seed(path)
    assert info.value.line == 3
    assert "column 6" in str(info.value)
    assert "0xff" in str(info.value)


@pytest.mark.parametrize("raw, column", [
    pytest.param(b"\xef\xbb\xbfline one\nline two\nline \xff three\n", None, id="after-a-utf8-bom"),
    pytest.param(b"line one\rline two\rline \xff three\r", 6, id="cr-line-ends"),
])
def test_invalid_utf8_is_located(tmp_path: Path, raw: bytes, column: int | None) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(raw)
    with pytest.raises(SeedError) as info:
        decode_seed(path)
    assert_clear_error(info.value, path, 3)
    if column is not None:
        assert f"column {column}" in str(info.value)


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n\n"], ids=["bom-only", "bom-and-whitespace"])
def test_a_file_with_only_a_bom_is_empty(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(data)
    try:
        decode_seed(path)
    except SeedError as err:
        assert "empty" in str(err)
        assert_clear_error(err, path)
    else:
        raise AssertionError("a seed with no text after its byte-order mark was accepted")


def test_a_directory_is_not_a_seed(tmp_path: Path) -> None:
    # any other exception (an untyped one) propagates and fails the test too
    with pytest.raises(SeedError) as err:
        decode_seed(tmp_path)
    assert_clear_error(err.value, tmp_path)


def test_binary_file_is_not_misdiagnosed_as_utf16(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    # a PNG signature and the start of its IHDR chunk: binary data, many NULs, not UTF-16 text
    path.write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"))
    with pytest.raises(SeedError) as info:
        decode_seed(path)
    assert_clear_error(info.value, path)
    assert "UTF-16" not in str(info.value)


# ----------------------------------------------------------------------------- decode_seed: handled
ACCEPTED = [
    # file bytes, expected text, words each recorded normalisation must hold
    pytest.param("“Plain” text…\nline two\n".encode(), "“Plain” text…\nline two\n", [], id="plain-utf8"),
    pytest.param(b"\xef\xbb\xbfFirst\nsecond\n", "First\nsecond\n", ["byte-order mark"], id="utf8-bom"),
    pytest.param(b"First\r\nsecond\r\n", "First\nsecond\n", ["line ends"], id="crlf"),
    pytest.param(b"First\rsecond\r", "First\nsecond\n", ["line ends"], id="lone-cr"),
    pytest.param(b"a\r\nb\rc\nd", "a\nb\nc\nd", ["line ends"], id="mixed-crlf-cr-lf"),
    pytest.param(b"a\r\n\r\nb\r\n", "a\n\nb\n", ["line ends"], id="crlf-blank-line-kept"),
    pytest.param(b"\xef\xbb\xbfFirst\r\nsecond\r\n", "First\nsecond\n", ["byte-order mark", "line ends"],
                 id="bom-and-crlf"),
]


@pytest.mark.parametrize("data, text, recorded", ACCEPTED)
def test_decode_seed_normalises_and_records(tmp_path: Path, data: bytes, text: str, recorded: list[str]) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(data)
    seed = decode_seed(path)
    assert seed.text == text
    assert "\ufeff" not in seed.text and "\r" not in seed.text
    assert len(seed.normalised) == len(recorded)
    for note, words in zip(seed.normalised, recorded):
        assert words in note
    # the checksum is of the file as it is on disk, not of the normalised text
    assert seed.sha256 == hashlib.sha256(data).hexdigest()
    assert seed.path == path
    assert path.read_bytes() == data, "the seed file itself is never rewritten"
    expected_lines = (text[:-1] if text.endswith("\n") else text).split("\n")
    assert seed.lines == expected_lines


# ----------------------------------------------------------------------------- verify_checksum
def _seed_and_meta(tmp_path: Path, recorded: str) -> tuple[Path, SeedMeta]:
    seed_path = tmp_path / "s.txt"
    seed_path.write_bytes(b"The report text.\n")
    meta_path = tmp_path / "s.meta.toml"
    meta_path.write_text(meta_toml(sha256=recorded), encoding="utf-8")
    return seed_path, load_meta(meta_path)


def test_verify_checksum_mismatch_names_file_and_fix(tmp_path: Path) -> None:
    wrong = "ab" * 32
    seed_path, meta = _seed_and_meta(tmp_path, wrong)
    seed = decode_seed(seed_path)
    before = snapshot(tmp_path)
    with pytest.raises(ChecksumMismatch) as info:
        verify_checksum(seed, meta)
    err = info.value
    assert isinstance(err, SeedError) and err.exit_code == 2
    assert_clear_error(err, seed_path)
    text = str(err)
    assert seed.sha256 in text and wrong in text
    assert meta.path.name in text
    assert "restore" in err.fix
    assert f'sha256 = "{seed.sha256}"' in err.fix and str(meta.path) in err.fix
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("case", ["lower", "upper"])
def test_verify_checksum_accepts_the_right_sum(tmp_path: Path, case: str) -> None:
    digest = hashlib.sha256(b"The report text.\n").hexdigest()
    seed_path, meta = _seed_and_meta(tmp_path, digest.upper() if case == "upper" else digest)
    verify_checksum(decode_seed(seed_path), meta)   # no exception


def test_verify_checksum_catches_a_one_byte_change(tmp_path: Path) -> None:
    digest = hashlib.sha256(b"The report text.\n").hexdigest()
    seed_path, meta = _seed_and_meta(tmp_path, digest)
    seed_path.write_bytes(b"The report text.\n\n")
    with pytest.raises(ChecksumMismatch):
        verify_checksum(decode_seed(seed_path), meta)


# ----------------------------------------------------------------------------- load_meta / load_editorial
@pytest.mark.parametrize("field", REQUIRED_META)
def test_load_meta_missing_field(tmp_path: Path, field: str) -> None:
    path = tmp_path / "s.meta.toml"
    path.write_text(meta_toml(**{field: None}), encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(MetadataError) as info:
        load_meta(path)
    assert_clear_error(info.value, path)
    assert field in str(info.value)
    assert snapshot(tmp_path) == before


def test_load_meta_names_every_missing_field(tmp_path: Path) -> None:
    path = tmp_path / "s.meta.toml"
    path.write_text(meta_toml(title=None, sha256=None), encoding="utf-8")
    with pytest.raises(MetadataError) as info:
        load_meta(path)
    assert "title" in str(info.value) and "sha256" in str(info.value)


def test_load_meta_invalid_toml(tmp_path: Path) -> None:
    path = tmp_path / "s.meta.toml"
    path.write_text('seed = "s.txt"\ntitle = "unterminated\n', encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(MetadataError) as info:
        load_meta(path)
    assert_clear_error(info.value, path)
    assert "TOML" in str(info.value)
    assert "line 2" in str(info.value), "the TOML error's location must reach the user"
    assert snapshot(tmp_path) == before


def test_load_meta_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.meta.toml"
    with pytest.raises(MetadataError) as info:
        load_meta(path)
    assert_clear_error(info.value, path)
    assert not path.exists()


def test_load_meta_valid(tmp_path: Path) -> None:
    path = tmp_path / "s.meta.toml"
    path.write_text(meta_toml(), encoding="utf-8")
    meta = load_meta(path)
    assert meta.title == "T"
    assert meta.seed_path == tmp_path / "s.txt"


def test_load_meta_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "s.meta.toml"
    path.write_bytes(meta_toml(title="Caf\u00e9").encode("latin-1"))
    with pytest.raises(MetadataError) as err:
        load_meta(path)
    assert_clear_error(err.value, path)


def test_load_meta_wrong_type_of_sha256(tmp_path: Path) -> None:
    meta_path = tmp_path / "s.meta.toml"
    meta_path.write_text(meta_toml().replace('sha256 = "' + "0" * 64 + '"', "sha256 = 123"), encoding="utf-8")
    seed_path = tmp_path / "s.txt"
    seed_path.write_bytes(b"text\n")
    with pytest.raises(EditionError) as err:
        verify_checksum(decode_seed(seed_path), load_meta(meta_path))
    assert str(meta_path) in str(err.value) or str(seed_path) in str(err.value)
    assert err.value.fix


def test_load_editorial_invalid_toml(tmp_path: Path) -> None:
    path = tmp_path / "s.editorial.toml"
    path.write_text("[[headings]\ntext = 1\n", encoding="utf-8")
    with pytest.raises(MetadataError) as info:
        load_editorial(path)
    assert_clear_error(info.value, path)


def test_an_editorial_file_the_metadata_names_must_exist(tmp_path: Path) -> None:
    with pytest.raises(MetadataError) as info:
        load_editorial(tmp_path / "absent.editorial.toml")
    assert_clear_error(info.value, tmp_path / "absent.editorial.toml")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_editorial_file_means_no_decisions(tmp_path: Path) -> None:
    path = tmp_path / "empty.editorial.toml"
    path.write_text("# nothing to decide\n", encoding="utf-8")
    assert len(load_editorial(path)) == 0


# ----------------------------------------------------------------------------- the build, end to end
@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throw-away project root with sentinel files in docs/ and build/site/."""
    root = tmp_path / "edition"
    root.mkdir()
    copy_project(root)
    for p in (root / "seeds").iterdir():
        p.chmod(0o644)   # the seeds are read-only in the repository
    (root / "docs").mkdir()
    (root / "docs" / "SENTINEL.md").write_text("sentinel docs\n", encoding="utf-8")
    (root / "build" / "site").mkdir(parents=True)
    (root / "build" / "site" / "SENTINEL.html").write_text("<p>sentinel site</p>\n", encoding="utf-8")
    return root


def run_build(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, EDITION_ROOT=str(root), PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    return subprocess.run([sys.executable, "-m", "scripts", "build"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def assert_failed_build_changed_nothing(root: Path, before: dict, proc: subprocess.CompletedProcess,
                                        exit_code: int, named: Path, line: int | None = None) -> None:
    assert proc.returncode == exit_code, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert str(named) in proc.stderr, proc.stderr
    if line is not None:
        assert f"{named}:{line}: " in proc.stderr, proc.stderr
    assert "fix:" in proc.stderr, proc.stderr
    assert sorted(p.name for p in (root / "docs").iterdir()) == ["SENTINEL.md"]
    assert sorted(p.name for p in (root / "build" / "site").iterdir()) == ["SENTINEL.html"]
    assert sorted(p.name for p in (root / "build").iterdir()) == ["site"], "no staging left behind"
    assert snapshot(root) == before


@pytest.mark.site
def test_build_refuses_a_changed_seed(project: Path) -> None:
    seed = project / "seeds" / REPORT_SEED
    with seed.open("ab") as f:
        f.write(b"x")
    before = snapshot(project)
    proc = run_build(project)
    assert_failed_build_changed_nothing(project, before, proc, ChecksumMismatch.exit_code, seed)
    assert "SHA-256" in proc.stderr


@pytest.mark.site
def test_build_refuses_a_seed_that_is_not_utf8(project: Path) -> None:
    seed = project / "seeds" / REPORT_SEED
    lines = seed.read_bytes().split(b"\n")
    lines[2] = lines[2][:3] + b"\xff" + lines[2][3:]     # line 3 of the file
    data = b"\n".join(lines)
    seed.write_bytes(data)
    meta = project / "seeds" / REPORT_META
    text, n = re.subn(r'(?m)^sha256 = "[0-9a-f]{64}"$', f'sha256 = "{hashlib.sha256(data).hexdigest()}"',
                      meta.read_text(encoding="utf-8"))
    assert n == 1
    meta.write_text(text, encoding="utf-8")
    before = snapshot(project)
    proc = run_build(project)
    assert_failed_build_changed_nothing(project, before, proc, SeedError.exit_code, seed, line=3)
    assert "invalid UTF-8" in proc.stderr
    assert "SHA-256" not in proc.stderr, "decoding, not the checksum, must be what fails"


@pytest.mark.site
def test_build_refuses_metadata_without_a_field(project: Path) -> None:
    meta = project / "seeds" / REPORT_META
    text, n = re.subn(r'(?m)^sha256 = .*\n', "", meta.read_text(encoding="utf-8"))
    assert n == 1
    meta.write_text(text, encoding="utf-8")
    before = snapshot(project)
    proc = run_build(project)
    assert_failed_build_changed_nothing(project, before, proc, MetadataError.exit_code, meta)
    assert "sha256" in proc.stderr
