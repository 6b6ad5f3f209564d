"""The site's stylesheet and the edition's scripts as a reader's browser gets them (issue 15).

MkDocs writes every page with two stylesheets in its <head>, Material's (`main.<hash>.min.css`)
and the edition's (`edition.css`): two requests a page must wait for before it paints. After
MkDocs, the build makes them one (`one_stylesheet`), in the order the pages link them, under a
name holding its digest (`assets/stylesheets/site.<digest>.min.css`, so a browser may keep it
as long as it likes), points every page's first stylesheet link at it, takes the others out,
and removes the two files (and Material's source map) from the site. Of Material's stylesheet
it keeps only what the site can use (`css.prune_rules`, `css.prune_custom_properties`):

- a rule goes only if it requires a class or id that is written nowhere in the site: no word
  of any page, of the search index or of any script is that name (Material's scripts add
  classes as the reader goes: `md-search-result__item`, `md-tooltip2--active`), and no word
  ending in `-` or `_` starts it (a name a script builds: `md-tag--${type}`). Any word counts,
  not only a class attribute's: the search index is written again after this step, from the
  pages' words;
- a custom property goes only if no rule left reads it and no page or script names it;
- `@font-face`, `@keyframes` and every other at-rule but the grouping ones are kept whole, and
  a `@media` block keeps every rule of it that is kept.

The edition's stylesheet is kept whole, without its comments (`css.minify`). The edition's
scripts (the files of `overrides/assets/javascripts/`) are shipped without their comments
(`javascript.minify`), before the names are read (a comment naming a class keeps nothing).

`mkdocs serve` does none of this: it serves the two stylesheets and the scripts as they are,
which read the same. The single file inlines the one stylesheet (`single.site_stylesheets`);
the EPUB has its own (`epub.css`). Not for: what the stylesheets say (`overrides/`).
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError
from . import css, javascript
from .stage import safe_path

#: a stylesheet link as MkDocs and Material write it (one to a line)
STYLESHEET_LINK = re.compile(r'[ \t]*<link rel="stylesheet" href="(?P<href>[^"]+)">[ \t]*\n?')
#: Material's own stylesheet in the built site
MATERIAL = re.compile(r"^assets/stylesheets/main\.[0-9a-f]+\.min\.css$")
#: the one stylesheet's folder and the shape of its name (`site.<digest>.min.css`)
FOLDER = "assets/stylesheets"
ONE = re.compile(r"^assets/stylesheets/site\.[0-9a-f]{12}\.min\.css$")
#: the edition's own scripts, and where the site has them
OWN_SCRIPTS = "overrides/assets/javascripts"
SITE_SCRIPTS = "assets/javascripts"
#: the site's folder of downloads (the single file would otherwise name every class it inlines)
DOWNLOADS = "downloads"
#: a word of a page or a script, in two readings: ASCII letters only (`ănc` holds `nc`), and any
#: letter (a class may be `café`); every word of both counts
WORD = re.compile(r"[A-Za-z0-9_-]+")
WIDE_WORD = re.compile(r"[A-Za-z0-9_\-\u0080-\U0010ffff]+")


@dataclass
class SiteNames:
    """The names written in a site: every word of its pages, its search index and its scripts,
    and the words that end in `-` or `_`, which may start a name a script builds."""

    words: set[str] = field(default_factory=set)
    _prefixes: tuple[str, ...] | None = field(default=None, repr=False)

    def __contains__(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)

    @property
    def prefixes(self) -> tuple[str, ...]:
        """The words ending in `-` or `_` (of three characters or more, with a letter), worked out
        once all the texts are added."""
        if self._prefixes is None:
            self._prefixes = tuple(sorted(w for w in self.words if len(w) >= 3 and w[-1] in "-_"
                                          and any(c.isalpha() for c in w)))
        return self._prefixes

    def add(self, text: str) -> None:
        self.words.update(WORD.findall(text))
        self.words.update(WIDE_WORD.findall(text))
        self._prefixes = None


def site_names(site: Path) -> SiteNames:
    """Every name the site's pages, search index and scripts write (not its downloads, which are
    made from the pages and the stylesheet)."""
    names = SiteNames()
    for path in sorted(site.rglob("*")):       # each file on its own: a word never runs from one into the next
        rel = path.relative_to(site)
        if path.is_file() and rel.parts[0] != DOWNLOADS and path.suffix in (".js", ".mjs", ".html", ".htm", ".json"):
            names.add(path.read_text(encoding="utf-8", errors="replace"))
    return names


def pages(site: Path) -> list[str]:
    """The site's HTML files (not its downloads), as paths in the site, in order."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.is_file() and p.relative_to(site).parts[0] != DOWNLOADS)


def link_target(page: str, href: str) -> str:
    """The path in the site of a page's link (`../assets/x.css`, `/assets/x.css`)."""
    if href.startswith("/"):
        return posixpath.normpath(href.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def href_to(page: str, target: str, like: str) -> str:
    """A link from `page` to `target` written as `like` is (relative, or from the site's root)."""
    if like.startswith("/"):
        return "/" + target
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def minify_own_scripts(root: Path, site: Path) -> list[str]:
    """The edition's scripts in the site, without their comments (in place): their paths."""
    done = []
    for own in sorted((root / OWN_SCRIPTS).glob("*.js")):
        rel = f"{SITE_SCRIPTS}/{own.name}"
        shipped = site / rel
        if not shipped.is_file():
            continue
        try:
            shipped.write_text(javascript.minify(shipped.read_text(encoding="utf-8")), encoding="utf-8")
        except BuildError as exc:
            raise BuildError(f"{OWN_SCRIPTS}/{own.name}: {exc.message}", fix=exc.fix) from exc
        done.append(rel)
    return done


@dataclass
class OneStylesheet:
    """What `one_stylesheet` made: the stylesheet's path in the site, the sheets it joined (in
    order), and what it left out of Material's."""

    path: str
    joined: list[str]
    dropped_selectors: list[str]
    dropped_properties: list[str]
    pages: int


def joined_sheets(site: Path, names: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Each page's stylesheet links, as (href, path in the site), in order."""
    out = {}
    for page in names:
        text = (site / page).read_text(encoding="utf-8")
        out[page] = [(m.group("href"), link_target(page, m.group("href"))) for m in STYLESHEET_LINK.finditer(text)]
    return out


def one_stylesheet(site: Path) -> OneStylesheet:
    """Every page's stylesheets as one (see the module's docstring); the pages rewritten."""
    html_pages = pages(site)
    links = joined_sheets(site, html_pages)
    orders = {tuple(t for _, t in found) for found in links.values() if found}
    if not orders:
        raise BuildError("no page of the built site links a stylesheet", path="overrides/main.html",
                         fix="the theme's templates should link Material's stylesheet and extra_css")
    if len(orders) > 1:
        first, other = sorted(orders)[:2]
        raise BuildError(f"the site's pages link different stylesheets ({', '.join(first)}; {', '.join(other)})",
                         path="mkdocs.yml", fix="every page should link the same stylesheets (extra_css)")
    sheets = list(next(iter(orders)))
    for sheet in sheets:
        if sheet.startswith("..") or not (site / sheet).is_file():
            raise BuildError(f"the pages link a stylesheet the site does not hold: {sheet}", path="mkdocs.yml",
                             fix="extra_css should name files of overrides/")
    names = site_names(site)
    parts, dropped, props = [], [], []
    own_reads: set[str] = set()
    minified: dict[str, str] = {}
    for sheet in sheets:
        if not MATERIAL.match(sheet):
            minified[sheet] = css.minify((site / sheet).read_text(encoding="utf-8"))
            own_reads |= css.custom_properties_read(minified[sheet])
    for sheet in sheets:
        if sheet in minified:
            parts.append(minified[sheet])
            continue
        text = css.strip_comments((site / sheet).read_text(encoding="utf-8"))   # its source map's comment
        rules = css.prune_rules(text, lambda name: name in names)
        kept = css.prune_custom_properties(rules.css, lambda name: name in own_reads or name in names)
        parts.append(kept.css)
        dropped += rules.dropped
        props += kept.dropped
    text = "\n".join(parts) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    path = f"{FOLDER}/site.{digest}.min.css"
    dest = safe_path(site, path)
    dest.write_text(text, encoding="utf-8")
    for page, found in links.items():
        if found:
            rewrite_links(site, page, path)
    for sheet in sheets:
        (site / sheet).unlink()
        site.joinpath(sheet + ".map").unlink(missing_ok=True)
    return OneStylesheet(path, sheets, dropped, props, sum(1 for f in links.values() if f))


def rewrite_links(site: Path, page: str, sheet: str) -> None:
    """The page's first stylesheet link pointed at `sheet`, the others taken out, and the
    whitespace between the tags of its templates' markup squeezed (`squeezed_chrome`)."""
    file = site / page
    text = file.read_text(encoding="utf-8")
    seen = False

    def one(m: re.Match) -> str:
        nonlocal seen
        if seen:
            return ""
        seen = True
        href = m.group("href")
        return m.group(0).replace(f'href="{href}"', f'href="{href_to(page, sheet, href)}"', 1)

    file.write_text(squeezed_chrome(STYLESHEET_LINK.sub(one, text)), encoding="utf-8")


#: the page's content, which is left exactly as MkDocs wrote it
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
#: elements whose text is not markup, or whose whitespace shows
RAW = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
#: whitespace between two tags
BETWEEN_TAGS = re.compile(r">\s+<")


def squeezed_chrome(text: str) -> str:
    """The page with each run of whitespace between two tags of its templates' markup (the
    header, navigation, footer, head: Jinja's indentation) made one line end, or one space if it
    held none, so it renders the same. The <article> (the page's content) and every <pre>,
    <textarea>, <script> and <style> are left as they are; so is whitespace beside text."""
    kept = [m.span() for m in ARTICLE.finditer(text)] + [m.span() for m in RAW.finditer(text)]
    out, at = [], 0
    for start, end in sorted(kept):
        if start < at:                  # inside one already kept (a <script> in the article)
            continue
        out.append(_between_tags(text, at, start))
        out.append(text[start:end])
        at = end
    out.append(_between_tags(text, at, len(text)))
    return "".join(out)


def _between_tags(text: str, start: int, end: int) -> str:
    """`text[start:end]` squeezed, read with the character on either side of it (a tag's `>` or
    `<` there, kept as it is, bounds the whitespace at its edges)."""
    before, after = text[start - 1:start], text[end:end + 1]
    squeezed = BETWEEN_TAGS.sub(lambda m: ">\n<" if "\n" in m.group(0) else "> <", before + text[start:end] + after)
    return squeezed[len(before):len(squeezed) - len(after)]
