"""Duty records: who must (or may, or must not) do what, in which provision."""

from __future__ import annotations

import enum

import attrs

from qpr.actors.levels import Jurisdiction
from qpr.actors.registry import Registry
from qpr.model import Span, pickled_by_fields
from qpr.numerals import provision_label

__all__ = ["Clause", "ClauseKind", "Duty", "Modality", "Provision", "Reading", "Role"]


class Role(enum.StrEnum):
    #: the party the clause obliges, permits or forbids
    BEARER = "bearer"
    #: a party joining a bearer (会同 …)
    PARTNER = "partner"
    #: a party whose own activity the clause encourages, supports, guides
    TARGET = "target"


class Modality(enum.StrEnum):
    SHALL = "shall"
    MAY = "may"
    MUST_NOT = "must_not"
    ENCOURAGED = "encouraged"


@pickled_by_fields
@attrs.frozen(slots=True, order=True)
class Provision:
    """Where a clause stands: 第几条第几款第几项 (item None for the paragraph's own words)."""

    article: str
    paragraph: int
    item: int | None = None

    def __str__(self) -> str:
        return provision_label(self.article, self.paragraph, self.item)


@pickled_by_fields
@attrs.frozen(slots=True)
class Duty:
    """One (provision, actor, role): the unit planners assign and check.

    ``actor`` is the party as the text names it, without its level prefix
    (``市场监管部门``, ``环境保护部门``); ``actor_id`` the registry actor it
    resolves to (today's body, so ``ecology-environment`` for 环境保护部门), or
    None for a duty nobody is assigned to (``actor`` None too) or a party the
    registry does not know. ``level`` is ANNOTATION.md's level code (county+,
    city+, province, all, township …) for governments and their departments.
    """

    provision: Provision
    actor: str | None
    actor_id: str | None
    role: Role
    modality: Modality
    level: str | None
    action: str
    span: Span
    #: the level condition as written (有条件的), if any
    condition: str | None = None
    #: 每年度, 定期 …
    recurrence: str | None = None
    #: 三十日内, 2021年6月30日前 …
    deadline: str | None = None
    #: how the bearer was found: subject, agent (由…), inherited from the sentence,
    #: the paragraph or the chapeau, or none for an unassigned duty
    basis: str = "subject"
    #: False where the reading rests on a guess a person should check
    confident: bool = True
    note: str | None = None
    #: today's canonical name of the actor (生态环境部门 for 环境保护部门); the
    #: written name for a party the registry does not know
    actor_name: str | None = None
    #: the ids of the rules that made this record, the one that gave the party
    #: its role first (see qpr.duties.rules and ``qpr explain``)
    rules: tuple[str, ...] = ()
    #: the words that named the party (None for a duty nobody is assigned to)
    evidence: Span | None = None

    @property
    def article(self) -> str:
        return self.provision.article

    @property
    def paragraph(self) -> int:
        return self.provision.paragraph

    @property
    def item(self) -> int | None:
        return self.provision.item

    @property
    def unassigned(self) -> bool:
        return self.role is Role.BEARER and self.actor is None


class ClauseKind(enum.StrEnum):
    DUTY = "duty"  # gives at least one bearer or partner record
    ENCOURAGEMENT = "encouragement"  # gives only targets
    NO_DUTY = "no-duty"  # purpose, scope, definition, principle, liability, date
    CONDITION = "condition"  # an item of a condition list (有下列情形之一的)
    UNREAD = "unread"  # nothing the extractor could read: reported, not dropped


@pickled_by_fields
@attrs.frozen(slots=True)
class Clause:
    """A sentence of a provision and what the extractor made of it."""

    provision: Provision
    kind: ClauseKind
    text: str
    span: Span
    reason: str = ""
    #: the sentence-level rules that read it (its force, why it binds no one)
    rules: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class Reading:
    """The duties of a regulation, with every clause accounted for, and the context they were read in.

    ``registry`` is the actor registry the duties were read with, including the
    regulation's own defined terms (以下简称…), and ``jurisdiction`` whose
    regulation it is: questions asked of the reading later (``duties_for``,
    ``check_plan``) use the same names.
    """

    title: str
    duties: tuple[Duty, ...]
    clauses: tuple[Clause, ...]
    registry: Registry | None = attrs.field(default=None, eq=False, repr=False)
    jurisdiction: Jurisdiction | None = None

    @property
    def unread(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind is ClauseKind.UNREAD)

    @property
    def uncertain(self) -> tuple[Duty, ...]:
        return tuple(d for d in self.duties if not d.confident)

    def _repr_html_(self) -> str:
        # Jupyter looks for this method on the record itself; the layout lives with the other renderers.
        from qpr.render.notebook import reading_html

        return reading_html(self)
