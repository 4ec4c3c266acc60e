"""``qpr articles``: the articles of a regulation as a table, CSV or JSON."""

from __future__ import annotations

import argparse
import json

from qpr.analysis.articles import articles_frame, regulation_dict
from qpr.cli._common import add_input, add_output, emit, load_input
from qpr.render import render_frame


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "articles",
        help="list the articles (条) of a regulation",
        description="List every article with its heading, chapter, number of paragraphs (款) and items (项).\n"
                    "The JSON output holds the whole structure with offsets into the source text.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input(p)
    add_output(p, ("table", "markdown", "csv", "json"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    reg = load_input(args)
    if args.format == "json":
        emit(args, json.dumps(regulation_dict(reg), ensure_ascii=False, indent=2) + "\n")
        return 0
    frame = articles_frame(reg)
    if args.format == "csv":
        emit(args, render_frame(frame, "csv"))
    else:
        emit(args, render_frame(frame, args.format, max_width=60 if args.format == "table" else None))
    return 0
