"""Scoring a comparison against a hand alignment (articles.json, duty-changes.jsonl) made without qpr."""

from __future__ import annotations

import json
from pathlib import Path

import qpr
from qpr.analysis.compare import Comparison
from qpr.errors import UnknownActorError

DATA = Path(__file__).parent / "data"


def read_hand(name: str) -> tuple[list[dict], list[dict]]:
    folder = DATA / name
    articles = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    duties = [json.loads(line) for line in (folder / "duty-changes.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    return articles, duties


def pair_scores(cmp: Comparison, hand: list[dict]) -> dict[str, float]:
    """Precision, recall, F1 of the linked (old, new) pairs; kind agreement on the pairs both found;
    and the share of articles whose whole set of links is the same (article accuracy)."""
    ours = {(p.old, p.new) for p in cmp.articles if p.old and p.new}
    theirs = {(r["old"], r["new"]) for r in hand if r["old"] and r["new"]}
    hit = ours & theirs
    precision, recall = len(hit) / max(len(ours), 1), len(hit) / max(len(theirs), 1)
    kinds_ours = {(p.old, p.new): str(p.kind) for p in cmp.articles}
    kinds_theirs = {(r["old"], r["new"]): r["kind"] for r in hand}
    agree = sum(kinds_ours[p] == kinds_theirs[p] for p in hit) / max(len(hit), 1)

    def links(pairs: set[tuple[str | None, str | None]], side: int) -> dict[str, frozenset]:
        out: dict[str, set] = {}
        for p in pairs:
            if p[side]:
                out.setdefault(p[side], set()).add(p[1 - side])
        return {k: frozenset(v) for k, v in out.items()}

    all_ours = {(p.old, p.new) for p in cmp.articles}
    all_theirs = {(r["old"], r["new"]) for r in hand}
    old_o, old_t = links(all_ours, 0), links(all_theirs, 0)
    new_o, new_t = links(all_ours, 1), links(all_theirs, 1)
    same = sum(old_o.get(a) == old_t.get(a) for a in old_t) + sum(new_o.get(a) == new_t.get(a) for a in new_t)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / max(precision + recall, 1e-9),
            "kind_agreement": agree, "article_accuracy": same / max(len(old_t) + len(new_t), 1)}


def _actor_matches(name: str, change_party: str | None, change_id: str | None, written: set[str]) -> bool:
    try:
        actor_id = qpr.registry().lookup(name).id
    except UnknownActorError:
        actor_id = None
    if actor_id and change_id:
        return actor_id == change_id
    names = {n for n in written | {change_party} if n}
    return any(name == n or name in n or n in name for n in names)


def duty_recall(cmp: Comparison, hand: list[dict]) -> dict[str, float]:
    """Share of the reader's duty changes that qpr reports: ``found``, any change of that party in that
    article; ``same_kind``, one with the same kind (a level joined differently counts as changed when
    qpr reports the party's record at a level added or removed there)."""
    found = same = 0
    for r in hand:
        hits = []
        for c in cmp.duties:
            if not ((r["old"] and c.old == r["old"]) or (r["new"] and c.new == r["new"])):
                continue
            written = {s.actor for s in (c.before, c.after) if s and s.actor}
            if _actor_matches(r["actor"], c.party, c.actor_id, written):
                hits.append(c)
        if hits:
            found += 1
            kinds = {str(c.change) for c in hits}
            if r["change"] in kinds or (r["change"] == "changed" and kinds & {"added", "removed"}):
                same += 1
    return {"found": found / max(len(hand), 1), "same_kind": same / max(len(hand), 1)}
