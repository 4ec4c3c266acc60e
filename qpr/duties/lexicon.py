"""The modal-word lexicon: package data, validated on load, compiled once.

The words live in ``qpr/data/lexicon.toml`` so that a reviewer sees a change
of wording as a data diff, not a code change.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files

import attrs
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from qpr.errors import RegistryError

__all__ = ["Lexicon", "lexicon"]

LEXICON_FILE = "lexicon.toml"


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Modality(_Words):
    must_not: list[str]
    shall: list[str]
    may: list[str]


class _Verbs(_Words):
    verbs: list[str]


class _Markers(_Words):
    markers: list[str]


class _Patterns(_Words):
    patterns: list[str]

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
        return value


class _WordList(_Words):
    words: list[str]


class _Party(_Words):
    heads: list[str]
    not_party_start: list[str]
    action_verbs: list[str]
    adverbial_start: list[str]
    sector_kinds: list[str]
    compound_nouns: list[str]
    standalone_heads: list[str]
    predicate_start: list[str]


class _LexiconFile(_Words):
    modality: _Modality
    target: _Verbs
    partner: _Verbs
    agent: _Markers
    no_duty: _Patterns
    principle: _Patterns
    liability: _Patterns
    condition_list: _Patterns
    recurrence: _WordList
    deadline: _Patterns
    party: _Party


def _alternation(words: list[str]) -> str:
    # Longest first, so that 应当 wins over 应 and 可以 over 可.
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _sector_kind(kinds: list[str]) -> str:
    # A few words of sector or trade may come first: 公共企事业单位, 行业企业.
    return rf"[\u4e00-\u9fff]{{0,6}}?(?:{_alternation(kinds)})"


@attrs.frozen(slots=True)
class Lexicon:
    """Compiled patterns for the duty extractor."""

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


def parse_lexicon(data: dict, source: str) -> Lexicon:  # type: ignore[type-arg]
    try:
        raw = _LexiconFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RegistryError(f"{where}: {first['msg']}", source=source, entry=where) from None
    party = raw.party
    modal_words = {w: "must_not" for w in raw.modality.must_not}
    modal_words |= {w: "shall" for w in raw.modality.shall if w not in modal_words}
    modal_words |= {w: "may" for w in raw.modality.may if w not in modal_words}
    # 应 and 可 alone are modal only where they are not part of a word (相应, 应用, 许可, 可能 ...).
    modal = re.compile(
        rf"(?<![相适供反对響响呼答感效顺照理许认宁即尚])(?:{_alternation(list(modal_words))})"
        r"(?![用急对收付征聘届试变激答能靠行视控观信比及再燃人])"
    )
    # A head noun, or a standalone head (社会) where the phrase ends: not inside 社会资金.
    boundary = _alternation([*party.predicate_start, *modal_words, *party.action_verbs, *raw.target.verbs,
                             *party.adverbial_start])
    heads = (rf"(?:{_alternation(party.heads)}|(?:{_alternation(party.standalone_heads)})"
             rf"(?=$|[^\u4e00-\u9fff]|{boundary}))")
    return Lexicon(
        modal_words=modal_words,
        modal=modal,
        target_verb=re.compile(_alternation(raw.target.verbs)),
        partner_verb=re.compile(_alternation(raw.partner.verbs)),
        # 由 names an agent, but not inside 自由, 理由, 由于, 由此.
        agent_marker=re.compile(rf"(?<![自理缘事经])(?:{_alternation(raw.agent.markers)})(?![于此])"),
        no_duty=re.compile("|".join(f"(?:{p})" for p in raw.no_duty.patterns)),
        principle=re.compile("|".join(f"(?:{p})" for p in raw.principle.patterns)),
        liability=re.compile("|".join(f"(?:{p})" for p in raw.liability.patterns)),
        condition_list=re.compile("|".join(f"(?:{p})" for p in raw.condition_list.patterns)),
        recurrence=re.compile(_alternation(raw.recurrence.words)),
        deadline=re.compile("|".join(f"(?:{p})" for p in raw.deadline.patterns)),
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
        sector_kind=re.compile(_sector_kind(party.sector_kinds)),
        sector_list=re.compile(rf"[^，。；,;：:]{{1,80}}?等{_sector_kind(party.sector_kinds)}"),
        compound_noun=re.compile(_alternation(party.compound_nouns)),
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
