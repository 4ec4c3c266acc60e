"""A few records as an aligned table, Markdown or JSON, without pandas.

For answers of a handful of fields (``qpr actors lookup``), where importing
pandas would cost more than the whole answer; tables of many rows go through
:func:`qpr.render.tables.render_frame`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from tabulate import tabulate

__all__ = ["render_records"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def render_records(records: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """``records`` as ``table``, ``markdown`` or ``json`` text (csv goes through render_frame, which quotes it)."""
    columns = list(columns or (records[0].keys() if records else ()))
    if fmt == "json":
        return json.dumps([{c: r.get(c) for c in columns} for r in records], ensure_ascii=False, indent=2) + "\n"
    if fmt not in ("table", "markdown"):
        raise ValueError(f"unknown format {fmt!r} for records; expected table, markdown or json")
    rows = [[_cell(r.get(c)) for c in columns] for r in records]
    return tabulate(rows, headers=columns, tablefmt="github" if fmt == "markdown" else "simple",
                    disable_numparse=True) + "\n"
