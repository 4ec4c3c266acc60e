"""A 任务分工表 carried from one version of a regulation to the next.

Each task's provisions are renumbered through the comparison (article links,
then 款 and 项 matched by their text inside the linked articles), and the task
is marked with what happened to the duties it carries out: ``unchanged``,
``moved`` (renumbered only), ``duty changed``, ``duty removed``, or ``lead no
longer bears it`` (the unit leading it is no longer named for it). Duties of
the new text that no task carries are added as tasks without a lead, for the
planner to fill in; ``qpr coverage`` on the result tells the rest.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import attrs
from rapidfuzz import fuzz

from qpr.analysis.align import AlignmentKind, align_texts, comparable
from qpr.analysis.compare import Comparison, DutyChange, DutyChangeKind
from qpr.analysis.duties import level_binds
from qpr.duties.model import Duty, Provision, Reading, Role
from qpr.model import Regulation
from qpr.plans.model import Plan, ProvisionRef, Task

__all__ = ["MigratedTask", "PlanMigration", "TaskStatus", "migrate_plan"]

#: Paragraphs (款) or items (项) of linked articles at least this alike are one provision.
_SAME_PROVISION = 0.4


class TaskStatus(enum.StrEnum):
    UNCHANGED = "unchanged"
    MOVED = "moved"
    DUTY_CHANGED = "duty changed"
    DUTY_REMOVED = "duty removed"
    LEAD_NOT_BEARER = "lead no longer bears it"
    #: a duty of the new text that no task carries: a row to fill in
    NEW_DUTY = "new duty"


@attrs.frozen(slots=True)
class MigratedTask:
    """A task (None for a new duty's empty row) with its provisions in both versions and what became of them.

    ``approximate`` is True when a 款 or 项 had no counterpart and the task
    was pointed at the whole linked article instead; ``bearers`` are the
    parties the new text names for the task's provisions.
    """

    task: Task | None
    old_refs: tuple[ProvisionRef, ...]
    new_refs: tuple[ProvisionRef, ...]
    status: TaskStatus
    changes: tuple[DutyChange, ...] = ()
    approximate: bool = False
    bearers: tuple[str, ...] = ()
    content: str = ""


@attrs.frozen(slots=True)
class PlanMigration:
    source: str
    old_title: str
    new_title: str
    tasks: tuple[MigratedTask, ...]

    @property
    def counts(self) -> dict[str, int]:
        out = {str(s): 0 for s in TaskStatus}
        for t in self.tasks:
            out[str(t.status)] += 1
        return out


# -- provisions across versions ----------------------------------------------------------------


@attrs.frozen(slots=True)
class _ProvisionMap:
    """Old provision -> new provisions, built from the article links and the text of 款 and 项."""

    articles: dict[str, tuple[str, ...]]
    paragraphs: dict[tuple[str, int], tuple[str, int]]
    items: dict[tuple[str, int, int], tuple[str, int, int]]

    def map(self, ref: ProvisionRef) -> tuple[tuple[ProvisionRef, ...], bool]:
        """The new refs for ``ref`` and whether they are approximate (a 款 or 项 not found: the article)."""
        targets = self.articles.get(ref.article, ())
        if not targets:
            return (), False
        whole = tuple(ProvisionRef(a) for a in targets)
        if ref.paragraph is None:
            return whole, False
        paragraph = self.paragraphs.get((ref.article, ref.paragraph))
        if paragraph is None:
            return whole, True
        if ref.item is None:
            return (ProvisionRef(*paragraph),), False
        item = self.items.get((ref.article, ref.paragraph, ref.item))
        if item is None:
            return (ProvisionRef(*paragraph),), True
        return (ProvisionRef(*item),), False


def _provision_map(cmp: Comparison) -> _ProvisionMap:
    articles: dict[str, list[str]] = {}
    for p in cmp.articles:
        if p.old and p.new:
            articles.setdefault(p.old, []).append(p.new)
    paragraphs: dict[tuple[str, int], tuple[str, int]] = {}
    items: dict[tuple[str, int, int], tuple[str, int, int]] = {}
    for g in cmp.groups:
        if g.kind in (AlignmentKind.ADDED, AlignmentKind.REMOVED):
            continue
        old_ps = [(a, p) for a in g.old for p in cmp.old.article(a).paragraphs]
        new_ps = [(a, p) for a in g.new for p in cmp.new.article(a).paragraphs]
        for i, j in _match([p.full_text for _, p in old_ps], [p.full_text for _, p in new_ps]):
            (oa, op), (na, np_) = old_ps[i], new_ps[j]
            paragraphs[(oa, op.number)] = (na, np_.number)
            for k, m in _match([it.full_text for it in op.items], [it.full_text for it in np_.items]):
                items[(oa, op.number, op.items[k].number)] = (na, np_.number, np_.items[m].number)
    return _ProvisionMap({k: tuple(v) for k, v in articles.items()}, paragraphs, items)


def _match(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Monotone pairs by text; then any old text left takes its best free counterpart (a split moves pieces)."""
    pairs = [(i, j) for i, j, _ in align_texts(old, new, minimum=_SAME_PROVISION)]
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, text in enumerate(old):
        if i in used_old:
            continue
        scored = [(fuzz.ratio(comparable(text), comparable(t)) / 100, j) for j, t in enumerate(new) if j not in used_new]
        best = max(scored, default=(0.0, -1))
        if best[0] >= _SAME_PROVISION + 0.1:
            pairs.append((i, best[1]))
            used_new.add(best[1])
    return sorted(pairs)


# -- tasks -------------------------------------------------------------------------------------


def _covers(refs: Sequence[ProvisionRef], provision: Provision) -> bool:
    return any(r.covers(provision.article, provision.paragraph, provision.item) for r in refs)


def _holders(reading: Reading, refs: Sequence[ProvisionRef]) -> list[Duty]:
    return [d for d in reading.duties if d.role in (Role.BEARER, Role.PARTNER) and _covers(refs, d.provision)]


def _family(reading: Reading, actor_id: str | None) -> str | None:
    """A body and its local counterpart (银保监机构 and the local 金融监管部门) are one for a plan."""
    if actor_id is None or reading.registry is None:
        return actor_id
    actor = reading.registry.get(actor_id)
    return (actor.local_counterpart or actor_id) if actor is not None else actor_id


def _leads(reading: Reading, duties: Sequence[Duty], lead_id: str | None) -> bool:
    from qpr.plans.read import unit_key

    if lead_id is None:
        return False
    lead = _family(reading, lead_id)
    return any(_family(reading, d.actor_id) == lead or (d.actor_id is None and d.actor and unit_key(d.actor) == lead_id)
               for d in duties)


def migrate_plan(plan: Plan, comparison: Comparison, *, level: str | None = None) -> PlanMigration:
    """Carry ``plan`` (read against ``comparison.old``) over to ``comparison.new``; see the module docstring.

    With ``level``, only new duties that bind that level are added as rows (a
    county's plan does not want the provincial government's new duties).
    """
    mapping = _provision_map(comparison)
    old_reading, new_reading = comparison.old_reading, comparison.new_reading
    out: list[MigratedTask] = []
    for task in plan.tasks:
        new_refs: list[ProvisionRef] = []
        approximate = False
        for ref in task.refs:
            mapped, rough = mapping.map(ref)
            approximate |= rough
            new_refs.extend(r for r in mapped if r not in new_refs)
        changes = tuple(c for c in comparison.duties
                        if (c.before and _covers(task.refs, c.before.provision))
                        or (c.after and _covers(new_refs, c.after.provision)))
        before, after = _holders(old_reading, task.refs), _holders(new_reading, new_refs)
        if not task.refs:
            status = TaskStatus.UNCHANGED  # nothing could be read to carry; coverage reports the row
        elif not new_refs or (before and not after):
            status = TaskStatus.DUTY_REMOVED
        elif (_leads(old_reading, before, task.lead_id) and not _leads(new_reading, after, task.lead_id)
              and any(d.role is Role.BEARER for d in after)):
            status = TaskStatus.LEAD_NOT_BEARER
        elif changes:
            status = TaskStatus.DUTY_CHANGED
        elif _labels(task.refs) != _labels(new_refs):
            status = TaskStatus.MOVED
        else:
            status = TaskStatus.UNCHANGED
        bearers = tuple(dict.fromkeys(d.actor_name or d.actor for d in after if d.actor and d.role is Role.BEARER))
        out.append(MigratedTask(task, task.refs, tuple(new_refs), status, changes, approximate, bearers,
                                task.content))
    out.extend(_untasked(comparison, out, level))
    return PlanMigration(plan.source, comparison.old_title, comparison.new_title, tuple(out))


def _labels(refs: Sequence[ProvisionRef]) -> list[tuple[str, int | None, int | None]]:
    return [(r.article, r.paragraph, r.item) for r in refs]


def _untasked(cmp: Comparison, tasks: Sequence[MigratedTask], level: str | None) -> list[MigratedTask]:
    """One empty row per provision of the new text whose duties gained a holder no task carries."""
    carried = [r for t in tasks for r in t.new_refs]
    by_provision: dict[Provision, list[DutyChange]] = {}
    for c in cmp.duties:
        a = c.after
        if a is None or a.role not in (Role.BEARER, Role.PARTNER):
            continue
        if c.change is DutyChangeKind.CHANGED and c.before and c.before.role in (Role.BEARER, Role.PARTNER):
            continue  # a holder already before: a task (if any) carries it and is marked "duty changed"
        if level is not None and not level_binds(a.level, level) and a.actor is not None:
            continue
        if _covers(carried, a.provision):
            continue
        by_provision.setdefault(a.provision, []).append(c)
    rows = []
    for provision, changes in sorted(by_provision.items(), key=lambda kv: _position(cmp.new, kv[0])):
        bearers = tuple(dict.fromkeys(c.party for c in changes if c.party and c.role is Role.BEARER))
        content = "".join(dict.fromkeys(c.after.text for c in changes if c.after))
        rows.append(MigratedTask(None, (), (ProvisionRef(provision.article, provision.paragraph, provision.item),),
                                 TaskStatus.NEW_DUTY, tuple(changes), False, bearers, content))
    return rows


def _position(reg: Regulation, provision: Provision) -> tuple[int, int, int]:
    order = {a.id: k for k, a in enumerate(reg.articles)}
    return (order.get(provision.article, len(order)), provision.paragraph, provision.item or 0)
