"""Reading seeds: bytes to text, checksums, and the metadata file beside each seed.

Not for: interpreting the text (see `layout` and `passes`) or the editorial decisions (see
`editorial`). Every error names the file and, where there is one, the line, with the fix.

A metadata file's values are data. Names in it (`seed`, `editorial`, `slug`) are names, never
paths: a seed and an editorial file are plain files directly inside `seeds/` (no folder part,
no `..`, no symbolic link), and a slug is a lower-case name that becomes one URL folder.
"""
from __future__ import annotations

import datetime
import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ChecksumMismatch, MetadataError, SeedError, UnsafePath, shown

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: A file name in seeds/: letters, digits, '.', '_' and '-', starting with a letter or digit.
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
#: A slug: one URL folder, lower case, words joined by single hyphens.
SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
SLUG_MAX = 40
#: Folders of the built site that a seed's slug may not take.
RESERVED_SLUGS = frozenset({"assets", "search", "downloads"})
#: An address the edition may print as a link: https, a host name, and nothing that could end
#: the link early or run as script.
HTTPS_URL = re.compile(r"https://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?"
                       r"(?:/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?(?:\?[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?"
                       r"(?:#[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?")
#: Bidirectional embedding, override and isolate controls: they change the order in which the
#: text after them is displayed, so the page would not show the words in the source's order.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
KINDS = ("report", "article")


@dataclass
class SeedText:
    """A decoded seed: its text with LF line ends, and what decoding had to change."""

    path: Path
    text: str
    sha256: str
    size: int = 0
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


def refused_character(ch: str) -> tuple[str, str] | None:
    """(what it is, how to fix it) for a character no seed may hold; None if it is allowed.

    Allowed: printable text, tab and LF. Refused: form feeds (page breaks as `pdftotext`
    writes them, which this pipeline does not read: it knows a page start by one leading
    space), the other C0 and C1 control characters and DEL, Unicode line and paragraph
    separators, and bidirectional controls.
    """
    code = ord(ch)
    if ch in "\t\n":
        return None
    if ch == "\f":
        return ("a form feed (U+000C), the page break that pdftotext writes between pages",
                "this pipeline knows a page start by one leading space on the page's first line, not by form "
                "feeds: extract the text again without them (pdftotext -nopgbrk), or delete them with "
                "`tr -d '\\f'` if every page's first line already starts with one space")
    if code < 0x20 or 0x7F <= code <= 0x9F:
        name = "DEL" if code == 0x7F else ("a C1 control character" if code >= 0x80 else "a control character")
        return (f"{name} (U+{code:04X})",
                "extract the text again; control characters are not text and cannot be shown")
    if ch in "\u2028\u2029":
        return (f"a Unicode {'line' if ch == chr(0x2028) else 'paragraph'} separator (U+{code:04X})",
                "replace it with a newline: lines of a seed end with LF")
    if ch in BIDI_CONTROLS:
        return (f"a bidirectional control character (U+{code:04X}, {unicodedata.name(ch)})",
                "delete it: it would change the order in which the text after it is displayed")
    return None


#: One regular expression for the characters `refused_character` refuses (a fast first look).
_REFUSED_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]")


def check_characters(text: str, path: str, what: str = "seed file") -> None:
    """Refuse the first character no seed may hold, with its line and column."""
    m = _REFUSED_RE.search(text)
    if m is None:
        return
    found = refused_character(m.group(0))
    assert found is not None
    name, fix = found
    line = text.count("\n", 0, m.start()) + 1
    column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    raise SeedError(f"{what} holds {name} at column {column}", path=path, line=line, fix=fix)


def decode_seed(path: Path) -> SeedText:
    """Read a seed as UTF-8 text, refusing what is not UTF-8 text with a located error.

    Handled: a UTF-8 byte-order mark (dropped), CRLF or CR line ends (made LF); each is
    recorded in `normalised`. Refused: a missing or empty file, UTF-16, NUL bytes (binary
    data), invalid UTF-8, and the characters `refused_character` names.
    """
    if path.is_symlink():
        raise UnsafePath("seed file is a symbolic link", path=str(path),
                         fix="copy the file into seeds/ instead of linking to it")
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
    size = len(data)
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
    check_characters(text, str(path))
    return SeedText(path=path, text=text, sha256=digest, size=size, normalised=normalised)


# ----------------------------------------------------------------------------- TOML files
def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """A TOML file's table and its text (for locating keys in messages)."""
    if path.is_symlink():
        raise UnsafePath("file is a symbolic link", path=str(path),
                         fix="copy the file into seeds/ instead of linking to it")
    if not path.exists():
        raise MetadataError("file not found", path=str(path),
                            fix="create it beside the seed (see seeds/README.md)")
    if not path.is_file():
        raise MetadataError("not a file", path=str(path), fix="remove it, or replace it by the TOML file it names")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise MetadataError(f"not UTF-8 (byte {exc.start})", path=str(path),
                            fix="save the file as UTF-8") from exc
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"not valid TOML: {exc}", path=str(path),
                            fix="correct the TOML syntax at the place named") from exc


def line_of_key(text: str, key: str) -> int | None:
    """The line where a top-level `key = …` stands, for messages."""
    m = re.search(rf"(?m)^[ \t]*{re.escape(key)}[ \t]*=", text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def check_string(value: str, where: str, path: str, line: int | None, *, multiline: bool = False) -> None:
    """A string from a metadata or editorial file: text, without control or bidi characters."""
    for ch in value:
        if ch == "\t" or (multiline and ch == "\n"):
            continue
        if unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS or ch in "\u2028\u2029":
            raise MetadataError(f"{where} holds the control character U+{ord(ch):04X}: {shown(value)}",
                                path=path, line=line, fix="delete it; values are plain text")


def parse_iso_date(value: str) -> datetime.date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


# ----------------------------------------------------------------------------- metadata
#: name -> (kinds that must have it, what it is: "text", "name", "slug", "date", "url", "sha256", "count")
META_FIELDS: dict[str, tuple[tuple[str, ...], str]] = {
    "seed": (KINDS, "name"),
    "kind": (KINDS, "kind"),
    "slug": (KINDS, "slug"),
    "title": (KINDS, "text"),
    "author": (KINDS, "text"),
    "publisher": (KINDS, "text"),
    "date": (KINDS, "date"),
    "licence": (KINDS, "text"),
    "source": (KINDS, "text"),
    "source_file": (KINDS, "text"),
    "sha256": (KINDS, "sha256"),
    "attribution": (("report",), "text"),
    "licence_url": (("report",), "url"),
    "editorial": ((), "name"),
    "date_note": ((), "text"),
    "content_note": ((), "text"),
    "bytes": ((), "count"),
    "lines": ((), "count"),
    "authors": ((), "names"),
    "pdf_url": ((), "url"),
}
REQUIRED_META = tuple(k for k, (kinds, _) in META_FIELDS.items() if kinds == KINDS)

FIELD_FIX = {
    "name": "give the name of a file directly inside seeds/ (letters, digits, '.', '_' and '-'; no folder, no '..')",
    "slug": "use lower-case letters and digits, words joined by single hyphens, at most 40 characters "
            "(it becomes a URL folder), e.g. slug = \"report\"",
    "date": 'write the date as YYYY-MM-DD, e.g. date = "2015-02-04"',
    "url": 'give the full https address, e.g. licence_url = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"',
    "sha256": "copy it from `sha256sum` of the seed",
    "text": 'write it as a quoted string, e.g. title = "…"',
    "count": "write it as a whole number, e.g. bytes = 330122",
    "kind": 'use kind = "report" or kind = "article"',
    "names": 'list each person as "Family, Given", e.g. authors = ["Casey, Louise"]',
}


@dataclass(frozen=True)
class SeedMeta:
    """A seed's metadata file, validated: every value of the right type and shape."""

    path: Path          # the metadata file
    seed: str
    kind: str
    slug: str
    title: str
    author: str
    publisher: str
    date: str           # ISO date, validated
    licence: str
    source: str
    source_file: str
    sha256: str
    attribution: str = ""
    licence_url: str = ""
    editorial: str = ""
    date_note: str = ""
    content_note: str = ""      # a warning for readers of what the text describes, on the home page
    bytes: int | None = None
    lines: int | None = None
    #: the authors as a citation names them: (family, given) each; none when not recorded
    authors: tuple[tuple[str, str], ...] = ()
    pdf_url: str = ""           # the published PDF's address, where the metadata records it

    @property
    def seed_path(self) -> Path:
        return self.path.parent / self.seed

    @property
    def editorial_path(self) -> Path | None:
        return self.path.parent / self.editorial if self.editorial else None


def _check_value(key: str, value: Any, shape: str, path: Path, text: str) -> Any:
    line = line_of_key(text, key)
    where = f"`{key}`"
    fix = FIELD_FIX[shape] if shape in FIELD_FIX else FIELD_FIX["text"]
    if shape == "count":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise MetadataError(f"{where} must be a whole number, not {shown(value)}", path=str(path), line=line,
                                fix=fix)
        return value
    if shape == "names":
        if not isinstance(value, list) or not value:
            raise MetadataError(f"{where} must be a list of names, not {shown(value)}", path=str(path), line=line,
                                fix=fix)
        names = []
        for name in value:
            if not isinstance(name, str) or not re.fullmatch(r"[^,\s][^,]*, [^,\s][^,]*", name):
                raise MetadataError(f"{where} holds {shown(name)}, which is not \"Family, Given\"", path=str(path),
                                    line=line, fix=fix)
            check_string(name, where, str(path), line)
            family, given = name.split(", ")
            names.append((family, given))
        return tuple(names)
    if not isinstance(value, str):
        raise MetadataError(f"{where} must be text, not {type(value).__name__} {shown(value)}", path=str(path),
                            line=line, fix=fix)
    check_string(value, where, str(path), line)
    if not value.strip():
        raise MetadataError(f"{where} is empty", path=str(path), line=line, fix=fix)
    bad = None
    if shape == "name" and (not FILE_NAME.fullmatch(value) or value in (".", "..")):
        raise UnsafePath(f"{where} = {shown(value)} is not a file name in seeds/", path=str(path), line=line, fix=fix)
    if shape == "slug":
        if not SLUG.fullmatch(value) or len(value) > SLUG_MAX:
            raise UnsafePath(f"{where} = {shown(value)} is not a slug", path=str(path), line=line, fix=fix)
        if value in RESERVED_SLUGS:
            raise MetadataError(f"{where} = {shown(value)} is a folder the site itself uses", path=str(path),
                                line=line, fix="choose another slug (not " + ", ".join(sorted(RESERVED_SLUGS)) + ")")
    if shape == "date" and parse_iso_date(value) is None:
        bad = "is not a date"
    if shape == "url" and not HTTPS_URL.fullmatch(value):
        bad = "is not an https address"
    if shape == "sha256" and not re.fullmatch(r"[0-9a-fA-F]{64}", value):
        bad = "must be 64 hexadecimal digits"
    if shape == "kind" and value not in KINDS:
        bad = "is not a kind of seed this edition knows"
    if bad:
        raise MetadataError(f"{where} = {shown(value)} {bad}", path=str(path), line=line, fix=fix)
    return value.lower() if shape == "sha256" else value


def load_meta(path: Path) -> SeedMeta:
    """Read and validate one `*.meta.toml`: every key known, every value checked."""
    data, text = read_toml(path)
    unknown = sorted(k for k in data if k not in META_FIELDS)
    if unknown:
        import difflib
        near = difflib.get_close_matches(unknown[0], list(META_FIELDS), n=1)
        raise MetadataError(f"unknown field `{unknown[0]}`" + (f" (did you mean `{near[0]}`?)" if near else ""),
                            path=str(path), line=line_of_key(text, unknown[0]),
                            fix="remove it or correct its name; seeds/README.md lists the fields")
    kind = data.get("kind") if data.get("kind") in KINDS else None
    missing = [k for k, (kinds, _) in META_FIELDS.items()
               if k not in data and (kinds == KINDS or (kind is not None and kind in kinds))]
    if missing:
        raise MetadataError(f"missing field(s): {', '.join(missing)}", path=str(path),
                            fix="add them; see seeds/README.md for what each means")
    values = {k: _check_value(k, v, META_FIELDS[k][1], path, text) for k, v in data.items()}
    return SeedMeta(path=path, **values)


def resolve_seed_file(meta: SeedMeta, name: str, key: str) -> Path:
    """The file a metadata name points at, checked to be a plain file inside `seeds/`."""
    seeds_dir = meta.path.parent
    p = seeds_dir / name
    if p.is_symlink():
        raise UnsafePath(f"`{key}` = {shown(name)} is a symbolic link", path=str(p),
                         fix="copy the file into seeds/ instead of linking to it")
    if p.exists() and p.resolve().parent != seeds_dir.resolve():
        raise UnsafePath(f"`{key}` = {shown(name)} is not inside seeds/", path=str(meta.path),
                         fix=FIELD_FIX["name"])
    return p


def verify_checksum(seed: SeedText, meta: SeedMeta) -> None:
    expected = meta.sha256.lower()
    if seed.sha256 != expected:
        raise ChecksumMismatch(
            f"SHA-256 is {seed.sha256}, but {meta.path.name} records {expected}", path=str(seed.path),
            fix=("restore the seed byte for byte from ../shared/seeds/; if the new text is meant, "
                 f"set sha256 = \"{seed.sha256}\" in {meta.path} and review every editorial entry"))
    if meta.bytes is not None and meta.bytes != seed.size:
        raise MetadataError(f"`bytes` = {meta.bytes}, but the seed has {seed.size} bytes", path=str(meta.path),
                            fix=f"set bytes = {seed.size}, or remove the field")
    if meta.lines is not None and meta.lines != len(seed.lines):
        raise MetadataError(f"`lines` = {meta.lines}, but the seed has {len(seed.lines)} lines", path=str(meta.path),
                            fix=f"set lines = {len(seed.lines)}, or remove the field")


# ----------------------------------------------------------------------------- the seeds folder
@dataclass
class Seed:
    meta: SeedMeta
    text: SeedText


def load_seeds(seeds_dir: Path) -> list[Seed]:
    """Every seed with its metadata, checked; every file in `seeds/` must be accounted for.

    A file that no metadata file names (a seed whose `.meta.toml` is missing, a stray copy) is
    an error, never silently skipped; so is a second metadata file for the same seed or slug.
    """
    metas = sorted(seeds_dir.glob("*.meta.toml"))
    if not metas:
        raise MetadataError("no *.meta.toml files", path=str(seeds_dir), fix="see seeds/README.md")
    seeds: list[Seed] = []
    claimed: dict[str, Path] = {}
    slugs: dict[str, Path] = {}
    for mp in metas:
        meta = load_meta(mp)
        for key, name in (("seed", meta.seed), ("editorial", meta.editorial)):
            if not name:
                continue
            if name in claimed:
                raise MetadataError(f"`{key}` = {shown(name)} is also named by {claimed[name].name}", path=str(mp),
                                    line=None, fix="each file in seeds/ belongs to one metadata file")
            claimed[name] = mp
            target = resolve_seed_file(meta, name, key)
            if not target.exists():
                error = SeedError if key == "seed" else MetadataError
                raise error(f"not found: `{key}` in {mp.name} names it", path=str(target),
                            fix=f"copy the file into seeds/, or correct `{key}` in {mp.name}")
        if meta.slug in slugs:
            raise MetadataError(f"`slug` = {shown(meta.slug)} is also the slug of {slugs[meta.slug].name}",
                                path=str(mp), fix="give each seed its own slug")
        slugs[meta.slug] = mp
        seed = decode_seed(meta.seed_path)
        verify_checksum(seed, meta)
        seeds.append(Seed(meta, seed))
    # seeds first: a seed whose metadata is gone is the problem to name, not the files it took along
    for p in sorted(seeds_dir.iterdir(), key=lambda p: (not p.name.endswith(".txt"), p.name)):
        if p.name.startswith(".") or p.name.endswith(".md") or p in metas or p.name in claimed:
            continue
        stem = p.name.rsplit(".", 1)[0]
        raise SeedError("this file is named by no metadata file, so the edition would silently leave it out",
                        path=str(p), fix=f"add {stem}.meta.toml beside it (see seeds/README.md), or remove the file")
    if not any(s.meta.kind == "report" for s in seeds):
        raise MetadataError('no seed of kind "report"', path=str(seeds_dir), fix="see seeds/README.md")
    if sum(s.meta.kind == "report" for s in seeds) > 1:
        second = [s for s in seeds if s.meta.kind == "report"][1]
        raise MetadataError('a second seed of kind "report": an edition has one report', path=str(second.meta.path),
                            line=None, fix='set kind = "article", or move it to an edition of its own')
    return seeds
