"""The markup gate and the Content-Security-Policy: each can fail, and each holds.

The gate (scripts/markup.py) is checked on fragments, one planted fault at a time, with the
markup the edition writes on purpose beside them (which must pass). The policy is checked in
Chromium on a copy of a real page with faults planted in it: served and from file://, the
browser runs none of them and asks no other host for anything.
"""
from __future__ import annotations

import urllib.parse

import pytest

from scripts.verify import markup

from conftest import LOCAL_SCHEMES, new_visit

POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
          "connect-src 'self'; worker-src 'self'; frame-src 'self'; manifest-src 'self'; media-src 'self'; "
          "form-action 'none'; base-uri 'none'; object-src 'none'")


def page(body: str, head: str = "", policy: str | None = POLICY) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">' if policy is not None else ""
    return f'<!doctype html><html><head><meta charset="utf-8">{meta}{head}<title>t</title></head><body>{body}</body></html>'


FAULTS = [
    pytest.param('<svg onload="alert(1)"></svg>', "event handler onload", id="svg-onload"),
    pytest.param("<img src=x onerror=alert(1)>", "event handler onerror", id="img-onerror"),
    pytest.param('<p ONMOUSEOVER="x">t</p>', "event handler onmouseover", id="upper-case-handler"),
    pytest.param('<a href="javascript:alert(1)">x</a>', "runs or embeds", id="javascript-link"),
    pytest.param('<a href="java\tscript:alert(1)">x</a>', "runs or embeds", id="javascript-with-tab"),
    pytest.param('<a href=" JavaScript:alert(1)">x</a>', "runs or embeds", id="javascript-space-case"),
    pytest.param('<a href="data:text/html,<b>x</b>">x</a>', "runs or embeds", id="data-link"),
    pytest.param('<img src="data:image/png;base64,AAAA">', "runs or embeds", id="data-image"),
    pytest.param('<a href="vbscript:x">x</a>', "runs or embeds", id="vbscript"),
    pytest.param('<a href="file:///etc/passwd">x</a>', "scheme 'file'", id="file-link"),
    pytest.param('<img src="https://evil.example/x.png">', "outside the site", id="foreign-image"),
    pytest.param('<img src="//evil.example/x.png">', "outside the site", id="scheme-relative-image"),
    pytest.param('<img srcset="a.png 1x, https://evil.example/b.png 2x">', "outside the site", id="srcset"),
    pytest.param("<script>alert(1)</script>", "inline <script>", id="inline-script"),
    pytest.param('<script type="module">alert(1)</script>', "inline <script>", id="inline-module"),
    pytest.param("<style>body{}</style>", "<style>", id="style-element"),
    pytest.param('<p style="background:url(https://evil.example/)">x</p>', "style attribute", id="style-attribute"),
    pytest.param('<iframe src="a.html"></iframe>', "<iframe>", id="iframe"),
    pytest.param('<object data="a"></object>', "<object>", id="object"),
    pytest.param('<embed src="a">', "<embed>", id="embed"),
    pytest.param('<base href="https://evil.example/">', "<base>", id="base"),
    pytest.param('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh", id="refresh"),
    pytest.param('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', "<animate>", id="svg-animate"),
    pytest.param('<svg><foreignObject><p>x</p></foreignObject></svg>', "<foreignobject>", id="foreign-object"),
    pytest.param('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "runs or embeds", id="svg-xlink"),
    pytest.param('<form action="https://evil.example/"></form>', "outside the site", id="form-action"),
]


@pytest.mark.parametrize("fragment, words", FAULTS)
def test_the_gate_finds_each_planted_fault(fragment, words):
    problems = markup.page_problems("p.html", page(fragment))
    assert any(words in str(p) for p in problems), problems


EDITION_MARKUP = [
    pytest.param('<a href="report/foreword.html#page-6">x</a>', id="internal-link"),
    pytest.param('<a href="https://www.legislation.gov.uk/ukpga/1989/41">Act</a>', id="external-link"),
    pytest.param('<a href="mailto:x@example.org">x</a>', id="mailto"),
    pytest.param('<script defer src="assets/javascripts/edition.js"></script>', id="site-script"),
    pytest.param('<script id="__config" type="application/json">{"a": "<b>"}</script>', id="json-data"),
    pytest.param('<script type="application/ld+json">{}</script>', id="json-ld"),
    pytest.param('<abbr title="&lt;img src=x onerror=alert(1)&gt;">HZ</abbr>', id="escaped-title"),
    pytest.param('<p>&lt;svg onload=alert(1)&gt; javascript:alert(1)</p>', id="escaped-text"),
    pytest.param('<svg viewBox="0 0 1 1" role="img"><title>t</title><rect x="0" y="0" width="1" height="1" '
                 'fill="#3949ab"/></svg>', id="edition-chart"),
    pytest.param('<form class="md-search__form" name="search"><input type="text"></form>', id="search-form"),
]


@pytest.mark.parametrize("fragment", EDITION_MARKUP)
def test_the_gate_passes_what_the_edition_writes(fragment):
    assert markup.page_problems("p.html", page(fragment)) == []


#: markup a parser may read in more than one way: the tree-less reading must read it as the tree does
TRICKY = [
    pytest.param('<a href="x.html" href="javascript:alert(1)">x</a>', id="repeated-attribute"),
    pytest.param('<a href="javascript:alert(1)" href="x.html">x</a>', id="repeated-attribute-first"),
    pytest.param('<link rel=" canonical  stylesheet " href="https://evil.example/a.css">', id="rel-list"),
    pytest.param('<link rel="canonical" href="https://evil.example/">', id="canonical"),
    pytest.param('<p class="a  b" onclick>x', id="value-less-handler-unclosed"),
    pytest.param('<script>"<img src=x onerror=alert(1)>"</script><img src=y onerror=z>', id="tags-in-a-script"),
    pytest.param('<!-- <img onerror=x> --><b>x</b>', id="comment"),
    pytest.param('<![CDATA[<img onerror=x>]]><i id="j">y</i>', id="cdata"),
    pytest.param('<IMG SRC="JaVaScRiPt:x"><br/><svg><use xlink:href="data:x"/></svg>', id="upper-case"),
    pytest.param('<a href="&#106;avascript:x">x</a><a href=&quot;x>y</a>', id="entities"),
    pytest.param('<a href="x" <img onerror=x>', id="broken-tag"),
    pytest.param('text &amp; only http://example.com', id="text-only"),
    pytest.param('<textarea><img onerror=x></textarea><title><b onclick=y></title>', id="raw-text-elements"),
]


@pytest.mark.parametrize("fragment", [p.values[0] for p in FAULTS + EDITION_MARKUP] + TRICKY)
def test_a_fragment_read_without_a_tree_has_the_problems_the_tree_has(fragment):
    """Search-index entries and a book's pages are checked one element at a time, read with
    html.parser's tokenizer and no tree: the problems must be those of Beautiful Soup's tree."""
    from bs4 import BeautifulSoup
    tree = [markup.Problem("p", markup._where(el), what) for el in BeautifulSoup(fragment, "html.parser").find_all(True)
            for what in markup.element_problems(el)]
    assert markup.page_problems("p", fragment, fragment=True) == tree


@pytest.mark.parametrize("policy, words", [
    pytest.param(None, "0 Content-Security-Policy", id="none"),
    pytest.param(POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"), "unsafe-inline", id="inline"),
    pytest.param(POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"), "unsafe-eval", id="eval"),
    pytest.param(POLICY.replace("img-src 'self' data:", "img-src *"), "img-src allows *", id="any-image"),
    pytest.param(POLICY.replace("script-src 'self'", "script-src 'self' https://cdn.example"), "another host",
                 id="cdn"),
    pytest.param(POLICY.replace("default-src 'none'", "default-src 'self'"), "default-src must be", id="default"),
    pytest.param(POLICY.replace("; object-src 'none'", ""), "object-src must be", id="no-object-src"),
    pytest.param(POLICY.replace("; base-uri 'none'", ""), "base-uri must be", id="no-base-uri"),
    pytest.param(POLICY.replace("script-src 'self'", "script-src 'self' data:"), "script-src allows data:",
                 id="data-script"),
])
def test_the_gate_refuses_a_missing_or_weak_policy(policy, words):
    problems = markup.page_problems("p.html", page("<p>x</p>", policy=policy))
    assert any(words in str(p) for p in problems), problems


def test_the_policy_must_come_before_what_it_governs():
    html = ('<!doctype html><html><head><meta charset="utf-8"><script src="a.js"></script>'
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}"></head><body></body></html>')
    assert any("right after <meta charset>" in str(p) for p in markup.page_problems("p.html", html))


def test_every_built_page_and_the_search_index_pass(site):
    assert markup.check_markup(site) == []


def test_every_page_carries_the_policy_the_gate_expects(site):
    html = (site / "report" / "foreword.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">' in html


# --------------------------------------------------------------------------- the policy, in Chromium
PLANTED = """
<img src="x" onerror="window.__ran = (window.__ran || 0) + 1" id="planted-1">
<script id="planted-2">window.__ran = (window.__ran || 0) + 1</script>
<img src="https://evil.example/planted.png" id="planted-3">
<a href="javascript:window.__ran=(window.__ran||0)+1" id="planted-4">x</a>
"""


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_the_policy_contains_a_slip(browser, site, server, tmp_path, scheme):
    """Markup planted in a copy of a real page, as if escaping had failed: nothing of it runs
    and nothing is fetched from another host; the browser reports each refusal."""
    copy = site / "report" / "planted-test.html"
    html = (site / "report" / "foreword.html").read_text(encoding="utf-8")
    copy.write_text(html.replace('<article class="md-content__inner md-typeset">',
                                 '<article class="md-content__inner md-typeset">' + PLANTED, 1), encoding="utf-8")
    base = server if scheme == "http" else site.as_uri() + "/"
    context, v = new_visit(browser, base, viewport={"width": 1280, "height": 900})
    refused: list[str] = []
    failed: dict[str, str] = {}
    v.page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    v.page.on("requestfailed", lambda r: failed.__setitem__(r.url, r.failure))
    try:
        v.open("report/planted-test.html")
        v.page.locator("#planted-4").click()
        v.page.wait_for_timeout(300)
        assert v.page.evaluate("window.__ran === undefined")
        assert len(refused) >= 3, refused          # the handler, the script and the javascript: link
        own = urllib.parse.urlsplit(base).netloc
        foreign = [u for u in v.requests if urllib.parse.urlsplit(u).scheme not in LOCAL_SCHEMES
                   and urllib.parse.urlsplit(u).netloc != own]
        # the browser may start the request; the policy stops it before it leaves
        assert foreign == ["https://evil.example/planted.png"]
        assert failed.get(foreign[0]) in ("csp", "net::ERR_BLOCKED_BY_CSP")
    finally:
        context.close()
        copy.unlink()


#: single files whose one <style> may or may not stand in their <head>, as the tree links it
STYLED = [
    pytest.param("<html><head><style>p{}</style></head><body><p>x</p></body></html>", id="style-in-head"),
    pytest.param("<html><head></head><body><style>p{}</style></body></html>", id="style-in-body"),
    pytest.param("<html><head><div><style>p{}</style></div></head></html>", id="style-in-a-child-of-head"),
    pytest.param("<html><head><meta charset=utf-8></meta><style>p{}</style></head></html>", id="void-end-tag"),
    pytest.param("<html><head><br/><style>p{}</style><head><style>q{}</style></head></html>", id="two-heads"),
    pytest.param("<style>p{}</style><head></head>", id="style-before-head"),
    pytest.param("<html><head/><style>p{}</style></html>", id="self-closed-head"),
    pytest.param("<html><head><p><style>p{}</style></head></p></html>", id="end-tag-closes-inner"),
    pytest.param("<html><head></div><style>p{}</style><script>x</script></html>", id="stray-end-tag"),
]


@pytest.mark.parametrize("html", [p.values[0] for p in FAULTS + EDITION_MARKUP + STYLED] + TRICKY)
def test_a_single_file_read_without_a_tree_has_the_problems_and_links_the_tree_has(html):
    """The single file is checked element by element, each with its parent as the tree links it."""
    from bs4 import BeautifulSoup

    from scripts.verify import elements, links
    soup = BeautifulSoup(html, "html.parser")
    found, problems = links.LinkReader(), markup.DownloadReader("d")
    elements.walk(html, lambda *a: (found.visit(*a), problems.visit(*a)))
    assert problems.done() == markup.download_problems("d", soup)
    tree = links.page_links(soup)
    assert (found.ids, found.links, found.redirect) == (tree.ids, tree.links, links.is_redirect(soup))
