"""The extractor's rules as data: their words and examples, validated on load, compiled once.

The words live in ``qpr/data/lexicon.toml``, one table per rule (keyed by the
rule ids of :mod:`qpr.duties.rules`), so that a reviewer sees a change of
wording as a data diff, not a code change, and finds each word beside the
rule that uses it. The patterns here put those words into the shapes the
sentence reader needs; the shapes (where a comma may stand, what a bracket
holds) are structure, and stay in code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

import attrs
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from qpr.duties.rules import RuleId
from qpr.errors import RegistryError

__all__ = ["Example", "Lexicon", "RuleDoc", "lexicon", "parse_lexicon"]

LEXICON_FILE = "lexicon.toml"

#: The word lists each rule table holds (besides doc and examples); tables not listed hold none.
RULE_WORDS: dict[str, tuple[str, ...]] = {
    RuleId.NO_DUTY_STATEMENT: ("patterns",),
    RuleId.NO_DUTY_PRINCIPLE: ("patterns",),
    RuleId.NO_DUTY_LIABILITY: ("patterns",),
    RuleId.SUBJECT_OPENING: ("lead", "modifier_of"),
    RuleId.SUBJECT_AFTER_OPENER: ("clause_ends", "prepositions"),
    RuleId.SUBJECT_PHRASE: ("condition_openers",),
    RuleId.SUBJECT_CONDITION: ("words",),
    RuleId.SUBJECT_CONDITION_PARTY: ("verbs",),
    RuleId.PARTNER_HUITONG: ("verbs", "adverbial_lead"),
    RuleId.AGENT_YOU: ("markers", "not_after", "not_before"),
    RuleId.AGENT_PENALTY_BODY: ("penalty_words", "decision_verbs"),
    RuleId.TARGET_AFTER_VERB: ("verbs", "verb_before", "gap", "purpose_verbs", "cooperation"),
    RuleId.TARGET_PHRASE: ("not_in_name",),
    RuleId.MODALITY_MODAL_WORD: ("must_not", "shall", "may", "not_after", "not_before"),
    RuleId.ROLE_VIOLATOR: ("words",),
    RuleId.ROLE_DESCRIBES_THING: ("authoring_verbs",),
    RuleId.ENCOURAGEMENT_SUBJECTLESS: ("encouragers", "adverbs", "verbs"),
    RuleId.INHERIT_CONDITION_LIST: ("patterns", "requirements"),
    RuleId.INHERIT_PENALTY_LIST: ("penalty_rules",),
    RuleId.NAME_SECTOR_MEMBERS: ("sector_kinds",),
}
#: Lists that hold regular expressions rather than words.
_PATTERN_LISTS = frozenset({"patterns", "not_in_name"})
#: Modal words that do stand inside names (主管部门, 负责人, 承担…的单位, 有权机关).
_NAME_MODALS = frozenset({"负责", "主管", "承担", "有权"})
#: Characters that end an opening clause of time (…后，) rather than of condition (…的，).
_TIME_ENDS = "时后前中"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Example(_Strict):
    text: str
    title: str = "四川省示范条例"
    duties: list[str]

    @field_validator("duties")
    @classmethod
    def _records(cls, value: list[str]) -> list[str]:
        for record in value:
            if len(record.split()) != 4:
                raise ValueError(f"record {record!r} is not 'actor role modality level' ('-' for none)")
        return value


class _Rule(BaseModel):
    model_config = ConfigDict(extra="allow")
    doc: str
    examples: list[_Example]


class _Party(_Strict):
    heads: list[str]
    standalone_heads: list[str]
    standalone_names: list[str]
    predicate_start: list[str]
    not_party_start: list[str]
    action_verbs: list[str]
    compound_nouns: list[str]
    adverbial_start: list[str]
    quantifiers: list[str]
    jurisdiction_words: list[str]


class _Time(_Strict):
    recurrence: list[str]
    deadline: list[str]


class _LexiconFile(_Strict):
    rules: dict[str, _Rule]
    party: _Party
    time: _Time


@attrs.frozen(slots=True)
class Example:
    """An example article of a rule and the records it gives: (actor, role, modality, level), None for '-'."""

    text: str
    title: str
    duties: tuple[tuple[str | None, str, str, str | None], ...]


@attrs.frozen(slots=True)
class RuleDoc:
    """What a rule is for, and its examples (run as tests)."""

    id: str
    doc: str
    examples: tuple[Example, ...]


def _alternation(words: list[str]) -> str:
    # Longest first, so that 应当 wins over 应 and 可以 over 可.
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _chars(words: list[str]) -> str:
    return "".join(re.escape(w) for w in words)


def _sector_kind(kinds: list[str]) -> str:
    # A few words of sector or trade may come first: 公共企事业单位, 行业企业.
    return rf"[\u4e00-\u9fff]{{0,6}}?(?:{_alternation(kinds)})"


@attrs.frozen(slots=True)
class Lexicon:
    """Compiled patterns for the duty extractor, and the documentation of its rules."""

    rules: Mapping[str, RuleDoc]
    #: modality name for each modal word
    modal_words: dict[str, str]
    modal: re.Pattern[str]
    target_verb: re.Pattern[str]
    partner_verb: re.Pattern[str]
    agent_marker: re.Pattern[str]
    no_duty: re.Pattern[str]
    #: a statement of principle (质量工作应当坚持…): no duty unless a party is its subject
    principle: re.Pattern[str]
    liability: re.Pattern[str]
    condition_list: re.Pattern[str]
    #: a chapeau whose items are what its named party must meet (应当符合下列条件：)
    requirement_list: re.Pattern[str]
    #: a chapeau whose items are the penalties its named body imposes (依照下列规定予以处理：)
    penalty_rule_list: re.Pattern[str]
    recurrence: re.Pattern[str]
    deadline: re.Pattern[str]
    #: a whole noun phrase that names a party by its head noun
    party_phrase: re.Pattern[str]
    #: a party described by a clause that may hold a list (法律、法规授权的…组织)
    party_clause: re.Pattern[str]
    #: an activity verb at the start of a phrase
    action_verb: re.Pattern[str]
    #: what may stand between a subject and its modal word
    adverbial: re.Pattern[str]
    #: a party head noun anywhere (where a party noun phrase may end)
    party_head: re.Pattern[str]
    #: a name that ends in a party head noun (高等院校): complete without a list's closing noun
    party_end: re.Pattern[str]
    #: the kind of unit or people closing a list of sectors (教育、医疗卫生等公共企事业单位)
    sector_kind: re.Pattern[str]
    #: such a list, as it follows an encouraging verb (支持铅蓄电池、电镀等行业企业…)
    sector_list: re.Pattern[str]
    #: nouns a party word heads without being a party (企业制度, 小微企业园)
    compound_noun: re.Pattern[str]
    #: words that may open a sentence before its subject (同时, 此外)
    lead: re.Pattern[str]
    #: 有条件的 at the very start of a sentence
    condition_word: re.Pattern[str]
    #: right after a party, a word it only modifies (企业标准, 企业的)
    modified: re.Pattern[str]
    #: between an encouraging verb and its party (和支持, 各类, 符合条件的)
    target_gap: re.Pattern[str]
    #: what may stand right before an encouraging verb used as a verb
    verb_before: re.Pattern[str]
    #: an opening clause of condition or time before the subject (…的，/…后，/在…，)
    opening_clause: re.Pattern[str]
    #: what opens a subjectless encouragement (本市积极鼓励…)
    encourager: re.Pattern[str]
    #: …违反…的，由: the opening party is the violator
    violator: re.Pattern[str]
    #: …提供/创造/营造 after an encouraging verb inside 为…: a purpose
    purpose_close: re.Pattern[str]
    #: a short adverbial before 会同 (根据需要，)
    partner_lead: re.Pattern[str]
    #: a later clause that permits only some (…，有条件的可以)
    later_conditional: re.Pattern[str]
    #: 与Y合作 after an encouraging verb
    cooperation: re.Pattern[str]
    #: the jurisdiction as subject (本市…)
    jurisdiction_subject: re.Pattern[str]
    #: what never stands inside a target's name
    not_a_name: re.Pattern[str]
    #: quantifiers before a name (各类, 其他)
    quantifier: re.Pattern[str]
    #: after a subject, a condition on it rather than its predicate (…有下列情形之一的，)
    subject_condition: re.Pattern[str]
    #: between a party and its modal word, a relative clause ending in a noun (…投资开发的公益性岗位，)
    relative_subject: re.Pattern[str]
    #: right after a party, …规定的 / 确定的: the party authored the thing the sentence is about
    authored: re.Pattern[str]
    #: what no party's name holds: 由, a sentence mark
    name_breaker: re.Pattern[str]
    #: what a name holds only inside a description before 的 (依法必须进行招标项目的招标人): a modal word
    name_modal: re.Pattern[str]
    #: a headless condition naming who acts (在本市从事…活动的): the party is the 的-phrase from its verb
    condition_party: re.Pattern[str]
    #: a penalty a clause imposes (责令改正, 罚款, 没收, 吊销 …)
    penalty: re.Pattern[str]
    #: what a declaration of the penalty body says the body does (决定, 实施)
    penalty_decision: re.Pattern[str]
    #: names that are a subject only before the start of a predicate (国家 in 国家鼓励…, not 国家法律)
    standalone_names: frozenset[str]
    #: the start of a predicate: a modal word, an action or encouraging verb, an adverbial
    predicate: re.Pattern[str]


def _words(rules: Mapping[str, _Rule], rule: str, key: str) -> list[str]:
    value = (rules[rule].model_extra or {})[key]
    return list(value)


def _check_rules(raw: _LexiconFile, source: str) -> None:
    known = {r.value for r in RuleId}
    for rule_id, rule in raw.rules.items():
        if rule_id not in known:
            raise RegistryError(f"rules.{rule_id}: no such rule; the rules are in qpr/duties/rules.py",
                                source=source, entry=rule_id)
        expected = set(RULE_WORDS.get(rule_id, ()))
        extra = rule.model_extra or {}
        for key, value in extra.items():
            if key not in expected:
                raise RegistryError(f"rules.{rule_id}.{key}: this rule uses no list {key!r}"
                                    + (f"; it uses {', '.join(sorted(expected))}" if expected else ""),
                                    source=source, entry=rule_id)
            if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
                raise RegistryError(f"rules.{rule_id}.{key}: expected a list of non-empty strings",
                                    source=source, entry=rule_id)
            if key in _PATTERN_LISTS:
                for pattern in value:
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        raise RegistryError(f"rules.{rule_id}.{key}: pattern {pattern!r} does not compile: {exc}",
                                            source=source, entry=rule_id) from None
        missing = expected - set(extra)
        if missing:
            raise RegistryError(f"rules.{rule_id}: missing the list(s) {', '.join(sorted(missing))}",
                                source=source, entry=rule_id)
    absent = sorted(known - set(raw.rules))
    if absent:
        raise RegistryError(f"no table for the rule(s) {', '.join(absent)}: every rule needs its doc and examples",
                            source=source, entry=absent[0])


def _rule_docs(raw: _LexiconFile) -> dict[str, RuleDoc]:
    def record(text: str) -> tuple[str | None, str, str, str | None]:
        actor, role, modality, level = text.split()
        return (None if actor == "-" else actor, role, modality, None if level == "-" else level)

    return {rid: RuleDoc(rid, rule.doc, tuple(Example(e.text, e.title, tuple(record(d) for d in e.duties))
                                              for e in rule.examples))
            for rid, rule in raw.rules.items()}


def parse_lexicon(data: dict[str, Any], source: str) -> Lexicon:
    """The compiled lexicon from the parsed TOML ``data``; RegistryError naming the entry when it is malformed."""
    try:
        raw = _LexiconFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RegistryError(f"{where}: {first['msg']}", source=source, entry=where) from None
    _check_rules(raw, source)
    rules, party = raw.rules, raw.party

    def words(rule: str, key: str) -> list[str]:
        return _words(rules, rule, key)

    def patterns(rule: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in words(rule, "patterns")))

    modal_words = {w: "must_not" for w in words(RuleId.MODALITY_MODAL_WORD, "must_not")}
    modal_words |= {w: "shall" for w in words(RuleId.MODALITY_MODAL_WORD, "shall") if w not in modal_words}
    modal_words |= {w: "may" for w in words(RuleId.MODALITY_MODAL_WORD, "may") if w not in modal_words}
    target_verbs = words(RuleId.TARGET_AFTER_VERB, "verbs")
    # A head noun, or a standalone head (社会) where the phrase ends: not inside 社会资金.
    boundary = _alternation([*party.predicate_start, *modal_words, *party.action_verbs, *target_verbs,
                             *party.adverbial_start])
    heads = (rf"(?:{_alternation(party.heads)}|(?:{_alternation(party.standalone_heads)})"
             rf"(?=$|[^\u4e00-\u9fff]|{boundary}))")
    sector_kinds = words(RuleId.NAME_SECTOR_MEMBERS, "sector_kinds")
    clause_ends = _chars(words(RuleId.SUBJECT_AFTER_OPENER, "clause_ends"))
    prepositions = _chars(words(RuleId.SUBJECT_AFTER_OPENER, "prepositions"))
    may_words = [w for w, m in modal_words.items() if m == "may"]
    return Lexicon(
        rules=_rule_docs(raw),
        modal_words=modal_words,
        # 应 and 可 alone are modal only where they are not part of a word (相应, 应用, 许可, 可能 ...).
        modal=re.compile(
            rf"(?<![{_chars(words(RuleId.MODALITY_MODAL_WORD, 'not_after'))}])(?:{_alternation(list(modal_words))})"
            rf"(?![{_chars(words(RuleId.MODALITY_MODAL_WORD, 'not_before'))}])"),
        target_verb=re.compile(_alternation(target_verbs)),
        partner_verb=re.compile(_alternation(words(RuleId.PARTNER_HUITONG, "verbs"))),
        agent_marker=re.compile(rf"(?<![{_chars(words(RuleId.AGENT_YOU, 'not_after'))}])"
                                rf"(?:{_alternation(words(RuleId.AGENT_YOU, 'markers'))})"
                                rf"(?![{_chars(words(RuleId.AGENT_YOU, 'not_before'))}])"),
        no_duty=patterns(RuleId.NO_DUTY_STATEMENT),
        principle=patterns(RuleId.NO_DUTY_PRINCIPLE),
        liability=patterns(RuleId.NO_DUTY_LIABILITY),
        condition_list=patterns(RuleId.INHERIT_CONDITION_LIST),
        requirement_list=re.compile(_alternation(words(RuleId.INHERIT_CONDITION_LIST, "requirements"))),
        penalty_rule_list=re.compile(_alternation(words(RuleId.INHERIT_PENALTY_LIST, "penalty_rules"))),
        recurrence=re.compile(_alternation(raw.time.recurrence)),
        deadline=re.compile("|".join(f"(?:{p})" for p in raw.time.deadline)),
        party_phrase=re.compile(
            rf"(?!{_alternation(party.not_party_start)})[\u4e00-\u9fff（）()“”]{{0,24}}?{heads}"),
        party_clause=re.compile(
            # 依法设立的…机构: a party described by a clause may open with 依法.
            rf"(?!{_alternation([w for w in party.not_party_start if w != '依法'])})[\u4e00-\u9fff（）()“”、]{{0,30}}?的[\u4e00-\u9fff]{{0,12}}?"
            rf"{heads}"),
        action_verb=re.compile(_alternation(party.action_verbs)),
        adverbial=re.compile(_alternation(party.adverbial_start)),
        party_head=re.compile(f"(?=({heads}))"),
        party_end=re.compile(f"{heads}$"),
        sector_kind=re.compile(_sector_kind(sector_kinds)),
        sector_list=re.compile(rf"[^，。；,;：:]{{1,80}}?等{_sector_kind(sector_kinds)}"),
        compound_noun=re.compile(_alternation(party.compound_nouns)),
        lead=re.compile(rf"(?:{_alternation(words(RuleId.SUBJECT_OPENING, 'lead'))})*"),
        condition_word=re.compile(rf"^(?:{_alternation(words(RuleId.SUBJECT_CONDITION, 'words'))})"),
        modified=re.compile(rf"^(?:{_alternation(words(RuleId.SUBJECT_OPENING, 'modifier_of'))})"),
        target_gap=re.compile(rf"(?:{_alternation(words(RuleId.TARGET_AFTER_VERB, 'gap'))})*"),
        verb_before=re.compile(rf"(?:{_alternation(words(RuleId.TARGET_AFTER_VERB, 'verb_before'))})$"),
        opening_clause=re.compile(rf"(?:[^，。；,;]{{1,40}}[，,]){{0,2}}?[^，。；,;]{{1,60}}?[{clause_ends}][，,]"
                                  rf"|[{prepositions}][^，。；,;]{{1,40}}[，,]"),
        encourager=re.compile(
            rf"^(?:{_alternation(words(RuleId.ENCOURAGEMENT_SUBJECTLESS, 'encouragers'))})?"
            rf"(?:{_alternation(words(RuleId.ENCOURAGEMENT_SUBJECTLESS, 'adverbs'))})*"
            rf"(?:(?:{_alternation(words(RuleId.ENCOURAGEMENT_SUBJECTLESS, 'verbs'))})[、和及与并]?)*"),
        violator=re.compile(rf"(?:{_alternation(words(RuleId.ROLE_VIOLATOR, 'words'))})[^。；]{{0,60}}?的[，,]由"),
        purpose_close=re.compile(rf"[^，。；,;]*?(?:{_alternation(words(RuleId.TARGET_AFTER_VERB, 'purpose_verbs'))})"),
        partner_lead=re.compile(rf"(?:{_alternation(words(RuleId.PARTNER_HUITONG, 'adverbial_lead'))})[^，。；,;]{{1,12}}[，,]"),
        later_conditional=re.compile(rf"[，,](?:{_alternation(words(RuleId.SUBJECT_CONDITION, 'words'))})"
                                     rf"(?:{_alternation(may_words)})$"),
        cooperation=re.compile(rf"[与同][^，。；,;]{{1,40}}?(?:{_alternation(words(RuleId.TARGET_AFTER_VERB, 'cooperation'))})"),
        jurisdiction_subject=re.compile(rf"^(?:{_alternation(party.jurisdiction_words)})"),
        not_a_name=re.compile("|".join(words(RuleId.TARGET_PHRASE, "not_in_name"))),
        quantifier=re.compile(rf"^(?:{_alternation(party.quantifiers)})"),
        subject_condition=re.compile(rf"(?:{_alternation(words(RuleId.SUBJECT_PHRASE, 'condition_openers'))}).{{0,40}}?的[，,]"
                                     rf"|[^，,。；]{{1,20}}?[{_TIME_ENDS}][，,]|[，,]"),
        name_breaker=re.compile(
            rf"(?<![{_chars(words(RuleId.AGENT_YOU, 'not_after'))}])(?:{_alternation(words(RuleId.AGENT_YOU, 'markers'))})"
            rf"(?![{_chars(words(RuleId.AGENT_YOU, 'not_before'))}])|[，。；：,;:！？]"),
        name_modal=re.compile(_alternation([w for w in modal_words if len(w) > 1 and w not in _NAME_MODALS])),
        condition_party=re.compile(
            rf"(?:在(?:{_alternation(party.jurisdiction_words)}|[^，。；的]{{1,12}}?(?:内|中|上)))?"
            rf"(?P<party>(?:{_alternation(words(RuleId.SUBJECT_CONDITION_PARTY, 'verbs'))})[^，。；,;]{{1,28}}的)"),
        # 被吊销登记证的食品小作坊: a passive penalty word describes the party, it imposes nothing.
        # (nor does one that dates a time: 自登记证吊销之日起).
        penalty=re.compile(rf"(?<!被)(?:{_alternation(words(RuleId.AGENT_PENALTY_BODY, 'penalty_words'))})(?!之日)"),
        penalty_decision=re.compile(_alternation(words(RuleId.AGENT_PENALTY_BODY, "decision_verbs"))),
        standalone_names=frozenset(party.standalone_names),
        predicate=re.compile(rf"(?:{boundary})"),
        authored=re.compile(rf"(?:[和及与、][^，。；□]{{1,6}}?)?(?:{_alternation(words(RuleId.ROLE_DESCRIBES_THING, 'authoring_verbs'))})"
                            rf"[^，。；□]{{0,12}}?的"),
        relative_subject=re.compile(rf"[^，。；]{{1,20}}的[^，。；□的]{{1,11}}[^，。；□的{_TIME_ENDS}][，,]?"),
    )


@cache
def lexicon() -> Lexicon:
    """The built-in lexicon, loaded on first use."""
    resource = files("qpr.data").joinpath(LEXICON_FILE)
    try:
        data = tomllib.loads(resource.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"not valid TOML: {exc}", source=f"qpr/data/{LEXICON_FILE}") from None
    return parse_lexicon(data, f"qpr/data/{LEXICON_FILE}")
