"""What to call each body in a table: the regulation's own name, today's canonical one, or English.

A regulation names its bodies in its jurisdiction's words (the Sichuan draft's
经济和信息化部门 is the registry's 工业和信息化部门, its 科技部门 the 科学技术部门):
planners read a matrix or a 任务分工表 against the text, so by default a body
is shown as the regulation names it, one name per body (the name it uses most,
so 市场监督管理部门 and 市场监管部门 make one row), its registry id beside.

>>> import pandas as pd
>>> frame = pd.DataFrame({"actor": ["经济和信息化部门", "科技部门", None],
...                       "actor_id": ["industry-it", "science-technology", None],
...                       "actor_name": ["工业和信息化部门", "科学技术部门", None]})
>>> party_names(frame).tolist()
['经济和信息化部门', '科技部门', None]
>>> party_names(frame, names="canonical").tolist()
['工业和信息化部门', '科学技术部门', None]
>>> party_names(frame, lang="en").tolist()
['industry and information technology department', 'science and technology department', None]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import attrs
import pandas as pd

from qpr.actors.levels import Jurisdiction
from qpr.actors.model import Actor, Kind
from qpr.actors.registry import Registry
from qpr.duties.model import Duty, Provision
from qpr.errors import UnknownActorError

__all__ = ["NAME_STYLES", "NameFinding", "NameStyle", "check_name_style", "former_name", "naming_findings", "party_names",
           "regulation_names", "unit_name"]

#: What separates units in a 任务分工表 cell (qpr.plans reads them so).
_LIST_MARKS = re.compile(r"[、，,；;/]")
NameStyle = Literal["regulation", "canonical"]
NAME_STYLES: tuple[str, ...] = ("regulation", "canonical")


def check_name_style(names: str, lang: str) -> None:
    if names not in NAME_STYLES:
        raise ValueError(f"unknown names {names!r}; expected one of {', '.join(NAME_STYLES)}")
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")


def regulation_names(frame: pd.DataFrame, registry: Registry | None = None) -> dict[str, str]:
    """Each actor id -> the written name the duties use most for it (the first written, on a tie).

    A name must name its body and tell it from the others, as a 任务分工表 read
    back must: a written name the registry does not read back as the body
    (举办成人学历教育的学校, a description), one the text also uses for another
    body (机关 read as 国家机关 in one sentence and as a party the registry does
    not know in another) and one that reads as a list (企业、事业单位: a plan
    separates units with 、) are passed over for the body's next name, else
    its canonical one.
    """
    from qpr.actors.registry import registry as builtin_registry

    actors = registry or builtin_registry()
    named = frame[frame["actor_id"].notna() & frame["actor"].notna()]
    if named.empty:
        return {}
    # Names of parties the registry does not know are theirs alone.
    taken = set(frame.loc[frame["actor_id"].isna() & frame["actor"].notna(), "actor"])
    canonical = frame["actor_name"] if "actor_name" in frame.columns else frame["actor"]
    canonical_of = dict(zip(named["actor_id"], canonical[named.index].where(canonical[named.index].notna(),
                                                                             named["actor"])))
    counts = named.groupby(["actor_id", "actor"], sort=False).size().reset_index(name="n")
    # groupby(sort=False) keeps first-appearance order, and a stable sort keeps it among equal counts.
    counts = counts.sort_values("n", ascending=False, kind="stable")
    candidates: dict[str, list[str]] = {}
    for aid, written in counts[["actor_id", "actor"]].itertuples(index=False, name=None):
        candidates.setdefault(aid, []).append(written)
    chosen: dict[str, str] = {}
    for aid, names in candidates.items():
        free = [n for n in names if n not in taken and not _LIST_MARKS.search(n) and _reads_as(actors, n, aid)]
        chosen[aid] = free[0] if free else canonical_of[aid]
        taken.add(chosen[aid])
    return chosen


def party_names(frame: pd.DataFrame, *, names: NameStyle = "regulation", lang: str = "zh",
                registry: Registry | None = None) -> pd.Series:
    """One display name per duty row (None for a duty nobody is assigned to).

    ``names="regulation"`` gives each body the name the regulation uses most
    for it; ``"canonical"`` today's canonical name (生态环境部门 for a text's
    环境保护部门), which is the one to use across many regulations at once.
    ``lang="en"`` gives the registry's English name instead, for every body the
    registry knows (a party it does not know keeps its Chinese name).
    """
    check_name_style(names, lang)
    written = frame["actor"]
    if lang == "en":
        from qpr.actors.registry import registry as builtin_registry

        actors = registry or builtin_registry()
        english = {aid: actor.name_en for aid in frame["actor_id"].dropna().unique()
                   if (actor := actors.get(aid)) is not None}
        return _text(frame["actor_id"].map(english).where(frame["actor_id"].isin(list(english)), written))
    if names == "canonical":
        canonical = frame["actor_name"] if "actor_name" in frame.columns else written
        return _text(canonical.where(canonical.notna(), written))
    own = regulation_names(frame, registry)
    return _text(frame["actor_id"].map(own).where(frame["actor_id"].isin(list(own)), written))


def _text(names: pd.Series) -> pd.Series:
    """Names as plain Python objects, None where there is no name (whatever string dtype pandas chose)."""
    out = names.astype(object)
    return out.where(out.notna(), None)


# -- names a drafter should look at -------------------------------------------------------------


@attrs.frozen(slots=True)
class NameFinding:
    """A body the draft names by a name no longer current, or by two names.

    ``kind`` is ``outdated-name`` (``written`` went out of use in ``until``;
    today the body is ``current``) or ``inconsistent-name`` (``written`` and
    the ``others`` name one body; ``current`` is the name the draft uses
    most, the one to keep). ``provision`` is where ``written`` first stands,
    ``provisions`` every provision that uses it.
    """

    kind: str
    provision: Provision
    actor_id: str
    written: str
    current: str
    text: str
    provisions: tuple[Provision, ...] = ()
    until: int | None = None
    others: tuple[str, ...] = ()


def former_name(actors: Registry, written: str) -> tuple[int, str] | None:
    """``(until, today's name)`` when ``written`` is a name the body no longer has (环境保护部门 -> 2018, 生态环境部门)."""
    try:
        match = actors.explain(written)
    except UnknownActorError:
        return None
    if match.how != "former" or match.renamed is None:
        return None
    return match.renamed, match.actor.name


def naming_findings(duties: Iterable[Duty], actors: Registry) -> list[NameFinding]:
    """Former names, and government bodies named two ways, in one regulation's duties.

    Two names count as two ways of naming one body when one is a short form
    of the other (市场监管 and 市场监督管理, 科技 and 科学技术, 发展改革 and
    发展和改革, with characters left out inside it): a different suffix
    (主管部门 for 部门), words added at one end, or a body named by its task
    (燃气主管部门 for the housing department) is not flagged, nor a term the
    regulation defines for itself (以下简称…).
    """
    uses: dict[tuple[str, str], list[Duty]] = {}
    order: dict[Provision, int] = {}
    for d in duties:
        order.setdefault(d.provision, len(order))
        if d.actor and d.actor_id:
            uses.setdefault((d.actor_id, d.actor), []).append(d)
    out: list[NameFinding] = []
    current_names: dict[str, list[tuple[str, str, list[Duty]]]] = {}
    for (aid, written), found in uses.items():
        provisions = tuple(dict.fromkeys(d.provision for d in found))
        renamed = former_name(actors, written)
        if renamed is not None:
            out.append(NameFinding("outdated-name", provisions[0], aid, written, renamed[1], found[0].action,
                                   provisions, until=renamed[0]))
            continue
        actor = actors.get(aid)
        if actor is None or actor.kind not in (Kind.DEPARTMENT, Kind.VERTICAL):
            continue
        stem = _name_stem(actors, written)
        if stem is not None:
            current_names.setdefault(aid, []).append((written, stem, found))
    for aid, named in current_names.items():
        if len({stem for _, stem, _ in named}) < 2:
            continue
        # The name used most is the one to keep; each other name that is a short or long form of it is flagged.
        keep, keep_stem, _ = max(named, key=lambda n: len(n[2]))
        for written, stem, found in named:
            if stem == keep_stem or not (_abbreviates(stem, keep_stem) or _abbreviates(keep_stem, stem)):
                continue
            provisions = tuple(dict.fromkeys(d.provision for d in found))
            out.append(NameFinding("inconsistent-name", provisions[0], aid, written, keep, found[0].action,
                                   provisions, others=tuple(n for n, _, _ in named if n != written)))
    return sorted(out, key=lambda f: (f.kind, order[f.provision], f.written))


def _name_stem(actors: Registry, written: str) -> str | None:
    """The body's name in ``written`` without its suffix (市场监管 in 市场监管部门); None for a defined term.

    The longest registry stem the name is made of (市场监督管理 + 部门, not 市场
    + 监督管理部门), else the name without its shortest suffix.
    """
    try:
        match = actors.explain(written)
    except UnknownActorError:
        return None
    if match.how == "defined":
        return None
    actor = match.actor
    made_of = [stem for stem in actor.stems if written.startswith(stem) and written[len(stem):] in actor.suffixes]
    if made_of:
        return max(made_of, key=len)
    if match.how in ("stem", "former"):
        return match.form
    suffixes = [s for s in actor.suffixes if written.endswith(s) and len(written) > len(s)]
    return written[: -len(min(suffixes, key=len))] if suffixes else written


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with characters left out inside it, in order (市场监管 of 市场监督管理).

    A name that only adds words at one end (城市管理 and 城市管理综合行政执法,
    市场监督管理 and 市场监督管理行政) is a different body or a longer suffix, not a short form.
    """
    if len(short) >= len(long) or len(short) < 2 or long.startswith(short) or long.endswith(short):
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)


# -- units as a level has them -------------------------------------------------------------------

#: What a level's units are prefixed with (县人民政府, 县市场监督管理局).
_LEVEL_PREFIX = {"province": "省", "city": "市", "county": "县", "township": "乡镇"}
#: In a municipality (直辖市) the provincial level is 市 and its counties are districts.
_MUNICIPALITY_PREFIX = {"province": "市", "city": "市", "county": "区", "township": "乡镇"}
_GOVERNMENT_ID = "people-government"


def unit_name(name: str, actor_id: str | None, level: str, actors: Registry,
              jurisdiction: Jurisdiction | None = None) -> str:
    """What the body the regulation calls ``name`` is called at ``level``: 县人民政府, 县经济和信息化局.

    A department's unit is the level's prefix, the body's name without its
    suffix as the regulation writes it (经济和信息化, 科技) and the ending its
    unit has at that level (actors.toml's ``units``: 省…厅, 市…局, 县…局,
    省市场监督管理局); a former name gives way to today's (县生态环境局 for
    环境保护部门). Parties outside government, open ones (有关部门), vertical
    agencies and a name that would not read back as the same body keep ``name``.
    """
    actor = actors.get(actor_id) if actor_id else None
    if actor is None:
        return name
    prefix = (_MUNICIPALITY_PREFIX if jurisdiction is not None and jurisdiction.municipality else _LEVEL_PREFIX)[level]
    if actor.id == _GOVERNMENT_ID:
        return prefix + actor.name
    ending = actor.unit_ending(level)
    if actor.kind is not Kind.DEPARTMENT or ending is None:
        return name
    written = actor.name if former_name(actors, name) is not None else name
    stem = _unit_stem(written, actor) or _unit_stem(actor.name, actor)
    if stem is None:
        return name
    unit = prefix + stem + ending
    return unit if _names_body(actors, unit, actor, jurisdiction) else name


def _unit_stem(name: str, actor: Actor) -> str | None:
    """The longest stem of ``actor`` that ``name`` is made of with one of its suffixes (市场监督管理 + 部门)."""
    made_of = [stem for stem in actor.stems if name.startswith(stem) and name[len(stem):] in actor.suffixes]
    return max(made_of, key=len) if made_of else None


def _names_body(actors: Registry, unit: str, actor: Actor, jurisdiction: Jurisdiction | None) -> bool:
    """Whether ``unit`` reads back as ``actor`` (or the local body a vertical name stands for)."""
    return _reads_as(actors, unit, actor.id, jurisdiction)


def _reads_as(actors: Registry, name: str, actor_id: str, jurisdiction: Jurisdiction | None = None) -> bool:
    """Whether the registry reads ``name`` as the one body ``actor_id`` (a vertical agency's name standing for
    its local counterpart counts: 金融监管部门 under a local government is the local financial regulator)."""
    found = actors.resolve(name, jurisdiction)
    if len(found.actors) != 1 or found.unresolved:
        return False
    other = actors.get(found.actors[0].actor_id)
    return other is not None and actor_id in (other.id, other.local_counterpart)
