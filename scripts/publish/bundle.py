"""The offline edition: the whole site in one zip, to unzip anywhere and open from `file://`.

Its paths are the site's (`report/foreword.html#p-…`), under one folder named for the document
and the edition's date, so a link copied offline works online once the host part is swapped.
The zip is reproducible: entries in path order, every timestamp the edition's date, fixed
permissions. It is written into the staged site (`downloads/`), where the home page links to
it with its size, and, after the build, beside the site in `build/`.

The size on the home page is the size of the zip that holds that page: it is written in, the
zip made again, until the size shown (rounded to 0.1 MB) is the size it has.
"""
from __future__ import annotations

import datetime
import os
import re
import zipfile
from pathlib import Path

from ..errors import BuildError
from .stage import safe_path

DOWNLOADS = "downloads"     # the site's folder of downloads (a slug no seed may take)
#: the home page's size of a download: `<span class="download-size" data-download="NAME">…</span>`
SIZE_SPAN = re.compile(r'(<span class="download-size" data-download="(?P<name>[^"]+)"[^>]*>)(?P<size>[^<]*)(</span>)')


def human_size(n: int) -> str:
    """3.1 MB, 420 KB: as a reader reads a download's size."""
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} KB"


def zip_tree(site: Path, dest: Path, folder: str, released: str) -> int:
    """`site` as a reproducible zip under `folder/`, with the other editions in its downloads (so
    the home page's links to them work offline too) but no zip; its size in bytes."""
    day = datetime.date.fromisoformat(released)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    files = sorted(p for p in site.rglob("*") if p.is_file()
                   and not (p.relative_to(site).parts[0] == DOWNLOADS and p.suffix in (".zip", ".tmp")))
    tmp = dest.with_name(dest.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for p in files:
            info = zipfile.ZipInfo(f"{folder}/{p.relative_to(site).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, p.read_bytes(), compresslevel=9)
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


def write_bundle(site: Path, path: str, released: str, rounds: int = 5) -> Path:
    """The offline zip at `path` in the site (`urls.bundle_path`), with its size written on the
    pages that link to it."""
    name = path.rsplit("/", 1)[-1]
    dest = safe_path(site, path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    pages = [p for p in site.glob("*.html") if f'data-download="{name}"' in p.read_text(encoding="utf-8")]
    for _ in range(rounds):
        size = human_size(zip_tree(site, dest, name.removesuffix(".zip"), released))
        changed = False
        for page in pages:
            html = page.read_text(encoding="utf-8")
            new = with_size(html, name, size)
            if new != html:
                page.write_text(new, encoding="utf-8")
                changed = True
        if not changed:
            return dest
    raise BuildError(f"the size of {name} does not settle", path=str(dest),
                     fix="report this as a bug: the size shown changes the size it shows")
