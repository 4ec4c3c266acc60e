"""``qpr basis``: the legal-basis table (立法依据对照表) as citations, sources and a matrix."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from qpr.cli._common import add_input, add_lang, add_output, emit, load_input
from qpr.render import render_frame

if TYPE_CHECKING:
    import pandas as pd

    from qpr.basis import BasisTable

VIEWS = ("citations", "sources", "matrix", "single", "unbased", "findings")
FORMATS = ("table", "markdown", "csv", "xlsx", "json")

# Columns shown in a terminal table; the other formats carry every column.
_TABLE_COLUMNS = {
    "citations": ["article", "number", "source_id", "pinpoint", "quote", "line"],
    "sources": ["source_id", "title", "articles", "citations", "confidence", "variants"],
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "basis",
        help="read the legal-basis table (立法依据对照表): which documents each article rests on",
        description=(
            "Read the regulation's legal-basis table (立法依据对照表; the built-in draft's 附件2),\n"
            "or TABLE for another draft, into one row per citation: the article, the cited\n"
            "document resolved to one source whatever its spelling, the place in it and the\n"
            "passage quoted. Lines the reader could not attribute are reported on stderr.\n\n"
            "views: citations (default), sources (ranked by how many articles rest on each),\n"
            "matrix (articles x sources), single (articles resting on one source only),\n"
            "unbased (articles with no basis), findings (what could not be read).\n"
            "--format json writes everything as one object; --format xlsx (needs -o) writes\n"
            "one sheet per view."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input(p)
    p.add_argument("--table", "-t", metavar="TABLE",
                   help="the draft's own basis table (.txt, .docx or .xlsx with columns 条文 / 条文内容 / 设立依据 / 备注); "
                        "default: the table attached to FILE")
    p.add_argument("--view", choices=VIEWS, default="citations", help="what to show (default: citations)")
    add_output(p, FORMATS)
    add_lang(p, "xlsx sheet names and headers")
    p.set_defaults(run=run)


def _frames(table: BasisTable) -> dict[str, pd.DataFrame]:
    from qpr.basis import (
        articles_without_basis,
        basis_matrix,
        citations_frame,
        findings_frame,
        single_source_articles,
        sources_frame,
    )

    return {
        "citations": citations_frame(table),
        "sources": sources_frame(table),
        "matrix": basis_matrix(table).reset_index(),
        "single": single_source_articles(table),
        "unbased": articles_without_basis(table),
        "findings": findings_frame(table),
    }


def run(args: argparse.Namespace) -> int:
    from qpr.basis import basis_dict, read_basis

    reg = load_input(args)
    table = read_basis(reg, table=args.table)
    for finding in table.findings:
        where = f"{table.source}:{finding.line}" if finding.line else f"{table.source}"
        print(f"qpr: warning: {where}: {finding.message}", file=sys.stderr)
    if args.format == "json":
        data = basis_dict(table)
        data["matrix"] = _frames(table)["matrix"].to_dict(orient="records")
        emit(args, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return 0
    frames = _frames(table)
    if args.format == "xlsx":
        from qpr.render.labels import localized_workbook

        sheets = {"citations": frames["citations"], "sources": frames["sources"], "basis_matrix": frames["matrix"],
                  "single_source": frames["single"], "without_basis": frames["unbased"],
                  "basis_findings": frames["findings"]}
        emit(args, localized_workbook(sheets, args.lang))
        return 0
    frame = frames[args.view]
    if args.format == "table":
        columns = _TABLE_COLUMNS.get(args.view)
        if columns:
            frame = frame[columns]
        emit(args, render_frame(frame, "table", max_width=40))
    else:
        emit(args, render_frame(frame, args.format))
    return 0
