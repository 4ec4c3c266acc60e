"""Writing output files all at once or not at all."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from qpr.errors import OutputError


def write_output(path: str | os.PathLike[str] | None, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically, or to stdout when ``path`` is None or "-".

    The data goes to a temporary file beside the target and is renamed over it
    only when complete, so a failure never leaves a partly written file.
    """
    if path is None or str(path) == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
        return
    target = Path(path)
    raw = data if isinstance(data, bytes) else data.encode(encoding)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {target}: folder {directory} does not exist", source=str(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        # mkstemp creates the file private (0600); give it the mode a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}", source=str(target)) from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
