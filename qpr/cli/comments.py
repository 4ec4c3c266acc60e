"""``qpr comments``: the comment form (意见反馈表) pre-filled from the drafting findings."""

from __future__ import annotations

import argparse
from pathlib import Path

from qpr.cli._common import add_input, emit, load_input
from qpr.errors import UsageError
from qpr.render import render_frame

FORMATS = ("docx", "xlsx", "table", "markdown", "csv", "json")
_SUFFIXES = {".docx": "docx", ".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".md": "markdown",
             ".txt": "table"}
_BINARY = ("docx", "xlsx")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "comments",
        help="write the comment form (意见反馈表) pre-filled from the drafting findings",
        description="The comment form a call for comments asks for, with its columns 条文序号, 修改意见(增加条款),\n"
                    "设立依据 and 备注: one row per drafting finding (a duty assigned to no one, an open-ended bearer,\n"
                    "a department the 职责 article leaves out, …) with a suggestion to edit and the provision quoted,\n"
                    "the article's cited sources from the draft's legal-basis table, and the kind of problem.\n"
                    "Above the table: 《title》意见反馈表, the deadline and where to send it, as the notice gives them.\n\n"
                    "-o 意见反馈表.docx writes a Word form (landscape A4); -o 意见反馈表.xlsx an Excel one; without -o\n"
                    "the rows are printed as a table.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input(p)
    p.add_argument("--table", "-t", metavar="TABLE",
                   help="the draft's legal-basis table for 设立依据 (.txt, .docx or .xlsx); default: the table attached to FILE")
    p.add_argument("--format", "-f", choices=FORMATS,
                   help="output format (default: from the -o suffix, .docx or .xlsx; table without -o)")
    p.add_argument("--output", "-o", metavar="PATH", help="write to PATH (atomically) instead of standard output")
    p.set_defaults(run=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        fmt: str = args.format
    elif args.output and args.output != "-":
        suffix = Path(args.output).suffix.lower()
        if suffix not in _SUFFIXES:
            raise UsageError(f"cannot tell the format of {args.output!r} from its suffix: "
                             "name it .docx or .xlsx, or give --format")
        fmt = _SUFFIXES[suffix]
    else:
        fmt = "table"
    if fmt in _BINARY and (not args.output or args.output == "-"):
        raise UsageError(f"--format {fmt} writes a binary file: give -o PATH")
    return fmt


def run(args: argparse.Namespace) -> int:
    from qpr.duties import extract
    from qpr.render.comment_form import comment_form_header, comment_rows

    fmt = _format(args)
    reg = load_input(args)
    basis = None
    if args.table:
        from qpr.basis import read_basis

        basis = read_basis(reg, table=args.table)
    rows = comment_rows(extract(reg), reg, basis=basis)
    if fmt == "docx":
        from qpr.render.comment_form import comment_form_docx

        emit(args, comment_form_docx(reg, rows))
    elif fmt == "xlsx":
        from qpr.render.comment_form import comment_form_xlsx

        emit(args, comment_form_xlsx(reg, rows))
    elif fmt in ("csv", "json"):
        # Excel and WPS open UTF-8 CSV correctly only with a BOM.
        emit(args, ("\ufeff" if fmt == "csv" and args.output else "") + render_frame(rows, fmt))
    else:
        header = comment_form_header(reg)
        lines = [f"# {header.title}" if fmt == "markdown" else header.title, ""]
        lines += [f"{label}：{value}" + ("  " if fmt == "markdown" else "") for label, value in header.lines]
        text = "\n".join(lines).rstrip() + "\n\n"
        if fmt == "markdown":  # a line break inside a Markdown table cell would end the row
            rows = rows.apply(lambda column: column.str.replace("\n", "<br>", regex=False))
        emit(args, text + render_frame(rows, fmt, max_width=48 if fmt == "table" else None))
    return 0
