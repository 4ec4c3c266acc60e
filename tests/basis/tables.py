"""A small draft and builders of its 对照表 as .xlsx and .docx, for the legal-basis tests."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

#: Entries per article, counted by reading the seed page (附件2) row by row.
#: 第十条 has one numbered entry and a second document cited in brackets inside it.
EXPECTED_COUNTS = {
    "1": 2, "2": 2, "3": 2, "4": 2, "5": 2, "6": 4, "7": 3, "8": 1, "9": 1, "10": 2,
    "11": 2, "12": 2, "13": 1, "14": 2, "15": 2, "16": 3, "17": 1, "18": 1, "19": 2, "20": 3,
    "21": 2, "22": 1, "23": 2, "24": 1, "25": 3, "26": 2, "27": 1, "28": 1, "29": 1, "30": 1, "31": 0,
}

#: A small draft of four articles: two paragraphs in 第二条, two items in 第三条.
DRAFT = """\
某市质量促进条例（草案）

第一条 为了促进质量发展，根据有关法律法规，结合本市实际，制定本条例。

第二条 市、区人民政府应当加强对质量工作的领导。

市场监督管理部门负责质量促进的具体工作。

第三条 鼓励企业采取下列措施：

（一）建立健全质量管理体系；

（二）开展质量攻关和质量比对。

第四条 本条例自2025年1月1日起施行。
"""

HEADER = ["条文", "条文内容", "设立依据", "备注"]

#: A well-formed table for DRAFT, one list of cells a row (None for an empty cell).
ROWS: list[list[str | None]] = [
    ["第一条", "为了促进质量发展，根据有关法律法规，结合本市实际，制定本条例。",
     "1.《中共中央国务院关于开展质量提升行动的指导意见》（2017年9月5日）\n"
     "2.《中共四川省委关于全面推动高质量发展的决定》", None],
    ["第二条", "市、区人民政府应当加强对质量工作的领导。\n市场监督管理部门负责质量促进的具体工作。",
     "1.《中华人民共和国产品质量法》第七条 各级人民政府应当把提高产品质量纳入国民经济和社会发展规划。\n"
     "2.《产品质量法》第八条 县级以上地方市场监督管理部门主管本行政区域内的产品质量监督工作。", None],
    ["第三条", "鼓励企业采取下列措施：\n（一）建立健全质量管理体系；\n（二）开展质量攻关和质量比对。",
     "1.《国务院关于印发质量发展纲要（2011—2020年）的通知》（四）创新质量发展激励机制。\n"
     "2.《中共中央 国务院关于开展质量提升行动的指导意见（中发〔2017〕24号）》（十二）实施质量攻关工程。", "=参见附件"],
    ["第四条", "本条例自2025年1月1日起施行。", None, None],
]


def make_xlsx(path: Path, rows: Sequence[Sequence[str | None]], *, header: Sequence[str] = HEADER,
              title: str | None = "《某市质量促进条例》立法依据对照表", sheet: str = "对照表") -> Path:
    """An .xlsx with a title row, a blank row, the header and ``rows`` (header on Excel row 3)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([title] if title else [])
    ws.append([])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a note that looks like a formula stays text in the fixture
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def make_docx(path: Path, rows: Sequence[Sequence[str | None]], *, header: Sequence[str] = HEADER,
              merge_label: tuple[int, int] | None = None) -> Path:
    """A .docx with a title paragraph and one table: the header and ``rows``.

    ``merge_label=(i, j)`` merges the 条文 cells of rows i..j vertically (0-based data rows).
    """
    import docx

    document = docx.Document()
    document.add_paragraph("《某市质量促进条例》立法依据对照表")
    table = document.add_table(rows=1, cols=len(header))
    for i, h in enumerate(header):
        table.rows[0].cells[i].text = h
    for row in rows:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = value or ""
    if merge_label:
        i, j = merge_label
        top, bottom = table.rows[i + 1].cells[0], table.rows[j + 1].cells[0]
        text = top.text
        merged = top.merge(bottom)
        merged.text = text
    buf = io.BytesIO()
    document.save(buf)
    path.write_bytes(buf.getvalue())
    return path
