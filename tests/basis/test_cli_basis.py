"""``qpr basis``: its formats and views, --table, and errors as one line with an exit status."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

import qpr.cli
from qpr.cli import main

from .tables import DRAFT, ROWS, make_docx, make_xlsx


@pytest.fixture(autouse=True)
def only_basis_command(monkeypatch):
    # Other subcommands are being built alongside; load just this one (and articles) so
    # these tests exercise main()'s real error handling without depending on them.
    monkeypatch.setattr(qpr.cli, "COMMAND_MODULES", ("articles", "basis"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def draft_file(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_default_table_lists_the_builtin_citations_and_warns_about_findings(capsys):
    code, out, err = run(capsys, "basis")
    assert code == 0
    header, rule, *rows = out.splitlines()
    assert header.split()[:4] == ["article", "number", "source_id", "pinpoint"]
    assert len(rows) == 55
    assert err.count("qpr: warning:") == 2 and ":167:" in err and ":189:" in err


def test_json_is_an_object_whose_citations_hold_the_promised_fields(capsys):
    code, out, _ = run(capsys, "basis", "--format", "json")
    data = json.loads(out)
    assert code == 0 and len(data["citations"]) == 55
    for c in data["citations"]:
        assert {"article", "source_id", "title", "pinpoint", "quote"} <= set(c)
    first = data["citations"][0]
    assert (first["article"], first["source_id"], first["date"]) == ("1", "S1", "2017-09-05")
    assert len(data["sources"]) == 12 and data["matrix"][0]["article"] == "1"
    assert [f["line"] for f in data["findings"]] == [167, 189]


def test_csv_and_markdown_carry_every_column(capsys):
    code, out, _ = run(capsys, "basis", "-f", "csv")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("article,number,source_id,title,issuer") and len(lines) >= 56
    code, out, _ = run(capsys, "basis", "-f", "markdown", "--view", "sources")
    assert out.startswith("| source_id") and "国务院关于印发质量发展纲要(2011-2020年)的通知" in out


@pytest.mark.parametrize(("view", "expect"), [
    ("matrix", "S12"), ("single", "四川省“十三五”质量发展规划"), ("unbased", "the row has no basis"),
    ("findings", "embedded-citation"),
])
def test_each_view_renders(capsys, view, expect):
    code, out, _ = run(capsys, "basis", "--view", view, "-f", "csv")
    assert code == 0 and expect in out


def test_xlsx_has_one_sheet_per_view_with_frozen_headers(capsys, tmp_path):
    target = tmp_path / "basis.xlsx"
    code, out, _ = run(capsys, "basis", "-f", "xlsx", "-o", str(target))
    assert code == 0 and out == ""
    wb = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert wb.sheetnames[:3] == ["引用", "依据文件", "条文与依据"]  # one language per workbook: Chinese by default
    assert wb["引用"].max_row == 56 and wb["引用"].freeze_panes == "A2"
    assert wb["条文与依据"]["A1"].value == "条" and wb["条文与依据"].max_row == 32
    code, _, _ = run(capsys, "basis", "-f", "xlsx", "--lang", "en", "-o", str(target))
    wb = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert code == 0 and wb.sheetnames[:3] == ["citations", "sources", "articles x sources"]
    assert wb["articles x sources"]["A1"].value == "article"


def test_xlsx_without_output_path_is_a_usage_error(capsys):
    code, out, err = run(capsys, "basis", "-f", "xlsx")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == ["qpr: --format xlsx writes a binary file, not text: give -o FILE.xlsx"]


def test_another_draft_with_its_own_docx_table(capsys, tmp_path, draft_file):
    table = make_docx(tmp_path / "basis.docx", ROWS)
    code, out, err = run(capsys, "basis", str(draft_file), "--table", str(table), "-f", "json")
    data = json.loads(out)
    assert code == 0 and err == ""
    assert [(c["article"], c["number"]) for c in data["citations"]] == [
        ("1", 1), ("1", 2), ("2", 1), ("2", 2), ("3", 1), ("3", 2)]
    assert data["articles_without_basis"] == [{"article": "4", "line": 6, "reason": "the row has no basis"}]


def test_another_draft_with_its_own_xlsx_table_as_markdown(capsys, tmp_path, draft_file):
    table = make_xlsx(tmp_path / "basis.xlsx", ROWS)
    code, out, _ = run(capsys, "basis", str(draft_file), "-t", str(table), "--view", "matrix", "-f", "markdown")
    assert code == 0 and out.splitlines()[0].replace(" ", "") == "|article|S1|S2|S3|S4|"


@pytest.mark.parametrize(("argv", "fragment"), [
    (["basis", "{draft}"], "draft.txt: no legal-basis table"),
    (["basis", "{draft}", "--table", "{tmp}/missing.xlsx"], "missing.xlsx: no such file"),
    (["basis", "{tmp}/nothing.txt"], "nothing.txt: no such file"),
    (["basis", "{draft}", "--table", "{tmp}/noheader.xlsx"], "noheader.xlsx: no sheet has a header row"),
])
def test_bad_input_is_one_line_and_exit_status_3(capsys, tmp_path, draft_file, argv, fragment):
    make_xlsx(tmp_path / "noheader.xlsx", ROWS, header=["甲", "乙", "丙", "丁"])
    args = [a.format(draft=draft_file, tmp=tmp_path) for a in argv]
    code, out, err = run(capsys, *args)
    lines = err.strip().splitlines()
    assert code == 3 and out == ""
    assert len(lines) == 1 and lines[0].startswith("qpr: ") and fragment in lines[0]


def test_output_into_a_missing_folder_is_exit_status_4(capsys, tmp_path):
    code, _, err = run(capsys, "basis", "-f", "xlsx", "-o", str(tmp_path / "no" / "such.xlsx"))
    assert code == 4 and "does not exist" in err
