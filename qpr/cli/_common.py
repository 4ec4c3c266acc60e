"""Arguments and input handling shared by the subcommands."""

from __future__ import annotations

import argparse
import sys

from qpr.model import Regulation
from qpr.render import write_output


def add_input(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help="the regulation (text, Markdown, HTML or .docx; '-' for stdin); default: the built-in Sichuan draft")
    parser.add_argument("--input-format", choices=("text", "markdown", "html", "docx"),
                        help="read FILE as this format instead of guessing from its name and content")
    parser.add_argument("--strict", action="store_true",
                        help="stop with exit status 3 at the first numbering problem instead of warning")


def add_output(parser: argparse.ArgumentParser, formats: tuple[str, ...], default: str = "table") -> None:
    parser.add_argument("--format", "-f", choices=formats, default=default, help=f"output format (default: {default})")
    parser.add_argument("--output", "-o", metavar="PATH", help="write to PATH (atomically) instead of standard output")


def load_input(args: argparse.Namespace) -> Regulation:
    import qpr

    if args.file is None:
        reg = qpr.load(strict=args.strict)
    elif args.file == "-":
        reg = qpr.parse(sys.stdin.buffer.read(), name="<stdin>", format=args.input_format, strict=args.strict)
    else:
        reg = qpr.load(args.file, format=args.input_format, strict=args.strict)
    for problem in reg.problems:
        print(f"qpr: warning: {reg.source}:{problem.line}: {problem.message}", file=sys.stderr)
    return reg


def emit(args: argparse.Namespace, data: str | bytes) -> None:
    write_output(getattr(args, "output", None), data)
