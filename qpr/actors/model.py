"""The records of the actor registry: actors, and what a text's mention of them resolves to.

Records are frozen and slotted and hold plain values only (ids, names,
offsets), never a reference to the registry or the text: they pickle, compare
and hash simply.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from qpr.actors.levels import Level, LevelScope

__all__ = ["Actor", "ActorRef", "FormerName", "Kind", "Match", "Mention", "Resolution"]


class Kind(enum.Enum):
    """What sort of party an actor is.

    The first three are the government proper: the people's governments
    (人民政府), their departments and other bodies (工作部门, 议事协调机构,
    派出机构, 事业单位 with public powers) and the vertically managed agencies
    (垂直管理: 海关, 税务, 金融监管 …), which sit in a place but answer upwards.
    """

    GOVERNMENT = ("government", "人民政府", True)
    DEPARTMENT = ("department", "政府部门和其他政府机构", True)
    VERTICAL = ("vertical", "垂直管理机构", True)
    LEGISLATIVE = ("legislative", "人民代表大会及其常务委员会", False)
    SUPERVISORY = ("supervisory", "监察机关", False)
    JUDICIAL = ("judicial", "审判机关和检察机关", False)
    PARTY = ("party", "党的机关和政协", False)
    MILITARY = ("military", "军队和武装力量", False)
    MASS_ORGANIZATION = ("mass-organization", "人民团体和群团组织", False)
    SELF_GOVERNING = ("self-governing", "基层群众性自治组织", False)
    DISPUTE = ("dispute", "仲裁和调解组织", False)
    ENTERPRISE = ("enterprise", "企业", False)
    BUSINESS = ("business", "生产者、销售者和经营者", False)
    ASSOCIATION = ("association", "行业协会和社会组织", False)
    ACADEMIC = ("academic", "高等院校和科研机构", False)
    TESTING = ("testing", "检验检测、认证和鉴定机构", False)
    FINANCIAL = ("financial", "金融机构", False)
    MEDIA = ("media", "媒体", False)
    INSTITUTION = ("institution", "事业单位和其他组织", False)
    PUBLIC = ("public", "公众和个人", False)
    INTERNAL = ("internal", "单位内部机构", False)
    OPEN = ("open", "不特定的有关方", False)

    def __init__(self, code: str, zh: str, government: bool) -> None:
        self.code = code
        self.zh = zh
        self.government = government

    @property
    def state(self) -> bool:
        """An organ of the state or the Party (whose stems take department suffixes)."""
        return self.government or self in _STATE_KINDS

    @classmethod
    def from_code(cls, code: str) -> Kind:
        for kind in cls:
            if kind.code == code:
                return kind
        raise ValueError(f"unknown kind {code!r}; expected one of {', '.join(k.code for k in cls)}")


_STATE_KINDS = frozenset({Kind.LEGISLATIVE, Kind.SUPERVISORY, Kind.JUDICIAL, Kind.PARTY, Kind.MILITARY})


@attrs.frozen(slots=True)
class FormerName:
    """A name an actor used to have, and the year it stopped being current.

    ``stem`` is True for a bare stem (环境保护) that took the department
    suffixes (环境保护部门, 环境保护局 …), False for a complete name (银保监会).
    """

    name: str
    until: int
    stem: bool = True
    note: str | None = None


def _tuple(value: object) -> tuple:
    return tuple(value)  # type: ignore[arg-type]


def _level_set(levels: Iterable[Level]) -> frozenset[Level]:
    return frozenset(levels)


@attrs.frozen(slots=True)
class Actor:
    """A party a regulation can oblige, permit, forbid or encourage.

    ``stems`` are bare forms that name the actor only with a suffix from
    ``suffixes`` (市场监管 + 部门 / 局 / 主管部门 …), or inside a list closed by
    one (发展改革、市场监管等部门). ``aliases`` are complete names that stand
    alone; ``weak_aliases`` stand alone only after a boundary. ``levels`` are the levels of government at which the actor exists:
    a department has the levels of the government it belongs to.
    """

    id: str
    name: str
    name_en: str
    kind: Kind
    levels: frozenset[Level] = attrs.field(default=frozenset(), converter=_level_set)
    stems: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    #: Complete names that count only after a boundary (punctuation or a
    #: function word): 主管部门 in 由主管部门, not in 供销合作社主管部门.
    weak_aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    history: tuple[FormerName, ...] = attrs.field(default=(), converter=_tuple)
    suffixes: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    note: str | None = None
    #: The actor a text means when it puts this one under a local people's
    #: government (县级以上人民政府金融监管部门 is the local financial regulator).
    local_counterpart: str | None = None
    #: Actor ids this actor's names own when written right before theirs
    #: (人民政府 owns any government body: "*"; 常务委员会 its 工作机构).
    owns: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    #: A class of organs at every level (行政机关, 国家机关): with no level word
    #: it binds all of them, not the level the article speaks of.
    every_level: bool = False
    #: Where the entry came from: "builtin", a file name, or "defined" for a
    #: term a regulation defined (以下简称…).
    source: str = "builtin"
    #: (level code, ending) pairs: what the body's unit at that level is called
    #: after its stem (("county", "局"), ("province", "厅")); see :meth:`unit_ending`.
    units: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_tuple)

    def unit_ending(self, level: str) -> str | None:
        """What this body's unit at ``level`` ("province", "county" …) ends with after its stem, if known."""
        return dict(self.units).get(level)

    @property
    def is_government(self) -> bool:
        """Part of the government proper: a people's government, a department, a vertical agency.

        The open actor 有关部门 counts too (it exists at government levels);
        有关单位 does not.
        """
        if self.kind is Kind.OPEN:
            return bool(self.levels)
        return self.kind.government

    @property
    def names(self) -> tuple[str, ...]:
        """Every complete name the actor answers to, current ones first."""
        out = [self.name, *self.aliases, *self.weak_aliases]
        out += [s + suffix for s in self.stems for suffix in self.suffixes[:1]]
        out += [f.name for f in self.history if not f.stem]
        out += [f.name + self.suffixes[0] for f in self.history if f.stem and self.suffixes]
        return tuple(dict.fromkeys(out))


@attrs.frozen(slots=True)
class ActorRef:
    """One actor as a text names it: the form written, and who that is today.

    ``renamed`` is the year the written name went out of use when the text
    used a former name (环境保护部门 -> 生态环境部门, 2018), else None.
    ``levels`` is the level scope that applies to this actor in the mention:
    the prefix's scope for a government body under it, an actor's own fixed
    level (街道办事处 is township), None for parties outside government.
    """

    actor_id: str
    written: str
    name: str
    renamed: int | None = None
    levels: LevelScope | None = None


@attrs.frozen(slots=True)
class Resolution:
    """What a mention names: actors in text order, their level scope, what is left open.

    ``open_list`` is the marker that leaves a list open (等 in 发展改革、财政等部门,
    等有关 in 市场监督管理等有关部门, 有关 in 有关部门), None for a closed list.
    ``unresolved`` holds the names the registry could not place.
    """

    actors: tuple[ActorRef, ...]
    levels: LevelScope | None = None
    open_list: str | None = None
    unresolved: tuple[str, ...] = ()

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return tuple(ref.actor_id for ref in self.actors)

    @property
    def resolved(self) -> bool:
        """True when every name in the mention was placed."""
        return bool(self.actors) and not self.unresolved

    def binds(self, actor_id: str, level: Level | None = None) -> bool:
        """Whether the mention names ``actor_id`` (at ``level``, when given).

        ``binds("market-regulation", Level.COUNTY)`` answers "does this bind a
        county market regulator"; a name with no level scope binds at no
        particular level and so only matches when ``level`` is None.
        """
        for ref in self.actors:
            if ref.actor_id != actor_id:
                continue
            if level is None:
                return True
            scope = ref.levels or self.levels
            if scope is not None and level in scope.levels:
                return True
        return False


@attrs.frozen(slots=True)
class Mention:
    """A span of text that names one or more parties, with what it resolves to.

    ``start`` and ``end`` are offsets into the text given to
    :meth:`Registry.mentions`; ``text`` is ``text[start:end]``.
    """

    start: int
    end: int
    text: str
    resolution: Resolution


@attrs.frozen(slots=True)
class Match:
    """How :meth:`Registry.explain` matched a name to an actor.

    ``how`` is one of ``id``, ``name``, ``alias``, ``stem`` (a stem with a
    suffix, 市场监管局), ``former`` (a name from the actor's history),
    ``defined`` (a term the regulation defined) or ``mention`` (the name
    carried a level prefix or owner, 省市场监督管理局, and was resolved as a
    mention). ``form`` is the registry form that matched.
    """

    query: str
    actor: Actor
    how: str
    form: str
    renamed: int | None = None
    levels: LevelScope | None = None
