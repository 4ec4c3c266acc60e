"""Two versions of a regulation compared: which articles became which, what words changed, who gained or lost what.

:func:`compare` aligns the articles (:mod:`qpr.analysis.align`), marks the
character-level changes inside each linked set of articles (what a
新旧条文对照表 marks), and compares the duties of each linked set party by
party: a duty ``added`` or ``removed``, or ``changed`` in its force
(可以 -> 应当), its level of government, its role (partner <-> bearer) or
the name the text gives its bearer. The result is records, with DataFrames
for notebooks and Excel (:meth:`Comparison.articles_frame`,
:meth:`~Comparison.duties_frame`, :meth:`~Comparison.actors_frame`,
:meth:`~Comparison.edits_frame`).
"""

from __future__ import annotations

import enum
import os
from collections.abc import Sequence

import attrs
import pandas as pd
from diff_match_patch import diff_match_patch
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from qpr.actors.registry import Registry
from qpr.analysis.align import AlignmentKind, ArticlePair, align_articles, comparable, sentences
from qpr.analysis.matrix import UNASSIGNED
from qpr.duties.model import Duty, Modality, Provision, Reading, Role
from qpr.model import Regulation
from qpr.numerals import provision_label

__all__ = [
    "ArticleGroup",
    "Comparison",
    "DutyChange",
    "DutyChangeKind",
    "DutyState",
    "TextEdit",
    "compare",
]

#: Linked articles holding less than this share of either text: probably not versions of one regulation.
_UNRELATED_SHARE = 0.3
#: Two duties of one party in linked articles are one duty when their sentences are at least this alike.
_SAME_DUTY = 0.3


class DutyChangeKind(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@attrs.frozen(slots=True)
class DutyState:
    """A duty as one version has it: where, who (as written), role, force, level, and the sentence."""

    provision: Provision
    actor: str | None
    role: Role
    modality: Modality
    level: str | None
    text: str

    @classmethod
    def of(cls, duty: Duty) -> DutyState:
        return cls(duty.provision, duty.actor, duty.role, duty.modality, duty.level, duty.action)


@attrs.frozen(slots=True)
class DutyChange:
    """A party's duty gained, lost or changed between the versions.

    ``party`` is the party's current canonical name (None for a duty nobody
    is assigned to); ``fields`` names what changed for ``changed``: any of
    ``role``, ``modality``, ``level``, ``actor`` (the written name).
    """

    change: DutyChangeKind
    party: str | None
    actor_id: str | None
    before: DutyState | None
    after: DutyState | None
    fields: tuple[str, ...] = ()

    @property
    def old(self) -> str | None:
        return self.before.provision.article if self.before else None

    @property
    def new(self) -> str | None:
        return self.after.provision.article if self.after else None

    @property
    def role(self) -> Role:
        return (self.after or self.before).role  # type: ignore[union-attr]


@attrs.frozen(slots=True)
class TextEdit:
    """One run of changed characters: what was deleted and what inserted, and where (article, 款)."""

    old: str | None
    new: str | None
    old_paragraph: int | None
    new_paragraph: int | None
    deleted: str
    inserted: str


#: A piece of one side of a group's text: (article id, ((text, changed?), ...)).
SideRuns = tuple[tuple[str, tuple[tuple[str, bool], ...]], ...]


@attrs.frozen(slots=True)
class ArticleGroup:
    """A linked set of articles (one pair, a split, a merge, an added or removed article) with its text diff.

    ``diff`` is diff-match-patch's list of (op, text), op -1 deleted, 0 kept,
    1 inserted, over the old articles' texts joined by newlines against the
    new ones'.
    """

    number: int
    kind: AlignmentKind
    old: tuple[str, ...]
    new: tuple[str, ...]
    old_texts: tuple[str, ...]
    new_texts: tuple[str, ...]
    diff: tuple[tuple[int, str], ...]

    def runs(self, side: str) -> SideRuns:
        """The old (``side="old"``) or new text, article by article, as runs marked changed or not."""
        texts, ids, keep = ((self.old_texts, self.old, -1) if side == "old" else (self.new_texts, self.new, 1))
        marks: list[bool] = []
        for op, text in self.diff:
            if op in (0, keep):
                marks.extend([op != 0] * len(text))
        out = []
        start = 0
        for article, text in zip(ids, texts):
            runs: list[tuple[str, bool]] = []
            for k, ch in enumerate(text):
                mark = marks[start + k] if start + k < len(marks) else False
                if runs and runs[-1][1] == mark:
                    runs[-1] = (runs[-1][0] + ch, mark)
                else:
                    runs.append((ch, mark))
            out.append((article, tuple(runs)))
            start += len(text) + 1  # the newline that joined the articles
        return tuple(out)


@attrs.frozen(slots=True)
class Comparison:
    """Two versions compared; see the module docstring.

    ``notes`` say what a reader should know before trusting the result (the
    texts hardly correspond, the titles differ). The regulations and their
    readings are kept so that renderers can quote them.
    """

    old_title: str
    new_title: str
    articles: tuple[ArticlePair, ...]
    groups: tuple[ArticleGroup, ...]
    edits: tuple[TextEdit, ...]
    duties: tuple[DutyChange, ...]
    notes: tuple[str, ...]
    old: Regulation = attrs.field(eq=False, repr=False)
    new: Regulation = attrs.field(eq=False, repr=False)
    old_reading: Reading = attrs.field(eq=False, repr=False)
    new_reading: Reading = attrs.field(eq=False, repr=False)

    def articles_frame(self) -> pd.DataFrame:
        """One row per link: old, new (article ids, None on the side that has none), kind, similarity, group."""
        rows = [{"old": p.old, "new": p.new, "kind": str(p.kind), "similarity": p.similarity, "group": p.group,
                 "out_of_order": p.out_of_order} for p in self.articles]
        return pd.DataFrame(rows, columns=["old", "new", "kind", "similarity", "group", "out_of_order"])

    def edits_frame(self) -> pd.DataFrame:
        rows = [attrs.asdict(e) for e in self.edits]
        frame = pd.DataFrame(rows, columns=[f.name for f in attrs.fields(TextEdit)])
        for column in ("old_paragraph", "new_paragraph"):
            frame[column] = frame[column].astype("Int64")
        return frame

    def duties_frame(self) -> pd.DataFrame:
        """One row per duty change, with the provisions and sentences of both versions."""
        rows = []
        for c in self.duties:
            b, a = c.before, c.after
            rows.append({
                "change": str(c.change), "party": c.party, "actor_id": c.actor_id, "role": str(c.role),
                "fields": "、".join(c.fields),
                "old": c.old, "new": c.new,
                "old_provision": str(b.provision) if b else None, "new_provision": str(a.provision) if a else None,
                "role_before": str(b.role) if b else None, "role_after": str(a.role) if a else None,
                "modality_before": str(b.modality) if b else None, "modality_after": str(a.modality) if a else None,
                "level_before": b.level if b else None, "level_after": a.level if a else None,
                "old_text": b.text if b else None, "new_text": a.text if a else None,
            })
        return pd.DataFrame(rows, columns=_DUTY_COLUMNS)

    def actors_frame(self) -> pd.DataFrame:
        """Per party: duties before and after, gained, lost, changed, made stronger or weaker; most changed first."""
        columns = ["before", "after", "added", "removed", "changed", "stronger", "weaker", "articles"]
        counts: dict[str, dict[str, object]] = {}

        def row(party: str) -> dict[str, object]:
            return counts.setdefault(party, {c: 0 for c in columns[:-1]} | {"articles": []})

        for reading, column in ((self.old_reading, "before"), (self.new_reading, "after")):
            for d in reading.duties:
                r = row(_party_label(d.actor_name or d.actor))
                r[column] = int(r[column]) + 1  # type: ignore[call-overload]
        for c in self.duties:
            r = row(_party_label(c.party))
            r[str(c.change)] = int(r[str(c.change)]) + 1  # type: ignore[call-overload]
            direction = _direction(c)
            if direction:
                r[direction] = int(r[direction]) + 1  # type: ignore[call-overload]
            where = c.new or c.old
            label = provision_label(where) if c.new else f"原{provision_label(where)}"  # type: ignore[arg-type]
            if label not in r["articles"]:  # type: ignore[operator]
                r["articles"].append(label)  # type: ignore[union-attr,attr-defined]
        frame = pd.DataFrame.from_dict(counts, orient="index", columns=columns)
        frame["articles"] = frame["articles"].map("、".join)
        frame.index.name = "party"
        total = frame["added"] + frame["removed"] + frame["changed"]
        frame = frame.assign(_total=total).sort_values(["_total", "after"], ascending=False, kind="stable")
        return frame.drop(columns="_total")

    @property
    def counts(self) -> dict[str, int]:
        """How many links of each kind."""
        out = {str(k): 0 for k in AlignmentKind}
        for p in self.articles:
            out[str(p.kind)] += 1
        return out


_DUTY_COLUMNS = ["change", "party", "actor_id", "role", "fields", "old", "new", "old_provision", "new_provision",
                 "role_before", "role_after", "modality_before", "modality_after", "level_before", "level_after",
                 "old_text", "new_text"]

_MODALITY_RANK = {Modality.ENCOURAGED: 0, Modality.MAY: 1, Modality.SHALL: 2, Modality.MUST_NOT: 2}
_ROLE_RANK = {Role.TARGET: 0, Role.PARTNER: 1, Role.BEARER: 2}


def _direction(change: DutyChange) -> str | None:
    """``stronger`` (可以 -> 应当, partner -> bearer), ``weaker``, or None (a level or name change)."""
    b, a = change.before, change.after
    if change.change is not DutyChangeKind.CHANGED or b is None or a is None:
        return None
    before = (_ROLE_RANK[b.role], _MODALITY_RANK[b.modality])
    after = (_ROLE_RANK[a.role], _MODALITY_RANK[a.modality])
    return "stronger" if after > before else "weaker" if after < before else None


def _party_label(party: str | None) -> str:
    return party or UNASSIGNED["zh"]


# -- the comparison ----------------------------------------------------------------------------


def compare(old: Regulation | str | os.PathLike[str], new: Regulation | str | os.PathLike[str], *,
            registry: Registry | None = None) -> Comparison:
    """Compare two versions of a regulation (Regulation records, or paths qpr can read).

    Works on any two texts qpr reads: a draft against its final text, an
    amendment, or two provinces' regulations on one subject (then similar
    articles are linked and the rest are added or removed, with a note).
    """
    from qpr.duties import extract
    from qpr.reading import read_regulation

    old_reg = old if isinstance(old, Regulation) else read_regulation(old)
    new_reg = new if isinstance(new, Regulation) else read_regulation(new)
    pairs = align_articles(old_reg, new_reg)
    old_reading = extract(old_reg, registry=registry)
    new_reading = extract(new_reg, registry=registry)
    groups = _groups(old_reg, new_reg, pairs)
    edits = tuple(e for g in groups if g.kind not in (AlignmentKind.ADDED, AlignmentKind.REMOVED)
                  for e in _edits(g, old_reg, new_reg))
    duties = tuple(_duty_changes(groups, old_reading, new_reading))
    return Comparison(old_reg.title, new_reg.title, pairs, groups, edits, duties,
                      _notes(old_reg, new_reg, pairs), old_reg, new_reg, old_reading, new_reading)


def _groups(old: Regulation, new: Regulation, pairs: Sequence[ArticlePair]) -> tuple[ArticleGroup, ...]:
    old_order = {a.id: k for k, a in enumerate(old.articles)}
    new_order = {a.id: k for k, a in enumerate(new.articles)}
    members: dict[int, list[ArticlePair]] = {}
    for p in pairs:
        members.setdefault(p.group, []).append(p)
    out = []
    for number, links in members.items():
        old_ids = tuple(sorted({p.old for p in links if p.old}, key=old_order.__getitem__))
        new_ids = tuple(sorted({p.new for p in links if p.new}, key=new_order.__getitem__))
        kinds = {p.kind for p in links}
        kind = next(k for k in (AlignmentKind.SPLIT, AlignmentKind.MERGED, AlignmentKind.CHANGED, AlignmentKind.SAME,
                                AlignmentKind.ADDED, AlignmentKind.REMOVED) if k in kinds)
        if len(new_ids) > 1 and old_ids:
            new_ids = _in_order_of(new_ids, new, "\n".join(old.article(a).text for a in old_ids))
        elif len(old_ids) > 1 and new_ids:
            old_ids = _in_order_of(old_ids, old, "\n".join(new.article(a).text for a in new_ids))
        old_texts = tuple(old.article(a).text for a in old_ids)
        new_texts = tuple(new.article(a).text for a in new_ids)
        out.append(ArticleGroup(number, kind, old_ids, new_ids, old_texts, new_texts,
                                text_diff("\n".join(old_texts), "\n".join(new_texts))))
    return tuple(out)


def _in_order_of(ids: tuple[str, ...], reg: Regulation, other: str) -> tuple[str, ...]:
    """The pieces of a split (or merge) in the order their text takes in the other side.

    Old 第二十七条 may become new 第三十四条 (its first paragraph) and 第三十三条 (its
    second): diffed in that order, each piece lines up with the words it came from.
    """
    target = comparable(other)

    def where(article: str) -> int:
        # Where the first of its sentences that the other side keeps sits there (a short text in a long one).
        found = [fuzz.partial_ratio_alignment(s, target) for s in sentences(reg.article(article).text)
                 if len(s) <= len(target)]
        kept = [a.dest_start for a in found if a is not None and a.score >= 60]
        return min(kept) if kept else len(target)

    return tuple(sorted(ids, key=where))


def text_diff(old: str, new: str) -> tuple[tuple[int, str], ...]:
    """Character-level changes from ``old`` to ``new`` as a person would mark them.

    rapidfuzz finds a longest common subsequence in compiled code (cost
    |old|·|new|/64 word operations, for two articles); diff-match-patch's
    semantic cleanup then folds the scattered one-character agreements a
    raw LCS leaves (的, 和) into the edits around them, so that a rewritten
    phrase shows as one deletion and one insertion.
    """
    if old == new:
        return ((0, old),) if old else ()
    diffs: list[tuple[int, str]] = []
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            diffs.append((0, old[op.src_start:op.src_end]))
        else:
            if op.src_end > op.src_start:
                diffs.append((-1, old[op.src_start:op.src_end]))
            if op.dest_end > op.dest_start:
                diffs.append((1, new[op.dest_start:op.dest_end]))
    engine = diff_match_patch()
    engine.diff_cleanupSemantic(diffs)
    return tuple((op, text) for op, text in diffs if text)


def _line_paragraphs(reg: Regulation, article: str) -> list[int]:
    """The 款 number of each line of the article's text (items are lines of their paragraph)."""
    lines: list[int] = []
    for p in reg.article(article).paragraphs:
        lines.extend([p.number] * p.full_text.count("\n"))
        lines.append(p.number)
    return lines


def _locate(offset: int, ids: tuple[str, ...], texts: tuple[str, ...], reg: Regulation) -> tuple[str | None, int | None]:
    start = 0
    for article, text in zip(ids, texts):
        if offset <= start + len(text):
            line = text[:max(offset - start, 0)].count("\n")
            paragraphs = _line_paragraphs(reg, article)
            return article, paragraphs[min(line, len(paragraphs) - 1)] if paragraphs else None
        start += len(text) + 1
    return (ids[-1], None) if ids else (None, None)


def _edits(group: ArticleGroup, old: Regulation, new: Regulation) -> list[TextEdit]:
    out: list[TextEdit] = []
    old_pos = new_pos = 0
    deleted = inserted = ""
    at: tuple[int, int] | None = None

    def flush() -> None:
        nonlocal deleted, inserted, at
        if at is not None and (deleted.strip() or inserted.strip()):
            oa, op = _locate(at[0], group.old, group.old_texts, old)
            na, np_ = _locate(at[1], group.new, group.new_texts, new)
            out.append(TextEdit(oa, na, op, np_, deleted, inserted))
        deleted = inserted = ""
        at = None

    for op, text in group.diff:
        if op == 0:
            flush()
            old_pos += len(text)
            new_pos += len(text)
            continue
        if at is None:
            at = (old_pos, new_pos)
        if op < 0:
            deleted += text
            old_pos += len(text)
        else:
            inserted += text
            new_pos += len(text)
    flush()
    return out


# -- duties ------------------------------------------------------------------------------------


def _party_key(d: Duty) -> tuple[str, str] | None:
    """One body across versions: its registry id (today's body, so renamed departments match), else its name."""
    if d.actor is None:
        return None
    return ("id", d.actor_id) if d.actor_id else ("name", d.actor_name or d.actor)


def _duty_changes(groups: Sequence[ArticleGroup], old: Reading, new: Reading) -> list[DutyChange]:
    old_by: dict[str, list[Duty]] = {}
    new_by: dict[str, list[Duty]] = {}
    for d in old.duties:
        old_by.setdefault(d.article, []).append(d)
    for d in new.duties:
        new_by.setdefault(d.article, []).append(d)
    out: list[DutyChange] = []
    for g in groups:
        before = [d for a in g.old for d in old_by.get(a, ())]
        after = [d for a in g.new for d in new_by.get(a, ())]
        out.extend(_party_changes(before, after))
    return out


def _party_changes(before: list[Duty], after: list[Duty]) -> list[DutyChange]:
    """Pair one linked set's duties party by party, by how alike their sentences are; report the differences."""
    parties: dict[tuple[str, str] | None, tuple[list[Duty], list[Duty]]] = {}
    for d in before:
        parties.setdefault(_party_key(d), ([], []))[0].append(d)
    for d in after:
        parties.setdefault(_party_key(d), ([], []))[1].append(d)
    changes: list[tuple[tuple[int, ...], DutyChange]] = []
    for olds, news in parties.values():
        scored = []
        for i, o in enumerate(olds):
            for j, n in enumerate(news):
                ratio = fuzz.ratio(comparable(o.action), comparable(n.action)) / 100
                if ratio >= _SAME_DUTY:
                    # Ties (one sentence naming a body at two levels) go to the same level, role, force.
                    bonus = 0.01 * (o.level == n.level) + 0.01 * (o.role == n.role) + 0.005 * (o.modality == n.modality)
                    scored.append((ratio + bonus, i, j))
        used_old: set[int] = set()
        used_new: set[int] = set()
        for _, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
            if i in used_old or j in used_new:
                continue
            used_old.add(i)
            used_new.add(j)
            o, n = olds[i], news[j]
            fields = tuple(f for f, x, y in (("role", o.role, n.role), ("modality", o.modality, n.modality),
                                             ("level", o.level, n.level), ("actor", o.actor, n.actor)) if x != y)
            if fields:
                changes.append((_order(n), DutyChange(DutyChangeKind.CHANGED, _name(n), n.actor_id,
                                                      DutyState.of(o), DutyState.of(n), fields)))
        for i, o in enumerate(olds):
            if i not in used_old:
                changes.append((_order(o, old=True), DutyChange(DutyChangeKind.REMOVED, _name(o), o.actor_id,
                                                                DutyState.of(o), None)))
        for j, n in enumerate(news):
            if j not in used_new:
                changes.append((_order(n), DutyChange(DutyChangeKind.ADDED, _name(n), n.actor_id, None,
                                                      DutyState.of(n))))
    changes.sort(key=lambda c: c[0])
    return [c for _, c in changes]


def _order(d: Duty, old: bool = False) -> tuple[int, ...]:
    return (int(old), d.span.start)


def _name(d: Duty) -> str | None:
    return d.actor_name or d.actor


# -- notes -------------------------------------------------------------------------------------


def _notes(old: Regulation, new: Regulation, pairs: Sequence[ArticlePair]) -> tuple[str, ...]:
    notes = []
    linked = [(p.old, p.new) for p in pairs if p.old and p.new]
    old_len = {a.id: len(comparable(a.text)) for a in old.articles}
    new_len = {a.id: len(comparable(a.text)) for a in new.articles}
    old_share = sum(old_len[a] for a in {o for o, _ in linked}) / max(sum(old_len.values()), 1)
    new_share = sum(new_len[a] for a in {n for _, n in linked}) / max(sum(new_len.values()), 1)
    if min(old_share, new_share) < _UNRELATED_SHARE:
        notes.append(f"few articles correspond ({old_share:.0%} of the old text, {new_share:.0%} of the new): "
                     "these may not be versions of one regulation; the linked articles are only alike")
    if comparable(old.title) != comparable(new.title):
        notes.append(f"the titles differ: 《{old.title}》 and 《{new.title}》")
    moved = [p for p in pairs if p.out_of_order]
    if moved:
        notes.append(f"{len(moved)} article(s) moved against the order of the rest (out_of_order)")
    return tuple(notes)

