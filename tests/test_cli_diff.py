"""``qpr diff`` and ``qpr plan migrate`` end to end, on two small versions written here."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

import qpr
from qpr.cli import main
from tests.analysis.test_compare import NEW, OLD


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def versions(tmp_path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return str(old), str(new)


def test_json_has_the_articles_and_duties_records_the_issue_specifies(capsys, versions):
    code, out, _ = run(capsys, "diff", *versions, "-f", "json")
    payload = json.loads(out)
    assert code == 0
    assert all(set(r) == {"old", "new", "kind", "similarity"} for r in payload["articles"])
    assert {"old": "4", "new": "6", "kind": "split"} in [{k: r[k] for k in ("old", "new", "kind")}
                                                        for r in payload["articles"]]
    assert all(set(r) == {"old", "new", "actor", "role", "change", "before", "after"} for r in payload["duties"])
    change = next(r for r in payload["duties"] if r["change"] == "changed")
    assert (change["old"], change["new"]) == ("3", "4")
    assert change["before"]["modality"] == "may" and change["after"]["modality"] == "shall"
    added = next(r for r in payload["duties"] if r["actor"] == "教育部门")
    assert added["before"] is None and added["after"]["level"] == "county+"


def test_terminal_table_starts_with_the_summary(capsys, versions):
    code, out, _ = run(capsys, "diff", *versions)
    assert code == 0 and out.startswith("《某省示范活动条例》 (6 articles) -> 《某省示范活动条例》 (7 articles)")
    assert "Who gained, lost or changed duties" in out and "教育部门" in out


def test_the_workbook_is_a_comparison_table_with_changes_marked_in_the_cells(capsys, versions, tmp_path):
    path = tmp_path / "对照表.xlsx"
    assert run(capsys, "diff", *versions, "-o", str(path))[0] == 0
    book = load_workbook(path, rich_text=True)
    assert book.sheetnames == ["新旧条文对照表", "职责变化", "按主体", "条文对应"]
    sheet = book["新旧条文对照表"]
    assert [c.value for c in sheet[1]] == ["修改前", "修改后", "说明"]
    row = next(r for r in sheet.iter_rows(min_row=2) if str(r[0].value).startswith("第三条"))
    struck = [b.text for b in row[0].value if not isinstance(b, str) and b.font.strike]
    bold = [b.text for b in row[1].value if not isinstance(b, str) and b.font.b]
    assert struck == ["可以"] and bold == ["应当"]
    assert "可以→应当" in row[2].value and row[2].value.startswith("修改")
    added = next(r for r in sheet.iter_rows(min_row=2) if r[0].value is None)
    assert str(added[1].value).startswith("第二条") and added[2].value.startswith("新增")
    assert book["职责变化"]["A1"].value == "说明"


def test_the_page_is_side_by_side_and_fetches_nothing(capsys, versions):
    code, out, _ = run(capsys, "diff", *versions, "-f", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    assert "<del>可以</del>" in out and "<ins>应当</ins>" in out and "<th>修改前</th><th>修改后</th>" in out
    assert not any(s in out for s in ("<script", "<link", "http://", "https://", "@import", "url("))


def test_a_workbook_needs_an_output_file_and_a_missing_input_is_one_line(capsys, versions, tmp_path):
    code, _, err = run(capsys, "diff", *versions, "-f", "xlsx")
    assert code == 2 and "give -o FILE.xlsx" in err
    code, _, err = run(capsys, "diff", versions[0], str(tmp_path / "missing.md"))
    assert code == 3 and err.count("\n") == 1 and "missing.md" in err
    assert not (tmp_path / "out.json").exists()


def test_unrelated_files_still_give_an_answer_with_a_note(capsys, versions, tmp_path):
    other = tmp_path / "sichuan-draft.txt"  # the built-in draft: another subject altogether
    other.write_text(qpr.load().text, encoding="utf-8")
    code, out, err = run(capsys, "diff", versions[0], str(other), "-f", "json")
    assert code == 0 and any("may not be versions" in n for n in json.loads(out)["notes"])
    assert "qpr: note: few articles correspond" in err


def test_a_plan_is_renumbered_marked_and_extended_with_the_new_duties(capsys, versions, tmp_path):
    old, new = versions
    plan, migrated = tmp_path / "plan.xlsx", tmp_path / "plan2.xlsx"
    assert run(capsys, "plan", "template", old, "-o", str(plan))[0] == 0
    code, _, err = run(capsys, "plan", "migrate", str(plan), "--from", old, "--to", new, "-o", str(migrated))
    assert code == 0 and "tasks carried" in err
    sheet = load_workbook(migrated)["任务分工表"]
    header = [c.value for c in sheet[1]]
    assert header == ["序号", "条款", "任务内容", "牵头单位", "配合单位", "完成时限", "原条款", "变化", "说明"]
    rows = {r[6]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["第三条第一款"]["条款"] == "第四条第一款" and rows["第三条第一款"]["变化"].startswith("duty changed")
    assert rows["第四条第二款"]["条款"] == "第六条第一款" and rows["第四条第二款"]["变化"].startswith("moved")
    assert rows["第五条第一款"]["变化"].startswith("duty removed") and not rows["第五条第一款"]["条款"]
    assert rows["第二条第一款"]["条款"] == "第三条第一款" and rows["第二条第一款"]["变化"].startswith("duty changed")
    assert "新增：教育部门" in rows["第二条第一款"]["说明"]
    new_rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[7].startswith("new duty")]
    assert new_rows == [] or all(r[3] is None for r in new_rows)
    # The migrated plan is a plan of the new version again.
    code, out, _ = run(capsys, "coverage", str(migrated), "--regulation", new, "-f", "json")
    assert code == 0 and json.loads(out)["coverage"] > 50


def test_the_comparison_workbook_is_in_one_language(capsys, versions, tmp_path):
    """The 对照表 is Chinese, so every sheet's headers are too (they were the frames' English field names)."""
    import re

    path = tmp_path / "对照表.xlsx"
    assert run(capsys, "diff", *versions, "-o", str(path))[0] == 0
    book = load_workbook(path)
    headers = [c.value for sheet in book.worksheets for c in sheet[1] if c.value is not None]
    assert headers and [h for h in headers if not re.search(r"[\u4e00-\u9fff]", str(h))] == []
