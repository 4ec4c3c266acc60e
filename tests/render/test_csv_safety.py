"""No CSV qpr writes lets a spreadsheet run a field as a formula; lists are 、-joined, not Python reprs (issue 14)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from qpr.cli import main
from qpr.render import render_frame
from qpr.render.cells import FORMULA_PREFIXES, csv_safe_frame, csv_safe_value

HOSTILE = """\
# 某条例

第一条 =HYPERLINK("http://example.com")为了示范，制定本条例。

第二条 @SUM(1)机构应当登记。

第三条 +县级以上人民政府应当加强领导。

第四条 -市场监督管理部门应当会同财政部门开展检查。
"""


def fields(text: str) -> list[str]:
    return [f for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for f in row]


def assert_safe(text: str) -> None:
    risky = [f for f in fields(text) if f.startswith(FORMULA_PREFIXES)]
    assert risky == [], risky
    reprs = [f for f in fields(text) if f.startswith(("['", "('", "frozenset("))]
    assert reprs == [], reprs


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "hostile.md"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.mark.parametrize("argv", [
    ["articles", "F", "-f", "csv"],
    ["duties", "F", "-f", "csv"],
    ["duties", "F", "-f", "csv", "--why"],
    ["findings", "F", "-f", "csv"],
    ["plan", "template", "F", "-f", "csv"],
    ["comments", "F", "-f", "csv"],
    ["matrix", "F", "-f", "csv", "--by", "provision"],
])
def test_each_csv_command_quotes_formula_like_text(capsys, hostile, argv):
    code = main([str(hostile) if a == "F" else a for a in argv])
    out, _ = capsys.readouterr()
    assert code == 0
    assert_safe(out)
    if argv[0] in ("articles", "findings", "plan", "comments"):  # these carry the provisions' text
        assert any(f.startswith("'@SUM(1)") or "@SUM(1)" in f for f in fields(out))


def test_a_plan_template_file_with_its_bom_is_safe_too(capsys, hostile, tmp_path):
    target = tmp_path / "plan.csv"
    assert main(["plan", "template", str(hostile), "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("\ufeff") and "'@SUM(1)机构应当登记。" in text
    assert_safe(text)


def test_coverage_csv_quotes_a_plans_hostile_units(capsys, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text('序号,条款,任务内容,牵头单位,配合单位\n=1+1,第四条,"=HYPERLINK(""x"")",@SUM(1),-2+3\n',
                    encoding="utf-8")
    assert main(["coverage", str(plan), "-f", "csv"]) == 0
    out, _ = capsys.readouterr()
    assert_safe(out)
    assert "'@SUM(1)" in fields(out) and "'-2+3" in fields(out)


def test_the_matrix_csv_quotes_a_hostile_actor_name():
    from qpr.analysis import responsibility_matrix
    from tests.analysis.conftest import duty

    matrix = responsibility_matrix([duty("2", 1, None, "市场监督管理部门", "market-regulation", "bearer"),
                                    duty("2", 1, None, "=1+1", None, "bearer")])
    out = render_frame(matrix.reset_index(), "csv")
    assert_safe(out)
    assert "'=1+1" in fields(out)


def test_the_duties_csv_joins_lists_with_the_chinese_comma(capsys):
    assert main(["duties", "--actor", "财政部门", "-f", "csv"]) == 0
    out, _ = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all("', '" not in r["rules"] for r in rows)
    assert "、" in rows[0]["rules"] and "市场监督管理部门" in rows[0]["shared_with"].split("、")


@pytest.mark.parametrize("dtype", [object, "string", "str"])
def test_csv_safe_frame_takes_every_text_dtype(dtype):
    try:
        column = pd.Series(["=1", "+1", "-1", "@a", "\tx", "\rx", "ok", None], dtype=dtype)
    except TypeError:
        pytest.skip(f"this pandas has no {dtype!r} dtype")
    safe = csv_safe_frame(pd.DataFrame({"t": column, "n": [-1, 2, 3, 4, 5, 6, 7, 8]}))
    assert list(safe["t"].iloc[:7]) == ["'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", "ok"]
    assert pd.isna(safe["t"].iloc[7])
    assert list(safe["n"]) == [-1, 2, 3, 4, 5, 6, 7, 8]  # numbers are not text: a negative stays a number


def test_csv_safe_value_joins_lists_and_leaves_numbers():
    assert csv_safe_value(("财政部门", "=x")) == "财政部门、=x"  # only the field's start counts
    assert csv_safe_value(["=x", "y"]) == "'=x、y"
    assert csv_safe_value(-3) == -3 and csv_safe_value(None) is None
