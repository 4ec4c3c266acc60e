"""``qpr plan template``: a 任务分工表 pre-filled from the regulation, ready to edit."""

from __future__ import annotations

import argparse

from qpr.analysis.duties import LEVELS
from qpr.analysis.matrix import TASK_COLUMNS, task_table
from qpr.cli._common import add_input, add_lang, emit, load_input
from qpr.duties import extract
from qpr.render import render_frame


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("plan", help="implementation plans (任务分工表)",
                       description="Work with implementation plans (任务分工表).")
    plan_sub = p.add_subparsers(dest="plan_command", metavar="SUBCOMMAND")
    t = plan_sub.add_parser(
        "template",
        help="write a 任务分工表 pre-filled from the regulation",
        description="One row per provision that obliges someone: 序号, 条款, 任务内容, 牵头单位 (the first-named bearer),\n"
                    "配合单位 (other bearers and partners), 完成时限 (deadline or recurrence; 长期 when none), 备注.\n"
                    "A duty the regulation gives no one is a row too, its 牵头单位 left for you to fill (at every\n"
                    "--level). Left unchanged it covers the regulation 100% (qpr coverage).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input(t)
    t.add_argument("--level", choices=LEVELS, help="only the duties that bind this level (a county's plan), with "
                                                    "units named as the level has them (县市场监督管理局)")
    add_lang(t, "headers and unit names (en: the registry's English names, which qpr coverage reads back)")
    t.add_argument("--format", "-f", choices=("xlsx", "csv", "json", "table", "markdown"),
                   help="output format (default: from the -o suffix, else table)")
    t.add_argument("--output", "-o", metavar="PATH", help="write to PATH (atomically)")
    t.set_defaults(run=run_template)
    from qpr.cli.plan_migrate import register as register_migrate

    register_migrate(plan_sub)
    p.set_defaults(run=lambda args: (p.print_help(), 2)[1])


def run_template(args: argparse.Namespace) -> int:
    from pathlib import Path

    reg = load_input(args)
    reading = extract(reg)
    table = task_table(reading, level=args.level, lang=args.lang)[TASK_COLUMNS]
    fmt = args.format or {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".md": "markdown"}.get(
        Path(args.output).suffix.lower() if args.output else "", "table")
    if fmt == "xlsx":
        from qpr.render.labels import localized_workbook

        emit(args, localized_workbook({"tasks": table}, args.lang))
        return 0
    if args.lang == "en":
        from qpr.render.labels import localize

        table = localize(table, "en")
    if fmt == "csv":
        # Excel and WPS open UTF-8 CSV correctly only with a BOM.
        emit(args, ("\ufeff" if args.output else "") + render_frame(table, "csv"))
    elif fmt == "json":
        emit(args, render_frame(table, "json"))
    else:
        emit(args, render_frame(table, fmt, max_width=40 if fmt == "table" else None))
    return 0
