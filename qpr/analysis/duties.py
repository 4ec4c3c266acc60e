"""Questions planners ask of the duties: what binds this body, at this level?"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Union

import numpy as np
import pandas as pd

from qpr.actors.model import Kind
from qpr.actors.registry import Registry
from qpr.duties.frame import to_frame
from qpr.duties.model import Duty, Reading

__all__ = ["LEVELS", "DutySource", "binds_mask", "duties_for", "kind_mask", "level_binds", "provision_key", "source_duties",
           "source_registry"]

#: Local levels from the top; a code "county+" covers the first three.
LEVELS = ("province", "city", "county", "township")


def level_binds(code: str | None, level: str) -> bool:
    """Whether a duty whose level code is ``code`` falls on a body at ``level``.

    ``level_binds("county+", "county")`` is True, ``level_binds("city+", "county")``
    False; "all" binds every level; ``a+b`` codes bind exactly a and b.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    if not isinstance(code, str) or not code:
        return False
    if code == "all":
        return True
    if code.endswith("+") and code[:-1] in LEVELS:
        return LEVELS.index(level) <= LEVELS.index(code[:-1])
    return level in code.split("+")


def provision_key(frame: pd.DataFrame) -> pd.Series:
    """One string per row naming its provision ("6/1/1", "5/2/"), for grouping."""
    item = frame["item"].astype("string").fillna("")
    return frame["article"].astype("string") + "/" + frame["paragraph"].astype("string") + "/" + item


def binds_mask(levels: pd.Series, level: str) -> pd.Series:
    """Vectorised :func:`level_binds` over a column of level codes (one call per distinct code)."""
    binding = [code for code in levels.dropna().unique() if level_binds(code, level)]
    return levels.isin(binding)  # a missing level binds no one, and no float NaN column needs filling


def _kinds(kind: str | Iterable[str] | None) -> frozenset[Kind] | None:
    from qpr.actors.kinds import kinds_asked

    if kind is None:
        return None
    queries = [kind] if isinstance(kind, str) else list(kind)
    return frozenset().union(*(kinds_asked(q) for q in queries))


def kind_mask(frame: pd.DataFrame, kinds: frozenset[Kind], registry: Registry) -> pd.Series:
    """Rows whose party is of one of ``kinds`` (decided once per distinct party)."""
    from qpr.actors.kinds import party_kind

    pairs = frame[["actor_id", "actor"]].astype(object).where(frame[["actor_id", "actor"]].notna(), None)
    keys = list(zip(pairs["actor_id"], pairs["actor"]))
    verdict = {key: party_kind(key[0], key[1], registry) in kinds for key in set(keys)}
    return pd.Series([verdict[k] for k in keys], index=frame.index, dtype=bool)


#: What the analysis functions accept: a Reading (which knows its registry), duties, or their frame.
DutySource = Union[Reading, Iterable[Duty], pd.DataFrame]


def source_registry(source: object, registry: Registry | None) -> Registry:
    """The registry to resolve names with: the one given, else the reading's own, else the built-in one.

    A Reading keeps the registry it was read with, the regulation's defined
    terms (以下简称…) included, so a name it defined resolves.
    """
    if registry is not None:
        return registry
    if isinstance(source, Reading) and source.registry is not None:
        return source.registry
    from qpr.actors.registry import registry as builtin_registry

    return builtin_registry()


def source_duties(source: DutySource) -> Iterable[Duty] | pd.DataFrame:
    """The duties of a Reading, or the duties or frame as given."""
    return source.duties if isinstance(source, Reading) else source


def duties_for(duties: DutySource, actor: str | None = None, *, actor_ids: Iterable[str] | None = None,
               level: str | None = None, roles: Iterable[str] | None = None, kind: str | Iterable[str] | None = None,
               registry: Registry | None = None, within: str | None = None) -> pd.DataFrame:
    """The duties rows that bind an actor at ``level``, each with who else shares its provision.

    ``duties_for(reading, "市场监管部门", level="county")`` answers "what must a
    county market regulator do?": ``actor`` is any name or alias the registry
    knows, the reading's own defined terms included (an unknown one raises
    UnknownActorError with suggestions); ``actor_ids`` selects by registry ids
    instead. ``kind`` selects parties by kind instead of by name: a kind code
    (``department``, ``public`` …) or a group (``enterprise``: 企业 and 经营者,
    ``government``: governments, departments, vertical agencies; see
    :mod:`qpr.actors.kinds`), several as a list; a party the registry does not
    list counts by how its name ends (管道燃气经营者 is a business). Filters
    narrow one another. ``shared_with`` lists the other bearers and partners of
    the same provision, so a department sees the duties it holds jointly as well
    as alone. For a frame of many regulations, ``within`` names the column
    that tells them apart (``file``), so that provisions are shared only inside
    one: one call then serves a whole corpus.
    """
    wanted = _kinds(kind)
    if actor is not None:
        found = source_registry(duties, registry).lookup(actor).id
        actor_ids = {found} if actor_ids is None else {*actor_ids, found}
    given = source_duties(duties)
    frame = given.copy() if isinstance(given, pd.DataFrame) else to_frame(given)
    if frame.empty:
        frame["shared_with"] = []
        return frame
    provision = provision_key(frame)
    if within is not None:
        provision = frame[within].astype("string") + "|" + provision
    mask = pd.Series(True, index=frame.index)
    if actor_ids is not None:
        ids = set(actor_ids)
        mask &= frame["actor_id"].isin(ids)
    if level is not None:
        mask &= binds_mask(frame["level"], level)
    if roles is not None:
        mask &= frame["role"].isin(list(roles))
    if wanted is not None:
        mask &= kind_mask(frame, wanted, source_registry(duties, registry))
    out = frame[mask].copy()
    # Co-holders of each selected provision (bearers and partners with a named actor), in text order.
    keys = provision.to_numpy(dtype=object)
    chosen = mask.to_numpy(dtype=bool)
    holding = (frame["role"].isin(["bearer", "partner"]) & frame["actor"].notna()).to_numpy(dtype=bool)
    if not chosen.all():  # only the provisions of the rows chosen (a set: arrow strings' isin is slow)
        chosen_keys = set(keys[chosen])
        holding = holding & np.array([k in chosen_keys for k in keys], dtype=bool)
    holders: dict[str, dict[str, None]] = {}
    for prov, name in zip(keys[holding], frame["actor"].to_numpy(dtype=object)[holding]):
        holders.setdefault(prov, {})[name] = None
    out["shared_with"] = [[a for a in holders.get(prov, ()) if a != actor]
                          for prov, actor in zip(keys[chosen], out["actor"])]
    return out.reset_index(drop=True)
