"""The actor registry: who a regulation's duties fall on, at which level of government.

``registry()`` is the built-in registry; see :class:`Registry` for its verbs.
"""

from __future__ import annotations

from qpr.actors.levels import (
    Jurisdiction,
    Level,
    LevelScope,
    jurisdiction_from_title,
    parse_level,
)
from qpr.actors.model import (
    Actor,
    ActorRef,
    FormerName,
    Kind,
    Match,
    Mention,
    Resolution,
)
from qpr.actors.registry import OnConflict, Registry, load_registry, registry

__all__ = [
    "Actor",
    "ActorRef",
    "FormerName",
    "Jurisdiction",
    "Kind",
    "Level",
    "LevelScope",
    "Match",
    "Mention",
    "OnConflict",
    "Registry",
    "Resolution",
    "jurisdiction_from_title",
    "load_registry",
    "parse_level",
    "registry",
]
