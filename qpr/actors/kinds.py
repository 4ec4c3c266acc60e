"""Questions by kind of party: what a compliance officer's "enterprises" or a planner's "government" means.

A query is a kind code (``department``, ``public`` …) or one of the groups in
actors.toml's ``[kind_groups]`` (``enterprise`` is 企业 and 生产者、销售者和经营者,
``government`` the government proper). A party the registry does not list
gets a kind from how its name ends (``[unlisted_kinds]``: 管道燃气经营者 is a
business), so that it is not lost to a question by kind.

>>> sorted(k.code for k in kinds_asked("enterprise"))
['business', 'enterprise']
>>> party_kind(None, "管道燃气经营者").code
'business'
"""

from __future__ import annotations

import difflib
import functools

from qpr.actors.model import Kind
from qpr.actors.registry import Registry, _builtin_document
from qpr.actors.registry import registry as builtin_registry

__all__ = ["kind_queries", "kinds_asked", "party_kind"]


@functools.cache
def _groups() -> dict[str, frozenset[Kind]]:
    doc = _builtin_document()[0]
    return {name: frozenset(Kind.from_code(c) for c in codes) for name, codes in doc.kind_groups.items()}


@functools.cache
def _endings() -> tuple[tuple[str, Kind], ...]:
    doc = _builtin_document()[0]
    pairs = [(ending, Kind.from_code(code)) for code, endings in doc.unlisted_kinds.items() for ending in endings]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))  # the longest ending decides


def kind_queries() -> tuple[str, ...]:
    """Every query :func:`kinds_asked` takes: the groups, then the kind codes."""
    return tuple(dict.fromkeys([*_groups(), *(k.code for k in Kind)]))


def kinds_asked(query: str) -> frozenset[Kind]:
    """The kinds a query names: a group of actors.toml's [kind_groups], else one kind code.

    Raises ValueError naming the nearest queries for one that names nothing.
    """
    groups = _groups()
    if query in groups:
        return groups[query]
    try:
        return frozenset({Kind.from_code(query)})
    except ValueError:
        near = difflib.get_close_matches(query, kind_queries(), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else f"; expected one of {', '.join(kind_queries())}"
        raise ValueError(f"unknown kind {query!r}{hint}") from None


def party_kind(actor_id: str | None, name: str | None, registry: Registry | None = None) -> Kind | None:
    """The kind of a duty's party: its registry actor's, else the one its name's ending gives."""
    if actor_id is not None:
        actor = (registry or builtin_registry()).get(actor_id)
        if actor is not None:
            return actor.kind
    if not name:
        return None
    for ending, kind in _endings():
        if name.endswith(ending):
            return kind
    return None
