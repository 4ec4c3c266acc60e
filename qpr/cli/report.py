"""``qpr report``: one self-contained HTML page about a regulation, to read and forward."""

from __future__ import annotations

import argparse

from qpr.analysis.duties import LEVELS
from qpr.cli._common import add_input, emit, load_input


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "report",
        help="one HTML page: metadata, the responsibility matrix, each party's duties, findings, basis, coverage",
        description="Write one self-contained HTML page about the regulation: its metadata and counts; the\n"
                    "responsibility matrix as a heatmap (point at a cell for the provision's words, click to go to it);\n"
                    "one section per party with its duties quoted, their level and force; the drafting findings;\n"
                    "the legal-basis table where the document has one; with --plan, the plan's coverage; with\n"
                    "--compare OLD, what changed since the earlier version.\n"
                    "The page fetches nothing from the network, so it opens on an offline PC.\n\n"
                    "  qpr report -o report.html\n"
                    "  qpr report --plan examples/county-plan.xlsx --level county -o county.html\n"
                    "  qpr report 2024.md --compare 2019.md -o changes.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input(p)
    p.add_argument("--plan", metavar="PLAN", help="also check this 任务分工表 (.csv, .xlsx, .json, .yaml) against the duties")
    p.add_argument("--level", choices=LEVELS, help="only what binds a body at this level of government")
    p.add_argument("--compare", metavar="OLD",
                   help="also say what changed since this earlier version: articles, and duties gained, lost or changed")
    p.add_argument("--table", "-t", metavar="TABLE",
                   help="the draft's legal-basis table (.txt, .docx or .xlsx); default: the table attached to FILE")
    p.add_argument("--output", "-o", metavar="PATH", help="write the page to PATH (atomically) instead of standard output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from qpr import __version__
    from qpr.analysis.report import regulation_report
    from qpr.duties import extract
    from qpr.render.report import report_html

    reg = load_input(args)
    reading = extract(reg)
    plan = basis = None
    if args.plan:
        from qpr.plans import read_plan

        parties = {d.actor for d in reading.duties if d.actor and not d.actor_id}
        plan = read_plan(args.plan, reg, known_parties=parties)
    if args.table:
        from qpr.basis import read_basis

        basis = read_basis(reg, table=args.table)
    comparison = None
    if args.compare:
        from qpr.analysis.compare import compare

        old = load_input(argparse.Namespace(file=args.compare, input_format=args.input_format, strict=args.strict))
        comparison = compare(old, reg)
    report = regulation_report(reg, reading, level=args.level, plan=plan, basis=basis, comparison=comparison)
    emit(args, report_html(report, generator=f"qpr {__version__}"))
    return 0
