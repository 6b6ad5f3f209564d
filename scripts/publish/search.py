"""Search that lands on the paragraph: the search index split by block.

MkDocs' search plugin indexes a page by its headings' sections, and a section of the report can
run to 12,000 characters: a result would open the chapter at the top of its section. After the
build, each chapter's sections are replaced by one entry for each heading and one for each
citable block (paragraph, list item, quotation, table), at the block's own address
(`report/x.html#p-…`): a result opens the chapter scrolled to the block, with the words
highlighted (Material's `search.highlight`). The chapter's entry heads its group of results; a
block's title names its nearest heading and its printed page ("The Law · p. 58"). The index is
written twice, as the plugins wrote it: JSON for a served site, and the script the offline
plugin reads from file:// (`search_index.js`).

A block's words in the index are the words the page shows, without the edition's apparatus
(its number, page marks, notes); in a part of the entry that is never shown, the other forms a
reader may search for: a hyphenated word joined ("whistleblowers" for "whistle-blowers"), an
abbreviation for its expansion and the expansion for its abbreviation (the glossary's, as the
pages' abbreviations give them), so "RMBC" finds the council named in full too.

A name of one letter (Child S; X, Y and Z; Operator B; Annex G) is indexed once more, in a field
of its own (`names`), weighted above the headings. Material's search makes every word of a query
a prefix ("Child S" is searched as `child* s*`) and lunr adds up the weights of every term a
prefix matches, in entries of any length: a query's one-letter word matches every word that
begins with that letter, and a heading holding several of them ("… STEPS … CHILDREN’S SOCIAL
CARE … SO?") outranked the Annex on the Serious Case Review into Child S and every paragraph
naming her. The `names` field holds only single letters, so the only query word that matches a
term in it is that letter alone: an entry that names Child S comes before one that merely has
words beginning with s, and no query without a one-letter word is changed by the field.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, CData, NavigableString, PageElement, Tag

INDEX_JSON = Path("search") / "search_index.json"
INDEX_JS = Path("search") / "search_index.js"
#: the edition's apparatus inside a block, left out of its words: (element, class), either None for any;
#: as the selectors a.block-number, span.page-number, span.anchor-alias, a.headerlink, .editorial-note,
#: sup and .xref-note match
APPARATUS = (("a", "block-number"), ("span", "page-number"), ("span", "anchor-alias"), ("a", "headerlink"),
             (None, "editorial-note"), ("sup", None), (None, "xref-note"))
#: the strings a page shows (`get_text`'s): not comments, nor a script's or a style's text
SHOWN_STRINGS = (NavigableString, CData)
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
#: a hyphenated compound ("whistle-blowers", "co-ordinated"): indexed joined as well
COMPOUND = re.compile(r"\b([A-Za-z]+)-([A-Za-z]+)\b")
#: a capital letter standing alone as a word: how the report names someone or something it does not
#: name (Child S, X, Operator B, Annex G, the H drive), its possessive too ("Child S’s"). Not a
#: letter joined to others ("B&B", "O’Brien", "U.K.", "X-ray", "CHILDREN’S"), nor one before a
#: number ("P. 115", a page), nor I or A: the pronoun and the article, stop words lunr drops from
#: every query and every entry anyway.
LETTER_NAME = re.compile(r"(?<![\w&.\-/\\])(?<!\w['’])([B-HJ-Z])(?![\w&\-/\\]|\.\w|\.\s?\d|['’](?!s\b)\w)")
#: the field of the index that holds them, and its weight: Material weighs a heading (`title`) 1000
#: and the text 1; a name must outweigh a heading's several words that begin with its letter
NAMES_FIELD = "names"
NAMES_BOOST = 10_000


def is_apparatus(el: Tag) -> bool:
    """Whether an element is the edition's apparatus (one of APPARATUS)."""
    classes = el.get("class") or ()
    if isinstance(classes, str):
        classes = classes.split()
    return any((name is None or el.name == name) and (cls is None or cls in classes) for name, cls in APPARATUS)


def words_of(el: Tag | str) -> str:
    """An element's words as the page shows them, without the edition's apparatus (the element
    itself and every element inside it that is apparatus, with all they hold). The tree is only
    read: the words are gathered around the apparatus, not from a copy with it taken out."""
    if not isinstance(el, Tag):
        return " ".join(str(el).split())
    words: list[str] = []
    todo: list[PageElement] = [el]
    while todo:                     # the tree in document order, without recursion (a page may nest deeply)
        node = todo.pop()
        if isinstance(node, Tag):
            if not is_apparatus(node):
                todo.extend(reversed(node.contents))
        elif type(node) in SHOWN_STRINGS:
            words += node.split()
    return " ".join(words)


def abbreviations(soups: list[BeautifulSoup], out: dict[str, str] | None = None) -> dict[str, str]:
    """Each abbreviation the pages mark, and its expansion (its tooltip, as the page shows it):
    the first page's where pages differ. Added to `out` where given."""
    out = {} if out is None else out
    for soup in soups:
        for a in soup.select("article abbr[title]"):
            expansion = a["title"].removesuffix(" (explained by this edition)")
            out.setdefault(a.get_text(), expansion)
    return out


def term_patterns(terms: dict[str, str]) -> list[tuple[str, str, re.Pattern]]:
    """Each abbreviation, its expansion, and the pattern of the abbreviation as a whole word."""
    return [(term, expansion, re.compile(rf"\b{re.escape(term)}\b")) for term, expansion in terms.items()]


def also_as(words: str, terms: dict[str, str], patterns: list[tuple[str, str, re.Pattern]] | None = None
            ) -> list[str]:
    """What a reader may search for that the words hold in another form: a hyphenated word
    joined; the abbreviation of an expansion written out (RMBC for "Rotherham Metropolitan Borough
    Council"); the expansion of an abbreviation. `patterns`: `term_patterns(terms)`, made once."""
    out = {a + b for a, b in COMPOUND.findall(words)}
    for term, expansion, pattern in patterns if patterns is not None else term_patterns(terms):
        if expansion in words:
            out.add(term)
        if term in words and pattern.search(words):       # the pattern is the term between word boundaries
            out.add(expansion)
    return sorted(out)


def letter_names(words: str) -> list[str]:
    """The one-letter names the words hold ("Child S", "X, Y and Z"): each letter once."""
    return sorted(set(LETTER_NAME.findall(words)))


def entry_words(fragment: str) -> str:
    """The words of an entry's title or text (HTML as the index holds it), without the markup."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())


def add_names(docs: list[dict]) -> None:
    """Give each entry that holds a one-letter name (in its title or its text) the `names` field."""
    for doc in docs:
        names = letter_names(entry_words(doc.get("title", "")) + " " + entry_words(doc.get("text", "")))
        if names:
            doc[NAMES_FIELD] = " ".join(names)


@dataclass(frozen=True)
class Entry:
    """One entry of a page, before the abbreviations of every page are known: its address, its
    title (HTML; None: the chapter's, which the index gives) and a block's words (None: a heading)."""

    location: str
    title: str | None
    words: str | None = None


def page_blocks(page: str, soup: BeautifulSoup) -> list[Entry]:
    """An entry for each heading and each citable block of the page, in order."""
    article = soup.select_one("article.md-content__inner")
    out = []
    heading = ""             # before the first subheading: the chapter, which heads the results
    for el in article.find_all(True):
        ident = el.get("id", "")
        if el.name in HEADINGS and ident and ident != "cite-this":
            heading = words_of(el)
            out.append(Entry(f"{page}#{ident}", html.escape(heading, quote=False)))
            continue
        number = el.find("a", class_="block-number", recursive=False) if ident.startswith("p-") else None
        if number is None:
            continue
        if el.name == "div":        # a table's or a glossary's anchor: its words follow it
            words = words_of(el.find_next_sibling(lambda t: t.name in ("div", "table", "dl")) or "")
        else:
            words = words_of(el)
        pages = number.get("data-pages", "")
        where = (f"pp. {pages}" if "–" in pages else f"p. {pages}") if pages else ""
        shown = " · ".join(html.escape(x, quote=False) for x in (heading, where) if x) or None
        out.append(Entry(f"{page}#{ident}", shown, words))
    return out


def index_entries(page: str, blocks: list[Entry], title: str, patterns: list[tuple[str, str, re.Pattern]]
                  ) -> list[dict]:
    """The chapter's entry (`title`: the index's, HTML), then its headings' and blocks' entries,
    with the other forms of a block's words (`also_as`) that a reader may search for."""
    out = [{"location": page, "title": title, "text": ""}]
    for b in blocks:
        if b.words is None:
            out.append({"location": b.location, "title": b.title, "text": ""})
            continue
        text = f"<p>{html.escape(b.words, quote=False)}</p>"
        joined = also_as(b.words, {}, patterns)
        if joined:
            text += f"<p hidden>{html.escape(' '.join(joined), quote=False)}</p>"
        out.append({"location": b.location, "title": b.title or title, "text": text})
    return out


def page_entries(page: str, soup: BeautifulSoup, title: str, terms: dict[str, str] | None = None) -> list[dict]:
    """The chapter's entry, then one for each heading and each citable block, in order."""
    return index_entries(page, page_blocks(page, soup), title, term_patterns(terms or {}))


class BlockIndex:
    """The index of the built site at `site` split by block, for `pages`, made a page at a time:
    `add` each page's tree as it is read (it keeps the page's entries and abbreviations, not the
    tree), then `write` the index."""

    def __init__(self, site: Path, pages: list[str]) -> None:
        self.site = site
        self.pages = pages
        self.terms: dict[str, str] = {}
        self.blocks: dict[str, list[Entry]] = {}

    def add(self, page: str, soup: BeautifulSoup) -> None:
        abbreviations([soup], self.terms)
        self.blocks[page] = page_blocks(page, soup)

    def write(self) -> int:
        """Replace the sections of each page by an entry per heading and per block, in both forms
        of the index; the number of entries for those pages."""
        site = self.site
        index = json.loads((site / INDEX_JSON).read_text(encoding="utf-8"))
        chosen, done = set(self.pages), set()
        patterns = term_patterns(self.terms)
        docs: list[dict] = []
        for doc in index["docs"]:
            page = doc["location"].split("#")[0]
            if page not in chosen:
                docs.append(doc)
            elif page not in done:
                done.add(page)
                docs += index_entries(page, self.blocks[page], doc["title"], patterns)
        add_names(docs)
        index["docs"] = docs
        index["config"]["fields"][NAMES_FIELD] = {"boost": NAMES_BOOST}
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (site / INDEX_JSON).write_text(text, encoding="utf-8")
        (site / INDEX_JS).write_text(f"var __index = {text}", encoding="utf-8")
        return sum(1 for d in docs if d["location"].split("#")[0] in chosen)


def split_by_block(site: Path, pages: list[str]) -> int:
    """Replace the sections of each page in `pages` by an entry per heading and per block, in
    both forms of the index; the number of entries for those pages."""
    index = BlockIndex(site, pages)
    for page in pages:
        index.add(page, BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser"))
    return index.write()
