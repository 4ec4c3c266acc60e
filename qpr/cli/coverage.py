"""``qpr coverage``: does a 任务分工表 cover the regulation's duties, and assign them to their bearers?"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qpr.analysis.coverage import check_plan
from qpr.analysis.duties import LEVELS
from qpr.cli._common import emit
from qpr.duties import extract
from qpr.errors import ExitStatus, UsageError
from qpr.plans.read import PLAN_COLUMNS
from qpr.render import render_frame

#: The first header of each plan column, as a warning lists them.
PLAN_HEADERS = "、".join(names[0] for names in PLAN_COLUMNS.values())


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "coverage",
        help="check a 任务分工表 (CSV, Excel, JSON, YAML) against the regulation's duties",
        description="Reports duties with no task, tasks led by a unit the regulation does not name for them,\n"
                    "bearers the plan leaves out, tasks that point at no duty, and coverage per actor and article.\n"
                    "Exits with status 1 when coverage is below --min, for use in a planning office's own checks.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("plan", metavar="PLAN", help="the plan: .csv, .xlsx, .json or .yaml with 条款 and 牵头单位 columns")
    p.add_argument("--regulation", "-r", metavar="FILE", help="the regulation (default: the built-in Sichuan draft)")
    p.add_argument("--input-format", choices=("text", "markdown", "html", "docx"), help="read FILE as this format")
    p.add_argument("--level", choices=LEVELS, help="check only the duties that bind this level (a county's plan)")
    p.add_argument("--min", type=float, metavar="PERCENT", help="exit with status 1 if coverage is below PERCENT")
    p.add_argument("--format", "-f", choices=("table", "markdown", "csv", "json", "xlsx"), default="table")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="xlsx sheet names and headers (default: zh)")
    p.add_argument("--output", "-o", metavar="PATH", help="write to PATH (atomically)")
    p.set_defaults(run=run, strict=False)


def run(args: argparse.Namespace) -> int:
    import qpr
    from qpr.plans import read_plan

    if Path(args.plan).is_dir():
        raise UsageError(f"{args.plan}: PLAN is a folder; give one plan file (.csv, .xlsx, .json or .yaml)")
    reg = qpr.load(args.regulation, format=args.input_format) if args.regulation else qpr.load()
    reading = extract(reg)
    parties = {d.actor for d in reading.duties if d.actor and not d.actor_id}
    plan = read_plan(args.plan, reg, registry=reading.registry, known_parties=parties)
    for header in plan.ignored_columns:
        print(f"qpr: warning: {plan.source}: column {header!r} was not read: it is not one of the plan's columns "
              f"({PLAN_HEADERS}) or repeats one", file=sys.stderr)
    report = check_plan(reading, plan, level=args.level)
    percent = round(report.overall * 100, 1)
    findings = report.findings.drop(columns=["article", "paragraph", "item"])
    if args.format == "xlsx":
        from qpr.render.labels import localized_workbook

        emit(args, localized_workbook({"findings": findings, "by_actor": report.by_actor.reset_index(),
                                       "by_article": report.by_article.reset_index()}, args.lang))
    elif args.format == "json":
        payload = {
            "regulation": reg.title, "plan": plan.source, "level": args.level, "coverage": percent,
            "duties": int(len(report.duties)), "covered": int(report.duties["covered"].sum()),
            "findings": json.loads(findings.to_json(orient="records", force_ascii=False)),
            "by_actor": json.loads(report.by_actor.reset_index().to_json(orient="records", force_ascii=False)),
            "by_article": json.loads(report.by_article.reset_index().to_json(orient="records", force_ascii=False)),
        }
        emit(args, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        emit(args, render_frame(findings, "csv"))
    else:
        head = (f"{reg.title}: {plan.source} covers {percent}% of {len(report.duties)} duties"
                + (f" binding the {args.level} level" if args.level else "") + "\n\n")
        if findings.empty:
            text = head + "No findings: every duty has a task led or joined by a body the regulation names.\n"
        else:
            text = head + render_frame(findings[["kind", "provision", "actor", "task_row", "message"]], args.format,
                                       max_width=70 if args.format == "table" else None)
        text += "\n" + render_frame(report.by_actor.reset_index(), args.format)
        emit(args, text)
    if args.min is not None and percent < args.min:
        print(f"qpr: coverage {percent}% is below --min {args.min}%", file=sys.stderr)
        return ExitStatus.CHECK_FAILED
    return 0
