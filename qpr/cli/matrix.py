"""``qpr matrix``: who must do what, actors x articles."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from qpr.analysis.duties import LEVELS
from qpr.analysis.matrix import (
    TASK_COLUMNS,
    actor_summary,
    responsibility_matrix,
    task_table,
)
from qpr.cli._common import add_input, add_output, emit, load_input
from qpr.duties import extract, to_frame
from qpr.errors import UsageError
from qpr.render import render_frame


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "matrix",
        help="the responsibility matrix: actors x articles, each cell what the actor must do there",
        description="Rows are the parties the regulation names, columns its articles (or provisions).\n"
                    "Cells: 主 must (应当), 可 may (可以), 禁 must not (不得), 协 joins a lead (会同), 励 encouraged;\n"
                    "with --lang en: S, M, N, P, E. The xlsx output adds the 任务分工表 and per-actor summaries.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input(p)
    p.add_argument("--level", choices=LEVELS, help="only what binds a body at this level of government")
    p.add_argument("--by", choices=("article", "provision"), default="article", help="columns (default: article)")
    p.add_argument("--government", action="store_true", help="only governments and their departments")
    p.add_argument("--split-levels", action="store_true", help="one row per actor and level instead of per actor")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="cell codes, headers, sheet names and actor names (default: zh; en: the registry's English names)")
    p.add_argument("--names", choices=("regulation", "canonical"), default="regulation",
                   help="name each body as the regulation does (default) or by today's canonical name")
    p.add_argument("--plot", metavar="PNG_OR_SVG", help="also draw the matrix as a heatmap to this file")
    add_output(p, ("table", "markdown", "csv", "xlsx", "json"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.plot:
        from qpr.render.plot import PLOT_SUFFIXES

        if Path(args.plot).suffix.lower() not in PLOT_SUFFIXES:
            raise UsageError(f"--plot {args.plot}: cannot draw to that kind of file; name it .png or .svg")
    reg = load_input(args)
    reading = extract(reg)
    duties = to_frame(reading.duties)
    names = {"names": args.names, "lang": args.lang, "registry": reading.registry}
    matrix = responsibility_matrix(duties, by=args.by, level=args.level, government_only=args.government,
                                   collapse_levels=not args.split_levels, **names)
    if args.plot:
        from qpr.render.plot import matrix_heatmap

        matrix_heatmap(matrix, args.plot, title=reg.title + (f" ({args.level})" if args.level else ""))
    if args.format == "xlsx":
        from qpr.render.labels import localized_workbook

        emit(args, localized_workbook({
            "matrix": _with_ids(matrix),
            "tasks": task_table(duties, level=args.level, **names)[TASK_COLUMNS],
            "actors": actor_summary(duties, **names).reset_index(),
        }, args.lang))
        return 0
    frame = _with_ids(matrix)
    if args.format == "json":
        import json

        payload = {"title": reg.title, "index": matrix.index.name, "columns": [str(c) for c in matrix.columns],
                   "rows": {str(a): {str(c): v for c, v in row.items() if v} for a, row in matrix.iterrows()},
                   "actor_ids": matrix.attrs.get("actor_ids", {})}
        emit(args, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return 0
    emit(args, render_frame(frame, args.format))
    return 0


def _with_ids(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix with its row names as a column and each body's registry id beside its name."""
    frame = matrix.reset_index()
    frame.insert(1, "actor_id", frame.iloc[:, 0].map(matrix.attrs.get("actor_ids", {})))
    return frame
