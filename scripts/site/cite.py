"""Citations: the report, a chapter or one block of it, in five formats a reader can paste.

Pure formatters, one per format, each from a `Work` (the report, as its metadata records it)
and a `Locus` (the place cited: its address, its printed pages, the edition's number):

- OSCOLA (Oxford University Standard for the Citation of Legal Authorities, 4th ed.): an
  official report cited by author, title, (publisher year), pinpoint page, <address> and the
  date accessed;
- Harvard (Cite Them Right): the reference-list entry, and the in-text citation with the
  pinpoint page;
- BibTeX (`@techreport`, the standard type for a report an institution issues);
- RIS (`TY  - RPRT`, as Zotero, EndNote and Mendeley import it);
- CSL-JSON (`"type": "report"`, the data citation processors read).

Only facts the metadata holds go in: without authors a citation names none, without a PDF
address it gives none, a page number that is inferred says so, and an unknown page is left
out. The date accessed is the reader's: a formatter given `accessed=None` leaves it for the
reader to fill (or drops the field, in the data formats); the edition's script fills it with
the day of copying (see `TOKENS`).
"""
from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

#: Stand-ins a template holds where the edition's script puts a value when a reader copies it:
#: the date of copying in each form the formats use, and a block's id and number. In white
#: square brackets (U+27E6, U+27E7), which no metadata string may hold (`Work.check`), so no text
#: of the source can ever be taken for one.
TOKENS = {name: f"⟦{name}⟧" for name in ("ID", "NUMBER", "DAY", "ISO", "RIS", "PARTS")}
ACCESS_TOKENS = {"long": TOKENS["DAY"], "iso": TOKENS["ISO"], "ris": TOKENS["RIS"], "parts": TOKENS["PARTS"]}

#: where CSL-JSON's date-parts go, until they are written in
PARTS_SLOT = "⟦parts-slot⟧"
ISSUED_SLOT = "issued-parts"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Work:
    """The report, as its metadata records it."""

    title: str
    authors: tuple[tuple[str, str], ...]     # (family, given)
    publisher: str
    date: str                                # YYYY-MM-DD
    url: str                                 # the edition's home page, absolute
    pdf_url: str = ""

    def check(self) -> None:
        for text in (self.title, self.publisher, self.url, self.pdf_url, *(n for a in self.authors for n in a)):
            if re.search("[⟦⟧]", text):
                raise ValueError(f"a white square bracket in {text!r}: citations' templates use them as stand-ins")

    @property
    def issued(self) -> datetime.date:
        return datetime.date.fromisoformat(self.date)


@dataclass(frozen=True)
class Locus:
    """The place cited: the whole report, a chapter, or a block of it."""

    url: str                      # its stable address, absolute
    first_page: int | None = None  # printed pages; None where unknown
    last_page: int | None = None
    inferred: bool = False        # a page number rests on an inference
    section: str = ""             # a chapter's title, as printed
    number: str = ""              # a block's number in this edition ("4.12")

    @property
    def pages(self) -> str:
        """"45" or "45–46"; "" when unknown."""
        if self.first_page is None:
            return ""
        last = self.last_page if self.last_page is not None else self.first_page
        return str(self.first_page) if last == self.first_page else f"{self.first_page}–{last}"

    @property
    def pinpoint(self) -> str:
        """"p. 45" or "pp. 45–46"; "" when unknown."""
        return (f"pp. {self.pages}" if "–" in self.pages else f"p. {self.pages}") if self.pages else ""

    @property
    def note(self) -> str:
        """What a citation says of the edition's own apparatus: the block's number, an inferred page."""
        parts = []
        if self.number:
            parts.append(f"reading edition para {self.number}")
        if self.pages and self.inferred:
            parts.append("page number inferred")
        return "; ".join(parts)


#: a date accessed: None leaves it to the reader; a date; or the tokens of a template
Accessed = datetime.date | dict[str, str] | None


def accessed_as(accessed: Accessed, form: str) -> str:
    if isinstance(accessed, dict):
        return accessed[form]
    if accessed is None:
        return ""
    if form == "long":
        return f"{accessed.day} {MONTHS[accessed.month - 1]} {accessed.year}"
    if form == "iso":
        return accessed.isoformat()
    if form == "ris":
        return accessed.strftime("%Y/%m/%d")
    return f"{accessed.year}, {accessed.month}, {accessed.day}"


# ----------------------------------------------------------------------------- the styles
def oscola(work: Work, locus: Locus, accessed: Accessed = None) -> str:
    """Louise Casey, Report of Inspection of … (Department for … 2015) 45 <https://…> accessed 1
    December 2026. OSCOLA names authors as printed (given name first), puts the publisher and
    year in brackets without a comma, the pinpoint page bare, the address in angle brackets."""
    names = " and ".join(f"{given} {family}" for family, given in work.authors)
    out = f"{names}, " if names else ""
    out += f"{work.title} ({work.publisher} {work.issued.year})"
    if locus.pages:
        out += f" {locus.pages}" + (" (page number inferred)" if locus.inferred else "")
    if locus.number:
        out += f", reading edition para {locus.number}"
    elif locus.section:
        out += f" (‘{locus.section}’)"
    out += f" <{locus.url}>"
    day = accessed_as(accessed, "long")
    out += f" accessed {day or '[date]'}"
    return out


def harvard_in_text(work: Work, locus: Locus) -> str:
    """(Casey, 2015, p. 45): the in-text citation, with the pinpoint page."""
    who = " and ".join(family for family, _ in work.authors) or work.publisher
    out = f"{who}, {work.issued.year}"
    if locus.pages:
        out += f", {locus.pinpoint}" + (" [page number inferred]" if locus.inferred else "")
    return f"({out})"


def harvard(work: Work, locus: Locus, accessed: Accessed = None) -> str:
    """Cite Them Right Harvard: Casey, L. (2015) Title. Publisher, p. 45. Available at: URL
    (Accessed: 1 December 2026). (What a CSL processor gives for the same data with the style's
    own definition: the tests compare the two.) Then the in-text citation, with the page."""
    names = " and ".join(f"{family}, {given[0]}." for family, given in work.authors)
    out = f"{names} ({work.issued.year}) " if names else ""
    out += f"{work.title}"
    if not names:
        out += f" ({work.issued.year})"
    out += f". {work.publisher}"
    if locus.pages:
        out += f", {locus.pinpoint}"
    out += f". Available at: {locus.url}"
    day = accessed_as(accessed, "long")
    out += f" (Accessed: {day or '[date]'})."
    return out + f"\nIn the text: {harvard_in_text(work, locus)}"


BIBTEX_SPECIAL = {c: "\\" + c for c in "&%$#_{}"} | {"\\": "\\textbackslash{}", "~": "\\textasciitilde{}",
                                                       "^": "\\textasciicircum{}"}


def bibtex_text(text: str) -> str:
    """A value inside BibTeX braces: every character TeX would act on escaped."""
    return "".join(BIBTEX_SPECIAL.get(c, c) for c in text)


def citation_key(work: Work, locus: Locus) -> str:
    """casey2015, casey2015-4.12: the author (or the title's first word) and year, and the
    block's number."""
    first = work.authors[0][0] if work.authors else work.title.split()[0]
    base = re.sub(r"[^a-z0-9]", "", first.lower()) + str(work.issued.year)
    return base + (f"-{locus.number}" if locus.number else "")


def bibtex(work: Work, locus: Locus, accessed: Accessed = None) -> str:
    fields = []
    if work.authors:
        fields.append(("author", " and ".join(f"{family}, {given}" for family, given in work.authors)))
    fields += [("title", work.title), ("institution", work.publisher), ("year", str(work.issued.year))]
    month = BIBTEX_MONTHS[work.issued.month - 1]
    if locus.pages:
        fields.append(("pages", locus.pages.replace("–", "--")))
    if locus.section:
        fields.append(("chapter", locus.section))
    if locus.note:
        fields.append(("note", locus.note[0].upper() + locus.note[1:]))
    fields.append(("url", locus.url))
    day = accessed_as(accessed, "iso")
    if day:
        fields.append(("urldate", day))
    body = ",\n".join([f"  {k} = {{{bibtex_text(v) if k != 'url' else v}}}" for k, v in fields]
                      + [f"  month = {month}"])
    return f"@techreport{{{citation_key(work, locus)},\n{body}\n}}"


def ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def ris(work: Work, locus: Locus, accessed: Accessed = None) -> str:
    lines = [ris_line("TY", "RPRT")]
    lines += [ris_line("AU", f"{family}, {given}") for family, given in work.authors]
    lines += [ris_line("TI", work.title)]
    if locus.section:
        lines.append(ris_line("T2", locus.section))
    lines += [ris_line("PB", work.publisher), ris_line("PY", str(work.issued.year)),
              ris_line("DA", work.issued.strftime("%Y/%m/%d"))]
    if locus.first_page is not None:
        lines.append(ris_line("SP", str(locus.first_page)))
        lines.append(ris_line("EP", str(locus.last_page if locus.last_page is not None else locus.first_page)))
    lines.append(ris_line("UR", locus.url))
    if work.pdf_url:
        lines.append(ris_line("L1", work.pdf_url))
    day = accessed_as(accessed, "ris")
    if day:
        lines.append(ris_line("Y2", day))
    if locus.note:
        lines.append(ris_line("N1", locus.note))
    lines.append("ER  - ")
    return "\n".join(lines)


def csl_json(work: Work, locus: Locus, accessed: Accessed = None) -> str:
    item: dict = {"id": citation_key(work, locus), "type": "report", "title": work.title}
    if work.authors:
        item["author"] = [{"family": family, "given": given} for family, given in work.authors]
    item["publisher"] = work.publisher
    d = work.issued
    item["issued"] = {"date-parts": ISSUED_SLOT}
    if locus.section:
        item["section"] = locus.section
    if locus.pages:
        item["page"] = locus.pages.replace("–", "-")
    if locus.note:
        item["note"] = locus.note
    item["URL"] = locus.url
    parts = accessed_as(accessed, "parts")
    if parts:
        item["accessed"] = {"date-parts": PARTS_SLOT}
    text = json.dumps([item], ensure_ascii=False, indent=2)
    # date parts on one line; the accessed date's are numbers, or a template's token, unquoted
    text = text.replace(json.dumps(ISSUED_SLOT), f"[[{d.year}, {d.month}, {d.day}]]")
    return text.replace(json.dumps(PARTS_SLOT, ensure_ascii=False), f"[[{parts}]]")


#: the formats, in the order a page offers them: key -> (name, formatter)
FORMATS: dict[str, tuple[str, Callable[..., str]]] = {
    "oscola": ("OSCOLA", oscola),
    "harvard": ("Harvard", harvard),
    "bibtex": ("BibTeX", bibtex),
    "ris": ("RIS", ris),
    "csl": ("CSL-JSON", csl_json),
}


def citations(work: Work, locus: Locus, accessed: Accessed = None) -> dict[str, str]:
    """Every format for one place: key -> text."""
    return {key: fmt(work, locus, accessed) for key, (_name, fmt) in FORMATS.items()}


def templates(work: Work, locus: Locus) -> dict[str, str]:
    """Every format for one place, the date accessed left as tokens for the script to fill."""
    return citations(work, locus, ACCESS_TOKENS)


def fill(template: str, accessed: datetime.date, **values: str) -> str:
    """A template as the edition's script fills it (the tests' reference for the script)."""
    out = template
    for form, token in ACCESS_TOKENS.items():
        out = out.replace(token, accessed_as(accessed, form))
    for name, value in values.items():
        out = out.replace(TOKENS[name], value)
    return out
