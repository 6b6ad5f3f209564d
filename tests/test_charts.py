"""The Annex D chart: drawn from the report's table, beside it, with a text alternative."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from scripts.site.charts import bar_chart_svg, describe, nice_ceiling, number

HEADER = ["Year", "CSE Client", "CSE Contacts", "RB Clients"]
ROWS = [["April 05-06", "48", "62", "-"], ["April 09/10", "112", "149", "293"]]


@pytest.mark.parametrize("cell, value", [("48", 48), (" 293 ", 293), ("1,400", 1400), ("-", None), ("", None),
                                         ("n/a", None)])
def test_number(cell, value):
    assert number(cell) == value


@pytest.mark.parametrize("top, axis", [(293, 300), (48, 50), (100, 100), (1, 10), (1076, 1100)])
def test_axis_top(top, axis):
    assert nice_ceiling(top) == axis


def test_the_description_lists_every_value_as_printed():
    text = describe(HEADER, ROWS)
    assert text == ("April 05-06: CSE Client 48, CSE Contacts 62, RB Clients no figure (the table prints '-'). "
                    "April 09/10: CSE Client 112, CSE Contacts 149, RB Clients 293.")


def test_svg_has_a_bar_and_a_printed_value_for_each_figure():
    svg = BeautifulSoup(bar_chart_svg(HEADER, ROWS, "T <&>", "c1"), "html.parser").svg
    assert svg["role"] == "img" and svg["aria-labelledby"] == "c1-title c1-desc"
    assert svg.find("title").get_text() == "T <&>"
    assert len(svg.find_all("rect", attrs={"height": True, "y": lambda v: v != "14"})) == 5
    labels = [t.get_text() for t in svg.find_all("text")]
    assert {"48", "62", "112", "149", "293", "-"} <= set(labels)
    assert bar_chart_svg(HEADER, ROWS, "T", "c1") == bar_chart_svg(HEADER, ROWS, "T", "c1")   # deterministic


def test_annex_d_shows_the_chart_before_its_table(site):
    html = (site / "report" / "annex-d-child-sexual-exploitation-numbers.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    fig = soup.select_one("article figure.edition-chart")
    assert fig is not None and fig.find_next("table") is soup.select_one("article table")
    svg = fig.find("svg")
    for ref in svg["aria-labelledby"].split():
        assert soup.find(id=ref) is not None
    desc = svg.find("desc").get_text()
    for row in soup.select("article table tbody tr"):
        cells = [td.get_text() for td in row.find_all("td")]
        assert cells[0] in desc and all(c in desc for c in cells[1:] if c.strip().isdigit())
    assert "drawn by this edition" in fig.figcaption.get_text()
    assert len(re.findall(r"<figure", html)) == 1
