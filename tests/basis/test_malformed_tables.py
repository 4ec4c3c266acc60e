"""Malformed tables give findings with line numbers: never an exception, never a lost row."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qpr.basis import FindingKind, articles_without_basis, read_basis

from .tables import make_docx, make_xlsx

SCRAPED_BAD = """\
《某市质量促进条例》立法依据对照表
条文顺序
条文内容 设立依据 备注
第一条 为了促进质量发展，根据有关法律法规，结合本市实际，制定本条例。 1.《中华人民共和国产品质量法》第一条 为了加强对产品质量的监督管理。
2.根据有关规定。
市、区人民政府应当加强对质量工作的领导。 1.《产品质量法》第七条 各级人民政府应当把提高产品质量纳入国民经济和社会发展规划。
市场监督管理部门负责质量促进的具体工作。
第三条 鼓励企业采取下列措施： 1.《国务院关于印发质量发展纲要(2011-2020年)的通知
（一）建立健全质量管理体系；
（二）开展质量攻关和质量比对。
第四条 本条例自2025年
"""


def _kinds(table):
    return [(f.kind, f.line, f.article) for f in table.findings]


def test_scraped_table_problems_are_findings_with_their_lines(draft, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(SCRAPED_BAD, encoding="utf-8")
    table = read_basis(draft, table=path)
    assert _kinds(table) == [
        (FindingKind.NO_TITLE, 5, "1"),  # 2.根据有关规定。 names no document
        (FindingKind.NO_ARTICLE_NUMBER, 6, "2"),  # 第二条's text with its 第二条 lost: attributed by its text
        (FindingKind.UNCLOSED_TITLE, 8, "3"),  # 《…通知 never closed
        (FindingKind.TRUNCATED_ROW, 11, "4"),  # 本条例自2025年 …
    ]
    # Nothing is lost: the entry without a title is kept, with no source.
    assert [(c.article, c.number, c.title, c.source_id) for c in table.citations_of(1)] == [
        ("1", 1, "中华人民共和国产品质量法", "S1"), ("1", 2, "", None)]
    assert [c.article for c in table.citations_of(2)] == ["2"]
    assert table.citations_of(3)[0].title == "国务院关于印发质量发展纲要(2011-2020年)的通知"
    assert [r.article for r in table.rows] == ["1", "2", "3", "4"]


def test_lines_before_the_first_row_are_reported_and_their_entries_kept(draft, tmp_path):
    path = tmp_path / "orphan.txt"
    path.write_text("条文内容 设立依据\n说明：本表依据现行文件整理\n1.《某某管理办法》第三条 不属于任何条文。\n"
                    "第一条 为了促进质量发展，根据有关法律法规，结合本市实际，制定本条例。 1.《甲法》第一条 甲。\n",
                    encoding="utf-8")
    table = read_basis(draft, table=path)
    assert _kinds(table)[:2] == [(FindingKind.UNATTRIBUTED, 2, None), (FindingKind.NO_ARTICLE_NUMBER, 3, None)]
    assert {(f.line, f.article) for f in table.findings if f.kind is FindingKind.MISSING_ROW} == {
        (4, "2"), (4, "3"), (4, "4")}  # after the only row, line 4
    orphan = [c for c in table.citations if c.article is None]
    assert len(orphan) == 1 and orphan[0].title == "某某管理办法" and orphan[0].line == 3
    missing = {f.article for f in table.findings if f.kind is FindingKind.MISSING_ROW}
    assert missing == {"2", "3", "4"}


def test_xlsx_rows_without_number_unknown_duplicate_and_empty_are_findings(draft, tmp_path):
    rows = [
        ["第一条", "为了促进质量发展，根据有关法律法规，结合本市实际，制定本条例。", "1.《甲法》第一条 甲。", None],
        [None, "这一行既没有条文序号，也不是任何条文。", "1.《乙法》第二条 乙。", None],  # row 5
        ["第二条", "市、区人民政府应当加强对质量工作的领导。市场监督管理部门负责质量促进的具体工作。",
         "1.《丙法》", None],
        ["第九条", "草案没有的条文。", "1.《丁法》第九条 丁。", None],  # row 7: unknown article
        ["第二条", "市、区人民政府应当加强对质量工作的领导。", "2.《戊法》第二条 戊。", None],  # row 8: duplicate
        ["第三条", None, None, None],  # row 9: label only
        ["第一章 总则", None, None, None],  # a heading row: skipped silently
    ]
    table = read_basis(draft, table=make_xlsx(tmp_path / "bad.xlsx", rows))
    kinds = _kinds(table)
    assert (FindingKind.NO_ARTICLE_NUMBER, 5, "1") in kinds
    assert (FindingKind.UNKNOWN_ARTICLE, 7, "9") in kinds
    assert (FindingKind.DUPLICATE_ROW, 8, "2") in kinds
    assert (FindingKind.TRUNCATED_ROW, 9, "3") in kinds
    assert (FindingKind.MISSING_ROW, 9, "4") in kinds  # after the last row
    # The row with no number keeps its entry, under the article of the row above, as the finding says.
    assert [(c.article, c.title, c.line) for c in table.citations if c.title == "乙法"] == [("1", "乙法", 5)]
    assert [c.number for c in table.citations_of(2)] == [1, 2]  # the duplicate row's entry is added
    assert [c.title for c in table.citations_of(9)] == ["丁法"]
    assert set(articles_without_basis(table)["article"]) == {"3", "4"}


def test_docx_row_with_no_article_number_but_an_articles_text_is_attributed_by_text(draft, tmp_path):
    rows = [
        ["第一条", "为了促进质量发展，根据有关法律法规，结合本市实际，制定本条例。", "1.《甲法》第一条 甲。", None],
        [None, "本条例自2025年1月1日起施行。", "1.《乙法》第九十九条 乙。", None],
    ]
    table = read_basis(draft, table=make_docx(tmp_path / "bad.docx", rows))
    assert (FindingKind.NO_ARTICLE_NUMBER, 4, "4") in _kinds(table)
    assert [c.title for c in table.citations_of(4)] == ["乙法"]


def test_tab_separated_row_with_fewer_cells_than_the_header_is_truncated(draft, tmp_path):
    path = tmp_path / "short.tsv"
    path.write_text("条文\t条文内容\t设立依据\t备注\n第一条\t为了促进质量发展，根据有关法律法规，结合本市实际，制定本条例。\t1.《甲法》第一条 甲。\t\n"
                    "第二条\t市、区人民政府应当加强对质量工作的领导。\n", encoding="utf-8")
    table = read_basis(draft, table=path)
    assert (FindingKind.TRUNCATED_ROW, 3, "2") in _kinds(table)


# ---- invariants over random damage


_LINES = [
    "第一条 为了促进质量发展，根据有关法律法规，结合本市实际，制定本条例。 1.《甲法》第一条 甲。",
    "2.《乙法》第二条 乙乙乙。",
    "第二条 市、区人民政府应当加强对质量工作的领导。 1.《丙法》第三条 丙。",
    "市场监督管理部门负责质量促进的具体工作。 2.《丁法》第四条 丁。",
    "第三条 鼓励企业采取下列措施： 1.《国务院关于印发质量发展纲要(2011-2020年)的通知》(四)创新。",
    "（一）建立健全质量管理体系；",
    "（二）开展质量攻关和质量比对。 2.《中共中央 国务院关于开展质量提升行动的指导意见》(二十八)加强。",
    "第四条 本条例自2025年1月1日起施行。",
    "引文的下一行，没有编号。",
    "3. 根据有关规定",
    "第九十条 草案没有的条文。 1.《戊法》",
]


def _damage(line: str, how: int) -> str:
    if how == 1:
        return line[: max(1, len(line) // 2)]  # cut off
    if how == 2:
        return line.replace("》", "", 1)  # title never closed
    if how == 3:
        return line.split(" ", 1)[-1]  # the article number or the content cell lost
    return line


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_LINES), st.integers(min_value=0, max_value=5)), min_size=1, max_size=12))
def test_any_damaged_scraped_table_reads_without_error_and_loses_no_entry(draft, lines):
    text = "条文内容 设立依据 备注\n" + "\n".join(_damage(line, how) for line, how in lines) + "\n"
    table = read_basis(draft, table=text.encode("utf-8"), name="random.txt")
    covered = {c.line for c in table.citations} | {f.line for f in table.findings}
    for c in table.citations:
        assert 0 <= c.span.start <= c.span.end <= len(table.text)
        for part in c.parts:
            covered.add(table.text.count("\n", 0, part.start) + 1)
    for number, line in enumerate(text.split("\n"), 1):
        if "《" in line:
            assert number in covered, (number, line)
