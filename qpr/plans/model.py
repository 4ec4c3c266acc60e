"""The records of a plan: tasks, the provisions they point at, the problems found reading them."""

from __future__ import annotations

import attrs

__all__ = ["Plan", "PlanProblem", "ProvisionRef", "Task"]


@attrs.frozen(slots=True, order=True)
class ProvisionRef:
    """A reference from a task to the regulation: a whole article, a paragraph, or an item."""

    article: str
    paragraph: int | None = None
    item: int | None = None

    def covers(self, article: str, paragraph: int, item: int | None) -> bool:
        if article != self.article:
            return False
        if self.paragraph is not None and paragraph != self.paragraph:
            return False
        return self.item is None or item == self.item


@attrs.frozen(slots=True)
class Task:
    """One row of a 任务分工表, with its units resolved to actor ids.

    ``lead_id`` is None when the 牵头单位 is empty or the placeholder of an
    older template for a duty the regulation assigns to nobody, or a unit that
    did not resolve (then a :class:`PlanProblem` says so).
    """

    row: int
    number: str
    provision: str
    refs: tuple[ProvisionRef, ...]
    content: str
    lead: str
    lead_id: str | None
    partners: tuple[str, ...]
    partner_ids: tuple[str, ...]
    deadline: str
    #: 备注: the template's note on a duty the regulation gives no one, or the planner's own
    note: str = ""


@attrs.frozen(slots=True)
class PlanProblem:
    """A row the reader could not take as written: what, where, and the nearest valid names."""

    row: int
    column: str
    message: str
    value: str = ""
    suggestions: tuple[str, ...] = ()

    def __str__(self) -> str:
        hint = f" (nearest: {'、'.join(self.suggestions)})" if self.suggestions else ""
        return f"row {self.row}, {self.column}: {self.message}{hint}"


@attrs.frozen(slots=True)
class Plan:
    """A 任务分工表 read and validated: its tasks, the rows it could not take as written, and the
    columns it did not read (a header qpr does not know, a second column for one it already has)."""

    source: str
    tasks: tuple[Task, ...]
    problems: tuple[PlanProblem, ...] = ()
    ignored_columns: tuple[str, ...] = ()
