"""Many regulations at once: read and extract a folder of texts on every core.

Researchers compare provinces; a corpus run reads thousands of files. Each
file is read and extracted in a worker process (the work is CPU-bound Python,
so threads would not help), results come back in the order the paths were
given, and a file that cannot be read is reported, not fatal: one bad file in
three thousand should not lose the other readings. Drawing progress is the
caller's business (the CLI draws a bar on a terminal).

Worker processes are forked on Linux, and inherit the loaded registry and
lexicon; where they are spawned (macOS, Windows), a script that calls
:func:`read_many` needs the usual ``if __name__ == "__main__":`` guard.
Past one machine, any :class:`concurrent.futures.Executor` will do, a Dask
cluster's included (``qpr duties FOLDER --scheduler tcp://HOST:8786``); its
workers need qpr installed and the files at the same paths.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import signal
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from qpr.actors.registry import Registry
from qpr.duties.model import Reading

if TYPE_CHECKING:
    from qpr.reading.metadata import Metadata

__all__ = ["FileReading", "REGULATION_SUFFIXES", "expand_paths", "read_many", "read_one"]

#: The file kinds a folder is searched for.
REGULATION_SUFFIXES = (".md", ".txt", ".html", ".htm", ".docx")


@attrs.frozen(slots=True)
class FileReading:
    """What came of one file: its reading, or why there is none.

    ``error`` is the one-line message of what went wrong; ``not_a_regulation``
    is True when the file was read but holds no articles (a README, a court
    case), which a folder of regulations often has; ``internal`` is True when
    the error is a bug in qpr rather than a problem with the file. ``warnings``
    are the numbering problems the reader found in a file that was read;
    ``metadata`` its issuer, dates and status (the text itself stays behind).
    """

    path: str
    title: str | None
    reading: Reading | None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    not_a_regulation: bool = False
    internal: bool = False
    metadata: Metadata | None = None

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
        if str(p) and path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*"))
                       if f.suffix.lower() in REGULATION_SUFFIXES and f.is_file() and f.name.lower() != "readme.md")
        else:
            out.append(str(p))
    return out


def read_one(path: str, input_format: str | None = None, strict: bool = False,
             registry: Registry | None = None) -> FileReading:
    """Read and extract one file; an error becomes the result's ``error`` instead of stopping a batch."""
    from qpr.duties.extract import extract
    from qpr.errors import NoArticlesError, QprError
    from qpr.reading import read_regulation
    from qpr.reading.metadata import metadata_of

    try:
        reg = read_regulation(path, format=input_format, strict=strict)
        reading = extract(reg, registry=registry)
    except NoArticlesError as exc:
        return FileReading(path, None, None, str(exc), not_a_regulation=True)
    except QprError as exc:
        return FileReading(path, None, None, str(exc))
    except Exception as exc:
        return FileReading(path, None, None, f"{path}: internal error ({type(exc).__name__}: {exc}); please report it",
                           internal=True)
    warnings = tuple(f"{reg.source}:{p.line}: {p.message}" for p in reg.problems)
    return FileReading(path, reg.title, reading, None, warnings, metadata=metadata_of(reg))


#: The registry a worker process reads with, set once when it starts (not sent with every file).
_worker_registry: Registry | None = None


def _start_worker(registry: Registry | None) -> None:
    global _worker_registry
    _worker_registry = registry
    # A forked worker inherits the parent's handlers; the CLI's turns SIGTERM into an exception, which the
    # pool would catch and send back. A worker told to stop stops.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _warm(registry: Registry | None) -> None:
    from qpr.actors import registry as builtin_registry
    from qpr.duties.lexicon import lexicon

    actors = registry or builtin_registry()
    actors.mentions("")  # build the scanner once: forked workers inherit it instead of each building it
    lexicon()


def _read_one_star(job: tuple[str, str | None, bool]) -> FileReading:
    return read_one(*job, registry=_worker_registry)


def read_many(paths: Sequence[str | os.PathLike[str]], *, jobs: int | None = None, input_format: str | None = None,
              strict: bool = False, registry: Registry | None = None,
              executor: Executor | None = None) -> Iterator[FileReading]:
    """Read and extract every file in ``paths`` (folders expanded), in order, on ``jobs`` processes.

    ``jobs`` defaults to every core; 1 reads in this process. ``registry``
    (default: the built-in one) is the actor registry every file is read
    with, as in :func:`qpr.duties.extract`. ``executor`` runs the work on any
    :class:`concurrent.futures.Executor` instead (a process or thread pool of
    your own, a Dask cluster's ``Client.get_executor()``), in chunks of
    files; ``jobs`` is then ignored. The results are the same whatever
    ``jobs`` or executor, and whatever order the files come in.
    """
    files = expand_paths(paths)
    work = [(f, input_format, strict) for f in files]
    if executor is not None:
        yield from _on_executor(executor, work, registry)
        return
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < 2:
        yield from (read_one(*job, registry=registry) for job in work)
        return
    # Small chunks keep the cores even: files differ a hundredfold in size.
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    _warm(registry)
    pool = ProcessPoolExecutor(min(jobs, len(files)), initializer=_start_worker, initargs=(registry,))
    try:
        yield from pool.map(_read_one_star, work, chunksize=chunk)
    except BaseException:
        # Interrupted (SIGINT, SIGTERM), or the caller stopped reading: end the workers now. Leaving the
        # pool's with-block would wait for every file still queued, and a parent killed outright orphans them.
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    workers = list((getattr(pool, "_processes", None) or {}).values())  # no public way before Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:
        process.join(timeout=5)


#: Files per task on an executor qpr did not start: enough to amortise a round trip to a remote
#: worker, few enough that a cluster's workers stay evenly loaded.
EXECUTOR_CHUNK = 8

#: Registries a worker has unpickled, by digest: an executor has no initializer, so a custom registry
#: travels with each chunk as bytes but is rebuilt (its scanner built) once per worker process.
_worker_registries: dict[str, Registry] = {}


def _read_chunk(work: list[tuple[str, str | None, bool]], registry: bytes | None) -> list[FileReading]:
    actors = None
    if registry is not None:
        key = hashlib.blake2b(registry, digest_size=16).hexdigest()
        actors = _worker_registries.get(key)
        if actors is None:
            actors = _worker_registries[key] = pickle.loads(registry)
    return [read_one(*job, registry=actors) for job in work]


def _on_executor(executor: Executor, work: list[tuple[str, str | None, bool]],
                 registry: Registry | None) -> Iterator[FileReading]:
    from qpr.actors import registry as builtin_registry

    # The built-in registry needs no sending: each worker loads its own once.
    blob = None if registry is None or registry is builtin_registry() else pickle.dumps(registry)
    futures = [executor.submit(_read_chunk, work[i:i + EXECUTOR_CHUNK], blob)
               for i in range(0, len(work), EXECUTOR_CHUNK)]
    try:
        for future in futures:
            yield from future.result()
    finally:  # a caller that stops early (or fails) leaves no work queued on a shared cluster
        for future in futures:
            future.cancel()
