"""The manifest's rules, case by case: what breaks a published address, what a `[[successors]]`
entry allows, and what it never allows."""
from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from scripts.editorial import SuccessorEntry
from scripts.errors import MetadataError
from scripts.verify import manifest as m
from scripts.verify.manifest import Record, anchor_words, compare, fingerprint

ED = "seeds/x.editorial.toml"


def rec(words: str, **kw) -> Record:
    return Record(fingerprint(words), words[:m.EXCERPT], **kw)


def site(**pages: dict[str, str]) -> m.Manifest:
    return {page: {"": rec(page), **{a: rec(w) for a, w in anchors.items()}} for page, anchors in pages.items()}


def succ(old: str, new: str, reason: str = "meant", index: int = 1) -> SuccessorEntry:
    return SuccessorEntry(index=index, line=1, reason=reason, old=old, new=new)


OLD = site(**{"r/a.html": {"p-one": "One two three.", "p-two": "Four five.", "top": "A"}})


def test_the_same_site_breaks_nothing_and_keeps_every_record():
    problems, out = compare(OLD, OLD, [], ED)
    assert problems == [] and out == OLD


def test_a_new_anchor_is_added():
    new = site(**{"r/a.html": {"p-one": "One two three.", "p-two": "Four five.", "top": "A", "p-three": "Six."}})
    problems, out = compare(OLD, new, [], ED)
    assert problems == [] and "p-three" in out["r/a.html"]


@pytest.mark.parametrize("new,what", [
    (site(**{"r/a.html": {"p-one": "One two THREE.", "p-two": "Four five.", "top": "A"}}), "now points at other words"),
    (site(**{"r/a.html": {"p-one": "One two three.", "top": "A"}}), "this published anchor is gone"),
    (site(**{"r/b.html": {"p-one": "One two three.", "p-two": "Four five.", "top": "A"}}), "this published page is gone"),
])
def test_a_change_not_recorded_breaks_naming_the_address_its_words_and_the_fix(new, what):
    problems, _ = compare(OLD, new, [], ED)
    assert problems and what in str(problems[0])
    assert "One two three." in str(problems[0]) or "r/a.html" in str(problems[0])
    assert "[[successors]]" in problems[0].fix


def test_words_changed_in_place_once_recorded_pass_and_the_reason_is_kept():
    new = site(**{"r/a.html": {"p-one": "One two THREE.", "p-two": "Four five.", "top": "A"}})
    problems, out = compare(OLD, new, [succ("r/a.html#p-one", "r/a.html#p-one", "a typo corrected")], ED)
    assert problems == []
    assert out["r/a.html"]["p-one"].sha == fingerprint("One two THREE.")
    assert out["r/a.html"]["p-one"].changes == ["a typo corrected"]


def test_a_recorded_change_allows_that_change_only_not_the_next():
    once = site(**{"r/a.html": {"p-one": "One two THREE.", "p-two": "Four five.", "top": "A"}})
    entry = succ("r/a.html#p-one", "r/a.html#p-one", "a typo corrected")
    _, after = compare(OLD, once, [entry], ED)
    twice = site(**{"r/a.html": {"p-one": "One two FOUR.", "p-two": "Four five.", "top": "A"}})
    problems, _ = compare(after, twice, [entry], ED)
    assert problems and "now points at other words" in str(problems[0])


def test_a_gone_anchor_recorded_with_a_successor_stays_as_an_alias():
    new = site(**{"r/a.html": {"p-one": "One two three. Four five.", "top": "A", "p-two": ""}})
    entries = [succ("r/a.html#p-two", "r/a.html#p-one", "merged"), succ("r/a.html#p-one", "r/a.html#p-one", "merged", 2)]
    problems, out = compare(OLD, new, entries, ED)
    assert problems == []
    assert out["r/a.html"]["p-two"].successor == "r/a.html#p-one"
    # later builds: the alias must still stand, and its successor
    problems, _ = compare(out, new, entries, ED)
    assert problems == []
    gone = site(**{"r/a.html": {"p-one": "One two three. Four five.", "top": "A"}})
    problems, _ = compare(out, gone, entries, ED)
    assert problems and "alias" in str(problems[0])


def test_a_renamed_page_recorded_keeps_its_old_address_and_its_ids():
    new = site(**{"r/b.html": {"p-one": "One two three.", "p-two": "Four five.", "top": "B"}})
    problems, out = compare(OLD, new, [succ("r/a.html", "r/b.html", "renamed")], ED)
    assert problems == []
    assert out["r/a.html"][""].successor == "r/b.html"
    assert out["r/b.html"]["top"].changes == ["renamed"]          # the title is the rename itself


@pytest.mark.parametrize("entry,what", [
    (succ("r/zzz.html#p-one", "r/a.html#p-one"), "never published"),
    (succ("r/a.html#p-one", "r/a.html#p-nowhere"), "successor the new edition does not have"),
])
def test_an_entry_must_name_a_published_address_and_an_existing_successor(entry, what):
    problems, _ = compare(OLD, OLD, [entry], ED)
    assert what in str(problems[0])


def test_the_manifest_round_trips_one_anchor_a_line(tmp_path):
    path = tmp_path / "manifest.json"
    out = {"r/a.html": {"": rec("A"), "p-x": rec("Words", successor="r/a.html#p-y", changes=["why"])}}
    m.write(path, out)
    assert m.load(path) == out
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["pages"]["r/a.html"]["p-x"]["successor"] == "r/a.html#p-y"
    assert text.count("\n") > 5 and not list(tmp_path.glob("*.tmp"))


def test_an_unreadable_manifest_is_a_located_error(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(m.ManifestError, match="cannot be read"):
        m.load(path)


@pytest.mark.parametrize("html,words", [
    ('<p id="p-a"><a class="block-number annotation" href="#p-a">[¶ 1.1]</a>The words <abbr>CSE</abbr>.</p>',
     "The words CSE ."),
    ('<h2 id="h">Heading <a class="headerlink" href="#h">¶</a></h2>', "Heading"),
    ('<span class="page-number" id="page-9"><small>[</small>p. 9<small>]</small></span> then words', "[ p. 9 ]"),
    ('<div class="block-anchor" id="p-t"><a class="block-number">[¶ 2.1]</a></div><table><tr><td>Cell</td></tr>'
     '</table>', "Cell"),
])
def test_what_an_anchor_points_at(html, words):
    el = BeautifulSoup(html, "html.parser").find(id=True)
    assert anchor_words(el) == words


@pytest.mark.parametrize("old,new,problem", [
    ("report/a.html#p-x", "report/a.html", "one address names an anchor"),
    ("/etc/passwd", "report/a.html", "not an address"),
    ("report/../x.html", "report/a.html", "not an address"),
    ("report/a.html#p-x y", "report/a.html#p-x", "not an address"),
])
def test_a_successor_entry_is_checked_on_load(old, new, problem, tmp_path):
    from scripts.editorial import load_editorial
    path = tmp_path / "e.toml"
    path.write_text(f'[[successors]]\nold = "{old}"\nnew = "{new}"\nreason = "r"\n', encoding="utf-8")
    with pytest.raises(MetadataError, match=problem) as e:
        load_editorial(path)
    assert f"{path}:1:" in str(e.value) and "fix:" in str(e.value)
