"""Reading seeds: bytes to text, checksums, and the metadata and editorial files beside them.

Not for: interpreting the text (see `layout` and `passes`). Every error names the file and,
where there is one, the line, with the fix.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ChecksumMismatch, MetadataError, SeedError

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
REQUIRED_META = ("title", "author", "publisher", "date", "kind", "licence", "source", "sha256", "seed")


@dataclass
class SeedText:
    """A decoded seed: its text with LF line ends, and what decoding had to change."""

    path: Path
    text: str
    sha256: str
    normalised: list[str] = field(default_factory=list)   # e.g. "CRLF line ends -> LF"

    @property
    def lines(self) -> list[str]:
        body = self.text[:-1] if self.text.endswith("\n") else self.text
        return body.split("\n")


def _line_of_offset(data: bytes, offset: int) -> int:
    """1-based line of a byte offset, counting LF, CRLF and lone CR as line ends."""
    head = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return head.count(b"\n") + 1


def _column_of_offset(data: bytes, offset: int) -> int:
    head = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return len(head) - (head.rfind(b"\n") + 1) + 1


def _looks_like_utf16(data: bytes) -> bool:
    """A BOM, or NUL bytes in (nearly) every other position, as ASCII text in UTF-16 has."""
    if data.startswith(UTF16_BOMS):
        return True
    sample = data[:4000]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.9


def decode_seed(path: Path) -> SeedText:
    """Read a seed as UTF-8 text, refusing what is not UTF-8 text with a located error.

    Handled: a UTF-8 byte-order mark (dropped), CRLF or CR line ends (made LF); each is
    recorded in `normalised`. Refused: a missing or empty file, UTF-16, NUL bytes (binary
    data) and invalid UTF-8.
    """
    if not path.exists():
        raise SeedError("seed file not found", path=str(path),
                        fix="copy it from ../shared/seeds/ (see seeds/README.md for the names)")
    if not path.is_file():
        raise SeedError("seed path is not a file", path=str(path),
                        fix="set `seed` in the metadata file to the seed's file name")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if not data.removeprefix(UTF8_BOM).strip():
        raise SeedError("seed file is empty (or only whitespace)", path=str(path),
                        fix="restore the file from ../shared/seeds/")
    if _looks_like_utf16(data):
        raise SeedError("seed file looks like UTF-16, not UTF-8", path=str(path), line=1,
                        fix=f"convert it: iconv -f UTF-16 -t UTF-8 {path} > {path}.utf8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SeedError(f"seed file holds binary data (a NUL byte at byte {nul})", path=str(path),
                        line=_line_of_offset(data, nul),
                        fix="use the plain-text extract, not a binary file")
    normalised = []
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
        normalised.append("UTF-8 byte-order mark removed")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of_offset(data, exc.start)
        col = _column_of_offset(data, exc.start)
        raise SeedError(f"invalid UTF-8 at column {col} (byte {data[exc.start]:#04x})", path=str(path),
                        line=line, fix="re-extract the text as UTF-8, or convert it with iconv") from exc
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        normalised.append("CRLF/CR line ends made LF")
    return SeedText(path=path, text=text, sha256=digest, normalised=normalised)


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise MetadataError("file not found", path=str(path),
                            fix="create it beside the seed (see seeds/README.md)")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise MetadataError(f"not UTF-8 (byte {exc.start})", path=str(path),
                            fix="save the file as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"not valid TOML: {exc}", path=str(path),
                            fix="correct the TOML syntax at the place named") from exc


@dataclass
class SeedMeta:
    path: Path          # the metadata file
    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def seed_path(self) -> Path:
        return self.path.parent / self.data["seed"]


def load_meta(path: Path) -> SeedMeta:
    data = _read_toml(path)
    missing = [k for k in REQUIRED_META if k not in data]
    if missing:
        raise MetadataError(f"missing field(s): {', '.join(missing)}", path=str(path),
                            fix="add them; see seeds/README.md for what each means")
    wrong = [k for k in REQUIRED_META if not isinstance(data[k], str) or not data[k].strip()]
    if wrong:
        raise MetadataError(f"field(s) must be non-empty text: {', '.join(wrong)}", path=str(path),
                            fix='write them as quoted strings, e.g. sha256 = "…"')
    if not re.fullmatch(r"[0-9a-fA-F]{64}", data["sha256"]):
        raise MetadataError("sha256 must be 64 hexadecimal digits", path=str(path),
                            fix="copy it from `sha256sum` of the seed")
    return SeedMeta(path, data)


def load_editorial(path: Path) -> dict[str, Any]:
    """The per-document editorial decisions; an absent file means no decisions."""
    if not path.exists():
        return {}
    return _read_toml(path)


def verify_checksum(seed: SeedText, meta: SeedMeta) -> None:
    expected = meta["sha256"].lower()
    if seed.sha256 != expected:
        raise ChecksumMismatch(
            f"SHA-256 is {seed.sha256}, but {meta.path.name} records {expected}", path=str(seed.path),
            fix=("restore the seed byte for byte from ../shared/seeds/; if the new text is meant, "
                 f"set sha256 = \"{seed.sha256}\" in {meta.path} and review every editorial entry"))
