"""From seeds to the model: the report and each article through their passes, then their
annotators, in the order their lists give.

`load_edition` reads the seeds folder (every seed checked against its metadata), runs the
report through `clean.REPORT_PASSES` then `annotate.ANNOTATORS`, and each article through
`clean.ARTICLE_PASSES` then `annotate.ARTICLE_ANNOTATORS` with the report's glossary. The
result is the `Edition` every page is made from. Reads only: it writes nothing.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .annotate import ANNOTATORS, ARTICLE_ANNOTATORS, quotations
from .clean import ARTICLE_PASSES, REPORT_PASSES
from .editorial import Editorial, load_editorial
from .errors import BuildError
from .fidelity import removal_counts
from .model import Article, Document, Edition, Glossary
from .registry import Pass, run_passes
from .seeds import SeedText, load_seeds, parse_iso_date

#: the last step of the report's pipeline: what the edition leaves out, counted from the model
FIDELITY = Pass("removal_counts", removal_counts,
                "what the edition leaves out of the seed's text, counted for the About page and the audit")


def all_passes() -> list[Pass]:
    """The report's pipeline, every pass in order: what the About page lists."""
    return [*REPORT_PASSES, *ANNOTATORS, FIDELITY]


def run_report(seed: SeedText, seed_name: str, editorial: Editorial) -> Document:
    """Every pass over the report, then every annotator; stop at an editorial entry never applied."""
    doc = Document(seed_name, "report", raw_lines=seed.lines)
    decoding = doc.record.scope("decode_seed")
    for note in seed.normalised:
        decoding.count(f"input normalised: {note}")
    run_passes(doc, all_passes(), editorial)
    editorial.require_all_used()
    return doc


def run_article(seed: SeedText, seed_name: str, glossary: Glossary, editorial: Editorial | None = None) -> Document:
    """Every pass over an article, then its annotators; its editorial file (optional: rules
    alone label any article's furniture) settles what they cannot (`load_edition` checks that
    every entry applied, once the quotations are linked)."""
    editorial = editorial or Editorial()
    doc = Document(seed_name, "article", raw_lines=seed.lines)
    run_passes(doc, ARTICLE_PASSES, editorial)
    doc.glossary = glossary
    run_passes(doc, ARTICLE_ANNOTATORS, editorial)
    return doc


def editorial_of(meta) -> Editorial:
    """A seed's editorial file, where its metadata names one."""
    return (load_editorial(meta.editorial_path, f"seeds/{meta.editorial}") if meta.editorial_path is not None
            else Editorial())


#: the edition's address: https, a host, and a folder (its final slash)
SITE_URL = re.compile(r"https://[a-z0-9.-]+(?::\d+)?/(?:[A-Za-z0-9._~-]+/)*")


def edition_release(root: Path) -> tuple[str, str, str]:
    """The edition's version, date and address, from pyproject.toml: `[project] version`,
    `[tool.edition] released` and `site_url`. The one source of each, in a clone or an unpacked
    tarball."""
    path = root / "pyproject.toml"
    if not path.is_file():
        raise BuildError("pyproject.toml is missing: the edition's version and date come from it", path=str(path),
                         fix="build from the project folder (or a copy with pyproject.toml in it)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        version, released = data["project"]["version"], data["tool"]["edition"]["released"]
        site_url = data["tool"]["edition"].get("site_url", "")
    except (tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise BuildError("pyproject.toml has no [project] version or no [tool.edition] released date",
                         path=str(path), fix='give both, e.g. version = "0.2.0" and released = "2026-12-01"') from exc
    if not isinstance(version, str) or not re.fullmatch(r"[0-9A-Za-z.+-]{1,40}", version):
        raise BuildError("the [project] version is not a version number", path=str(path),
                         fix='write it like version = "0.2.0"')
    if not isinstance(released, str) or parse_iso_date(released) is None:
        raise BuildError("[tool.edition] released is not a date", path=str(path),
                         fix='write it as YYYY-MM-DD, e.g. released = "2026-12-01"')
    if not isinstance(site_url, str) or not SITE_URL.fullmatch(site_url):
        raise BuildError("[tool.edition] site_url is not the https address of a folder", path=str(path),
                         fix='write it with its final slash, e.g. site_url = "https://reports.example.org/casey/"')
    return version, released, site_url


def load_edition(root: Path) -> Edition:
    """Read every seed, check it, and run the pipeline on the report and on each article."""
    version, released, site_url = edition_release(root)
    seeds = load_seeds(root / "seeds")
    report = next(s for s in seeds if s.meta.kind == "report")
    meta = report.meta
    editorial = editorial_of(meta)
    doc = run_report(report.text, meta.seed, editorial)
    articles = []
    index = quotations.index_report(doc.blocks, quotations.report_line_texts(doc))
    names = tuple(family for family, _given in meta.authors)
    for s in seeds:
        if s.meta.kind == "article":
            article_editorial = editorial_of(s.meta)
            a = Article(s.meta, s.text, run_article(s.text, s.meta.seed, doc.glossary, article_editorial),
                        editorial=article_editorial)
            a.quotations = quotations.link_quotations(a.doc, s.meta.seed, index, doc.blocks, names,
                                                      article_editorial)
            article_editorial.require_all_used()
            articles.append(a)
    return Edition(root, meta, report.text, doc, editorial, articles, version, released, site_url)
