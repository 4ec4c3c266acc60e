"""The command line: formats, help, errors as one line and an exit status."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from qpr.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_articles_table_lists_every_article_of_the_builtin(capsys):
    code, out, _ = run(capsys, "articles")
    assert code == 0
    assert "协调机制及部门职责" in out and out.count("\n") >= 33


def test_articles_table_columns_line_up_with_chinese_text(capsys):
    from wcwidth import wcwidth

    _, out, _ = run(capsys, "articles", "--format", "table")
    header, rule, *rows = out.splitlines()
    # Display column where each column starts, read off the ASCII rule line.
    starts = [i for i, c in enumerate(rule) if c == "-" and (i == 0 or rule[i - 1] == " ")]

    def cell_starts(row: str) -> list[int]:
        col, found, prev = 0, [], " "
        for ch in row:
            if ch != " " and prev == " " and col in starts:
                found.append(col)
            col += max(wcwidth(ch), 0)
            prev = ch
        return found

    for row in rows[:31]:
        found = cell_starts(row)
        # article, label, heading (where present), chapter is empty, paragraphs, items, line, text
        assert starts[0] in found and starts[1] in found and starts[4] in found and starts[-1] in found, row


def test_articles_json_holds_paragraphs_with_offsets_and_items(capsys):
    code, out, _ = run(capsys, "articles", "--format", "json")
    data = json.loads(out)
    assert code == 0 and len(data["articles"]) == 31
    art6 = data["articles"][5]
    assert art6["number"] == 6 and art6["heading"] == "政策保障" and art6["chapter"] is None
    para = art6["paragraphs"][0]
    assert len(para["items"]) == 4 and para["span"][0] < para["span"][1]
    assert data["comment_deadline"] == "2020-04-24"


def test_articles_csv_and_markdown(capsys):
    _, csv_out, _ = run(capsys, "articles", "-f", "csv")
    assert csv_out.splitlines()[0].startswith("article,label,heading")
    _, md, _ = run(capsys, "articles", "-f", "markdown")
    assert md.splitlines()[1].startswith("|--")


def test_output_file_is_written_whole(capsys, tmp_path):
    target = tmp_path / "a.json"
    code, out, _ = run(capsys, "articles", "-f", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))["articles"]) == 31
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_output_into_a_missing_folder_is_exit_4_and_writes_nothing(capsys, tmp_path):
    code, _, err = run(capsys, "articles", "-o", str(tmp_path / "no" / "a.txt"))
    assert code == 4 and err.startswith("qpr: ") and err.count("\n") == 1


def test_bad_input_is_one_line_and_exit_3(capsys, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("没有条文的说明。\n", encoding="utf-8")
    code, out, err = run(capsys, "articles", str(bad))
    assert code == 3 and out == ""
    assert err == f"qpr: {bad}: no articles found: expected lines that start with 第一条, 第二条, …\n"


def test_strict_numbering_problem_is_exit_3_with_file_and_line(capsys, tmp_path):
    gap = tmp_path / "gap.txt"
    gap.write_text("第一条 甲。\n第三条 乙。\n", encoding="utf-8")
    code, _, err = run(capsys, "articles", "--strict", str(gap))
    assert code == 3 and f"{gap}:2:" in err
    code, _, err = run(capsys, "articles", str(gap))
    assert code == 0 and "warning" in err and f"{gap}:2" in err


def test_reads_standard_input(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("第一条 甲。\n第二条 乙。\n".encode("gb18030"))))
    code, out, _ = run(capsys, "articles", "-", "-f", "csv")
    assert code == 0 and out.count("\n") == 3


def test_unknown_option_is_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["articles", "--format", "pdf"])
    assert exc.value.code == 2


def test_installed_command_explains_itself_and_never_prints_a_traceback(tmp_path):
    helptext = subprocess.run([sys.executable, "-m", "qpr", "--help"], capture_output=True, text=True)
    assert helptext.returncode == 0 and "articles" in helptext.stdout and "exit status" in helptext.stdout
    sub = subprocess.run([sys.executable, "-m", "qpr", "articles", "--help"], capture_output=True, text=True)
    assert "--format" in sub.stdout
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    bad = subprocess.run([sys.executable, "-m", "qpr", "articles", str(binary)], capture_output=True, text=True)
    assert bad.returncode == 3 and "Traceback" not in bad.stderr and "binary data" in bad.stderr


def test_public_api_is_sorted_and_importable():
    import qpr

    assert qpr.__all__ == sorted(qpr.__all__)
    assert all(hasattr(qpr, name) for name in qpr.__all__)


def test_package_docstring_examples_run():
    import doctest

    import qpr

    assert doctest.testmod(qpr).failed == 0


def test_output_files_get_the_usual_permissions(capsys, tmp_path):
    import os
    import stat

    target = tmp_path / "a.csv"
    assert main(["articles", "-f", "csv", "-o", str(target)]) == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_duties_of_one_actor_as_json_lines_are_strict_json(capsys):
    # pandas leaves NaN for missing values; JSON has no NaN (found reviewing the many-file output).
    code, out, _ = run(capsys, "duties", "--actor", "市场监督管理部门", "--format", "jsonl")
    assert code == 0 and out

    def no_constants(name):
        raise AssertionError(f"{name} is not JSON")

    rows = [json.loads(line, parse_constant=no_constants) for line in out.splitlines()]
    assert all(r["actor_id"] == "market-regulation" for r in rows)
