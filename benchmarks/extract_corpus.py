"""Benchmark: parse, resolve actors and extract duties over the whole corpus.

    python benchmarks/extract_corpus.py [CORPUS_DIR] [--jobs N]

Prints MB/s, duties/s and peak memory for one process, then the wall time
with N worker processes (default: every core), with a progress bar on a
terminal. Documents without articles are counted and skipped.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tqdm import tqdm

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def run_one(path: str) -> tuple[int, int, int, int]:
    """(bytes, articles, duties, unread clauses) for one document; zeros past the bytes if it has no articles."""
    from qpr.duties import extract
    from qpr.errors import NoArticlesError
    from qpr.reading import read_regulation

    data = Path(path).read_bytes()
    try:
        reg = read_regulation(data, name=path, format="markdown")
    except NoArticlesError:
        return len(data), 0, 0, 0
    reading = extract(reg)
    return len(data), len(reg.articles), len(reading.duties), len(reading.unread)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, help="only the first N documents")
    args = parser.parse_args(argv)
    paths = [str(p) for p in sorted(Path(args.corpus).rglob("*.md")) if p.name != "README.md"][: args.limit]
    if not paths:
        print(f"no documents under {args.corpus}", file=sys.stderr)
        return 1
    # Warm the caches (registry, lexicon) outside the timing, as a long-running user session would.
    run_one(paths[0])
    progress = sys.stderr.isatty()

    t0 = time.perf_counter()
    totals = [0, 0, 0, 0]
    for result in tqdm(map(run_one, paths), total=len(paths), disable=not progress, desc="1 process"):
        totals = [a + b for a, b in zip(totals, result)]
    one = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mb = totals[0] / 1e6
    print(f"documents: {len(paths)} ({mb:.1f} MB), articles {totals[1]}, duties {totals[2]}, unread clauses {totals[3]}")
    print(f"1 process: {one:.1f} s = {mb / one:.2f} MB/s, {totals[2] / one:.0f} duties/s, peak memory {peak:.0f} MB")

    if args.jobs > 1:
        t0 = time.perf_counter()
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(tqdm(pool.map(run_one, paths, chunksize=16), total=len(paths), disable=not progress,
                                desc=f"{args.jobs} processes"))
        many = time.perf_counter() - t0
        assert sum(r[2] for r in results) == totals[2]
        print(f"{args.jobs} processes: {many:.1f} s = {mb / many:.2f} MB/s, {totals[2] / many:.0f} duties/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
