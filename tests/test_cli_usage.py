"""Usage mistakes are caught before any work: status 2, one line, nothing written."""

from __future__ import annotations

import pytest

import qpr.cli.duties
import qpr.cli.findings
import qpr.cli.matrix
from qpr.cli import main


@pytest.fixture
def no_work(monkeypatch):
    """Reading duties at all fails the test: the mistake must be caught first."""
    def refuse(*args, **kwargs):
        raise AssertionError("the command did work before checking its arguments")

    for module in (qpr.cli.duties, qpr.cli.matrix, qpr.cli.findings):
        monkeypatch.setattr(module, "extract", refuse)


@pytest.mark.parametrize(("argv", "message"), [
    (["duties", "--actor", "市场监督管里部门"], "did you mean 市场监督管理部门"),
    (["duties", "--actor", "不存在的部门", "--actor", "财政部门"], "--actor 不存在的部门"),
    (["matrix", "--plot", "m.pdf"], "--plot m.pdf: cannot draw to that kind of file; name it .png or .svg"),
    (["duties", "-f", "xlsx"], "--format xlsx writes a binary file, not text: give -o FILE.xlsx"),
    (["findings", "-f", "xlsx", "-o", "-"], "give -o FILE.xlsx"),
    (["matrix", "-f", "xlsx"], "give -o FILE.xlsx"),
])
def test_a_usage_mistake_is_status_2_in_one_line_before_any_work(capsys, no_work, argv, message):
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("qpr: ") and message in err


def test_an_unknown_actor_in_a_folder_run_is_caught_before_any_file_is_read(capsys, tmp_path, monkeypatch):
    import qpr.duties

    monkeypatch.setattr(qpr.duties, "read_many", lambda *a, **k: pytest.fail("files were read"))
    (tmp_path / "a.md").write_text("第一条 甲。\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("第一条 乙。\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["duties", str(tmp_path), "--actor", "市场监督管里部门", "-f", "csv", "-o", str(out)]) == 2
    assert not out.exists() and "did you mean" in capsys.readouterr().err


def test_a_name_the_regulation_defines_is_not_a_mistake(capsys, tmp_path):
    reg = tmp_path / "law.md"
    reg.write_text("第一条 市市场监督管理部门（以下简称监管部门）负责本条例的实施。\n第二条 监管部门应当公布检查结果。\n",
                   encoding="utf-8")
    assert main(["duties", str(reg), "--actor", "监管部门", "-f", "csv"]) == 0
    assert "公布检查结果" in capsys.readouterr().out


def test_argparse_mistakes_are_one_line_too(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["duties", "--level", "town"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.count("\n") == 1 and err.startswith("qpr duties: argument --level")
