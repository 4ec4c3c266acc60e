"""Parties as one sentence names them: registry mentions, and noun phrases the registry does not know.

A :class:`Party` is what a stage of the sentence reader found: the actor id
(None for a party the registry does not know), the name as written without
its level prefix, its level code, the rules that named it and gave it its
level, and where its words stand in the sentence. :class:`PartyReader` holds
what naming needs (the lexicon, the registry with the regulation's own
defined terms, the jurisdiction) and turns mentions and phrases into parties.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import attrs

from qpr.actors.levels import (
    LEVEL_EXPRESSION,
    Jurisdiction,
    Level,
    LevelScope,
    parse_level,
)
from qpr.actors.model import Mention
from qpr.actors.registry import OPEN_PREFIX, Registry
from qpr.duties.lexicon import Lexicon
from qpr.duties.rules import RuleId

__all__ = ["Party", "PartyReader", "first_at", "index_from", "level_code", "mention_run"]

# Between two parties of a list; a bracketed note may come first (文化馆（站）、工人文化宫).
CONNECTOR = re.compile(r"(?:[（(][^）)]{0,8}[）)])?(?:[、，,]?(?:及其|以及|和|及|与|或者|或|并|、|同|暨)|[、/])\s*")
_RELATIVE = re.compile(r"[^，。；、,;]{1,20}?的")
PARENTHETICAL = re.compile(r"[（(][^）)]{0,10}[）)]")
LEVEL_PREFIX = re.compile(LEVEL_EXPRESSION)
# The noun that closes a list of department stems (the registry gives each known stem its share of it).
_CLOSING_NOUN = re.compile(r"((?:行政)?(?:主管)?(?:管理)?部门|机构|机关)$")
_MEMBER_SPLIT = re.compile(r"、|以及|和|及|与|或者|或")
# Between the groups of a list whose members share a head noun (生产、经营单位和检验、检测机构及其人员).
_GROUP_SPLIT = re.compile(r"以及|及其|和|及|与|或者|或")
_PERSON_ENDS = frozenset("人员者户民方商家师")
_PHRASE_MAX = 40
_PHRASE_STOP = re.compile(r"[，。；、,;：:（(]")
# What the party does, as a condition, right before the modal word (场所提供者提供格式合同的，应当…: rule 10).
# Not a change in the party's particulars (法定代表人变更的, 住所、名称发生变化的): no party acts there.
_CONDITION_REST = re.compile(r"(?![的、和及与或（(])(?![^，,。；;]*(?:变更|变化|变动|改变|终止|失效|届满)的)[^，,。；;□]{1,30}的[，,]")
# A preposition or a verb of cooperation inside a phrase ends the name before it (质量安全负责人按照…协助…).
_NAME_BREAK = re.compile(r"按照|依照|依据|根据|协助|配合|会同|通过")
_AGENT_STOP = re.compile(r"在|向|对|按照|依照|根据|通过")
_CONNECTOR_ENDS = ("或者", "或", "和", "及", "以及", "并")
_NOUN_GOES_ON = frozenset("的、和及与或等（(“”")
_CLAUSE_END = re.compile(r"[，。；,;：:]")
_PHRASE_PREPOSITION = re.compile(r"[为对向在]")
# Right after a party, a short verb phrase and 的 that go on to a noun (制定的规划): a relative clause.
_MODIFYING_CLAUSE = re.compile(r"(?![、和及与或并])[^，。；,;的□、]{1,8}的(?![，,])")
# 其 as "its" before a name (其主管部门), not the 其 of 其他 or 其它.
_POSSESSIVE = re.compile(r"^其(?![他它])(?=.{2})")
LIST_HEAD = re.compile(r"[\u4e00-\u9fff]{1,8}、")


@attrs.frozen(slots=True)
class Party:
    """A party as one sentence names it; ``actor_id`` None for a party the registry does not know.

    ``rules`` are the ids of the rules that found it, named it and gave it its
    level; ``evidence`` the (start, end) offsets of the words that named it,
    relative to the sentence.
    """

    actor_id: str | None
    written: str
    level: str | None
    condition: str | None = None
    rules: tuple[str, ...] = ()
    evidence: tuple[int, int] | None = None

    @property
    def key(self) -> str:
        # The written name is part of the key: one registry class (public-institution)
        # stands for several parties in 图书馆、博物馆、科技馆, and each is a record.
        return f"{self.actor_id}|{self.written}"

    def found_by(self, rule: str) -> Party:
        """The party with ``rule`` first among its rules: how it got its role."""
        # Built directly rather than by attrs.evolve: this runs for every party of the corpus.
        return Party(self.actor_id, self.written, self.level, self.condition, (rule, *self.rules), self.evidence)


class PartyReader:
    """Turns mentions and noun phrases into :class:`Party` records for one regulation."""

    def __init__(self, lex: Lexicon, registry: Registry, jurisdiction: Jurisdiction | None) -> None:
        self.lex = lex
        self.registry = registry
        self.jurisdiction = jurisdiction
        self.default_level = jurisdiction_levels(jurisdiction)

    # -- from registry mentions ------------------------------------------------------------

    def parties(self, mention: Mention, condition: str | None, level_context: str | None,
                fallback_level: str | None = None) -> list[Party]:
        """The parties one mention names, each with its level (see the ``level.*`` rules)."""
        refs = mention.resolution.actors
        evidence = (mention.start, mention.end)
        if len(refs) == 1 and "等" in mention.text and not (refs[0].levels and refs[0].levels.levels):
            sectors = self.sector_members(mention.text)
            if sectors:
                return [Party(refs[0].actor_id, name, None, condition, (RuleId.NAME_SECTOR_MEMBERS,), evidence)
                        for name in sectors]
            members = self.example_members(mention.text)
            if members:
                return [Party(self._actor_id_of(name), name, None, condition, (RuleId.NAME_EXAMPLE_MEMBERS,), evidence)
                        for name in members]
        name_rules: tuple[str, ...] = ()
        if len(refs) > 1 and mention.text.endswith("等" + refs[-1].written) and "媒体" not in refs[-1].written:
            actor = self.registry.get(refs[-1].actor_id)
            if actor is None or actor.kind.code != "open":
                refs = refs[:-1]  # 协会、商会等社会组织: the category after 等 adds nothing to the parties named
                name_rules = (RuleId.NAME_EXAMPLE_MEMBERS,)
        out = []
        closing = _CLOSING_NOUN.search(mention.text)
        for ref in refs:
            actor = self.registry.get(ref.actor_id)
            level = None
            rules: tuple[str, ...] = ()
            if actor is not None and actor.is_government:
                scope = ref.levels or mention.resolution.levels
                if scope:
                    level, rules = level_code(scope, self.jurisdiction), (RuleId.LEVEL_PREFIX,)
                elif actor.every_level:
                    # 行政机关, 国家机关: organs at every level, whatever the article's level.
                    level, rules = "all", (RuleId.LEVEL_EVERY_LEVEL,)
                elif actor.kind.code != "vertical":
                    # A local body named without a prefix works at the level the article set
                    # (财政部门 after 县级以上人民政府…), else at every level of the regulation's
                    # jurisdiction down to the county; a vertical agency has no local level.
                    level, rules = self._unprefixed_level(fallback_level, level_context)
            cond = condition or (mention.resolution.levels.condition if mention.resolution.levels else None)
            # 村（居）民委员会 -> 村民委员会, 其主管部门 -> 主管部门: notes and pronouns are not the name.
            written = PARENTHETICAL.sub("", ref.written) or ref.written
            written = _POSSESSIVE.sub("", written)
            if rules and rules[0] == RuleId.LEVEL_PREFIX and written.startswith("地方") and len(written) > 4:
                written = written[2:]  # 县级以上地方人民政府: 地方 belongs to the level words
            out.append(Party(ref.actor_id, written, level, cond, name_rules + rules, evidence))
        if closing:
            # A list member the registry does not know is still a body of the list's kind
            # (政府信息公开 in 统计、监察、政府信息公开等主管部门); the note says it was not resolved.
            scope = mention.resolution.levels
            level = level_code(scope, self.jurisdiction) if scope else None
            rules = (RuleId.NAME_CLOSING_NOUN, RuleId.LEVEL_PREFIX)
            if level is None:
                level, level_rules = self._unprefixed_level(fallback_level, level_context)
                rules = (RuleId.NAME_CLOSING_NOUN, *level_rules)
            for name in mention.resolution.unresolved:
                if len(name) <= 12 and "的" not in name:
                    out.append(Party(None, name + closing.group(1), level, condition, rules, evidence))
        return out

    def _unprefixed_level(self, fallback_level: str | None, level_context: str | None) -> tuple[str | None, tuple[str, ...]]:
        if fallback_level:
            return fallback_level, (RuleId.LEVEL_PARTNER,)
        if level_context:
            return level_context, (RuleId.LEVEL_PARAGRAPH,)
        return self.default_level, ((RuleId.LEVEL_JURISDICTION,) if self.default_level else ())

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
            elif prev is not None and prev.end == m.start and self._names_people(m):
                # 各级人民政府工作人员: the people of a government are a party of their own (named subset),
                # written without the level prefix.
                first, *rest = m.resolution.actors
                *kept, owner = prev.resolution.actors
                refs = (*kept, attrs.evolve(first, written=owner.written + first.written), *rest)
                out[-1] = Mention(prev.start, m.end, prev.text + m.text, attrs.evolve(prev.resolution, actors=refs))
            else:
                out.append(m)
        return out

    def _names_open(self, mention: Mention) -> bool:
        """Whether the mention names only an open class (部门, 有关部门): a description is then its name."""
        actors = [self.registry.get(r.actor_id) for r in mention.resolution.actors]
        return all(a is None or a.kind.code == "open" for a in actors)

    def _names_people(self, mention: Mention) -> bool:
        actors = (self.registry.get(r.actor_id) for r in mention.resolution.actors)
        return any(a is not None and a.kind.code == "public" for a in actors)

    def _names_government(self, mention: Mention) -> bool:
        actors = (self.registry.get(r.actor_id) for r in mention.resolution.actors)
        return any(a is not None and a.is_government for a in actors)

    def _actor_id_of(self, name: str) -> str | None:
        """The registry actor a complete name is, if it is one."""
        actor = self.registry.find(name, as_mention=False)
        return actor.id if actor is not None else None

    def every_level(self, party: Party) -> bool:
        actor = self.registry.get(party.actor_id) if party.actor_id else None
        return actor is not None and actor.every_level

    def canonical_name(self, party: Party | None) -> str | None:
        if party is None:
            return None
        actor = self.registry.get(party.actor_id) if party.actor_id else None
        return actor.name if actor is not None else party.written

    # -- from noun phrases ---------------------------------------------------------------------

    def phrase_subject(self, body: str, masked: str, starts: set[int], condition: str | None,
                       cursor: int, mentions: Sequence[Mention], level_context: str | None) -> tuple[list[Party], int]:
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
                found = self._phrase_before(body, start, modal.start(), condition, mentions, level_context)
                if found:
                    return found
                previous = modal.end()
        return [], cursor

    def _phrase_before(self, body: str, start: int, stop: int, condition: str | None,
                       mentions: Sequence[Mention], level_context: str | None) -> tuple[list[Party], int] | None:
        """The party list in ``body[start:stop]`` with only an adverbial or a condition after it, if any."""
        if stop - start > 60:
            return None
        phrase = body[start:stop]
        # A party phrase ends with a head noun (or a mention): only those ends are worth trying,
        # and a phrase with neither (most of them) names no party at all.
        ends = {m.end() + len(m.group(1)) for m in self.lex.party_head.finditer(phrase)}
        ends.update(m.end - start for m in mentions if start < m.end <= start + len(phrase))
        if not ends and not (("（" in phrase or "(" in phrase) and self.lex.party_head.search(PARENTHETICAL.sub("", phrase))):
            return None  # (居（村）民: the head shows once the bracketed note is dropped)
        ends.update(i + 1 for i, ch in enumerate(phrase) if ch in "）)等")
        ends.add(len(phrase))
        for cut in sorted(ends, reverse=True):
            rest = phrase[cut:]
            condition_rest = bool(rest) and not (self.lex.adverbial.match(rest) or self.lex.subject_condition.match(rest))
            if condition_rest and not _CONDITION_REST.fullmatch(rest):
                continue
            if condition_rest and self._two_parties(body, phrase, start, cut, mentions):
                continue  # 大型企业迟延支付中小企业…的: a clause about two parties, not one party's name
            members = self.party_list(body, start, start + cut, mentions, level_context)
            if members:
                return [attrs.evolve(m, condition=condition) for m in members], start + cut
        return None

    def _two_parties(self, body: str, phrase: str, start: int, cut: int, mentions: Sequence[Mention]) -> bool:
        """Whether a party ends inside ``phrase[:cut]`` and something other than a list goes on after it."""
        inner_ends = [m.end for m in mentions if start < m.end < start + cut]
        inner_ends += [start + h.end() + len(h.group(1)) for h in self.lex.party_head.finditer(phrase, 0, cut)]
        return any(e < start + cut and not CONNECTOR.match(body, e) and body[e] not in "、（(的" for e in inner_ends)

    def party_list(self, body: str, start: int, end: int, mentions: Sequence[Mention],
                   level_context: str | None) -> list[Party]:
        """``body[start:end]`` as a list of parties (博物馆、科技馆等), or [] if it is not one."""
        phrase = body[start:end]
        span = (start, end)
        level = None
        lm = LEVEL_PREFIX.match(phrase)
        if lm and lm.end() < len(phrase):
            scope = parse_level(lm.group(0), self.jurisdiction)
            level = level_code(scope, self.jurisdiction) if scope else None
            start += lm.end()
            phrase = phrase[lm.end():]
        level_rules = (RuleId.LEVEL_PREFIX,) if level else ()
        phrase = phrase.rstrip("，,、 ")
        sectors = self.sector_members(phrase)
        if sectors:
            return [Party(None, name, None, None, (RuleId.NAME_SECTOR_MEMBERS,), span) for name in sectors]
        shared = self.shared_kind_members(phrase)
        if shared:
            return [Party(None, name, level, None, (RuleId.NAME_SHARED_KIND, *level_rules), span) for name in shared]
        phrase = phrase.removesuffix("等")
        if not phrase:
            return []
        out: list[Party] = []
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
            if inside and inside[-1].end == start + pos and body[inside[-1].start - 1:inside[-1].start] == "的" \
                    and self._names_government(inside[-1]) and not self._names_open(inside[-1]) \
                    and not self.lex.name_breaker.search(body, start + m_start, inside[-1].start):
                # 组织专项监督检查的市场监督管理部门: a government body described by what it does is that body
                # (a private party keeps its description: 依法必须进行招标项目的招标人).
                out.extend(self.parties(inside[-1], None, level_context))
                continue
            if inside and inside[-1].end == start + pos and body[inside[-1].start - 1:inside[-1].start] == "的" \
                    and len(inside) == 1 and pos - m_start <= 32 \
                    and not self.lex.name_breaker.search(body, start + m_start, start + pos) \
                    and not _NAME_BREAK.search(body, start + m_start + 1, start + pos) \
                    and not self.lex.name_modal.search(body, start + m_start, start + pos) \
                    and not self.lex.adverbial.match(body, start + m_start) and body[start + m_start] != "自" \
                    and not self.lex.party_end.search(body, start + m_start, inside[-1].start - 1) \
                    and first_at(mentions, start + m_start) in (None, index_from(mentions, inside[-1].start)):
                # (not 对…的企业, an adverbial; not 国家机关的网站, a possessive)
                # 发生食品安全事故的小餐饮: a known party described by a clause is that party, its description kept.
                member_text = PARENTHETICAL.sub("", body[start + m_start:start + pos])
                out.extend(Party(p.actor_id, member_text, p.level, None, p.rules, (start + m_start, start + pos))
                           for p in self.parties(inside[-1], None, level_context))
                continue
            if inside and inside[0].start == start + m_start and inside[-1].end == start + pos \
                    and all(CONNECTOR.fullmatch(body, a.end, b.start) or a.end == b.start
                            for a, b in itertools.pairwise(inside)):
                for mention in inside:
                    out.extend(self.parties(mention, None, level_context))
                continue
            name = PARENTHETICAL.sub("", self.lex.quantifier.sub("", member))
            verb_first = self.lex.action_verb.match(name) and "的" not in name
            if verb_first or not self._names_party(name):
                whole = PARENTHETICAL.sub("", self.lex.quantifier.sub("", phrase))
                if out or not self._names_party(whole) or self.lex.action_verb.match(whole):
                    return []
                return [Party(None, whole, level, None, level_rules, span)]
            if out and out[0].actor_id is None and self.lex.party_end.fullmatch(name):
                # 化妆品注册人、备案人: a bare head after a modified one of its kind shares the modifier.
                first = self.lex.party_end.search(out[0].written)
                if first and first.start() > 0 and first.group()[-1] == name[-1] and "的" not in out[0].written:
                    name = out[0].written[:first.start()] + name
            # A member the registry knows by this very name (事业单位 in 被投诉的机关、事业单位…) is that actor.
            out.append(Party(self._actor_id_of(name), name, level, None, level_rules, (start + m_start, start + pos)))
        return out

    def phrase_agents(self, body: str, at: int, mentions: Sequence[Mention]) -> list[Party]:
        """Parties the registry does not know named by 由 at ``at`` (由依法取得相应许可的单位进行), or [].

        The phrase runs to a party head or mention with a predicate right after it,
        within the clause; the longest such phrase that is a list of parties wins.
        """
        clause_end = _CLAUSE_END.search(body, at)
        stop = clause_end.start() if clause_end else len(body)
        place = _AGENT_STOP.search(body, at, stop)
        stop = place.start() if place else stop  # 由本人在…的公共就业服务机构办理: the agent ends before 在
        if stop - at > 40:
            stop = at + 40
        phrase = body[at:stop]
        ends = {m.end() + len(m.group(1)) for m in self.lex.party_head.finditer(phrase)}
        ends.update(m.end - at for m in mentions if at < m.end <= stop)
        for cut in sorted(ends, reverse=True):
            if at + cut >= stop or body[at + cut] in _NOUN_GOES_ON:
                continue  # the verb the agent does must follow (由…单位进行)
            members = self.party_list(body, at, at + cut, mentions, None)
            if members and not any(m.written.endswith(_CONNECTOR_ENDS) or len(m.written) < 2 for m in members):
                return members  # (…约定采用或者 ends in the 者 of 或者; 由馆址所在地… holds no party 馆)
        return []

    def _names_party(self, name: str) -> bool:
        """A noun phrase that names a party by its head, and holds nothing a name never does.

        A name never runs across 由, a modal word or a sentence mark (物业承接查验的费用由建设单位
        is a thing and its agent), never starts with 的 and never ends in a connector (或者: its 者 is no head).
        """
        if name.startswith("的") or name.endswith(_CONNECTOR_ENDS) or self.lex.name_breaker.search(name) \
                or _NAME_BREAK.search(name, 1) \
                or self.lex.name_modal.search(name.rpartition("的")[2]) or self.lex.name_modal.search(name, 0, 3):
            return False  # (a modal word may stand in a description, 依法必须进行…的招标人, not open the name)
        return bool(self.lex.party_phrase.fullmatch(name) or self.lex.party_clause.fullmatch(name))

    def list_head(self, body: str, at: int, mentions: Sequence[Mention]) -> tuple[int, Party] | None:
        """A list closed by 等 whose first member the registry does not know: (its mention, that member)."""
        k = index_from(mentions, at)
        if k == len(mentions) or "等" not in mentions[k].text or not LIST_HEAD.fullmatch(body, at, mentions[k].start):
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
        return k, Party(None, name, None, None, (), (at, mentions[k].start - 1))

    def phrase_targets(self, body: str, at: int, mentions: Sequence[Mention], stop: int | None = None) -> list[Party]:
        """Parties the registry does not know right after an encouraging verb (机关、事业单位和其他组织…), up to ``stop``."""
        found: list[Party] = []
        pos = at
        stop = len(body) if stop is None else stop
        sector_list = self.lex.sector_list.match(body, at, stop)
        if sector_list:  # 支持铅蓄电池、电镀等行业企业投保…
            sectors = self.sector_members(sector_list.group())
            if sectors:
                return [Party(None, name, None, None, (RuleId.TARGET_SECTOR_LIST, RuleId.NAME_SECTOR_MEMBERS),
                              (at, sector_list.end())) for name in sectors]
        while pos < stop:
            idx = first_at(mentions, pos)
            if idx is not None:
                m = mentions[idx]
                found.extend(Party(r.actor_id, r.written, None, None, (), (m.start, m.end)) for r in m.resolution.actors)
                pos = m.end
            else:
                if self.lex.action_verb.match(body, pos):
                    break
                match = self.lex.party_phrase.match(body, pos)
                if not match or match.end() - pos > 14:
                    # A party with a relative clause: 以社会资金建设的…平台.
                    match = _RELATIVE.match(body, pos)
                    match = match and self.lex.party_phrase.match(body, match.end(), _phrase_end(body, match.end(), self.lex))
                    if not match:
                        break
                    m_text = body[pos:match.end()]
                else:
                    m_text = match.group(0)
                if self.lex.target_verb.search(m_text) or self.lex.not_a_name.search(m_text) \
                        or self.lex.name_breaker.search(m_text) or self.lex.name_modal.search(m_text.rpartition("的")[2]) \
                        or self.lex.name_modal.search(m_text, 0, 3):
                    break  # a clause, not a name
                if self.lex.compound_noun.match(body, match.end()):
                    break  # part of a longer noun (推进现代企业制度建设), not a party
                found.append(Party(None, self.lex.quantifier.sub("", m_text.strip("“”\"‘’「」")), None, None, (),
                                   (pos, match.end())))
                pos = match.end()
            joint = CONNECTOR.match(body, pos)
            if not joint or joint.end() == pos:
                break
            pos = joint.end()
        return found

    def modifies_a_thing(self, body: str, masked: str, at: int, limit: int, mentions: Sequence[Mention]) -> bool:
        """Whether a verb phrase and 的 at ``at`` make the party before it a modifier of a thing.

        市人民政府制定的…规划，应当包含…: yes; 人民政府确定的其他部门负责…: no, what follows
        the 的 is a party.
        """
        clause = _MODIFYING_CLAUSE.match(masked, at, limit)
        if not clause or self.lex.modal.search(masked, at, limit - 1):
            return False
        after = clause.end()
        return first_at(mentions, after) is None and not self.lex.party_phrase.match(body, after, min(limit, after + 8))

    # -- list members ----------------------------------------------------------------------------

    def sector_members(self, phrase: str) -> list[str]:
        """教育、医疗卫生等公共企事业单位 -> 教育公共企事业单位, 医疗卫生公共企事业单位; [] for other phrases.

        A list of sectors closed by a kind of unit or people names one party per
        sector. Lists of parties (协会、商会等社会组织) and of media (报刊、网络等
        媒体) are not sectors: their members end in a party head, or the closing
        noun is not a unit.
        """
        members, noun = _list_before_category(self.lex, phrase)
        noun = OPEN_PREFIX.sub("", noun)  # 供水、供电等有关单位: 供水单位, 供电单位
        if not self.lex.sector_kind.fullmatch(noun) or any(
                not 1 <= len(m) <= 8 or "的" in m or self.lex.party_end.search(m) for m in members):
            return []
        out = [m + noun for m in members]
        return out if all(self._names_party(name) for name in out) else []  # 迁移费用由建设等单位

    def shared_kind_members(self, phrase: str) -> list[str]:
        """特种设备生产、经营、使用单位和检验、检测机构 -> 特种设备生产单位 … 检验机构, 检测机构; [] for other phrases.

        A 、-list of short activity stems closed by one head noun names one party
        per stem; a modifier before the first stem (特种设备) is shared. 及其人员
        after such a list adds their personnel (人员).
        """
        if "、" not in phrase or "等" in phrase or _CLAUSE_END.search(phrase):
            return []
        out: list[str] = []
        groups: list[str] = []
        for group in _GROUP_SPLIT.split(phrase):
            # 电梯制造、使用和维护保养单位: a group with no head of its own is the start of the next one.
            if groups and not self.lex.party_end.search(groups[-1]):
                groups[-1] += "、" + group
            else:
                groups.append(group)
        for group in groups:
            # A description before the stems is shared too (依法取得相应许可的安装、改造、修理单位).
            described, _, group = group.rpartition("的") if "的" in group.partition("、")[0] else ("", "", group)
            if "的" in group:
                return []
            described += "的" if described else ""
            parts = group.split("、")
            head = self.lex.party_end.search(parts[-1])
            if head is None:
                return []
            if len(parts) == 1:
                out.append(described + group)
                continue
            kind = head.group()
            last = parts[-1][:-len(kind)]
            stems = parts[:-1]
            # Stems of activities (生产, 经营), not of people (养犬人、动物诊疗机构 names two kinds of party).
            if not 1 <= len(last) <= 4 or any(not s or len(s) > 8 or self.lex.party_end.search(s)
                                              or s[-1] in _PERSON_ENDS for s in stems):
                return []
            modifier = ""
            shortest = min(len(x) for x in [*stems[1:], last])  # the stem length without the shared modifier
            if len(stems[0]) >= shortest + 2:
                modifier, stems[0] = stems[0][:len(stems[0]) - shortest], stems[0][len(stems[0]) - shortest:]
            out.extend(described + modifier + stem + kind for stem in [*stems, last])
        if any(not self._names_party(name) for name in out):
            return []  # 迁移费用由建设、施工单位: not a list of names
        return out if len(out) > 1 else []

    def example_members(self, phrase: str) -> list[str]:
        """协会、商会等社会组织 -> 协会, 商会: the parties a list names before its category; [] for other phrases.

        The annotators read such lists as their members, except for media
        (报刊、网络等媒体), which the Sichuan reading keeps as 媒体.
        """
        members, noun = _list_before_category(self.lex, phrase)
        members = [PARENTHETICAL.sub("", m) for m in members]
        if not noun or "媒体" in noun or not self.lex.party_end.search(noun) or any(
                not 2 <= len(m) <= 12 or "的" in m or not self.lex.party_end.search(m) for m in members):
            return []
        return members


# -- helpers -----------------------------------------------------------------------------------------


def index_from(mentions: Sequence[Mention], pos: int) -> int:
    """Index of the first mention starting at or after ``pos`` (``len(mentions)`` if none)."""
    lo, hi = 0, len(mentions)
    while lo < hi:
        mid = (lo + hi) // 2
        if mentions[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def first_at(mentions: Sequence[Mention], pos: int) -> int | None:
    """Index of the mention starting exactly at ``pos``."""
    k = index_from(mentions, pos)
    return k if k < len(mentions) and mentions[k].start == pos else None


def mention_run(text: str, mentions: Sequence[Mention], first: int) -> list[int]:
    """The mentions from ``first`` on that are joined only by connectors (、和及与或者 …)."""
    run = [first]
    k = first
    while k + 1 < len(mentions):
        gap = text[mentions[k].end:mentions[k + 1].start]
        if gap and not CONNECTOR.fullmatch(gap):
            break
        k += 1
        run.append(k)
    return run


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


def _list_before_category(lex: Lexicon, phrase: str) -> tuple[list[str], str]:
    """``X、Y等Z`` -> ([X, Y], Z); no members unless at least two stand before the last 等."""
    left, sep, noun = lex.quantifier.sub("", lex.jurisdiction_subject.sub("", phrase)).rpartition("等")
    members = _MEMBER_SPLIT.split(left) if sep else []
    return (members if len(members) >= 2 else []), noun


def jurisdiction_levels(jurisdiction: Jurisdiction | None) -> str | None:
    """The levels a local regulation's unprefixed departments work at: its own down to the county.

    A province's and a municipality's are ``county+``, a city's ``city+county``;
    a national text gives none (the reading cannot tell which level is meant).
    """
    if jurisdiction is None or jurisdiction.province is None:
        return None
    return "city+county" if jurisdiction.level is Level.CITY else "county+"


def level_code(scope: LevelScope, jurisdiction: Jurisdiction | None) -> str | None:
    """ANNOTATION.md's code for ``scope``, read within the regulation's own jurisdiction.

    Levels are the sets ANNOTATION.md names: a city's 市、县（市、区） is
    ``city+county`` and its bare 市 ``city``; a national body ``national``; a
    municipality, which has no city level, writes 市、区 as ``county+`` (the
    scorer reads a municipality's levels without the city).
    """
    if scope.relative or not scope.levels:
        return None
    levels = scope.levels
    if jurisdiction is not None and jurisdiction.municipality and Level.PROVINCE in levels and Level.COUNTY in levels:
        return LevelScope(frozenset(levels | {Level.CITY}), scope.written).code
    return scope.code
