"""The Annex D chart: drawn from the report's table, after it, labelled as the edition's, with a text
alternative, legible on a phone."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from scripts.site.charts import bar_chart_svg, describe, nice_ceiling, number
from tests.conftest import reading

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
    assert len([r for r in svg.find_all("rect") if r["width"] != "13"]) == 5      # legend keys are 13 wide
    labels = [t.get_text() for t in svg.find_all("text")]
    assert {"48", "62", "112", "149", "293", "-"} <= set(labels)
    assert bar_chart_svg(HEADER, ROWS, "T", "c1") == bar_chart_svg(HEADER, ROWS, "T", "c1")   # deterministic


def test_the_legend_and_labels_fit_the_narrow_drawing():
    from scripts.site.charts import LEFT, RIGHT, WIDTH, label_lines, legend_rows
    rows = legend_rows(HEADER[1:], WIDTH - LEFT - RIGHT)
    assert [[name for _, name in r] for r in rows] == [["CSE Client", "CSE Contacts"], ["RB Clients"]]
    assert label_lines("April 05-06", 70) == ["April", "05-06"]
    assert label_lines("2014", 70) == ["2014"]
    assert label_lines("April 05-06", 200) == ["April 05-06"]


def test_annex_d_shows_the_chart_after_its_table_labelled_as_the_editions(site):
    """Right below "The chart below appeared in the LSCB annual report" a chart would be taken
    for the report's: the edition's stands after the table, and says first that it is not the
    report's."""
    html = (site / "report" / "annex-d-child-sexual-exploitation-numbers.html").read_text(encoding="utf-8")
    soup = reading(html)
    fig = soup.select_one("article figure.edition-chart")
    table = soup.select_one("article table")
    assert fig is not None and table.find_next("figure") is fig
    said = table.find_previous("p")
    assert said.get_text().startswith("The chart below appeared in the")
    assert fig.find_next("p").get_text().startswith("RMBC does not have comparable")
    first = fig.find(True)
    assert first.name == "figcaption" and first.find("strong").get_text() == "[Not in the report: a chart drawn by this edition]"
    assert "table above" in fig.figcaption.get_text()
    svg = fig.find("svg")
    for ref in svg["aria-labelledby"].split():
        assert soup.find(id=ref) is not None
    desc = svg.find("desc").get_text()
    for row in soup.select("article table tbody tr"):
        cells = [td.get_text() for td in row.find_all("td")]
        assert cells[0] in desc and all(c in desc for c in cells[1:] if c.strip().isdigit())
    assert len(re.findall(r"<figure", html)) == 1


@pytest.mark.parametrize("width", [390, 1280])
def test_the_charts_words_are_legible_on_a_phone(browser, server, width):
    """Every label and value of the chart, as drawn, is 10 px or more (they were 5 to 7 px)."""
    from conftest import new_visit
    context, v = new_visit(browser, server, viewport={"width": width, "height": 900})
    try:
        v.open("report/annex-d-child-sexual-exploitation-numbers.html")
        sizes = v.page.evaluate("""() => { const svg = document.querySelector('figure.edition-chart svg');
            const scale = svg.getScreenCTM().a;
            return [...svg.querySelectorAll('text')].map(t =>
                parseFloat(getComputedStyle(t).fontSize) * scale); }""")
    finally:
        context.close()
    assert len(sizes) >= 30 and min(sizes) >= 10
