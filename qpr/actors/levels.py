"""Levels of government and the expressions that name them.

China's local government has four levels (plus the centre): the province
(省, 自治区 and the four 直辖市 municipalities), the city (设区的市, 自治州), the
county (县, 县级市, 市辖区 — a municipality's 区 and 县 are county level too) and
the township (乡, 镇 and the 街道 subdistrict). A regulation names the level of
the government that bears a duty with a short prefix: 县级以上 (county and
above), 设区的市级以上, 省, 市、县（市、区）, 乡镇, 各级 (every level) … and the
meaning of 市 depends on who wrote the text: in a 北京/上海/天津/重庆 regulation
市 is the provincial level, elsewhere it is the city level.

:func:`parse_level` turns such a prefix into a :class:`LevelScope`, a set of
:class:`Level` plus the words as written and any condition (有条件的).
:func:`jurisdiction_from_title` works out from a regulation's title whose
regulation it is.
"""

from __future__ import annotations

import enum
import functools
import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import Any

import attrs

__all__ = [
    "LEVEL_EXPRESSION",
    "Jurisdiction",
    "Level",
    "LevelScope",
    "join_level_codes",
    "jurisdiction_from_title",
    "levels_of_code",
    "parse_level",
]


class Level(enum.Enum):
    """A level of government, from the centre down to the township."""

    NATIONAL = ("national", "国家")
    PROVINCE = ("province", "省级")
    CITY = ("city", "市级")
    COUNTY = ("county", "县级")
    TOWNSHIP = ("township", "乡级")

    def __init__(self, code: str, zh: str) -> None:
        self.code = code
        self.zh = zh

    @property
    def rank(self) -> int:
        """0 for the centre, 4 for the township: lower rank is higher up."""
        return _RANK[self]

    @classmethod
    def from_code(cls, code: str) -> Level:
        for level in cls:
            if level.code == code:
                return level
        raise ValueError(f"unknown level {code!r}; expected one of {', '.join(lv.code for lv in cls)}")

    def __lt__(self, other: object) -> bool:  # sorts from the centre down
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank


_RANK = {level: i for i, level in enumerate(Level)}
LOCAL_LEVELS = frozenset({Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP})
_LOCAL_ORDER = (Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP)

# Levels named relative to the text's own government rather than absolutely.
_RELATIVE_CODES = {
    "上级": "upper", "上一级": "upper", "共同的上一级": "upper", "共同上一级": "upper",
    "本级": "same", "同级": "same",
    "下级": "lower", "下一级": "lower",
    "所在地": "local", "当地": "local",
    "有关": "relevant", "相关": "relevant",
}


def _levels_converter(value: Iterable[Level]) -> frozenset[Level]:
    return frozenset(value)


@attrs.frozen(slots=True)
class LevelScope:
    """The set of levels a level expression names, with the words as written.

    ``relative`` is set for expressions that name a level relative to another
    government (上级, 本级, 所在地 …): their ``levels`` are empty.
    """

    levels: frozenset[Level] = attrs.field(converter=_levels_converter)
    written: str
    condition: str | None = None
    relative: str | None = None

    @property
    def code(self) -> str:
        """ANNOTATION.md's level code: all, county+, city+, province, township …

        Contiguous ranges from the province down are written ``X+``; other
        sets join their levels with ``+`` from the top (``city+county`` for
        市、县, ``province+county`` for a municipality's 市、区).
        """
        if self.relative:
            return self.relative
        local = self.levels & LOCAL_LEVELS
        if not local:
            return "national" if Level.NATIONAL in self.levels else "none"
        if Level.NATIONAL in self.levels:
            # 国务院…部门和县级以上地方…部门: every level named, joined from the top.
            return "+".join(level.code for level in sorted(self.levels))
        if local == LOCAL_LEVELS:
            return "all"
        ordered = sorted(local)
        if len(ordered) == 1:
            return ordered[0].code
        if ordered[0] is Level.PROVINCE and ordered == list(_LOCAL_ORDER[: len(ordered)]):
            return f"{ordered[-1].code}+"
        return "+".join(level.code for level in ordered)

    def __contains__(self, level: object) -> bool:
        return level in self.levels

    def binds(self, level: Level) -> bool:
        """Whether a duty with this scope falls on a government body at ``level``."""
        return level in self.levels


def levels_of_code(code: str | None) -> frozenset[Level] | None:
    """The set of levels an ANNOTATION.md level code names (``county+`` -> province, city, county); None if it names none."""
    if not code:
        return None
    if code == "all":
        return LOCAL_LEVELS
    out: set[Level] = set()
    if code.endswith("+") and "+" not in code[:-1]:
        lowest = Level.from_code(code[:-1])
        return frozenset(lv for lv in _LOCAL_ORDER if lv.rank <= lowest.rank)
    for part in code.split("+"):
        try:
            out.add(Level.from_code(part))
        except ValueError:
            return None
    return frozenset(out)


def join_level_codes(a: str | None, b: str | None) -> str | None:
    """The code of the union of two level codes (市 + 区: city + county); ``a`` when either names no set."""
    sa, sb = levels_of_code(a), levels_of_code(b)
    if sa is None or sb is None:
        return a if a is not None else b
    return LevelScope(sa | sb, "").code


@attrs.frozen(slots=True)
class Jurisdiction:
    """Whose regulation a text is: a province (or municipality), perhaps one city in it.

    ``province`` is None for national law (a 中华人民共和国… law, a State Council
    regulation). In a municipality (直辖市) 市 means the provincial level.
    """

    province: str | None
    municipality: bool = False
    city: str | None = None

    @property
    def is_national(self) -> bool:
        return self.province is None

    @property
    def name(self) -> str:
        """全国 for national law, else the province and city as written: 浙江省, 浙江省湖州市, 上海市."""
        if self.province is None:
            return "全国"
        return self.province + (self.city or "") if self.city != self.province else self.province

    @property
    def level(self) -> Level:
        """The level of the government that made the regulation."""
        if self.province is None:
            return Level.NATIONAL
        if self.city is not None:
            return Level.CITY
        return Level.PROVINCE

    def city_word_level(self) -> Level:
        """The level a bare 市 names in this jurisdiction's texts."""
        return Level.PROVINCE if self.municipality else Level.CITY


# --- level expressions ------------------------------------------------------

# Base words, longest first where one is a prefix of another; each maps to a
# set of levels ("M" is 市, whose level depends on the jurisdiction).
_P, _C, _CO, _T, _N = Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.NATIONAL
_BASES: dict[str, tuple[Level | str, ...]] = {
    "省、自治区、直辖市": (_P,),
    "省、自治区": (_P,),
    "自治区": (_P,),
    "直辖市": (_P,),
    "省级": (_P,),
    "省": (_P,),
    "设区的市": (_C,),
    "不设区的市": (_CO,),
    "地级以上市": (_C, "up"),
    "地级市": (_C,),
    "省辖市": (_C,),
    "地级": (_C,),
    "地区": (_C,),
    "自治州": (_C,),
    "市州": (_C,),
    "州": (_C,),
    "盟": (_C,),
    "城市": (_C, _CO),
    "市级": ("M",),
    "市": ("M",),
    "自治县": (_CO,),
    "县级市": (_CO,),
    "县级": (_CO,),
    "县区": (_CO,),
    "县": (_CO,),
    "市辖区": (_CO,),
    "涉农区": (_CO,),
    "新区": (_CO,),
    "区县": (_CO,),
    "区级": (_CO,),
    "区": (_CO,),
    "旗": (_CO,),
    "民族乡": (_T,),
    "乡镇": (_T,),
    "乡级": (_T,),
    "镇级": (_T,),
    "乡": (_T,),
    "镇": (_T,),
    "街道": (_T,),
    "苏木": (_T,),
    "国家": (_N,),
    "中央": (_N,),
    # 国务院和省、自治区、直辖市人民政府的…部门: the State Council names the national level.
    "国务院": (_N,),
}
_PREFIXES = ("本", "全", "各", "有关", "相关", "所在地", "当地")
_CONNECTORS = ("以及", "或者", "、", "和", "或", "及", "与")
_CONDITIONS = ("有条件的", "具备条件的", "沿海", "沿海地区", "边境")


def _alt(words: Iterable[str]) -> str:
    # Longest first so the regex prefers 设区的市 over 市.
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_BASE_RX = _alt(_BASES)
_UNIT = (
    rf"(?:(?:{_alt(_PREFIXES)})?(?:{_BASE_RX})"
    rf"(?:（(?:{_BASE_RX}|、)+）|\((?:{_BASE_RX}|、)+\))?"  # 县（市、区）: same-level alternatives
    r"(?:级)?(?:以上|以下)?)"
)
_SEQ = rf"{_UNIT}(?:(?:{_alt(_CONNECTORS)}){_UNIT})*"
_RELATIVE = _alt(_RELATIVE_CODES)
#: A level expression, as written before 人民政府 or a department.
LEVEL_EXPRESSION = (
    rf"(?:(?:{_alt(_CONDITIONS)})?"
    rf"(?:(?:{_SEQ})(?:地方)?(?:各级)?|地方各级|地方|各级|(?:{_RELATIVE})))"
)
_LEVEL_FULL = re.compile(LEVEL_EXPRESSION)
# Anchored at the end: the longest level expression that ends where a name begins.
_LEVEL_TAIL = re.compile(rf"(?:{LEVEL_EXPRESSION})$")
#: The last character of any level expression: a cheap pre-check.
LEVEL_TAIL_CHARS = frozenset(w[-1] for w in [*_BASES, *_RELATIVE_CODES, "上", "下", "方", "级", "）", ")"])

_TOKEN = re.compile(
    rf"(?P<cond>{_alt(_CONDITIONS)})"
    rf"|(?P<paren>（[^）]*）|\([^)]*\))"
    rf"|(?P<rel>{_RELATIVE})(?=$)"
    rf"|(?P<allp>地方各级|各级)"
    rf"|(?P<base>{_BASE_RX})"
    r"|(?P<up>级以上|以上)"
    r"|(?P<down>级以下|以下)"
    r"|(?P<skip>级|地方|本|全|各|有关|相关|所在地|当地|以及|或者|、|和|或|及|与)"
)
_GOV_TAIL = re.compile(r"(?:地方)?(?:各级)?(?:人民政府|政府)$")


def _unit_levels(word: str, jurisdiction: Jurisdiction | None) -> tuple[set[Level], bool]:
    spec = _BASES[word]
    levels: set[Level] = set()
    up = False
    for item in spec:
        if item == "M":
            levels.add(jurisdiction.city_word_level() if jurisdiction else Level.CITY)
        elif item == "up":
            up = True
        else:
            assert isinstance(item, Level)
            levels.add(item)
    return levels, up


def _and_above(levels: set[Level]) -> set[Level]:
    lowest = max(levels, key=lambda lv: lv.rank)
    return {lv for lv in _LOCAL_ORDER if lv.rank <= lowest.rank} | (levels & {Level.NATIONAL})


@functools.lru_cache(maxsize=8192)
def parse_level(text: str, jurisdiction: Jurisdiction | None = None) -> LevelScope | None:
    """The levels a level expression names, or None if ``text`` is not one.

    ``text`` may end with 人民政府 / 政府 (县级以上人民政府 parses as 县级以上).
    Same-level alternatives in brackets (县（市、区）) add nothing; 级以上 extends
    a level up to the province; 各级 is every local level.

    >>> parse_level("县级以上").code
    'county+'
    >>> parse_level("市、区", Jurisdiction("上海市", municipality=True)).code
    'province+county'
    """
    written = text.strip()
    body = _GOV_TAIL.sub("", written) or written
    if not body or not _LEVEL_FULL.fullmatch(body):
        return None
    levels: set[Level] = set()
    current: set[Level] = set()
    condition = relative = None
    own = False  # the levels so far are the jurisdiction itself (本市, 全省)
    up = False  # …以上: from a level up
    for m in _TOKEN.finditer(body):
        kind = m.lastgroup
        if kind == "cond":
            condition = m.group()
        elif kind == "rel":
            relative = _RELATIVE_CODES[m.group()]
        elif kind == "allp" and (not levels or own):
            # 各级 alone (or 本市各级) is every level; after 县级以上地方 it is "each of those".
            current = set(LOCAL_LEVELS)
            levels |= current
        elif kind == "base":
            own = m.start() > 0 and body[m.start() - 1] in "本全" and not levels
            current, unit_up = _unit_levels(m.group(), jurisdiction)
            if unit_up:
                current = _and_above(current)
                up = True
            levels |= current
        elif kind == "up" and current:
            current = _and_above(current)
            levels |= current
            up = True
        # "down" (以下) keeps the unit itself: 县级以下 is read as the county's own level.
    if up and jurisdiction is not None and jurisdiction.is_national and "地方" not in written:
        # In a national law 县级以上人民政府 includes the State Council; 县级以上地方 does not.
        levels.add(Level.NATIONAL)
    if relative and not levels:
        return LevelScope(frozenset(), written, condition, relative)
    if not levels:
        return None
    return LevelScope(frozenset(levels), written, condition, None)


def _level_token_trie() -> dict:
    words = [*_BASES, *_PREFIXES, *_CONNECTORS, *_CONDITIONS, *_RELATIVE_CODES,
             "级", "以上", "以下", "级以上", "级以下", "地方", "各级", "地方各级"]
    root: dict = {}
    for w in set(words):
        node = root
        for ch in reversed(w):
            node = node.setdefault(ch, {})
        node[""] = True
    return root


_LEVEL_TOKENS = _level_token_trie()
_LEVEL_PAREN = re.compile(rf"[（(](?:{_BASE_RX}|、)+[）)]")
_CLOSERS = {"）": "（", ")": "("}


def level_tail(text: str, end: int, lo: int = 0, window: int = 40) -> int | None:
    """Where the longest level expression ending exactly at ``end`` starts, or None.

    Walks back over level words (县, 级以上, 、, （市、区）…) as far as they go,
    then takes the leftmost word boundary from which the words form a level
    expression. Work is bounded by ``window``.
    """
    if end <= lo or text[end - 1] not in LEVEL_TAIL_CHARS:
        return None
    limit = max(lo, end - window)
    bounds = [end]
    i = end
    while i > limit:
        ch = text[i - 1]
        if ch in _CLOSERS:
            j = text.rfind(_CLOSERS[ch], max(limit, i - 14), i - 1)
            if j >= limit and _LEVEL_PAREN.fullmatch(text, j, i):
                i = j
                bounds.append(i)
                continue
            break
        node: dict[str, Any] | None = _LEVEL_TOKENS
        k = i
        found = None
        while k > limit and node is not None:
            node = node.get(text[k - 1])
            if node is None:
                break
            k -= 1
            if "" in node:
                found = k
        if found is None:
            break
        i = found
        bounds.append(i)
    for start in reversed(bounds):
        if start < end and _LEVEL_FULL.fullmatch(text, start, end):
            return start
    return None


# --- jurisdictions ------------------------------------------------------------


@attrs.frozen(slots=True)
class _Place:
    province: str
    municipality: bool
    city: str | None


@functools.cache
def _places() -> tuple[tuple[str, _Place], ...]:
    """Place-name prefixes (full and short forms), longest first."""
    raw = tomllib.loads(resources.files("qpr.data").joinpath("places.toml").read_text(encoding="utf-8"))
    out: dict[str, _Place] = {}
    for prov in raw["province"]:
        name, muni = prov["name"], bool(prov.get("municipality", False))
        place = _Place(name, muni, None)
        for form in (name, *prov.get("short", [])):
            out.setdefault(form, place)
        for entry in prov.get("cities", []):
            city, *shorts = entry.split("|")
            cplace = _Place(name, False, city)
            for form in (city, *shorts):
                out.setdefault(form, cplace)
        for district in prov.get("districts", []):
            # A municipality's districts: their texts are the municipality's.
            out.setdefault(district, place)
    return tuple(sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0])))


_NATIONAL_TITLE = re.compile(r"^(?:中华人民共和国|全国人民代表大会|国务院|最高人民法院|最高人民检察院)")


def jurisdiction_from_title(title: str) -> Jurisdiction | None:
    """Whose regulation a title names, from the place it starts with.

    "北京市…条例" is a municipality; "四川省…" the province of Sichuan;
    "深圳经济特区…" or "东莞市…" a city of 广东省; "中华人民共和国…法" national.
    None when the title starts with no known place.
    """
    title = re.sub(r"^[#\s]+", "", title).strip()
    if _NATIONAL_TITLE.match(title):
        return Jurisdiction(None)
    for form, place in _places():
        if title.startswith(form):
            return Jurisdiction(place.province, place.municipality, place.city)
    return None
