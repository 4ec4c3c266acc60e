"""Every analysis function on duty sets of awkward shapes, under every pandas qpr supports.

Empty and all-missing columns are float64 in any pandas, and pandas 3 keeps
text as ``str`` (Arrow-backed with pyarrow): string concatenation and
``fillna("")`` on such columns raised or warned (issue 14). CI runs this with
and without pyarrow and with the oldest pandas allowed; warnings are errors
(pyproject's filterwarnings).
"""

from __future__ import annotations

import pandas as pd
import pytest

from qpr.analysis import (
    actor_summary,
    check_plan,
    duties_for,
    matrix_cells,
    responsibility_matrix,
    task_table,
)
from qpr.analysis._text import as_text
from qpr.duties import to_frame
from qpr.plans.model import Plan, ProvisionRef, Task
from tests.analysis.conftest import duty

SHAPES = {
    "no duties": [],
    "one actor, shares with no one": [
        duty("2", 1, None, "市场监督管理部门", "market-regulation", "bearer"),
        duty("3", 1, None, "市场监督管理部门", "market-regulation", "bearer", "may"),
    ],
    "nobody assigned": [duty("2", 1, None, None, None, "bearer", level=None)],
    "only targets": [duty("2", 1, None, "企业", "enterprise", "target", "encouraged")],
    "a party the registry does not know": [duty("2", 1, 1, "燃气经营者", None, "bearer", level=None)],
}


def task(row: int, article: str, lead: str = "县市场监督管理局", lead_id: str | None = "market-regulation",
         number: str = "") -> Task:
    return Task(row, number, f"第{article}条", (ProvisionRef(article),), "做某事", lead, lead_id, (), (), "")


PLANS = {
    "no tasks": Plan("empty.csv", ()),
    "a task with no number": Plan("p.csv", (task(2, "2"),)),
    "a task pointing at no duty": Plan("p.csv", (task(2, "9", number="1"),)),
    "a task led by someone else": Plan("p.csv", (task(2, "2", "县教育局", "education", "1"),)),
}


@pytest.fixture(params=["list", "frame"])
def as_given(request):
    """The analysis functions take Duty records or their frame: try both."""
    return (lambda duties: duties) if request.param == "list" else to_frame


@pytest.mark.parametrize("shape", SHAPES)
def test_matrix_task_table_and_summary_take_any_shape(shape, as_given):
    duties = as_given(SHAPES[shape])
    for by in ("article", "provision"):
        for collapse in (True, False):
            matrix_cells(duties, by=by, collapse_levels=collapse)
            responsibility_matrix(duties, by=by, collapse_levels=collapse, lang="en")
    table = task_table(duties, level="county")
    assert list(table.columns)[:6] == ["序号", "条款", "任务内容", "牵头单位", "配合单位", "完成时限"]
    summary = actor_summary(duties)
    assert "shared_with" in summary.columns
    assert all(isinstance(v, str) for v in summary["shared_with"])
    duties_for(duties, level="county")


def test_an_actor_who_shares_no_provision_has_an_empty_shared_with():
    summary = actor_summary(SHAPES["one actor, shares with no one"])
    assert summary.loc["市场监督管理部门", "shared_with"] == "" and summary.loc["市场监督管理部门", "duties"] == 2


def test_shared_with_lists_the_most_shared_first(small_duties):
    summary = actor_summary(small_duties + [duty("4", 1, 1, "财政部门", "finance", "bearer")])
    assert summary.loc["市场监督管理部门", "shared_with"] == "财政部门(2)、有关部门(1)"


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("plan", PLANS)
def test_check_plan_takes_any_shape_and_any_plan(shape, plan, as_given):
    report = check_plan(as_given(SHAPES[shape]), PLANS[plan])
    assert 0.0 <= report.overall <= 1.0
    assert report.findings["message"].map(lambda m: isinstance(m, str) and "nan" not in m).all()


def test_a_task_led_by_someone_else_names_the_bearer():
    report = check_plan(SHAPES["one actor, shares with no one"], PLANS["a task led by someone else"])
    wrong = report.findings[report.findings["kind"] == "lead-not-bearer"]
    assert list(wrong["message"]) == ["task 1 is led by 县教育局, but the regulation names 市场监督管理部门 for 第2条"]


@pytest.mark.parametrize("column", [
    pd.Series([], dtype=float), pd.Series([float("nan")]), pd.Series([None, "a"]), pd.Series(["a", "b"]),
    pd.Series([1, None], dtype="Int64"),
])
def test_as_text_concatenates_whatever_the_column_holds(column):
    joined = "x" + as_text(column, "-")
    assert list(joined) == ["x" + ("-" if pd.isna(v) else str(v)) for v in column]
