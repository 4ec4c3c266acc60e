"""What a spreadsheet must never take for a formula, in every file qpr writes that one may open.

OWASP's rule for CSV injection: a field that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is run as a formula by Excel, WPS and
LibreOffice (``=HYPERLINK(…)``, ``@SUM(1)``), and plans and regulations are
text from outside. In a CSV file such a field gets a leading apostrophe,
which the spreadsheet shows as text (and a reader of the file sees); the xlsx
writers store it as a string with Excel's quote prefix instead. Lists (the
units a provision is shared with) are written as the Chinese enumeration
Excel users type, joined with 、, not as a Python list.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["FORMULA_PREFIXES", "csv_safe_frame", "csv_safe_value", "looks_like_formula"]

#: Leading characters that make a spreadsheet read a cell as a formula (OWASP's CSV-injection list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def csv_safe_value(value: Any) -> Any:
    """``value`` as a CSV field: a list joined with 、, text that looks like a formula quoted with '."""
    if isinstance(value, (list, tuple, set, frozenset)):
        value = "、".join(str(v) for v in value)
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def csv_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text and list cell (and column name) made safe by :func:`csv_safe_value`.

    Numbers and dates are left as they are; text columns are handled whole
    (vectorised), other columns that hold objects cell by cell.
    """
    out = {}
    for name, column in frame.items():
        if pd.api.types.is_string_dtype(column.dtype) and column.dtype != object:
            risky = column.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool)
            out[name] = column.where(~risky, "'" + column) if risky.any() else column
        elif column.dtype == object:
            out[name] = column.map(csv_safe_value)
        else:
            out[name] = column
    safe = pd.DataFrame(out, index=frame.index)
    safe.columns = [csv_safe_value(str(c)) if isinstance(c, str) else c for c in frame.columns]
    return safe
