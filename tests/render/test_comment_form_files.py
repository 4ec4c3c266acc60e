"""The comment form as Word and Excel files, opened again the way a reader's software would."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from qpr.render.comment_form import (
    BLANK_ROWS,
    COMMENT_COLUMNS,
    comment_form_docx,
    comment_form_xlsx,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def builtin_docx(builtin, builtin_rows):
    import docx

    return docx.Document(io.BytesIO(comment_form_docx(builtin, builtin_rows)))


@pytest.fixture(scope="module")
def builtin_xlsx(builtin, builtin_rows):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(comment_form_xlsx(builtin, builtin_rows))).active


def _cells(row) -> list[str]:
    return [c.text for c in row.cells]


def test_docx_has_the_four_columns_and_one_row_per_finding(builtin_docx, builtin_rows):
    (table,) = builtin_docx.tables
    assert _cells(table.rows[0]) == COMMENT_COLUMNS
    assert len(table.rows) == 1 + len(builtin_rows)
    for row, expected in zip(table.rows[1:], builtin_rows.itertuples(index=False, name=None)):
        assert _cells(row) == list(expected)


def test_docx_header_names_the_title_deadline_and_address(builtin_docx):
    text = "\n".join(p.text for p in builtin_docx.paragraphs)
    assert "《四川省质量促进条例》意见反馈表" in text
    assert "提交截止日期：2020年4月24日" in text
    assert "提交方式：发送电子邮件至 184625276@qq.com" in text
    assert "联系人：杜兵，电话：86607695；王雯，电话：86607573" in text
    assert "填报单位/个人：" in text and "联系方式：" in text
    assert builtin_docx.core_properties.title == "《四川省质量促进条例》意见反馈表"
    assert builtin_docx.core_properties.author == ""


def test_docx_is_landscape_a4_with_a_repeated_header_row_and_borders(builtin_docx):
    from docx.enum.section import WD_ORIENT

    section = builtin_docx.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    tbl = builtin_docx.tables[0]._tbl
    assert tbl.tr_lst[0].trPr.find(f"{W}tblHeader") is not None
    assert tbl.tblPr.find(f"{W}tblBorders") is not None
    assert tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    # Properties in the order the schema requires (Word refuses files that break it).
    tags = [el.tag.removeprefix(W) for el in tbl.tblPr]
    assert tags == sorted(tags, key=["tblStyle", "tblW", "jc", "tblBorders", "tblLayout", "tblCellMar", "tblLook"].index)


def test_docx_names_an_east_asian_font_on_every_run(builtin_docx):
    runs = [r for p in builtin_docx.paragraphs for r in p.runs]
    runs += [r for row in builtin_docx.tables[0].rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert runs
    fonts = {r._element.rPr.rFonts.get(f"{W}eastAsia") for r in runs}
    assert fonts <= {"宋体", "黑体", "楷体"} and "宋体" in fonts


def test_docx_without_findings_has_blank_rows_to_fill(bare):
    import docx

    empty = pd.DataFrame(columns=COMMENT_COLUMNS)
    document = docx.Document(io.BytesIO(comment_form_docx(bare, empty)))
    (table,) = document.tables
    assert _cells(table.rows[0]) == COMMENT_COLUMNS
    assert len(table.rows) == 1 + BLANK_ROWS
    assert all(not any(_cells(r)) for r in table.rows[1:])
    assert document.paragraphs[0].text == "意见反馈表"


def test_rows_missing_a_column_are_refused(bare):
    with pytest.raises(ValueError, match="备注"):
        comment_form_docx(bare, pd.DataFrame(columns=COMMENT_COLUMNS[:3]))


def _header_row(ws) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == "条文序号":
            return row[0].row
    raise AssertionError("no header row")


def test_xlsx_has_the_title_header_and_one_row_per_finding(builtin_xlsx, builtin_rows):
    ws = builtin_xlsx
    head = _header_row(ws)
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=head - 1, max_col=1)]
    above = [v[0] for v in values if v[0]]
    assert above[:2] == ["附件3", "《四川省质量促进条例》意见反馈表"]
    assert "提交截止日期：2020年4月24日" in above
    assert any("184625276@qq.com" in v for v in above)
    assert [c.value for c in ws[head]] == COMMENT_COLUMNS
    body = [[c.value or "" for c in row] for row in ws.iter_rows(min_row=head + 1, max_col=4)]
    assert body == [list(r) for r in builtin_rows.itertuples(index=False, name=None)]
    assert ws.freeze_panes == f"A{head + 1}"
    assert ws.print_title_rows == f"${head}:${head}"
    assert ws.page_setup.orientation == "landscape"


def test_xlsx_without_a_notice_or_findings_is_still_a_form(bare):
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(comment_form_xlsx(bare, pd.DataFrame(columns=COMMENT_COLUMNS)))).active
    head = _header_row(ws)
    assert ws.cell(row=1, column=1).value == "意见反馈表"
    assert ws.max_row == head + BLANK_ROWS


def test_xlsx_never_stores_text_as_a_formula(bare):
    from openpyxl import load_workbook

    rows = pd.DataFrame([["第一条", "=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)"]], columns=COMMENT_COLUMNS)
    ws = load_workbook(io.BytesIO(comment_form_xlsx(bare, rows))).active
    head = _header_row(ws)
    cells = list(ws[head + 1])
    assert [c.value for c in cells] == ["第一条", "=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)"]
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells[1:])
