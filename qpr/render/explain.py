"""An explanation of a provision's reading (qpr explain) as text, Markdown or JSON-ready data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from qpr.analysis.explain import ClauseExplanation
from qpr.duties.lexicon import RuleDoc

__all__ = ["explanation_data", "explanation_text"]


def explanation_text(title: str, label: str, clauses: Sequence[ClauseExplanation], docs: Mapping[str, RuleDoc],
                     *, markdown: bool = False) -> str:
    """Each clause, the rules that read it, and each party with the words that named it and why it got its role."""
    head = f"{title} {label}"
    lines = [f"# {head}" if markdown else head, ""]
    if not clauses:
        lines.append("(no text)")
    for c in clauses:
        clause = c.clause
        where = str(clause.provision)
        lines.append(f"## {where} ({clause.kind})" if markdown else f"{where} [{clause.kind}]")
        lines.append(f"> {clause.text}" if markdown else f"  {clause.text}")
        if clause.reason:
            lines.append(f"  note: {clause.reason}")
        for rule in clause.rules:
            lines.append(f"  - rule {_rule(rule, docs)}")
        for p in c.parties:
            d = p.duty
            who = d.actor or "(nobody named)"
            level = f" {d.level}" if d.level else ""
            lines.append(f"  * {who}: {d.role} {d.modality}{level}" + (f", named by 「{p.named_by}」" if p.named_by else ""))
            for rule in d.rules:
                if rule not in clause.rules:
                    lines.append(f"      {_rule(rule, docs)}")
            if not d.confident:
                lines.append("      (a guess: check it)")
            for where_, body in p.penalties:
                lines.append(f"      enforced by {where_}" + (f" ({body})" if body else ""))
        if clause.kind == "unread":
            lines.append("  ! the extractor could not read this clause: check it by hand")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def explanation_data(title: str, label: str, clauses: Sequence[ClauseExplanation],
                     docs: Mapping[str, RuleDoc]) -> dict[str, Any]:
    return {
        "regulation": title,
        "provision": label,
        "clauses": [{
            "provision": str(c.clause.provision),
            "kind": str(c.clause.kind),
            "text": c.clause.text,
            "note": c.clause.reason,
            "rules": list(c.clause.rules),
            "duties": [{
                "actor": p.duty.actor, "actor_id": p.duty.actor_id, "role": str(p.duty.role),
                "modality": str(p.duty.modality), "level": p.duty.level, "named_by": p.named_by or None,
                "rules": list(p.duty.rules), "confident": p.duty.confident,
                "penalties": [{"provision": where_, "imposed_by": body or None} for where_, body in p.penalties],
            } for p in c.parties],
        } for c in clauses],
        "rules": {r: docs[r].doc for c in clauses for r in c.rules if r in docs},
    }


def _rule(rule: str, docs: Mapping[str, RuleDoc]) -> str:
    doc = docs.get(rule)
    return f"{rule}: {doc.doc}" if doc else rule
