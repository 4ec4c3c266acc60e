"""The one-page HTML report (``qpr report``): layout only; :mod:`qpr.analysis.report` decides the content.

The page is one self-contained file: its style is inline, the responsibility
matrix is an inline SVG whose cells carry the provisions' words as their
``<title>`` (a browser shows it on hover) and link to the provision in the
text at the foot of the page, and nothing is fetched from the network.
"""

from __future__ import annotations

from typing import Any

import attrs

from qpr.analysis.report import RegulationReport, provision_anchor
from qpr.render.comment_form import FINDING_NOTES
from qpr.render.html import records, render_template, text_width
from qpr.render.vocabulary import CELL_COLOURS, CELL_INK, cell_rank

__all__ = ["Heatmap", "report_html"]

#: Geometry of the heatmap, in CSS pixels.
CELL_W, CELL_H = 28, 22
LABEL_PX_PER_COLUMN = 6.5  # a 13px Chinese character is two display columns wide
HEAD_H = 28
#: A party's name longer than this (display columns) is cut in the heatmap, whole in its title.
LABEL_COLUMNS = 40

FACT_LABELS = {
    "issuer": "制定机关", "document_number": "文号", "status": "状态", "published": "公布日期",
    "adopted": "通过日期", "effective": "施行日期", "comment_deadline": "意见截止日期",
    "jurisdiction": "适用地域", "source": "来源文件",
}
STATUS_ZH = {"draft": "草案（征求意见稿）", "adopted": "已通过", "unknown": "未注明"}
COUNT_LABELS = {
    "articles": "条", "chapters": "章", "paragraphs": "款", "items": "项", "clauses": "句（条款单元）",
    "duties": "义务记录", "provisions_with_duty": "设定义务的条款", "parties": "责任主体",
    "unassigned": "未明确主体的义务", "unread": "未能识读的句子", "findings": "起草问题",
}
LEGEND = [("主", "应当（承担）"), ("禁", "不得"), ("可", "可以"), ("协", "会同配合"), ("励", "鼓励支持")]


@attrs.frozen(slots=True)
class Heatmap:
    """The matrix laid out: the names' width, the cells' SVG size, column heads and rows of cells."""

    width: int
    height: int
    label_width: int
    columns: list[dict[str, Any]]
    rows: list[dict[str, Any]]
    cell_width: int = CELL_W
    cell_height: int = CELL_H


def _heatmap(report: RegulationReport) -> Heatmap:
    matrix = report.matrix
    sections = dict(zip(report.parties["party"], report.parties["section"]))
    behind = {(c["actor"], c["column"]): c for c in records(report.cells)}
    labels = [str(a) for a in matrix.index]
    widest = max((min(text_width(a), LABEL_COLUMNS) for a in labels), default=8)
    label_width = int(widest * LABEL_PX_PER_COLUMN) + 16
    columns = [{"x": i * CELL_W, "label": str(c), "anchor": provision_anchor(str(c))} for i, c in enumerate(matrix.columns)]
    rows = []
    for r, actor in enumerate(labels):
        y = HEAD_H + r * CELL_H
        cells = []
        for c, column in enumerate(matrix.columns):
            code = matrix.iat[r, c]
            if not code:
                continue
            cell = behind[(actor, column)]
            rank = cell_rank(code)
            hover = f"{actor} · 第{column}条 [{code}]\n" + "\n".join(
                f"{label}：{words}" for label, words in zip(cell["provisions"], cell["texts"]))
            cells.append({"x": c * CELL_W, "y": y, "code": code, "href": f"#{cell['anchor']}",
                          "fill": CELL_COLOURS[rank], "ink": CELL_INK[rank], "title": hover})
        rows.append({"y": y, "label": _cut(actor), "name": actor, "section": sections.get(actor, ""), "cells": cells})
    width = len(matrix.columns) * CELL_W + 4
    height = HEAD_H + len(labels) * CELL_H + 4
    return Heatmap(width, height, label_width, columns, rows)


def _cut(name: str) -> str:
    if text_width(name) <= LABEL_COLUMNS:
        return name
    out, used = "", 0
    for ch in name:
        used += text_width(ch)
        if used > LABEL_COLUMNS - 2:
            break
        out += ch
    return out + "…"


def _articles(report: RegulationReport) -> list[dict[str, Any]]:
    """The text rows grouped: each article with its chapter heading (where one starts) and its 款 and 项."""
    articles: list[dict[str, Any]] = []
    chapter = None
    for u in records(report.text):
        if u["depth"] == -1:
            chapter = u["label"]
        elif u["depth"] == 0:
            articles.append({**u, "chapter": chapter, "units": []})
            chapter = None
        else:
            articles[-1]["units"].append(u)
    return articles


def _changes(report: RegulationReport) -> dict[str, Any] | None:
    """The version changes in words: links by kind, notes, each duty change, and the parties most changed."""
    cmp = report.comparison
    if cmp is None:
        return None
    from qpr.render.compare import KIND_ZH, describe_duty_change

    counts = [(KIND_ZH[kind], n) for kind, n in ((k, cmp.counts[str(k)]) for k in KIND_ZH) if n]
    rows = [{**row, "description": describe_duty_change(c)}
            for row, c in zip(records(report.changed_duties), cmp.duties)]
    parties = records(cmp.actors_frame().query("added + removed + changed > 0"), index=True)
    return {"old_title": cmp.old_title, "counts": counts, "notes": list(cmp.notes), "duties": rows,
            "parties": parties}


def report_html(report: RegulationReport, *, generator: str = "qpr") -> str:
    """The report as one HTML page (a str, UTF-8 when written)."""
    facts = [(FACT_LABELS[k], STATUS_ZH.get(str(v), v) if k == "status" else v)
             for k, v in report.facts.items() if v not in (None, "")]
    counts = [(COUNT_LABELS[k], v) for k, v in report.counts.items()]
    duties_by_section: dict[str, list[dict[str, Any]]] = {}
    for d in records(report.duties):
        duties_by_section.setdefault(d["section"], []).append(d)
    coverage = None
    if report.coverage is not None:
        c = report.coverage
        coverage = {
            "overall": c.overall, "duties": len(c.duties), "covered": int(c.duties["covered"].sum()),
            "findings": records(report.coverage_findings),
            "by_actor": records(c.by_actor, index=True),
        }
    return render_template(
        "report.html.j2",
        r=report,
        generator=generator,
        facts=facts,
        counts=counts,
        heatmap=_heatmap(report),
        legend=[(code, words, CELL_COLOURS[cell_rank(code)], CELL_INK[cell_rank(code)]) for code, words in LEGEND],
        parties=records(report.parties),
        duties_by_section=duties_by_section,
        findings=records(report.findings),
        finding_zh=FINDING_NOTES,
        articles=_articles(report),
        basis_sources=records(report.basis_sources),
        basis_articles=records(report.basis_articles),
        basis_unbased=records(report.basis_unbased),
        has_basis=report.basis_sources is not None,
        coverage=coverage,
        changes=_changes(report),
    )
