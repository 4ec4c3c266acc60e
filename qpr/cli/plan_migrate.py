"""``qpr plan migrate PLAN --from OLD --to NEW -o PLAN2.xlsx``: a 任务分工表 carried to a new version."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qpr.analysis.duties import LEVELS
from qpr.cli._common import emit
from qpr.errors import UsageError


def register(plan_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    m = plan_sub.add_parser(
        "migrate",
        help="carry a 任务分工表 from one version of the regulation to the next",
        description="Renumbers each task's 条款 to the new version (articles aligned by content, 款 and 项 by text)\n"
                    "and marks it: unchanged, moved, duty changed, duty removed, lead no longer bears it.\n"
                    "Duties of the new version that no task carries are appended as rows with no 牵头单位 to fill in.\n"
                    "Then `qpr coverage PLAN2 --regulation NEW` checks the result.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    m.add_argument("plan", metavar="PLAN", help="the plan written for OLD: .csv, .xlsx, .json or .yaml")
    m.add_argument("--from", dest="old", metavar="OLD", required=True, help="the version the plan was written for")
    m.add_argument("--to", dest="new", metavar="NEW", required=True, help="the new version")
    m.add_argument("--level", choices=LEVELS, help="append only new duties that bind this level (a county's plan)")
    m.add_argument("--input-format", choices=("text", "markdown", "html", "docx"), help="read OLD and NEW as this format")
    m.add_argument("--strict", action="store_true", help="stop with exit status 3 at the first numbering problem")
    m.add_argument("--format", "-f", choices=("xlsx", "csv", "json", "table", "markdown"),
                   help="output format (default: from the -o suffix, else table)")
    m.add_argument("--output", "-o", metavar="PATH", help="write to PATH (atomically)")
    m.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from qpr.analysis.compare import compare
    from qpr.analysis.migrate import migrate_plan
    from qpr.cli.diff import load_version
    from qpr.plans import read_plan
    from qpr.render import render_frame
    from qpr.render.compare import migrated_plan_frame

    fmt = args.format or {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".md": "markdown"}.get(
        Path(args.output).suffix.lower() if args.output else "", "table")
    if fmt == "xlsx" and not args.output:
        raise UsageError("--format xlsx needs -o FILE.xlsx")
    comparison = compare(load_version(args.old, args), load_version(args.new, args))
    parties = {d.actor for d in comparison.old_reading.duties if d.actor and not d.actor_id}
    plan = read_plan(args.plan, comparison.old, known_parties=parties)
    for problem in plan.problems:
        print(f"qpr: warning: {plan.source}: {problem}", file=sys.stderr)
    migration = migrate_plan(plan, comparison, level=args.level)
    frame = migrated_plan_frame(migration)
    if fmt == "xlsx":
        from qpr.render.excel import frames_to_xlsx

        emit(args, frames_to_xlsx({"任务分工表": frame}))
    elif fmt == "csv":
        emit(args, ("\ufeff" if args.output else "") + render_frame(frame, "csv"))
    else:
        emit(args, render_frame(frame, fmt, max_width=40 if fmt == "table" else None))
    counts = ", ".join(f"{n} {s}" for s, n in migration.counts.items() if n)
    print(f"qpr: {len(plan.tasks)} tasks carried to 《{migration.new_title}》: {counts}", file=sys.stderr)
    return 0
