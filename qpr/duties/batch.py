"""Many regulations at once: read and extract a folder of texts on every core.

Researchers compare provinces; a corpus run reads thousands of files. Each
file is read and extracted in a worker process (the work is CPU-bound Python,
so threads would not help), results come back in the order the paths were
given, and a file that cannot be read is reported, not fatal: one bad file in
three thousand should not lose the other readings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import attrs

from qpr.duties.model import Reading

__all__ = ["FileReading", "REGULATION_SUFFIXES", "expand_paths", "read_many"]

#: The file kinds a folder is searched for.
REGULATION_SUFFIXES = (".md", ".txt", ".html", ".htm", ".docx")


@attrs.frozen(slots=True)
class FileReading:
    """What came of one file: its reading, or why there is none.

    ``error`` is the one-line message of the :class:`~qpr.errors.QprError`
    the file raised (no articles, undecodable, missing); ``warnings`` are the
    numbering problems the reader found in a file that was read.
    """

    path: str
    title: str | None
    reading: Reading | None
    error: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.reading is not None


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files named, with each folder replaced by the regulations under it (sorted, recursively).

    A missing path is kept, so that reading it reports the error in its place.
    """
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*"))
                       if f.suffix.lower() in REGULATION_SUFFIXES and f.is_file() and f.name.lower() != "readme.md")
        else:
            out.append(str(path))
    return out


def read_one(path: str, input_format: str | None = None) -> FileReading:
    """Read and extract one file; a :class:`~qpr.errors.QprError` becomes the result's ``error``."""
    from qpr.duties.extract import extract
    from qpr.errors import QprError
    from qpr.reading import read_regulation

    try:
        reg = read_regulation(path, format=input_format)
    except QprError as exc:
        return FileReading(path, None, None, str(exc))
    warnings = tuple(f"{reg.source}:{p.line}: {p.message}" for p in reg.problems)
    return FileReading(path, reg.title, extract(reg), None, warnings)


def _warm() -> None:
    from qpr.actors import registry
    from qpr.duties.lexicon import lexicon

    registry()
    lexicon()


def _read_one_star(job: tuple[str, str | None]) -> FileReading:
    return read_one(*job)


def read_many(paths: Sequence[str | os.PathLike[str]], *, jobs: int | None = None, input_format: str | None = None,
              progress: bool = False) -> Iterator[FileReading]:
    """Read and extract every file in ``paths`` (folders expanded), in order, on ``jobs`` processes.

    ``jobs`` defaults to every core; 1 reads in this process. ``progress``
    draws a bar on standard error (the CLI asks for one only on a terminal).
    The results are the same whatever ``jobs`` is.
    """
    from tqdm import tqdm

    files = expand_paths(paths)
    jobs = jobs or os.cpu_count() or 1
    work = [(f, input_format) for f in files]
    bar = tqdm(total=len(files), disable=not progress, unit="file", desc="reading")
    try:
        if jobs == 1 or len(files) < 2:
            for job in work:
                yield _read_one_star(job)
                bar.update()
            return
        # Small chunks keep the bar moving and the cores even: files differ a hundredfold in size.
        chunk = max(1, min(16, len(files) // (jobs * 8)))
        _warm()  # forked workers inherit the loaded registry and lexicon instead of each loading them
        with ProcessPoolExecutor(min(jobs, len(files))) as pool:
            for result in pool.map(_read_one_star, work, chunksize=chunk):
                yield result
                bar.update()
    finally:
        bar.close()
