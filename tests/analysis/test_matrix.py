"""Responsibility matrix, task table and actor summary on hand-made duties."""

from __future__ import annotations

from qpr.analysis.duties import level_binds
from qpr.analysis.matrix import UNASSIGNED, actor_summary, responsibility_matrix, task_table


def test_matrix_cells_combine_role_and_modality_codes(small_duties):
    m = responsibility_matrix(small_duties)
    assert m.index.name == "责任主体" and m.columns.name == "条"
    assert list(m.columns) == ["2", "3", "4", "5", "10"]  # legal order, not string order
    assert m.loc["市场监督管理部门", "3"] == "主"
    assert m.loc["市场监督管理部门", "4"] == "可"
    assert m.loc["市场监督管理部门", "10"] == "禁"
    assert m.loc["有关部门", "3"] == "协"
    assert m.loc["企业", "5"] == "励"
    assert m.loc[UNASSIGNED["zh"], "4"] == "主"
    assert m.index[-1] == UNASSIGNED["zh"]


def test_matrix_counts_equal_duty_counts(small_duties):
    m = responsibility_matrix(small_duties, by="provision")
    cells = sum(len(v) for v in m.to_numpy().ravel())
    assert cells == len({(d.provision, d.actor, d.role) for d in small_duties})


def test_matrix_in_english_and_by_level(small_duties):
    m = responsibility_matrix(small_duties, lang="en")
    assert m.loc["market regulation department", "3"] == "S" and m.index.name == "actor"
    county = responsibility_matrix(small_duties, level="county")
    assert "4" not in county.columns  # the city+ duty does not bind a county
    assert "企业" not in county.index  # targets have no level


def test_split_levels_gives_one_row_per_actor_and_level(small_duties):
    m = responsibility_matrix(small_duties, collapse_levels=False)
    assert "市场监督管理部门 [county+]" in m.index and "市场监督管理部门 [city+]" in m.index


def test_level_binds():
    assert level_binds("county+", "county") and level_binds("county+", "province")
    assert not level_binds("city+", "county") and not level_binds("county+", "township")
    assert level_binds("all", "township") and level_binds("city+county", "county")
    assert not level_binds(None, "county")


def test_task_table_lead_partners_and_deadline(small_duties):
    t = task_table(small_duties)
    assert list(t.columns[:6]) == ["序号", "条款", "任务内容", "牵头单位", "配合单位", "完成时限"]
    row = t[t["条款"] == "第三条第一款"].iloc[0]
    assert row["牵头单位"] == "市场监督管理部门" and row["配合单位"] == "财政部门、有关部门"
    assert t[t["条款"] == "第四条第一款第（一）项"].iloc[0]["完成时限"] == "每年"
    unassigned = t[t["条款"] == "第四条第一款第（二）项"].iloc[0]
    assert unassigned["牵头单位"] == "" and unassigned["备注"] == "条例未明确责任主体，请确定牵头单位"
    assert list(t["序号"]) == list(range(1, len(t) + 1))
    assert "第五条第一款" not in set(t["条款"])  # encouragement only: no task


def test_actor_summary_counts(small_duties):
    s = actor_summary(small_duties)
    mr = s.loc["市场监督管理部门"]
    assert (mr["duties"], mr["lead"], mr["shall"], mr["may"], mr["must_not"]) == (3, 3, 1, 1, 1)
    assert s.loc["财政部门", "co_bearer"] == 1 and s.loc["有关部门", "partner"] == 1
    assert s.loc["企业", "encouraged"] == 1
    assert "财政部门(1)" in s.loc["市场监督管理部门", "shared_with"]


def test_actor_summary_of_a_regulation_where_no_two_parties_share_a_provision():
    # Regression: grouping no pairs at all gave a frame where a column was expected.
    import qpr
    from qpr.analysis import actor_summary

    summary = actor_summary(qpr.extract_duties(qpr.parse("第一条 县级以上人民政府应当加强领导。\n")))
    assert summary.loc["人民政府", "shared_with"] == "" and summary.loc["人民政府", "duties"] == 1
