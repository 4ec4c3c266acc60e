"""Finding and parsing party mentions in free text, in time linear in the text.

How it works. Every mention ends with a *head*: a complete name (企业,
人民政府, 市场监督管理局, 有关部门, 财政部门) or a suffix that closes a list of
stems (部门, 主管部门, 机构 …). One leftmost-longest Aho-Corasick pass
(ahocorasick_rs; a trie-shaped regex when it is not installed) finds the
heads. They are then taken from the last to the first; from each, a small
parser walks *backwards* over reversed tries — item, separator (、 和 及 等 …),
item … — and in front of each item its owning government (人民政府) and its
level words (县级以上). Chinese names are head-final, so reading backwards from
the head is how the phrase is built: 市场监管 is a department only because 部门
follows it, and 发展改革、财政等部门 is a list of departments only at 部门.

Linear time. Taking heads from the right and skipping those inside a mention
already found makes each character part of at most one parse however long a
list or a line is; every lookback that does not become part of a mention is
bounded by a fixed window (40 characters for level words and clauses, 16 for
a bracket, 12 for an unknown name).

Speed. A complete name with nothing that could extend it on its left (the
common case: 企业 after 鼓励) costs one list lookup. Parses are not cached
across texts: a cache keyed by the characters a parse reported reading made
results depend on what had been read before (some reads went unreported), and
it saved only 2% of extraction time. The registry caches resolutions by the
whole mention text instead.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from qpr.actors.levels import LEVEL_TAIL_CHARS, level_tail

try:  # a compiled Aho-Corasick automaton (Rust): ~100 MB/s over Chinese text
    import ahocorasick_rs as _ahocorasick_rs
except ImportError:  # pragma: no cover - exercised when the package is absent
    _ahocorasick_rs = None  # type: ignore[assignment]

__all__ = ["Item", "Parsed", "Scanner", "has_aho_corasick"]

# Separators between the items of a list, longest first. 等 separates only
# before an open item (市场监督管理等有关部门) or a category (报刊、网络等媒体);
# before a bare suffix it closes the list (发展改革、财政等部门).
SEPARATORS = ("以及其他", "及其他", "和其他", "或者其他", "以及", "或者", "及其", "、", "和", "及", "与", "或", "暨")
_OPEN_SEPARATORS = ("等", "等其他")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Relative clauses that describe a department by its duties:
# 负有安全生产监督管理职责的部门, 县级以上人民政府确定的部门 …
_FUNCTION = re.compile(
    r"(?:(?P<duty>负有|承担|履行|具有|负责|行使|主管|分管)[^，。；：！？、\n]{1,30}?"
    r"|(?P<designated>(?:依法)?(?:确定|指定|授权|委托)))的$"
)
# Where a relative clause before 的部门 / 的机构 starts: after punctuation or
# one of these function words (由颁发资质证书的部门, 接到投诉的部门).
_CLAUSE_STOP = frozenset("由向对经将被把及和或与在为从给按依当应可并报请让使令责、的其")
CLAUSE_MAX = 20
UNKNOWN_MAX = 12

# Words that begin with a level character but are not a level: 市政工程管理机构.
_NOT_LEVEL_WORDS = frozenset({"市政", "市场", "市容", "市民", "市区", "区域", "区间", "县域", "乡村", "镇域", "省际",
                              "街道", "地方", "国家", "中央", "城市", "城乡", "州县", "各类", "各级", "全市", "全省",
                              "全国", "本市", "本省", "有关", "相关", "地区", "市级", "县级", "区级", "省级", "乡镇"})
# What may stand right before a weak alias (主管部门, 机关, 组织) for it to
# count: a function word; any non-Chinese character counts too ...
_BOUNDARY = frozenset("的其由向经报对、各被将把在为从给该本")
# ... and for longer weak aliases (主管部门, 工作机构) a conjunction too: 和主管部门.
_LIST_BOUNDARY = frozenset("和及与或")
# Bare suffixes that name a government's departments as a whole: 政府部门, 国务院工作部门.
_GOVERNMENT_PARTS = ("部门", "工作部门", "职能部门", "所属部门", "组成部门", "各部门")
# Bare words that, after a separator, add "other such bodies" to a list:
# 有关部门、机构; 林业、气象等部门和机构 is handled by the suffix 部门和机构.
_GENERIC_ITEMS = {"部门": "relevant-departments", "机关": "relevant-departments",
                  "机构": "relevant-units", "单位": "relevant-units", "组织": "relevant-units"}
_PARENS = {"）": "（", ")": "("}

__all__ = ["Item", "Parsed", "Scanner", "has_aho_corasick"]


class Item(NamedTuple):
    """One item of a parsed list, in text order after parsing."""

    start: int  # including its own level words and owner, if any
    end: int
    actor_id: str | None  # None: a name the registry does not know
    renamed: int | None
    closing: str | None  # the suffix it ends with, which bare stems before it share
    example: bool = False  # an example of a category (报刊 in 报刊、网络等媒体): not an actor
    name_start: int = -1  # where the name itself starts (after level words and owner)
    owner: str | None = None  # the government that owns it (人民政府 in 县级以上人民政府财政部门)
    level_start: int | None = None  # its own level words (县级以上), if any
    level_end: int | None = None


class Parsed(NamedTuple):
    """A parsed mention: its span, its items in text order, what leaves it open."""

    start: int
    end: int
    items: tuple[Item, ...]
    open_list: str | None


def has_aho_corasick() -> bool:
    """Whether the fast head finder (ahocorasick_rs) is installed; without it a regex is used."""
    return _ahocorasick_rs is not None


def _reverse_trie(entries: Iterable[tuple[str, Any]]) -> dict:
    """A trie over reversed strings; node[""] holds the value of a complete key."""
    root: dict = {}
    for key, value in entries:
        node = root
        for ch in reversed(key):
            node = node.setdefault(ch, {})
        node[""] = value
    return root


def _longest_back(trie: dict, text: str, p: int, lo: int) -> tuple[int, Any] | None:
    """The longest key of ``trie`` ending at ``p`` (not starting before ``lo``)."""
    node: dict | None = trie
    i = p
    best = None
    while i > lo and node is not None:
        node = node.get(text[i - 1])
        if node is None:
            break
        i -= 1
        value = node.get("")
        if value is not None:
            best = (i, value)
    return best


def _all_back(trie: dict, text: str, p: int, lo: int) -> list[tuple[int, Any]]:
    """Every key of ``trie`` ending at ``p``, shortest first."""
    node: dict | None = trie
    i = p
    out = []
    while i > lo and node is not None:
        node = node.get(text[i - 1])
        if node is None:
            break
        i -= 1
        value = node.get("")
        if value is not None:
            out.append((i, value))
    return out


class _HeadFinder:
    """Finds the heads in a text: leftmost-longest, non-overlapping, in text order.

    Leftmost-longest is how a reader segments: in 企业主责 it finds 企业, not 业主.
    """

    def __init__(self, heads: list[str]) -> None:
        self.keys: list[str] = heads
        if _ahocorasick_rs is not None:
            self._automaton = _ahocorasick_rs.AhoCorasick(
                heads, matchkind=_ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=_ahocorasick_rs.Implementation.ContiguousNFA)
            self._regex = None
        else:
            self._automaton = None
            # A trie-shaped alternation: one branch per first character, longest
            # first at every node, so the regex engine never backtracks far.
            self._regex = re.compile(_trie_regex(heads))
            self._index = {k: i for i, k in enumerate(heads)}

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(key index, start, end) of every head, in text order."""
        if self._automaton is not None:
            return self._automaton.find_matches_as_indexes(text)
        assert self._regex is not None
        index = self._index
        return [(index[m.group()], m.start(), m.end()) for m in self._regex.finditer(text)]


class _LayeredHeadFinder:
    """A base head finder plus a few more heads (a regulation's defined terms).

    Building an automaton over the whole registry costs far more than reading
    one regulation, so a regulation's own terms get a small finder of their
    own; where the text holds none of them the base matches stand as they are.
    """

    def __init__(self, base: _HeadFinder | _LayeredHeadFinder, extra: list[str]) -> None:
        self.base = base
        self.keys: list[str] = [*base.keys, *extra]
        self._extra = extra
        self._offset = len(base.keys)
        self._finder = _HeadFinder(extra)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        found = self.base.matches(text)
        if not any(term in text for term in self._extra):
            return found
        extra = [(k + self._offset, s, e) for k, s, e in self._finder.matches(text)]
        # Leftmost-longest over the union: by start, longest first, skipping overlaps.
        merged: list[tuple[int, int, int]] = []
        end = -1
        for key, start, stop in sorted([*found, *extra], key=lambda m: (m[1], -(m[2] - m[1]))):
            if start >= end:
                merged.append((key, start, stop))
                end = stop
        return merged


def _trie_insert(trie: dict, key: str, value: Any) -> dict:
    """A copy of a reversed trie with ``key`` added, sharing every node off the key's path."""
    root = dict(trie)
    node = root
    for ch in reversed(key):
        child = dict(node.get(ch, {}))
        node[ch] = child
        node = child
    node[""] = value
    return root


def _trie_regex(words: Iterable[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # a word may end here: the rest is optional (longest first)
            return f"(?:{body})?"
        return body

    return emit(trie)


class Scanner:
    """The compiled form of a registry's names, for parsing mentions.

    ``full`` maps complete names to (actor id, renamed year, closing suffix,
    weak), with an empty id for words that are never names; ``stems`` maps
    stems to (actor id, renamed year, the suffixes the stem takes);
    ``suffixes`` is every multi-character suffix; ``owners`` the names that
    can own what follows them, each with the actor ids it may own (None: any
    government body — 人民政府 owns 财政部门; 常务委员会 owns 法制工作委员会);
    ``open_ids`` the actors that leave a list open (有关部门);
    ``category_ids`` the parties outside government whose name can close a
    list of examples (报刊、网络等媒体); ``level_takers`` the actors a level
    word may precede.
    """

    needs_level: frozenset[str] = frozenset({"政府"})

    def __init__(self, *, full: dict[str, tuple[str, int | None, str | None, bool]],
                 stems: dict[str, tuple[str, int | None, frozenset[str]]],
                 suffixes: Iterable[str], owners: dict[str, frozenset[str] | None], open_ids: Iterable[str],
                 category_ids: Iterable[str], level_takers: Iterable[str], government_ids: Iterable[str],
                 responsible_id: str | None, designated_id: str | None, described_id: str | None,
                 generic: dict[str, str] | None = None, inside_words: Iterable[str] = (),
                 verbs_before: Iterable[str] = (), never_inside: Iterable[str] = ()) -> None:
        self.full = full
        self.stems = stems
        self.suffixes = frozenset(suffixes)
        self.owners = dict(owners)
        self.open_ids = frozenset(open_ids)
        self.category_ids = frozenset(category_ids)
        self.level_takers = frozenset(level_takers)
        self.government_ids = frozenset(government_ids)
        self.responsible_id = responsible_id
        self.designated_id = designated_id
        self.described_id = described_id
        self._rfull = _reverse_trie(full.items())
        self._rstem = _reverse_trie(stems.items())
        self._rsuffix = _reverse_trie((s, s) for s in self.suffixes)
        self._rowner = _reverse_trie((w, w) for w in self.owners)
        self._rsep = _reverse_trie((s, s) for s in SEPARATORS)
        self.generic = dict(generic or {})
        self._rgeneric = _reverse_trie(self.generic.items())
        self.inside_words = frozenset(inside_words)
        self._rverbs = _reverse_trie((v, v) for v in verbs_before)
        words = sorted(set(never_inside), key=lambda w: (-len(w), w))
        self._never_inside = re.compile("|".join(map(re.escape, words))) if words else None
        self._open_suffix_set = self.suffixes | {"单位", "组织", "机构"}
        self._open_suffix_lengths = sorted({len(x) for x in self._open_suffix_set}, reverse=True)
        # Every complete name is a head, stems with their suffixes included:
        # the head finder is leftmost-longest, so 工商行政管理部门 must be one
        # key or 工商行政管理部 (a ministry-style name) would hide 部门.
        combos: dict[str, tuple[str, int | None, str | None, bool]] = {}
        for stem, (aid, renamed, allowed) in stems.items():
            for suffix in allowed:
                if len(suffix) > 1:
                    combos.setdefault(stem + suffix, (aid, renamed, suffix, False))
        keys = sorted({*full, *self.suffixes, *combos, *self.generic})
        self._heads: _HeadFinder | _LayeredHeadFinder = _HeadFinder(keys)
        # For each head key: its entry when it is a complete name that can be
        # a mention on its own (the fast path), else None. A leftmost-longest
        # match of a complete name is the longest name ending there.
        quick: list[tuple[str, int | None, str | None, bool] | None] = []
        for k in keys:
            entry = full.get(k) or combos.get(k)
            quick.append(entry if entry and entry[0] and not entry[3] and k not in self.needs_level else None)
        self._quick = quick
        # A generic word (主管部门) after other words of a name (工业产品生产许可证主管部门) is no
        # mention on its own: the fast path checks the character before it.
        self._generic_key = [k in self.generic for k in keys]
        self._owner_ends = frozenset(w[-1] for w in self.owners)
        self._blocked = [k in full and not full[k][0] for k in keys]
        # Characters after which a name may extend leftwards: the ends of
        # separators, owners, level words, 等 and brackets. Before any other
        # character a complete name is a mention by itself.
        self._left_chars = frozenset(
            {w[-1] for w in (*SEPARATORS, *_OPEN_SEPARATORS, *self.owners)} | set(LEVEL_TAIL_CHARS) | set(_PARENS)
            | {"等"})

    # --- items ---------------------------------------------------------------

    def _item(self, text: str, p: int, lo: int, closing: str | None, category: bool) -> Item | None:
        """The longest item ending at ``p``.

        A complete name, a stem + suffix (with an optional bracketed
        alternative: 城市管理（综合行政执法）部门), or a department named by its
        duty; a bare stem only when a suffix it takes closes the list to the
        right (``closing``), or as an example in a category list.
        """
        best: Item | None = None
        if p <= lo:
            return None
        last = text[p - 1]
        hit = _longest_back(self._rfull, text, p, lo) if last in self._rfull else None
        weak_start = -1  # where a weak name that did not count starts: a stem may not read it again
        if hit is not None:
            start, (aid, renamed, closes, weak) = hit
            if not aid:
                return None  # a word that ends like a name but is none (文物保护单位)
            before = text[start - 1] if start > lo else ""
            if (not weak or not before or before in _BOUNDARY or not _CJK.match(before)
                    or (p - start > 2 and before in _LIST_BOUNDARY)):
                best = Item(start, p, aid, renamed, closes, False, start)
            else:
                weak_start = start
        for sstart, suffix in (_all_back(self._rsuffix, text, p, lo) if last in self._rsuffix else ()):
            at = sstart
            if at - 1 > lo and text[at - 1] in _PARENS:
                opening = text.rfind(_PARENS[text[at - 1]], max(lo, at - 16), at - 1)
                if opening > lo:
                    at = opening  # 城市管理（综合行政执法）部门: the stem is before the bracket
            stem = _longest_back(self._rstem, text, at, lo)
            if stem is not None:
                start, (aid, renamed, allowed) = stem
                # 主管 + 部门 is the weak name 主管部门: not a name of its own inside 许可证主管部门.
                if suffix in allowed and (best is None or start < best.start) and start != weak_start:
                    best = Item(start, p, aid, renamed, suffix, False, start)
            elif sstart > lo and text[sstart - 1] == "的" and (best is None or best.start >= sstart):
                # 负有…职责的部门: the clause, not the bare word 部门, names it.
                best = self._functional(text, sstart, lo, p, suffix) or best
        if last in self._rgeneric and (best is None or self._task_before(text, best, lo)):
            # 工业产品生产许可证主管部门: a task the registry does not know before a generic word names
            # a body of its own, not the bare competent department.
            named = self._named_body(text, p, lo)
            if named is not None and (best is None or named.start < best.start):
                best = named
        if best is None and (closing or category) and last in _PARENS and p - 2 > lo:
            # 水务（海洋）等部门: a bare stem with its bracketed alternative.
            opening = text.rfind(_PARENS[last], max(lo, p - 16), p - 1)
            if opening > lo and text[opening - 1] in self._rstem:
                stem = _longest_back(self._rstem, text, opening, lo)
                if stem is not None:
                    start, (aid, renamed, allowed) = stem
                    if closing in allowed or category:
                        return Item(start, p, aid, renamed, None, category and closing not in allowed, start)
        if best is None and (closing or category) and last in self._rstem:
            stem = _longest_back(self._rstem, text, p, lo)
            if stem is not None:
                start, (aid, renamed, allowed) = stem
                if closing in allowed:
                    best = Item(start, p, aid, renamed, None, False, start)
                elif category:
                    best = Item(start, p, aid, renamed, None, True, start)
        return best

    def _functional(self, text: str, sstart: int, lo: int, p: int, suffix: str) -> Item | None:
        """A body named by a relative clause: 负有…职责的部门, 确定的部门, 接到投诉的部门."""
        m = _FUNCTION.search(text, max(lo, sstart - 40), sstart)
        if m is not None:
            aid = self.designated_id if m.group("designated") else self.responsible_id
            return Item(m.start(), p, aid, None, suffix, False, m.start()) if aid else None
        # Any other clause: back from 的 to punctuation or a function word.
        i = sstart - 1
        limit = max(lo, i - CLAUSE_MAX)
        while i > limit and _CJK.match(text[i - 1]) and text[i - 1] not in _CLAUSE_STOP \
                and not self._breaks_name(text, i - 1, sstart):
            i -= 1
        if sstart - 1 - i < 2:
            return None
        department = "部门" in suffix or "机关" in suffix
        aid = self.responsible_id if department else self.described_id
        return Item(i, p, aid, None, suffix, False, i) if aid else None

    def _named_body(self, text: str, p: int, lo: int) -> Item | None:
        """A body the registry does not list, named by what it is for + a generic word.

        会展业主管部门 is the competent department for exhibitions,
        交通建设工程造价管理机构 a specialised agency: the registry knows what
        kind of body it is, and the text's words say which. The name runs back
        from the generic word to punctuation or a function word (at most
        ``CLAUSE_MAX`` characters); a level word in front stays a level word.
        """
        for wstart, aid in reversed(_all_back(self._rgeneric, text, p, lo)):
            i = wstart
            limit = max(lo, wstart - CLAUSE_MAX)
            # 等 ends a list (教育、民政等行政部门), it is never inside a body's name; nor is a verb
            # (建立…联席会议), nor a function word, unless its character is inside a word (许可证).
            while i > limit and _CJK.match(text[i - 1]) and text[i - 1] != "等":
                if text[i - 1] in _CLAUSE_STOP and not self._inside_word(text, i - 1):
                    break
                if self._breaks_name(text, i - 1, wstart):
                    break
                # (A verb right before the generic word names its task: 政策实施主管部门.)
                if i < wstart and text[i - 1] in self._rverbs and _longest_back(self._rverbs, text, i, lo) is not None:
                    break
                if i < wstart and _longest_back(self._rowner, text, i, lo) is not None:
                    break  # 国务院 + 工业产品生产许可证主管部门: the owner is not part of the name
                i -= 1
            if wstart - i < 2:
                continue
            # 市交通建设工程造价管理机构, 县级以上地方…主管部门: the level words are not part of the name.
            for k in range(min(10, wstart - i - 2), 0, -1):
                if k >= 3 or text[i:i + 2] not in _NOT_LEVEL_WORDS:
                    scope = level_tail(text, i + k, i)
                    if scope == i:
                        return Item(i + k, p, aid, None, None, False, i + k)
            return Item(i, p, aid, None, None, False, i)
        return None

    def _task_before(self, text: str, item: Item, lo: int) -> bool:
        """Whether ``item`` is a bare generic word (主管部门) with more words of a name right before it."""
        if text[item.start:item.end] not in self.generic or item.start <= lo:
            return False
        before = text[item.start - 1]
        return (bool(_CJK.match(before)) and before not in _BOUNDARY and before not in _LIST_BOUNDARY
                and _longest_back(self._rowner, text, item.start, lo) is None)

    def _breaks_name(self, text: str, k: int, end: int) -> bool:
        """Whether a name may not run back to ``k`` (its words would hold 应当, 会同, 由 …: 林业部门应当会同生态环境)."""
        return self._never_inside is not None and self._never_inside.match(text, k, end) is not None

    def _inside_word(self, text: str, k: int) -> bool:
        """Whether the character at ``k`` is inside a two-character word (可 in 许可, 经 in 经营)."""
        return text[k - 1:k + 1] in self.inside_words or text[k:k + 2] in self.inside_words

    def _unknown(self, text: str, p: int, lo: int, closing: str | None, category: bool) -> int | None:
        """Start of an unknown list item ending at ``p``, or None.

        Accepted only where the list certainly goes on: the item is preceded
        by 、 after a known item (in a category list, after any item), or
        directly by an owning government (县级以上人民政府供销合作、财政等部门).
        A list's first item is not otherwise delimited, so an unknown one is
        left out of the mention rather than guessed at.
        """
        i = p
        limit = max(lo, p - UNKNOWN_MAX)
        while i > limit and text[i - 1] != "、" and _CJK.match(text[i - 1]) and not self._breaks_name(text, i - 1, p):
            i -= 1
            if not category:
                owner = _longest_back(self._rowner, text, i, lo)
                if owner is not None and owner[1] not in self.needs_level:
                    return i  # not after bare 政府: 政府领导、民政部门牵头 names no department 领导
        if i == p:
            return None
        if i <= lo:
            return None
        if text[i - 1] != "、":
            return None
        if category:
            return i
        if self._item(text, i - 1, lo, closing, False) is None:
            return None
        return i

    def _widen(self, text: str, item: Item, lo: int, closing: str, category: bool) -> Item:
        """The item widened to the longer stem it ends (政务服务数据管理 for 数据管理) where the list goes on before that.

        A known stem right after other characters, in a list closed by a
        suffix, ends a longer stem the registry does not know: the list
        goes on past it, and the name is written whole.
        """
        if item.actor_id is None or item.start <= lo or item.start != item.name_start \
                or not _CJK.match(text[item.start - 1]) or text[item.start:item.end] in self.full:
            return item  # a complete name (乡镇人民政府) takes level words and owners, not a longer stem
        ustart = self._unknown(text, item.end, lo, closing, category)
        # Only after 、: a stem after an owner (人民政府及其财政、…) is known as it stands.
        if ustart is None or ustart >= item.start or text[ustart - 1] != "、" or "及其" in text[ustart:item.start]:
            return item
        # The known stem is the body meant (城乡水务 is the water department); the name keeps its words.
        return item._replace(start=ustart, name_start=ustart)

    def _closer(self, text: str, end: int, lo: int) -> Item | None:
        """等部门 / 等机构 ending at ``end``: the last stem of the list it closes, ending there."""
        for sstart, suffix in reversed(_all_back(self._rsuffix, text, end, lo)):
            if sstart - 1 >= lo and text[sstart - 1] == "等":
                inner = self._item(text, sstart - 1, lo, suffix, False)
                if inner is not None:
                    return inner._replace(closing=inner.closing or suffix)
                # An unlisted last item after a listed one (统计、监察、政府信息公开等主管部门).
                ustart = self._unknown(text, sstart - 1, lo, suffix, False)
                if ustart is not None:
                    return Item(ustart, sstart - 1, None, None, suffix, False, ustart)
        return None

    def _government_part(self, text: str, end: int, lo: int) -> Item | None:
        """国务院部门, 人民政府工作部门: the departments of a named government, an open set."""
        if "relevant-departments" not in self.open_ids:
            return None
        for part in _GOVERNMENT_PARTS:
            start = end - len(part)
            if start > lo and text.startswith(part, start):
                owner = _longest_back(self._rowner, text, start, lo)
                if owner is not None and self.owners[owner[1]] is None:
                    return Item(start, end, "relevant-departments", None, "部门", False, start)
        return None

    def _generic(self, text: str, end: int, lo: int) -> Item | None:
        """有关部门、机构: a bare 机构 / 部门 after a separator adds "other such bodies"."""
        for word, aid in _GENERIC_ITEMS.items():
            start = end - len(word)
            if start <= lo or not text.startswith(word, start) or aid not in self.open_ids:
                continue
            sep = _longest_back(self._rsep, text, start, lo)
            if sep is not None and self._item(text, sep[0], lo, None, False) is not None:
                return Item(start, end, aid, None, None, False, start)
        return None

    def _open_word(self, text: str, item: Item) -> str:
        """The words of an open item that leave the list open: 有关 in 有关部门, 其他有关 in 其他有关部门."""
        written = text[item.name_start if item.name_start >= 0 else item.start:item.end]
        for n in self._open_suffix_lengths:
            if written[-n:] in self._open_suffix_set:
                return written[:-n]
        return written

    def _attach(self, text: str, item: Item, lo: int) -> Item:
        """The item with the owner and the level words in front of it (县级以上人民政府 + 财政部门)."""
        p = item.start
        owner = level_start = level_end = None
        aid = item.actor_id
        if p <= lo or (text[p - 1] not in self._left_chars and text[p - 1] != "的"):
            return item
        if (text[p - 1] == "的" and aid is not None and aid in self.level_takers and aid not in self.government_ids
                and p - 1 > lo and text[p - 2] in self._rowner):
            # 省、自治区、直辖市人民政府的市场监督管理部门: a government's department, with 的 between.
            hit = _longest_back(self._rowner, text, p - 1, lo)
            if hit is not None and self.owners[hit[1]] is None:
                owner, p = hit[1], hit[0]
        if owner is None and aid not in self.government_ids and text[p - 1] in self._rowner:
            hit = _longest_back(self._rowner, text, p, lo)
            if hit is not None:
                allowed = self.owners[hit[1]]
                if aid is None:
                    # An unknown name (供销合作 in 人民政府供销合作、财政等部门)
                    # can belong to a government, not to another owner.
                    owned = allowed is None
                else:
                    owned = aid in allowed if allowed is not None else aid in self.level_takers
                if owned:
                    owner = hit[1]
                    p = hit[0]
        if owner is not None or (aid is not None and aid in self.level_takers):
            tail = level_tail(text, p, lo)
            if tail is not None:
                level_start, level_end = tail, p
                p = tail
        if p == item.start:
            return item
        return item._replace(start=p, name_start=item.start, owner=owner,
                             level_start=level_start, level_end=level_end)

    # --- mentions ------------------------------------------------------------

    def parse_back(self, text: str, end: int, lo: int = 0, head: Item | None = None) -> Parsed | None:
        """Parse the mention that ends at ``end``, reading backwards; None if there is none."""
        open_list: str | None = None
        # 发展改革、财政等行政管理部门: a suffix after 等 closes a list of stems, even where the
        # suffix is also a name of its own (行政管理部门, 主管部门 name the competent department).
        if end - lo > 2 and "等" in text[max(lo, end - 9):end - 1]:
            closer = self._closer(text, end, lo)
            if closer is not None:
                head, open_list = closer, "等"
        if head is None:
            head = self._item(text, end, lo, None, False)
        if head is None:
            head = self._closer(text, end, lo)
            if head is not None:
                open_list = "等"
            else:
                head = self._government_part(text, end, lo) or self._generic(text, end, lo)
            if head is None:
                return None
        elif text[head.start:head.end] in self.needs_level:
            # 政府 alone is a word (政府采购, 政府信息); with a level word or as
            # an owner it names a government (市政府, 政府有关部门).
            tail = level_tail(text, head.start, lo)
            if tail is None:
                return None
        if open_list == "等" and head.closing:
            head = self._widen(text, head, lo, head.closing, False)
        head = self._attach(text, head, lo)
        items = [head]
        p = head.start
        closing = head.closing
        category = False
        if (head.actor_id in self.category_ids and open_list is None and p - 1 > lo
                and text[p - 1] == "等" and not text.startswith("等", p - 2)):
            # 报刊、网络等媒体: what comes before 等 are examples of the category.
            category = True
            q = p - 1
            nxt = self._item(text, q, lo, None, True)
            if nxt is None:
                ustart = self._unknown(text, q, lo, None, True)
                nxt = Item(ustart, q, None, None, None, True, ustart) if ustart is not None else None
            if nxt is not None:
                if nxt.actor_id == head.actor_id:
                    nxt = nxt._replace(example=True)
                items.append(nxt)
                p = nxt.start
        while True:
            right = items[-1]
            sep = None
            if right.actor_id in self.open_ids and right.name_start == right.start:
                for candidate in _OPEN_SEPARATORS[::-1]:
                    if p - len(candidate) >= lo and text.startswith(candidate, p - len(candidate)):
                        sep = candidate
                        break
            if sep is None:
                hit = _longest_back(self._rsep, text, p, lo) if p > lo and text[p - 1] in self._rsep else None
                sep = hit[1] if hit is not None else None
            if sep is None:
                break
            q = p - len(sep)
            nxt = None
            if q - lo > 2 and "等" in text[max(lo, q - 9):q - 1]:
                # 文化旅游、教育等主管部门和人民团体: a closed sublist, even where its closing
                # noun (主管部门) is also a name of its own.
                nxt = self._closer(text, q, lo)
                if nxt is not None and open_list is None:
                    open_list = "等"
            if nxt is None:
                nxt = self._item(text, q, lo, closing, category)
            if nxt is None:
                # 卫生健康、应急管理等部门和医疗机构: a closed sublist.
                nxt = self._closer(text, q, lo)
                if nxt is not None and open_list is None:
                    open_list = "等"
            if nxt is None and (closing or category):
                ustart = self._unknown(text, q, lo, closing, category)
                if ustart is not None:
                    nxt = Item(ustart, q, None, None, None, category, ustart)
            if nxt is None:
                break
            if closing:
                nxt = self._widen(text, nxt, lo, closing, category)
            if category and nxt.actor_id == head.actor_id:
                nxt = nxt._replace(example=True)  # 报刊 in 报刊、网络等媒体 is the category again
            if right.actor_id in self.open_ids and open_list is None:
                open_list = sep + self._open_word(text, right)
            if not nxt.example:
                nxt = self._attach(text, nxt, lo)
            items.append(nxt)
            p = nxt.start
            if nxt.closing:
                closing = nxt.closing
        if open_list is None and head.actor_id in self.open_ids:
            open_list = self._open_word(text, head) or None
        items.reverse()
        return Parsed(p, end, tuple(items), open_list)

    def scan(self, text: str) -> list[tuple[int, int, int | Parsed]]:
        """Every maximal mention in ``text``, in text order, never overlapping.

        Each is (start, end, key index) for a complete name standing alone
        (the common case, kept cheap), else (start, end, parsed), with the
        parse's offsets into ``text``.
        """
        found: list[tuple[int, int, int | Parsed]] = []
        matches = self._heads.matches(text)
        quick = self._quick
        blocked = self._blocked
        floor = len(text) + 1
        i = len(matches) - 1
        while i >= 0:
            key, start, end = matches[i]
            i -= 1
            if end > floor:
                continue
            entry = quick[key]
            if entry is not None and (start == 0 or self._stands_alone(text, start, key)):
                found.append((start, end, key))
                floor = start
                continue
            if blocked[key]:
                continue
            # A complete name found by the head finder is the head as it
            # stands (leftmost-longest: nothing longer ends here).
            head = None if entry is None else Item(start, end, entry[0], entry[1], entry[2], False, start)
            parsed = self.parse_back(text, end, 0, head=head)
            if parsed is None:
                continue
            clash = self._clash(parsed.start, matches, i)
            if clash is not None:
                # Give the overlap to the name that starts first, and read
                # this mention again from where that name ends.
                parsed = self.parse_back(text, end, clash)
                if parsed is None or self._clash(parsed.start, matches, i) is not None:
                    continue
            found.append((parsed.start, end, parsed))
            floor = parsed.start
        found.reverse()
        return found

    def _stands_alone(self, text: str, start: int, key: int) -> bool:
        """Whether the complete name at ``start`` is a mention by itself: nothing before it can extend it."""
        before = text[start - 1]
        if before in self._left_chars:
            return False
        if before == "的":
            # 人民政府的市场监督管理部门: a government's department.
            return not (start >= 2 and text[start - 2] in self._owner_ends)
        # A generic word (主管部门) right after another word names that word's body, not a mention of its own.
        return not (self._generic_key[key] and _CJK.match(before)
                    and before not in _BOUNDARY and before not in _LIST_BOUNDARY)

    @functools.cached_property
    def _key_index(self) -> dict[str, int]:
        return {k: i for i, k in enumerate(self._heads.keys)}

    def derive(self, extra: dict[str, tuple[str, int | None, str | None, bool]]) -> Scanner:
        """This scanner with more complete names (a regulation's defined terms), built in time linear in ``extra``.

        Everything else is shared with this scanner; the parse cache starts
        empty because parses near the new names may read differently.
        """
        new = copy.copy(self)
        new.full = {**self.full, **extra}
        rfull = self._rfull
        for key, value in extra.items():
            rfull = _trie_insert(rfull, key, value)
        new._rfull = rfull
        known = self._key_index
        added = [k for k in extra if k not in known]
        new._heads = _LayeredHeadFinder(self._heads, added)
        new._quick = [*self._quick, *(None for _ in added)]
        new._generic_key = [*self._generic_key, *(False for _ in added)]
        new._blocked = [*self._blocked, *(False for _ in added)]
        # A defined term may also redefine a word that was a head already (（以下简称单位）).
        for key, value in extra.items():
            index = known[key] if key in known else len(self._heads.keys) + added.index(key)
            new._quick[index] = value if value[0] and not value[3] and key not in self.needs_level else None
            new._blocked[index] = not value[0]
        return new

    def quick_item(self, key: int, start: int, end: int) -> Parsed:
        """The Parsed form of a fast-path mention (a complete name alone)."""
        aid, renamed, closing, _weak = self._quick[key]  # type: ignore[misc]
        item = Item(start, end, aid, renamed, closing, False, start)
        return Parsed(start, end, (item,), self._open_word_text(self._heads.keys[key]) if aid in self.open_ids else None)

    def _open_word_text(self, written: str) -> str | None:
        for n in self._open_suffix_lengths:
            if written[-n:] in self._open_suffix_set:
                return written[:-n] or None
        return written or None

    @staticmethod
    def _clash(start: int, matches: list[tuple[int, int, int]], i: int) -> int | None:
        """Where a head that starts before the mention and ends inside it ends, if any.

        A mention read backwards can reach into a name the head finder
        already segmented (a stem + suffix whose stem's first characters end
        an earlier name); the name that starts first wins, as a reader
        segments.
        """
        while i >= 0 and matches[i][2] > start:
            if matches[i][1] < start:
                return matches[i][2]
            i -= 1
        return None
