"""The actor registry: every party a regulation names, looked up by id, name or mention.

>>> reg = registry()
>>> reg.lookup("市场监管局").id
'market-regulation'
>>> [r.name for r in reg.resolve("县级以上人民政府发展改革、财政等部门").actors]
['发展改革部门', '财政部门']

The built-in registry is read from ``qpr/data/actors.toml`` on first use and
cached. Users layer their own file over it with :meth:`Registry.extend`, and a
regulation's own defined terms (以下简称…) with
:meth:`Registry.with_defined_terms`; both return a new registry and leave the
one they started from unchanged.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs

from qpr.actors import _schema
from qpr.actors._scan import Item, Parsed, Scanner
from qpr.actors.levels import Jurisdiction, Level, LevelScope, parse_level
from qpr.actors.model import (
    Actor,
    ActorRef,
    FormerName,
    Kind,
    Match,
    Mention,
    Resolution,
)
from qpr.errors import RegistryError, UnknownActorError

__all__ = ["OnConflict", "Registry", "load_registry", "registry"]

OnConflict = Literal["raise", "warn", "replace"]
_POLICIES = ("raise", "warn", "replace")
BUILTIN_FILE = "actors.toml"
#: Names of the central government: a department under them is national.
_CENTRAL = frozenset({"国务院", "中央人民政府"})
#: A central body's own name: 国家…局, 中央…, …总局, a ministry (财政部, 生态环境部); not a kind of
#: department that every level has (国家安全部门, 国家机关).
_NATIONAL_NAME = re.compile(r"^(?:国家|中央|国务院)(?!.*(?:部门|机关|机构)$)|(?:总局|总署|(?<![门])部)$")
#: What leaves a closing noun open rather than naming a kind of body: 有关 in 等有关主管部门.
OPEN_PREFIX = re.compile(r"^(?:其他|有关|相关|其它)+")
_GOVERNMENT_ID = "people-government"
#: The actors of open-ended mentions (有关部门, 相关单位, 其他有关机构 …): whoever the reader takes them for.
OPEN_ENDED_IDS = ("relevant-departments", "relevant-units")
_RESPONSIBLE_ID = "responsible-departments"
_DESIGNATED_ID = "designated-body"
_DESCRIBED_ID = "described-body"
# A defined term: …（以下简称监管部门）, …(以下称"清洁生产行政主管部门").
_DEFINITION = re.compile(
    r"[（(]\s*以下(?:简称|称|统称|称为|简称为)\s*[“\"「『]?(?P<term>[^（）()“”\"「」『』，,。；;：:\s]{1,24})[”\"」』]?\s*[）)]"
)
# A kind of party the regulation defines by its genus: 本条例所称食品小作坊，是指…从事食品生产加工的经营者。
_SO_CALLED = re.compile(
    r"本(?:条例|办法|规定|法|细则|实施办法|实施细则)所称(?P<terms>[^，,。；：:是指]{1,40}?)[，,]?(?:是指|系指|指)"
    r"(?P<genus>[^。；]{1,240}?)(?:[，,]但[^。；]*)?[。；]")
_GENUS_KIND = (("经营者", Kind.BUSINESS), ("生产者", Kind.BUSINESS), ("销售者", Kind.BUSINESS),
               ("企业", Kind.ENTERPRISE), ("公司", Kind.ENTERPRISE), ("个体工商户", Kind.BUSINESS),
               ("加工者", Kind.BUSINESS), ("机构", Kind.INSTITUTION), ("单位", Kind.INSTITUTION),
               ("组织", Kind.INSTITUTION), ("人员", Kind.PUBLIC), ("个人", Kind.PUBLIC), ("者", Kind.BUSINESS))
_ACTORISH = re.compile(r"(?:部门|机构|机关|单位|组织|委员会|局|厅|办公室|中心|企业|协会|平台|所|站|队|者|人)$")


@attrs.frozen(slots=True)
class _Form:
    """What one registry form points at."""

    actor_id: str
    how: str  # name / alias / stem / former / defined
    form: str  # the registry's own spelling (a stem without its suffix)
    renamed: int | None = None
    weak: bool = False


class Registry:
    """A set of actors with the indexes to find them by name and in text.

    Verbs: :meth:`get` (by id, never raises), :meth:`lookup` (by any name,
    raises :class:`~qpr.errors.UnknownActorError`), :meth:`search` (scored),
    :meth:`resolve` (a whole mention), :meth:`mentions` (every mention in a
    text). Iteration yields the actors in file order.
    """

    def __init__(self, actors: Iterable[Actor], *, suffix_classes: Mapping[str, Iterable[str]],
                 defined: Mapping[str, str] | None = None, not_actors: Iterable[str] = (),
                 generic: Mapping[str, Iterable[str]] | None = None, name: str = "builtin",
                 name_bounds: NameBounds | None = None) -> None:
        self._actors: dict[str, Actor] = {}
        for actor in actors:
            if actor.id in self._actors:
                raise RegistryError(f"entry {actor.id!r}: the id is defined twice", source=actor.source, entry=actor.id)
            self._actors[actor.id] = actor
        self._suffix_classes = {k: tuple(v) for k, v in suffix_classes.items()}
        self._defined = dict(defined or {})
        self._not_actors = frozenset(not_actors)
        self._generic = {aid: tuple(words) for aid, words in (generic or {}).items()}
        self._name_bounds = name_bounds or NameBounds()
        self.name = name
        for actor in self._actors.values():
            if actor.local_counterpart and actor.local_counterpart not in self._actors:
                raise RegistryError(f"entry {actor.id!r}: local_counterpart {actor.local_counterpart!r} is not an actor id",
                                    source=actor.source, entry=actor.id)
        for term, aid in self._defined.items():
            if aid not in self._actors:
                raise RegistryError(f"defined term {term!r} points at unknown actor {aid!r}", entry=term)
        for aid in self._generic:
            if aid not in self._actors:
                raise RegistryError(f"[generic] names unknown actor {aid!r}", entry=aid)
        # Resolutions by parse, one dict per jurisdiction (市 reads differently).
        self._cache: dict[Jurisdiction | None, dict[object, Resolution]] = {}
        #: (base registry, defined terms, new actors) for a registry made by with_defined_terms
        self._origin: tuple[Registry, dict[str, str], tuple[Actor, ...]] | None = None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled as the recipe, not the indexes (an automaton does not pickle, and
        # rebuilding from the recipe is cheap): a Reading carries its registry
        # back from a worker process (qpr.duties.read_many).
        if self._origin is not None:
            base, defined, new_actors = self._origin
            return (_registry_with_terms, (base, defined, new_actors))
        if self is registry():
            return (registry, ())
        return (_rebuilt_registry, (tuple(self._actors.values()), self._suffix_classes, self._defined,
                                    self._not_actors, self._generic, self.name, self._name_bounds))

    # --- the collection ----------------------------------------------------------

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __repr__(self) -> str:
        return f"<Registry {self.name!r}: {len(self)} actors>"

    @property
    def suffix_classes(self) -> Mapping[str, tuple[str, ...]]:
        return dict(self._suffix_classes)

    @property
    def generic(self) -> Mapping[str, tuple[str, ...]]:
        """Generic words naming unlisted bodies by their task, by the actor id they give (see actors.toml)."""
        return dict(self._generic)

    @property
    def name_bounds(self) -> NameBounds:
        """How far back a name read by its generic word runs (actors.toml's [name_bounds])."""
        return self._name_bounds

    @property
    def not_actors(self) -> frozenset[str]:
        """Words that end like a party's name but name none (文物保护单位)."""
        return self._not_actors

    @property
    def defined_terms(self) -> Mapping[str, str]:
        """Terms the regulation defined (以下简称…), each to an actor id."""
        return dict(self._defined)

    def get(self, actor_id: str, default: Actor | None = None) -> Actor | None:
        """The actor with this id, or ``default``. Never raises."""
        return self._actors.get(actor_id, default)

    def of_kind(self, *kinds: Kind | str) -> tuple[Actor, ...]:
        """The actors of the given kinds (Kind members or codes such as "department")."""
        wanted = {k if isinstance(k, Kind) else Kind.from_code(k) for k in kinds}
        return tuple(a for a in self if a.kind in wanted)

    def at_level(self, level: Level) -> tuple[Actor, ...]:
        """The actors that exist at ``level`` (a county has a market regulator, no customs)."""
        return tuple(a for a in self if level in a.levels)

    # --- indexes -------------------------------------------------------------------

    @functools.cached_property
    def _index(self) -> dict[str, _Form]:
        """Every complete form -> what it names (stems with suffixes included)."""
        if self._origin is not None:
            layered = dict(self._origin[0]._index)
            layered.update((term, _Form(aid, "defined", term)) for term, aid in self._added_terms.items())
            return layered
        index: dict[str, _Form] = {}
        generated: dict[str, _Form] = {}
        for actor in self:
            # A name that is also listed as weak (国家) counts only after a boundary, as the weak aliases do.
            index[actor.name] = _Form(actor.id, "name", actor.name, weak=actor.name in actor.weak_aliases)
            for alias in actor.aliases:
                index.setdefault(alias, _Form(actor.id, "alias", alias))
            for alias in actor.weak_aliases:
                index.setdefault(alias, _Form(actor.id, "alias", alias, weak=True))
            for stem in actor.stems:
                for suffix in actor.suffixes:
                    generated.setdefault(stem + suffix, _Form(actor.id, "stem", stem))
            for former in actor.history:
                if former.stem:
                    for suffix in actor.suffixes:
                        generated.setdefault(former.name + suffix, _Form(actor.id, "former", former.name, former.until))
                else:
                    index.setdefault(former.name, _Form(actor.id, "former", former.name, former.until))
        for term, aid in self._defined.items():
            index[term] = _Form(aid, "defined", term)
        for form, target in generated.items():
            index.setdefault(form, target)  # an explicit name wins over a generated one
        return index

    @functools.cached_property
    def _stems(self) -> dict[str, _Form]:
        if self._origin is not None:
            return self._origin[0]._stems
        stems: dict[str, _Form] = {}
        for actor in self:
            for stem in actor.stems:
                stems.setdefault(stem, _Form(actor.id, "stem", stem))
            for former in actor.history:
                if former.stem:
                    stems.setdefault(former.name, _Form(actor.id, "former", former.name, former.until))
        return stems

    @functools.cached_property
    def _scanner(self) -> Scanner:
        if self._origin is not None:
            base = self._origin[0]
            return base._scanner.derive({term: (aid, None, _closing_suffix(term, base._all_suffixes), False)
                                         for term, aid in self._added_terms.items()})
        all_suffixes = {s for a in self for s in a.suffixes}
        long_suffixes = {s for s in all_suffixes if len(s) > 1}
        full: dict[str, tuple[str, int | None, str | None, bool]] = {}
        for form, target in self._index.items():
            if target.how in ("stem", "former") and form not in self._explicit_forms and _stem_part(form, target) is not None:
                # stem + multi-character suffix: the scanner composes these itself,
                # so they need not be heads; single-character ones (局, 厅) must be.
                suffix = form[len(target.form):]
                if len(suffix) > 1:
                    continue
            full[form] = (target.actor_id, target.renamed, _closing_suffix(form, all_suffixes), target.weak)
        for word in self._not_actors:
            full.setdefault(word, ("", None, None, False))
        stems: dict[str, tuple[str, int | None, frozenset[str]]] = {}
        for stem, target in self._stems.items():
            actor = self._actors[target.actor_id]
            stems[stem] = (target.actor_id, target.renamed, frozenset(actor.suffixes))
        owners: dict[str, frozenset[str] | None] = {}
        for actor in self:
            if not actor.owns:
                continue
            allowed = None if "*" in actor.owns else frozenset(actor.owns)
            for word in (actor.name, *actor.aliases):
                owners.setdefault(word, allowed)
        return Scanner(
            full=full, stems=stems, suffixes=long_suffixes, owners=owners,
            open_ids=[i for i in OPEN_ENDED_IDS if i in self._actors],
            category_ids=[a.id for a in self if not a.is_government and a.kind is not Kind.OPEN],
            level_takers=[a.id for a in self if a.levels],
            government_ids=[a.id for a in self if "*" in a.owns],
            responsible_id=_RESPONSIBLE_ID if _RESPONSIBLE_ID in self._actors else None,
            designated_id=_DESIGNATED_ID if _DESIGNATED_ID in self._actors else None,
            described_id=_DESCRIBED_ID if _DESCRIBED_ID in self._actors else None,
            generic={word: aid for aid, words in self._generic.items() for word in words},
            inside_words=self._name_bounds.inside, verbs_before=self._name_bounds.verbs_before,
            never_inside=self._name_bounds.never_inside,
        )

    @functools.cached_property
    def _explicit_forms(self) -> frozenset[str]:
        if self._origin is not None:
            return self._origin[0]._explicit_forms | frozenset(self._added_terms)
        out: set[str] = set(self._defined)
        for actor in self:
            out.add(actor.name)
            out.update(actor.aliases)
            out.update(actor.weak_aliases)
            out.update(f.name for f in actor.history if not f.stem)
        return frozenset(out)

    # --- lookup ----------------------------------------------------------------------

    def explain(self, name: str, jurisdiction: Jurisdiction | None = None) -> Match:
        """How ``name`` resolves to one actor; raises UnknownActorError if it does not.

        The order is fixed: (1) the id, (2) the canonical name, (3) a current
        alias, (4) a term the regulation defined, (5) a current stem, bare or
        with a suffix (市场监管, 市场监管局), (6) a former name (环境保护局,
        银保监会), (7) a mention with a level prefix or an owning government
        that names exactly one actor (省市场监督管理局, 国务院财政部门).
        """
        found = self._match(name, jurisdiction)
        if found is None:
            raise UnknownActorError(name, self.suggest(name.strip()))
        return found

    def _form_of(self, query: str) -> _Form | None:
        """``self._index.get(query)`` without building a derived registry's whole index (a copy of the
        built-in one per regulation that defines a term): its own terms first, then the base's forms."""
        if self._origin is not None:
            aid = self._added_terms.get(query)
            return _Form(aid, "defined", query) if aid is not None else self._origin[0]._form_of(query)
        return self._index.get(query)

    def find(self, name: str, jurisdiction: Jurisdiction | None = None, *, as_mention: bool = True) -> Actor | None:
        """The actor ``name`` names, as :meth:`lookup` finds it, or None: no suggestions are computed, and
        with ``as_mention=False`` only the registry's own forms count (no scan of the name as a mention),
        so the extractor can ask it of every phrase it reads."""
        found = self._match(name, jurisdiction, as_mention=as_mention)
        return found.actor if found is not None else None

    def _match(self, name: str, jurisdiction: Jurisdiction | None, *, as_mention: bool = True) -> Match | None:
        query = name.strip()
        actor = self._actors.get(query)
        if actor is not None:
            return Match(name, actor, "id", actor.id)
        target = self._form_of(query)
        stem = self._stems.get(query)
        candidates = [t for t in (target, stem) if t is not None]
        for how in ("name", "alias", "defined", "stem", "former"):
            for t in candidates:
                if t.how == how:
                    actor = self._actors[t.actor_id]
                    return Match(name, actor, how, t.form, t.renamed,
                                 _own_levels(actor, query))
        if not as_mention:
            return None
        res = self.resolve(query, jurisdiction)
        if len(res.actors) == 1 and not res.unresolved:
            ref = res.actors[0]
            actor = self._actors[ref.actor_id]
            return Match(name, actor, "mention", ref.written, ref.renamed, ref.levels or res.levels)
        return None

    def lookup(self, name: str, jurisdiction: Jurisdiction | None = None) -> Actor:
        """The actor ``name`` names (id, canonical name, alias, stem, former name or mention).

        Raises :class:`~qpr.errors.UnknownActorError`, with the nearest names
        as suggestions, when no actor answers to it. See :meth:`explain` for
        the order in which forms are tried.
        """
        return self.explain(name, jurisdiction).actor

    def suggest(self, name: str, n: int = 5) -> tuple[str, ...]:
        """Up to ``n`` registry names nearest to ``name``, nearest first."""
        return tuple(self._nearest_forms(name, n))

    def _nearest_forms(self, name: str, n: int) -> list[str]:
        forms = sorted(set(self._explicit_forms) | set(self._stems))
        close = difflib.get_close_matches(name, forms, n=n, cutoff=0.5)
        if len(close) < n:
            containing = sorted((f for f in forms if f not in close and (name in f or (len(f) > 1 and f in name))),
                                key=lambda f: (abs(len(f) - len(name)), f))
            close += containing[: n - len(close)]
        return close

    def search(self, text: str, limit: int | None = None) -> list[tuple[Actor, float]]:
        """Actors ranked by how well ``text`` matches their id, names or English name.

        Scores are in (0, 1]: 1 for an exact id, name, alias or stem, 0.95 for
        an exact former name, less for a name that contains the text or is
        like it. Sorted by ``(-score, id)`` so ties come out in a fixed order.
        """
        query = text.strip()
        if not query:
            return []
        folded = query.lower()
        scores: dict[str, float] = {}

        def offer(aid: str, score: float) -> None:
            if score > scores.get(aid, 0.0):
                scores[aid] = score

        for actor in self:
            if actor.id == folded:
                offer(actor.id, 1.0)
            if folded in actor.name_en.lower() or folded in actor.id:
                offer(actor.id, 0.7 + 0.25 * len(folded) / max(len(actor.name_en), len(actor.id)))
        for form, target in [*self._index.items(), *self._stems.items()]:
            if form == query:
                offer(target.actor_id, 0.95 if target.how == "former" else 1.0)
            elif query in form:
                offer(target.actor_id, 0.6 + 0.3 * len(query) / len(form))
            elif len(form) > 1 and form in query:
                offer(target.actor_id, 0.5 + 0.3 * len(form) / len(query))
        if not scores:
            for form in difflib.get_close_matches(query, [*self._index, *self._stems], n=10, cutoff=0.5):
                target = self._index.get(form) or self._stems[form]
                offer(target.actor_id, 0.5 * difflib.SequenceMatcher(None, query, form).ratio())
        ranked = sorted(((self._actors[a], round(s, 4)) for a, s in scores.items()), key=lambda x: (-x[1], x[0].id))
        return ranked[:limit] if limit else ranked

    # --- mentions ------------------------------------------------------------------------

    def resolve(self, mention: str, jurisdiction: Jurisdiction | None = None) -> Resolution:
        """The actors and level scope a mention names.

        ``resolve("县级以上人民政府发展改革、财政等部门")`` gives 发展改革部门 and
        财政部门, level ``county+``, open_list ``等``. Text before the part
        that parses (and names nothing the registry knows) is kept in
        ``unresolved``.
        """
        text = mention.strip()
        if not text:
            return Resolution(())
        parsed = self._scanner.parse_back(text, len(text), 0)
        if parsed is None:
            return Resolution((), parse_level(text, jurisdiction), None, (text,) if parse_level(text, jurisdiction) is None else ())
        res = self._resolution(text, parsed, jurisdiction)
        if parsed.start > 0:
            res = attrs.evolve(res, unresolved=(text[: parsed.start], *res.unresolved))
        return res

    def mentions(self, text: str, jurisdiction: Jurisdiction | None = None) -> tuple[Mention, ...]:
        """Every party mention in ``text``, in text order, never overlapping.

        Each mention is one maximal span: 县级以上人民政府发展改革、经济和信息化、
        财政等部门 is one mention of three departments at county+; a list of
        parties outside government joined by 、/和 (高等院校、科研院所、行业协会和企业)
        is likewise one mention of four actors. Bare department stems (财政,
        水利) count only inside a list closed by 部门, 主管部门, 机构 …, never in
        ordinary words (财政预算, 水利工程). Runs in time linear in the text.
        """
        out = []
        cache = self._cache.get(jurisdiction)
        if cache is None or len(cache) > 200_000:  # bound memory in a long-running process
            cache = self._cache[jurisdiction] = {}
        scanner = self._scanner
        for start, end, found in scanner.scan(text):
            span = text[start:end]
            if isinstance(found, int):
                key: object = (span, found)
                res = cache.get(key)
                if res is None:
                    res = cache[key] = self._resolution(text, scanner.quick_item(found, start, end), jurisdiction)
            else:
                # The same words can parse differently after different left context (相应行政管理部门
                # vs 行政管理部门): the key is the parse itself, which the resolution is a function of.
                key = (span, found.open_list, tuple(_relative(item, found.start) for item in found.items))
                res = cache.get(key)
                if res is None:
                    res = cache[key] = self._resolution(text, found, jurisdiction)
            out.append(Mention(start, end, span, res))
        return tuple(out)

    def _resolution(self, text: str, parsed: Parsed, jurisdiction: Jurisdiction | None) -> Resolution:
        """Actors and scopes of a parsed mention.

        A level prefix applies to the government bodies after it until the
        next prefix (县级以上人民政府发展改革、财政等部门: both county+); the
        mention's own ``levels`` is the first prefix written.
        """
        refs: list[ActorRef] = []
        unresolved: list[str] = []
        first: LevelScope | None = None
        current: LevelScope | None = None
        owner: str | None = None
        # A bare stem takes the closing noun of the list it stands in (发展改革、财政等部门:
        # 发展改革部门), which the nearest item to its right with a closing noun carries.
        closings: list[str | None] = []
        closing: str | None = None
        for item in reversed(parsed.items):
            closing = item.closing or closing
            closings.append(closing)
        closings.reverse()
        for item, closing in zip(parsed.items, closings):
            here = None
            if item.level_start is not None:
                here = parse_level(text[item.level_start:item.level_end], jurisdiction)
            elif item.owner in _CENTRAL:
                here = LevelScope(frozenset({Level.NATIONAL}), item.owner)
            if here is not None:
                current = here
                first = first or here
            if item.owner is not None:
                owner = item.owner
            if item.example:
                continue  # 报刊 in 报刊、网络等媒体 only illustrates the category
            written = text[item.name_start if item.name_start >= 0 else item.start:item.end]
            if item.actor_id is None:
                unresolved.append(written)
                continue
            if closing and not written.endswith(closing) and written not in self._scanner.full:
                written += OPEN_PREFIX.sub("", closing)
            actor = self._actors[item.actor_id]
            if owner is not None and owner not in _CENTRAL and actor.local_counterpart:
                actor = self._actors[actor.local_counterpart]
            if written in _CENTRAL:
                scope: LevelScope | None = LevelScope(frozenset({Level.NATIONAL}), written)
            elif not actor.is_government and not actor.levels:
                scope = None
            elif current is not None and (current.relative or not actor.levels or current.levels & actor.levels):
                scope = current
            else:
                scope = _own_levels(actor, written)
                if scope is None and actor.is_government and Level.NATIONAL in actor.levels and not actor.every_level \
                        and _NATIONAL_NAME.search(written):
                    scope = LevelScope(frozenset({Level.NATIONAL}), written)  # 国家市场监督管理总局, 财政部
                if scope is None and actor.is_government:
                    scope = parse_level(written, jurisdiction)  # 各区 names the district governments
            refs.append(ActorRef(actor.id, written, actor.name, item.renamed, scope))
        return Resolution(tuple(refs), first, parsed.open_list, tuple(unresolved))

    # --- layering ------------------------------------------------------------------------

    def extend(self, source: str | Path | Mapping[str, Any], on_conflict: OnConflict = "raise",
               *, name: str | None = None) -> Registry:
        """A new registry: this one with the actors of ``source`` layered over it.

        ``source`` is a TOML file in the built-in file's format, or the same
        structure as a mapping. An entry with ``extends = true`` adds names to
        the existing actor with its id. When a new entry reuses an id, or a name
        that already belongs to another actor, ``on_conflict`` decides:
        ``"raise"`` raises RegistryError naming the file and the entry,
        ``"warn"`` warns (RuntimeWarning) and lets the new entry win,
        ``"replace"`` lets it win silently. This registry is not changed.
        """
        if on_conflict not in _POLICIES:
            raise ValueError(f"on_conflict must be one of {', '.join(_POLICIES)}, not {on_conflict!r}")
        if isinstance(source, Mapping):
            label = name or "<mapping>"
            doc, entries = _schema.parse_document(source, source=label)
        else:
            label = str(source)
            doc, entries = _schema.read_document(source)
        classes = {**self._suffix_classes, **{k: tuple(v) for k, v in doc.suffixes.items()}}
        actors = dict(self._actors)
        owner_of = _form_owners(actors.values())

        def conflict(entry: _schema.Entry, message: str) -> None:
            if on_conflict == "raise":
                raise RegistryError(f"entry {entry.model.id!r}: {message} (pass on_conflict='warn' or 'replace' to override)",
                                    source=entry.source, line=entry.line, entry=entry.model.id)
            if on_conflict == "warn":
                warnings.warn(f"{entry.source}: entry {entry.model.id!r}: {message}; the new entry wins",
                              RuntimeWarning, stacklevel=3)

        seen: set[str] = set()
        units = doc.units or _builtin_units()  # a user's departments are named per level as the built-in ones
        for entry in entries:
            m = entry.model
            if m.id in seen:
                raise RegistryError(f"entry {m.id!r}: the id is defined twice in this file",
                                    source=entry.source, line=entry.line, entry=m.id)
            seen.add(m.id)
            if m.extends:
                base = actors.get(m.id)
                if base is None:
                    raise RegistryError(f"entry {m.id!r}: extends = true but there is no actor {m.id!r} to extend",
                                        source=entry.source, line=entry.line, entry=m.id)
                new = _merge(base, entry, classes)
            else:
                new = _schema.build_actor(entry, classes, units)
                if m.id in actors:
                    conflict(entry, f"id {m.id!r} is already the actor {actors[m.id].name}")
                    for form in _own_forms(actors[m.id]):
                        owner_of.pop(form, None)
            for form in _own_forms(new):
                other = owner_of.get(form)
                if other is not None and other != new.id:
                    conflict(entry, f"name {form!r} already belongs to actor {other!r}")
                    actors[other] = _without(actors[other], form)
                owner_of[form] = new.id
            actors[new.id] = new
        return Registry(actors.values(), suffix_classes=classes, defined=self._defined,
                        not_actors=self._not_actors | set(doc.not_actors),
                        generic={**self._generic, **doc.generic}, name=name or f"{self.name}+{Path(label).name if not isinstance(source, Mapping) else label}",
                        name_bounds=self._name_bounds.union(_name_bounds(doc)))

    def with_defined_terms(self, text: str, jurisdiction: Jurisdiction | None = None,
                           *, scope: str = "regulation") -> Registry:
        """A registry that also knows the parties ``text`` defines for itself.

        ``…负有市场监管职责的部门（以下简称监管部门）`` makes 监管部门 name the
        same actor as the mention before the bracket; a defined party the
        registry does not know (清洁生产综合协调部门（以下称清洁生产行政主管部门）)
        becomes a new actor with source "defined". Terms that name no party
        (（以下简称专项资金）) are ignored. The result is meant for that one
        text; this registry is not changed.
        """
        defined = dict(self._defined)
        new_actors: list[Actor] = []
        scanner = self._scanner
        for m in _DEFINITION.finditer(text):
            term = m.group("term")
            if term in defined:
                continue  # the first definition in the text holds
            parsed = scanner.parse_back(text, m.start(), max(0, m.start() - 200))
            if parsed is not None and parsed.end == m.start() and parsed.items[-1].actor_id is not None:
                aid = parsed.items[-1].actor_id
                res = self._resolution(text, parsed, jurisdiction)
                aid = res.actors[-1].actor_id if res.actors else aid
                defined[term] = aid
                continue
            antecedent = _antecedent(text, m.start())
            if not antecedent or not (_ACTORISH.search(term) or _ACTORISH.search(antecedent)):
                continue
            aid = "defined-" + hashlib.sha1(f"{antecedent}|{term}".encode()).hexdigest()[:10]
            is_department = bool(re.search(r"(?:部门|机关|局|厅|委员会|办公室)$", antecedent + "|" + term))
            new_actors.append(Actor(
                id=aid, name=antecedent, name_en=f"{term} (defined in the {scope})",
                kind=Kind.DEPARTMENT if is_department else Kind.INSTITUTION,
                levels=frozenset(),
                aliases=(), source="defined", note=f"defined as {term} in the {scope}",
            ))
            defined[term] = aid
            defined.setdefault(antecedent, aid)
        for m in _SO_CALLED.finditer(text):
            genus = m.group("genus").rstrip("等")
            kind = next((k for end, k in _GENUS_KIND if genus.endswith(end)), None)
            if kind is None:
                continue  # 本条例所称电梯，是指…设备: a thing, not a party
            for term in re.split(r"[、和]", m.group("terms")):
                term = term.strip("“”\"「」")
                if not 2 <= len(term) <= 12 or term in defined or self._known_form(term):
                    continue
                aid = "defined-" + hashlib.sha1(f"so-called|{term}".encode()).hexdigest()[:10]
                new_actors.append(Actor(
                    id=aid, name=term, name_en=f"{term} (defined in the {scope})", kind=kind,
                    levels=frozenset(), aliases=(), source="defined",
                    note=f"defined in the {scope}: {genus[-20:]}"))
                defined[term] = aid
        if defined == self._defined and not new_actors:
            return self
        return self._with_terms(defined, tuple(new_actors))

    def _known_form(self, name: str) -> bool:
        """Whether one mention of this registry spans all of ``name`` (经营者 needs no definition)."""
        found = self.mentions(name)
        return len(found) == 1 and found[0].start == 0 and found[0].end == len(name) and bool(found[0].resolution.actors)

    def _with_terms(self, defined: Mapping[str, str], new_actors: tuple[Actor, ...]) -> Registry:
        """This registry with more defined terms (and the actors some of them name).

        The new registry builds its indexes from this one's when first needed,
        adding only the new terms: rebuilding them for every regulation that
        defines a term would cost more than reading it.
        """
        actors = [*self._actors.values(), *(a for a in new_actors if a.id not in self._actors)]
        derived = Registry(actors, suffix_classes=self._suffix_classes, defined=defined, not_actors=self._not_actors,
                           generic=self._generic, name=f"{self.name}+defined", name_bounds=self._name_bounds)
        derived._origin = (self, dict(defined), new_actors)
        return derived

    @functools.cached_property
    def _added_terms(self) -> dict[str, str]:
        """The defined terms this registry has and the one it was derived from has not."""
        if self._origin is None:
            return {}
        base = self._origin[0]
        return {term: aid for term, aid in self._defined.items() if base._defined.get(term) != aid}

    @functools.cached_property
    def _all_suffixes(self) -> frozenset[str]:
        return frozenset(s for a in self for s in a.suffixes)


# --- helpers --------------------------------------------------------------------


def _closing_suffix(form: str, suffixes: Iterable[str]) -> str | None:
    """The longest suffix ``form`` ends with, when something comes before it.

    财政局 closes a list with 局 (发展改革、财政局); 有关部门 with 部门; 单位
    alone closes nothing.
    """
    best = None
    for suffix in suffixes:
        if len(form) > len(suffix) and form.endswith(suffix) and (best is None or len(suffix) > len(best)):
            best = suffix
    return best


def _stem_part(form: str, target: _Form) -> str | None:
    return target.form if form.startswith(target.form) and form != target.form else None


def _relative(item: Item, origin: int) -> tuple:  # type: ignore[type-arg]
    """An item with its offsets taken from ``origin``: comparable across texts."""
    def shift(x: int | None) -> int | None:
        return None if x is None or x < 0 else x - origin

    return (shift(item.start), shift(item.end), item.actor_id, item.renamed, item.closing, item.example,
            shift(item.name_start), item.owner, shift(item.level_start), shift(item.level_end))


def _own_levels(actor: Actor, written: str) -> LevelScope | None:
    """An actor's own level when it has just one (街道办事处 is township)."""
    if len(actor.levels) == 1:
        return LevelScope(actor.levels, written)
    return None


def _own_forms(actor: Actor) -> list[str]:
    """The explicit forms of an actor that another actor may not share."""
    return [actor.name, *actor.aliases, *actor.weak_aliases, *actor.stems, *(f.name for f in actor.history)]


def _form_owners(actors: Iterable[Actor]) -> dict[str, str]:
    owners: dict[str, str] = {}
    for actor in actors:
        for form in _own_forms(actor):
            owners.setdefault(form, actor.id)
    return owners


def _without(actor: Actor, form: str) -> Actor:
    """The actor with ``form`` taken away (its canonical name stays: it is the record's name)."""
    return attrs.evolve(
        actor,
        aliases=tuple(a for a in actor.aliases if a != form),
        weak_aliases=tuple(a for a in actor.weak_aliases if a != form),
        stems=tuple(s for s in actor.stems if s != form),
        history=tuple(f for f in actor.history if f.name != form),
    )


def _merge(base: Actor, entry: _schema.Entry, classes: Mapping[str, tuple[str, ...]]) -> Actor:
    """``base`` with the names an ``extends = true`` entry adds."""
    m = entry.model
    history = list(base.history)
    for former in m.former:
        history += [FormerName(s, former.until, True, former.note) for s in former.stems]
        history += [FormerName(a, former.until, False, former.note) for a in former.aliases]
    suffixes = base.suffixes
    if m.suffixes is not None:
        suffixes = _schema.resolve_suffixes(entry, classes, base.kind)
    return attrs.evolve(
        base,
        aliases=tuple(dict.fromkeys([*base.aliases, *m.aliases, *([m.name] if m.name and m.name != base.name else [])])),
        weak_aliases=tuple(dict.fromkeys([*base.weak_aliases, *m.weak_aliases])),
        stems=tuple(dict.fromkeys([*base.stems, *m.stems])),
        history=tuple(history),
        suffixes=suffixes,
        levels=base.levels | {Level.from_code(c) for c in m.levels},
    )


_STOP_BEFORE = re.compile(r"[^\u3400-\u9fff]|[的由对向经和及与或、]")


def _antecedent(text: str, end: int, limit: int = 20) -> str:
    """The name just before a definition's bracket: back to punctuation or 的 (at most ``limit``)."""
    i = end
    while i > 0 and end - i < limit and not _STOP_BEFORE.match(text[i - 1]):
        i -= 1
    return text[i:end]


@functools.cache
def _builtin_units() -> dict[str, str]:
    return dict(_builtin_document()[0].units)


def _builtin_document() -> tuple[_schema.RegistryDocument, list[_schema.Entry]]:
    path = resources.files("qpr.data").joinpath(BUILTIN_FILE)
    text = path.read_text(encoding="utf-8")
    return _schema.read_document(BUILTIN_FILE, text=text, source=f"qpr/data/{BUILTIN_FILE}")


def _registry_from(doc: _schema.RegistryDocument, entries: list[_schema.Entry], name: str,
                   base_classes: Mapping[str, tuple[str, ...]] | None = None) -> Registry:
    classes = {**(base_classes or {}), **{k: tuple(v) for k, v in doc.suffixes.items()}}
    actors = []
    owners: dict[str, tuple[str, _schema.Entry]] = {}
    ids: set[str] = set()
    for entry in entries:
        m = entry.model
        if m.extends:
            raise RegistryError(f"entry {m.id!r}: extends = true is only for a file layered over another registry",
                                source=entry.source, line=entry.line, entry=m.id)
        if m.id in ids:
            raise RegistryError(f"entry {m.id!r}: the id is defined twice", source=entry.source, line=entry.line, entry=m.id)
        ids.add(m.id)
        actor = _schema.build_actor(entry, classes, doc.units)
        for form in _own_forms(actor):
            if form in owners and owners[form][0] != actor.id:
                raise RegistryError(f"entry {m.id!r}: name {form!r} already belongs to entry {owners[form][0]!r}",
                                    source=entry.source, line=entry.line, entry=m.id)
            owners[form] = (actor.id, entry)
        actors.append(actor)
    for actor, entry in zip(actors, entries):
        if actor.local_counterpart and actor.local_counterpart not in ids:
            raise RegistryError(f"entry {actor.id!r}: local_counterpart {actor.local_counterpart!r} is not an actor id",
                                source=entry.source, line=entry.line, entry=actor.id)
    return Registry(actors, suffix_classes=classes, not_actors=doc.not_actors, generic=doc.generic, name=name,
                    name_bounds=_name_bounds(doc))


@attrs.frozen(slots=True)
class NameBounds:
    """How far back a name read by its generic word (…主管部门) runs: see actors.toml's [name_bounds]."""

    inside: frozenset[str] = frozenset()
    verbs_before: frozenset[str] = frozenset()
    never_inside: frozenset[str] = frozenset()

    def union(self, other: NameBounds) -> NameBounds:
        return NameBounds(self.inside | other.inside, self.verbs_before | other.verbs_before,
                          self.never_inside | other.never_inside)


def _name_bounds(doc: _schema.RegistryDocument) -> NameBounds:
    return NameBounds(frozenset(doc.name_bounds.inside), frozenset(doc.name_bounds.verbs_before),
                      frozenset(doc.name_bounds.never_inside))


def _registry_with_terms(base: Registry, defined: dict[str, str], new_actors: tuple[Actor, ...]) -> Registry:
    return base._with_terms(defined, new_actors)


def _rebuilt_registry(actors: tuple[Actor, ...], suffix_classes: Mapping[str, tuple[str, ...]], defined: Mapping[str, str],
                      not_actors: frozenset[str], generic: Mapping[str, tuple[str, ...]], name: str,
                      name_bounds: NameBounds) -> Registry:
    return Registry(actors, suffix_classes=suffix_classes, defined=defined, not_actors=not_actors, generic=generic,
                    name=name, name_bounds=name_bounds)


@functools.cache
def registry() -> Registry:
    """The built-in registry (``qpr/data/actors.toml``), read on first use and cached."""
    doc, entries = _builtin_document()
    return _registry_from(doc, entries, "builtin")


def load_registry(path: str | Path) -> Registry:
    """A registry from one TOML file alone (use ``registry().extend(path)`` to layer it).

    The built-in suffix classes (department, institution …) are available to
    it; its own ``[suffixes]`` add to them.
    """
    doc, entries = _schema.read_document(path)
    return _registry_from(doc, entries, Path(path).name, registry().suffix_classes)
