"""One sentence -> who bears it, who joins, who is encouraged, with what force.

A cascade of named stages (see :mod:`qpr.duties.rules` for the order and the
precedence between them). Each stage is a function of the sentence and of what
the stages before it found, and tags what it finds with its rule id. The
result, a :class:`SentenceReading`, still lacks what only the neighbouring
sentences can give (an inherited bearer); :mod:`qpr.duties.inherit` adds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from qpr.actors.model import Mention
from qpr.duties.lexicon import Lexicon
from qpr.duties.model import Modality
from qpr.duties.parties import (
    CONNECTOR,
    LEVEL_PREFIX,
    LIST_HEAD,
    Party,
    PartyReader,
    first_at,
    mention_run,
)
from qpr.duties.rules import RuleId

__all__ = ["SentenceReading", "agent_at", "read_sentence", "split_sentences"]

_SENTENCE_END = re.compile(r"[。；;！!？?]|[：:](?=\s*$)")
# The start of a clause after a comma, where a clause may name its own subject.
_CLAUSE_START = re.compile(r"[，,；;]")
_CLAUSE_END = re.compile(r"[，,；;。]")
# Where a condition (…违反…的，) ends: before it, the opening party is the one it is about.
_CONDITION_END = re.compile(r"的[，,]")
# Between 由 and the body it names, a short description of which one (违法行为发生地的).
_CLAUSE_MARK = re.compile(r"[，,；;]")
# 由违法行为发生地的X, 由馆址所在地X: a short modifier between 由 and its body.
_AGENT_MODIFIER = re.compile(r"[^，。；,;□的在向对与和及、（(]{1,12}的")
# 由馆址所在地县级以上…部门: a place before a mention that opens with 所在地 (the registry reads it as the level's).
_AGENT_PLACE = re.compile(r"[^，。；,;□的在向对与和及、（(]{1,8}?(?=□)")
# 为 … before an encouraging verb: with 提供/创造/营造 after it, the verb states a purpose.
_PURPOSE_OPEN = re.compile(r"为[^，。；,;为]*$")


@attrs.define(slots=True)
class SentenceReading:
    """What one sentence says: its parties by role, its force, and the rules that read it.

    ``start`` and ``end`` are offsets in the provision's text. ``rules`` are
    the sentence-level rules (how its force was read, why it binds no one);
    each party carries its own.
    """

    start: int
    end: int
    text: str
    bearers: list[Party] = attrs.Factory(list)
    partners: list[Party] = attrs.Factory(list)
    targets: list[Party] = attrs.Factory(list)
    modality: Modality | None = None
    subject: bool = False  # a named party opens the sentence
    agent: bool = False  # 由X names the bearer
    encouragement_only: bool = False
    thing_subject: bool = False  # 未经验收的信息化工程，不得投入使用: a thing is bound, no party
    no_duty: str = ""
    #: a penalty clause that names no imposing body and none is declared for it
    penalty_unnamed: bool = False
    basis: str = "subject"
    unassigned: bool = False
    confident: bool = True
    note: str | None = None
    rules: list[str] = attrs.Factory(list)


@attrs.frozen(slots=True)
class _Text:
    """The sentence as the stages read it: the words, the mentions in them, and the words with mentions masked."""

    body: str
    masked: str
    mentions: tuple[Mention, ...]


class _Claims:
    """Which stage has taken each mention (a mention is used by one stage only; see CLAIM_PRECEDENCE)."""

    __slots__ = ("taken",)

    def __init__(self) -> None:
        self.taken: set[int] = set()

    def take(self, indices: Sequence[int]) -> None:
        self.taken.update(indices)

    def __contains__(self, index: int) -> bool:
        return index in self.taken


@attrs.define(slots=True)
class _Subject:
    mentions: list[Mention]
    phrase: list[Party]
    cursor: int
    condition: str | None
    pos: int  # where the sentence proper starts, after lead words
    rule: str


@attrs.define(slots=True)
class _Agents:
    mentions: list[Mention]
    after_condition: bool
    #: parties after 由 the registry does not know (由依法取得相应许可的单位进行)
    phrase: list[Party] = attrs.Factory(list)
    #: where the first agent starts (0 with none)
    first: int = 0

    def __bool__(self) -> bool:
        return bool(self.mentions or self.phrase)


@attrs.define(slots=True)
class _Targets:
    mentions: list[Mention]
    phrase: list[Party]
    cut_at: dict[int, int]  # start of a target mention that runs past 与…合作 -> where its targets end
    first_verb: int | None
    rules: dict[int, str]  # start of a target mention -> the rule that found it


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence: up to 。；！？ or a final ：."""
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[start:end].strip():
            out.append((start, end))
        start = end
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def read_sentence(pr: PartyReader, text: str, offset: int, level_context: str | None,
                  penalty_bodies: Callable[[str], list[Party]] | None = None) -> tuple[SentenceReading, str | None]:
    """Read one sentence; returns it and the level the paragraph speaks of after it.

    ``penalty_bodies`` gives, for a penalty clause's words, the bodies the
    regulation declares for it (:mod:`qpr.duties.penalties`).
    """
    lex = pr.lex
    s = SentenceReading(offset, offset + len(text), text)
    body = text.rstrip("。；;！!？?：: \u3000")
    mentions = tuple(m for m in pr.registry.mentions(body, pr.jurisdiction) if m.resolution.actors)
    reason = _no_duty(lex, body, mentions)
    if reason is not None:
        s.no_duty = "statement of purpose, scope, definition, principle or liability"
        s.rules.append(reason)
        return s, level_context
    t = _Text(body, _mask(body, mentions), mentions)
    claims = _Claims()
    subject = _find_subject(pr, t, claims, level_context)
    partner_mentions, cursor = _find_partners(lex, t, claims, subject)
    agents = _find_agents(pr, t, claims, cursor, partner_mentions)
    targets = _find_targets(pr, t, claims)
    modal = lex.modal.search(t.masked, cursor)
    s.modality, modality_rule = _modality(lex, t, subject, agents, modal, cursor)
    if modality_rule:
        s.rules.append(modality_rule)
    declared: list[Party] = []
    penalty = lex.penalty.search(t.masked) if not agents else None
    if penalty is not None:
        # A penalty clause with no 由X: the opening party, if it is before the violation's 的，, broke the
        # rule; the body the regulation declares imposes the penalty, and with none the clause binds no one.
        violator = (subject.mentions or subject.phrase) and _CONDITION_END.search(t.masked, subject.cursor, penalty.start())
        if violator or not (subject.mentions or subject.phrase):
            declared = penalty_bodies(body) if penalty_bodies else []
            # With none declared, the clause may still continue its chapeau's body (市知识产权局…可以采用
            # 下列方式：（一）…责令其停止制造): the inheritance pass decides (penalty_unnamed).
            s.penalty_unnamed = not declared
            if violator:
                subject.mentions, subject.phrase = [], []
                s.rules.append(RuleId.ROLE_VIOLATOR)
            if s.modality is None:
                s.modality = Modality.SHALL
                s.rules.append(RuleId.MODALITY_PLAIN_IMPERATIVE)
    demoted = _demotion(pr, t, subject, agents, modal)
    if demoted is not None:
        s.rules.append(demoted)
        subject.mentions = []
        if demoted is not RuleId.ROLE_DESCRIBES_THING:
            subject.phrase = []  # a phrase subject found beside the mentions still describes the thing's bearer

    if not (subject.mentions or subject.phrase or agents or declared) and modal is not None:
        _subject_after_topic(pr, t, claims, subject, modal, level_context)
    s.subject = bool(subject.mentions or subject.phrase)
    s.agent = bool(agents or declared)
    if agents and not s.subject and agents.first > _first_clause_end(t.masked):
        # 市、区建立…制度，…，日常工作由共青团承担: the opening action is nobody's, the later one the agent's.
        opening = t.masked[subject.pos:]
        level = LEVEL_PREFIX.match(opening)
        if level and level.end() < len(opening):
            opening = opening[level.end():]
        s.unassigned = bool(lex.action_verb.match(opening))
        if s.unassigned:
            s.rules.append(RuleId.UNASSIGNED_OPENING_ACTION)
    if not s.subject and not agents and modal is not None:
        # A requirement on a thing (经费应当…, 未经验收的工程，不得…) binds no party: rule 5,
        # and it does not continue the bearer of the sentence before it.
        topic = t.masked[subject.pos:modal.start()].rstrip("，, ")
        s.thing_subject = (2 <= len(topic) <= 30 and "□" not in topic
                           and not lex.action_verb.match(topic) and not lex.adverbial.match(topic)
                           and not lex.target_verb.match(topic) and not lex.opening_clause.match(topic + "，"))
    for m in pr.modified(subject.mentions):
        rule = RuleId.NAME_MODIFIER if m not in subject.mentions else None
        for p in pr.parties(m, subject.condition, level_context):
            p = p.found_by(rule) if rule else p
            s.bearers.append(p.found_by(subject.rule))
    for m in agents.mentions:
        s.bearers.extend(p.found_by(RuleId.AGENT_YOU) for p in pr.parties(m, subject.condition, level_context))
    s.bearers.extend(p.found_by(RuleId.AGENT_YOU) for p in agents.phrase)
    s.bearers.extend(p.found_by(subject.rule) for p in subject.phrase)
    s.bearers.extend(declared)
    if subject.condition and s.bearers:
        s.rules.append(RuleId.SUBJECT_CONDITION)

    if _later_subjects(pr, t, claims, s, subject, level_context):
        s.subject = True
    if s.bearers:
        # 行政机关 (every level by nature) says nothing of the level the article speaks of.
        level_context = next((p.level for p in s.bearers if p.level and not pr.every_level(p)), level_context)
    fallback = s.bearers[0].level if s.bearers else None
    for m in partner_mentions:
        s.partners.extend(p.found_by(RuleId.PARTNER_HUITONG) for p in pr.parties(m, None, level_context, fallback))
    _assign_targets(pr, t, s, targets, level_context)
    if not s.subject and not agents and (targets.mentions or targets.phrase) and targets.first_verb is not None:
        # Subjectless encouragement: the first clause opens with an encouraging verb.
        opening = t.masked[:targets.first_verb]
        opener = lex.opening_clause.match(opening)  # 因经济形势…的，鼓励企业…
        if opener:
            opening = opening[opener.end():]
        opening = lex.encourager.sub("", opening)
        s.encouragement_only = targets.first_verb < _first_clause_end(t.masked) and not opening.strip("，, ")
        if s.encouragement_only:
            s.rules.append(RuleId.ENCOURAGEMENT_SUBJECTLESS)
    unresolved = [u for m in subject.mentions + agents.mentions + partner_mentions for u in m.resolution.unresolved]
    unresolved += [p.written for p in subject.phrase if p.actor_id is None]
    if unresolved:
        s.confident = False
        s.note = "parties the actor registry does not know: " + "、".join(unresolved)
    elif (subject.mentions or agents) and not modal:
        s.note = "no modal word: read as a plain imperative (shall)"
    return s, level_context


# -- stages ----------------------------------------------------------------------------------------


def _no_duty(lex: Lexicon, body: str, mentions: Sequence[Mention]) -> str | None:
    """The rule by which the sentence states what the regulation is rather than who must act, if any."""
    if lex.no_duty.search(body):
        return RuleId.NO_DUTY_STATEMENT
    has_agent = any(lex.agent_marker.match(body, m.start - 1) for m in mentions if m.start > 0)
    if not has_agent and lex.liability.search(body) and not _party_before_modal(lex, body, mentions):
        return RuleId.NO_DUTY_LIABILITY
    party_first = bool(mentions) and mentions[0].start == 0 and not lex.jurisdiction_subject.match(mentions[0].text)
    if not party_first and lex.principle.search(body):
        return RuleId.NO_DUTY_PRINCIPLE
    return None


def _party_before_modal(lex: Lexicon, body: str, mentions: Sequence[Mention]) -> bool:
    """Whether a named party stands right before a modal word (…的，生产者应当承担赔偿责任): a duty, not a bare liability."""
    ends = {m.end for m in mentions}
    for modal in lex.modal.finditer(body):
        if modal.start() in ends or lex.party_end.search(body, max(0, modal.start() - 12), modal.start()):
            return True
    return False


def _find_subject(pr: PartyReader, t: _Text, claims: _Claims, level_context: str | None) -> _Subject:
    """The run of parties the sentence opens with (``subject.*``)."""
    lex = pr.lex
    body, masked, mentions = t.body, t.masked, t.mentions
    lead = lex.lead.match(body)
    pos = lead.end() if lead else 0
    condition = None
    starts = {0, pos}
    cm = lex.condition_word.match(body, pos)
    if cm:
        condition = "有条件的"
        starts.add(cm.end())  # the registry may or may not take 有条件的 into the mention
    opener = lex.opening_clause.match(body)
    first_mention = None
    rule: str = RuleId.SUBJECT_OPENING
    if opener and not lex.modal.search(masked, 0, opener.end()):
        # 设立培训机构的，申请人应当… / 接到投诉后，有关部门应当…: the subject follows the opening
        # clause, and a party inside that clause (民营企业…的，金融机构应当…) is not the subject.
        starts.add(opener.end())
        first_mention = first_at(mentions, opener.end())
        if first_mention is not None:
            rule = RuleId.SUBJECT_AFTER_OPENER
    phrase: list[Party] = []
    cursor = 0
    if first_mention is None and opener is not None and opener.end() in starts:
        phrase, cursor = pr.phrase_subject(body, masked, {opener.end()}, condition, pos, mentions, level_context)
        if phrase:
            rule = RuleId.SUBJECT_AFTER_OPENER
    if first_mention is None and not phrase and opener is not None and opener.end() in starts:
        lent = _condition_party(lex, body, masked, opener.end())
        if lent is not None:
            # 取得许可证的，应当…: the condition names who; the clause has no subject of its own.
            return _Subject([], [lent], opener.end(), condition, pos, RuleId.SUBJECT_CONDITION_PARTY)
    if first_mention is None and not phrase:
        first_mention = next((i for i, m in enumerate(mentions) if m.start in starts), None)
    if first_mention is None and not phrase and mentions and "等" in mentions[0].text \
            and LIST_HEAD.fullmatch(body, pos, mentions[0].start) \
            and not lex.target_verb.match(body, pos) and not lex.action_verb.match(body, pos):
        first_mention = 0  # 广播、电视…等新闻媒体: the list's unknown first member is one more example
        rule = RuleId.SUBJECT_LIST_HEAD
    if first_mention is not None and (lex.jurisdiction_subject.fullmatch(mentions[first_mention].text)
                                      or lex.action_verb.fullmatch(mentions[first_mention].text)):
        first_mention = None  # 本市… / 组织、协调开展…: a jurisdiction or a verb, not a party
    if first_mention is not None and mentions[first_mention].text in lex.standalone_names \
            and not lex.predicate.match(masked, mentions[first_mention].end):
        first_mention = None  # 国家法律、国家重点保护野生植物: 国家 modifies a noun
    subject: list[Mention] = []
    if first_mention is not None:
        run = mention_run(body, mentions, first_mention)
        after = body[mentions[run[-1]].end:]
        if not lex.modified.match(after):
            subject = [mentions[i] for i in run]
            claims.take(run)
    if not subject and not phrase:
        phrase, cursor = pr.phrase_subject(body, masked, starts, condition, pos, mentions, level_context)
        rule = RuleId.SUBJECT_PHRASE
    elif subject:
        cursor = subject[-1].end
        # The list may go on with parties the registry does not know (…文化馆（站）、工人文化宫、青少年活动中心等应当).
        joint = CONNECTOR.match(body, cursor)
        if joint and joint.end() > cursor:
            more, end = pr.phrase_subject(body, masked, {joint.end()}, condition, cursor, mentions, level_context)
            if more:
                phrase, cursor = [p.found_by(RuleId.SUBJECT_PHRASE) for p in more], end
    return _Subject(subject, phrase, cursor, condition, pos, rule)


def _subject_after_topic(pr: PartyReader, t: _Text, claims: _Claims, subject: _Subject, modal: re.Match[str],
                         level_context: str | None) -> None:
    """新安装的电梯，电梯制造单位应当…: after a topic and its comma, the party right before the modal word."""
    comma = max(t.body.rfind("，", 0, modal.start()), t.body.rfind(",", 0, modal.start()))
    if comma <= 0:
        return
    if pr.lex.action_verb.match(t.body, comma + 1) or pr.lex.modal.search(t.masked, 0, comma):
        return  # …，建立…: an action, not a party; a modal word before: the topic was a clause of its own
    if pr.lex.action_verb.match(t.body) or t.masked.startswith("的", modal.end()):
        return  # 强化诚信自律,…,树立对社会负责的形象: a list of actions, and 负责的 describes, it binds no one
    later = pr.lex.modal.search(t.masked, modal.end())
    if later and _CLAUSE_MARK.search(t.masked, modal.end(), later.start()):
        return  # …，民营企业均可以…，不得…: the later clauses are read one by one (subject.later_clause)
    k = first_at(t.mentions, comma + 1)
    if k is not None and t.mentions[k].start == comma + 1 and k not in claims:
        run = mention_run(t.body, t.mentions, k)
        if t.mentions[run[-1]].end <= modal.start():
            claims.take(run)
            subject.mentions = [t.mentions[i] for i in run]
            subject.cursor, subject.rule = subject.mentions[-1].end, RuleId.SUBJECT_AFTER_TOPIC
            return
    phrase, cursor = pr.phrase_subject(t.body, t.masked, {comma + 1}, subject.condition, comma + 1, t.mentions,
                                       level_context)
    if phrase:
        subject.phrase, subject.cursor, subject.rule = phrase, cursor, RuleId.SUBJECT_AFTER_TOPIC


def _condition_party(lex: Lexicon, body: str, masked: str, end: int) -> Party | None:
    """The party a headless condition names (从事互联网信息服务活动的，应当…), when the modal word follows it directly.

    Only a condition about what someone does (its first word one of the rule's
    verbs) names a party; 违反…的 or 发生…的 describe a situation.
    """
    lead = lex.lead.match(masked, end)
    if not lex.modal.match(masked, lead.end() if lead else end):
        return None
    clause = body[:end].rstrip("，,")
    if "□" in masked[:end] or "，" in clause or "," in clause or len(clause) > 32:
        return None
    m = lex.condition_party.fullmatch(clause)
    if m is None:
        return None
    return Party(None, m.group("party"), None, None, (), (m.start("party"), m.end("party")))


def _partners_after(lex: Lexicon, t: _Text, claims: _Claims, at: int) -> tuple[list[Mention], int]:
    """会同 X、Y at ``at`` (a short adverbial may come first: X根据需要，会同Y…)."""
    pm = lex.partner_verb.match(t.masked, at)
    if not pm:
        adverbial = lex.partner_lead.match(t.masked, at)
        pm = lex.partner_verb.match(t.masked, adverbial.end()) if adverbial else None
    if not pm:
        return [], at
    idx = first_at(t.mentions, pm.end())
    if idx is None:
        return [], pm.end()
    run = mention_run(t.body, t.mentions, idx)
    claims.take(run)
    return [t.mentions[i] for i in run], t.mentions[run[-1]].end


def _find_partners(lex: Lexicon, t: _Text, claims: _Claims, subject: _Subject) -> tuple[list[Mention], int]:
    """Partners right after the subject, or after its modal word (应当会同…): ``partner.huitong``."""
    partners, cursor = _partners_after(lex, t, claims, subject.cursor)
    if not partners and (subject.mentions or subject.phrase):
        early = lex.modal.match(t.masked, cursor)
        if early:
            partners, _ = _partners_after(lex, t, claims, early.end())
            if partners:
                cursor = early.start()
    return partners, cursor


def _find_agents(pr: PartyReader, t: _Text, claims: _Claims, cursor: int, partners: list[Mention]) -> _Agents:
    """由X (会同Y) names a bearer: ``agent.you``; its 会同 parties join the partners."""
    lex = pr.lex
    agents: list[Mention] = []
    after_condition = False  # the first agent follows …的， (企业骗取补助资金的，由财政部门…)
    phrase: list[Party] = []
    first = 0
    for am in lex.agent_marker.finditer(t.masked):
        idx = agent_at(lex, t.masked, t.mentions, am.end())
        found: list[Party] = []
        if idx is None and not agents and not phrase:
            found = pr.phrase_agents(t.body, am.end(), t.mentions)
        if (idx is None or idx in claims) and not found:
            continue
        if not agents and not phrase:
            # …的，由X: the party before is inside the condition only if it has no modal word of its
            # own (财政部门应当审核…，材料不齐全的，由审计部门… keeps 财政部门).
            after_condition = (t.masked.endswith(("的，", "的,"), 0, am.start())
                               and not lex.modal.search(t.masked, cursor, am.start()))
            first = am.end() if found or idx is None else t.mentions[idx].start
        if found or idx is None:
            phrase = found or phrase
            continue
        run = mention_run(t.body, t.mentions, idx)
        claims.take(run)
        agents.extend(t.mentions[i] for i in run)
        more, _ = _partners_after(lex, t, claims, t.mentions[run[-1]].end)
        partners.extend(more)
    return _Agents(agents, after_condition, phrase, first)


def _find_targets(pr: PartyReader, t: _Text, claims: _Claims) -> _Targets:
    """Parties right after an encouraging verb used as a verb (``target.*``)."""
    lex = pr.lex
    body, masked, mentions = t.body, t.masked, t.mentions
    found = _Targets([], [], {}, None, {})
    for tm in lex.target_verb.finditer(masked):
        if not _verb_position(lex, masked, tm.start()):
            continue  # 质量促进, 科技支持: part of a noun, not a verb
        if _PURPOSE_OPEN.search(masked, max(0, tm.start() - 20), tm.start()) \
                and lex.purpose_close.match(masked, tm.end(), tm.end() + 40):
            continue  # 为…促进民营企业发展提供司法保障: a purpose, whose parties are beneficiaries
        gap = lex.target_gap.match(masked, tm.end())
        at = gap.end() if gap else tm.end()
        # In body, not masked: the 与 may lie inside a list mention. A bounded window keeps a
        # line of many encouraging verbs linear.
        coop = lex.cooperation.search(body, tm.end(), at + 200)
        # …与银行建立合作: both parties act, and both are encouraged.
        joint_act = coop and lex.action_verb.search(masked, coop.start(), coop.end() - 2)
        stop = coop.start() if coop and not joint_act and not _CLAUSE_START.search(body, at, coop.start()) \
            else len(body)
        idx = first_at(mentions, at)
        listed = pr.list_head(body, at, mentions) if idx is None else None
        if listed is not None:
            # 鼓励科研、教育等机构…: the list's first member is unknown, the rest a mention.
            idx, first_member = listed
            found.phrase.append(first_member.found_by(RuleId.TARGET_LIST_HEAD))
        if idx is None:
            more = pr.phrase_targets(body, at, mentions, stop)
            if more:
                found.first_verb = tm.start() if found.first_verb is None else found.first_verb
                found.phrase.extend(p if p.rules else p.found_by(RuleId.TARGET_PHRASE) for p in more)
            continue
        if idx in claims:
            continue
        if found.first_verb is None:
            found.first_verb = tm.start()
        run = [i for i in mention_run(body, mentions, idx) if mentions[i].start < stop]
        if not run:
            continue  # 鼓励与高校合作: the party after 与 is not the one encouraged
        claims.take(run)
        found.mentions.extend(mentions[i] for i in run)
        if mentions[run[-1]].end > stop:
            found.cut_at[mentions[run[-1]].start] = stop
        # The list may go on with parties the registry does not know (专家、学者以及其他…人员).
        joint = CONNECTOR.match(body, mentions[run[-1]].end)
        if joint and joint.end() > joint.start() and joint.start() < stop:
            more = pr.phrase_targets(body, joint.end(), mentions, stop)
            found.phrase.extend(p if p.rules else p.found_by(RuleId.TARGET_PHRASE) for p in more)
            taken = {p.actor_id for p in more}
            i = run[-1] + 1
            while i < len(mentions) and mentions[i].start < joint.end() + 60:
                if mentions[i].resolution.actors[0].actor_id in taken:
                    claims.take((i,))
                i += 1
    return found


def agent_at(lex: Lexicon, masked: str, mentions: Sequence[Mention], at: int) -> int | None:
    """The mention that 由 at ``at`` names: right after it, or after a short modifier (由违法行为发生地的X)."""
    idx = first_at(mentions, at)
    if idx is None:
        modifier = _AGENT_MODIFIER.match(masked, at)
        idx = first_at(mentions, modifier.end()) if modifier else None
    if idx is None and (place := _AGENT_PLACE.match(masked, at)):
        k = first_at(mentions, place.end())
        idx = k if k is not None and mentions[k].text.startswith(("所在地", "发生地")) else None
    return idx


def _modality(lex: Lexicon, t: _Text, subject: _Subject, agents: _Agents, modal: re.Match[str] | None,
              cursor: int) -> tuple[Modality | None, str | None]:
    """The first modal word after the subject (``modality.*``); None with no word and no named party."""
    named = subject.mentions or subject.phrase
    if modal and named and lex.later_conditional.search(t.masked, cursor, modal.end()):
        # X设立…，有条件的可以向公众开放: the permission is for some of them; X's own clause binds.
        return Modality.SHALL, RuleId.MODALITY_LATER_CONDITIONAL
    if modal:
        return Modality(lex.modal_words[modal.group(0)]), RuleId.MODALITY_MODAL_WORD
    if named or agents:
        return Modality.SHALL, RuleId.MODALITY_PLAIN_IMPERATIVE
    return None, None


def _demotion(pr: PartyReader, t: _Text, subject: _Subject, agents: _Agents, modal: re.Match[str] | None) -> str | None:
    """The first demotion in ROLE_PRECEDENCE that takes the opening party's role away, if any."""
    if not (subject.mentions or subject.phrase):
        return None
    if agents:
        if pr.lex.violator.search(t.body):
            return RuleId.ROLE_VIOLATOR
        if agents.after_condition:
            return RuleId.ROLE_CONDITION_BEFORE_AGENT
    limit = modal.start() if modal else (agents.first - 1 if agents else None)
    if subject.mentions and not pr.lex.adverbial.match(t.masked, subject.mentions[-1].end):
        end = subject.mentions[-1].end
        authored = pr.lex.authored.match(t.masked, end)
        if authored and first_at(t.mentions, authored.end()) is None \
                and not pr.lex.party_phrase.match(t.body, authored.end(), authored.end() + 8):
            # （五）国家和本市规定应当公示的其他信息: the party authored the thing named.
            return RuleId.ROLE_DESCRIBES_THING
        if limit is None:
            return None
        if (pr.lex.relative_subject.fullmatch(t.masked, end, limit)
                or pr.modifies_a_thing(t.body, t.masked, end, limit, t.mentions)):
            # 各级人民政府投资开发的公益性岗位，应当… / 市人民政府制定的…规划，应当包含…: the party only
            # modifies the real subject, a thing.
            return RuleId.ROLE_DESCRIBES_THING
    return None


def _later_subjects(pr: PartyReader, t: _Text, claims: _Claims, s: SentenceReading, subject: _Subject,
                    level_context: str | None) -> bool:
    """…，人力资源行政部门应当对其加强业务指导: a later clause naming a bearer of its own (``subject.later_clause``)."""
    lex = pr.lex
    after = subject.mentions[-1].end if subject.mentions else 0
    held = {b.key for b in s.bearers}
    found = False
    for clause in _CLAUSE_START.finditer(t.masked, after):
        idx = first_at(t.mentions, clause.end())
        if idx is None or idx in claims:
            continue
        run = mention_run(t.body, t.mentions, idx)
        later = lex.modal.match(t.masked, t.mentions[run[-1]].end)
        if later is None:
            continue
        claims.take(run)
        for i in run:
            for party in pr.parties(t.mentions[i], None, level_context):
                if party.key not in held:
                    held.add(party.key)
                    s.bearers.append(party.found_by(RuleId.SUBJECT_LATER_CLAUSE))
        if s.modality is None:
            s.modality = Modality(lex.modal_words[later.group(0)])
            s.rules.append(RuleId.MODALITY_MODAL_WORD)
        found = True
    return found


def _assign_targets(pr: PartyReader, t: _Text, s: SentenceReading, targets: _Targets, level_context: str | None) -> None:
    """Targets, less any party that is a bearer of the same sentence (``role.bearer_not_target``)."""
    bearer_ids = {p.key for p in s.bearers} | {p.actor_id for p in s.bearers if p.actor_id}
    dropped = False
    for m in targets.mentions:
        cut = targets.cut_at.get(m.start)
        if cut is not None:
            # 鼓励金融、保险等机构与企业合作: only the list before 与 is encouraged; read it alone.
            head = m.text[:cut - m.start]
            m = Mention(m.start, cut, head, pr.registry.resolve(head, pr.jurisdiction))
        for p in pr.parties(m, None, level_context):
            if p.key in bearer_ids or p.actor_id in bearer_ids:
                dropped = True
                continue
            s.targets.append(attrs.evolve(p, level=None, rules=(RuleId.TARGET_AFTER_VERB,
                                                                *(r for r in p.rules if not r.startswith("level.")))))
    for p in targets.phrase:
        if p.key in bearer_ids or p.actor_id in bearer_ids:
            dropped = True
        else:
            s.targets.append(p)
    if dropped:
        s.rules.append(RuleId.ROLE_BEARER_NOT_TARGET)


# -- helpers ---------------------------------------------------------------------------------------


def _mask(text: str, mentions: Sequence[Mention]) -> str:
    """``text`` with every mention blanked out, so modal words inside names (主管部门) do not count."""
    if not mentions:
        return text
    parts, pos = [], 0
    for m in mentions:
        parts.append(text[pos:m.start])
        parts.append("□" * (m.end - m.start))
        pos = m.end
    parts.append(text[pos:])
    return "".join(parts)


def _verb_position(lex: Lexicon, text: str, start: int) -> bool:
    """Whether the word at ``start`` stands where a verb can: sentence start, after an adverb, a party, a comma."""
    return start == 0 or bool(lex.verb_before.search(text, max(0, start - 3), start))


def _first_clause_end(text: str) -> int:
    m = _CLAUSE_END.search(text)
    return m.start() if m else len(text)
