"""``qpr comments``: the form written as .docx or .xlsx by suffix, rows as a table, errors as exit statuses."""

from __future__ import annotations

import io

import pytest

from qpr.cli import main

BARE = "第一条 建立制度。\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def bare_file(tmp_path):
    path = tmp_path / "bare.txt"
    path.write_text(BARE, encoding="utf-8")
    return path


def test_docx_by_suffix_is_the_form_for_the_builtin(capsys, tmp_path):
    import docx

    target = tmp_path / "意见反馈表.docx"
    code, out, _ = run(capsys, "comments", "-o", str(target))
    assert code == 0 and out == ""
    document = docx.Document(io.BytesIO(target.read_bytes()))
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == ["条文序号", "修改意见(增加条款)", "设立依据", "备注"]
    assert any("184625276@qq.com" in p.text for p in document.paragraphs)
    assert [p.name for p in tmp_path.iterdir()] == ["意见反馈表.docx"]


def test_xlsx_by_suffix_and_format_forced_over_the_suffix(capsys, tmp_path, bare_file):
    from openpyxl import load_workbook

    target = tmp_path / "form.xlsx"
    assert run(capsys, "comments", str(bare_file), "-o", str(target))[0] == 0
    assert load_workbook(target).active.title == "意见反馈表"
    forced = tmp_path / "form.bin"
    assert run(capsys, "comments", str(bare_file), "--format", "docx", "-o", str(forced))[0] == 0
    assert forced.read_bytes()[:2] == b"PK"


def test_without_output_the_rows_print_as_a_table_under_the_title(capsys, bare_file):
    code, out, _ = run(capsys, "comments", str(bare_file))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "意见反馈表"
    assert any(line.startswith("条文序号") and "备注" in line for line in lines)
    assert any(line.startswith("第一条第一款") and "责任主体缺失" in line for line in lines)


def test_markdown_keeps_each_row_on_one_line(capsys, bare_file):
    _, out, _ = run(capsys, "comments", str(bare_file), "-f", "markdown")
    rows = [line for line in out.splitlines() if line.startswith("| 第一条")]
    assert len(rows) == 1 and "<br>原条文：“建立制度。”" in rows[0]


def test_output_into_a_missing_folder_is_exit_4_and_writes_nothing(capsys, tmp_path, bare_file):
    code, _, err = run(capsys, "comments", str(bare_file), "-o", str(tmp_path / "no" / "form.docx"))
    assert code == 4 and err.startswith("qpr: ") and err.count("\n") == 1
    assert not (tmp_path / "no").exists()


def test_output_onto_a_folder_is_exit_4_and_leaves_no_partial_file(capsys, tmp_path, bare_file):
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = run(capsys, "comments", str(bare_file), "-f", "xlsx", "-o", str(folder))
    assert code == 4 and err.count("\n") == 1
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["bare.txt", "out"]


@pytest.mark.parametrize("argv", [("-o", "form.doc"), ("-f", "docx"), ("-f", "xlsx", "-o", "-")])
def test_a_form_with_no_file_or_an_unknown_suffix_is_exit_2(capsys, argv):
    code, out, err = run(capsys, "comments", *argv)
    assert code == 2 and out == "" and err.startswith("qpr: ") and err.count("\n") == 1
