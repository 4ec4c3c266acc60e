"""In a notebook a reading, a responsibility matrix and a coverage report show as tables with rows."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

import qpr
from qpr.analysis import check_plan, responsibility_matrix
from qpr.plans import read_plan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _rows(html: str) -> list[list[str]]:
    page = BeautifulSoup(html, "html.parser")
    assert page.find("table") is not None
    return [[td.get_text() for td in tr.find_all("td")] for tr in page.select("table tbody tr")]


def test_a_reading_shows_its_duties_as_a_table(builtin_reading):
    html = builtin_reading._repr_html_()
    rows = _rows(html)
    assert len(rows) == 60  # the first 60 duties, then a line saying how many more
    assert rows[0][:5] == ["第四条第二款", "人民政府", "承担", "应当", "县级以上"]
    assert f"{len(builtin_reading.duties) - 60} more rows" in html
    assert "四川省质量促进条例(征求意见稿)" in html and "Reading(" not in html


def test_a_short_reading_shows_every_duty_and_escapes_its_text():
    reading = qpr.extract_duties(qpr.parse("第一条 县级以上人民政府应当<b>加强</b>领导。\n"))
    html = reading._repr_html_()
    assert len(_rows(html)) == 1 and "more rows" not in html
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_the_responsibility_matrix_shows_as_a_table_of_actors(builtin_reading):
    matrix = responsibility_matrix(builtin_reading)
    rows = BeautifulSoup(matrix._repr_html_(), "html.parser").select("table tbody tr")
    assert len(rows) == len(matrix) and rows[0].th.get_text() == matrix.index[0]


def test_a_coverage_report_shows_its_figure_findings_and_parties(builtin, builtin_reading):
    report = check_plan(builtin_reading, read_plan(EXAMPLES / "county-plan.csv", builtin), level="county")
    html = report._repr_html_()
    assert f"{report.overall * 100:.1f}%" in html
    page = BeautifulSoup(html, "html.parser")
    findings, by_party = page.find_all("table")
    assert len(findings.select("tbody tr")) == min(len(report.findings), 60)
    assert len(by_party.select("tbody tr")) == min(len(report.by_actor), 60)
    assert any(td.get_text() == "no-task" for td in findings.find_all("td"))
