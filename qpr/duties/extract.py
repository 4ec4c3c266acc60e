"""The duty extractor: each provision's sentences -> bearers, partners, targets.

The reading follows the drafting conventions of Chinese legislation
(docs/drafting-conventions.md, ANNOTATION.md), not any one regulation:

- A sentence's subject is the run of party mentions it opens with; its force
  comes from the first modal word after that subject (应当, 可以, 不得 …), and
  a named subject with no modal word is a plain imperative (shall).
- Parties after 会同 are partners; parties right after an encouraging verb
  (鼓励, 支持, 引导 …) are targets; 由X (由财政部门…制定) names a bearer.
- A sentence with no subject continues the bearer of the sentence before it;
  an item inherits its chapeau's bearer (not for condition lists such as
  有下列情形之一的); a paragraph inherits only from one that ended in ；.
- An action nobody is named for is a duty with no bearer: a finding.
- Statements of purpose, scope, definition, principle and liability with no
  named body give no duty, and are recorded as such.

Every sentence ends up as a :class:`Clause` with its kind, so nothing is
dropped silently; guesses are marked ``confident=False``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from qpr.actors.levels import (LEVEL_EXPRESSION, LOCAL_LEVELS, Jurisdiction, Level, LevelScope, jurisdiction_from_title,
                               parse_level)
from qpr.actors.registry import OPEN_PREFIX, Registry
from qpr.actors.registry import registry as builtin_registry
from qpr.actors.model import Mention
from qpr.duties.lexicon import Lexicon, lexicon
from qpr.duties.model import Clause, ClauseKind, Duty, Modality, Provision, Reading, Role
from qpr.model import Regulation, Span

__all__ = ["extract"]

_SENTENCE_END = re.compile(r"[。；;！!？?]|[：:](?=\s*$)")
# Between two parties of a list; a bracketed note may come first (文化馆（站）、工人文化宫).
_CONNECTOR = re.compile(r"(?:[（(][^）)]{0,8}[）)])?(?:[、，,]?(?:及其|以及|和|及|与|或者|或|并|、|同|暨)|[、/])\s*")
# What may come before a sentence's subject without being a verb.
_LEAD = re.compile(r"(?:同时|此外|另外|其中|并且|并|还|也|均|积极|各|对此|为此)*")
_CONDITION = re.compile(r"^有条件的")
# Words that, right after a party, show the party is a modifier of a noun (企业标准, 企业的…).
_MODIFIED = re.compile(r"^(?:的|之|标准|产品|名称|负责人|人员|工作人员|职工|员工|代表|成员|章程|数量|资质|主体责任)")
# Between an encouraging verb and its party: other such verbs, adverbs, quantifiers.
_TARGET_GAP = re.compile(r"(?:[、和及与并]|和支持|、|各类|各|广大|有条件的|符合条件的|本省|本市|省内|市内)*")
_RELATIVE = re.compile(r"[^，。；、,;]{1,20}?的")
# What may stand right before an encouraging verb used as a verb (not inside a noun such as 质量促进).
_VERB_BEFORE = re.compile(r"(?:积极|大力|进一步|应当|应|可以|可|并|和|及|与|、|，|,|用于|负责|着力|重点|共同|依法|切实|要|"
                          r"不断|主动|持续|全面|加快|努力|逐步|鼓励|支持|引导|推动|促进|扶持|帮助|指导|□|以|通过|等|"
                          r"本市|本省|本区|本县|本自治区|国家|政府|措施|方式|办法|政策)$")
# A short clause before the subject: a condition (…的，) or a time (…后，).
_OPENING_CLAUSE = re.compile(r"(?:[^，。；,;]{1,40}[，,]){0,2}?[^，。；,;]{1,60}?(?:的|后|时|前|中|外|下)[，,]|[对在][^，。；,;]{1,40}[，,]")
# After a subject, a condition on it rather than its predicate: 经营性民办培训机构有下列情形之一的，应当….
_SUBJECT_CONDITION = re.compile(r"(?:有|因|违反|未|不|在|对|经).{0,40}?的[，,]|[^，,。；]{1,20}?(?:时|后|前|中)[，,]|[，,]")
_PARENTHETICAL = re.compile(r"[（(][^）)]{0,10}[）)]")
_LEVEL_PREFIX = re.compile(LEVEL_EXPRESSION)
# Every recurrence and deadline word holds one of these characters: skip the patterns otherwise.
_TIME_HINT = re.compile(r"[年月日天期季周时]")
# The noun that closes a list of department stems (the registry gives each known stem its share of it).
_CLOSING_NOUN = re.compile(r"((?:行政)?(?:主管)?(?:管理)?部门|机构|机关)$")
# What may open a sentence before its encouraging verb without being a subject: 本市鼓励…, 国家积极支持….
_ENCOURAGER = re.compile(r"^(?:本市|本省|本区|本县|本自治区|国家)?(?:积极|大力|进一步|依法)*"
                         r"(?:(?:鼓励|支持|引导|推动|促进|扶持|倡导)[、和及与并]?)*")
# A sentence whose opening party is the one who breaks the rule (…违反…的，由…).
_VIOLATOR = re.compile(r"(?:违反|未|不按|拒不|擅自)[^。；]{0,60}?的[，,]由")
# Between a party and the modal word: a relative clause ending in a noun (投资开发的公益性岗位，).
_RELATIVE_SUBJECT = re.compile(r"[^，。；]{1,20}的[^，。；□的]{1,11}[^，。；□的时后前中][，,]?")
# The start of a clause after a comma, where a clause may name its own subject.
_CLAUSE_START = re.compile(r"[，,；;]")
_QUANTIFIER = re.compile(r"^(?:各类|各种|各级|各|其他|本市|本省|全市|全省|广大|任何)")
_MEMBER_SPLIT = re.compile(r"、|以及|和|及|与|或者|或")
_PHRASE_MAX = 40
_PHRASE_STOP = re.compile(r"[，。；、,;：:（(]")
_PHRASE_PREPOSITION = re.compile(r"[为对向在]")
# 为 … 提供/创造/营造 around an encouraging verb: the verb states what the help is for.
_PURPOSE_OPEN = re.compile(r"为[^，。；,;为]*$")
_PURPOSE_CLOSE = re.compile(r"[^，。；,;]*?(?:提供|创造|营造)")
# Right after a party, a short verb phrase and 的 that go on to a noun (制定的规划): a relative clause.
_MODIFYING_CLAUSE = re.compile(r"(?![、和及与或并])[^，。；,;的□、]{1,8}的(?![，,])")
_PARTNER_LEAD = re.compile(r"(?:根据|按照|依照|依据|结合)[^，。；,;]{1,12}[，,]")
# A later clause that permits only some of the subject (…，有条件的可以向公众开放).
_LATER_CONDITIONAL = re.compile(r"[，,]有条件的(?:可以|可)$")
# Inside a party's name none of these stand: 用于 (a purpose), 依法 after its first word (an adverb:
# 民营资本依法参与…; 依法设立的学校 opens with it), 以及 and 或者 (a list),
# 到 and 赴 (a destination: 支持优秀人才到高校任教).
_NOT_A_NAME = re.compile(r"用于|.依法|以及|或者|到|赴")
# The first member of a list, where the registry's mention starts only at the second (广播、电视…等新闻媒体).
# 其 as "its" before a name (其主管部门), not the 其 of 其他 or 其它.
_POSSESSIVE = re.compile(r"^其(?![他它])(?=.{2})")
_LIST_HEAD = re.compile(r"[\u4e00-\u9fff]{1,8}、")
# An item that ends in 的 states a situation (…开展公益性阅读推广活动的；), not a duty.
_CONDITION_ITEM = re.compile(r"的[；;。，,]?\s*$")
# 与Y合作: Y works with the encouraged party; it is not encouraged itself.
_COOPERATION = re.compile(r"[与同][^，。；,;]{1,40}?(?:合作|协作|联合|共同|共建)")
_JURISDICTION_SUBJECT = re.compile(r"^(?:本省|本市|本自治区|本区|本县|全省|全市)")


@attrs.frozen(slots=True)
class _Party:
    """A party as one sentence names it; ``actor_id`` None for a party the registry does not know."""

    actor_id: str | None
    written: str
    level: str | None
    condition: str | None = None

    @property
    def key(self) -> str:
        # The written name is part of the key: one registry class (public-institution)
        # stands for several parties in 图书馆、博物馆、科技馆, and each is a record.
        return f"{self.actor_id}|{self.written}"


@attrs.define(slots=True)
class _Sentence:
    """What one sentence says, before it becomes records."""

    start: int  # offset in the provision text
    end: int
    text: str
    bearers: list[_Party] = attrs.Factory(list)
    partners: list[_Party] = attrs.Factory(list)
    targets: list[_Party] = attrs.Factory(list)
    modality: Modality | None = None
    subject: bool = False  # a named party opens the sentence
    agent: bool = False  # 由X names the bearer
    encouragement_only: bool = False
    thing_subject: bool = False  # 未经验收的信息化工程，不得投入使用: a thing is bound, no party
    no_duty: str = ""
    basis: str = "subject"
    unassigned: bool = False
    confident: bool = True
    note: str | None = None


def extract(reg: Regulation, *, registry: Registry | None = None, lex: Lexicon | None = None) -> Reading:
    """Read every provision of ``reg`` into duties (see the module docstring for the reading)."""
    reader = _Reader(reg, registry or builtin_registry(), lex or lexicon())
    duties: list[Duty] = []
    clauses: list[Clause] = []
    for article in reg.articles:
        reader.read_article(article, duties, clauses)
    return Reading(reg.title, tuple(duties), tuple(clauses))


class _Reader:
    def __init__(self, reg: Regulation, registry: Registry, lex: Lexicon) -> None:
        self.reg = reg
        self.lex = lex
        self.jurisdiction: Jurisdiction | None = jurisdiction_from_title(reg.title)
        self.registry = registry.with_defined_terms(reg.simplified or reg.text)
        self.level_context: str | None = None
        self.default_level = _jurisdiction_levels(self.jurisdiction)

    # -- articles, paragraphs, items -------------------------------------------------

    def read_article(self, article, duties: list[Duty], clauses: list[Clause]) -> None:  # type: ignore[no-untyped-def]
        previous_tail: list[_Party] | None = None  # bearers carried by a paragraph ending in ；
        previous_unassigned = False
        for paragraph in article.paragraphs:
            self.level_context = None  # the level a paragraph speaks of holds for that paragraph only
            provision = Provision(article.id, paragraph.number, None)
            inherited = previous_tail
            sentences = self.read_provision(provision, paragraph.text_span, inherited, previous_unassigned,
                                            inherited_basis="paragraph")
            self.emit(provision, sentences, paragraph.text_span, duties, clauses)
            last = sentences[-1] if sentences else None
            # Items that each end in 的 (…开展公益性阅读推广活动的；) are situations, not duties.
            chapeau_condition = bool(self.lex.condition_list.search(paragraph.text)) or (
                len(paragraph.items) > 1 and all(_CONDITION_ITEM.search(self.text(i.text_span)) for i in paragraph.items))
            # Items inherit the chapeau's last bearer and, for a list of the targets' activities, its targets.
            chapeau_bearers = last.bearers if last else []
            chapeau_unassigned = bool(last and last.unassigned)
            chapeau_targets = last.targets if last and paragraph.text.rstrip().endswith(("：", ":")) else []
            chapeau_modality = last.modality if last else None
            for item in paragraph.items:
                item_provision = Provision(article.id, paragraph.number, item.number)
                span = Span(item.text_span.start, item.span.end if item.subitems else item.text_span.end)
                if chapeau_condition:
                    clauses.append(Clause(item_provision, ClauseKind.CONDITION, self.text(span), span,
                                          "an item of a condition list"))
                    continue
                item_sentences = self.read_provision(
                    item_provision, span, chapeau_bearers, chapeau_unassigned and not chapeau_targets,
                    inherited_basis="chapeau", inherited_targets=chapeau_targets, inherited_modality=chapeau_modality)
                self.emit(item_provision, item_sentences, span, duties, clauses)
            text = paragraph.text.rstrip()
            if text.endswith(("；", ";")) and last is not None:
                previous_tail = last.bearers
                previous_unassigned = last.unassigned
            else:
                previous_tail = None
                previous_unassigned = False

    def text(self, span: Span) -> str:
        return self.reg.simplified_slice(span)

    def read_provision(self, provision: Provision, span: Span, inherited: list[_Party] | None,
                       inherited_unassigned: bool, *, inherited_basis: str,
                       inherited_targets: Sequence[_Party] = (), inherited_modality: Modality | None = None,
                       ) -> list[_Sentence]:
        text = self.text(span)
        sentences: list[_Sentence] = []
        carry = list(inherited) if inherited else []
        carry_unassigned = inherited_unassigned
        basis = inherited_basis
        for start, end in _split_sentences(text):
            s = self.read_sentence(text[start:end], start)
            if s.no_duty:
                sentences.append(s)
                continue
            if s.subject or s.agent:
                carry = list(s.bearers)
                carry_unassigned = False
                basis = "sentence"
            elif s.encouragement_only and not carry and not carry_unassigned:
                pass  # subjectless encouragement: targets only
            elif inherited_targets and not carry:
                pass  # an item of a list of the targets' own activities (支持企业开展下列活动：)
            elif carry and (not s.thing_subject or inherited_basis == "chapeau"):
                s.bearers = [attrs.evolve(p) for p in carry]
                s.basis = basis
                if s.modality is None:
                    s.modality = inherited_modality if basis == "chapeau" and inherited_modality else Modality.SHALL
            elif carry_unassigned or not s.encouragement_only:
                s.unassigned = True
                s.basis = "none"
                if s.modality is None and inherited_modality is None:
                    # No party and no modal word: an action read as a duty, or a mere statement.
                    s.confident = False
                    s.note = s.note or "no named bearer and no modal word: read as a duty nobody is assigned to"
                s.modality = s.modality or inherited_modality or Modality.SHALL
            if not sentences and inherited_targets and not s.targets and not s.subject:
                s.targets = list(inherited_targets)
            basis = "sentence" if basis != inherited_basis or s.subject or s.agent else basis
            sentences.append(s)
        return sentences

    # -- one sentence ------------------------------------------------------------------

    def read_sentence(self, text: str, offset: int) -> _Sentence:
        s = _Sentence(offset, offset + len(text), text)
        body = text.rstrip("。；;！!？?：: \u3000")
        mentions = [m for m in self.registry.mentions(body, self.jurisdiction) if m.resolution.actors]
        has_agent = any(self.lex.agent_marker.match(body, m.start - 1) for m in mentions if m.start > 0)
        party_first = bool(mentions) and mentions[0].start == 0 and not _JURISDICTION_SUBJECT.match(mentions[0].text)
        if (self.lex.no_duty.search(body) or (not has_agent and self.lex.liability.search(body))
                or (not party_first and self.lex.principle.search(body))):
            s.no_duty = "statement of purpose, scope, definition, principle or liability"
            return s
        masked = _mask(body, mentions)
        used: set[int] = set()

        # Subject: the run of parties the sentence opens with.
        lead = _LEAD.match(body)
        pos = lead.end() if lead else 0
        condition = None
        starts = {0, pos}
        cm = _CONDITION.match(body, pos)
        if cm:
            condition = "有条件的"
            starts.add(cm.end())  # the registry may or may not take 有条件的 into the mention
        opener = _OPENING_CLAUSE.match(body)
        first_mention = None
        if opener and not self.lex.modal.search(masked, 0, opener.end()):
            # 设立培训机构的，申请人应当… / 接到投诉后，有关部门应当…: the subject follows the opening
            # clause, and a party inside that clause (民营企业…的，金融机构应当…) is not the subject.
            starts.add(opener.end())
            first_mention = _first_at(mentions, opener.end())
        subject: list[Mention] = []
        phrase_subject: list[_Party] = []
        if first_mention is None and opener is not None and opener.end() in starts:
            phrase_subject, cursor = self.phrase_subject(body, masked, {opener.end()}, condition, pos, mentions)
        if first_mention is None and not phrase_subject:
            first_mention = next((i for i, m in enumerate(mentions) if m.start in starts), None)
        if first_mention is None and not phrase_subject and mentions and "等" in mentions[0].text \
                and _LIST_HEAD.fullmatch(body, pos, mentions[0].start) \
                and not self.lex.target_verb.match(body, pos) and not self.lex.action_verb.match(body, pos):
            first_mention = 0  # 广播、电视…等新闻媒体: the list's unknown first member is one more example
        if first_mention is not None and (_JURISDICTION_SUBJECT.fullmatch(mentions[first_mention].text)
                                          or self.lex.action_verb.fullmatch(mentions[first_mention].text)):
            first_mention = None  # 本市… / 组织、协调开展…: a jurisdiction or a verb, not a party
        if first_mention is not None:
            run = _run(body, mentions, first_mention)
            after = body[mentions[run[-1]].end:]
            if not _MODIFIED.match(after):
                subject = [mentions[i] for i in run]
                used.update(run)
        if not subject and not phrase_subject:
            phrase_subject, cursor = self.phrase_subject(body, masked, starts, condition, pos, mentions)
        elif subject:
            cursor = subject[-1].end
            # The list may go on with parties the registry does not know (…文化馆（站）、工人文化宫、青少年活动中心等应当).
            joint = _CONNECTOR.match(body, cursor)
            if joint and joint.end() > cursor:
                more, end = self.phrase_subject(body, masked, {joint.end()}, condition, cursor, mentions)
                if more:
                    phrase_subject, cursor = more, end

        # Partners: 会同 X、Y right after the subject (or after 由X).
        def partners_after(at: int) -> tuple[list[Mention], int]:
            pm = self.lex.partner_verb.match(masked, at)
            if not pm:
                # X根据需要，会同Y…: a short adverbial may stand between the subject and 会同.
                adverbial = _PARTNER_LEAD.match(masked, at)
                pm = self.lex.partner_verb.match(masked, adverbial.end()) if adverbial else None
            if not pm:
                return [], at
            idx = _first_at(mentions, pm.end())
            if idx is None:
                return [], pm.end()
            run = _run(body, mentions, idx)
            used.update(run)
            return [mentions[i] for i in run], mentions[run[-1]].end

        partner_mentions, cursor = partners_after(cursor)
        if not partner_mentions and (subject or phrase_subject):
            # 应当会同…: the partner word may follow the modal word.
            early = self.lex.modal.match(masked, cursor)
            if early:
                partner_mentions, after_partners = partners_after(early.end())
                if partner_mentions:
                    cursor = early.start()

        # Agent: 由X (会同Y) 制定 names the bearer of a subjectless clause.
        agent: list[Mention] = []
        after_condition = False  # the first agent follows …的， (企业骗取补助资金的，由财政部门…)
        for am in self.lex.agent_marker.finditer(masked):
            idx = _first_at(mentions, am.end())
            if idx is None or idx in used:
                continue
            if not agent:
                # …的，由X: the party before is inside the condition only if it has no modal word of its
                # own (财政部门应当审核…，材料不齐全的，由审计部门… keeps 财政部门).
                after_condition = (masked.endswith(("的，", "的,"), 0, am.start())
                                   and not self.lex.modal.search(masked, cursor, am.start()))
            run = _run(body, mentions, idx)
            used.update(run)
            agent.extend(mentions[i] for i in run)
            more, _ = partners_after(mentions[run[-1]].end)
            partner_mentions.extend(more)

        # Targets: parties right after an encouraging verb.
        target_mentions: list[Mention] = []
        cut_at: dict[int, int] = {}  # start of a target mention that runs past 与…合作 -> where its targets end
        phrase_targets: list[_Party] = []
        first_target_verb = None
        for tm in self.lex.target_verb.finditer(masked):
            if not _verb_position(masked, tm.start()):
                continue  # 质量促进, 科技支持: part of a noun, not a verb
            if _PURPOSE_OPEN.search(masked, max(0, tm.start() - 20), tm.start()) \
                    and _PURPOSE_CLOSE.match(masked, tm.end(), tm.end() + 40):
                continue  # 为…促进民营企业发展提供司法保障: a purpose, whose parties are beneficiaries
            gap = _TARGET_GAP.match(masked, tm.end())
            at = gap.end() if gap else tm.end()
            # In body, not masked: the 与 may lie inside a list mention. A bounded window keeps a
            # line of many encouraging verbs linear.
            coop = _COOPERATION.search(body, tm.end(), at + 200)
            # …与银行建立合作: both parties act, and both are encouraged.
            joint_act = coop and self.lex.action_verb.search(masked, coop.start(), coop.end() - 2)
            stop = coop.start() if coop and not joint_act and not _CLAUSE_START.search(body, at, coop.start()) \
                else len(body)
            idx = _first_at(mentions, at)
            listed = self.list_head(body, at, mentions) if idx is None else None
            if listed is not None:
                # 鼓励科研、教育等机构…: the list's first member is unknown, the rest a mention.
                idx, first_member = listed
                phrase_targets.append(first_member)
            if idx is None:
                found = self.phrase_targets(body, at, mentions, stop)
                if found:
                    first_target_verb = tm.start() if first_target_verb is None else first_target_verb
                    phrase_targets.extend(found)
                continue
            if idx in used:
                continue
            if first_target_verb is None:
                first_target_verb = tm.start()
            run = [i for i in _run(body, mentions, idx) if mentions[i].start < stop]
            if not run:
                continue  # 鼓励与高校合作: the party after 与 is not the one encouraged
            used.update(run)
            target_mentions.extend(mentions[i] for i in run)
            if mentions[run[-1]].end > stop:
                cut_at[mentions[run[-1]].start] = stop
            # The list may go on with parties the registry does not know (专家、学者以及其他…人员).
            joint = _CONNECTOR.match(body, mentions[run[-1]].end)
            if joint and joint.end() > joint.start() and joint.start() < stop:
                more = self.phrase_targets(body, joint.end(), mentions, stop)
                phrase_targets.extend(more)
                taken = {p.actor_id for p in more}
                i = run[-1] + 1
                while i < len(mentions) and mentions[i].start < joint.end() + 60:
                    if mentions[i].resolution.actors[0].actor_id in taken:
                        used.add(i)
                    i += 1

        # Modality: the first modal word after the subject (the chapeau's, inherited, when none).
        modal = self.lex.modal.search(masked, cursor)
        if modal and (subject or phrase_subject) and _LATER_CONDITIONAL.search(masked, cursor, modal.end()):
            # X设立…，有条件的可以向公众开放: the permission is for some of them; X's own clause binds.
            s.modality = Modality.SHALL
        elif modal:
            s.modality = Modality(self.lex.modal_words[modal.group(0)])
        elif subject or agent or phrase_subject:
            s.modality = Modality.SHALL

        if agent and (subject or phrase_subject) and (after_condition or _VIOLATOR.search(body)):
            # 用人单位违反…的，由人力资源行政部门责令改正: the opening party is the violator (or the one
            # the condition is about: 诉求事项有明确主管部门的，由…办理), not a bearer.
            subject, phrase_subject = [], []
        limit = modal.start() if modal else (agent[0].start - 1 if agent else None)
        if (subject and limit is not None and not self.lex.adverbial.match(masked, subject[-1].end)
                and (_RELATIVE_SUBJECT.fullmatch(masked, subject[-1].end, limit)
                     or self.modifies_a_thing(body, masked, subject[-1].end, limit, mentions))):
            # 各级人民政府投资开发的公益性岗位，应当… / 市人民政府制定的…规划，应当包含…: the party only
            # modifies the real subject, a thing.
            subject = []
        s.subject = bool(subject or phrase_subject)
        s.agent = bool(agent)
        if agent and not s.subject and agent[0].start > _first_clause_end(masked):
            # 市、区建立…制度，…，日常工作由共青团承担: the opening action is nobody's, the later one the agent's.
            opening = masked[pos:]
            level = _LEVEL_PREFIX.match(opening)
            if level and level.end() < len(opening):
                opening = opening[level.end():]
            s.unassigned = bool(self.lex.action_verb.match(opening))
        if not s.subject and not agent and modal is not None:
            # A requirement on a thing (经费应当…, 未经验收的工程，不得…) binds no party: rule 5,
            # and it does not continue the bearer of the sentence before it.
            topic = masked[pos:modal.start()].rstrip("，, ")
            s.thing_subject = (2 <= len(topic) <= 30 and "□" not in topic
                               and not self.lex.action_verb.match(topic) and not self.lex.adverbial.match(topic)
                               and not self.lex.target_verb.match(topic) and not _OPENING_CLAUSE.match(topic + "，"))
        for m in self.modified(subject) + agent:
            s.bearers.extend(self.parties(m, condition))
        s.bearers.extend(phrase_subject)
        # …，人力资源行政部门应当对其加强业务指导: a later clause may name a bearer of its own.
        after = subject[-1].end if subject else 0
        held = {b.key for b in s.bearers}
        for clause in _CLAUSE_START.finditer(masked, after):
            idx = _first_at(mentions, clause.end())
            if idx is None or idx in used:
                continue
            run = _run(body, mentions, idx)
            later = self.lex.modal.match(masked, mentions[run[-1]].end)
            if later is None:
                continue
            used.update(run)
            for i in run:
                for party in self.parties(mentions[i], None):
                    if party.key not in held:
                        held.add(party.key)
                        s.bearers.append(party)
            if s.modality is None:
                s.modality = Modality(self.lex.modal_words[later.group(0)])
            s.subject = True
        if s.bearers:
            # 行政机关 (every level by nature) says nothing of the level the article speaks of.
            self.level_context = next((p.level for p in s.bearers if p.level and not self._every_level(p)),
                                      self.level_context)
        fallback = s.bearers[0].level if s.bearers else None
        for m in partner_mentions:
            s.partners.extend(self.parties(m, None, fallback))
        bearer_ids = {p.key for p in s.bearers} | {p.actor_id for p in s.bearers if p.actor_id}
        for m in target_mentions:
            cut = cut_at.get(m.start)
            if cut is not None:
                # 鼓励金融、保险等机构与企业合作: only the list before 与 is encouraged; read it alone.
                head = m.text[:cut - m.start]
                m = Mention(m.start, cut, head, self.registry.resolve(head, self.jurisdiction))
            for p in self.parties(m, None):
                if p.key not in bearer_ids and p.actor_id not in bearer_ids:
                    s.targets.append(attrs.evolve(p, level=None))
        s.targets.extend(p for p in phrase_targets if p.key not in bearer_ids and p.actor_id not in bearer_ids)
        # Subjectless encouragement: the first clause opens with an encouraging verb.
        if not s.subject and not agent and (target_mentions or phrase_targets) and first_target_verb is not None:
            first_clause_end = _first_clause_end(masked)
            opening = masked[:first_target_verb]
            opener = _OPENING_CLAUSE.match(opening)  # 因经济形势…的，鼓励企业…
            if opener:
                opening = opening[opener.end():]
            opening = _ENCOURAGER.sub("", opening)
            s.encouragement_only = first_target_verb < first_clause_end and not opening.strip("，, ")
        unresolved = [u for m in subject + agent + partner_mentions for u in m.resolution.unresolved]
        unresolved += [p.written for p in phrase_subject if p.actor_id is None]
        if unresolved:
            s.confident = False
            s.note = "parties the actor registry does not know: " + "、".join(unresolved)
        elif (subject or agent) and not modal:
            s.note = "no modal word: read as a plain imperative (shall)"
        return s

    def phrase_subject(self, body: str, masked: str, starts: set[int], condition: str | None,
                       cursor: int, mentions: Sequence[Mention]) -> tuple[list[_Party], int]:
        """A subject the registry does not (fully) know: the noun phrase before the modal word.

        The phrase counts when it is a list of parties, each a registry
        mention or a noun phrase ending in a party head (机构, 学校, 人员 …),
        followed only by an adverbial (对…, 在…中) or a condition (有…的，).
        """
        for start in sorted(starts, reverse=True):
            # A modal word may stand inside the phrase (依法必须进行招标项目的招标人，不得…): try the next.
            previous = None
            for modal in self.lex.modal.finditer(masked, start, start + 62):
                if previous is not None and "的" not in body[previous:modal.start()]:
                    break  # only a description (…的招标人) holds a modal word that is not the subject's
                found = self._phrase_before(body, start, modal.start(), condition, mentions)
                if found:
                    return found
                previous = modal.end()
        return [], cursor

    def _phrase_before(self, body: str, start: int, stop: int, condition: str | None,
                       mentions: Sequence[Mention]) -> tuple[list[_Party], int] | None:
        """The party list in ``body[start:stop]`` with only an adverbial or a condition after it, if any."""
        if stop - start > 60:
            return None
        phrase = body[start:stop]
        # A party phrase ends with a head noun (or a mention): only those ends are worth trying,
        # and a phrase with neither (most of them) names no party at all.
        ends = {m.end() + len(m.group(1)) for m in self.lex.party_head.finditer(phrase)}
        ends.update(m.end - start for m in mentions if start < m.end <= start + len(phrase))
        if not ends and not (("（" in phrase or "(" in phrase) and self.lex.party_head.search(_PARENTHETICAL.sub("", phrase))):
            return None  # (居（村）民: the head shows once the bracketed note is dropped)
        ends.update(i + 1 for i, ch in enumerate(phrase) if ch in "）)等")
        ends.add(len(phrase))
        for cut in sorted(ends, reverse=True):
            rest = phrase[cut:]
            if rest and not (self.lex.adverbial.match(rest) or _SUBJECT_CONDITION.match(rest)):
                continue
            members = self.party_list(body, start, start + cut, mentions)
            if members:
                return [attrs.evolve(m, condition=condition) for m in members], start + cut
        return None

    def party_list(self, body: str, start: int, end: int, mentions: Sequence[Mention]) -> list[_Party]:
        """``body[start:end]`` as a list of parties (博物馆、科技馆等), or [] if it is not one."""
        phrase = body[start:end]
        level_code = None
        lm = _LEVEL_PREFIX.match(phrase)
        if lm and lm.end() < len(phrase):
            scope = parse_level(lm.group(0), self.jurisdiction)
            level_code = _level_code(scope, self.jurisdiction) if scope else None
            start += lm.end()
            phrase = phrase[lm.end():]
        phrase = phrase.rstrip("，,、 ")
        sectors = self.sector_members(phrase)
        if sectors:
            return [_Party(None, name, None) for name in sectors]
        if phrase.endswith("等"):
            phrase = phrase[:-1]
        if not phrase:
            return []
        out: list[_Party] = []
        pos = 0
        members = _MEMBER_SPLIT.split(phrase)
        if len(members) > 1 and "的" in "".join(members[1:]) and not self.lex.party_phrase.fullmatch(members[0]):
            # 网络与信息系统的运行维护单位: the 与 joins what the 的-clause modifies, not two parties.
            members = [phrase]
        for member in members:
            m_start = phrase.index(member, pos) if member else pos
            pos = m_start + len(member)
            if not member:
                return []
            inside = [m for m in mentions if m.start >= start + m_start and m.end <= start + pos]
            if inside and inside[0].start == start + m_start and inside[-1].end == start + pos:
                for mention in inside:
                    out.extend(self.parties(mention, None))
                continue
            name = _PARENTHETICAL.sub("", _QUANTIFIER.sub("", member))
            verb_first = self.lex.action_verb.match(name) and "的" not in name
            if verb_first or not (self.lex.party_phrase.fullmatch(name) or self.lex.party_clause.fullmatch(name)):
                whole = _PARENTHETICAL.sub("", _QUANTIFIER.sub("", phrase))
                named = self.lex.party_phrase.fullmatch(whole) or self.lex.party_clause.fullmatch(whole)
                if out or not named or self.lex.action_verb.match(whole):
                    return []
                return [_Party(None, whole, level_code)]
            out.append(_Party(None, name, level_code))
        return out

    def list_head(self, body: str, at: int, mentions: Sequence[Mention]) -> tuple[int, _Party] | None:
        """A list closed by 等 whose first member the registry does not know: (its mention, that member)."""
        k = _index_from(mentions, at)
        if k == len(mentions) or "等" not in mentions[k].text or not _LIST_HEAD.fullmatch(body, at, mentions[k].start):
            return None
        name = body[at:mentions[k].start - 1]
        if self.lex.action_verb.match(name) or self.lex.target_verb.match(name):
            return None
        sectors = self.lex.sector_list.match(body, at, mentions[k].end)
        if sectors and self.sector_members(sectors.group()):
            return None  # 农业机械科研、生产等单位: a list of sectors, which phrase_targets reads
        closing = _CLOSING_NOUN.search(mentions[k].text)
        if closing and not self.lex.party_end.search(name):
            name += closing.group(1)
        return k, _Party(None, name, None)

    def phrase_targets(self, body: str, at: int, mentions: Sequence[Mention], stop: int | None = None) -> list[_Party]:
        """Parties the registry does not know right after an encouraging verb (机关、事业单位和其他组织…), up to ``stop``."""
        found: list[_Party] = []
        pos = at
        stop = len(body) if stop is None else stop
        sector_list = self.lex.sector_list.match(body, at, stop)
        if sector_list:  # 支持铅蓄电池、电镀等行业企业投保…
            sectors = self.sector_members(sector_list.group())
            if sectors:
                return [_Party(None, name, None) for name in sectors]
        while pos < stop:
            idx = _first_at(mentions, pos)
            if idx is not None:
                found.extend(_Party(r.actor_id, r.written, None) for r in mentions[idx].resolution.actors)
                pos = mentions[idx].end
            else:
                if self.lex.action_verb.match(body, pos):
                    break
                m = self.lex.party_phrase.match(body, pos)
                if not m or m.end() - pos > 14:
                    # A party with a relative clause: 以社会资金建设的…平台.
                    m = _RELATIVE.match(body, pos)
                    m = m and self.lex.party_phrase.match(body, m.end(), _phrase_end(body, m.end(), self.lex))
                    if not m:
                        break
                    m_text = body[pos:m.end()]
                else:
                    m_text = m.group(0)
                if self.lex.target_verb.search(m_text) or _NOT_A_NAME.search(m_text):
                    break  # a clause, not a name
                if self.lex.compound_noun.match(body, m.end()):
                    break  # part of a longer noun (推进现代企业制度建设), not a party
                found.append(_Party(None, _QUANTIFIER.sub("", m_text.strip("“”\"‘’「」")), None))
                pos = m.end()
            joint = _CONNECTOR.match(body, pos)
            if not joint or joint.end() == pos:
                break
            pos = joint.end()
        return found

    def modified(self, run: list[Mention]) -> list[Mention]:
        """The run with a party word that directly precedes another folded into it as a modifier.

        残疾人服务机构 is one party, the 服务机构 of 残疾人, not 残疾人 and 服务机构.
        """
        out: list[Mention] = []
        for m in run:
            prev = out[-1] if out else None
            if prev is not None and prev.end == m.start and not self._names_government(prev):
                # Only the name right after the modifier takes it: 幼儿园举办者、幼儿园、教育行政部门.
                first, *rest = m.resolution.actors
                refs = (attrs.evolve(first, written=prev.text + first.written), *rest)
                out[-1] = Mention(prev.start, m.end, prev.text + m.text, attrs.evolve(m.resolution, actors=refs))
            else:
                out.append(m)
        return out

    def modifies_a_thing(self, body: str, masked: str, at: int, limit: int, mentions: Sequence[Mention]) -> bool:
        """Whether a verb phrase and 的 at ``at`` make the party before it a modifier of a thing.

        市人民政府制定的…规划，应当包含…: yes; 人民政府确定的其他部门负责…: no, what follows
        the 的 is a party.
        """
        clause = _MODIFYING_CLAUSE.match(masked, at, limit)
        if not clause or self.lex.modal.search(masked, at, limit - 1):
            return False
        after = clause.end()
        return _first_at(mentions, after) is None and not self.lex.party_phrase.match(body, after, min(limit, after + 8))

    def _names_government(self, mention: Mention) -> bool:
        actors = (self.registry.get(r.actor_id) for r in mention.resolution.actors)
        return any(a is not None and a.is_government for a in actors)

    def _actor_id_of(self, name: str) -> str | None:
        """The registry actor a complete name is, if it is one."""
        try:
            return self.registry.lookup(name).id
        except LookupError:
            return None

    def _every_level(self, party: _Party) -> bool:
        actor = self.registry.get(party.actor_id) if party.actor_id else None
        return actor is not None and actor.every_level

    def canonical_name(self, party: _Party | None) -> str | None:
        if party is None:
            return None
        actor = self.registry.get(party.actor_id) if party.actor_id else None
        return actor.name if actor is not None else party.written

    def sector_members(self, phrase: str) -> list[str]:
        """教育、医疗卫生等公共企事业单位 -> 教育公共企事业单位, 医疗卫生公共企事业单位; [] for other phrases.

        A list of sectors closed by a kind of unit or people names one party per
        sector. Lists of parties (协会、商会等社会组织) and of media (报刊、网络等
        媒体) are not sectors: their members end in a party head, or the closing
        noun is not a unit.
        """
        members, noun = _list_before_category(phrase)
        noun = OPEN_PREFIX.sub("", noun)  # 供水、供电等有关单位: 供水单位, 供电单位
        if not self.lex.sector_kind.fullmatch(noun) or any(
                not 1 <= len(m) <= 8 or "的" in m or self.lex.party_end.search(m) for m in members):
            return []
        return [m + noun for m in members]

    def example_members(self, phrase: str) -> list[str]:
        """协会、商会等社会组织 -> 协会, 商会: the parties a list names before its category; [] for other phrases.

        The annotators read such lists as their members, except for media
        (报刊、网络等媒体), which the Sichuan reading keeps as 媒体.
        """
        members, noun = _list_before_category(phrase)
        members = [_PARENTHETICAL.sub("", m) for m in members]
        if not noun or "媒体" in noun or not self.lex.party_end.search(noun) or any(
                not 2 <= len(m) <= 12 or "的" in m or not self.lex.party_end.search(m) for m in members):
            return []
        return members

    def parties(self, mention: Mention, condition: str | None, fallback_level: str | None = None) -> list[_Party]:
        refs = mention.resolution.actors
        if len(refs) == 1 and "等" in mention.text and not (refs[0].levels and refs[0].levels.levels):
            sectors = self.sector_members(mention.text)
            if sectors:
                return [_Party(refs[0].actor_id, name, None, condition) for name in sectors]
            members = self.example_members(mention.text)
            if members:
                return [_Party(self._actor_id_of(name), name, None, condition) for name in members]
        if len(refs) > 1 and mention.text.endswith("等" + refs[-1].written) and "媒体" not in refs[-1].written:
            actor = self.registry.get(refs[-1].actor_id)
            if actor is None or actor.kind.code != "open":
                refs = refs[:-1]  # 协会、商会等社会组织: the category after 等 adds nothing to the parties named
        out = []
        closing = _CLOSING_NOUN.search(mention.text)
        for ref in refs:
            actor = self.registry.get(ref.actor_id)
            level = None
            if actor is not None and actor.is_government:
                scope = ref.levels or mention.resolution.levels
                if scope:
                    level = _level_code(scope, self.jurisdiction)
                elif actor.every_level:
                    level = "all"  # 行政机关, 国家机关: organs at every level, whatever the article's level
                elif actor.kind.code != "vertical":
                    # A local body named without a prefix works at the level the article set
                    # (财政部门 after 县级以上人民政府…), else at every level of the regulation's
                    # jurisdiction down to the county; a vertical agency has no local level.
                    level = fallback_level or self.level_context or self.default_level
            cond = condition or (mention.resolution.levels.condition if mention.resolution.levels else None)
            # 村（居）民委员会 -> 村民委员会, 其主管部门 -> 主管部门: notes and pronouns are not the name.
            written = _PARENTHETICAL.sub("", ref.written) or ref.written
            written = _POSSESSIVE.sub("", written)
            out.append(_Party(ref.actor_id, written, level, cond))
        if closing:
            # A list member the registry does not know is still a body of the list's kind
            # (政府信息公开 in 统计、监察、政府信息公开等主管部门); the note says it was not resolved.
            scope = mention.resolution.levels
            level = (_level_code(scope, self.jurisdiction) if scope else None) or fallback_level \
                or self.level_context or self.default_level
            for name in mention.resolution.unresolved:
                if len(name) <= 12 and "的" not in name:
                    out.append(_Party(None, name + closing.group(1), level, condition))
        return out

    # -- records ---------------------------------------------------------------------------

    def emit(self, provision: Provision, sentences: list[_Sentence], span: Span, duties: list[Duty],
             clauses: list[Clause]) -> None:
        seen: set[tuple[str | None, Role]] = set()
        base = span.start
        for s in sentences:
            clause_span = Span(base + s.start, base + s.end)
            action = s.text.strip()
            if s.no_duty:
                clauses.append(Clause(provision, ClauseKind.NO_DUTY, action, clause_span, s.no_duty))
                continue
            records: list[tuple[_Party | None, Role, Modality]] = []
            modality = s.modality or Modality.SHALL
            if s.unassigned:
                records.append((None, Role.BEARER, modality))
            records += [(p, Role.BEARER, modality) for p in s.bearers]
            records += [(p, Role.PARTNER, modality) for p in s.partners]
            records += [(p, Role.TARGET, Modality.ENCOURAGED) for p in s.targets]
            if not records:
                clauses.append(Clause(provision, ClauseKind.UNREAD, action, clause_span,
                                      "no party and no action the extractor could read"))
                continue
            kind = ClauseKind.DUTY if s.bearers or s.partners or s.unassigned else ClauseKind.ENCOURAGEMENT
            clauses.append(Clause(provision, kind, action, clause_span, s.note or ""))
            recurrence = deadline = None
            if _TIME_HINT.search(s.text):
                recurrence = _first(self.lex.recurrence, s.text)
                deadline = _first(self.lex.deadline, s.text)
            for party, role, mod in records:
                key = (party.key if party else None, role)
                if key in seen:
                    continue
                seen.add(key)
                duties.append(Duty(
                    provision=provision,
                    actor=party.written if party else None,
                    actor_id=party.actor_id if party else None,
                    actor_name=self.canonical_name(party),
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
                ))


# -- helpers ---------------------------------------------------------------------------------


def _split_sentences(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[start:end].strip():
            yield start, end
        start = end
    if text[start:].strip():
        yield start, len(text)


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


def _index_from(mentions: Sequence[Mention], pos: int) -> int:
    """Index of the first mention starting at or after ``pos`` (``len(mentions)`` if none)."""
    lo, hi = 0, len(mentions)
    while lo < hi:
        mid = (lo + hi) // 2
        if mentions[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _first_at(mentions: Sequence[Mention], pos: int) -> int | None:
    """Index of the mention starting exactly at ``pos``."""
    k = _index_from(mentions, pos)
    return k if k < len(mentions) and mentions[k].start == pos else None


def _run(text: str, mentions: Sequence[Mention], first: int) -> list[int]:
    """The mentions from ``first`` on that are joined only by connectors (、和及与或者 …)."""
    run = [first]
    k = first
    while k + 1 < len(mentions):
        gap = text[mentions[k].end:mentions[k + 1].start]
        if gap and not _CONNECTOR.fullmatch(gap):
            break
        k += 1
        run.append(k)
    return run


def _verb_position(text: str, start: int) -> bool:
    """Whether the word at ``start`` stands where a verb can: sentence start, after an adverb, a party, a comma."""
    return start == 0 or bool(_VERB_BEFORE.search(text, max(0, start - 3), start))


def _phrase_end(text: str, start: int, lex: Lexicon) -> int:
    """Where a noun phrase starting at ``start`` can end at most: the next punctuation or verb.

    A party's name is short: the searches stop 40 characters on, so that a line of many
    encouraging verbs and no punctuation stays linear.
    """
    limit = min(len(text), start + _PHRASE_MAX)
    m = _PHRASE_STOP.search(text, start, limit)
    end = m.start() if m else limit
    verb = lex.action_verb.search(text, start, end)
    target = lex.target_verb.search(text, start, end)
    for hit in (verb, target):
        if hit:
            end = min(end, hit.start())
    # 为企业…提供: the party ends before a preposition that opens the predicate.
    prep = _PHRASE_PREPOSITION.search(text, start + 2, end)
    return prep.start() if prep else end


def _first_clause_end(text: str) -> int:
    m = re.search(r"[，,；;。]", text)
    return m.start() if m else len(text)


def _list_before_category(phrase: str) -> tuple[list[str], str]:
    """``X、Y等Z`` -> ([X, Y], Z); no members unless at least two stand before the last 等."""
    left, sep, noun = _QUANTIFIER.sub("", _JURISDICTION_SUBJECT.sub("", phrase)).rpartition("等")
    members = _MEMBER_SPLIT.split(left) if sep else []
    return (members if len(members) >= 2 else []), noun


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0) if m else None


def _jurisdiction_levels(jurisdiction: Jurisdiction | None) -> str | None:
    """The levels a local regulation's unprefixed departments work at: its own down to the county."""
    if jurisdiction is None or jurisdiction.province is None:
        return None
    return "county+"  # a city's 市、县 is county+ too, as _level_code writes it


def _level_code(scope, jurisdiction: Jurisdiction | None) -> str | None:  # type: ignore[no-untyped-def]
    """ANNOTATION.md's code for ``scope``, read within the regulation's own jurisdiction.

    A regulation binds no level above its maker, so a run of levels from its
    maker's down is written ``X+``: a city's 市、县（市、区） is ``county+`` and its
    bare 市 ``city+``; a municipality, which has no city level, writes 市、区 as
    ``county+``.
    """
    if scope.relative or not scope.levels & LOCAL_LEVELS:
        return None
    levels = scope.levels
    if jurisdiction is not None and not jurisdiction.is_national:
        if jurisdiction.municipality and Level.PROVINCE in levels and Level.COUNTY in levels:
            levels = levels | {Level.CITY}
        elif jurisdiction.level is Level.CITY and Level.CITY in levels:
            levels = levels | {Level.PROVINCE}
        if levels is not scope.levels:
            return LevelScope(frozenset(levels), scope.written).code
    return scope.code
