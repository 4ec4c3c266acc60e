"""Benchmark: one process against a Dask LocalCluster, on the same corpus files.

    python benchmarks/dask_corpus.py [CORPUS_DIR] [--limit 300] [--workers 2]

Reads the first ``--limit`` regulations of the corpus (sorted paths, local
regulations first: the kind of text qpr is for) once in this process and
once through ``read_many(executor=Client(LocalCluster(...)).get_executor())``,
what ``qpr duties FOLDER --scheduler ADDRESS`` runs, and prints documents/s
and documents/s per core for each, with the cluster's start-up time apart.
Checks that the cluster gives every document the same reading as the serial
run. Needs ``pip install 'qpr[dask]'``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@contextlib.contextmanager
def _cluster(workers: int, separate: bool) -> Iterator[Any]:
    """A Dask client: of a LocalCluster, or of a scheduler and workers started here as processes of their own."""
    from distributed import Client, LocalCluster

    if not separate:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=40) as cluster, Client(cluster) as client:
            yield client
        return
    with tempfile.TemporaryDirectory() as tmp:
        info = str(Path(tmp) / "scheduler.json")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                      "--port", "0", "--no-dashboard", "--scheduler-file", info], **quiet)
        worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--nworkers", str(workers),
                                   "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1", "--scheduler-file", info],
                                  **quiet)
        try:
            for _ in range(600):  # the scheduler writes its address when it is up
                if Path(info).exists():
                    break
                time.sleep(0.1)
            with Client(scheduler_file=info, timeout=60) as client:
                client.wait_for_workers(workers, timeout=120)
                yield client
        finally:
            for process in (worker, scheduler):
                process.terminate()
                process.wait(timeout=60)


def _warm(path: str) -> int:
    from qpr.duties import read_many

    return len(list(read_many([path], jobs=1)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the LocalCluster (one thread each)")
    parser.add_argument("--separate", action="store_true",
                        help="run the scheduler and the workers as their own processes on 127.0.0.1 (as "
                             "`qpr duties --scheduler` meets them), so this process's CPU time is the client's alone")
    args = parser.parse_args(argv)

    from qpr.duties import read_many

    root = Path(args.corpus)
    paths = [str(p) for p in sorted((root / "DLC").rglob("*.md")) if p.name != "README.md"][: args.limit]
    if not paths:
        print(f"no documents under {root / 'DLC'}", file=sys.stderr)
        return 1
    mb = sum(Path(p).stat().st_size for p in paths) / 1e6
    list(read_many(paths[:1], jobs=1))  # warm the registry and lexicon, as a long-running session would

    t0, c0 = time.perf_counter(), time.process_time()
    serial = list(read_many(paths, jobs=1))
    one, one_cpu = time.perf_counter() - t0, time.process_time() - c0
    gc.freeze()  # the serial readings stay, but the cluster run's collections need not walk them

    t0 = time.perf_counter()
    with _cluster(args.workers, args.separate) as client:
        started = time.perf_counter() - t0
        client.run(_warm, paths[0])  # every worker loads qpr, its registry and lexicon before the clock starts
        # CPU seconds as well as wall seconds: on a shared machine the wall clock counts the neighbours' work too.
        cpu0 = sum(client.run(time.process_time).values())
        t1, c1 = time.perf_counter(), time.process_time()
        clustered = list(read_many(paths, executor=client.get_executor()))
        many, here_cpu = time.perf_counter() - t1, time.process_time() - c1
        workers_cpu = sum(client.run(time.process_time).values()) - cpu0
    differ = [a.path for a, b in zip(serial, clustered) if a != b]

    duties = sum(len(r.reading.duties) for r in serial if r.ok)
    print(f"documents: {len(paths)} ({mb:.1f} MB), {duties} duties")
    load = os.getloadavg()[0]
    print(f"load average while measuring: {load:.1f} on {os.cpu_count()} cores")
    print(f"1 process: {one:.1f} s = {len(paths) / one:.1f} documents/s (per core), {mb / one:.2f} MB/s; "
          f"{one_cpu:.1f} CPU s = {len(paths) / one_cpu:.1f} documents per CPU second")
    kind = "scheduler and workers of their own" if args.separate else "LocalCluster"
    print(f"{kind}, {args.workers} worker processes: started in {started:.1f} s; "
          f"{many:.1f} s = {len(paths) / many:.1f} documents/s, {len(paths) / many / args.workers:.1f} per core, "
          f"{mb / many:.2f} MB/s; speed-up {one / many:.2f}x; workers {workers_cpu:.1f} CPU s = "
          f"{len(paths) / workers_cpu:.1f} documents per CPU second; "
          f"{'client' if args.separate else 'client and scheduler'} {here_cpu:.1f} CPU s")
    print(f"documents whose reading differs from the serial run: {len(differ)}")
    for p in differ[:10]:
        print("  " + p)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
