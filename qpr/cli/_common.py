"""Arguments and input handling shared by the subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from qpr.model import Regulation
from qpr.render import write_output


def add_input(parser: argparse.ArgumentParser, *, many: bool = False) -> None:
    if many:
        parser.add_argument("file", nargs="*", metavar="FILE",
                            help="the regulation (text, Markdown, HTML or .docx; '-' for stdin); default: the built-in "
                                 "Sichuan draft. Several files or a folder: read them all, on --jobs processes")
        parser.add_argument("--jobs", "-j", type=_positive_int, metavar="N",
                            help="with several files, read them on N processes (default: every core)")
        parser.add_argument("--scheduler", metavar="ADDRESS",
                            help="with several files, read them on the Dask cluster whose scheduler is at ADDRESS "
                                 "(tcp://HOST:8786; needs pip install 'qpr[dask]', and qpr and the files on its workers)")
    else:
        parser.add_argument("file", nargs="?", metavar="FILE",
                            help="the regulation (text, Markdown, HTML or .docx; '-' for stdin); default: the built-in "
                                 "Sichuan draft")
    parser.add_argument("--input-format", choices=("text", "markdown", "html", "docx"),
                        help="read FILE as this format instead of guessing from its name and content")
    parser.add_argument("--strict", action="store_true",
                        help="stop with exit status 3 at the first numbering problem instead of warning")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more; got {text!r}")
    return value


def add_output(parser: argparse.ArgumentParser, formats: tuple[str, ...], default: str = "table") -> None:
    parser.add_argument("--format", "-f", choices=formats, default=default, help=f"output format (default: {default})")
    parser.add_argument("--output", "-o", metavar="PATH", help="write to PATH (atomically) instead of standard output")


def add_lang(parser: argparse.ArgumentParser, what: str = "workbook sheet names and headers") -> None:
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help=f"{what} (default: zh)")


def is_batch(args: argparse.Namespace) -> bool:
    """Whether FILE names several regulations (more than one path, or a folder)."""
    files = args.file if isinstance(args.file, list) else [args.file] if args.file else []
    return len(files) > 1 or any(f not in ("-", "") and Path(f).is_dir() for f in files)


def load_input(args: argparse.Namespace) -> Regulation:
    import qpr

    # A command that takes several files (qpr duties) has a list, even for one file.
    file = (args.file[0] if args.file else None) if isinstance(args.file, list) else args.file
    if file is None:
        reg = qpr.load(strict=args.strict)
    elif file == "-":
        reg = qpr.parse(sys.stdin.buffer.read(), name="<stdin>", format=args.input_format, strict=args.strict)
    else:
        reg = qpr.load(file, format=args.input_format, strict=args.strict)
    for problem in reg.problems:
        print(f"qpr: warning: {reg.source}:{problem.line}: {problem.message}", file=sys.stderr)
    return reg


#: The arguments that name files a command reads, and those that name files it writes.
INPUT_ARGS = ("file", "plan", "regulation", "table", "registry", "old", "new", "compare")
OUTPUT_ARGS = ("output", "plot")


def check_output_paths(args: argparse.Namespace) -> None:
    """Refuse, before any work, an output path that is one of the inputs (or the other output).

    ``-o law.md`` with ``law.md`` read would replace the regulation with the
    report; two outputs on one path would leave only the second. Paths are
    compared as files (:func:`os.path.samefile`), so a symlink or another
    spelling of an input is caught too; a folder's regulations count as inputs.
    """
    from qpr.errors import UsageError

    outputs = [(name, str(value)) for name in OUTPUT_ARGS
               if isinstance(value := getattr(args, name, None), (str, os.PathLike)) and str(value) not in ("", "-")]
    if not outputs:
        return
    named = [getattr(args, name, None) for name in INPUT_ARGS]
    inputs = [str(p) for value in named for p in (value if isinstance(value, list) else [value])
              if isinstance(p, (str, os.PathLike)) and str(p) not in ("", "-")]
    existing = [(option, out) for option, out in outputs if os.path.exists(out)]
    if existing:  # only then is there anything to overwrite (and the folder expansion worth importing)
        from qpr.duties.batch import expand_paths

        inputs = expand_paths(inputs)
    for option, out in existing:
        for path in inputs:
            if _same_file(out, path):
                raise UsageError(f"{_flag(option)} {out} is the input file {path}: writing there would destroy it; "
                                 "choose another output path")
    if len(outputs) == 2 and os.path.abspath(os.path.realpath(outputs[0][1])) == os.path.abspath(
            os.path.realpath(outputs[1][1])):
        raise UsageError(f"-o and --plot both name {outputs[0][1]}: the second would replace the first")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # a missing input is reported when it is read
        return False


def _flag(option: str) -> str:
    return "-o" if option == "output" else f"--{option}"


def emit(args: argparse.Namespace, data: str | bytes) -> None:
    write_output(getattr(args, "output", None), data)
