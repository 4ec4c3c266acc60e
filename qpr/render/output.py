"""Writing output files all at once or not at all, without destroying what the path names.

A regular file (new or existing) is written to a temporary file beside it and
renamed over it when complete, so a failure never leaves a partly written
file; the existing file's mode (and, where we may, its owner) is kept. What is
not a regular file is written through, as the shell's ``>`` would: a device
(``/dev/null``, a terminal), a FIFO, the file a symlink points at (the link
stays a link). Renaming over those would replace the device or the link with
a plain file. Every OS error becomes an :class:`~qpr.errors.OutputError`
(exit status 4) naming the path; a reader closing our standard output
(``qpr duties | head -1``) is a :class:`BrokenPipeError`, which the CLI ends
quietly on, as Unix tools do.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from qpr.errors import OutputError

STDOUT = "<stdout>"


def write_output(path: str | os.PathLike[str] | None, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path``, or to stdout when ``path`` is None or "-".

    A regular file is replaced atomically (its mode kept); a device, FIFO or
    a symlink's target is written through. Raises :class:`OutputError` for
    any OS error, :class:`BrokenPipeError` when stdout's reader has gone.
    """
    if path is None or str(path) == "-":
        _write_stdout(data)
        return
    target = Path(path)
    shown = os.fspath(path)  # as the user wrote it: Path() would drop a leading ./
    raw = data if isinstance(data, bytes) else data.encode(encoding)
    try:
        info: os.stat_result | None = os.stat(target)  # follows a symlink to what it names
    except FileNotFoundError:
        info = None  # new, or a dangling symlink: created where the link points
    except OSError as exc:
        raise _error(shown, exc) from exc
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError("cannot write: it is a folder, not a file", source=shown)
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_through(target, shown, raw)
    else:
        _replace(shown, Path(os.path.realpath(target)), raw, info)


def _replace(shown: str, real: Path, raw: bytes, info: os.stat_result | None) -> None:
    """Write ``raw`` beside ``real`` and rename it over ``real``; ``shown`` is the path the user gave."""
    directory = real.parent
    if not directory.is_dir():
        raise OutputError(f"cannot write: folder {Path(shown).parent} does not exist", source=shown)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".part", dir=directory)
    except OSError as exc:  # a read-only folder or file system
        raise _error(shown, exc) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        # mkstemp creates the file private (0600): give it the mode the file had, else a plain open()'s.
        os.chmod(tmp, stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask())
        if info and (info.st_uid, info.st_gid) != _owner(tmp):
            try:  # root writing over a user's file leaves it theirs
                os.chown(tmp, info.st_uid, info.st_gid)
            except OSError:
                pass
        os.replace(tmp, real)
    except BaseException as exc:  # an OS error, or SIGINT/SIGTERM mid-write: no partial file either way
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _error(shown, exc) from exc
        raise


def _write_through(target: Path, shown: str, raw: bytes) -> None:
    """Write to a device or FIFO in place: there is no file to replace, and nothing partial to remove."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0))
        try:
            _write_all(fd, raw)
        finally:
            os.close(fd)
    except OSError as exc:  # a FIFO whose reader went away too: to the user it is a file
        raise _error(shown, exc) from exc


def _write_all(fd: int, raw: bytes) -> None:
    view = memoryview(raw)
    while view:
        view = view[os.write(fd, view):]


def _write_stdout(data: str | bytes) -> None:
    stream = sys.stdout
    if stream is None:  # started with stdout closed (`qpr duties >&-`)
        raise OutputError("cannot write: standard output is closed", source=STDOUT)
    try:
        if isinstance(data, bytes):
            stream.flush()
            stream.buffer.write(data)
        else:
            stream.write(data)
        stream.flush()
    except BrokenPipeError:
        _discard_stdout()
        raise
    except OSError as exc:
        _discard_stdout()
        raise _error(STDOUT, exc) from exc


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that Python's flush at exit does not fail again with a second message."""
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fileno)
    finally:
        os.close(devnull)


def _error(shown: str, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.EPIPE:
        reason = "the reader closed it"
    return OutputError(f"cannot write: {reason}", source=shown)


def _owner(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
