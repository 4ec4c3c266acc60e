"""Responsibility matrices, the 任务分工表 (task-division table) and per-actor summaries.

All three are built from one tidy duty frame with vectorised pandas, so the
same code serves one regulation in a notebook and the whole corpus in the
benchmark (a million duty rows).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from qpr.analysis.duties import DutySource, binds_mask, provision_key, source_duties
from qpr.duties.frame import to_frame
from qpr.duties.model import Duty
from qpr.numerals import provision_label

__all__ = [
    "CELL_CODES",
    "UNASSIGNED",
    "actor_summary",
    "duty_frame",
    "matrix_cells",
    "responsibility_matrix",
    "task_table",
]

#: Cell codes, in the order they are written inside one cell: (role, modality) -> (中文, English).
CELL_CODES: dict[tuple[str, str], tuple[str, str]] = {
    ("bearer", "shall"): ("主", "S"),
    ("bearer", "may"): ("可", "M"),
    ("bearer", "must_not"): ("禁", "N"),
    ("partner", "shall"): ("协", "P"),
    ("partner", "may"): ("协", "P"),
    ("partner", "must_not"): ("协", "P"),
    ("target", "encouraged"): ("励", "E"),
}
_CODE_ORDER = [("主", "S"), ("可", "M"), ("禁", "N"), ("协", "P"), ("励", "E")]

#: The row label of duties nobody is assigned to.
UNASSIGNED = {"zh": "（未明确责任主体）", "en": "(unassigned)"}


def duty_frame(duties: DutySource) -> pd.DataFrame:
    """Accept a Reading, duties or an already built frame (as from :func:`qpr.duties.to_frame`).

    Adds ``party``: the actor's current canonical name (生态环境部门 for a
    2020 text's 环境保护部门), so one body is one row however the text spells it.
    """
    given = source_duties(duties)
    frame = given if isinstance(given, pd.DataFrame) else to_frame(given)
    if "party" not in frame.columns:
        names = frame["actor_name"] if "actor_name" in frame.columns else frame["actor"]
        frame = frame.assign(party=names.fillna(frame["actor"]))
    return frame


def _article_order(articles: pd.Series) -> list[str]:
    """Article ids in legal order: 2 < 10 < 10-1 < 11."""
    def key(a: str) -> tuple[int, int, str]:
        head, _, sub = a.partition("-")
        return (int(head) if head.isdigit() else 10**9, int(sub) if sub.isdigit() else 0, a)

    return sorted(pd.unique(articles), key=key)


def matrix_cells(
    duties: DutySource,
    *,
    by: str = "article",
    level: str | None = None,
    government_only: bool = False,
    collapse_levels: bool = True,
    lang: str = "zh",
) -> pd.DataFrame:
    """The responsibility matrix in long form: one row per non-empty cell (actor, column, code).

    This is the form to use across many regulations at once, where a dense
    actors x articles table would be mostly empty; :func:`responsibility_matrix`
    pivots it for one regulation. Arguments as for :func:`responsibility_matrix`.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")
    if by not in ("article", "provision"):
        raise ValueError(f"unknown axis {by!r}; expected 'article' or 'provision'")
    frame = duty_frame(duties)
    if level is not None:
        frame = frame[binds_mask(frame["level"], level)]
    if government_only:
        frame = frame[frame["level"].notna()]
    if frame.empty:
        return pd.DataFrame(columns=["actor", "column", "code"])
    i = 0 if lang == "zh" else 1
    actor = frame["party"].fillna(UNASSIGNED[lang])
    if not collapse_levels:
        actor = actor + np.where(frame["level"].notna(), " [" + frame["level"].fillna("") + "]", "")
    column = frame["article"] if by == "article" else _provision_label(frame)
    # One boolean column per code, OR-ed per cell by a vectorised groupby.any().
    pair = frame["role"] + "/" + frame["modality"]
    work = pd.DataFrame({"actor": actor.to_numpy(), "column": column.to_numpy()})
    for role_modality, codes in CELL_CODES.items():
        name = codes[i]
        hit = (pair == "/".join(role_modality)).to_numpy()
        work[name] = (work[name].to_numpy() | hit) if name in work.columns else hit
    flags = work.groupby(["actor", "column"], sort=False).any()
    code = pd.Series("", index=flags.index)
    for zh_en in _CODE_ORDER:
        code = code + np.where(flags[zh_en[i]].to_numpy(), zh_en[i], "")
    return code.rename("code").reset_index()


def responsibility_matrix(
    duties: DutySource,
    *,
    by: str = "article",
    level: str | None = None,
    government_only: bool = False,
    collapse_levels: bool = True,
    lang: str = "zh",
) -> pd.DataFrame:
    """Actors x articles (or x provisions); each cell the codes of what the actor must do there.

    Codes: 主 bearer-shall, 可 may, 禁 must-not, 协 partner, 励 encouraged target
    (``lang="en"``: S, M, N, P, E). ``level`` keeps only duties that bind a body
    at that level (county, city, …); ``government_only`` keeps governments and
    their departments (rows with a level); ``collapse_levels=False`` splits an
    actor's row by level (人民政府 [county+] and 人民政府 [city+]).
    Duties nobody is assigned to form their own row, last.
    """
    cells = matrix_cells(duties, by=by, level=level, government_only=government_only,
                         collapse_levels=collapse_levels, lang=lang)
    index_name = "actor" if lang == "en" else "责任主体"
    column_name = ("article" if by == "article" else "provision") if lang == "en" else ("条" if by == "article" else "条款")
    if cells.empty:
        empty = pd.DataFrame()
        empty.index.name, empty.columns.name = index_name, column_name
        return empty
    matrix = cells.pivot(index="actor", columns="column", values="code").fillna("")
    order = _article_order(cells["column"]) if by == "article" else list(pd.unique(cells["column"]))
    matrix = matrix.reindex(columns=order, fill_value="")
    # Actors with most cells first; the unassigned row last.
    filled = (matrix != "").sum(axis=1)
    rows = sorted(matrix.index, key=lambda a: (a == UNASSIGNED[lang], -filled[a], a))
    matrix = matrix.loc[rows]
    matrix.index.name, matrix.columns.name = index_name, column_name
    return matrix


def _provision_label(frame: pd.DataFrame) -> pd.Series:
    item = frame["item"].astype("string").fillna("")
    return frame["article"] + "." + frame["paragraph"].astype(str) + np.where(item != "", "." + item, "")


def task_table(duties: DutySource, *, level: str | None = None) -> pd.DataFrame:
    """The regulation as a 任务分工表: 序号, 条款, 任务内容, 牵头单位, 配合单位, 完成时限.

    One row per provision that obliges someone (or no one: 牵头单位 then says
    so). The first-named bearer leads; other bearers and partners cooperate;
    recurrence and deadlines fill 完成时限 (长期 when the text sets none).
    """
    frame = duty_frame(duties)
    frame = frame[frame["role"].isin(["bearer", "partner"])]
    if level is not None:
        frame = frame[binds_mask(frame["level"], level)]
    columns = ["序号", "条款", "任务内容", "牵头单位", "配合单位", "完成时限", "article", "paragraph", "item"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame.assign(_item=frame["item"].astype("Int64").fillna(0))
    rows = []
    for (article, paragraph, item), group in frame.groupby(["article", "paragraph", "_item"], sort=False):
        bearers = list(dict.fromkeys(group.loc[group["role"] == "bearer", "party"].dropna()))
        partners = [a for a in dict.fromkeys(group.loc[group["role"] == "partner", "party"].dropna()) if a not in bearers]
        lead = bearers[0] if bearers else UNASSIGNED["zh"]
        recurrence = group["recurrence"].dropna()
        deadline = group["deadline"].dropna()
        when = "；".join(dict.fromkeys([*deadline, *recurrence])) or "长期"
        action = "".join(dict.fromkeys(group["action"]))
        rows.append({
            "条款": provision_label(article, paragraph, item or None),
            "任务内容": action,
            "牵头单位": lead,
            "配合单位": "、".join(bearers[1:] + partners),
            "完成时限": when,
            "article": article,
            "paragraph": int(paragraph),
            "item": int(item) if item else None,
        })
    table = pd.DataFrame(rows)
    order = {a: i for i, a in enumerate(_article_order(table["article"]))}
    table = table.sort_values(["article", "paragraph", "item"], key=lambda s: s.map(order) if s.name == "article" else s.fillna(0),
                              kind="stable").reset_index(drop=True)
    table.insert(0, "序号", range(1, len(table) + 1))
    table["item"] = table["item"].astype("Int64")
    return table[columns]


def actor_summary(duties: DutySource) -> pd.DataFrame:
    """Per actor: duties held, how many as lead, as partner, mandatory vs permitted vs encouraged, shared with whom."""
    frame = duty_frame(duties)
    frame = frame[frame["party"].notna()]
    columns = ["duties", "lead", "co_bearer", "partner", "shall", "may", "must_not", "encouraged", "shared_with"]
    if frame.empty:
        return pd.DataFrame(columns=columns).rename_axis("actor")
    frame = frame.assign(_prov=provision_key(frame))
    holders = frame[frame["role"].isin(["bearer", "partner"])]
    first_bearer = holders[holders["role"] == "bearer"].groupby("_prov")["party"].first()
    is_lead = (holders["role"] == "bearer") & (holders["party"].values == holders["_prov"].map(first_bearer).values)
    summary = pd.DataFrame({
        "duties": holders.groupby("party")["_prov"].nunique(),
        "lead": holders[is_lead].groupby("party")["_prov"].nunique(),
        "co_bearer": holders[(holders["role"] == "bearer") & ~is_lead].groupby("party")["_prov"].nunique(),
        "partner": holders[holders["role"] == "partner"].groupby("party")["_prov"].nunique(),
        "shall": holders[holders["modality"] == "shall"].groupby("party")["_prov"].nunique(),
        "may": holders[holders["modality"] == "may"].groupby("party")["_prov"].nunique(),
        "must_not": holders[holders["modality"] == "must_not"].groupby("party")["_prov"].nunique(),
        "encouraged": frame[frame["role"] == "target"].groupby("party")["_prov"].nunique(),
    }).fillna(0).astype(int)
    # Who each actor shares provisions with, most often first.
    pairs = holders[["_prov", "party"]].drop_duplicates()
    joined = pairs.merge(pairs, on="_prov", suffixes=("", "_other"))
    joined = joined[joined["party"] != joined["party_other"]]
    counts = joined.groupby(["party", "party_other"]).size().reset_index(name="n")
    counts = counts.sort_values(["party", "n", "party_other"], ascending=[True, False, True])
    labels = counts["party_other"] + "(" + counts["n"].astype(str) + ")"
    # Joined per party by a plain groupby.agg: groupby.apply on no pairs at all gives a frame, not a series.
    shared = labels.groupby(counts["party"]).agg("、".join)
    summary["shared_with"] = shared.reindex(summary.index).astype(object).fillna("")
    summary = summary.sort_values(["duties", "lead"], ascending=False, kind="stable")
    summary.index.name = "actor"
    return summary[columns]
