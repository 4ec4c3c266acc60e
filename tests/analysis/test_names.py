"""Bodies are shown as the regulation names them, their registry id beside; in English on request."""

from __future__ import annotations

import pytest

import qpr
from qpr.analysis import actor_summary, party_names, regulation_names, responsibility_matrix, task_table
from qpr.duties import extract, to_frame


@pytest.fixture(scope="module")
def reading(builtin):
    return extract(builtin)


def test_the_matrix_names_bodies_as_the_sichuan_text_does(reading):
    m = responsibility_matrix(reading)
    # The draft says 经济和信息化, 科技, 金融监管; the registry's canonical names are not shown.
    assert {"经济和信息化部门", "科技部门", "金融监管部门"} <= set(m.index)
    assert not {"工业和信息化部门", "科学技术部门", "地方金融监督管理部门"} & set(m.index)
    ids = m.attrs["actor_ids"]
    assert ids["经济和信息化部门"] == "industry-it" and ids["科技部门"] == "science-technology"
    assert ids["金融监管部门"] == "local-financial-regulation"


def test_one_body_named_two_ways_is_one_row_under_the_name_used_most(reading):
    m = responsibility_matrix(reading)
    # 市场监督管理部门 (14 times) and 市场监管部门 (once) are one body.
    assert "市场监督管理部门" in m.index and "市场监管部门" not in m.index
    assert regulation_names(to_frame(reading.duties))["market-regulation"] == "市场监督管理部门"


def test_canonical_names_on_request(reading):
    m = responsibility_matrix(reading, names="canonical")
    assert {"工业和信息化部门", "科学技术部门", "生态环境部门"} <= set(m.index)
    assert "经济和信息化部门" not in m.index


def test_english_names_come_from_the_registry(reading):
    m = responsibility_matrix(reading, lang="en")
    assert "industry and information technology department" in m.index
    assert m.attrs["actor_ids"]["industry and information technology department"] == "industry-it"
    assert m.index[-1] == "(unassigned)"
    assert not any("部门" in name for name in m.index if name in m.attrs["actor_ids"])


def test_party_names_rejects_an_unknown_style(reading):
    with pytest.raises(ValueError, match="unknown names"):
        party_names(to_frame(reading.duties), names="official")


def test_task_table_and_summary_use_the_regulations_names_with_ids(reading):
    table = task_table(reading)
    row = table[table["条款"] == "第十五条第一款"].iloc[0]
    assert row["牵头单位"] == "经济和信息化部门" and row["lead_id"] == "industry-it"
    assert "工业和信息化部门" not in "".join(table["配合单位"])
    summary = actor_summary(reading)
    assert summary.loc["科技部门", "actor_id"] == "science-technology"


def test_a_regulation_without_the_registrys_own_names_keeps_its_words():
    reg = qpr.parse("第一条 县级以上人民政府经信部门应当做好工作。\n第二条 县级以上人民政府经信部门可以检查。\n")
    m = responsibility_matrix(extract(reg))
    assert list(m.index) == ["经信部门"] and m.attrs["actor_ids"] == {"经信部门": "industry-it"}
