"""Reading an article: its sentences first, then one inheritance pass over the article tree.

Pass 1 reads every sentence of every 款 (paragraph) and 项 (item) on its own
(:func:`qpr.duties.sentence.read_sentence`), carrying only the level the
paragraph speaks of. Pass 2 gives what a sentence lacks from its neighbours,
by these rules:

- ``inherit.sentence``: a sentence with no subject continues the bearer of the
  sentence before it in the same provision.
- ``inherit.chapeau``: an item inherits its chapeau's bearer and modality, and,
  under a chapeau that lists the targets' own activities (支持企业开展下列活动：),
  its targets.
- ``inherit.condition_list``: items of a condition list (有下列情形之一的,
  or items that each end in 的) inherit nothing and give no duty.
- ``inherit.penalty_list``: under a penalty chapeau that names its body and
  refers to the rules below (依照下列规定予以处理：), each item is that body's penalty.
- ``inherit.paragraph``: a paragraph inherits the bearer of the one before it
  only when that one ended in ；.
- ``unassigned.no_subject``: what is left with an action and no bearer is a
  duty nobody is assigned to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from qpr.duties.model import Modality, Provision
from qpr.duties.parties import Party, PartyReader
from qpr.duties.penalties import PenaltyBody, applicable, declared_parties
from qpr.duties.rules import RuleId
from qpr.duties.sentence import SentenceReading, read_sentence, split_sentences
from qpr.model import Article, Regulation, Span

__all__ = ["ProvisionReading", "read_article"]

# An item that ends in 的 states a situation (…开展公益性阅读推广活动的；), not a duty.
_CONDITION_ITEM = re.compile(r"的[；;。，,]?\s*$")


@attrs.define(slots=True)
class ProvisionReading:
    """One provision's sentences; ``condition`` for an item of a condition list (no sentences read)."""

    provision: Provision
    span: Span
    sentences: list[SentenceReading]
    condition: bool = False
    text: str = ""


@attrs.define(slots=True)
class _ParagraphReading:
    chapeau: ProvisionReading
    items: list[ProvisionReading]
    condition_list: bool
    lists_targets: bool  # the chapeau ends in ：, so its targets' activities may follow as items
    ends_in_semicolon: bool
    penalty_list: bool = False  # the items are the penalties the chapeau's body imposes


def read_article(reg: Regulation, pr: PartyReader, article: Article,
                 penalty_bodies: Sequence[PenaltyBody] = ()) -> list[ProvisionReading]:
    """Every provision of ``article``, read and with inheritance applied, in text order.

    ``penalty_bodies`` are the regulation's declarations of who imposes its
    penalties (:func:`qpr.duties.penalties.penalty_bodies`).
    """
    bodies = applicable(penalty_bodies, article.id)
    paragraphs = _read_sentences(reg, pr, article,
                                 (lambda sentence: declared_parties(bodies, article.id, sentence)) if bodies else None)
    _inherit(paragraphs)
    out: list[ProvisionReading] = []
    for p in paragraphs:
        out.append(p.chapeau)
        out.extend(p.items)
    return out


# -- pass 1: sentences -------------------------------------------------------------------------


def _read_provision(reg: Regulation, pr: PartyReader, provision: Provision, span: Span,
                    level: str | None, bodies: Callable[[str], list[Party]] | None) -> tuple[ProvisionReading, str | None]:
    text = reg.simplified_slice(span)
    sentences = []
    for start, end in split_sentences(text):
        s, level = read_sentence(pr, text[start:end], start, level, bodies)
        _anchor(s, span.start + start)
        sentences.append(s)
    return ProvisionReading(provision, span, sentences), level


def _anchor(s: SentenceReading, origin: int) -> None:
    """Make the parties' evidence offsets absolute (they are relative to the sentence when found)."""
    for group in (s.bearers, s.partners, s.targets):
        for i, p in enumerate(group):
            # A declared penalty body points at its declaration already.
            if p.evidence is not None and RuleId.AGENT_PENALTY_BODY not in p.rules:
                group[i] = Party(p.actor_id, p.written, p.level, p.condition, p.rules,
                                 (origin + p.evidence[0], origin + p.evidence[1]))


def _read_sentences(reg: Regulation, pr: PartyReader, article: Article,
                    bodies: Callable[[str], list[Party]] | None) -> list[_ParagraphReading]:
    lex = pr.lex
    out = []
    for paragraph in article.paragraphs:
        level = None  # the level a paragraph speaks of holds for that paragraph only
        chapeau, level = _read_provision(reg, pr, Provision(article.id, paragraph.number, None),
                                         paragraph.text_span, level, bodies)
        # Items that each end in 的 (…开展公益性阅读推广活动的；) are situations, not duties.
        condition_list = bool(lex.condition_list.search(paragraph.text)) or (
            len(paragraph.items) > 1
            and all(_CONDITION_ITEM.search(reg.simplified_slice(i.text_span)) for i in paragraph.items))
        last = chapeau.sentences[-1] if chapeau.sentences else None
        if condition_list and last is not None and last.subject and last.modality is not None \
                and lex.requirement_list.search(paragraph.text):
            # 企业取得生产许可证，应当符合下列条件： the items are what the named party must meet.
            condition_list = False
        penalty_list = bool(last is not None and last.agent and lex.penalty_rule_list.search(paragraph.text))
        if penalty_list:
            # …的，由市场监督管理部门依照下列规定予以处理： each item is a penalty that body imposes.
            condition_list = False
        items = []
        for item in paragraph.items:
            provision = Provision(article.id, paragraph.number, item.number)
            span = Span(item.text_span.start, item.span.end if item.subitems else item.text_span.end)
            if condition_list:
                items.append(ProvisionReading(provision, span, [], True, reg.simplified_slice(span)))
                continue
            reading, level = _read_provision(reg, pr, provision, span, level, bodies)
            items.append(reading)
        text = paragraph.text.rstrip()
        out.append(_ParagraphReading(chapeau, items, condition_list, text.endswith(("：", ":")),
                                     text.endswith(("；", ";")), penalty_list))
    return out


# -- pass 2: inheritance -----------------------------------------------------------------------


def _inherit(paragraphs: Sequence[_ParagraphReading]) -> None:
    previous_tail: list[Party] | None = None  # bearers carried by a paragraph ending in ；
    previous_unassigned = False
    for p in paragraphs:
        sentences = p.chapeau.sentences
        _inherit_provision(sentences, previous_tail, previous_unassigned, RuleId.INHERIT_PARAGRAPH)
        last = sentences[-1] if sentences else None
        # Items inherit the chapeau's last bearer and, for a list of the targets' activities, its targets.
        bearers = last.bearers if last else []
        unassigned = bool(last and last.unassigned)
        targets = last.targets if last and p.lists_targets else []
        modality = last.modality if last else None
        for item in p.items:
            if not item.condition:
                _inherit_provision(item.sentences, bearers, unassigned and not targets, RuleId.INHERIT_CHAPEAU,
                                   targets, modality)
                if p.penalty_list:
                    for s in item.sentences:
                        if s.bearers and not s.subject and not s.agent:
                            s.rules.append(RuleId.INHERIT_PENALTY_LIST)
        if p.ends_in_semicolon and last is not None:
            previous_tail, previous_unassigned = last.bearers, last.unassigned
        else:
            previous_tail, previous_unassigned = None, False


def _inherit_provision(sentences: list[SentenceReading], inherited: list[Party] | None, inherited_unassigned: bool,
                       inherited_rule: str, inherited_targets: Sequence[Party] = (),
                       inherited_modality: Modality | None = None) -> None:
    """Give each subjectless sentence of one provision the bearer it continues, or none."""
    from_chapeau = inherited_rule is RuleId.INHERIT_CHAPEAU
    carry = list(inherited) if inherited else []
    carry_unassigned = inherited_unassigned
    rule = inherited_rule
    for i, s in enumerate(sentences):
        if s.no_duty:
            continue
        if s.subject or s.agent:
            carry = list(s.bearers)
            carry_unassigned = False
            rule = RuleId.INHERIT_SENTENCE
        elif s.encouragement_only and not carry and not carry_unassigned:
            pass  # subjectless encouragement: targets only
        elif inherited_targets and not carry:
            pass  # an item of a list of the targets' own activities (支持企业开展下列活动：)
        elif carry and (not s.thing_subject or from_chapeau):
            s.bearers = list(carry)
            s.basis = _BASIS[rule]
            s.rules.append(rule)
            if s.modality is None:
                if rule is RuleId.INHERIT_CHAPEAU and inherited_modality:
                    s.modality = inherited_modality
                    s.rules.append(RuleId.MODALITY_CHAPEAU)
                else:
                    s.modality = Modality.SHALL
                    s.rules.append(RuleId.MODALITY_PLAIN_IMPERATIVE)
        elif s.penalty_unnamed:
            # A penalty clause that names no imposing body binds no one the text names (rule 6).
            s.no_duty = "a penalty clause that names no imposing body"
            s.rules.append(RuleId.NO_DUTY_PENALTY)
            s.bearers, s.partners = [], []
            continue
        elif carry_unassigned or not s.encouragement_only:
            s.unassigned = True
            s.basis = "none"
            s.rules.append(RuleId.UNASSIGNED_THING_SUBJECT if s.thing_subject else RuleId.UNASSIGNED_NO_SUBJECT)
            if s.modality is None and inherited_modality is None:
                # No party and no modal word: an action read as a duty, or a mere statement.
                s.confident = False
                s.note = s.note or "no named bearer and no modal word: read as a duty nobody is assigned to"
            if s.modality is None:
                s.modality = inherited_modality or Modality.SHALL
                s.rules.append(RuleId.MODALITY_CHAPEAU if inherited_modality else RuleId.MODALITY_PLAIN_IMPERATIVE)
        if i == 0 and inherited_targets and not s.targets and not s.subject:
            s.targets = list(inherited_targets)
            s.rules.append(RuleId.TARGET_CHAPEAU)
        if rule is not inherited_rule or s.subject or s.agent:
            rule = RuleId.INHERIT_SENTENCE


_BASIS: dict[str, str] = {RuleId.INHERIT_SENTENCE: "sentence", RuleId.INHERIT_CHAPEAU: "chapeau", RuleId.INHERIT_PARAGRAPH: "paragraph"}
