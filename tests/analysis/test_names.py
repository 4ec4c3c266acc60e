"""Bodies are shown as the regulation names them, their registry id beside; in English on request."""

from __future__ import annotations

import pytest

import qpr
from qpr.actors import registry
from qpr.analysis import (
    actor_summary,
    drafting_findings,
    party_names,
    regulation_names,
    responsibility_matrix,
    task_table,
)
from qpr.analysis.names import former_name, naming_findings
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


# -- former names and one body named two ways ----------------------------------------------------



@pytest.mark.parametrize(("old", "year", "today"), [
    ("环境保护部门", 2018, "生态环境部门"),
    ("工商行政管理部门", 2018, "市场监督管理部门"),
    ("质量技术监督部门", 2018, "市场监督管理部门"),
    ("食品药品监督管理部门", 2018, "市场监督管理部门"),
    ("国土资源部门", 2018, "自然资源部门"),
    ("卫生计生部门", 2018, "卫生健康部门"),
    ("安全生产监督管理部门", 2018, "应急管理部门"),
    ("文化部门", 2018, "文化和旅游部门"),
    ("旅游部门", 2018, "文化和旅游部门"),
])
def test_the_registry_knows_the_renamed_bodies_of_the_2018_reform(old, year, today):
    assert former_name(registry(), old) == (year, today)


def test_current_names_are_not_former_names():
    assert former_name(registry(), "生态环境部门") is None and former_name(registry(), "经济和信息化部门") is None


def test_the_sichuan_drafts_old_and_double_names_are_findings(reading, builtin):
    found = {(f.kind, f.written): f for f in naming_findings(reading.duties, reading.registry)}
    old = found[("outdated-name", "环境保护部门")]
    assert (old.current, old.until, str(old.provision)) == ("生态环境部门", 2018, "第二十条第一款")
    double = found[("inconsistent-name", "市场监管部门")]
    assert double.current == "市场监督管理部门" and double.others == ("市场监督管理部门",)
    findings = drafting_findings(reading, builtin)
    kinds = set(zip(findings["kind"], findings["actor"]))
    assert ("outdated-name", "环境保护部门") in kinds and ("inconsistent-name", "市场监管部门") in kinds


def test_a_suffix_a_task_name_or_a_defined_term_is_not_a_second_name():
    text = ("第一条 市城乡建设主管部门是本市燃气主管部门。燃气主管部门应当加强监督。\n"
            "第二条 市城乡建设部门应当做好工作。城乡建设主管部门可以检查。\n"
            "第三条 市市场监督管理部门（以下简称监管部门）应当检查。监管部门应当公布结果。\n")
    r = extract(qpr.parse(text))
    assert naming_findings(r.duties, r.registry) == []


def test_a_written_name_that_does_not_read_back_as_its_body_is_passed_over():
    import pandas as pd

    frame = pd.DataFrame({"actor": ["举办成人学历教育的学校"] * 3 + ["学校"], "actor_id": ["school"] * 4,
                          "actor_name": ["学校"] * 4})
    assert regulation_names(frame) == {"school": "学校"}  # a description is not a unit a plan can name
