"""A project whose every input carries the hostile strings of `hostile.py`, at every place a
string from a seed, its metadata or the editorial file reaches a page.

The report seed has one chapter per hostile string, titled with it (a `[[headings]]` entry
makes each line a chapter title, whatever it looks like), in a navigation section labelled with
it (`[[parts]]`, every few chapters), with a paragraph holding it, a use of a glossary term whose expansion is it
(Annex-F-style glossary), a use of an edition term whose expansion and reason are it, a
cross-reference whose edition note is it, a citation of a document whose title is it, and,
once a page, a footnote that is it. The metadata's singletons take hostile strings too, and
one takes them all. The news article is every hostile string, one per line, under a hostile
headline. `Expectations` says which string must appear where, literally.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from scripts.build import copy_build_inputs
from scripts.chars import CAPITALISED_WORD, in_capitals

from hostile import HOSTILE

#: the inputs of a build besides seeds/ (the hostile project has seeds of its own)
CHAPTERS_PER_PAGE = 12
#: a navigation section every few chapters (a section for each would make every page's
#: navigation, and so the build, several times larger without reaching another place)
PART_EVERY = 3
FOOTNOTE_RULE = " " * 40


def norm(s: str) -> str:
    """Whitespace as HTML shows it: ASCII runs collapsed, ends trimmed (NBSP and the like kept)."""
    return re.sub(r"[ \t\n\r\f]+", " ", s).strip(" \t\n\r\f")


def line_text(s: str) -> str:
    """What the pipeline makes of a line holding `s`: space runs collapsed, ends trimmed."""
    return re.sub(r" {2,}", " ", s).strip()


def code(i: int) -> str:
    """A two-letter code for the i-th string: AA, AB, ... (terms and phrases are made of it)."""
    return chr(65 + i // 26) + chr(65 + i % 26)


def toml_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)    # a JSON string is a TOML basic string


@dataclass
class Expectations:
    titles: list[str] = field(default_factory=list)           # chapter titles, in order
    labels: list[str] = field(default_factory=list)           # navigation section labels
    glossary: dict[str, str] = field(default_factory=dict)    # term -> expansion (the report's)
    edition_terms: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)       # cross-reference phrase -> edition note
    documents: list[str] = field(default_factory=list)        # cited documents' titles
    citations: list[str] = field(default_factory=list)        # court cases' citations
    footnotes: dict[int, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    article_title: str = ""
    article_lines: list[str] = field(default_factory=list)


def capitalised_words(lines: list[str], terms: set[str]) -> list[str]:
    """The words the edition's abbreviation check will ask about: two capitals or more, not a
    glossary term, not a word of a run in capitals (headings aside: those are titles)."""
    titles = {line_text(t) for _, t in unique_titles()}
    words: list[str] = []
    for line in (line_text(l) for l in lines):
        if line in titles or line == "GLOSSARY OF TERMS":
            continue
        for m in CAPITALISED_WORD.finditer(line):
            w = m.group(0)
            if w in terms or w in words or (in_capitals(line, m.start(), m.end()) and w.isupper()):
                continue
            words.append(w)
    return words


def unique_titles() -> list[tuple[str, str]]:
    """The hostile strings that make distinct, non-empty chapter titles."""
    seen: set[str] = set()
    out = []
    for case, s in HOSTILE:
        t = line_text(s)
        if t and t not in seen and not t[0].isspace():
            seen.add(t)
            out.append((case, t))
    return out


def make_hostile_project(dest: Path) -> Expectations:
    copy_build_inputs(dest)
    # another document: none of its addresses was ever published (the real manifest would refuse it)
    shutil.rmtree(dest / "published", ignore_errors=True)
    seeds = dest / "seeds"
    for p in seeds.iterdir():
        p.unlink()
    exp = Expectations()
    titles = unique_titles()
    lines: list[str] = []
    ed: list[str] = ["# Every string below is hostile on purpose: the edition must show each one literally.\n"]
    page = 1
    pending_note: tuple[int, str] | None = None
    for i, (_case, title) in enumerate(titles):
        c = code(i)
        first_of_page = i > 0 and i % CHAPTERS_PER_PAGE == 0
        if first_of_page:
            if pending_note is not None:                 # the page's footnote, below its rule
                n, text = pending_note
                lines += ["", FOOTNOTE_RULE, f"{n} {text}"]
                pending_note = None
            lines += ["", "", str(page), "", ""]         # the printed page number
            page += 1
            # a plain sentence opens the page: a title there might read as the page above going on
            lines += [f" Page {page} begins here.", " "]
        lines.append(title)
        lines.append(" ")
        body = (f"Chapter {i} holds the string {title} and uses HZ{c} and EZ{c}, "
                f"cites Ref document rf{c.lower()}")
        if i > 0:
            body += f", and says see chapter xr{c.lower()}"
        if i % CHAPTERS_PER_PAGE == 1:
            n = i // CHAPTERS_PER_PAGE + 1
            body += f". It cites note mk{c.lower()}.{n}"
            pending_note = (n, line_text(HOSTILE[(i + 7) % len(HOSTILE)][1]) or "empty")
            exp.footnotes[n] = pending_note[1]
            ed.append(f"[[footnote_markers]]\nnote = {n}\ncontext = {toml_string(f'note mk{c.lower()}.{n}')}\n"
                      f"reason = {toml_string(title)}\n")
        lines += [body + ".", " "]
        exp.titles.append(title)
        ed.append(f"[[headings]]\ntext = {toml_string(title)}\nlevel = 1\nreason = {toml_string(HOSTILE[i][1])}\n")
        if i % PART_EVERY == 0:          # a navigation section, labelled with a hostile string
            label = line_text(HOSTILE[(i + 5) % len(HOSTILE)][1]) or "empty"
            exp.labels.append(label)
            ed.append(f"[[parts]]\nstarts = {toml_string(title)}\nlabel = {toml_string(label)}\n"
                      f"reason = {toml_string(HOSTILE[i][1])}\n")
        expansion = line_text(HOSTILE[(i + 1) % len(HOSTILE)][1]) or "empty"
        ed.append(f"[[edition_terms]]\nterm = \"EZ{c}\"\nexpansion = {toml_string(expansion)}\n"
                  f"reason = {toml_string(HOSTILE[(i + 2) % len(HOSTILE)][1])}\n")
        exp.edition_terms[f"EZ{c}"] = expansion
        case = ""
        if i % 4 == 0:           # every fourth document is a court case, its citation hostile too
            citation = line_text(HOSTILE[(i + 9) % len(HOSTILE)][1]) or "empty"
            case = f"kind = \"case\"\ncitation = {toml_string(citation)}\n"
            exp.citations.append(citation)
        ed.append(f"[[references]]\nkey = \"ref-{c.lower()}\"\ntitle = {toml_string(title)}\n{case}"
                  f"phrases = [{toml_string(f'Ref document rf{c.lower()}')}]\nreason = {toml_string(HOSTILE[i][1])}\n")
        exp.documents.append(title)
        if i > 0:
            note = line_text(HOSTILE[(i + 3) % len(HOSTILE)][1]) or "empty"
            ed.append(f"[[cross_references]]\nphrase = \"see chapter xr{c.lower()}\"\ntarget = {toml_string(titles[i - 1][1])}\n"
                      f"note = {toml_string(note)}\nreason = {toml_string(HOSTILE[i][1])}\n")
            exp.notes[f"see chapter xr{c.lower()}"] = note
    # the report's own glossary, as its last chapter: one hostile expansion per term
    lines += ["GLOSSARY OF TERMS", " "]
    for i, (_, _title) in enumerate(titles):
        expansion = line_text(HOSTILE[i][1])
        lines += [f"HZ{code(i)} - {expansion}", " "]
        exp.glossary[f"HZ{code(i)}"] = norm(re.sub(r" {2,}", " ", expansion))
    if pending_note is not None:
        n, text = pending_note
        lines += ["", FOOTNOTE_RULE, f"{n} {text}"]
    text = "\n".join(lines) + "\n"
    # the hostile strings' capitalised words ("SCRIPT", "NaN") are no abbreviations to explain
    ed += [f"[[not_terms]]\nword = {toml_string(w)}\nreason = \"a word of a hostile test string\"\n"
           for w in capitalised_words(lines, set(exp.glossary) | set(exp.edition_terms))]
    report = seeds / "hostile.txt"
    report.write_text(text, encoding="utf-8")
    (seeds / "hostile.editorial.toml").write_text("\n".join(ed), encoding="utf-8")

    markup = [s for case, s in HOSTILE if "<" in s or "{" in s or "[" in s]
    singles = iter(s for _, s in HOSTILE if "<" in s)
    exp.meta = {"title": next(singles), "author": next(singles), "publisher": next(singles),
                "licence": next(singles), "source": " ".join(markup), "source_file": next(singles),
                "attribution": " ".join(markup), "date_note": next(singles)}
    meta = {"seed": "hostile.txt", "kind": "report", "slug": "report", "editorial": "hostile.editorial.toml",
            "date": "2015-02-04", "licence_url": "https://example.org/licence?a=1&b=(2)",
            "sha256": hashlib.sha256(text.encode()).hexdigest(), **exp.meta}
    (seeds / "hostile.meta.toml").write_text("".join(f"{k} = {toml_string(v)}\n" for k, v in meta.items()),
                                             encoding="utf-8")
    # the article: a hostile headline, then every hostile string on a line of its own
    exp.article_title = line_text(HOSTILE[-3][1])
    exp.article_lines = [line_text(s) for _, s in HOSTILE if line_text(s)]
    article = "\n".join([exp.article_title, "", *exp.article_lines]) + "\n"
    (seeds / "article.txt").write_text(article, encoding="utf-8")
    ameta = {"seed": "article.txt", "kind": "article", "slug": "press", "title": HOSTILE[-2][1],
             "author": HOSTILE[60][1], "publisher": HOSTILE[61][1], "date": "2015-02-04", "licence": HOSTILE[62][1],
             "source": " ".join(markup), "source_file": HOSTILE[63][1],
             "sha256": hashlib.sha256(article.encode()).hexdigest()}
    (seeds / "article.meta.toml").write_text("".join(f"{k} = {toml_string(v)}\n" for k, v in ameta.items()),
                                             encoding="utf-8")
    return exp
