"""MkDocs, run in this process on a staged docs folder, strict, with every warning kept.

In this process rather than as `mkdocs build`: no child process can outlive a killed build,
and no command-line flag can switch off the warning count (with `-q` MkDocs stops counting
warnings, so `--strict` let broken links through: MkDocs issue #4126). Every message MkDocs or
a plugin logs at WARNING or above is captured; any one of them fails the build, and the error
quotes them all.

The configuration is the project's own `mkdocs.yml`, read as if from its folder (so every
relative path in it resolves the same), with one change: it inherits the staged navigation
instead of `docs/.nav.yml`. Nothing is written beside it.

Material's Jinja templates are compiled once, not at every build: their bytecode is kept in
`build/jinja-cache/` (Jinja's own file cache, each entry checked against its template's source,
so an edited template is compiled again). A build spent about a seventh of MkDocs' time
compiling the same templates; the pages it writes are the same either way.

The pages whose sections the build replaces in the search index by their blocks' entries (the
chapters: `publish.search`) are given to Material's search plugin only as far as their first
section, the one entry of theirs the build keeps (its title heads the page's results): the
plugin divided each chapter into its sections, a sixth of MkDocs' time, for entries then thrown
away. The page itself is written whole, as the plugin leaves every page (`SEARCH_ATTRIBUTES`).
"""
from __future__ import annotations

import io
import json
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildError

#: "Doc file 'report/x.md' contains a link 'y.md#z', but ..." -> the page it names
DOC_FILE = re.compile(r"Doc file '([^']+)'")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextmanager
def _captured(handler: logging.Handler) -> Iterator[None]:
    logger = logging.getLogger("mkdocs")
    saved = (logger.level, logger.propagate)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def _release_pages() -> object:
    """A plugin that keeps MkDocs' memory to about one page's text at a time.

    MkDocs converts every page before it writes the first one (each page's links are resolved
    against all the others), keeping every page's Markdown and HTML until the end of the build:
    memory that grows with the report (at 50 times the report, hundreds of megabytes). Here a
    page's Markdown is let go once converted, its HTML is kept deflated between its conversion and
    the writing of its file (the other plugins have seen it first, and see it whole again when
    the page is written), and let go once the file is written. Nothing needs more: the anchor
    check reads the ids each page kept apart (`present_anchor_ids`), the navigation its title
    (kept apart too) and URL. Empty strings, not None: MkDocs takes a missing Markdown for a page
    not yet read, and reads a title from the Markdown when the HTML is missing."""
    import zlib

    from mkdocs.plugins import BasePlugin, event_priority

    class ReleasePages(BasePlugin):
        def __init__(self) -> None:
            self.deflated: dict[str, bytes] = {}

        @event_priority(-100)           # after every other plugin's
        def on_page_content(self, html: str, /, *, page, config, files) -> str:
            page.markdown = ""
            self.deflated[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
            return ""

        @event_priority(100)            # before every other plugin's
        def on_page_context(self, context, /, *, page, config, nav):
            page.content = zlib.decompress(self.deflated.pop(page.file.src_uri)).decode("utf-8")
            return context

        def on_post_page(self, output: str, /, *, page, config) -> str:
            page.content = ""
            return output

    return ReleasePages()


#: where the templates' bytecode is kept between builds (in the project's build/ folder)
TEMPLATE_CACHE = Path("build") / "jinja-cache"


def template_cache(folder: Path):
    """A plugin of this build only (never in mkdocs.yml): the theme's Jinja environment given a
    bytecode cache in `folder`."""
    from jinja2 import FileSystemBytecodeCache
    from mkdocs.plugins import BasePlugin

    class TemplateCache(BasePlugin):
        def on_env(self, env, /, *, config, files):
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
            return env

    return TemplateCache()


#: a heading with an id: where Material's search plugin begins a section of a page
SECTION_START = re.compile(r"<h[1-6]\b[^>]*\sid=")
#: the attributes Material's search plugin takes out of every page it indexes (its `on_page_context`)
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def first_section(content: str) -> str:
    """A page's HTML up to its second section: what Material's search plugin makes its first
    entry of (the page's), the entries of its later sections left out."""
    starts = [m.start() for m in SECTION_START.finditer(content)]
    return content[:starts[1]] if len(starts) > 1 else content


def search_first_sections(pages: frozenset[str]):
    """A plugin of this build only: Material's search plugin indexes only the first section of
    each page in `pages` (their paths in docs/), whose other sections the build replaces."""
    from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

    class FirstSections(BasePlugin):
        def __init__(self) -> None:
            self.whole: dict[str, str] = {}

        @event_priority(100)            # before the search plugin's (0): it reads the first section
        def _shorten(self, context, /, *, page, config, nav):
            if page.file.src_uri in pages:
                self.whole[page.file.src_uri] = page.content
                page.content = first_section(page.content)
            return context

        @event_priority(-100)           # after it: the page whole again, as the plugin leaves a page
        def _restore(self, context, /, *, page, config, nav):
            whole = self.whole.pop(page.file.src_uri, None)
            if whole is not None:
                page.content = SEARCH_ATTRIBUTES.sub("", whole)
            return context

        on_page_context = CombinedEvent(_shorten, _restore)

    return FirstSections()


def staged_config(config: str, nav: Path) -> str:
    """mkdocs.yml with its INHERIT line pointed at the staged navigation."""
    # a JSON string is a valid YAML double-quoted scalar
    lines = [f"INHERIT: {json.dumps(str(nav))}" if line.startswith("INHERIT:") else line
             for line in config.splitlines()]
    return "\n".join(lines) + "\n"


def build_site(root: Path, docs_dir: Path, site_dir: Path, *, epoch: str, version: str, date: str,
               site_url: str = "", indexed_apart: frozenset[str] = frozenset()) -> None:
    """MkDocs in strict mode: `docs_dir` (staged) into `site_dir` (staged). `indexed_apart`: the
    pages (paths in docs/) whose search entries but the first the build replaces."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_path = root / "mkdocs.yml"
    stream = io.StringIO(staged_config(config_path.read_text(encoding="utf-8"), docs_dir / ".nav.yml"))
    stream.name = str(config_path)
    capture = _Capture()
    failure: BaseException | None = None
    # the one date MkDocs writes (the sitemap's), and the edition's version and date for the footer
    with _environment(SOURCE_DATE_EPOCH=epoch, EDITION_VERSION=version, EDITION_DATE=date, SITE_URL=site_url,
                      NO_MKDOCS_2_WARNING="1"), _captured(capture):
        try:
            config = load_config(stream, config_file_path=str(config_path), docs_dir=str(docs_dir),
                                 site_dir=str(site_dir), strict=True)
            config.plugins["edition/release-pages"] = _release_pages()
            config.plugins["edition/template-cache"] = template_cache(root / TEMPLATE_CACHE)
            if indexed_apart:
                config.plugins["edition/search-first-sections"] = search_first_sections(indexed_apart)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except (MkDocsException, SystemExit) as exc:    # strict mode's Abort is a SystemExit too
            failure = exc
    if failure is None and not capture.messages:
        return
    messages = capture.messages or [f"ERROR: {failure}"]
    first = messages[0]
    page = DOC_FILE.search(first)
    raise BuildError(f"mkdocs build --strict failed: {first}",
                     path=f"docs/{page.group(1)}" if page else "mkdocs.yml",
                     fix="a generated page or a template names a page or #anchor that does not exist, or the "
                         "configuration is wrong; docs/ and build/site/ are unchanged",
                     details="\n".join(f"  {m}" for m in messages[1:21])) from failure
