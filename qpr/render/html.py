"""HTML through Jinja2 templates: the one-page report and the notebook tables.

Templates are package data (``qpr/render/templates``) read with
importlib.resources, and autoescaping is on, so a regulation's text can never
become markup. Everything a page needs is inline (style, the heatmap as SVG):
a report opens on an offline government PC, and Chinese is set in whatever
CJK font the system has, through a font-family stack.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache
from importlib.resources import files
from typing import Any

import jinja2
import pandas as pd
import wcwidth

from qpr.render.vocabulary import CELL_COLOURS, CELL_INK, MODALITY_ZH, ROLE_ZH, cell_rank, level_zh

__all__ = ["environment", "records", "render_template"]


def _template_source(name: str) -> str:
    try:
        return (files("qpr.render") / "templates" / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise jinja2.TemplateNotFound(name) from exc


def _plain(value: object) -> object:
    """A template never sees pandas' missing values: NA and NaN are None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _text(value: object) -> str:
    """A cell as text: "" for missing, ISO for a date, 、 between list members."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt field fails the tests instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(text=_text, percent=_percent, level_zh=level_zh,
                       modality_zh=lambda m: MODALITY_ZH.get(str(m), str(m)),
                       role_zh=lambda r: ROLE_ZH.get(str(r), str(r)))
    env.globals.update(cell_rank=cell_rank, cell_colours=CELL_COLOURS, cell_ink=CELL_INK)
    return env


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


def records(frame: pd.DataFrame | None, *, index: bool = False) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts for a template (the index as a column when ``index``)."""
    if frame is None:
        return []
    if index:
        frame = frame.reset_index()
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def text_width(text: str) -> int:
    """Display columns of ``text``: 2 for a Chinese character, 1 for ASCII."""
    return max(wcwidth.wcswidth(text), len(text))
