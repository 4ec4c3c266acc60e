"""A user's own draft and 对照表 (.docx, .xlsx, text) get the same reading as the built-in table."""

from __future__ import annotations

import datetime as dt

import pytest

import qpr
from qpr.basis import (
    FindingKind,
    NoBasisTableError,
    articles_without_basis,
    basis_matrix,
    read_basis,
    sources_frame,
)
from qpr.errors import InputError, QprError

from .tables import DRAFT, ROWS, make_docx, make_xlsx


def _summary(table):
    return [(c.article, c.number, c.source_id, c.pinpoint) for c in table.citations]


EXPECTED = [
    ("1", 1, "S1", ""), ("1", 2, "S2", ""),
    ("2", 1, "S3", "第七条"), ("2", 2, "S3", "第八条"),
    ("3", 1, "S4", "(四)"), ("3", 2, "S1", "(十二)"),
]


def test_xlsx_table_is_read_from_the_header_row_it_finds(draft, tmp_path):
    table = read_basis(draft, table=make_xlsx(tmp_path / "basis.xlsx", ROWS))
    assert _summary(table) == EXPECTED
    assert not table.findings
    first = table.citations[0]
    assert first.line == 4 and first.date == dt.date(2017, 9, 5)  # Excel row 4: header on row 3
    assert first.span.slice(table.text).startswith("1.《中共中央国务院")
    assert table.title == "《某市质量促进条例》立法依据对照表"
    # 中华人民共和国产品质量法 and 产品质量法; the guidance with and without its 号
    assert table.source_by_id("S3").variants == ("中华人民共和国产品质量法", "产品质量法")
    assert len(table.source_by_id("S1").variants) == 2
    assert list(articles_without_basis(table)["article"]) == ["4"]


def test_docx_table_made_with_python_docx_gives_the_same_citations(draft, tmp_path):
    table = read_basis(draft, table=make_docx(tmp_path / "basis.docx", ROWS))
    assert _summary(table) == EXPECTED
    assert not table.findings
    # Lines count as qpr.reading counts a .docx: the title paragraph, the header row, then rows.
    assert [r.line for r in table.rows] == [3, 4, 5, 6]


def test_docx_rows_under_a_merged_article_cell_belong_to_that_article(draft, tmp_path):
    rows = [
        ROWS[0],
        ["第二条", "市、区人民政府应当加强对质量工作的领导。", "1.《产品质量法》第七条 各级人民政府应当。", None],
        [None, "市场监督管理部门负责质量促进的具体工作。", "2.《产品质量法》第八条 市场监督管理部门主管。", None],
        ROWS[2], ROWS[3],
    ]
    table = read_basis(draft, table=make_docx(tmp_path / "merged.docx", rows, merge_label=(1, 2)))
    assert [(c.article, c.number) for c in table.citations_of(2)] == [("2", 1), ("2", 2)]
    assert not table.findings  # the two cells, joined, are 第二条's whole text
    row = next(r for r in table.rows if r.article == "2")
    assert row.content.count("\n") == 1


def test_tab_separated_text_table_is_read_by_its_columns(draft, tmp_path):
    lines = ["\t".join(["条文顺序", "条文内容", "设立依据", "备注"])]
    for label, content, basis, note in ROWS:
        basis_line = (basis or "").replace("\n", " ")
        lines.append("\t".join([label or "", (content or "").replace("\n", ""), basis_line, note or ""]))
    path = tmp_path / "basis.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_basis(draft, table=path)
    assert _summary(table) == EXPECTED
    assert [r.line for r in table.rows] == [2, 3, 4, 5]


def test_scraped_text_table_in_gb18030_is_read_like_the_builtin(draft, tmp_path):
    scraped = (
        "《某市质量促进条例》立法依据对照表\n条文顺序\n条文内容 设立依据 备注\n"
        "第一条 为了促进质量发展，根据有关法律法规，结合本市实际，制定本条例。 1.《中共中央国务院关于开展质量提升行动的指导意见》(2017年9月5日)\n"
        "2.《四川省委关于全面推动高质量发展的决定》\n"
        "第二条 市、区人民政府应当加强对质量工作的领导。 1.《产品质量法》第七条 各级人民政府应当把提高产品质量纳入\n"
        "国民经济和社会发展规划。\n"
        "市场监督管理部门负责质量促进的具体工作。 2.《产品质量法》第八条 县级以上地方市场监督管理部门主管本行政区域内的产品质量监督工作。\n"
        "第三条 鼓励企业采取下列措施： 1.《国务院质量发展纲要》(四)创新质量发展激励机制。\n"
        "（一）建立健全质量管理体系；\n（二）开展质量攻关和质量比对。\n"
        "第四条 本条例自2025年1月1日起施行。\n"
    )
    path = tmp_path / "scraped.txt"
    path.write_bytes(scraped.encode("gb18030"))
    table = read_basis(draft, table=path)
    assert [(c.article, c.number, c.pinpoint) for c in table.citations] == [
        ("1", 1, ""), ("1", 2, ""), ("2", 1, "第七条"), ("2", 2, "第八条"), ("3", 1, "(四)")]
    law7 = table.citations_of(2)[0]
    assert law7.quote == "各级人民政府应当把提高产品质量纳入国民经济和社会发展规划。"
    assert not table.findings


def test_user_table_gets_the_same_analysis_frames(draft, tmp_path):
    table = read_basis(draft, table=make_xlsx(tmp_path / "basis.xlsx", ROWS))
    matrix = basis_matrix(table)
    assert list(matrix.index) == ["1", "2", "3", "4"] and matrix.loc["2", "S3"] == 2
    assert int(matrix.to_numpy().sum()) == len(table.citations)
    ranked = sources_frame(table)
    assert ranked.iloc[0]["source_id"] == "S1" and ranked.iloc[0]["articles"] == 2


def test_regulation_without_a_basis_table_raises_a_qpr_error(draft):
    with pytest.raises(NoBasisTableError) as info:
        read_basis(draft)
    assert isinstance(info.value, QprError) and isinstance(info.value, LookupError)
    assert "draft.txt" in str(info.value) and "--table" in str(info.value)


def test_unreadable_table_files_raise_input_errors_naming_the_file(draft, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_basis(draft, table=tmp_path / "missing.xlsx")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"\.xls/\.doc"):
        read_basis(draft, table=old)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04not really a workbook")
    with pytest.raises(InputError, match="broken.xlsx"):
        read_basis(draft, table=broken)


def test_xlsx_without_a_header_row_is_a_basis_error_saying_what_was_expected(draft, tmp_path):
    from qpr.basis import BasisError

    path = make_xlsx(tmp_path / "noheader.xlsx", ROWS, header=["甲", "乙", "丙", "丁"])
    with pytest.raises(BasisError, match="设立依据") as info:
        read_basis(draft, table=path)
    assert info.value.source == str(path)


def test_table_given_as_bytes_is_sniffed(draft, tmp_path):
    data = make_xlsx(tmp_path / "basis.xlsx", ROWS).read_bytes()
    assert _summary(read_basis(draft, table=data, name="upload.xlsx")) == EXPECTED


def test_builtin_table_read_from_a_file_matches_the_attached_one(tmp_path, builtin_table):
    """Passing the seed page itself as --table reads its 附件2 the same way."""
    reg = qpr.load()
    path = tmp_path / "page.txt"
    path.write_text(reg.text, encoding="utf-8")
    again = read_basis(reg, table=path)
    assert [(c.article, c.number, c.source_id, c.pinpoints) for c in again.citations
            if c.article is not None] == [(c.article, c.number, c.source_id, c.pinpoints)
                                         for c in builtin_table.citations]
    assert all(f.kind is not FindingKind.MISSING_ROW for f in again.findings)


def test_a_word_draft_with_its_table_attached_is_read_without_table_argument(tmp_path):
    import docx

    document = docx.Document()
    for line in DRAFT.splitlines():
        if line.strip():
            document.add_paragraph(line)
    document.add_paragraph("附件2 《某市质量促进条例》立法依据对照表")
    grid = document.add_table(rows=1, cols=4)
    for i, h in enumerate(["条文", "条文内容", "设立依据", "备注"]):
        grid.rows[0].cells[i].text = h
    for row in ROWS:
        cells = grid.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = value or ""
    path = tmp_path / "draft.docx"
    document.save(str(path))
    reg = qpr.load(path)
    table = read_basis(reg)
    assert _summary(table) == EXPECTED and not table.findings
    assert table.text == reg.text and table.citations[0].span.slice(reg.text).startswith("1.《中共中央国务院")


def test_html_table_cells_keep_their_line_breaks(draft):
    def cell(text):
        return (text or "").replace("\n", "<br>")

    html = ("<html><body><p>对照表</p><table><tr><th>条文</th><th>条文内容</th><th>设立依据</th></tr>"
            + "".join(f"<tr><td>{r[0]}</td><td>{cell(r[1])}</td><td>{cell(r[2])}</td></tr>" for r in ROWS)
            + "</table></body></html>")
    table = read_basis(draft, table=html.encode("utf-8"), name="basis.html")
    assert _summary(table) == EXPECTED and not table.findings
