"""Rendering: DataFrames and records to tables, CSV, JSON, Excel and Word.

Rendering never decides what is in a table, only how it looks; analysis
builds the DataFrames.
"""

from typing import TYPE_CHECKING

from qpr.render.output import write_output

if TYPE_CHECKING:  # what __getattr__ gives, for type checkers
    from qpr.render.tables import render_frame

__all__ = ["TEXT_FORMATS", "render_frame", "write_output"]

TEXT_FORMATS = ("table", "markdown", "csv", "json")


def __getattr__(name: str) -> object:
    # render_frame needs pandas: loaded when first asked for, so writing a file or a few records does not.
    if name == "render_frame":
        from qpr.render.tables import render_frame

        return render_frame
    raise AttributeError(f"module 'qpr.render' has no attribute {name!r}")
