"""The report's content: what it counts, what each matrix cell points at, the parties in matrix order."""

from __future__ import annotations

import pytest

from qpr.analysis import responsibility_matrix
from qpr.analysis.report import provision_anchor, regulation_report
from qpr.duties import extract
from qpr.plans import read_plan


@pytest.fixture(scope="module")
def report(builtin):
    return regulation_report(builtin)


def test_anchors_tell_article_paragraph_and_item_apart_even_for_a_sub_numbered_article():
    assert provision_anchor("5") == "a5"
    assert provision_anchor("5", 2) == "a5p2"
    assert provision_anchor("10-1", 2, 3) == "a10-1p2i3"
    assert provision_anchor("10", 1, None) != provision_anchor("10-1")


def test_every_matrix_cell_points_at_a_provision_of_the_text_and_quotes_it(report):
    anchors = set(report.text["anchor"])
    filled = int((report.matrix != "").to_numpy().sum())
    assert len(report.cells) == filled
    for cell in report.cells.itertuples():
        assert cell.anchor in anchors
        assert cell.anchor.startswith(f"a{cell.column}p")
        assert cell.provisions and all(t.strip() for t in cell.texts)


def test_the_parties_follow_the_matrix_rows_and_each_has_its_duties(report):
    assert report.parties["party"].tolist() == report.matrix.index.tolist()
    assert set(report.duties["section"]) == set(report.parties["section"])
    mine = report.duties[report.duties["party"] == "市场监督管理部门"]
    assert "a5p2" in set(mine["anchor"])  # 第五条第二款: 县级以上人民政府市场监督管理部门负责…


def test_counts_agree_with_the_duties_and_the_text(builtin, report):
    reading = extract(builtin)
    assert report.counts["duties"] == len(reading.duties)
    assert report.counts["articles"] == len(builtin.articles)
    assert report.counts["unassigned"] == sum(d.unassigned for d in reading.duties)
    assert report.counts["findings"] == len(report.findings)


def test_the_builtin_drafts_legal_basis_is_in_the_report(report):
    assert report.basis_sources is not None and len(report.basis_sources) >= 5
    assert "中共中央国务院关于开展质量提升行动的指导意见" in set(report.basis_articles["title"])
    assert "31" in set(report.basis_unbased["article"])


def test_a_document_without_a_basis_table_has_no_basis_section(tiny):
    report = regulation_report(tiny)
    assert report.basis_sources is None and report.basis_articles is None


def test_level_narrows_the_matrix_and_the_parties_to_what_binds_that_level(builtin):
    county = regulation_report(builtin, level="county")
    reading = extract(builtin)
    assert county.matrix.equals(responsibility_matrix(reading, level="county"))
    assert county.counts["duties"] < len(reading.duties)


def test_a_plan_gives_its_coverage_with_anchored_findings(builtin):
    from pathlib import Path

    plan_path = Path(__file__).resolve().parents[2] / "examples" / "county-plan.csv"
    reading = extract(builtin)
    plan = read_plan(plan_path, builtin)
    report = regulation_report(builtin, reading, level="county", plan=plan)
    assert report.coverage is not None and 0 < report.coverage.overall < 1
    no_task = report.coverage_findings[report.coverage_findings["kind"] == "no-task"]
    assert len(no_task) and all(a.startswith("a") for a in no_task["anchor"])
