"""Where a build writes, and how its result replaces the last one in one step.

The owner's layout puts the generated Markdown in `docs/` (committed, so changes can be
reviewed) and the built site in `build/site/`. A reader of either must never see one without
the other: new Markdown with an old site, or a folder missing. One rename can switch only one
directory entry, so the pair lives in one:

- the built site is `docs/.site/` (ignored by git, and skipped by MkDocs like every dot-file);
- `build/site` is a symbolic link to `../docs/.site`, made once and never changed;
- a build stages the new pair in `build/stage-*/docs/` (with the new site in its `.site/`) and
  exchanges it with `docs/` by one `renameat2(RENAME_EXCHANGE)`: at any instant the folder
  `docs/` is the whole old pair or the whole new one. The old pair, now in the staging folder,
  is deleted afterwards.

A kill at any step leaves the old pair or the new one, and at most a staging folder, which the
next build deletes (`clean_leftovers`). Builds in one project folder take turns through a lock
(`build/.lock`): a second build waits for the first, saying so, and never trips over its
staging folder. Every file a build writes is checked to lie inside its staging folder.

Not for: what the files say (`site`) or how MkDocs is run (`publish.mkdocs`).
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from ..errors import BuildBusy, BuildError, UnsafePath, shown

LOCK_NAME = ".lock"
STAGE_PREFIX = "stage-"
#: the built site inside docs/, and the link that gives it its published name
SITE_IN_DOCS = ".site"
SITE_LINK_TARGET = "../docs/" + SITE_IN_DOCS
#: what builds of earlier versions could leave behind, relative to the project root
LEGACY_LEFTOVERS = (".mkdocs-stage.yml", "docs.old", "build/site.old")
#: how long a build waits for another one before it gives up
LOCK_WAIT_SECONDS = 900.0

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux 3.15+, glibc 2.28+). False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def exchange(new: Path, target: Path) -> None:
    """Put `new` where `target` is, and `target` where `new` was, in one step if the system can.

    Elsewhere it takes two renames; a kill between them leaves `target` missing and both trees
    in the staging folder, and `clean_leftovers` completes the switch."""
    if _renameat2_exchange(new, target):
        return
    old = new.with_name("old-" + target.name)
    os.rename(target, old)
    os.rename(new, target)
    os.rename(old, new)


def safe_path(folder: Path, rel: str) -> Path:
    """`folder/rel`, refused unless `rel` is a relative path that stays inside `folder`."""
    pure = PurePosixPath(rel)
    bad = (not rel or pure.is_absolute() or "\\" in rel or "\x00" in rel
           or any(part in ("", ".", "..") for part in rel.split("/")))
    target = folder.joinpath(*pure.parts)
    if not bad:
        bad = not target.resolve().is_relative_to(folder.resolve())
    if bad:
        raise UnsafePath(f"the build would write {shown(rel)}, which is not a path inside its staging folder",
                         path=str(folder), fix="a page's path comes from a slug or a generated name; check the "
                                               "metadata's `slug` and report this as a bug if it looks right")
    return target


def write_tree(folder: Path, files: dict[str, str]) -> None:
    """Write each `{relative path: text}` as a new UTF-8 file inside `folder`."""
    for rel, text in sorted(files.items()):
        p = safe_path(folder, rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: never write through an existing file or link; the staging folder is new
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


# ----------------------------------------------------------------------------- the lock
def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 64).decode("ascii", "replace").strip() or "?"
    except OSError:
        return "?"


@contextmanager
def build_lock(build_dir: Path, report: Callable[[str], None], wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold `build/.lock` for the length of a build; wait (saying so) while another build has it.

    The lock is the kernel's (`flock`): it ends with the process that holds it, so a killed
    build never leaves a stale lock behind."""
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise BuildError(f"cannot open the build lock: {exc.strerror}", path=str(path),
                         fix="remove it if it is not a plain file") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            report(f"waiting for the build already running in this folder (process {_holder(fd)}) to finish")
            deadline = time.monotonic() + wait
            while True:
                time.sleep(0.1)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BuildBusy(f"another build (process {_holder(fd)}) has held the lock for "
                                        f"{wait:g} seconds", path=str(path),
                                        fix="wait for it to finish, or stop it") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)     # releases the lock


# ----------------------------------------------------------------------------- leftovers
def clean_leftovers(root: Path) -> list[str]:
    """Delete what a build that died left behind (call it holding the lock): staging folders,
    and the files of earlier versions' builds. A switch that a system without an atomic
    exchange left half done is completed first. Returns what was removed, for the report."""
    build_dir = root / "build"
    removed = []
    docs = root / "docs"
    for stage in sorted(build_dir.glob(STAGE_PREFIX + "*")):
        if not stage.is_dir() or stage.is_symlink():
            continue
        if not docs.exists() and (stage / "docs").is_dir() and (stage / "old-docs").is_dir():
            os.rename(stage / "docs", docs)           # the new pair was complete: finish the switch
        shutil.rmtree(stage)
        removed.append(stage.relative_to(root).as_posix())
    for rel in LEGACY_LEFTOVERS:
        p = root / rel
        if p.is_symlink() or p.is_file():
            p.unlink()
            removed.append(rel)
        elif p.is_dir():
            shutil.rmtree(p)
            removed.append(rel)
    return removed


def ensure_site_link(root: Path) -> None:
    """`build/site` -> `../docs/.site`. A real folder there (the layout of earlier versions) is
    moved into `docs/` first, so that the old pair stays a pair."""
    link = root / "build" / "site"
    if link.is_symlink() and os.readlink(link) == SITE_LINK_TARGET:
        return
    if link.is_dir() and not link.is_symlink():
        old_site = root / "docs" / SITE_IN_DOCS
        if (root / "docs").is_dir() and not old_site.exists():
            os.rename(link, old_site)
        else:
            shutil.rmtree(link)
    tmp = link.with_name(f".site-link-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(SITE_LINK_TARGET, tmp)
    os.replace(tmp, link)


# ----------------------------------------------------------------------------- a stage
class Stage:
    """One build's staging folder: `docs/` for the Markdown, `site/` for MkDocs' output."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "build").mkdir(exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=root / "build"))
        self.docs = self.dir / "docs"
        self.site = self.dir / "site"
        self.docs.mkdir(mode=0o755)

    def write(self, files: dict[str, str]) -> None:
        write_tree(self.docs, files)

    def commit(self, *, with_site: bool) -> None:
        """Make the staged pair the project's: one exchange with `docs/`.

        `with_site=False` (Markdown only, for a live preview) carries the current site over
        unchanged, as hard links, so only the Markdown changes."""
        current = self.root / "docs"
        if with_site:
            os.rename(self.site, self.docs / SITE_IN_DOCS)
        elif (current / SITE_IN_DOCS).is_dir():
            shutil.copytree(current / SITE_IN_DOCS, self.docs / SITE_IN_DOCS, copy_function=os.link, symlinks=True)
        ensure_site_link(self.root)
        if current.exists() or current.is_symlink():
            if current.is_symlink() or not current.is_dir():
                raise BuildError("docs is not a folder", path=str(current), fix="remove it; the build writes docs/")
            exchange(self.docs, current)      # the switch: old pair out, new pair in, in one step
        else:
            os.rename(self.docs, current)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
