"""qpr.render.excel: sheets that open cleanly, with a frozen bold header, and text that never runs as a formula."""

from __future__ import annotations

import io
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qpr.render.excel import frames_to_xlsx, sanitize_sheet_name

DANGEROUS = ["=1+2", "+SUM(1,2)", "-3+4", "@SUM(1)", "=HYPERLINK(\"http://example.com\",\"x\")", "-", "=", "+86 10 1234"]


def _load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_text_that_looks_like_a_formula_stays_text_after_a_round_trip():
    data = frames_to_xlsx({"quotes": pd.DataFrame({"quote": DANGEROUS, "n": range(len(DANGEROUS))})})
    ws = _load(data)["quotes"]
    cells = [ws.cell(row=r, column=1) for r in range(2, len(DANGEROUS) + 2)]
    assert [c.value for c in cells] == DANGEROUS
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)  # Excel and WPS keep it text when the cell is edited
    assert [ws.cell(row=r, column=2).value for r in range(2, 5)] == [0, 1, 2]  # numbers stay numbers
    assert b"<f>" not in _sheet_xml(data)  # no formula element anywhere


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_header_row_is_bold_and_frozen_with_a_filter():
    data = frames_to_xlsx({"a": pd.DataFrame({"article": ["1"], "title": ["产品质量法"]})})
    ws = _load(data)["a"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b and ws["B1"].font.b
    assert ws.auto_filter.ref == "A1:B2"


def test_column_widths_measure_chinese_as_double_width_and_cap_long_text():
    long_text = "质量" * 100
    frame = pd.DataFrame({"id": ["1"], "title": ["中共中央国务院关于开展质量提升行动的指导意见"], "quote": [long_text]})
    ws = _load(frames_to_xlsx({"s": frame}))["s"]
    assert ws.column_dimensions["A"].width == 6  # min width
    assert ws.column_dimensions["B"].width == 2 * 22 + 2
    assert ws.column_dimensions["C"].width == 60  # capped
    assert ws["C2"].alignment.wrap_text and not ws["B2"].alignment.wrap_text


def test_sheet_names_are_sanitised_and_unique():
    assert sanitize_sheet_name("a/b:c*d?e[f]g\\h") == "a_b_c_d_e_f_g_h"
    assert len(sanitize_sheet_name("条" * 40)) == 31
    assert sanitize_sheet_name("'quoted'") == "quoted"
    assert sanitize_sheet_name("") == "Sheet"
    assert sanitize_sheet_name("History") == "History_"
    assert sanitize_sheet_name("Matrix", {"matrix"}) == "Matrix (2)"
    data = frames_to_xlsx({"x/y": pd.DataFrame({"a": [1]}), "x:y": pd.DataFrame({"a": [2]}), "条" * 40: pd.DataFrame()})
    assert _load(data).sheetnames == ["x_y", "x_y (2)", "条" * 31]


def test_a_named_index_is_written_as_leading_columns():
    matrix = pd.DataFrame([[1, 0], [0, 2]], index=pd.Index(["1", "2"], name="article"), columns=["S1", "S2"])
    ws = _load(frames_to_xlsx({"matrix": matrix}))["matrix"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [["article", "S1", "S2"], ["1", 1, 0], ["2", 0, 2]]


def test_missing_values_lists_dates_and_control_characters_are_written_safely():
    import datetime as dt

    frame = pd.DataFrame({
        "maybe": [None, float("nan"), pd.NA],
        "list": [("a", "b"), ["c"], []],
        "date": [dt.date(2017, 9, 5), pd.Timestamp("2018-06-30"), None],
        "text": ["a\x00b", "c\x0bd", "x" * 40000],
    })
    ws = _load(frames_to_xlsx({"s": frame}))["s"]
    assert [ws.cell(row=r, column=1).value for r in (2, 3, 4)] == [None, None, None]
    assert ws["B2"].value == "a、b" and ws["C2"].value.date() == dt.date(2017, 9, 5)
    assert ws["D2"].value == "ab" and ws["D3"].value == "cd" and len(ws["D4"].value) == 32767


def test_no_sheets_is_an_error():
    with pytest.raises(ValueError, match="at least one"):
        frames_to_xlsx({})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), min_size=1, max_size=8))
def test_any_text_survives_a_round_trip_and_never_becomes_a_formula(texts):
    data = frames_to_xlsx({"t": pd.DataFrame({"text": texts})})
    ws = _load(data)["t"]
    import re

    def expected(t: str) -> str | None:
        t = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", t)
        return t or None

    for r, t in enumerate(texts, 2):
        cell = ws.cell(row=r, column=1)
        got = cell.value
        want = expected(t)
        # openpyxl normalises \r\n inside XML text as XML does; compare without carriage returns.
        assert (got or "").replace("\r", "") == (want or "").replace("\r", ""), (t, got)
        assert cell.data_type != "f"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_does_not_evaluate_formula_like_text(tmp_path):
    path = tmp_path / "danger.xlsx"
    path.write_bytes(frames_to_xlsx({"s": pd.DataFrame({"text": DANGEROUS})}))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "csv", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=120)
    lines = (tmp_path / "danger.csv").read_text(encoding="utf-8", errors="replace").splitlines()
    import csv

    values = [row[0] for row in csv.reader(lines[1:])]
    assert values == DANGEROUS
