"""The extractor's rules: one id per drafting convention, and the order in which they win.

Every duty records the ids of the rules that made it (``Duty.rules``), so a
planner who doubts a row can see why it is there (``qpr explain``). A rule's
words and example sentences live beside it in ``qpr/data/lexicon.toml``
(``[rules."<id>"]``); the examples are run as tests, so the data shows what
each rule is for.

How a sentence is read (a cascade of named stages, each reading what the
earlier ones found; see :mod:`qpr.duties.sentence`):

1. ``no_duty``: purpose, scope, definition, principle, liability: no duty.
2. ``subject``: the run of parties the sentence opens with.
3. ``partner``: parties after 会同 join the subject (or the agent).
4. ``agent``: 由X names a bearer.
5. ``target``: parties right after an encouraging verb.
6. ``modality``: the first modal word after the subject.
7. ``role``: demotions, in the order of :data:`ROLE_PRECEDENCE`.
8. ``subject.later_clause``: a later clause that names its own bearer.
9. ``level``: each government body's levels.

Then one pass over the article tree (:mod:`qpr.duties.inherit`) gives
subjectless sentences, items and paragraphs the bearer they continue.

A mention of a party is used by one stage only: the earliest in
:data:`CLAIM_PRECEDENCE` that takes it.
"""

from __future__ import annotations

import enum

__all__ = ["CLAIM_PRECEDENCE", "ROLE_PRECEDENCE", "RuleId"]


class RuleId(enum.StrEnum):
    """The id of every rule the extractor applies; documented in lexicon.toml."""

    # A sentence that obliges no one.
    NO_DUTY_STATEMENT = "no_duty.statement"
    NO_DUTY_LIABILITY = "no_duty.liability"
    NO_DUTY_PRINCIPLE = "no_duty.principle"
    NO_DUTY_PENALTY = "no_duty.penalty"
    # Who the sentence is about.
    SUBJECT_OPENING = "subject.opening"
    SUBJECT_AFTER_OPENER = "subject.after_opener"
    SUBJECT_AFTER_TOPIC = "subject.after_topic"
    SUBJECT_PHRASE = "subject.phrase"
    SUBJECT_LIST_HEAD = "subject.list_head"
    SUBJECT_LATER_CLAUSE = "subject.later_clause"
    SUBJECT_CONDITION = "subject.condition"
    SUBJECT_CONDITION_PARTY = "subject.condition_party"
    # Who joins, who acts on behalf, who is encouraged.
    PARTNER_HUITONG = "partner.huitong"
    AGENT_YOU = "agent.you"
    AGENT_PENALTY_BODY = "agent.penalty_body"
    TARGET_AFTER_VERB = "target.after_verb"
    TARGET_PHRASE = "target.phrase"
    TARGET_LIST_HEAD = "target.list_head"
    TARGET_SECTOR_LIST = "target.sector_list"
    TARGET_CHAPEAU = "target.chapeau"
    # With what force.
    MODALITY_MODAL_WORD = "modality.modal_word"
    MODALITY_PLAIN_IMPERATIVE = "modality.plain_imperative"
    MODALITY_LATER_CONDITIONAL = "modality.later_conditional"
    MODALITY_CHAPEAU = "modality.chapeau"
    # Demotions: a party that opens the sentence but does not bear it.
    ROLE_VIOLATOR = "role.violator"
    ROLE_CONDITION_BEFORE_AGENT = "role.condition_before_agent"
    ROLE_DESCRIBES_THING = "role.describes_thing"
    ROLE_BEARER_NOT_TARGET = "role.bearer_not_target"
    # Duties nobody is named for.
    UNASSIGNED_NO_SUBJECT = "unassigned.no_subject"
    UNASSIGNED_THING_SUBJECT = "unassigned.thing_subject"
    UNASSIGNED_OPENING_ACTION = "unassigned.opening_action"
    ENCOURAGEMENT_SUBJECTLESS = "encouragement.subjectless"
    # Inheritance over the article tree.
    INHERIT_SENTENCE = "inherit.sentence"
    INHERIT_CHAPEAU = "inherit.chapeau"
    INHERIT_PARAGRAPH = "inherit.paragraph"
    INHERIT_CONDITION_LIST = "inherit.condition_list"
    INHERIT_PENALTY_LIST = "inherit.penalty_list"
    # Names and levels.
    NAME_SECTOR_MEMBERS = "name.sector_members"
    NAME_EXAMPLE_MEMBERS = "name.example_members"
    NAME_SHARED_KIND = "name.shared_kind"
    NAME_MODIFIER = "name.modifier"
    NAME_CLOSING_NOUN = "name.closing_noun"
    LEVEL_PREFIX = "level.prefix"
    LEVEL_EVERY_LEVEL = "level.every_level"
    LEVEL_PARTNER = "level.partner"
    LEVEL_PARAGRAPH = "level.paragraph"
    LEVEL_JURISDICTION = "level.jurisdiction"

    @property
    def stage(self) -> str:
        return self.value.partition(".")[0]


#: Which stage gets a party mention when two could read it: the earliest here.
#: 会同 after the subject makes a partner, not a second subject; a mention after
#: 由 that was already a partner is not an agent again; a target is never a
#: party already read as subject, partner or agent.
CLAIM_PRECEDENCE = ("subject", "partner", "agent", "target", "subject.later_clause")

#: Demotions of the opening party, tried in this order; the first that applies wins.
ROLE_PRECEDENCE = (
    # 用人单位违反…的，由人力资源行政部门责令改正: the opening party broke the rule.
    RuleId.ROLE_VIOLATOR,
    # 诉求事项有明确主管部门的，由…办理: the party is inside the condition.
    RuleId.ROLE_CONDITION_BEFORE_AGENT,
    # 市人民政府制定的规划，应当…: the party only describes the subject, a thing.
    RuleId.ROLE_DESCRIBES_THING,
)
