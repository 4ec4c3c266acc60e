"""Plans as people write them: their column names, what was not read, formula cells, folders."""

from __future__ import annotations

import csv

import pytest
from openpyxl import Workbook

from qpr.cli import main
from qpr.errors import InputError
from qpr.plans import read_plan


def write_csv(path, header, *rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_the_columns_a_task_division_table_uses_are_read(tmp_path, builtin):
    plan = read_plan(write_csv(tmp_path / "p.csv", ["序号", "重点任务", "条款", "牵头单位", "责任单位", "时间节点"],
                               ["1", "建立质量促进工作机制", "第五条第一款", "县人民政府", "县市场监督管理局", "2021年底前"]),
                     builtin)
    task = plan.tasks[0]
    assert task.content == "建立质量促进工作机制" and task.deadline == "2021年底前"
    assert task.lead_id == "people-government" and task.partner_ids == ("market-regulation",)
    assert plan.ignored_columns == () and plan.problems == ()


def test_responsible_units_lead_where_there_is_no_lead_column(tmp_path, builtin):
    plan = read_plan(write_csv(tmp_path / "p.csv", ["序号", "工作任务", "条款", "责任单位", "完成时限"],
                               ["1", "加强质量宣传", "第十三条", "县市场监督管理局", "长期"]), builtin)
    assert plan.tasks[0].lead_id == "market-regulation" and plan.tasks[0].content == "加强质量宣传"


def test_columns_not_read_are_reported_not_dropped_silently(tmp_path, builtin):
    path = tmp_path / "p.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("序号,工作任务,重点任务,条款,牵头单位,督办领导,\n1,甲,乙,第五条,县人民政府,张三,备忘\n")
    plan = read_plan(path, builtin)
    assert plan.tasks[0].content == "甲"  # the first column that names the task
    assert plan.ignored_columns == ("重点任务", "督办领导", "column G (no header)")


def _formula_plan(tmp_path, column):
    book = Workbook()
    sheet = book.active
    sheet.title = "任务分工表"
    sheet.append(["序号", "条款", "任务内容", "牵头单位"])
    row = ["1", "第五条第二款", "做好质量促进工作", "县市场监督管理局"]
    row[column] = "=VLOOKUP(A2,单位!A:B,2,0)"  # written by a program: no value is stored with it
    sheet.append(row)
    path = tmp_path / "plan.xlsx"
    book.save(path)
    return path


def test_a_formula_cell_without_a_stored_value_is_named_not_read_as_empty(tmp_path, builtin):
    plan = read_plan(_formula_plan(tmp_path, 3), builtin)
    [problem] = plan.problems
    assert (problem.row, problem.column) == (2, "牵头单位")
    assert "cell D2 holds a formula (=VLOOKUP(A2,单位!A:B,2,0))" in problem.message and "save" in problem.message
    plan = read_plan(_formula_plan(tmp_path, 1), builtin)
    assert [p.column for p in plan.problems] == ["条款"] and "cell B2" in plan.problems[0].message
    assert not any("required" in p.message for p in plan.problems)


def test_english_unit_names_from_an_english_template_resolve(builtin):
    plan = read_plan([{"provision": "第五条第二款", "lead": "market regulation department"}], builtin)
    assert plan.tasks[0].lead_id == "market-regulation" and plan.problems == ()


def test_a_folder_is_not_a_plan(tmp_path, builtin, capsys):
    with pytest.raises(InputError, match="is a folder"):
        read_plan(tmp_path, builtin)
    assert main(["coverage", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a folder" in err and "Traceback" not in err


def test_coverage_warns_about_columns_it_did_not_read(tmp_path, capsys):
    path = write_csv(tmp_path / "p.csv", ["序号", "条款", "牵头单位", "督办领导"], ["1", "第五条", "县人民政府", "张三"])
    assert main(["coverage", str(path), "-f", "json"]) == 0
    err = capsys.readouterr().err
    assert "qpr: warning:" in err and "'督办领导' was not read" in err
