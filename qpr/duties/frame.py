"""Duties as a tidy DataFrame and as ANNOTATION.md's JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd

from qpr.duties.model import Duty

__all__ = ["DUTY_COLUMNS", "duty_record", "to_frame", "to_jsonl"]

DUTY_COLUMNS = [
    "article", "paragraph", "item", "actor", "actor_id", "actor_name", "role", "modality", "level", "condition",
    "action", "recurrence", "deadline", "basis", "confident", "note", "start", "end", "rules", "evidence_start",
    "evidence_end",
]


def _article_value(article: str) -> int | str:
    # ANNOTATION.md: 第二十一条 -> 21, 第十条之一 -> "10-1".
    return int(article) if article.isdigit() else article


def duty_record(d: Duty) -> dict[str, object]:
    """One duty in the interchange format of ANNOTATION.md, plus qpr's own fields."""
    return {
        "article": _article_value(d.article),
        "paragraph": d.paragraph,
        "item": d.item,
        "actor": d.actor,
        "role": str(d.role),
        "modality": str(d.modality),
        "level": d.level,
        "actor_id": d.actor_id,
        "actor_name": d.actor_name,
        "condition": d.condition,
        "action": d.action,
        "recurrence": d.recurrence,
        "deadline": d.deadline,
        "basis": d.basis,
        "confident": d.confident,
        "note": d.note,
        "start": d.span.start,
        "end": d.span.end,
        "rules": list(d.rules),
        "evidence_start": d.evidence.start if d.evidence else None,
        "evidence_end": d.evidence.end if d.evidence else None,
    }


def to_frame(duties: Iterable[Duty]) -> pd.DataFrame:
    """One row per (provision, actor, role), in text order.

    ``item`` is a nullable integer column; ``actor`` and ``actor_id`` are None
    for a duty nobody is assigned to.
    """
    rows = [duty_record(d) for d in duties]
    frame = pd.DataFrame(rows, columns=DUTY_COLUMNS)
    frame["article"] = frame["article"].astype(str)
    frame["item"] = frame["item"].astype("Int64")
    frame["evidence_start"] = frame["evidence_start"].astype("Int64")
    frame["evidence_end"] = frame["evidence_end"].astype("Int64")
    return frame


def to_jsonl(duties: Iterable[Duty]) -> str:
    return "".join(json.dumps(duty_record(d), ensure_ascii=False) + "\n" for d in duties)
