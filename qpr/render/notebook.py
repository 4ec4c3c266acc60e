"""How qpr's results show in a notebook (``_repr_html_``): tables of their rows, not reprs.

A :class:`~qpr.duties.Reading` and a :class:`~qpr.analysis.CoverageReport`
call these from their ``_repr_html_``; a responsibility matrix is a
DataFrame and shows as pandas draws it. Long tables stop at ``limit`` rows
and say how many more there are and where to find them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from qpr.render.html import render_template
from qpr.render.vocabulary import MODALITY_ZH, ROLE_ZH, level_zh

if TYPE_CHECKING:
    from qpr.analysis.coverage import CoverageReport
    from qpr.duties.model import Reading

__all__ = ["coverage_html", "reading_html"]

LIMIT = 60


def _table(frame: pd.DataFrame, *, title: str = "", limit: int = LIMIT, where: str = "") -> dict[str, Any]:
    shown = frame.head(limit)
    return {"title": title, "columns": [str(c) for c in shown.columns],
            "rows": [list(row) for row in shown.itertuples(index=False, name=None)],
            "more": max(len(frame) - limit, 0), "where": where}


def reading_html(reading: Reading, *, limit: int = LIMIT) -> str:
    """The reading's duties as a table: provision, party, role, force, level, the clause."""
    rows = [(str(d.provision), d.actor_name or d.actor or "（未明确责任主体）", ROLE_ZH.get(d.role.value, d.role.value),
             MODALITY_ZH.get(d.modality.value, d.modality.value), level_zh(d.level), d.action)
            for d in reading.duties]
    frame = pd.DataFrame(rows, columns=["条款", "责任主体", "角色", "力度", "层级", "条文"])
    table = _table(frame, limit=limit, where="reading.duties")
    where = f"{reading.jurisdiction.name}, " if reading.jurisdiction is not None else ""
    summary = (f"{where}{len(reading.duties)} duties in {len(reading.clauses)} clauses"
               + (f", {len(reading.unread)} unread" if reading.unread else ""))
    return render_template("notebook.html.j2", kind="reading", heading=reading.title, summary=summary, tables=[table])


def coverage_html(report: CoverageReport, *, limit: int = LIMIT) -> str:
    """The overall figure, the findings and the coverage per party."""
    covered = int(report.duties["covered"].sum()) if len(report.duties) else 0
    level = f" binding the {report.level} level" if report.level else ""
    summary = f"{report.overall * 100:.1f}% of {len(report.duties)} duties{level} covered ({covered})"
    findings = report.findings[["kind", "provision", "actor", "task_row", "message"]]
    tables = [_table(findings, title="Findings", limit=limit, where="report.findings"),
              _table(report.by_actor.reset_index(), title="By party", limit=limit, where="report.by_actor")]
    return render_template("notebook.html.j2", kind="coverage", heading="Plan coverage", summary=summary,
                           tables=tables)
