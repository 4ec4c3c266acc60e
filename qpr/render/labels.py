"""Workbooks in one language: sheet names and column headers from ``qpr/data/labels.toml``.

Analysis names its columns for programs (``actor``, ``shared_with``) or, for
a 任务分工表, as the table is headed (牵头单位); a person opening a workbook
reads every header and sheet name in one language, Chinese by default.

>>> import pandas as pd
>>> localize(pd.DataFrame({"article": ["5"], "actor": ["财政部门"]}), "zh").columns.tolist()
['条', '责任主体']
>>> sheet_name("tasks", "en")
'task division plan'
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict

__all__ = ["LANGUAGES", "localize", "localized_workbook", "sheet_name"]

LANGUAGES = ("zh", "en")


class _Label(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    zh: str
    en: str


class _Labels(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: Literal[1] = 1
    sheets: dict[str, _Label]
    columns: dict[str, _Label]
    #: Per sheet: columns that mean something else there.
    in_: dict[str, dict[str, _Label]] = {}


@functools.cache
def _labels() -> _Labels:
    text = resources.files("qpr.data").joinpath("labels.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    data["in_"] = data.pop("in", {})
    return _Labels.model_validate(data)


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")


def sheet_name(key: str, lang: str) -> str:
    """The name of the sheet ``key`` (tasks, findings …) in ``lang``; an unlisted key is its own name."""
    _check(lang)
    label = _labels().sheets.get(key)
    return getattr(label, lang) if label else key


def _header(column: object, lang: str, sheet: str | None) -> object:
    labels = _labels()
    label = (labels.in_.get(sheet or "", {}).get(str(column)) if sheet else None) or labels.columns.get(str(column))
    return getattr(label, lang) if label else column


def localize(frame: pd.DataFrame, lang: str, *, sheet: str | None = None) -> pd.DataFrame:
    """``frame`` with its column headers (and a named index) in ``lang``; the values are untouched."""
    _check(lang)
    out = frame.rename(columns=lambda c: _header(c, lang, sheet))
    if out.index.name is not None:
        out.index.name = _header(out.index.name, lang, sheet)
    return out


def localized_workbook(sheets: Mapping[str, pd.DataFrame], lang: str, **options: object) -> bytes:
    """An xlsx workbook of ``sheets`` (keyed as in labels.toml's [sheets]) with names and headers in ``lang``."""
    from qpr.render.excel import frames_to_xlsx

    return frames_to_xlsx({sheet_name(key, lang): localize(frame, lang, sheet=key) for key, frame in sheets.items()},
                          **options)  # type: ignore[arg-type]
