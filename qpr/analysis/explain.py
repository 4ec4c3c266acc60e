"""Why the extractor read a provision as it did: each clause, the rules that fired, who got which role.

This is what a planner shows a colleague who doubts a row of the matrix:
``qpr explain 第六条第一款`` prints, for each sentence of the provision, the
rules that read it, every party found with the words that named it and the
rules that gave it its role, modality and level, and whatever was left unread.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from qpr.duties.lexicon import RuleDoc, lexicon
from qpr.duties.model import Clause, Duty, Reading
from qpr.model import Regulation
from qpr.plans.model import ProvisionRef

__all__ = ["ClauseExplanation", "PartyExplanation", "explain", "parse_provision"]


@attrs.frozen(slots=True)
class PartyExplanation:
    """One duty record of a clause, with the words that named its party."""

    duty: Duty
    #: the words of the text that named the party ("" for a duty nobody is assigned to)
    named_by: str
    #: the penalty clauses that enforce the duty: (their provision, the body that imposes them)
    penalties: tuple[tuple[str, str], ...] = ()


@attrs.frozen(slots=True)
class ClauseExplanation:
    """One sentence of the provision as the extractor read it."""

    clause: Clause
    parties: tuple[PartyExplanation, ...]

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule that fired on the clause or one of its records, in the order first met."""
        seen = dict.fromkeys(self.clause.rules)
        for p in self.parties:
            seen.update(dict.fromkeys(p.duty.rules))
        return tuple(seen)


def parse_provision(ref: str) -> ProvisionRef:
    """``第六条第一款`` / ``6.1`` / ``第十条之一`` -> one :class:`ProvisionRef` (ValueError if it is not one)."""
    from qpr.plans.read import parse_provision_refs

    refs = parse_provision_refs(ref)
    if len(refs) != 1:
        raise ValueError(f"{ref!r} names {len(refs)} provisions; give one, such as 第六条第一款")
    return refs[0]


def explain(reading: Reading, reg: Regulation, ref: ProvisionRef | str) -> tuple[ClauseExplanation, ...]:
    """The clauses of the provision ``ref`` (an article, a paragraph or an item) and how each was read.

    Raises KeyError naming the provision when the regulation has no such one.
    """
    where = parse_provision(ref) if isinstance(ref, str) else ref
    _check_exists(reg, where)
    from qpr.analysis.penalties import duty_penalties, penalty_links

    links = penalty_links(reading)
    imposed = dict(zip(links["penalty_provision"], links["imposed_by"], strict=True))
    enforced = dict(zip(reading.duties, duty_penalties(reading, links), strict=True))
    by_span: dict[tuple[int, int], list[Duty]] = {}
    for d in reading.duties:
        if where.covers(d.article, d.paragraph, d.item):
            by_span.setdefault((d.span.start, d.span.end), []).append(d)
    out = []
    for c in reading.clauses:
        if not where.covers(c.provision.article, c.provision.paragraph, c.provision.item):
            continue
        duties = by_span.get((c.span.start, c.span.end), [])
        out.append(ClauseExplanation(c, tuple(
            PartyExplanation(d, d.evidence.slice(reg.text) if d.evidence else "",
                             tuple((label, imposed.get(label, "")) for label in enforced.get(d, ())))
            for d in duties)))
    return tuple(out)


def rule_docs() -> Mapping[str, RuleDoc]:
    """What each rule is for (from lexicon.toml), to print beside its id."""
    return lexicon().rules


def _check_exists(reg: Regulation, ref: ProvisionRef) -> None:
    try:
        article = reg.article(ref.article)
    except KeyError:
        raise KeyError(f"{reg.title} has no article {ref.article}") from None
    if ref.paragraph is not None and not 1 <= ref.paragraph <= len(article.paragraphs):
        raise KeyError(f"{article.label} has {len(article.paragraphs)} paragraph(s), not {ref.paragraph}")
    if ref.item is not None:
        paragraphs = [article.paragraphs[ref.paragraph - 1]] if ref.paragraph else list(article.paragraphs)
        if not any(i.number == ref.item for p in paragraphs for i in p.items):
            raise KeyError(f"{article.label} has no item {ref.item}")
