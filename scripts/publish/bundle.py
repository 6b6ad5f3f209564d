"""The offline edition: the whole site in one zip, to unzip anywhere and open from `file://`.

Its paths are the site's (`report/foreword.html#p-…`), under one folder named for the document
and the edition's date, so a link copied offline works online once the host part is swapped.
The zip is reproducible: entries in path order, every timestamp the edition's date, fixed
permissions. It is written into the staged site (`downloads/`), where the home page links to
it with its size, and, after the build, beside the site in `build/`.

The size on the home page is the size of the zip that holds that page: it is written in, the
zip made again, until the size shown (rounded to 0.1 MB) is the size it has.

Deflating at level 9 is the zip's cost, and most of the site (the theme's scripts, styles and
fonts; every page the report's text did not change) is the same from one build to the next: a
file's deflated bytes are kept between builds in `build/zip-cache/` (`PackStore`), by the digest
of the bytes they were made from and under the version of zlib and the level that made them, so
a file is deflated again only when its bytes, zlib or the level change, and the zip is the same
byte for byte as one made afresh. The store keeps only what the last zip held.
"""
from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import struct
import threading
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from .stage import safe_path

DOWNLOADS = "downloads"     # the site's folder of downloads (a slug no seed may take)
#: the home page's size of a download: `<span class="download-size" data-download="NAME">…</span>`
SIZE_SPAN = re.compile(r'(<span class="download-size" data-download="(?P<name>[^"]+)"[^>]*>)(?P<size>[^<]*)(</span>)')


def human_size(n: int) -> str:
    """3.1 MB, 420 KB: as a reader reads a download's size."""
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} KB"


@dataclass(frozen=True)
class Packed:
    """One file's bytes as a zip holds them: deflated at level 9 (as zipfile deflates them), with
    their CRC-32 and size, and the digest of the bytes they were made from."""

    digest: bytes
    crc: int
    size: int
    data: bytes


#: the level files are deflated at (zipfile's `compresslevel=9`)
LEVEL = 9


class PackStore:
    """Files' deflated bytes kept between builds in `folder`, one file a digest (its CRC-32, then
    the deflated bytes), under the zlib version and level that made them: bytes another zlib
    made are never reused. Not thread-bound: each digest is read and written whole."""

    CRC = struct.Struct("<L")

    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"zlib-{zlib.ZLIB_RUNTIME_VERSION}-level-{LEVEL}"

    def get(self, digest: bytes, size: int) -> Packed | None:
        try:
            data = (self.folder / digest.hex()).read_bytes()
        except OSError:
            return None
        if len(data) < self.CRC.size:
            return None
        crc, deflated = self.CRC.unpack_from(data)[0], data[self.CRC.size:]
        try:                # inflating is cheap: bytes that do not give the file back are not used
            raw = zlib.decompress(deflated, -15)
        except zlib.error:
            return None
        if len(raw) != size or zlib.crc32(raw) != crc:
            return None
        return Packed(digest, crc, size, deflated)

    def put(self, p: Packed) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        dest = self.folder / p.digest.hex()
        tmp = dest.with_name(f"{dest.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(self.CRC.pack(p.crc) + p.data)
        os.replace(tmp, dest)

    def keep_only(self, digests: set[bytes]) -> None:
        """Forget every file's bytes but those of `digests` (and every other zlib's or level's)."""
        names = {d.hex() for d in digests}
        for old in self.folder.parent.glob("*"):
            if old.is_dir() and old != self.folder:
                shutil.rmtree(old)
        for f in self.folder.glob("*") if self.folder.is_dir() else ():
            if f.name not in names:
                f.unlink()


def packed(path: Path, before: Packed | None = None, store: PackStore | None = None) -> Packed:
    """The file at `path` deflated, or `before` again if the file's bytes are those it was made
    from, or the bytes `store` kept of them."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).digest()
    if before is not None and before.digest == digest:
        return before
    kept = store.get(digest, len(raw)) if store is not None else None
    if kept is not None:
        return kept
    deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)        # raw deflate, as zipfile writes it
    made = Packed(digest, zlib.crc32(raw), len(raw), deflate.compress(raw) + deflate.flush())
    if store is not None:
        store.put(made)
    return made


#: the zip format's records, as zipfile writes them (PKWARE's APPNOTE 4.3.7, 4.3.12, 4.3.16)
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
END_RECORD = struct.Struct("<4s4H2LH")
#: version 2.0 (deflate) made by and needed to extract; made on Unix (the file's mode in its attributes)
VERSION, UNIX = 20, 3
#: above this a zip needs the ZIP64 records, which this writer does not write
ZIP_LIMIT = (1 << 31) - 1


def write_zip(dest: Path, entries: list[tuple[str, Packed]], stamp: tuple[int, ...]) -> None:
    """The zip of `entries` (its path in the zip, its bytes packed), in order, each deflated, dated
    `stamp` and with the permissions 0644: byte for byte what zipfile writes for them."""
    dosdate = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
    dostime = stamp[3] << 11 | stamp[4] << 5 | (stamp[5] // 2)
    central: list[bytes] = []
    offset = 0
    with dest.open("wb") as out:
        for name, p in entries:
            try:
                filename, flags = name.encode("ascii"), 0
            except UnicodeEncodeError:
                filename, flags = name.encode("utf-8"), 0x800           # the name is UTF-8
            if max(p.size * 1.05, len(p.data), offset) > ZIP_LIMIT:
                raise BuildError(f"{name} makes the zip too large for its format", path=str(dest),
                                 fix="a site of more than 2 GB needs ZIP64, which the offline zip does not write")
            out.write(LOCAL_HEADER.pack(b"PK\x03\x04", VERSION, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate,
                                        p.crc, len(p.data), p.size, len(filename), 0) + filename)
            out.write(p.data)
            central.append(CENTRAL_HEADER.pack(b"PK\x01\x02", VERSION, UNIX, VERSION, 0, flags, zipfile.ZIP_DEFLATED,
                                               dostime, dosdate, p.crc, len(p.data), p.size, len(filename), 0, 0,
                                               0, 0, 0o644 << 16, offset) + filename)
            offset += LOCAL_HEADER.size + len(filename) + len(p.data)
        if offset > ZIP_LIMIT or len(central) > 0xFFFF:
            raise BuildError("the site is too large for the offline zip's format", path=str(dest),
                             fix="more than 2 GB or 65,535 files need ZIP64, which the offline zip does not write")
        directory = b"".join(central)
        out.write(directory)
        out.write(END_RECORD.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0))


def zip_tree(site: Path, dest: Path, folder: str, released: str, cache: dict[str, Packed] | None = None,
             store: PackStore | None = None) -> int:
    """`site` as a reproducible zip under `folder/`, with the other editions in its downloads (so
    the home page's links to them work offline too) but no zip; its size in bytes. `cache` keeps
    each file's packed bytes from one zip of the site to the next: only a file that changed is
    deflated again (`store`: the bytes kept from earlier builds). Files are deflated two at a
    time (zlib lets go of Python's lock meanwhile); each is read when it is deflated, so no more
    than two files' bytes are held unpacked."""
    day = datetime.date.fromisoformat(released)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    files = sorted(p for p in site.rglob("*") if p.is_file()
                   and not (p.relative_to(site).parts[0] == DOWNLOADS and p.suffix in (".zip", ".tmp")))
    cache = {} if cache is None else cache
    names = [p.relative_to(site).as_posix() for p in files]
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        packs = list(pool.map(lambda p, n: packed(p, cache.get(n), store), files, names))
    cache.clear()
    cache.update(zip(names, packs))
    tmp = dest.with_name(dest.name + ".tmp")
    write_zip(tmp, [(f"{folder}/{n}", pk) for n, pk in zip(names, packs)], stamp)
    os.replace(tmp, dest)
    return dest.stat().st_size


def with_size(html: str, name: str, size: str) -> str:
    """A page with the size of the download `name` written in its size span(s)."""
    return SIZE_SPAN.sub(lambda m: m.group(1) + (size if m.group("name") == name else m.group("size")) + m.group(4),
                         html)


def write_size(site: Path, name: str, size: int) -> None:
    """The size of a download written on the site's top-level pages that link to it."""
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = with_size(text, name, human_size(size))
        if new != text:
            page.write_text(new, encoding="utf-8")


def write_bundle(site: Path, path: str, released: str, rounds: int = 5, store: Path | None = None) -> Path:
    """The offline zip at `path` in the site (`urls.bundle_path`), with its size written on the
    pages that link to it. `store`: the folder files' deflated bytes are kept in between builds."""
    name = path.rsplit("/", 1)[-1]
    dest = safe_path(site, path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    pages = [p for p in site.glob("*.html") if f'data-download="{name}"' in p.read_text(encoding="utf-8")]
    cache: dict[str, Packed] = {}        # each round deflates again only the pages whose size changed
    kept = PackStore(store) if store is not None else None
    for _ in range(rounds):
        size = human_size(zip_tree(site, dest, name.removesuffix(".zip"), released, cache, kept))
        changed = False
        for page in pages:
            html = page.read_text(encoding="utf-8")
            new = with_size(html, name, size)
            if new != html:
                page.write_text(new, encoding="utf-8")
                changed = True
        if not changed:
            if kept is not None:
                kept.keep_only({p.digest for p in cache.values()})
            return dest
    raise BuildError(f"the size of {name} does not settle", path=str(dest),
                     fix="report this as a bug: the size shown changes the size it shows")
