"""Checking a plan against duties: findings, shares, the template round trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qpr
from qpr.analysis.coverage import check_plan
from qpr.analysis.matrix import task_table
from qpr.plans import read_plan

REG_TEXT = "".join(f"第{n}条 第{n}条的内容。\n" for n in "一二三") + "第四条 下列事项：\n（一）甲；\n（二）乙。\n" + \
    "".join(f"第{n}条 第{n}条的内容。\n" for n in ["五", "六", "七", "八", "九", "十"])


@pytest.fixture(scope="module")
def reg() -> qpr.Regulation:
    return qpr.parse(REG_TEXT, name="reg.txt")


def rows_of(table):
    return table.drop(columns=["article", "paragraph", "item"]).to_dict("records")


def test_template_left_unchanged_covers_everything(reg, small_duties):
    plan = read_plan(rows_of(task_table(small_duties)), reg)
    assert plan.problems == ()
    report = check_plan(small_duties, plan)
    assert report.overall == 1.0
    # All that is left is the lead of the duty the regulation gives no one (第四条第一款第（二）项).
    assert report.findings[["kind", "provision"]].values.tolist() == [["no-lead", "第四条第一款第（二）项"]]


def test_a_level_template_has_the_duties_nobody_is_assigned_to_and_coverage_counts_them(reg, small_duties):
    county = task_table(small_duties, level="county")
    row = county[county["条款"] == "第四条第一款第（二）项"].iloc[0]
    assert row["牵头单位"] == "" and row["lead_id"] is None
    report = check_plan(small_duties, read_plan(rows_of(county), reg), level="county")
    assert report.overall == 1.0 and "（未明确责任主体）" in report.by_actor.index
    without = read_plan([r for r in rows_of(county) if r["条款"] != "第四条第一款第（二）项"], reg)
    partial = check_plan(small_duties, without, level="county")
    assert partial.overall < 1.0 and "第四条第一款第（二）项" in set(partial.findings["provision"])


def test_missing_and_misassigned_tasks_are_reported(reg, small_duties):
    rows = rows_of(task_table(small_duties))
    rows = [r for r in rows if r["条款"] != "第十条第一款"]  # drop a duty's task
    for r in rows:
        if r["条款"] == "第二条第一款":
            r["牵头单位"] = "县财政局"  # the regulation names 人民政府
        if r["条款"] == "第三条第一款":
            r["配合单位"] = "有关部门"  # leaves 财政部门 out
    rows.append({"序号": "99", "条款": "第九条", "任务内容": "额外任务", "牵头单位": "县市场监管局"})
    report = check_plan(small_duties, read_plan(rows, reg))
    kinds = report.findings.groupby("kind")["provision"].apply(list).to_dict()
    assert kinds["no-task"] == ["第十条第一款"]
    assert kinds["lead-not-bearer"] == ["第二条第一款"]
    assert "第三条第一款" in kinds["bearer-left-out"]
    assert kinds["task-without-duty"] == ["第九条"]
    assert 0 < report.overall < 1
    assert report.by_actor.loc["财政部门", "coverage"] == 0.0


def test_unknown_article_and_unit_are_reported_with_row_and_nearest_names(reg, small_duties):
    rows = [
        {"条款": "第四十条", "牵头单位": "县市场监管局"},
        {"条款": "第四条第一款第（九）项", "牵头单位": "县市场监管局"},
        {"条款": "第三条", "牵头单位": "县市场监督管里局"},
        {"条款": "", "牵头单位": "县财政局"},
    ]
    plan = read_plan(rows, reg)
    problems = {(p.row, p.column): p for p in plan.problems}
    assert "no article 第四十条" in problems[(1, "条款")].message and "第十条" in problems[(1, "条款")].suggestions
    assert "no item 9" in problems[(2, "条款")].message and "第四条第一款第（一）项" in problems[(2, "条款")].suggestions
    assert "unknown unit" in problems[(3, "牵头单位")].message and problems[(3, "牵头单位")].suggestions
    assert (4, "条款") in problems
    report = check_plan(small_duties, plan)
    assert set(report.findings.loc[report.findings["kind"] == "plan-row", "task_row"]) == {1, 2, 3, 4}


def test_level_scoped_plan_is_checked_only_against_what_binds_that_level(reg, small_duties):
    county = task_table(small_duties, level="county")
    assert "第四条第一款第（一）项" not in set(county["条款"])  # city+ only
    report = check_plan(small_duties, read_plan(rows_of(county), reg), level="county")
    assert report.overall == 1.0


@settings(max_examples=30, deadline=None)
@given(st.sets(st.integers(0, 7)))
def test_coverage_is_a_share_and_dropping_tasks_never_raises_it(reg, small_duties, dropped):
    rows = rows_of(task_table(small_duties))
    kept = [r for i, r in enumerate(rows) if i not in dropped]
    full = check_plan(small_duties, read_plan(rows, reg)).overall
    if not kept:
        return
    partial = check_plan(small_duties, read_plan(kept, reg)).overall
    assert 0.0 <= partial <= full == 1.0


def test_a_lead_chosen_for_a_duty_nobody_is_assigned_to_is_not_a_wrong_lead(reg, small_duties):
    rows = rows_of(task_table(small_duties))
    for r in rows:
        if r["条款"] == "第四条第一款第（二）项":
            r["牵头单位"] = "县市场监管局"  # the regulation names no one: the planner chooses
    report = check_plan(small_duties, read_plan(rows, reg))
    assert report.overall == 1.0 and report.findings.empty
