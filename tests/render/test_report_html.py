"""The report page as a file: self-contained, every link lands, the text is escaped, bad input writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import qpr
from qpr.analysis.report import regulation_report
from qpr.cli import main
from qpr.render.report import report_html

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def page(builtin) -> BeautifulSoup:
    return BeautifulSoup(report_html(regulation_report(builtin)), "html.parser")


def test_the_page_fetches_nothing_every_style_is_inline(page):
    assert not page.find_all("link") and not page.find_all("script", src=True)
    assert not page.find_all(["img", "iframe", "object", "embed"])
    for tag in page.find_all(href=True):
        assert tag["href"].startswith("#"), tag["href"]
    style = "".join(s.get_text() for s in page.find_all("style"))
    assert "url(" not in style and "@import" not in style
    assert "Noto Sans CJK SC" in style and "Microsoft YaHei" in style  # system CJK fonts, in order


def test_every_internal_link_lands_on_an_element_of_the_page(page):
    ids = {t["id"] for t in page.find_all(id=True)}
    targets = {t["href"][1:] for t in page.find_all(href=True)}
    assert targets and targets <= ids, sorted(targets - ids)[:5]


def test_one_heatmap_cell_per_matrix_cell_each_with_the_provision_as_its_title(builtin, page):
    report = regulation_report(builtin)
    cells = page.select("svg.cells a.cell")
    assert len(cells) == len(report.cells)
    first = cells[0].find("title").get_text()
    assert "第" in first and "条" in first and len(first) > 20
    # 第五条第二款 names 市场监督管理部门: its cell quotes it.
    cell = next(c for c in cells if c["href"] == "#a5p2")
    assert "县级以上人民政府市场监督管理部门" in cell.find("title").get_text()


def test_each_party_has_a_section_with_its_duties_quoted(builtin, page):
    report = regulation_report(builtin)
    sections = page.select("section.party")
    assert [s.h3.get_text() for s in sections] == report.matrix.index.tolist()
    market = next(s for s in sections if s.h3.get_text() == "市场监督管理部门")
    rows = market.select("tbody tr")
    assert len(rows) == (report.duties["party"] == "市场监督管理部门").sum()
    assert "应当" in market.get_text() and "县级以上" in market.get_text()


def test_findings_basis_and_text_sections_are_there(page):
    for section in ("overview", "matrix", "parties", "findings", "basis", "text"):
        assert page.find(id=section) is not None, section
    assert page.find(id="coverage") is None  # no plan given
    assert len(page.select("tr.finding")) >= 10
    assert page.find(id="a5p2").get_text().startswith("县级以上人民政府市场监督管理部门")


def test_a_regulation_text_that_looks_like_markup_stays_text():
    reg = qpr.parse("# 某省<script>alert(1)</script>条例\n\n第一条 县级以上人民政府应当<b>加强</b>领导。\n", name="x.md")
    html = report_html(regulation_report(reg))
    assert "<script>" not in html and "<b>加强</b>" not in html
    assert "&lt;b&gt;加强&lt;/b&gt;" in html


def test_qpr_report_writes_the_page_with_the_plans_coverage(tmp_path, capsys):
    out = tmp_path / "county.html"
    code = main(["report", "--plan", str(EXAMPLES / "county-plan.xlsx"), "--level", "county", "-o", str(out)])
    assert code == 0
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    coverage = page.find(id="coverage")
    assert coverage is not None and re.search(r"\d+\.\d%", coverage.get_text())
    assert coverage.select("tr.coverage-finding")


def test_a_plan_that_cannot_be_read_stops_with_status_3_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "report.html"
    code = main(["report", "--plan", str(tmp_path / "missing.xlsx"), "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 3 and not out.exists()
    assert err.startswith("qpr: ") and err.count("\n") == 1


def test_qpr_report_compare_says_what_changed_since_the_earlier_version(tmp_path, capsys):
    from tests.analysis.test_compare import NEW, OLD

    old, new, out = tmp_path / "old.md", tmp_path / "new.md", tmp_path / "changes.html"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    assert main(["report", str(new), "--compare", str(old), "-o", str(out)]) == 0
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    changes = page.find(id="changes")
    assert changes is not None and "拆分" in changes.get_text()
    rows = changes.select("tr.duty-change")
    assert rows and any("可以→应当" in r.get_text() for r in rows)
    ids = {t["id"] for t in page.find_all(id=True)}
    assert all(a["href"][1:] in ids for a in changes.select("a[href]"))
