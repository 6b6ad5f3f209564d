"""End-to-end: the built site, checked as the gold sample checks it, plus the project's own checks."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.build import ROOT
from scripts.errors import FidelityError
from scripts.verify import audit as audit_mod
from scripts.verify.site import report_pages as site_pages_in_order

DATA = Path(__file__).parent / "data"


def test_gold_sample_passes_entirely(site, gold, capsys):
    assert gold.run(str(site), str(gold.__file__).replace("check_gold.py", "sample.jsonl")) == 0, capsys.readouterr().out


def test_edition_checks_pass(site, gold, capsys):
    """388 checks of the gold kinds drawn from the artifact catalogue (headings, joins, notes, ...)."""
    assert gold.run(str(site), str(DATA / "edition_checks.jsonl")) == 0, capsys.readouterr().out


def test_fidelity_audit_passes_with_every_removal_explained(built, site):
    root, edition = built
    result = audit_mod.audit(edition.report, site_pages_in_order(edition, site))
    assert result.removed["printed page numbers"] == 10
    assert result.removed["footnote markers moved into note references"] == 17
    assert result.removed["footnote numbers shown as the note's label"] == 17
    assert result.removed["glossary separators ( - ) rendered by the definition list"] == 44
    assert result.body_chars > 250_000


@pytest.mark.parametrize("old, new", [
    pytest.param("make tacking exploitation", "make tackling exploitation", id="typo-corrected"),
    pytest.param("to support victims and to apprehend", "to victims and to apprehend", id="word-dropped"),
    pytest.param("Terrible things happened", "Terrible things truly happened", id="word-added"),
    pytest.param("if we we’re so", "if we’re so", id="doubled-word-removed"),
])
def test_fidelity_audit_fails_on_an_altered_word(built, site, tmp_path, old, new):
    root, edition = built
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    pages = site_pages_in_order(edition, copy)
    hits = [p for p in pages if old in p.read_text(encoding="utf-8")]
    assert hits, f"test text {old!r} not found in the built site"
    html = hits[0].read_text(encoding="utf-8")
    start = html.index("<article")   # alter the text a reader sees, not the meta description
    hits[0].write_text(html[:start] + html[start:].replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FidelityError) as e:
        audit_mod.audit(edition.report, pages)
    assert "differs from the seed" in str(e.value) and e.value.line


def test_footnotes_show_the_reports_own_numbers(site):
    shown = {}
    for page in (site / "report").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a.footnote-ref"):
            label = int(a["href"].split(":")[1])
            shown[label] = a.get_text()
        for li in soup.select("div.footnote li[id^='fn:']"):
            assert li["value"] == li["id"].split(":")[1]
            assert f"footnote {li['value']}" in li.select_one("a.footnote-backref")["title"]
    assert shown == {n: str(n) for n in range(1, 18)}


def test_no_request_to_any_other_host(site):
    """No web fonts, CDN scripts or images from elsewhere: only links a reader may follow."""
    offending = []
    for f in site.rglob("*"):
        if f.suffix == ".html":
            soup = BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser")
            for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                              ("source", "src"), ("video", "src"), ("audio", "src")):
                for el in soup.find_all(tag):
                    url = el.get(attr, "")
                    if tag == "link" and "canonical" in (el.get("rel") or []):
                        continue
                    if re.match(r"(https?:)?//", url):
                        offending.append(f"{f.relative_to(site)}: <{tag} {attr}={url}>")
        elif f.suffix == ".css":
            for url in re.findall(r"url\(([^)]*)\)|@import\s+['\"]([^'\"]+)", f.read_text(encoding="utf-8")):
                u = "".join(url).strip("'\"")
                if re.match(r"(https?:)?//", u):
                    offending.append(f"{f.relative_to(site)}: {u}")
    assert offending == []


def test_every_page_has_a_meta_description_and_one_h1(site, edition):
    from conftest import expected_page_count
    pages = [p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts
             and "downloads" not in p.parts]     # the single file is one document of many chapters
    assert len(pages) == expected_page_count(edition)
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"name": "description"})
        assert meta and meta["content"].strip(), page
        assert len(soup.select("article h1")) == 1, page


def test_committed_docs_match_a_fresh_build(built):
    """docs/ is generated and committed: it must be what the build makes now."""
    root, _ = built
    from conftest import markdown_files
    fresh = {p.relative_to(root / "docs"): p.read_bytes() for p in markdown_files(root / "docs")}
    committed = {p.relative_to(ROOT / "docs"): p.read_bytes() for p in markdown_files(ROOT / "docs")}
    assert sorted(map(str, fresh)) == sorted(map(str, committed)), "run `make site` and commit docs/"
    stale = [str(k) for k in fresh if fresh[k] != committed[k]]
    assert stale == [], "run `make site` and commit docs/"


def test_chapters_in_the_reports_order(built):
    _, edition = built
    titles = [c.title for c in edition.report.chapters]
    assert titles[:3] == ["Foreword", "Background and methodology", "EXECUTIVE SUMMARY"]
    assert titles[14] == "SECTION TWO: ROTHERHAM TODAY"
    assert [t.split(":")[0] for t in titles[22:]] == [f"Annex {x}" for x in "ABCDEFG"]
    assert len(titles) == 29


def test_search_index_is_built(site):
    assert (site / "search" / "search_index.json").stat().st_size > 100_000


def test_about_page_reports_the_figures(site):
    text = BeautifulSoup((site / "about.html").read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert "paragraphs bridged across page breaks 46" in " ".join(text.split())
    assert "unexplained differences 0" in " ".join(text.split())
    assert "8c2d7a84282f70d13fb16229f81ecfc529e29d074668b7b04a4e7fd97c1427d5" in text


@pytest.mark.parametrize("note, href", [
    (5, "the-role-of-risky-business-in-tackling-cse-in.html"),
    (11, "where-were-the-police.html#operation-central-and-operation-czar-lessons-learned"),
    (12, "annex-a-serious-case-review-into-child-s.html"),
    (13, "5-does-the-council-undertake-sufficient-liaisons.html#abduction-notices"),
    (15, "section-two-rotherham-today.html"),
])
def test_cross_references_inside_footnotes_are_links(site, note, href):
    pages = [p for p in (site / "report").glob("*.html") if f'id="fn:{note}"' in p.read_text(encoding="utf-8")]
    assert len(pages) == 1
    li = BeautifulSoup(pages[0].read_text(encoding="utf-8"), "html.parser").select_one(f"li[id='fn:{note}']")
    assert href in [a["href"] for a in li.select("a")]
    notes = li.select(".editorial-note")
    assert (len(notes) == 1) is (note in (5, 13))    # the two whose words name another place


def test_front_door_says_what_this_is_and_how_to_cite(site, edition):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(soup.select_one("article").get_text(" ").split())
    m = edition.report_meta
    for needed in (m.title, "Louise Casey CB", m.publisher, "4 February 2015", "Content note:",
                   "not an official publication", "Open Government Licence v3.0", "© Crown copyright 2015",
                   "How to cite", "#page-6"):
        assert needed in text, needed
    assert soup.select_one("article a[href^='press/']")


def test_front_door_chapter_descriptions_are_the_reports_own_words(site, edition):
    from scripts.site.pages.home import first_sentence
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    leads = soup.select("article li .chapter-lead")
    with_text = [c for c in edition.report.chapters if first_sentence(c)[0]]
    assert len(leads) == len(with_text) >= 27
    for c, lead in zip(with_text, leads):
        cut = lead.select_one(".edition-ellipsis")
        assert (cut is not None) is first_sentence(c)[1]
        if cut is not None:
            assert cut.get_text() == "[…]"
            cut.decompose()
        shown = " ".join(lead.get_text().split())
        assert shown and shown in " ".join(c.blocks[1:][0].text.split()) or shown in " ".join(
            " ".join(b.text for b in c.blocks).split()), c.title


def test_footer_gives_the_editions_version_and_date(site):
    import tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version, released = project["project"]["version"], project["tool"]["edition"]["released"]
    from scripts.site.pages import long_date
    for page in ("about.html", "index.html", "report/foreword.html"):
        footer = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select_one(".edition-version")
        assert " ".join(footer.get_text().split()) == f"Edition {version}, {long_date(released)}."


def test_about_lists_every_editorial_entry_with_what_it_applies_to(site, edition):
    soup = BeautifulSoup((site / "about.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("h2#editorial").find_next("table")
    rows = [[td.get_text().strip() for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert len(rows) == len(edition.editorial) == 95
    assert all(kind and subject and reason for kind, subject, reason in rows)
    assert ["cross_references", "“under Policing” → Abduction notices"] in [r[:2] for r in rows]
    assert ["edition_terms", "DCLG: Department for Communities and Local Government"] in [r[:2] for r in rows]


def test_every_count_on_the_about_page_is_the_audits_or_the_records(site, edition):
    """The About page's numbers are the model's own: what the audit left out (checked here
    against a fresh audit of the built pages and against the blocks), and each pass's counts."""
    from scripts.model import BlockKind
    from scripts.verify.site import report_pages
    soup = BeautifulSoup((site / "about.html").read_text(encoding="utf-8"), "html.parser")
    left_out = soup.select_one("h2#method").find_next("table")
    shown = {td[0]: int(td[1]) for td in ([c.get_text() for c in tr.find_all("td")] for tr in left_out.select("tbody tr"))
             if td[1].isdigit()}
    audited = audit_mod.audit(edition.report, report_pages(edition, site)).removed
    lists = sum(v for k, v in audited.items() if k.startswith("list markers"))
    # an item's further paragraph (continues) is printed without a marker: nothing to render
    assert shown["list markers (bullets, dashes, numbers) rendered by the list"] == lists == sum(
        1 for b in edition.report.blocks if b.kind is BlockKind.LIST_ITEM and not b.continues) == 240
    assert shown["printed page numbers"] == audited["printed page numbers"] == 10
    assert shown["footnote markers moved into note references"] == audited["footnote markers moved into note references"]
    assert shown["footnote numbers shown as the note's label"] == len(edition.report.footnotes) == 17
    assert shown["glossary separators ( - ) rendered by the definition list"] == 44
    figures = soup.select_one("h2#figures").find_next("table")
    rows = [[c.get_text() for c in tr.find_all("td")] for tr in figures.select("tbody tr")]
    assert rows == [[name, label, str(n)] for name, counts in edition.report.record.counts.items()
                    for label, n in counts.items()]
    said = soup.select_one("h2#figures").find_next("p").get_text()
    assert f"{len(edition.report.record.decisions)} decisions" in said


def test_the_passes_the_about_page_lists_are_the_ones_that_ran(site, edition):
    from scripts.pipeline import all_passes
    soup = BeautifulSoup((site / "about.html").read_text(encoding="utf-8"), "html.parser")
    listed = [li.code.get_text() for li in soup.select_one("h2#method").find_next("ol").find_all("li")]
    assert listed == [p.name for p in all_passes()] == [n for n, _ in edition.report.record.passes]
    assert "place_untraced_pages" in listed          # once an unnamed step inside the driver


def test_a_broken_markdown_link_stops_the_build_naming_the_page_and_the_link(tmp_path):
    """MkDocs in strict mode with anchor validation: a link to a missing page or anchor fails
    the build (with `mkdocs build -q` it did not: MkDocs #4126), and the message names both."""
    import os
    import subprocess
    import sys

    from conftest import copy_project
    root = copy_project(tmp_path / "edition")
    template = root / "scripts" / "site" / "templates" / "home.md"
    template.write_text(template.read_text(encoding="utf-8") + "\n[gone](report/no-such-page.md) and "
                        "[nowhere](about.md#no-such-anchor)\n", encoding="utf-8")
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("EDITION_ROOT", None)
    proc = subprocess.run([sys.executable, "-m", "scripts", "build"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 5, proc.stderr
    assert "docs/index.md" in proc.stderr and "fix:" in proc.stderr
    assert "report/no-such-page.md" in proc.stderr and "no-such-anchor" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (root / "build" / "site").exists(), "a failed build publishes nothing"


def test_every_ellipsis_shown_is_the_reports_or_bracketed_as_the_editions(site, edition):
    """The report prints 78 "…"; a cut the edition makes is "[…]" in its own span, never a bare
    "…" that a reader could take for the report's. Chapters show exactly the report's; the home
    page and Pages page show the report's only where their excerpt holds one."""
    seed_count = (edition.root / "seeds" / edition.report_meta.seed).read_text(encoding="utf-8").count("…")
    pages = {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
             for p in sorted(site.rglob("*.html")) if "assets" not in p.parts}
    in_chapters = 0
    for name, soup in pages.items():
        article = soup.select_one("article")
        if article is None:
            continue
        cuts = article.select(".edition-ellipsis")
        assert all(c.get_text() == "[…]" and c.get("title") for c in cuts), name
        if name.startswith("report/"):
            assert cuts == [], f"{name}: a chapter shows the report whole"
            in_chapters += article.get_text().count("…")
    assert in_chapters == seed_count == 78
    from scripts.site.pages.home import first_sentence
    cut = [c for c in edition.report.chapters if first_sentence(c)[1]]
    assert len(pages["index.html"].select("article .edition-ellipsis")) == len(cut) == 5
    from scripts.site.markdown import excerpt
    from scripts.site.pages.concordance import EXCERPT_WORDS
    cut_pages = [p for c in edition.report.chapters for p, after in c.page_starts()
                 if not p.blank and excerpt(after, EXCERPT_WORDS)[1]]
    assert len(pages["pages.html"].select("article .edition-ellipsis")) == len(cut_pages) > 100


def streams_by_taking_out(article) -> tuple[str, str]:
    """The audit's streams as it used to read them: the apparatus taken out of the tree."""
    for el in article.find_all(class_=audit_mod._apparatus):
        el.decompose()
    for el in article.select("sup[id^='fnref']"):
        el.decompose()
    notes = ""
    fn = article.select_one("div.footnote")
    if fn is not None:
        notes = audit_mod._strip_ws(fn.get_text(" "))
        fn.decompose()
    return audit_mod._strip_ws(article.get_text(" ")), notes


@pytest.mark.parametrize("html", [
    pytest.param('<p>Words <a class="block-number">[¶ 1]</a>here<sup id="fnref:1"><a>1</a></sup>.</p>'
                 '<div class="footnote"><ol><li>The note <a class="footnote-backref">↩</a></li></ol></div><p>After</p>',
                 id="page"),
    pytest.param('<div class="editorial-note"><div class="footnote">hidden note</div></div>'
                 '<div class="footnote">first kept <span class="page-number">[p. 3]</span></div>'
                 '<div class="footnote">second stays in the text</div>', id="notes-inside-apparatus"),
    pytest.param('<div class="footnote">outer <div class="footnote">inner</div> end</div>', id="nested-notes"),
    pytest.param('<p>a<!-- a comment --><script>var x = 1;</script><style>p{}</style>b<![CDATA[c]]></p>',
                 id="strings-not-shown"),
    pytest.param('<p class="edition-joiner x">joined</p><p class=" headerlink ">¶</p>t<sup>2</sup>',
                 id="class-lists"),
])
def test_the_audit_reads_a_page_as_taking_its_apparatus_out_would(html):
    """The audit reads the tree without changing it (the downloads are made from it afterwards)."""
    page = f'<html><body><article class="md-content__inner">{html}</article></body></html>'
    read = BeautifulSoup(page, "html.parser")
    assert audit_mod.page_streams(read) == streams_by_taking_out(BeautifulSoup(page, "html.parser").article)
    assert str(read) == str(BeautifulSoup(page, "html.parser")), "the tree is unchanged"
