"""Duties as a tidy DataFrame and as ANNOTATION.md's JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd

from qpr.actors.levels import join_level_codes
from qpr.duties.model import Duty

__all__ = ["DUTY_COLUMNS", "duty_record", "interchange_records", "to_frame", "to_jsonl"]

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


def interchange_records(duties: Iterable[Duty]) -> list[dict[str, object]]:
    """ANNOTATION.md's records: one per (provision, actor, role), in text order.

    A Duty is one per level too (县级以上人民政府… and 乡镇人民政府… in one paragraph
    are two duties); the interchange format writes a party named at several
    levels in one provision once, with the levels joined (national+province),
    and the modality and evidence of its first mention.
    """
    out: dict[tuple[object, ...], dict[str, object]] = {}
    for d in duties:
        key = (d.article, d.paragraph, d.item, d.actor, d.role)
        record = out.get(key)
        if record is None:
            out[key] = duty_record(d)
        elif d.level != record["level"]:
            record["level"] = join_level_codes(record["level"], d.level)  # type: ignore[arg-type]
    return list(out.values())


def to_jsonl(duties: Iterable[Duty]) -> str:
    """The duties in ANNOTATION.md's JSON Lines format (see :func:`interchange_records`)."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in interchange_records(duties))
