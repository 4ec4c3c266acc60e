"""Penalty clauses linked to the duties they enforce."""

from __future__ import annotations

from pathlib import Path

import qpr
from qpr.analysis.explain import explain
from qpr.analysis.penalties import duty_penalties, penalty_links
from qpr.duties import extract

TEXT = """某市示范条例
第一条 电梯使用单位应当设置警示标志。
第二条 维护保养单位应当每十五日进行一次维护。
维护保养单位不得转包维护保养业务。
第三条 建设单位应当安装空调。
第四条 违反本条例第一条、第二条第二款规定的，由市场监督管理部门责令改正，处一万元以上五万元以下罚款。
第五条 违反本条例规定，有下列行为之一的，由市场监督管理部门依照下列规定予以处理：
（一）违反本条例第三条规定，未安装空调的，责令限期改正；
（二）违反本条例第一条至第二条规定的，处二万元罚款。
"""


def test_each_penalty_clause_links_the_provisions_it_names_to_its_imposing_body():
    reading = extract(qpr.parse(TEXT, name="example.txt"))
    links = penalty_links(reading)
    pairs = set(zip(links["provision"], links["penalty_provision"], links["imposed_by"], strict=True))
    assert ("第一条", "第四条第一款", "市场监督管理部门") in pairs
    assert ("第二条第二款", "第四条第一款", "市场监督管理部门") in pairs
    assert ("第三条", "第五条第一款第（一）项", "市场监督管理部门") in pairs
    # 第一条至第二条 is a range: both articles.
    assert {("第一条", "第五条第一款第（二）项"), ("第二条", "第五条第一款第（二）项")} <= {p[:2] for p in pairs}


def test_a_duty_is_enforced_by_the_clauses_naming_its_article_or_its_own_paragraph():
    reading = extract(qpr.parse(TEXT, name="example.txt"))
    enforced = {(str(d.provision), d.actor): p for d, p in zip(reading.duties, duty_penalties(reading), strict=True)}
    assert enforced[("第二条第二款", "维护保养单位")] == ("第四条第一款", "第五条第一款第（二）项")
    assert enforced[("第二条第一款", "维护保养单位")] == ("第五条第一款第（二）项",)  # 第二条第二款 does not cover 第一款
    assert enforced[("第四条第一款", "市场监督管理部门")] == ()


def test_explain_shows_what_enforces_a_duty():
    reg = qpr.parse(TEXT, name="example.txt")
    clauses = explain(extract(reg), reg, "第三条")
    assert clauses[0].parties[0].penalties == (("第五条第一款第（一）项", "市场监督管理部门"),)


def test_a_regulation_without_penalty_clauses_has_no_links(builtin):
    links = penalty_links(extract(builtin))
    assert list(links.columns)[:4] == ["article", "paragraph", "item", "provision"]
    assert all(links["penalty_text"].str.contains("违反"))


def test_ningbo_elevator_penalties_point_at_real_provisions():
    path = Path(__file__).resolve().parents[1] / "duties" / "data" / "ningbo-elevator-safety-2020.md"
    reg = qpr.load(path)
    links = penalty_links(extract(reg))
    assert len(links) >= 10
    ids = {a.id for a in reg.articles}
    assert set(links["article"]) <= ids  # every reference names an article the text has
    assert set(links["imposed_by"]) >= {"市场监督管理部门"}


def test_qpr_duties_why_names_the_penalty_of_each_row(tmp_path, capsys):
    from qpr.cli import main

    path = tmp_path / "example.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["duties", str(path), "--why", "-f", "csv"]) == 0
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by = {(r["article"], r["paragraph"], r["actor"]): r["penalty"] for r in rows}
    assert by[("3", "1", "建设单位")] == "第五条第一款第（一）项"
    assert by[("2", "2", "维护保养单位")] == "第四条第一款、第五条第一款第（二）项"
