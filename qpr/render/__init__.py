"""Rendering: DataFrames and records to tables, CSV, JSON, Excel and Word.

Rendering never decides what is in a table, only how it looks; analysis
builds the DataFrames.
"""

from qpr.render.tables import TEXT_FORMATS, render_frame
from qpr.render.output import write_output

__all__ = ["TEXT_FORMATS", "render_frame", "write_output"]
