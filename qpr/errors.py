"""qpr's errors: one base class, each also the builtin a caller would expect.

Every error carries structured fields (the file, the line, the offending text)
and a message that says what was expected, so the CLI can print one line and a
notebook user can act on it without reading a traceback.
"""

from __future__ import annotations

__all__ = [
    "ExitStatus",
    "InputError",
    "NoArticlesError",
    "OutputError",
    "ParseError",
    "QprError",
    "RegistryError",
    "UnknownActorError",
    "UsageError",
]

import enum


class ExitStatus(enum.IntEnum):
    """The CLI's documented exit statuses (README, "Exit status")."""

    OK = 0
    #: A check ran and failed (coverage below --min, --strict found problems).
    CHECK_FAILED = 1
    #: The command line itself was wrong (argparse's own convention).
    USAGE = 2
    #: An input file could not be read or understood.
    BAD_INPUT = 3
    #: An output file could not be written.
    BAD_OUTPUT = 4


class QprError(Exception):
    """Base class of every error qpr raises on purpose."""

    exit_status: ExitStatus = ExitStatus.BAD_INPUT

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(QprError, ValueError):
    """The input is not a readable text: binary, empty, undecodable, missing."""


class ParseError(QprError, ValueError):
    """The text was read but its structure is wrong (raised in strict mode)."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 article: str | None = None, text: str | None = None) -> None:
        self.article = article
        self.text = text
        super().__init__(message, source=source, line=line)


class NoArticlesError(ParseError):
    """The text holds no 第X条 article at the start of a line."""


class RegistryError(QprError, ValueError):
    """An actor registry file (built-in or the user's) is malformed."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 entry: str | None = None) -> None:
        self.entry = entry
        super().__init__(message, source=source, line=line)


class UnknownActorError(QprError, LookupError):
    """A name that no actor in the registry answers to."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no actor is called {name!r}{hint}")


class UsageError(QprError, ValueError):
    """Options that do not go together (``--format xlsx`` with no ``-o``)."""

    exit_status = ExitStatus.USAGE


class OutputError(QprError, OSError):
    """An output file could not be written; nothing partial is left behind."""

    exit_status = ExitStatus.BAD_OUTPUT
