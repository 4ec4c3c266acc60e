"""Coverage: does the regulation assign its duties well, and does a plan cover them?

Two checks:

- :func:`drafting_findings` looks inside the regulation (for drafters):
  duties nobody is assigned to, duties given only to open-ended bearers,
  departments the 职责 article names that get no concrete duty and the other
  way round, articles with no duty, encouragement-only articles, bodies
  named by a former name or two ways.
- :func:`check_plan` compares a 任务分工表 with the duties (for planners):
  duties with no task, tasks led by a unit that is not a bearer, bearers the
  plan leaves out, tasks that point at no duty, coverage per actor and per
  article, and one overall figure.

Both are vectorised over the tidy duty frame so that a whole corpus and a
200,000-task plan run in seconds.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import numpy as np
import pandas as pd

from qpr.actors.registry import OPEN_ENDED_IDS, Registry
from qpr.analysis._text import as_text
from qpr.analysis.duties import DutySource, binds_mask, source_registry
from qpr.analysis.matrix import duty_frame
from qpr.duties.model import Duty, Reading
from qpr.model import Regulation
from qpr.numerals import provision_label
from qpr.plans.model import Plan

__all__ = ["CoverageReport", "FINDING_COLUMNS", "check_plan", "drafting_findings", "plan_frame"]

FINDING_COLUMNS = ["kind", "provision", "article", "paragraph", "item", "actor", "task_row", "message", "text"]

OPEN_ACTORS = frozenset({"有关部门", "相关部门", "有关单位", "其他有关部门", "部门"})


def open_ended(d: Duty) -> bool:
    """Whether the duty's party is open-ended (有关部门, 其他相关部门, 相关单位, 有关机构 …): decided by the
    registry actor the words resolve to, so every wording of it counts, not a list of strings."""
    return d.actor_id in OPEN_ENDED_IDS or (d.actor_id is None and d.actor in OPEN_ACTORS)


def _finding(kind: str, article: str, paragraph: int | None, item: int | None, message: str, text: str = "",
             actor: str | None = None, task_row: int | None = None) -> dict[str, object]:
    provision = provision_label(article, paragraph, item)
    return {"kind": kind, "provision": provision, "article": article, "paragraph": paragraph, "item": item,
            "actor": actor, "task_row": task_row, "message": message, "text": text}


def _findings_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    frame["item"] = frame["item"].astype("Int64")
    frame["task_row"] = frame["task_row"].astype("Int64")
    return frame


# -- inside the regulation ---------------------------------------------------------------------


def drafting_findings(reading: Reading, reg: Regulation) -> pd.DataFrame:
    """Drafting-quality findings, each naming the provision and quoting its text."""
    duties = reading.duties
    rows: list[dict[str, object]] = []
    by_provision: dict[tuple[str, int, int | None], list[Duty]] = {}
    for d in duties:
        by_provision.setdefault((d.article, d.paragraph, d.item), []).append(d)

    for (article, paragraph, item), group in by_provision.items():
        holders = [d for d in group if d.role.value in ("bearer", "partner")]
        if any(d.unassigned for d in holders):
            d = next(d for d in holders if d.unassigned)
            rows.append(_finding("unassigned", article, paragraph, item,
                                 "a duty with no named bearer: nobody is assigned to it", d.action))
        named = [d for d in holders if d.role.value == "bearer" and d.actor]
        if named and all(open_ended(d) for d in named):
            rows.append(_finding("open-bearer", article, paragraph, item,
                                 f"the only bearer is open-ended ({'、'.join(dict.fromkeys(d.actor or '' for d in named))})",
                                 named[0].action))

    # The 职责 article: the early article that hands out duties to the most departments.
    duty_article = _responsibilities_article(reg, duties)
    if duty_article is not None:
        named_there = {d.actor_id: d.actor for d in duties if d.article == duty_article and d.actor_id
                       and d.role.value == "bearer" and d.level is not None}
        elsewhere = {d.actor_id: d.actor for d in duties if d.article != duty_article and d.actor_id
                     and d.role.value in ("bearer", "partner") and d.level is not None}
        text = reg.article(duty_article).text
        for actor_id, actor in named_there.items():
            if actor_id not in elsewhere and actor_id not in OPEN_ENDED_IDS:
                rows.append(_finding("no-concrete-duty", duty_article, None, None,
                                     f"{actor} is named in the responsibilities article but gets no concrete duty elsewhere",
                                     text, actor))
        first_elsewhere: dict[str, Duty] = {}
        for d in duties:
            if d.actor_id and d.article != duty_article:
                first_elsewhere.setdefault(d.actor_id, d)
        for actor_id, actor in elsewhere.items():
            if actor_id not in named_there and actor_id not in OPEN_ENDED_IDS and actor != "人民政府":
                first = first_elsewhere[actor_id]
                rows.append(_finding("not-in-responsibilities", first.article, first.paragraph, first.item,
                                     f"{actor} has duties but the responsibilities article ({provision_label(duty_article)}) does not name it",
                                     first.action, actor))

    # One pass over duties and clauses, not one per article: a long regulation has thousands of each.
    roles_in: dict[str, set[str]] = {}
    for d in duties:
        roles_in.setdefault(d.article, set()).add(d.role.value)
    kinds_in: dict[str, set[str]] = {}
    for c in reading.clauses:
        kinds_in.setdefault(c.provision.article, set()).add(c.kind.value)
    for a in reg.articles:
        if a.id not in roles_in:
            kinds = kinds_in.get(a.id, set())
            if kinds <= {"no-duty", "condition"} and kinds:
                continue  # purpose, scope, definitions, dates: no duty expected
            rows.append(_finding("no-duty", a.id, None, None, "the article gives no duty to anyone", a.text))
        else:
            roles = roles_in[a.id]
            if roles == {"target"}:
                rows.append(_finding("encouragement-only", a.id, None, None,
                                     "the article only encourages: it obliges nobody", a.text))
    rows += _naming_rows(reading)
    for clause in reading.unread:
        rows.append(_finding("unread", clause.provision.article, clause.provision.paragraph, clause.provision.item,
                             "the extractor could not read this clause: check it by hand", clause.text))
    order = {a.id: i for i, a in enumerate(reg.articles)}
    frame = _findings_frame(rows)
    frame = frame.sort_values(["article", "paragraph", "item"], key=lambda s: s.map(order) if s.name == "article" else s,
                              kind="stable", na_position="first").reset_index(drop=True)
    return frame


def _naming_rows(reading: Reading) -> list[dict[str, object]]:
    """Former names (环境保护部门 since 2018 生态环境部门) and one body named two ways (市场监管 / 市场监督管理)."""
    from qpr.actors.registry import registry as builtin_registry
    from qpr.analysis.names import naming_findings

    rows = []
    for f in naming_findings(reading.duties, reading.registry or builtin_registry()):
        where = f" (in {len(f.provisions)} provisions)" if len(f.provisions) > 1 else ""
        if f.kind == "outdated-name":
            message = f"{f.written} is a former name{where}: since {f.until} the body is {f.current}"
        else:
            message = f"{f.written}{where} and {'、'.join(f.others)} name one body: one name throughout, {f.current}"
        p = f.provision
        rows.append(_finding(f.kind, p.article, p.paragraph, p.item, message, f.text, f.written))
    return rows


def _responsibilities_article(reg: Regulation, duties: Iterable[Duty]) -> str | None:
    """The article that sets out departments' responsibilities (部门职责): in the first ten, most departments."""
    counts: dict[str, int] = {}
    for d in duties:
        if d.role.value == "bearer" and d.level is not None and d.actor and d.actor != "人民政府":
            counts[d.article] = counts.get(d.article, 0) + 1
    early = [a.id for a in reg.articles[:10]]
    headed = [a.id for a in reg.articles[:10] if a.heading and "职责" in a.heading and counts.get(a.id, 0) >= 2]
    if headed:
        return max(headed, key=lambda a: counts.get(a, 0))
    candidates = [a for a in early if counts.get(a, 0) >= 3 and "各自职责" in reg.article(a).text]
    return max(candidates, key=lambda a: counts[a]) if candidates else None


# -- against a plan ----------------------------------------------------------------------------


@attrs.frozen(slots=True)
class CoverageReport:
    """How far a plan covers a regulation's duties.

    ``duties``: one row per duty (provision, actor) with ``covered`` and the
    covering task rows; ``findings``: what a planner should fix; ``by_actor``
    and ``by_article``: coverage shares; ``overall``: covered duties / duties.
    """

    overall: float
    duties: pd.DataFrame
    findings: pd.DataFrame
    by_actor: pd.DataFrame
    by_article: pd.DataFrame
    level: str | None = None

    def _repr_html_(self) -> str:
        # Jupyter looks for this method on the record itself; the layout lives with the other renderers.
        from qpr.render.notebook import coverage_html

        return coverage_html(self)


def plan_frame(plan: Plan) -> pd.DataFrame:
    """One row per (task, provision reference, unit): the plan in tidy form."""
    rows = []
    for task in plan.tasks:
        units = [(task.lead_id, "lead")] + [(pid, "partner") for pid in task.partner_ids]
        for ref in task.refs:
            for actor_id, role in units:
                rows.append((task.row, ref.article, ref.paragraph, ref.item, actor_id, role))
    frame = pd.DataFrame(rows, columns=["task_row", "article", "paragraph", "item", "actor_id", "task_role"])
    frame["paragraph"] = frame["paragraph"].astype("Int64")
    frame["item"] = frame["item"].astype("Int64")
    return frame


def check_plan(duties: DutySource, plan: Plan, *, level: str | None = None,
               registry: Registry | None = None) -> CoverageReport:
    """Check ``plan`` against the duties; with ``level``, only duties that bind that level count.

    Duties the regulation gives no one count at every level (any task for their
    provision covers them); a task with an empty 牵头单位 is a ``no-lead`` finding.

    A duty and a task name the same body when their actor ids agree after
    mapping a vertical agency to its local counterpart (银保监机构 and the local
    金融监管部门 are one body for a county's plan), or, for a party the registry
    does not know, when the names agree.
    """
    from qpr.plans.read import unit_key

    reg_actors = source_registry(duties, registry)
    frame = duty_frame(duties, registry=reg_actors)
    frame = frame[frame["role"].isin(["bearer", "partner"])]
    if level is not None:
        # A duty the regulation gives no one binds no level in particular: every level's plan must cover it.
        unassigned = (frame["role"] == "bearer") & frame["actor"].isna()
        frame = frame[binds_mask(frame["level"], level) | unassigned]
    duty_cols = ["article", "paragraph", "item", "actor", "actor_id", "role", "action"]
    dframe = frame[duty_cols + ["party"]].drop_duplicates(
        ["article", "paragraph", "item", "actor_id", "actor", "role"]).reset_index(drop=True)
    dframe["duty"] = np.arange(len(dframe))
    pframe = plan_frame(plan)

    def family(actor_id: object) -> object:
        if not isinstance(actor_id, str):
            return actor_id
        actor = reg_actors.get(actor_id)
        return (actor.local_counterpart or actor_id) if actor is not None else actor_id

    named = dframe["actor"].notna() & dframe["actor_id"].isna()
    dframe["actor_id"] = dframe["actor_id"].astype(object).where(~named, dframe["actor"].map(
        lambda a: unit_key(a) if isinstance(a, str) else a))
    families = {a: family(a) for a in set(dframe["actor_id"].dropna()) | set(pframe["actor_id"].dropna())}
    dframe["actor_id"] = dframe["actor_id"].map(lambda a: families.get(a, a))
    pframe["actor_id"] = pframe["actor_id"].map(lambda a: families.get(a, a))

    # Every (duty, task reference) pair whose reference covers the duty's provision.
    joined = dframe.merge(pframe, on="article", how="inner", suffixes=("", "_task"))
    hit = (joined["paragraph_task"].isna() | (joined["paragraph_task"] == joined["paragraph"])) & (
        joined["item_task"].isna() | (joined["item_task"] == joined["item"]))
    joined = joined[hit.fillna(False).astype(bool)]
    # The first task row that covers each duty's provision, and the first that also names its actor.
    provision_task = joined.groupby("duty")["task_row"].min()
    names_actor = joined[(joined["actor_id"] == joined["actor_id_task"]) & joined["actor_id"].notna()]
    actor_task = names_actor.groupby("duty")["task_row"].min()
    dframe["provision_task"] = dframe["duty"].map(provision_task).astype("Int64")
    # A duty nobody is assigned to is covered by any task for its provision.
    dframe["task"] = dframe["duty"].map(actor_task).astype("Int64").where(
        dframe["actor"].notna(), dframe["provision_task"])
    dframe["covered"] = dframe["task"].notna()
    dframe["provision_covered"] = dframe["provision_task"].notna()

    parts = [pd.DataFrame({
        "kind": "plan-row", "provision": "", "article": "", "paragraph": None, "item": None,
        "actor": [p.value or None for p in plan.problems], "task_row": [p.row for p in plan.problems],
        "message": [str(p) for p in plan.problems], "text": ""})]
    uncovered = dframe[~dframe["provision_covered"]]
    parts.append(_vector_findings(
        "no-task", uncovered, "no task covers this duty of " + as_text(uncovered["party"], "an unnamed bearer"), None))
    left_out = dframe[dframe["provision_covered"] & ~dframe["covered"]]
    parts.append(_vector_findings(
        "bearer-left-out", left_out,
        "the plan has a task for this provision (row " + as_text(left_out["provision_task"]) + ") but none names "
        + as_text(left_out["party"]), left_out["provision_task"]))

    # Tasks led by a unit that bears none of the duties they point at; tasks that point at no duty.
    tframe = _task_frame(plan)
    bearers = joined[joined["role"] == "bearer"]
    leads = bearers[bearers["task_role"] == "lead"]
    led_right = leads.loc[leads["actor_id"] == leads["actor_id_task"], "task_row"].unique()
    points = tframe["task_row"].isin(joined["task_row"].unique())
    # A task for a duty the regulation gives no one may be led by anyone the planner chooses.
    has_bearer = tframe["task_row"].isin(bearers.loc[bearers["actor"].notna(), "task_row"].unique())
    orphan = tframe[~points & tframe["has_ref"]]
    where = f" binding the {level} level" if level else ""
    parts.append(_vector_findings(
        "task-without-duty", orphan, "task " + as_text(orphan["number"]) + " points at " + as_text(orphan["provision"])
        + ", which gives no duty" + where, orphan["task_row"], actor=orphan["lead"], text=orphan["content"]))
    wrong = tframe[points & has_bearer & tframe["lead_id"].notna() & ~tframe["task_row"].isin(led_right)]
    named = (bearers[bearers["task_row"].isin(wrong["task_row"])].dropna(subset=["party"])
             .drop_duplicates(["task_row", "party"]).groupby("task_row")["party"].agg("、".join))
    parts.append(_vector_findings(
        "lead-not-bearer", wrong, "task " + as_text(wrong["number"]) + " is led by " + as_text(wrong["lead"])
        + ", but the regulation names " + as_text(wrong["task_row"].map(named), "no one") + " for "
        + as_text(wrong["provision"]),
        wrong["task_row"], actor=wrong["lead"], text=wrong["content"]))

    leaderless = tframe[as_text(tframe["lead"]).str.strip() == ""]
    parts.append(_vector_findings(
        "no-lead", leaderless, "task " + as_text(leaderless["number"]) + " has no 牵头单位 yet: give it a lead unit",
        leaderless["task_row"], actor=leaderless["lead"], text=leaderless["content"]))
    findings = _findings_frame_from([p for p in parts if len(p)])
    by_actor = _share(dframe.assign(actor=as_text(dframe["party"], "（未明确责任主体）")), "actor")
    by_article = _share(dframe, "article")
    overall = float(dframe["covered"].mean()) if len(dframe) else 1.0
    return CoverageReport(overall, dframe.drop(columns=["duty"]), findings, by_actor, by_article, level)


def _task_frame(plan: Plan) -> pd.DataFrame:
    """One row per task, with its first reference (where a finding points)."""
    first = [t.refs[0] if t.refs else None for t in plan.tasks]
    return pd.DataFrame({
        "task_row": [t.row for t in plan.tasks],
        "number": [t.number for t in plan.tasks],
        "provision": [t.provision for t in plan.tasks],
        "content": [t.content for t in plan.tasks],
        "lead": [t.lead for t in plan.tasks],
        "lead_id": [t.lead_id for t in plan.tasks],
        "has_ref": [r is not None for r in first],
        "article": [r.article if r else "" for r in first],
        "paragraph": pd.array([r.paragraph if r else None for r in first], dtype="Int64"),
        "item": pd.array([r.item if r else None for r in first], dtype="Int64"),
    })


def _vector_findings(kind: str, frame: pd.DataFrame, message: pd.Series, task_row: pd.Series | None, *,
                     actor: pd.Series | None = None, text: pd.Series | None = None) -> pd.DataFrame:
    """Findings for many rows at once; provision labels are made once per distinct provision."""
    if frame.empty:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    keys = list(zip(frame["article"], frame["paragraph"], frame["item"]))
    labels = {k: _provision_label(*k) for k in set(keys)}
    return pd.DataFrame({
        "kind": kind,
        "provision": [labels[k] for k in keys],
        "article": frame["article"].to_numpy(),
        "paragraph": frame["paragraph"].to_numpy(),
        "item": frame["item"].to_numpy(),
        "actor": (actor if actor is not None else frame["party"]).to_numpy(),
        "task_row": task_row.to_numpy() if task_row is not None else None,
        "message": message.to_numpy(),
        "text": (text if text is not None else frame["action"]).to_numpy(),
    })


def _provision_label(article: str, paragraph: object, item: object) -> str:
    """:func:`provision_label` for values out of a DataFrame (NA for no paragraph or item)."""
    def plain(value: object) -> int | None:
        return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type,call-overload]

    return provision_label(article, plain(paragraph), plain(item))


def _findings_frame_from(parts: list[pd.DataFrame]) -> pd.DataFrame:
    if not parts:
        return _findings_frame([])
    frame = pd.concat(parts, ignore_index=True)
    for column in ("paragraph", "item", "task_row"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame[FINDING_COLUMNS]


def _share(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    grouped = frame.groupby(key, sort=False)["covered"]
    out = pd.DataFrame({"duties": grouped.size(), "covered": grouped.sum().astype(int)})
    out["coverage"] = (out["covered"] / out["duties"]).round(4)
    return out.sort_values(["coverage", "duties"], ascending=[True, False], kind="stable")
