"""What to call each body in a table: the regulation's own name, today's canonical one, or English.

A regulation names its bodies in its jurisdiction's words (the Sichuan draft's
经济和信息化部门 is the registry's 工业和信息化部门, its 科技部门 the 科学技术部门):
planners read a matrix or a 任务分工表 against the text, so by default a body
is shown as the regulation names it, one name per body (the name it uses most,
so 市场监督管理部门 and 市场监管部门 make one row), its registry id beside.

>>> import pandas as pd
>>> frame = pd.DataFrame({"actor": ["经济和信息化部门", "科技部门", None],
...                       "actor_id": ["industry-it", "science-technology", None],
...                       "actor_name": ["工业和信息化部门", "科学技术部门", None]})
>>> party_names(frame).tolist()
['经济和信息化部门', '科技部门', None]
>>> party_names(frame, names="canonical").tolist()
['工业和信息化部门', '科学技术部门', None]
>>> party_names(frame, lang="en").tolist()
['industry and information technology department', 'science and technology department', None]
"""

from __future__ import annotations

import re
from typing import Literal

import pandas as pd

from qpr.actors.registry import Registry

__all__ = ["NAME_STYLES", "NameStyle", "check_name_style", "party_names", "regulation_names"]

#: What separates units in a 任务分工表 cell (qpr.plans reads them so).
_LIST_MARKS = re.compile(r"[、，,；;/]")
NameStyle = Literal["regulation", "canonical"]
NAME_STYLES: tuple[str, ...] = ("regulation", "canonical")


def check_name_style(names: str, lang: str) -> None:
    if names not in NAME_STYLES:
        raise ValueError(f"unknown names {names!r}; expected one of {', '.join(NAME_STYLES)}")
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")


def regulation_names(frame: pd.DataFrame) -> dict[str, str]:
    """Each actor id -> the written name the duties use most for it (the first written, on a tie).

    A name must tell bodies apart: where the text uses one word for two bodies
    (机关 read as 国家机关 in one sentence and as a party the registry does not
    know in another), the body gets its next name, else its canonical one. A
    written name that reads as a list (企业、事业单位) is passed over too: a
    任务分工表 separates units with 、.
    """
    named = frame[frame["actor_id"].notna() & frame["actor"].notna()]
    if named.empty:
        return {}
    # Names of parties the registry does not know are theirs alone.
    taken = set(frame.loc[frame["actor_id"].isna() & frame["actor"].notna(), "actor"])
    canonical = frame["actor_name"] if "actor_name" in frame.columns else frame["actor"]
    canonical_of = dict(zip(named["actor_id"], canonical[named.index].where(canonical[named.index].notna(),
                                                                             named["actor"])))
    counts = named.groupby(["actor_id", "actor"], sort=False).size().reset_index(name="n")
    # groupby(sort=False) keeps first-appearance order, and a stable sort keeps it among equal counts.
    counts = counts.sort_values("n", ascending=False, kind="stable")
    candidates: dict[str, list[str]] = {}
    for aid, written in counts[["actor_id", "actor"]].itertuples(index=False, name=None):
        candidates.setdefault(aid, []).append(written)
    chosen: dict[str, str] = {}
    for aid, names in candidates.items():
        free = [n for n in names if n not in taken and not _LIST_MARKS.search(n)]
        chosen[aid] = free[0] if free else canonical_of[aid]
        taken.add(chosen[aid])
    return chosen


def party_names(frame: pd.DataFrame, *, names: NameStyle = "regulation", lang: str = "zh",
                registry: Registry | None = None) -> pd.Series:
    """One display name per duty row (None for a duty nobody is assigned to).

    ``names="regulation"`` gives each body the name the regulation uses most
    for it; ``"canonical"`` today's canonical name (生态环境部门 for a text's
    环境保护部门), which is the one to use across many regulations at once.
    ``lang="en"`` gives the registry's English name instead, for every body the
    registry knows (a party it does not know keeps its Chinese name).
    """
    check_name_style(names, lang)
    written = frame["actor"]
    if lang == "en":
        from qpr.actors.registry import registry as builtin_registry

        actors = registry or builtin_registry()
        english = {aid: actor.name_en for aid in frame["actor_id"].dropna().unique()
                   if (actor := actors.get(aid)) is not None}
        return _text(frame["actor_id"].map(english).where(frame["actor_id"].isin(list(english)), written))
    if names == "canonical":
        canonical = frame["actor_name"] if "actor_name" in frame.columns else written
        return _text(canonical.where(canonical.notna(), written))
    own = regulation_names(frame)
    return _text(frame["actor_id"].map(own).where(frame["actor_id"].isin(list(own)), written))


def _text(names: pd.Series) -> pd.Series:
    """Names as plain Python objects, None where there is no name (whatever string dtype pandas chose)."""
    out = names.astype(object)
    return out.where(out.notna(), None)
