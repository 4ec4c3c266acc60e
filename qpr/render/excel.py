"""DataFrames to an Excel workbook that opens cleanly in Excel, WPS and LibreOffice.

One sheet per frame, each with a bold, frozen header row and a filter on it,
columns as wide as their text (measured in display cells, so a Chinese
character counts two) up to a cap, long text wrapped, and no text ever
taken for a formula: a cell whose text starts with ``=``, ``+``, ``-`` or
``@`` is written as a string with Excel's quote prefix (the apostrophe you
would type), so neither opening the file nor editing the cell runs it.

>>> import pandas as pd
>>> data = frames_to_xlsx({"citations": pd.DataFrame({"article": ["1"], "quote": ["=1+1"]})})
>>> data[:2]
b'PK'
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
import wcwidth

from qpr.render.cells import FORMULA_PREFIXES, looks_like_formula

__all__ = ["EXCEL_MAX_CELL", "FORMULA_PREFIXES", "frames_to_xlsx", "sanitize_sheet_name"]

#: The most characters an Excel cell holds.
EXCEL_MAX_CELL = 32767
_SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# XML 1.0 forbids these control characters; openpyxl raises on them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sanitize_sheet_name(name: str, taken: set[str] | None = None) -> str:
    """A legal, unique sheet name: no ``[]:*?/\\``, not quoted at its ends, at most 31 characters.

    ``taken`` holds the names already used (compared case-insensitively, as
    Excel does); the name gets `` (2)``, `` (3)`` … when it clashes.
    """
    clean = _BAD_SHEET_CHARS.sub("_", _ILLEGAL.sub("", str(name))).strip().strip("'").strip()
    if not clean:
        clean = "Sheet"
    if clean.casefold() == "history":  # reserved by Excel
        clean = "History_"
    clean = clean[:_SHEET_NAME_MAX]
    used = {t.casefold() for t in (taken or set())}
    candidate, n = clean, 1
    while candidate.casefold() in used:
        n += 1
        suffix = f" ({n})"
        candidate = clean[:_SHEET_NAME_MAX - len(suffix)] + suffix
    return candidate


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes, list, tuple, set, dict)) else False
    except (TypeError, ValueError):
        return False


def _cell_value(value: Any) -> tuple[Any, bool]:
    """The value to store and whether it is text that must never be read as a formula."""
    if _is_missing(value):
        return None, False
    if isinstance(value, (bool,)):
        return value, False
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, bool):
        return value, False
    if isinstance(value, int):
        # Excel keeps 15 significant digits: longer integers (ids) are written as text.
        return (value, False) if abs(value) < 10**15 else _text(str(value))
    if isinstance(value, float):
        return (value, False) if math.isfinite(value) else _text(str(value))
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return (value.replace(tzinfo=None) if value.tzinfo else value), False
    if isinstance(value, (dt.date, dt.time)):
        return value, False
    if isinstance(value, (list, tuple, set, frozenset)):
        return _text("、".join(str(v) for v in value))
    if isinstance(value, bytes):
        return _text(value.decode("utf-8", errors="replace"))
    return _text(str(value))


def _text(text: str) -> tuple[str, bool]:
    text = _ILLEGAL.sub("", text)
    if len(text) > EXCEL_MAX_CELL:
        text = text[:EXCEL_MAX_CELL - 1] + "…"
    return text, looks_like_formula(text)


def _display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        text = f"{value:.6g}"
    elif isinstance(value, (dt.datetime, dt.date)):
        text = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    else:
        text = str(value)
    widths = [wcwidth.wcswidth(line) for line in text.split("\n")]
    return max((w if w >= 0 else len(line)) for w, line in zip(widths, text.split("\n")))


def _flat_columns(frame: pd.DataFrame) -> list[str]:
    if isinstance(frame.columns, pd.MultiIndex):
        return [" / ".join(str(p) for p in col if str(p) != "") for col in frame.columns]
    return [str(c) for c in frame.columns]


def _with_index(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a meaningful index (named, or not 0..n-1) turned into leading columns."""
    index = frame.index
    named = any(n is not None for n in index.names)
    default = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    if named or not default:
        return frame.reset_index()
    return frame


def frames_to_xlsx(sheets: Mapping[str, pd.DataFrame], *, max_width: int = 60, min_width: int = 6) -> bytes:
    """Write each frame to its own sheet and return the workbook's bytes.

    Sheet names are made legal and unique (:func:`sanitize_sheet_name`), in
    the order given. A frame's index is written as leading columns when it is
    named or is not the default 0..n-1 (a matrix keeps its row labels), else
    left out. Column widths follow the widest text (display cells, so Chinese
    counts double) between ``min_width`` and ``max_width``; a column with
    longer text or line breaks wraps. Text starting with ``=``, ``+``, ``-``
    or ``@`` is stored as text with the quote prefix, never as a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    if not sheets:
        raise ValueError("no sheets to write: give at least one DataFrame")
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "qpr"
    taken: set[str] = set()
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="F2F2F2")
    header_align = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for name, frame in sheets.items():
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"sheet {name!r}: expected a pandas DataFrame, got {type(frame).__name__}")
        title = sanitize_sheet_name(name, taken)
        taken.add(title)
        ws = wb.create_sheet(title)
        frame = _with_index(frame)
        headers = _flat_columns(frame)
        widths = [_display_width(h) for h in headers]
        wraps = [False] * len(headers)
        for c, header in enumerate(headers, 1):
            cell = ws.cell(row=1, column=c)
            value, guard = _text(header)
            cell.value = value
            if guard:
                cell.data_type = "s"
                cell.quotePrefix = True
            cell.font = bold
            cell.fill = header_fill
            cell.alignment = header_align
        for r, row in enumerate(frame.itertuples(index=False, name=None), 2):
            for c, raw in enumerate(row, 1):
                value, guard = _cell_value(raw)
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c)
                cell.value = value
                if guard:
                    # openpyxl reads a leading "=" as a formula: force text, and set Excel's
                    # quote prefix so that editing the cell in Excel or WPS keeps it text too.
                    cell.data_type = "s"
                    cell.quotePrefix = True
                if isinstance(value, dt.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm:ss"
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                w = _display_width(value)
                if w > widths[c - 1]:
                    widths[c - 1] = w
                if isinstance(value, str) and ("\n" in value or w > max_width):
                    wraps[c - 1] = True
        for c, (w, wrapped) in enumerate(zip(widths, wraps), 1):
            letter = get_column_letter(c)
            ws.column_dimensions[letter].width = min(max(w + 2, min_width), max_width)
            align = wrap if wrapped else top
            for (cell,) in ws.iter_rows(min_row=2, min_col=c, max_col=c):
                cell.alignment = align
        ws.freeze_panes = "A2"
        if headers:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 1)}"
        # Printed (or turned into PDF), a sheet is landscape A4, every column on the page, the header on each page.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
