"""``qpr diff OLD NEW``: two versions of a regulation compared article by article and duty by duty."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qpr.cli._common import emit, load_input
from qpr.errors import UsageError
from qpr.model import Regulation

FORMATS = ("table", "markdown", "csv", "json", "xlsx", "html")
_SUFFIX_FORMATS = {".xlsx": "xlsx", ".html": "html", ".htm": "html", ".json": "json", ".md": "markdown", ".csv": "csv"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "diff",
        help="compare two versions of a regulation: articles, text, and who gained or lost which duty",
        description="Aligns the articles by content (renumbering, insertions, deletions, splits and merges),\n"
                    "marks the changed words, and compares each aligned provision's duties party by party:\n"
                    "a duty added or removed, or changed in force (可以 -> 应当), level, or role (partner <-> bearer).\n"
                    "-f xlsx writes the 新旧条文对照表 (修改前 | 修改后 | 说明) with the duty changes and a sheet per\n"
                    "party summary; -f html a self-contained side-by-side page.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("old", metavar="OLD", help="the earlier version (text, Markdown, HTML or .docx; '-' for stdin)")
    p.add_argument("new", metavar="NEW", help="the later version")
    p.add_argument("--input-format", choices=("text", "markdown", "html", "docx"),
                   help="read both files as this format instead of guessing")
    p.add_argument("--strict", action="store_true", help="stop with exit status 3 at the first numbering problem")
    p.add_argument("--format", "-f", choices=FORMATS,
                   help="output format (default: from the -o suffix, else table)")
    p.add_argument("--output", "-o", metavar="PATH", help="write to PATH (atomically) instead of standard output")
    p.set_defaults(run=run)


def load_version(path: str, args: argparse.Namespace) -> Regulation:
    """One version, read as every command reads its FILE (numbering problems warned about)."""
    return load_input(argparse.Namespace(file=path, input_format=args.input_format, strict=args.strict))


def output_format(args: argparse.Namespace) -> str:
    return args.format or _SUFFIX_FORMATS.get(Path(args.output).suffix.lower() if args.output else "", "table")


def run(args: argparse.Namespace) -> int:
    from qpr.analysis.compare import compare
    from qpr.render import compare as render

    if args.old == "-" and args.new == "-":
        raise UsageError("only one of OLD and NEW can be standard input")
    fmt = output_format(args)
    if fmt == "xlsx" and not args.output:
        raise UsageError("--format xlsx needs -o FILE.xlsx (a workbook cannot go to the terminal)")
    comparison = compare(load_version(args.old, args), load_version(args.new, args))
    for note in comparison.notes if fmt not in ("table", "markdown") else ():
        print(f"qpr: note: {note}", file=sys.stderr)
    if fmt == "json":
        emit(args, render.comparison_json(comparison))
    elif fmt == "csv":
        emit(args, ("\ufeff" if args.output else "") + render.comparison_csv(comparison))
    elif fmt == "xlsx":
        emit(args, render.comparison_xlsx(comparison))
    elif fmt == "html":
        emit(args, render.comparison_html(comparison))
    else:
        emit(args, render.comparison_text(comparison, fmt))
    return 0
