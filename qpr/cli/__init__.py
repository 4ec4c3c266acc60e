"""The ``qpr`` command line: one module a subcommand, each with ``register``.

The CLI is the top layer: it parses arguments, calls the library and renders.
Library code never imports it. Every :class:`~qpr.errors.QprError` becomes a
one-line message on stderr and the error's documented exit status.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from qpr.errors import ExitStatus, QprError, UsageError

# Each module has ``register(subparsers)`` which adds its parser and sets ``run``. Its one-line help is
# also here, so ``qpr --help`` lists the commands without importing them (and pandas with them);
# tests/test_cli_start.py checks the two agree.
COMMAND_HELP = {
    "articles": "list the articles (条) of a regulation",
    "actors": "list the actor registry, look a name up, resolve a mention",
    "duties": "list the duties: who must, may or must not do what, in which provision",
    "explain": "why a provision was read as it was: its clauses, the rules that fired, who got which role",
    "matrix": "the responsibility matrix: actors x articles, each cell what the actor must do there",
    "findings": "drafting-quality findings: duties nobody is assigned to, open-ended bearers, …",
    "plan": "implementation plans (任务分工表)",
    "coverage": "check a 任务分工表 (CSV, Excel, JSON, YAML) against the regulation's duties",
    "basis": "read the legal-basis table (立法依据对照表): which documents each article rests on",
    "comments": "write the comment form (意见反馈表) pre-filled from the drafting findings",
    "diff": "compare two versions of a regulation: articles, text, and who gained or lost which duty",
    "report": "one HTML page: metadata, the responsibility matrix, each party's duties, findings, basis, coverage",
}
COMMAND_MODULES = tuple(COMMAND_HELP)

EPILOG = """\
exit status: 0 done; 1 a check failed (e.g. coverage below --min);
2 wrong command line; 3 an input file could not be read or understood
(with --strict, also a numbering problem); 4 an output file could not be
written (also standard output: a full disk, a closed stdout or pipe);
130 interrupted (SIGINT); 143 terminated (SIGTERM).

With no FILE, commands read the built-in regulation, the 2020 draft
《四川省质量促进条例(征求意见稿)》. FILE may be text, Markdown, HTML or .docx
in UTF-8 or GB18030/GBK; "-" reads standard input."""


class _Parser(argparse.ArgumentParser):
    """argparse with qpr's one-line errors: ``qpr duties: argument --kind: …`` and status 2, no usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(ExitStatus.USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser(command: str | None = None, *, stubs: bool = False) -> argparse.ArgumentParser:
    """The whole command line; with ``command``, only that command's module is imported (the others are
    listed by name); with ``stubs``, none is (enough for ``qpr --help`` and ``qpr --version``)."""
    parser = _Parser(
        prog="qpr",
        description="Read a Chinese regulation article by article: who must do what, at which level, with what force.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from qpr import __version__

    parser.add_argument("--version", action="version", version=f"qpr {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        if stubs or (command is not None and name != command):
            sub.add_parser(name, help=COMMAND_HELP[name], add_help=False)
            continue
        try:
            module = importlib.import_module(f"qpr.cli.{name}")
        except ModuleNotFoundError as exc:  # a command still being built
            if exc.name != f"qpr.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


class Terminated(BaseException):
    """SIGTERM arrived (``kill``, ``timeout``): unwind like Ctrl-C, so workers end and no partial file is left."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    on_main_thread = threading.current_thread() is threading.main_thread()  # only it may set handlers
    previous = signal.signal(signal.SIGTERM, _terminate) if on_main_thread else None
    try:
        return _run(argv)
    finally:
        if on_main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(argv: Sequence[str] | None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # Only the command asked for is imported: `qpr --help` and `qpr actors lookup` start in a blink.
    command = next((w for w in words if not w.startswith("-")), None)
    parser = build_parser(command, stubs=command not in COMMAND_HELP)
    args = parser.parse_args(words)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return ExitStatus.USAGE
    from qpr.cli._common import check_output_paths

    try:
        _check_output(args)
        check_output_paths(args)
        return int(args.run(args) or 0)
    except QprError as exc:
        print(f"qpr: {exc}", file=sys.stderr)
        return int(exc.exit_status)
    except BrokenPipeError:
        # `qpr duties | head -1`: the reader has what it wanted. Say nothing, as Unix tools do, but the
        # output was cut short, so the status is the one for an output not written.
        return ExitStatus.BAD_OUTPUT
    except KeyboardInterrupt:
        return 130  # 128 + SIGINT, as the shell reports it
    except Terminated:
        return 143  # 128 + SIGTERM


#: Formats that are files, not text: they need -o.
BINARY_FORMATS = ("xlsx", "docx")


def _check_output(args: argparse.Namespace) -> None:
    """Usage mistakes every command can make, caught before any work: a workbook to the terminal."""
    fmt = getattr(args, "format", None)
    if fmt in BINARY_FORMATS and getattr(args, "output", None) in (None, "-"):
        raise UsageError(f"--format {fmt} writes a binary file, not text: give -o FILE.{fmt}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
