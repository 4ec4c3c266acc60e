"""The comment form's rows: one per drafting finding, a suggestion in Chinese, the provision quoted."""

from __future__ import annotations

import pandas as pd
import pytest

from qpr.duties import extract
from qpr.render.comment_form import (
    COMMENT_COLUMNS,
    FINDING_NOTES,
    comment_form_header,
    comment_rows,
)

#: The duties of the built-in draft that name no bearer (第八、十、十一、十二、十三、十五、二十五条).
UNASSIGNED = {
    "第八条第一款": (8, 1), "第十条第一款": (10, 1), "第十一条第一款": (11, 1), "第十二条第一款": (12, 1),
    "第十二条第三款": (12, 3), "第十三条第一款": (13, 1), "第十五条第二款": (15, 2), "第二十五条第二款": (25, 2),
}


def test_rows_have_the_form_columns_and_one_row_per_finding(builtin_rows, builtin_findings):
    assert list(builtin_rows.columns) == ["条文序号", "修改意见(增加条款)", "设立依据", "备注"] == COMMENT_COLUMNS
    assert len(builtin_rows) == len(builtin_findings) > 0
    assert builtin_rows["条文序号"].tolist() == builtin_findings["provision"].tolist()


def test_every_unassigned_duty_gets_a_row_that_quotes_its_provision(builtin, builtin_rows):
    missing = builtin_rows[builtin_rows["备注"] == "责任主体缺失"]
    assert set(missing["条文序号"]) == set(UNASSIGNED)
    assert len(missing) == 8
    for row in missing.itertuples(index=False):
        article, paragraph = UNASSIGNED[row[0]]
        words = builtin.article(article).paragraphs[paragraph - 1].text
        suggestion = row[1]
        assert suggestion.startswith("建议明确“") and "的责任主体，如“县级以上人民政府XX部门”。" in suggestion
        assert f"原条文：“{words}”" in suggestion


def test_unassigned_suggestion_quotes_the_duty_up_to_its_first_clause(builtin_rows):
    row = builtin_rows[builtin_rows["条文序号"] == "第十条第一款"].iloc[0]
    assert row["修改意见(增加条款)"].splitlines()[0] == "建议明确“建立政府质量奖励制度……”的责任主体，如“县级以上人民政府XX部门”。"


def test_department_left_out_of_the_responsibilities_article_is_named_with_the_article(builtin_rows):
    row = builtin_rows[(builtin_rows["条文序号"] == "第十二条第一款") & (builtin_rows["备注"] == "部门职责未列明")].iloc[0]
    assert "建议在第五条中增加教育部门" in row["修改意见(增加条款)"]


def test_basis_cell_lists_the_articles_cited_sources(builtin_rows):
    row = builtin_rows[builtin_rows["条文序号"] == "第十条第一款"].iloc[0]
    assert row["设立依据"].splitlines() == [
        "《国务院关于印发质量发展纲要(2011-2020年)的通知》(四)",
        "《中共中央国务院关于开展质量提升行动的指导意见》(二十六)",
    ]
    # Pinpoints under one heading are written once: 三、(一)(二)…
    eight = builtin_rows[builtin_rows["条文序号"] == "第八条第一款"].iloc[0]
    assert eight["设立依据"] == "《国务院关于印发质量发展纲要(2011-2020年)的通知》三、(一)(二)(三)(四)(五)"


def test_remarks_are_chinese_for_every_finding(builtin_rows):
    assert set(builtin_rows["备注"]) <= set(FINDING_NOTES.values())


def test_header_carries_the_notices_deadline_address_and_contacts(builtin):
    header = comment_form_header(builtin)
    assert header.title == "《四川省质量促进条例》意见反馈表"
    assert header.attachment == "附件3"
    lines = dict(header.lines)
    assert lines["提交截止日期"] == "2020年4月24日"
    assert lines["提交方式"] == "发送电子邮件至 184625276@qq.com"
    assert lines["联系人"] == "杜兵，电话：86607695；王雯，电话：86607573"
    assert header.blanks == ("填报单位/个人", "联系方式")


def test_regulation_without_a_notice_gets_a_bare_header_and_empty_basis(bare):
    header = comment_form_header(bare)
    assert header.title == "意见反馈表" and header.attachment is None and header.lines == ()
    rows = comment_rows(extract(bare), bare)
    assert rows["条文序号"].tolist() == ["第一条第一款"]
    assert rows["设立依据"].tolist() == [""]
    assert rows["修改意见(增加条款)"].iloc[0].endswith("原条文：“建立制度。”")


def _finding(kind: str, article: str, paragraph: int | None, item: int | None = None, *,
             actor: str | None = None, message: str = "", text: str = "") -> dict[str, object]:
    from qpr.numerals import provision_label

    provision = provision_label(article, paragraph, item)
    return {"kind": kind, "provision": provision, "article": article, "paragraph": paragraph, "item": item,
            "actor": actor, "task_row": None, "message": message, "text": text}


@pytest.mark.parametrize(("kind", "expected"), [
    ("open-bearer", "建议将“有关部门”明确为具体部门，如“县级以上人民政府XX部门”"),
    ("no-concrete-duty", "建议在相关条款中细化财政部门的具体职责，或在本条中删去财政部门。"),
    ("not-in-responsibilities", "建议在第二条中增加财政部门"),
    ("no-duty", "本条未规定责任主体和具体义务"),
    ("encouragement-only", "本条仅作倡导性规定"),
    ("unread", "建议核实本条款的责任主体和具体要求"),
])
def test_each_kind_of_finding_gets_its_own_suggestion(tiny, kind, expected):
    article, paragraph = ("3", 1) if kind == "open-bearer" else ("2", 2)
    message = "财政部门 has duties but the responsibilities article (第二条) does not name it"
    findings = pd.DataFrame([_finding(kind, article, paragraph, actor="财政部门", message=message, text="x")])
    rows = comment_rows(extract(tiny), tiny, findings=findings)
    cell = rows["修改意见(增加条款)"].iloc[0]
    assert expected in cell
    assert rows["备注"].iloc[0] == FINDING_NOTES[kind]
    assert "\n原条文：“" in cell


def test_quotation_marks_inside_a_quoted_provision_become_single(builtin, builtin_reading):
    findings = pd.DataFrame([_finding("no-duty", "27", None)])
    cell = comment_rows(builtin_reading, builtin, findings=findings)["修改意见(增加条款)"].iloc[0]
    assert "‘双随机、一公开’" in cell and "“双随机" not in cell


def test_an_item_is_quoted_with_its_label(builtin, builtin_rows):
    row = builtin_rows[builtin_rows["条文序号"] == "第六条第一款第（一）项"].iloc[0]
    assert "原条文：“(一)建立质量促进专项基金" in row["修改意见(增加条款)"]


def test_a_former_name_is_not_proposed_the_current_one_is(builtin_rows):
    """第二十条 names 环境保护部门, replaced by 生态环境部门 in 2018: the form proposes the current name."""
    art20 = builtin_rows[builtin_rows["条文序号"] == "第二十条第一款"]
    suggestions = " ".join(art20["修改意见(增加条款)"])
    assert "增加环境保护部门" not in suggestions and "增加生态环境部门" in suggestions
    renamed = art20[art20["备注"] == "机构名称已调整"].iloc[0]["修改意见(增加条款)"]
    assert renamed.startswith("“环境保护部门”在2018年机构改革后已调整为“生态环境部门”，建议将“环境保护部门”修改为“生态环境部门”。")
    double = art20[art20["备注"] == "名称表述不一致"].iloc[0]["修改意见(增加条款)"]
    assert "统一表述为“市场监督管理部门”" in double
