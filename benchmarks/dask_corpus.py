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
import os
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the LocalCluster (one thread each)")
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

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

    t0 = time.perf_counter()
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        started = time.perf_counter() - t0
        list(read_many(paths[:args.workers], executor=client.get_executor()))  # each worker loads qpr once
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
    print(f"LocalCluster of {args.workers} worker processes: started in {started:.1f} s; "
          f"{many:.1f} s = {len(paths) / many:.1f} documents/s, {len(paths) / many / args.workers:.1f} per core, "
          f"{mb / many:.2f} MB/s; speed-up {one / many:.2f}x; workers {workers_cpu:.1f} CPU s = "
          f"{len(paths) / workers_cpu:.1f} documents per CPU second, client {here_cpu:.1f} CPU s")
    print(f"documents whose reading differs from the serial run: {len(differ)}")
    for p in differ[:10]:
        print("  " + p)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
