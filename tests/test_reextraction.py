"""The same edition from another extraction of the report (issue 11).

`tests/reextract.py` wraps every block of the seed again at another measure, keeping every
character and the extract's conventions; each variant must give the seed's edition block for
block: the same chapters, blocks, kinds, levels, list markers, attributions, tables, footnotes
and heading anchors, and the same page marks (each PDF page's mark with its printed number and
basis, in the same block). The agreement is printed per variant (`pytest -s`).
"""
from __future__ import annotations

import re

import pytest

from scripts.editorial import load_editorial
from scripts.errors import StructureError
from scripts.model import Block, Document, inline_text
from scripts.pipeline import run_report
from scripts.seeds import SeedText, decode_seed
from tests.conftest import ROOT
from tests.reextract import check_same_characters, variant, wrap

SEED = ROOT / "seeds" / "casey-report.txt"
#: measures on both sides of the seed's (about 88 characters). Not yet: 72 and narrower, where a
#: subheading wraps over two lines and stops being a heading (issue 11, left open)
MEASURES = [78, 85, 88, 92, 95, 100, 105, 110]


def run(text: str) -> Document:
    return run_report(SeedText(path=SEED, text=text, sha256=""), SEED.name,
                      load_editorial(ROOT / "seeds" / "casey-report.editorial.toml"))


def block_row(b: Block) -> tuple:
    return (b.kind.value, b.level, b.marker, b.depth, b.continues, b.text, inline_text(b.attribution),
            tuple(b.header), tuple(map(tuple, b.rows)), b.anchor, b.chart)


def edition_rows(doc: Document) -> list[tuple]:
    rows: list[tuple] = []
    for c in doc.chapters:
        rows.append(("chapter", c.title, c.slug, c.group))
        rows += [block_row(b) for b in c.blocks]
    return rows


def page_marks(doc: Document) -> list[tuple]:
    """Each page mark: its page, printed number, basis and anchor, and the block it stands in."""
    out = []
    for ci, c in enumerate(doc.chapters):
        for bi, b in enumerate(c.blocks):
            out += [(p.ordinal, p.printed, p.basis, p.blank, p.anchor, ci, bi) for p, _ in b.page_starts()]
    return out


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_doc(seed_text) -> Document:
    return run(seed_text)


def agreement(a: list, b: list) -> int:
    import difflib
    return sum(m.size for m in difflib.SequenceMatcher(None, [repr(x) for x in a], [repr(x) for x in b],
                                                         autojunk=False).get_matching_blocks())


@pytest.mark.parametrize("measure", MEASURES)
def test_a_re_extraction_gives_the_same_edition(measure, seed_text, seed_doc):
    text, _ = variant(seed_doc, measure)
    assert text != seed_text                                   # the variant is another layout
    check_same_characters(seed_text, text, seed_doc)           # and the same words
    doc = run(text)
    want, got = edition_rows(seed_doc), edition_rows(doc)
    print(f"\nmeasure {measure}: {agreement(want, got)}/{len(want)} rows agree, "
          f"{sum(1 for r in got if r[0] != 'chapter')} blocks")
    assert got == want
    assert page_marks(doc) == page_marks(seed_doc)
    assert {n: f.text for n, f in doc.footnotes.items()} == {n: f.text for n, f in seed_doc.footnotes.items()}
    # the fidelity record: the same furniture left out, the same markers moved
    assert doc.removed == seed_doc.removed


def test_the_variants_wrap_differently_from_the_seed(seed_text, seed_doc):
    """The generator really moves the line breaks: most lines of a variant are not the seed's."""
    seed_lines = set(seed_text.split("\n"))
    for measure in (78, 110):
        lines = variant(seed_doc, measure)[0].split("\n")
        moved = sum(1 for line in lines if line.strip() and line not in seed_lines)
        assert moved > len(lines) // 2


@pytest.mark.parametrize("stream,measure", [
    ("The Council does not use inspection to learn and improve. Members are overly-reliant on officers.  ", 30),
    ("a decision-making body; cases totalled 1076, a similar figure", 20),
    ("one  two   three    four", 5),
])
def test_wrapping_keeps_every_character_and_the_measure(stream, measure):
    lines = wrap(stream, [], measure)
    joined = "".join(t for t, _ in lines)
    assert re.sub(r"\s+", "", joined) == re.sub(r"\s+", "", stream)
    assert all(len(t.rstrip()) <= measure or " " not in t.rstrip() for t, _ in lines)
    # a wrapped line ends with one space, or with a compound's hyphen
    assert all(t.endswith(" ") and not t.endswith("  ") or t.endswith("-") for t, _ in lines[:-1])


def test_a_footnote_marker_never_starts_a_line():
    stream = "the victims.” 7 They said so"
    lines = wrap(stream, [(stream.index("7"), 7)], 13)
    assert not any(t.startswith("7") for t, _ in lines)
    assert [n for _, ns in lines for n in ns] == [7]


def test_crlf_line_ends_give_the_same_edition(tmp_path, seed_doc):
    crlf = tmp_path / "casey-report.txt"
    crlf.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    decoded = decode_seed(crlf)
    assert "CRLF/CR line ends made LF" in decoded.normalised
    assert edition_rows(run(decoded.text)) == edition_rows(seed_doc)


def test_form_feeds_are_refused_naming_what_was_found_and_what_is_expected(tmp_path):
    ff = tmp_path / "casey-report.txt"
    ff.write_bytes(SEED.read_bytes().replace(b"\n ", b"\n\f", 3))
    with pytest.raises(Exception) as exc:
        decode_seed(ff)
    said = str(exc.value)
    assert "form feed" in said and "one leading space" in said and ":" in said
    assert re.search(r"casey-report\.txt:\d+", said)


def test_text_without_page_starts_is_refused_with_the_cause(seed_text):
    flat = "\n".join(line[1:] if re.match(r"^ \S", line) else line for line in seed_text.split("\n"))
    # the page-number blocks still start pages: take them out too, as another extractor would
    flat = re.sub(r"\n\n\n\n \n\n\d{1,3} \n \n\n", "\n", flat)
    with pytest.raises(StructureError) as exc:
        run(flat)
    said = str(exc.value)
    assert "no page breaks found" in said and "one space" in said and "casey-report.txt:1" in said


def test_paragraph_starts_that_begin_no_line_stop_the_build(tmp_path, seed_text):
    editorial = (ROOT / "seeds" / "casey-report.editorial.toml").read_text(encoding="utf-8")
    bad = editorial.replace('"Staff at Risky Business",', '"Staff at Risky Business",\n    "Words the report never prints",')
    path = tmp_path / "casey-report.editorial.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(Exception) as exc:
        run_report(SeedText(path=SEED, text=seed_text, sha256=""), SEED.name, load_editorial(path))
    assert "Words the report never prints" in str(exc.value) and "begin no line" in str(exc.value)
