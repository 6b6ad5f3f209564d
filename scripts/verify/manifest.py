"""The guarantee: no address this edition has published ever stops working.

`published/manifest.json` (committed) lists every page the edition has published and every id
on it, each with a fingerprint of the words it points at. Each build compares the new site with
it. An anchor that disappeared, or now points at different words, and a page that disappeared,
stop the build with the anchor, its old words and the fix: unless the change is recorded on
purpose as a `[[successors]]` entry of the editorial file (its reason, and the address that now
holds the words). Then the old address keeps working: an old id stands as an alias on the
block that holds its words (`annotate.anchors.apply_successors`), an old page redirects to its
successor (`publish.redirects`), and the manifest keeps the old address, with its successor,
for every build to check again. New pages and anchors are added: the build writes the updated
manifest, to be committed with the pages.

What an anchor "points at": the words of the element that bears the id (a heading, a block,
a note, a term), without the edition's apparatus (numbers, page marks, permalinks); for an
element without words of its own (a table's anchor) the words that follow it; for a page mark
its label ("p. 91") on its chapter's page.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from ..errors import ManifestError, shown

MANIFEST = Path("published") / "manifest.json"
#: the edition's apparatus inside an anchored element: not the words it points at
APPARATUS = {"headerlink", "block-number", "page-number", "footnote-backref", "anchor-alias", "cite-data",
             "xref-note", "quoted-in"}
#: how many words after a word-less anchor (a page mark) make its fingerprint
FOLLOWING_WORDS = 25
#: how much of the words a message and the manifest show
EXCERPT = 60
#: pages that are not the edition's (the theme's own)
SKIP_PAGES = {"404.html"}


def _words(el: Tag) -> str:
    parts: list[str] = []
    for node in el.descendants:
        if isinstance(node, NavigableString) and not any(
                isinstance(p, Tag) and set(p.get("class") or []) & APPARATUS for p in node.parents):
            parts.append(str(node))
    return " ".join(" ".join(parts).split())


def _following(el: Tag) -> str:
    words: list[str] = []
    for node in el.next_elements:
        if len(words) >= FOLLOWING_WORDS:
            break
        if isinstance(node, NavigableString) and not any(
                isinstance(p, Tag) and set(p.get("class") or []) & APPARATUS for p in node.parents):
            if node.parent is not None and node.parent.name in ("script", "style"):
                continue
            words += str(node).split()
    return " ".join(words[:FOLLOWING_WORDS])


def anchor_words(el: Tag) -> str:
    """The words an anchor points at. A page mark's are its own ("p. 91"): it says where a page
    of the PDF begins, which an extraction of the same PDF at another width may place a word or
    two apart, and it stays on its chapter's page (the manifest's page)."""
    classes = set(el.get("class") or [])
    if "page-number" in classes:
        return " ".join(el.get_text(" ").split())
    own = "" if classes & {"anchor-alias", "block-anchor"} else _words(el)
    return own or _following(el)


def fingerprint(words: str) -> str:
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


@dataclass
class Record:
    """One published anchor: its words' fingerprint and their start, and, once it has one, the
    address its words went to and the reasons its words changed on purpose."""

    sha: str
    text: str
    successor: str = ""
    changes: list[str] = field(default_factory=list)    # each "reason" a successor entry gave

    def as_json(self) -> dict:
        out: dict = {"sha": self.sha, "text": self.text}
        if self.successor:
            out["successor"] = self.successor
        if self.changes:
            out["changes"] = self.changes
        return out


Manifest = dict[str, dict[str, Record]]     # page -> anchor ("" for the page itself) -> record


def holds(name: str) -> bool:
    """Whether the manifest holds the page `name` (its path in the site): not the theme's pages,
    its assets, the search index or the downloads."""
    return name not in SKIP_PAGES and name.split("/")[0] not in ("assets", "search", "downloads")


def page_records(name: str, soup: BeautifulSoup, redirect: bool | None = None) -> dict[str, Record] | None:
    """A parsed page's anchors and their words (with "" for the page itself: its title); None
    for a page the manifest does not hold, a redirect (the manifest holds it with its
    successor: `redirect`, where known already) or a page without content."""
    if not holds(name):
        return None
    if redirect is None:
        redirect = soup.select_one('meta[name="edition-redirect"]') is not None
    if redirect:
        return None
    article = soup.select_one("article.md-content__inner")
    if article is None:
        return None
    title = soup.title.get_text(" ", strip=True) if soup.title else name
    page = {"": Record(fingerprint(title), title[:EXCERPT])}
    for el in article.find_all(id=True):
        words = anchor_words(el)
        page[el["id"]] = Record(fingerprint(words), words[:EXCERPT])
    return page


def collect(site: Path, soups: dict[str, BeautifulSoup] | None = None) -> Manifest:
    """Every page of a built site and every id in its content, with the words each points at."""
    out: Manifest = {}
    names = sorted(soups) if soups is not None else sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    for name in names:
        if not holds(name):
            continue
        soup = soups[name] if soups is not None else BeautifulSoup((site / name).read_text(encoding="utf-8"),
                                                                  "html.parser")
        if (page := page_records(name, soup)) is not None:
            out[name] = page
    return out


def load(path: Path) -> Manifest:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {page: {a: Record(**r) for a, r in anchors.items()} for page, anchors in data["pages"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ManifestError(f"the manifest of published addresses cannot be read: {exc}", path=str(path),
                            fix="restore it from git (git checkout -- published/manifest.json)") from exc


def dumps(manifest: Manifest) -> str:
    """One anchor a line, pages and anchors in order: a change reads as a short diff."""
    lines = ["{", '"about": "Every address this edition has published, with a fingerprint of the words it '
             'points at. Written by the build (python -m scripts build); commit it with docs/. '
             'See scripts/verify/manifest.py.",', '"pages": {']
    pages = sorted(manifest)
    for i, page in enumerate(pages):
        anchors = manifest[page]
        lines.append(f"{json.dumps(page)}: {{")
        keys = sorted(anchors)
        for j, a in enumerate(keys):
            comma = "," if j < len(keys) - 1 else ""
            lines.append(f"  {json.dumps(a)}: {json.dumps(anchors[a].as_json(), ensure_ascii=False)}{comma}")
        lines.append("}" + ("," if i < len(pages) - 1 else ""))
    lines += ["}", "}"]
    return "\n".join(lines) + "\n"


def write(path: Path, manifest: Manifest) -> None:
    """Written whole, then swapped in: a killed build leaves the old manifest or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps(manifest), encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class Problem:
    address: str
    what: str
    old_text: str
    fix: str

    def __str__(self) -> str:
        was = f" (its words were: {shown(self.old_text)})" if self.old_text else ""
        return f"{self.address}: {self.what}{was}; to keep it: {self.fix}"


def _entry_fix(old: str, new: str, editorial: str) -> str:
    return (f"if the change is meant, record it in {editorial}: [[successors]] old = \"{old}\" new = \"{new}\" "
            "reason = \"…\"; otherwise restore the words")


def compare(old: Manifest, new: Manifest, successors: list, editorial: str) -> tuple[list[Problem], Manifest]:
    """The problems of a new site against the published manifest, and the manifest to write.

    `successors` are the editorial file's `[[successors]]` entries (old, new, reason)."""
    by_old: dict[str, list] = {}
    for e in successors:
        by_old.setdefault(e.old, []).append(e)
    problems: list[Problem] = []
    out: Manifest = {page: dict(anchors) for page, anchors in new.items()}

    def exists(address: str) -> bool:
        page, _, anchor = address.partition("#")
        return page in new and (anchor in new[page] or not anchor)

    for e in successors:
        published = e.old_page in old and (not e.old_anchor or e.old_anchor in old[e.old_page])
        if not published:
            problems.append(Problem(e.old, f"{e.where} names an address this edition never published", "",
                                    "name an address of published/manifest.json, or remove the entry"))
        elif not exists(e.new):
            problems.append(Problem(e.new, f"{e.where} names a successor the new edition does not have", "",
                                    "give the address the build now publishes the words at"))

    for page, anchors in sorted(old.items()):
        page_entries = by_old.get(page, [])
        target_page = page_entries[-1].new_page if page_entries else page
        if page not in new:
            if not page_entries:
                problems.append(Problem(page, "this published page is gone", anchors.get("", Record("", "")).text,
                                        _entry_fix(page, "the page that now holds it", editorial)))
                continue
            out.setdefault(page, {})[""] = Record(anchors[""].sha, anchors[""].text, successor=target_page,
                                                  changes=[*anchors[""].changes, page_entries[-1].reason])
        for anchor, rec in sorted(anchors.items()):
            if not anchor:
                continue
            address = f"{page}#{anchor}"
            here = new.get(target_page, {})
            entries = by_old.get(address, [])
            if rec.successor:          # an alias already: it must still land, and its successor exist
                if anchor not in here or not exists(rec.successor):
                    problems.append(Problem(address, f"the alias of {rec.successor} is gone", rec.text,
                                            "restore its [[successors]] entry"))
                out.setdefault(target_page, {})[anchor] = rec
                continue
            cur = here.get(anchor)
            moved = [e for e in entries if e.new_anchor != anchor or e.new_page != page]
            if moved:
                e = moved[-1]
                if anchor not in here:
                    problems.append(Problem(address, f"{e.where}: the old id does not stand on {e.new_page}",
                                            rec.text, "the build keeps it as an alias: report this as a bug"))
                out.setdefault(target_page, {})[anchor] = Record(rec.sha, rec.text, successor=e.new,
                                                                 changes=[*rec.changes, e.reason])
                continue
            if cur is None:
                problems.append(Problem(address, "this published anchor is gone", rec.text,
                                        _entry_fix(address, f"{target_page}#<the anchor that now holds its words>",
                                                   editorial)))
                continue
            if cur.sha == rec.sha:
                out[target_page][anchor] = Record(cur.sha, cur.text, changes=rec.changes)
                continue
            fresh = [e for e in entries if e.reason not in rec.changes]
            title_of_renamed = anchor == "top" and page != target_page
            if fresh or title_of_renamed:
                reason = fresh[-1].reason if fresh else page_entries[-1].reason
                out[target_page][anchor] = Record(cur.sha, cur.text, changes=[*rec.changes, reason])
                continue
            problems.append(Problem(address, f"this anchor now points at other words: {shown(cur.text)}", rec.text,
                                    _entry_fix(address, f"{target_page}#{anchor}", editorial)))
    return problems, out


def check(site: Path, path: Path, successors: list, editorial: str,
          soups: dict[str, BeautifulSoup] | None = None, collected: Manifest | None = None) -> Manifest:
    """Compare the built site (`collected` from it already, or collected here) with the manifest
    at `path`: the manifest to write, or an error naming every address that would break."""
    new = collected if collected is not None else collect(site, soups)
    problems, updated = compare(load(path), new, successors, editorial)
    if problems:
        more = f" (and {len(problems) - 30} more)" if len(problems) > 30 else ""
        raise ManifestError(f"{len(problems)} published address(es) would break{more}, each named below",
                            path=str(MANIFEST),
                            fix="record each change on purpose as a [[successors]] entry of the editorial file (its "
                                "reason, and the address that now holds the words), or restore the words; docs/ and "
                                "build/site/ are unchanged",
                            details="\n".join(f"  {p}" for p in problems[:30]))
    return updated
