"""Responsibility matrices, the 任务分工表 (task-division table) and per-actor summaries.

All three are built from one tidy duty frame with vectorised pandas, so the
same code serves one regulation in a notebook and the whole corpus in the
benchmark (a million duty rows).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qpr.actors.registry import Registry
from qpr.analysis._text import as_text
from qpr.analysis.duties import (
    DutySource,
    binds_mask,
    provision_key,
    source_duties,
    source_registry,
)
from qpr.analysis.names import NameStyle, check_name_style, party_names, unit_name
from qpr.duties.frame import to_frame
from qpr.duties.model import Reading
from qpr.numerals import provision_label

__all__ = [
    "CELL_CODES",
    "TASK_COLUMNS",
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

#: The columns of a 任务分工表 as a person reads and edits it (task_table adds ids and the provision for programs).
TASK_COLUMNS = ["序号", "条款", "任务内容", "牵头单位", "配合单位", "完成时限", "备注"]

#: The 备注 of a task for a duty the regulation gives no one: the planner assigns it.
UNASSIGNED_NOTE = {"zh": "条例未明确责任主体，请确定牵头单位", "en": "the regulation names no one: assign a lead"}

#: The row label of duties nobody is assigned to.
UNASSIGNED = {"zh": "（未明确责任主体）", "en": "(unassigned)"}


def duty_frame(duties: DutySource, *, names: NameStyle = "regulation", lang: str = "zh",
               registry: Registry | None = None) -> pd.DataFrame:
    """Accept a Reading, duties or an already built frame (as from :func:`qpr.duties.to_frame`).

    Adds ``party``: one name per body however the text spells it, by default
    the name the regulation uses most for it (经济和信息化部门 where the registry
    says 工业和信息化部门); see :func:`~qpr.analysis.names.party_names` for
    ``names`` and ``lang``. The registry id stays in ``actor_id``.
    """
    given = source_duties(duties)
    frame = given if isinstance(given, pd.DataFrame) else to_frame(given)
    if "party" not in frame.columns:
        frame = frame.assign(party=party_names(frame, names=names, lang=lang,
                                               registry=source_registry(duties, registry)))
    return frame


def _party_ids(frame: pd.DataFrame) -> dict[str, str]:
    """Each shown name -> the registry id of the body it names (names of unknown parties have none)."""
    known = frame[frame["party"].notna() & frame["actor_id"].notna()]
    return dict(known.drop_duplicates("party")[["party", "actor_id"]].itertuples(index=False, name=None))


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
    names: NameStyle = "regulation",
    registry: Registry | None = None,
) -> pd.DataFrame:
    """The responsibility matrix in long form: one row per non-empty cell (actor, column, code, actor_id).

    This is the form to use across many regulations at once (with
    ``names="canonical"``, so that one body has one name in all of them), where
    a dense actors x articles table would be mostly empty;
    :func:`responsibility_matrix` pivots it for one regulation. Arguments as
    for :func:`responsibility_matrix`.
    """
    check_name_style(names, lang)
    if by not in ("article", "provision"):
        raise ValueError(f"unknown axis {by!r}; expected 'article' or 'provision'")
    frame = duty_frame(duties, names=names, lang=lang, registry=registry)
    if level is not None:
        frame = frame[binds_mask(frame["level"], level)]
    if government_only:
        frame = frame[frame["level"].notna()]
    if frame.empty:
        return pd.DataFrame(columns=["actor", "column", "code", "actor_id"])
    ids = _party_ids(frame)
    i = 0 if lang == "zh" else 1
    actor = as_text(frame["party"], UNASSIGNED[lang])
    if not collapse_levels:
        actor = actor + np.where(frame["level"].notna(), " [" + as_text(frame["level"]) + "]", "")
    column = frame["article"] if by == "article" else _provision_label(frame)
    # One boolean column per code, OR-ed per cell by a vectorised groupby.any().
    pair = as_text(frame["role"]) + "/" + as_text(frame["modality"])
    work = pd.DataFrame({"actor": actor.to_numpy(), "column": column.to_numpy()})
    for role_modality, codes in CELL_CODES.items():
        name = codes[i]
        hit = (pair == "/".join(role_modality)).to_numpy()
        work[name] = (work[name].to_numpy() | hit) if name in work.columns else hit
    flags = work.groupby(["actor", "column"], sort=False).any()
    code = pd.Series("", index=flags.index)
    for zh_en in _CODE_ORDER:
        code = code + np.where(flags[zh_en[i]].to_numpy(), zh_en[i], "")
    cells = code.rename("code").reset_index()
    if collapse_levels:
        cells["actor_id"] = cells["actor"].map(ids)
    else:  # "人民政府 [county+]": the id of the name before the level
        cells["actor_id"] = cells["actor"].str.replace(r" \[[^\]]*\]$", "", regex=True).map(ids)
    return cells


def responsibility_matrix(
    duties: DutySource,
    *,
    by: str = "article",
    level: str | None = None,
    government_only: bool = False,
    collapse_levels: bool = True,
    lang: str = "zh",
    names: NameStyle = "regulation",
    registry: Registry | None = None,
) -> pd.DataFrame:
    """Actors x articles (or x provisions); each cell the codes of what the actor must do there.

    Codes: 主 bearer-shall, 可 may, 禁 must-not, 协 partner, 励 encouraged target
    (``lang="en"``: S, M, N, P, E, and the registry's English names for the
    rows). Rows are named as the regulation names each body (``names="canonical"``:
    today's canonical names); ``matrix.attrs["actor_ids"]`` maps each row to
    its registry id. ``level`` keeps only duties that bind a body at that level
    (county, city, …); ``government_only`` keeps governments and their
    departments (rows with a level); ``collapse_levels=False`` splits an
    actor's row by level (人民政府 [county+] and 人民政府 [city+]).
    Duties nobody is assigned to form their own row, last.
    """
    cells = matrix_cells(duties, by=by, level=level, government_only=government_only,
                         collapse_levels=collapse_levels, lang=lang, names=names, registry=registry)
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
    ids = dict(cells.drop_duplicates("actor")[["actor", "actor_id"]].itertuples(index=False, name=None))
    matrix.attrs["actor_ids"] = {a: ids[a] for a in matrix.index if isinstance(ids.get(a), str)}
    return matrix


def _provision_label(frame: pd.DataFrame) -> pd.Series:
    item = as_text(frame["item"])
    return as_text(frame["article"]) + "." + as_text(frame["paragraph"]) + np.where(item != "", "." + item, "")


def task_table(duties: DutySource, *, level: str | None = None, names: NameStyle = "regulation", lang: str = "zh",
               registry: Registry | None = None, level_units: bool = True) -> pd.DataFrame:
    """The regulation as a 任务分工表: 序号, 条款, 任务内容, 牵头单位, 配合单位, 完成时限, 备注.

    One row per provision that obliges someone. The first-named bearer leads;
    other bearers and partners cooperate; recurrence and deadlines fill 完成时限
    (长期 when the text sets none). A duty the regulation gives no one is a row
    too, whatever ``level``, its 牵头单位 left for the planner to fill and 备注
    saying why: a plan's coverage is over every duty, not only the assigned ones.

    Units are named as in :func:`responsibility_matrix`; with ``level`` (and
    ``level_units``) as that level has them: 县人民政府, 县经济和信息化局 (see
    :func:`~qpr.analysis.names.unit_name`). ``lead_id`` and ``partner_ids``
    hold their registry ids, and ``article``, ``paragraph``, ``item`` the
    provision, for programs (the template leaves them out).
    """
    actors = source_registry(duties, registry)
    jurisdiction = duties.jurisdiction if isinstance(duties, Reading) else None
    frame = duty_frame(duties, names=names, lang=lang, registry=actors)
    frame = frame[frame["role"].isin(["bearer", "partner"])]
    if level is not None:
        unassigned = (frame["role"] == "bearer") & frame["actor"].isna()
        frame = frame[binds_mask(frame["level"], level) | unassigned]
    columns = [*TASK_COLUMNS, "article", "paragraph", "item", "lead_id", "partner_ids"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    ids = _party_ids(frame)
    if level is not None and level_units and lang == "zh":
        def unit(name: str) -> str:
            return unit_name(name, ids.get(name), level, actors, jurisdiction)
    else:
        def unit(name: str) -> str:
            return name
    frame = frame.assign(_item=frame["item"].astype("Int64").fillna(0))
    rows = []
    for (article, paragraph, item), group in frame.groupby(["article", "paragraph", "_item"], sort=False):
        bearers = list(dict.fromkeys(group.loc[group["role"] == "bearer", "party"].dropna()))
        partners = [a for a in dict.fromkeys(group.loc[group["role"] == "partner", "party"].dropna()) if a not in bearers]
        recurrence = group["recurrence"].dropna()
        deadline = group["deadline"].dropna()
        when = "；".join(dict.fromkeys([*deadline, *recurrence])) or "长期"
        action = "".join(dict.fromkeys(group["action"]))
        rows.append({
            "条款": provision_label(article, paragraph, item or None),
            "任务内容": action,
            "牵头单位": unit(bearers[0]) if bearers else "",
            "配合单位": "、".join(dict.fromkeys(unit(a) for a in bearers[1:] + partners)),
            "完成时限": when,
            "备注": "" if bearers else UNASSIGNED_NOTE[lang],
            "article": article,
            "paragraph": int(paragraph),
            "item": int(item) if item else None,
            "lead_id": ids.get(bearers[0]) if bearers else None,
            "partner_ids": [ids.get(a) for a in bearers[1:] + partners],
        })
    table = pd.DataFrame(rows)
    order = {a: i for i, a in enumerate(_article_order(table["article"]))}
    table = table.sort_values(["article", "paragraph", "item"], key=lambda s: s.map(order) if s.name == "article" else s.fillna(0),
                              kind="stable").reset_index(drop=True)
    table.insert(0, "序号", range(1, len(table) + 1))
    table["item"] = table["item"].astype("Int64")
    table["lead_id"] = table["lead_id"].astype(object).where(table["lead_id"].notna(), None)
    return table[columns]


def actor_summary(duties: DutySource, *, names: NameStyle = "regulation", lang: str = "zh",
                  registry: Registry | None = None) -> pd.DataFrame:
    """Per actor: duties held, how many as lead, as partner, mandatory vs permitted vs encouraged, shared with whom.

    Actors are named as in :func:`responsibility_matrix`; ``actor_id`` is the registry id of each.
    """
    frame = duty_frame(duties, names=names, lang=lang, registry=registry)
    frame = frame[frame["party"].notna()]
    columns = ["actor_id", "duties", "lead", "co_bearer", "partner", "shall", "may", "must_not", "encouraged",
               "shared_with"]
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
    labels = as_text(counts["party_other"]) + "(" + as_text(counts["n"]) + ")"
    # Joined per party by a plain groupby.agg: groupby.apply on no pairs at all gives a frame, not a series.
    shared = labels.groupby(counts["party"]).agg("、".join)
    summary["shared_with"] = shared.reindex(summary.index).astype(object).fillna("")
    summary["actor_id"] = summary.index.map(_party_ids(frame))
    summary = summary.sort_values(["duties", "lead"], ascending=False, kind="stable")
    summary.index.name = "actor"
    return summary[columns]
