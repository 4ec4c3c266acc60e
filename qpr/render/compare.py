"""A comparison of two versions rendered: terminal tables, JSON, the 新旧条文对照表 workbook, a side-by-side page.

The analysis (:mod:`qpr.analysis.compare`) decides what changed; this module
only says it. Chinese words for the 对照表 and the page follow the
conventions of published 修改前后对照表: 修改前 | 修改后 | 说明, deletions
struck through, insertions in bold.
"""

from __future__ import annotations

import html
import io
import json
from collections.abc import Iterable

import pandas as pd

from qpr.analysis.align import AlignmentKind
from qpr.analysis.compare import ArticleGroup, Comparison, DutyChange, DutyChangeKind, DutyState
from qpr.analysis.migrate import PlanMigration, TaskStatus
from qpr.numerals import provision_label
from qpr.render.tables import render_frame

__all__ = ["MIGRATED_PLAN_COLUMNS", "comparison_csv", "comparison_html", "comparison_json", "comparison_text", "comparison_xlsx", "describe_duty_change", "migrated_plan_frame"]

KIND_ZH = {
    AlignmentKind.SAME: "未修改", AlignmentKind.CHANGED: "修改", AlignmentKind.SPLIT: "拆分",
    AlignmentKind.MERGED: "合并", AlignmentKind.ADDED: "新增", AlignmentKind.REMOVED: "删除",
}
MODALITY_ZH = {"shall": "应当", "may": "可以", "must_not": "不得", "encouraged": "鼓励"}
ROLE_ZH = {"bearer": "承担", "partner": "配合", "target": "受鼓励"}
CHANGE_ZH = {DutyChangeKind.ADDED: "新增职责", DutyChangeKind.REMOVED: "删除职责", DutyChangeKind.CHANGED: "职责变化"}
_UNASSIGNED = "（未明确责任主体）"
_ACTOR_COLUMNS_ZH = {"party": "主体", "before": "修改前职责", "after": "修改后职责", "added": "新增", "removed": "删除",
                     "changed": "变化", "stronger": "加强", "weaker": "减弱", "articles": "涉及条文"}


# -- words -------------------------------------------------------------------------------------


def _state_zh(s: DutyState) -> str:
    level = f"，{s.level}" if s.level else ""
    return f"{ROLE_ZH[str(s.role)]}·{MODALITY_ZH[str(s.modality)]}{level}"


def describe_duty_change(c: DutyChange) -> str:
    """One line in Chinese: 市场监督管理部门：可以→应当（第九条第一款）."""
    party = c.party or _UNASSIGNED
    if c.change is DutyChangeKind.ADDED:
        return f"新增：{party}（{_state_zh(c.after)}，{c.after.provision}）"  # type: ignore[union-attr,arg-type]
    if c.change is DutyChangeKind.REMOVED:
        return f"删除：{party}（{_state_zh(c.before)}，原{c.before.provision}）"  # type: ignore[union-attr,arg-type]
    b, a = c.before, c.after
    parts = []
    for field in c.fields:
        if field == "modality":
            parts.append(f"{MODALITY_ZH[str(b.modality)]}→{MODALITY_ZH[str(a.modality)]}")  # type: ignore[union-attr]
        elif field == "role":
            parts.append(f"{ROLE_ZH[str(b.role)]}→{ROLE_ZH[str(a.role)]}")  # type: ignore[union-attr]
        elif field == "level":
            parts.append(f"层级 {b.level or '—'}→{a.level or '—'}")  # type: ignore[union-attr]
        elif field == "actor":
            parts.append(f"称谓 {b.actor}→{a.actor}")  # type: ignore[union-attr]
    return f"变化：{party}（{'；'.join(parts)}，{a.provision}）"  # type: ignore[union-attr]


def _state_en(s: DutyState | None) -> str:
    if s is None:
        return ""
    return f"{s.role} {s.modality}" + (f" {s.level}" if s.level else "")


def _article_label(article: str | None) -> str:
    return provision_label(article) if article else ""


def _group_note(g: ArticleGroup, changes: list[DutyChange]) -> str:
    """The 说明 cell: the kind, renumbering, and the group's duty changes, one line per kind of change
    (the details, provision by provision, are in the 职责变化 sheet)."""
    kind = KIND_ZH[g.kind]
    if g.kind is AlignmentKind.SAME and g.old != g.new:
        kind = "未修改（条文序号调整）"
    elif g.kind is AlignmentKind.SPLIT:
        kind = f"拆分为{'、'.join(_article_label(a) for a in g.new)}"
    elif g.kind is AlignmentKind.MERGED:
        kind = f"由{'、'.join('原' + _article_label(a) for a in g.old)}合并"
    lines = [kind]
    for change, label in ((DutyChangeKind.ADDED, "新增职责"), (DutyChangeKind.REMOVED, "删除职责")):
        parties = dict.fromkeys(c.party or _UNASSIGNED for c in changes if c.change is change)
        if parties:
            lines.append(f"{label}：{'、'.join(parties)}")
    lines.extend(dict.fromkeys(describe_duty_change(c) for c in changes if c.change is DutyChangeKind.CHANGED))
    return "\n".join(lines)


def _group_changes(cmp: Comparison) -> dict[int, list[DutyChange]]:
    """Duty changes by group number (a change belongs to the group holding its old or new article)."""
    of_old = {a: g.number for g in cmp.groups for a in g.old}
    of_new = {a: g.number for g in cmp.groups for a in g.new}
    out: dict[int, list[DutyChange]] = {}
    for c in cmp.duties:
        number = of_new.get(c.new) if c.new else of_old.get(c.old)  # type: ignore[arg-type]
        if number is not None:
            out.setdefault(number, []).append(c)
    return out


# -- JSON --------------------------------------------------------------------------------------


def _state_json(s: DutyState | None) -> dict[str, object] | None:
    if s is None:
        return None
    return {"modality": str(s.modality), "level": s.level, "role": str(s.role), "actor": s.actor,
            "provision": str(s.provision), "text": s.text}


def comparison_json(cmp: Comparison) -> str:
    """The issue's JSON: ``articles`` one record per old/new link, ``duties`` one per duty change, and context."""
    payload = {
        "old": {"title": cmp.old_title, "source": cmp.old.source, "articles": len(cmp.old.articles)},
        "new": {"title": cmp.new_title, "source": cmp.new.source, "articles": len(cmp.new.articles)},
        "notes": list(cmp.notes),
        "counts": cmp.counts,
        "articles": [{"old": p.old, "new": p.new, "kind": str(p.kind), "similarity": p.similarity}
                     for p in cmp.articles],
        "duties": [{"old": c.old, "new": c.new, "actor": c.party, "role": str(c.role), "change": str(c.change),
                    "before": _state_json(c.before), "after": _state_json(c.after)} for c in cmp.duties],
        "actors": json.loads(cmp.actors_frame().reset_index().to_json(orient="records", force_ascii=False)),
        "text_changes": [{"old": e.old, "new": e.new, "old_paragraph": e.old_paragraph,
                          "new_paragraph": e.new_paragraph, "deleted": e.deleted, "inserted": e.inserted}
                         for e in cmp.edits],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# -- terminal ----------------------------------------------------------------------------------


def _summary(cmp: Comparison) -> str:
    counts = ", ".join(f"{n} {k}" for k, n in cmp.counts.items() if n)
    by_change = {k: sum(1 for c in cmp.duties if c.change is k) for k in DutyChangeKind}
    duties = ", ".join(f"{n} {k}" for k, n in by_change.items() if n) or "none"
    head = (f"《{cmp.old_title}》 ({len(cmp.old.articles)} articles) -> 《{cmp.new_title}》 "
            f"({len(cmp.new.articles)} articles)\narticles: {counts}\nduty changes: {duties}\n")
    return head + "".join(f"note: {n}\n" for n in cmp.notes)


def _edit_summary(cmp: Comparison) -> dict[int, str]:
    """A short '-deleted +inserted' per group, for the terminal."""
    out: dict[int, list[str]] = {}
    of_pair = {(a, b): g.number for g in cmp.groups for a in g.old for b in g.new}
    for e in cmp.edits:
        number = of_pair.get((e.old, e.new))  # type: ignore[arg-type]
        if number is None:
            continue
        piece = (f"-{e.deleted.strip()}" if e.deleted.strip() else "") + (
            f" +{e.inserted.strip()}" if e.inserted.strip() else "")
        out.setdefault(number, []).append(piece.strip())
    return {k: "; ".join(v) for k, v in out.items()}


def comparison_text(cmp: Comparison, fmt: str) -> str:
    """``table`` or ``markdown``: the summary, who gained and lost what, the changed articles, the duty changes."""
    width = 40 if fmt == "table" else None
    heading = (lambda t: f"\n## {t}\n\n") if fmt == "markdown" else (lambda t: f"\n{t}\n")
    out = [_summary(cmp)]
    actors = cmp.actors_frame()
    actors = actors[(actors["added"] + actors["removed"] + actors["changed"]) > 0].reset_index()
    out.append(heading("Who gained, lost or changed duties"))
    out.append(render_frame(actors, fmt, max_width=width) if len(actors) else "No duty changed.\n")

    edits = _edit_summary(cmp)
    group_of = {(p.old, p.new): p.group for p in cmp.articles}
    rows = [{"old": _article_label(p.old), "new": _article_label(p.new), "kind": str(p.kind),
             "similarity": f"{p.similarity:.2f}" + (" (moved)" if p.out_of_order else ""),
             "text changes": edits.get(group_of[(p.old, p.new)], "") if p.old and p.new else ""}
            for p in cmp.articles if not (p.kind is AlignmentKind.SAME and p.old == p.new)]
    unchanged = sum(1 for p in cmp.articles if p.kind is AlignmentKind.SAME and p.old == p.new)
    out.append(heading(f"Articles ({unchanged} unchanged under the same number not shown)"))
    out.append(render_frame(pd.DataFrame(rows, columns=["old", "new", "kind", "similarity", "text changes"]), fmt,
                            max_width=width * 2 if width else None) if rows else "No article changed.\n")

    duty_rows = [{"change": str(c.change), "party": c.party or _UNASSIGNED,
                  "old": str(c.before.provision) if c.before else "", "new": str(c.after.provision) if c.after else "",
                  "before": _state_en(c.before), "after": _state_en(c.after),
                  "text": (c.after or c.before).text} for c in cmp.duties]  # type: ignore[union-attr]
    out.append(heading("Duty changes"))
    out.append(render_frame(pd.DataFrame(duty_rows, columns=["change", "party", "old", "new", "before", "after", "text"]),
                            fmt, max_width=width) if duty_rows else "No duty changed.\n")
    return "".join(out)


def comparison_csv(cmp: Comparison) -> str:
    """The article links as CSV: old, new, kind, similarity (the JSON ``articles`` list)."""
    return render_frame(cmp.articles_frame()[["old", "new", "kind", "similarity"]], "csv")


# -- the workbook ------------------------------------------------------------------------------


def _rich(runs: Iterable[tuple[str, tuple[tuple[str, bool], ...]]], side: str, whole: bool):  # type: ignore[no-untyped-def]
    """A cell's rich text: each article's label plain, its changed runs marked (struck out or bold)."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    deleted = InlineFont(strike=True, color="C00000")
    inserted = InlineFont(b=True, u="single", color="0050B4")
    mark = deleted if side == "old" else inserted
    parts: list[object] = []
    for k, (article, pieces) in enumerate(runs):
        if k:
            parts.append("\n")
        parts.append(provision_label(article) + "　")
        for text, changed in pieces:
            parts.append(TextBlock(mark, text) if (changed or whole) else text)
    # Plain strings next to each other are one run for Excel; merge them.
    merged: list[object] = []
    for p in parts:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + p
        else:
            merged.append(p)
    # Rich text is never read as a formula, and every cell starts with its 第X条 label anyway.
    return CellRichText(merged)


def _plain(runs: Iterable[tuple[str, tuple[tuple[str, bool], ...]]]) -> str:
    return "\n".join(provision_label(a) + "　" + "".join(t for t, _ in pieces) for a, pieces in runs)


def _wrapped_lines(text: str, width: int) -> int:
    """Lines ``text`` takes in a column ``width`` characters wide (a Chinese character counts two)."""
    import wcwidth

    return sum(max(1, -(-max(wcwidth.wcswidth(line), len(line)) // max(width - 2, 1))) for line in text.split("\n"))


def comparison_xlsx(cmp: Comparison) -> bytes:
    """The 新旧条文对照表 (修改前 | 修改后 | 说明, changes marked in the cells), then the duty changes,
    the per-party summary and the article links as plain sheets."""
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    duties = cmp.duties_frame()
    duties.insert(0, "说明", [describe_duty_change(c) for c in cmp.duties])
    from qpr.render.labels import localized_workbook

    # One language per workbook: the 对照表 is Chinese, so the plain sheets' headers are too.
    plain = localized_workbook({"duty_changes": duties, "actor_changes": cmp.actors_frame(),
                                "article_links": cmp.articles_frame()}, "zh")
    book = load_workbook(io.BytesIO(plain))
    sheet = book.create_sheet("新旧条文对照表", 0)
    sheet.append(["修改前", "修改后", "说明"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
    changes = _group_changes(cmp)
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = (60, 60, 40)
    for r, g in enumerate(cmp.groups, start=2):
        old_runs, new_runs = g.runs("old"), g.runs("new")
        note = _group_note(g, changes.get(g.number, []))
        sheet.cell(r, 1).value = _rich(old_runs, "old", g.kind is AlignmentKind.REMOVED) if g.old else None
        sheet.cell(r, 2).value = _rich(new_runs, "new", g.kind is AlignmentKind.ADDED) if g.new else None
        sheet.cell(r, 3).value = note
        for c in range(1, 4):
            sheet.cell(r, c).alignment = wrap
        # LibreOffice and WPS do not grow a row to fit wrapped rich text: give it the height its longest cell needs.
        texts = (_plain(old_runs), _plain(new_runs), note)
        lines = max(_wrapped_lines(t, w) for t, w in zip(texts, widths))
        sheet.row_dimensions[r].height = min(15 * lines + 4, 409)  # 409 points: Excel's tallest row
    for letter, width in zip("ABC", widths):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    # Printed as 对照表 usually are: landscape, the three columns on one page width, the header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- the page ----------------------------------------------------------------------------------

_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2em; color: #222; line-height: 1.6; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .4em .6em; vertical-align: top; text-align: left; }
th { background: #f2f2f2; }
table.pair td.text { width: 40%; white-space: pre-wrap; }
table.pair td.note { width: 20%; font-size: .9em; white-space: pre-wrap; }
del { color: #c00000; text-decoration: line-through; background: #fde7e7; }
ins { color: #0050b4; text-decoration: underline; font-weight: bold; background: #e6f0fb; }
.label { font-weight: bold; }
.kind { display: inline-block; padding: 0 .4em; border-radius: .3em; background: #eee; font-size: .85em; }
.kind.changed { background: #fff3c4; } .kind.added { background: #d8f0d8; } .kind.removed { background: #f6d5d5; }
.kind.split, .kind.merged { background: #dfe3fb; }
.note { color: #7a4b00; }
tr.same td.text { color: #666; }
"""


def _side_html(runs: Iterable[tuple[str, tuple[tuple[str, bool], ...]]], tag: str, whole: bool) -> str:
    out = []
    for article, pieces in runs:
        body = "".join(f"<{tag}>{html.escape(t)}</{tag}>" if (changed or whole) else html.escape(t)
                       for t, changed in pieces)
        out.append(f'<span class="label">{html.escape(provision_label(article))}</span>　{body}')
    return "\n".join(out)


def comparison_html(cmp: Comparison) -> str:
    """One self-contained page (no script, no fetched font or style): summary, who changed, the 对照表."""
    esc = html.escape
    changes = _group_changes(cmp)
    actors = cmp.actors_frame()
    actors = actors[(actors["added"] + actors["removed"] + actors["changed"]) > 0]
    actor_rows = "".join(
        f"<tr><td>{esc(str(p))}</td>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>"
        for p, row in zip(actors.index, actors.itertuples(index=False, name=None)))
    actor_head = "".join(f"<th>{esc(_ACTOR_COLUMNS_ZH.get(c, c))}</th>" for c in ["party", *actors.columns])
    rows = []
    for g in cmp.groups:
        old = _side_html(g.runs("old"), "del", g.kind is AlignmentKind.REMOVED) if g.old else ""
        new = _side_html(g.runs("new"), "ins", g.kind is AlignmentKind.ADDED) if g.new else ""
        note = _group_note(g, changes.get(g.number, []))
        first, _, rest = note.partition("\n")
        rows.append(f'<tr class="{g.kind}"><td class="text">{old}</td><td class="text">{new}</td>'
                    f'<td class="note"><span class="kind {g.kind}">{esc(first)}</span>'
                    f'{"<br>" + esc(rest).replace(chr(10), "<br>") if rest else ""}</td></tr>')
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in cmp.notes)
    counts = "，".join(f"{KIND_ZH[AlignmentKind(k)]} {n}" for k, n in cmp.counts.items() if n)
    title = f"《{cmp.old_title}》新旧条文对照"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{esc(title)}</title>
<style>{_CSS}</style></head>
<body>
<h1>{esc(title)}</h1>
<p>修改前：《{esc(cmp.old_title)}》（{len(cmp.old.articles)}条）　修改后：《{esc(cmp.new_title)}》（{len(cmp.new.articles)}条）<br>
条文：{esc(counts)}；职责变化 {len(cmp.duties)} 项。删除的文字<del>划线</del>，新增的文字<ins>加粗</ins>。</p>
{notes}
<h2>各主体职责变化</h2>
{f'<table><tr>{actor_head}</tr>{actor_rows}</table>' if actor_rows else '<p>无职责变化。</p>'}
<h2>新旧条文对照表</h2>
<table class="pair"><tr><th>修改前</th><th>修改后</th><th>说明</th></tr>
{chr(10).join(rows)}
</table>
</body></html>
"""


# -- a plan carried across ---------------------------------------------------------------------

#: The migrated 任务分工表: the plan's own columns (as ``qpr plan template`` writes them), then what changed.
MIGRATED_PLAN_COLUMNS = ["序号", "条款", "任务内容", "牵头单位", "配合单位", "完成时限", "原条款", "变化", "说明"]

STATUS_ZH = {
    TaskStatus.UNCHANGED: "未变", TaskStatus.MOVED: "条文序号调整", TaskStatus.DUTY_CHANGED: "职责变化",
    TaskStatus.DUTY_REMOVED: "职责删除", TaskStatus.LEAD_NOT_BEARER: "牵头单位不再承担", TaskStatus.NEW_DUTY: "新增职责",
}


def _refs_label(refs: Iterable[object]) -> str:
    return "、".join(provision_label(r.article, r.paragraph, r.item) for r in refs)  # type: ignore[attr-defined]


def migrated_plan_frame(migration: PlanMigration) -> pd.DataFrame:
    """The plan renumbered to the new text: one row per task, then an empty-led row per untasked new duty.

    ``变化`` is the status (``unchanged``, ``moved``, ``duty changed``,
    ``duty removed``, ``lead no longer bears it``, ``new duty``) with its
    Chinese gloss; ``说明`` says what changed. The first six columns are the
    ones ``qpr coverage`` reads, so the sheet is a plan again.
    """
    rows = []
    number = 0
    for t in migration.tasks:
        notes = []
        if t.task is not None and t.old_refs and _refs_label(t.old_refs) != _refs_label(t.new_refs):
            notes.append(f"{_refs_label(t.old_refs)} → {_refs_label(t.new_refs) or '（已删除）'}")
        if t.approximate:
            notes.append("对应的款项未找到，指向整条，请核对")
        if t.status is TaskStatus.LEAD_NOT_BEARER:
            notes.append(f"修改后由{'、'.join(t.bearers) or '（未明确）'}承担")
        if t.status is TaskStatus.NEW_DUTY:
            notes.append(f"法规规定由{'、'.join(t.bearers) or '（未明确责任主体）'}承担，请填写牵头单位")
        notes.extend(describe_duty_change(c) for c in t.changes)
        status = f"{t.status}（{STATUS_ZH[t.status]}）"
        if t.task is not None:
            task = t.task
            lead_parts = [p for p in task.lead.replace("，", "、").split("、") if p.strip()]
            partners = [p for p in task.partners if p not in lead_parts]
            new_label = _refs_label(t.new_refs) if t.task.refs else task.provision
            rows.append({"序号": task.number, "条款": new_label if t.new_refs or not task.refs else "",
                         "任务内容": task.content, "牵头单位": task.lead, "配合单位": "、".join(partners),
                         "完成时限": task.deadline, "原条款": task.provision, "变化": status, "说明": "\n".join(notes)})
            if task.number.isdigit():
                number = max(number, int(task.number))
        else:
            number += 1
            rows.append({"序号": str(number), "条款": _refs_label(t.new_refs), "任务内容": t.content, "牵头单位": "",
                         "配合单位": "", "完成时限": "", "原条款": "", "变化": status, "说明": "\n".join(notes)})
    return pd.DataFrame(rows, columns=MIGRATED_PLAN_COLUMNS)
