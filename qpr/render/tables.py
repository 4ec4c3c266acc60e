"""Text renderings of a DataFrame: an aligned table, Markdown, CSV, JSON."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

# tabulate measures Chinese with wcwidth when it is importable; importing it
# here makes a missing install fail loudly instead of misaligning columns.
import wcwidth
from tabulate import tabulate

from qpr.render import TEXT_FORMATS
from qpr.render.cells import csv_safe_frame


def _cell(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return value


def render_frame(frame: pd.DataFrame, fmt: str, *, max_width: int | None = None) -> str:
    """Render ``frame`` as text in one of :data:`TEXT_FORMATS`.

    ``max_width`` truncates long cells in the ``table`` format only, so a
    terminal table stays readable; the other formats always carry full text.
    """
    if fmt == "csv":
        # utf-8-sig is chosen by the writer for files; here we return text.
        return csv_safe_frame(frame).to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt not in ("table", "markdown"):
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(TEXT_FORMATS)}")
    rows = []
    for row in frame.itertuples(index=False, name=None):
        cells = [_cell(v) for v in row]
        if max_width and fmt == "table":
            cells = [_truncate(c, max_width) if isinstance(c, str) else c for c in cells]
        rows.append(cells)
    # disable_numparse keeps ids such as "3.10" or "006" exactly as written.
    return tabulate(rows, headers=list(frame.columns), tablefmt="github" if fmt == "markdown" else "simple",
                    disable_numparse=True) + "\n"


def _truncate(text: str, width: int) -> str:
    text = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    if 2 * len(text) <= width:
        return text  # fits whatever its characters: no need to measure
    # Measure only as far as the cut: a duty's action runs to hundreds of characters.
    out, used = [], 0
    for i, ch in enumerate(text):
        w = max(wcwidth.wcwidth(ch), 0)
        if used + w > width - 1:
            rest = text[i:]  # what is left may still just fit (the last character filling the cell)
            if len(rest) <= width - used and wcwidth.wcswidth(rest) <= width - used:
                return text
            break
        out.append(ch)
        used += w
    else:
        return text
    return "".join(out) + "…"
