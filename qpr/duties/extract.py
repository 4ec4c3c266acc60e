"""The duty extractor: each provision's sentences -> bearers, partners, targets.

The reading follows the drafting conventions of Chinese legislation
(docs/drafting-conventions.md, ANNOTATION.md), not any one regulation. It is a
cascade of named rules (:mod:`qpr.duties.rules`): each sentence is read by the
stages of :mod:`qpr.duties.sentence`, then one pass over the article tree
(:mod:`qpr.duties.inherit`) gives subjectless sentences, items and paragraphs
the bearer they continue, and each (provision, party, role) becomes a
:class:`~qpr.duties.model.Duty` that names the rules that made it.

Every sentence ends up as a :class:`~qpr.duties.model.Clause` with its kind,
so nothing is dropped silently; guesses are marked ``confident=False``.
"""

from __future__ import annotations

import re

from qpr.actors.levels import jurisdiction_from_title
from qpr.actors.registry import Registry
from qpr.actors.registry import registry as builtin_registry
from qpr.duties.inherit import ProvisionReading, read_article
from qpr.duties.lexicon import Lexicon, lexicon
from qpr.duties.model import Clause, ClauseKind, Duty, Modality, Reading, Role
from qpr.duties.parties import Party, PartyReader
from qpr.duties.penalties import penalty_bodies
from qpr.duties.rules import RuleId
from qpr.model import Regulation, Span

__all__ = ["extract"]

# Every recurrence and deadline word holds one of these characters: skip the patterns otherwise.
_TIME_HINT = re.compile(r"[年月日天期季周时]")


def extract(reg: Regulation, *, registry: Registry | None = None, lex: Lexicon | None = None) -> Reading:
    """Read every provision of ``reg`` into duties (see the module docstring for the reading).

    The :class:`~qpr.duties.model.Reading` keeps the registry it was read with,
    including the regulation's own defined terms (以下简称…), and the
    jurisdiction, so that later questions about it use the same names.
    """
    lex = lex or lexicon()
    jurisdiction = jurisdiction_from_title(reg.title)
    actors = (registry or builtin_registry()).with_defined_terms(reg.simplified or reg.text, jurisdiction)
    pr = PartyReader(lex, actors, jurisdiction)
    duties: list[Duty] = []
    clauses: list[Clause] = []
    bodies = penalty_bodies(reg, pr)
    for article in reg.articles:
        for provision in read_article(reg, pr, article, bodies):
            _emit(pr, provision, duties, clauses)
    return Reading(reg.title, tuple(duties), tuple(clauses), registry=actors, jurisdiction=jurisdiction)


def _emit(pr: PartyReader, p: ProvisionReading, duties: list[Duty], clauses: list[Clause]) -> None:
    """The records of one provision: a clause per sentence, a duty per (party, role)."""
    provision = p.provision
    if p.condition:
        clauses.append(Clause(provision, ClauseKind.CONDITION, p.text, p.span,
                              "an item of a condition list", (RuleId.INHERIT_CONDITION_LIST,)))
        return
    # One record per (party, role, level): 县级以上人民政府应当…。乡镇人民政府应当… binds both levels.
    seen: set[tuple[str | None, Role, str | None]] = set()
    base = p.span.start
    for s in p.sentences:
        clause_span = Span(base + s.start, base + s.end)
        action = s.text.strip()
        sentence_rules = tuple(s.rules)
        if s.no_duty:
            clauses.append(Clause(provision, ClauseKind.NO_DUTY, action, clause_span, s.no_duty, sentence_rules))
            continue
        records: list[tuple[Party | None, Role, Modality]] = []
        modality = s.modality or Modality.SHALL
        if s.unassigned:
            records.append((None, Role.BEARER, modality))
        records += [(party, Role.BEARER, modality) for party in s.bearers]
        records += [(party, Role.PARTNER, modality) for party in s.partners]
        records += [(party, Role.TARGET, Modality.ENCOURAGED) for party in s.targets]
        if not records:
            clauses.append(Clause(provision, ClauseKind.UNREAD, action, clause_span,
                                  "no party and no action the extractor could read", sentence_rules))
            continue
        kind = ClauseKind.DUTY if s.bearers or s.partners or s.unassigned else ClauseKind.ENCOURAGEMENT
        clauses.append(Clause(provision, kind, action, clause_span, s.note or "", sentence_rules))
        recurrence = deadline = None
        if _TIME_HINT.search(s.text):
            recurrence = _first(pr.lex.recurrence, s.text)
            deadline = _first(pr.lex.deadline, s.text)
        for party, role, mod in records:
            key = (party.key if party else None, role, party.level if party and role is not Role.TARGET else None)
            if key in seen:
                continue
            seen.add(key)
            if role is Role.TARGET:
                rules = party.rules if party else ()
            else:
                rules = (*(party.rules if party else ()), *sentence_rules)
            duties.append(Duty(
                provision=provision,
                actor=party.written if party else None,
                actor_id=party.actor_id if party else None,
                actor_name=pr.canonical_name(party),
                role=role,
                modality=mod,
                level=party.level if party and role is not Role.TARGET else None,
                action=action,
                span=clause_span,
                condition=party.condition if party else None,
                recurrence=recurrence,
                deadline=deadline,
                basis=("none" if party is None else s.basis) if role is Role.BEARER else "subject",
                confident=s.confident,
                note=s.note,
                rules=tuple(dict.fromkeys(rules)),
                evidence=Span(*party.evidence) if party and party.evidence else None,
            ))


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0) if m else None
