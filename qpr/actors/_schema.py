"""Reading actor registry files: TOML in, validated by pydantic, attrs records out.

pydantic checks each entry at the boundary and its errors are turned into a
:class:`~qpr.errors.RegistryError` that names the file, the line of the entry
and the entry's id, so a person editing the file can go straight to it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from qpr.actors.levels import Level
from qpr.actors.model import Actor, FormerName, Kind
from qpr.errors import RegistryError

__all__ = ["RegistryDocument", "parse_document", "read_document"]

_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A name is Chinese text (with the odd Latin letter or digit, 12345热线), no spaces.
_NAME = re.compile(r"^[^\s，。；：,;:]+$")
_KIND_CODES = tuple(k.code for k in Kind)
_LEVEL_CODES = tuple(lv.code for lv in Level)


def _check_names(values: list[str], what: str) -> list[str]:
    seen: set[str] = set()
    for v in values:
        if not _NAME.match(v):
            raise ValueError(f"{what} {v!r} must be a name without spaces or punctuation")
        if v in seen:
            raise ValueError(f"{what} {v!r} is listed twice")
        seen.add(v)
    return values


class FormerModel(BaseModel):
    """Former names of an actor, current until a year (a reorganisation, a rename)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stems: list[str] = []
    aliases: list[str] = []
    until: int = Field(ge=1949, le=2100)
    note: str | None = None

    @field_validator("stems", "aliases")
    @classmethod
    def _names(cls, v: list[str]) -> list[str]:
        return _check_names(v, "former name")

    @model_validator(mode="after")
    def _not_empty(self) -> FormerModel:
        if not self.stems and not self.aliases:
            raise ValueError("a former entry needs at least one of stems or aliases")
        return self


class ActorModel(BaseModel):
    """One ``[[actor]]`` entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    #: In a user's file: add these forms to the built-in actor with this id
    #: instead of defining a new one.
    extends: bool = False
    name: str | None = None
    name_en: str | None = None
    kind: Literal[_KIND_CODES] | None = None  # type: ignore[valid-type]
    levels: list[Literal[_LEVEL_CODES]] = []  # type: ignore[valid-type]
    stems: list[str] = []
    suffixes: str | list[str] | None = None
    aliases: list[str] = []
    weak_aliases: list[str] = []
    former: list[FormerModel] = []
    local_counterpart: str | None = Field(default=None, pattern=_ID)
    #: Actor ids this actor's names may own when written right before them
    #: (人民政府 + 财政部门, 常务委员会 + 法制工作委员会); "*" for any government body.
    owns: list[str] = []
    #: A class of organs at every level (行政机关): written without a level word it means all of them.
    every_level: bool = False
    #: What the body's unit at a level is called after its stem, where it is not the
    #: document's [units] default (省市场监督管理局, not 厅): {province = "局"}.
    units: dict[Literal[_LEVEL_CODES], str] = {}  # type: ignore[valid-type]
    note: str | None = None

    @field_validator("owns")
    @classmethod
    def _owns(cls, v: list[str]) -> list[str]:
        for item in v:
            if item != "*" and not re.match(_ID, item):
                raise ValueError(f"owns entry {item!r} must be an actor id or \"*\"")
        return v

    @field_validator("stems", "aliases", "weak_aliases")
    @classmethod
    def _names(cls, v: list[str]) -> list[str]:
        return _check_names(v, "name")

    @field_validator("name")
    @classmethod
    def _name(cls, v: str | None) -> str | None:
        if v is not None:
            _check_names([v], "name")
        return v

    @model_validator(mode="after")
    def _complete(self) -> ActorModel:
        if not self.extends:
            missing = [f for f in ("name", "name_en", "kind") if getattr(self, f) is None]
            if missing:
                raise ValueError(f"a new actor needs {', '.join(missing)} (or extends = true to add to an existing one)")
        return self


class NameBoundsModel(BaseModel):
    """How far back a name read by its generic word (…主管部门) runs."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    #: Two-character words whose characters would otherwise end the name (许可 in 许可证).
    inside: list[str] = []
    #: Verbs a name never runs across (建立 in 建立…联席会议).
    verbs_before: list[str] = []
    #: Words no name an unknown list member or a generic word's task is read from ever holds.
    never_inside: list[str] = []


class RegistryDocument(BaseModel):
    """A whole registry file: suffix classes and actors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    #: Named suffix classes: the words a stem takes to make a complete name.
    suffixes: dict[str, list[str]] = {}
    #: Words that end like a party's name but name none (文物保护单位 is a
    #: listed heritage site, 计量单位 a unit of measure): never mentions.
    not_actors: list[str] = []
    #: Generic words that name a body the registry does not list by what it
    #: is for (会展业 + 主管部门, 交通建设工程造价 + 管理机构), each to the actor
    #: id of that kind of body.
    generic: dict[str, list[str]] = {}
    #: Where a name read back from a generic word stops (see actors.toml).
    name_bounds: NameBoundsModel = Field(default_factory=lambda: NameBoundsModel())
    #: What a department's unit at each level is called after its stem (省…厅, 市…局, 县…局).
    units: dict[Literal[_LEVEL_CODES], str] = {}  # type: ignore[valid-type]
    #: A question by kind wider than one kind (enterprise: enterprise and business).
    kind_groups: dict[str, list[Literal[_KIND_CODES]]] = {}  # type: ignore[valid-type]
    #: Kind code -> name endings that give a party the registry does not list that kind.
    unlisted_kinds: dict[Literal[_KIND_CODES], list[str]] = {}  # type: ignore[valid-type]
    actor: list[ActorModel] = []

    @field_validator("not_actors")
    @classmethod
    def _not_actor_names(cls, v: list[str]) -> list[str]:
        return _check_names(v, "not_actors word")

    @field_validator("suffixes")
    @classmethod
    def _suffix_names(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for key, words in v.items():
            _check_names(words, f"suffix in class {key!r}")
        return v


@attrs.frozen(slots=True)
class Entry:
    """A validated entry with where it came from, for error messages."""

    model: ActorModel
    source: str
    line: int | None


def _entry_lines(text: str) -> list[int]:
    """Line numbers (1-based) of each ``[[actor]]`` header, in order."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("[[actor]]")]


def _describe(error: ValidationError) -> tuple[int | None, str]:
    """(index of the failing actor entry or None, one-line message)."""
    first = error.errors()[0]
    loc = list(first["loc"])
    index = None
    if len(loc) >= 2 and loc[0] == "actor" and isinstance(loc[1], int):
        index = loc[1]
        loc = loc[2:]
    where = ".".join(str(p) for p in loc)
    msg = first["msg"]
    if first["type"] == "literal_error":
        msg = f"got {first.get('input')!r}; {msg.lower()}"
    more = len(error.errors()) - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return index, (f"field {where!r}: {msg}" if where else msg) + extra


def parse_document(data: Mapping[str, Any], *, source: str, text: str | None = None) -> tuple[RegistryDocument, list[Entry]]:
    """Validate a decoded registry document; raise RegistryError naming file and entry."""
    lines = _entry_lines(text) if text is not None else []
    try:
        doc = RegistryDocument.model_validate(data)
    except ValidationError as exc:
        index, message = _describe(exc)
        entry = line = None
        if index is not None:
            raw = data.get("actor", [])
            if isinstance(raw, list) and index < len(raw) and isinstance(raw[index], Mapping):
                entry = raw[index].get("id")
            entry = entry if isinstance(entry, str) else f"actor #{index + 1}"
            line = lines[index] if index < len(lines) else None
        raise RegistryError(f"{'entry ' + repr(entry) + ': ' if entry else ''}{message}",
                            source=source, line=line, entry=entry) from None
    entries = [Entry(m, source, lines[i] if i < len(lines) else None) for i, m in enumerate(doc.actor)]
    return doc, entries


def read_document(path: str | Path, *, text: str | None = None, source: str | None = None) -> tuple[RegistryDocument, list[Entry]]:
    """Read and validate a TOML registry file."""
    source = source or str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise RegistryError(f"cannot read the registry file: {exc.strerror or exc}", source=source) from exc
        except UnicodeDecodeError as exc:
            raise RegistryError(f"the registry file is not UTF-8: {exc.reason}", source=source) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        raise RegistryError(f"not valid TOML: {exc}", source=source, line=int(m.group(1)) if m else None) from None
    except RecursionError:  # tomllib recurses once per level of nested arrays or tables
        raise RegistryError("not valid TOML for a registry: nested too deeply to read (a thousand levels or more); "
                            "a registry entry needs two", source=source) from None
    return parse_document(data, source=source, text=text)


DEFAULT_SUFFIX_CLASS = {True: "department", False: "institution"}


def build_actor(entry: Entry, suffix_classes: Mapping[str, Sequence[str]],
                default_units: Mapping[str, str] | None = None) -> Actor:
    """Turn a validated new-actor entry into an :class:`Actor`.

    A department's ``units`` are the entry's own over ``default_units`` (the document's [units]).
    """
    m = entry.model
    assert m.name is not None and m.name_en is not None and m.kind is not None
    kind = Kind.from_code(m.kind)
    suffixes = resolve_suffixes(entry, suffix_classes, kind)
    history = []
    for former in m.former:
        history += [FormerName(s, former.until, True, former.note) for s in former.stems]
        history += [FormerName(a, former.until, False, former.note) for a in former.aliases]
    return Actor(
        id=m.id, name=m.name, name_en=m.name_en, kind=kind,
        levels=frozenset(Level.from_code(c) for c in m.levels),
        stems=tuple(m.stems), aliases=tuple(m.aliases), weak_aliases=tuple(m.weak_aliases), history=tuple(history),
        suffixes=suffixes, note=m.note, local_counterpart=m.local_counterpart, owns=tuple(m.owns),
        every_level=m.every_level, source=entry.source,
        units=tuple(sorted({**(default_units or {} if kind is Kind.DEPARTMENT else {}), **m.units}.items())),
    )


def resolve_suffixes(entry: Entry, suffix_classes: Mapping[str, Sequence[str]], kind: Kind) -> tuple[str, ...]:
    m = entry.model
    spec = m.suffixes
    if spec is None:
        if not m.stems and not any(f.stems for f in m.former):
            return ()  # nothing to attach a suffix to
        spec = DEFAULT_SUFFIX_CLASS[kind.state]
    if isinstance(spec, str):
        if spec not in suffix_classes:
            raise RegistryError(
                f"entry {m.id!r}: unknown suffix class {spec!r}; expected one of {', '.join(sorted(suffix_classes))} "
                "or a list of suffixes", source=entry.source, line=entry.line, entry=m.id)
        return tuple(suffix_classes[spec])
    return tuple(spec)
