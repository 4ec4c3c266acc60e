"""Every workbook qpr writes is in one language: sheet names and headers Chinese, or English with --lang en."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qpr.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CJK = re.compile(r"[\u3400-\u9fff]")
#: Headers that are data, not words: article numbers (4, 10-1), source ids (S1).
DATA_HEADER = re.compile(r"^(?:\d+(?:-\d+)?|S\d+)$")

WORKBOOKS = {
    "duties": ["duties"],
    "findings": ["findings"],
    "matrix": ["matrix"],
    "template": ["plan", "template", "--level", "county"],
    "coverage": ["coverage", str(EXAMPLES / "county-plan.xlsx"), "--level", "county"],
    "basis": ["basis"],
}


def write(capsys, tmp_path, name, lang):
    out = tmp_path / f"{name}-{lang}.xlsx"
    code = main([*WORKBOOKS[name], "-f", "xlsx", "-o", str(out), "--lang", lang])
    capsys.readouterr()
    assert code == 0 and out.stat().st_size > 0
    return load_workbook(out)


def labels(book):
    for sheet in book.worksheets:
        yield sheet.title
        for cell in sheet[1]:
            if cell.value is not None and not DATA_HEADER.match(str(cell.value)):
                yield str(cell.value)


@pytest.mark.parametrize("name", WORKBOOKS)
def test_a_chinese_workbook_has_chinese_sheet_names_and_headers(capsys, tmp_path, name):
    english = [label for label in labels(write(capsys, tmp_path, name, "zh")) if not CJK.search(label)]
    assert english == []


@pytest.mark.parametrize("name", WORKBOOKS)
def test_an_english_workbook_has_english_sheet_names_and_headers(capsys, tmp_path, name):
    chinese = [label for label in labels(write(capsys, tmp_path, name, "en")) if CJK.search(label)]
    assert chinese == []


def test_the_comment_form_workbook_is_chinese(capsys, tmp_path):
    out = tmp_path / "意见反馈表.xlsx"
    assert main(["comments", "-o", str(out)]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["意见反馈表"]
    header = next(row for row in book.active.iter_rows(values_only=True) if row[0] == "条文序号")
    assert all(CJK.search(h) for h in header)


def test_duties_and_findings_workbooks_hold_the_rows(capsys, tmp_path):
    duties = write(capsys, tmp_path, "duties", "zh")
    sheet = duties["义务"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["条", "款", "项", "责任主体", "主体代码"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert ("15", 1, None, "经济和信息化部门", "industry-it") in [r[:5] for r in rows]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    findings = write(capsys, tmp_path, "findings", "zh")["问题"]
    kinds = {r[0] for r in findings.iter_rows(min_row=2, values_only=True)}
    assert {"unassigned", "outdated-name", "inconsistent-name"} <= kinds


def test_a_template_in_english_reads_back_as_a_full_plan(capsys, tmp_path):
    plan = tmp_path / "plan.xlsx"
    assert main(["plan", "template", "--lang", "en", "-o", str(plan)]) == 0
    assert main(["coverage", str(plan), "--min", "100"]) == 0
    assert "was not read" not in capsys.readouterr().err


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftoppm"), reason="LibreOffice or poppler missing")
def test_the_duties_workbook_renders_to_a_page(capsys, tmp_path):
    book = tmp_path / "duties.xlsx"
    assert main(["duties", "--actor", "市场监管部门", "-f", "xlsx", "-o", str(book)]) == 0
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
                   check=True, capture_output=True, timeout=180)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(tmp_path / "duties.pdf"),
                    str(tmp_path / "page")], check=True, timeout=60)
    assert list(tmp_path.glob("page*.png"))
