"""Benchmark: parse, resolve actors and extract duties over the whole corpus.

    python benchmarks/extract_corpus.py [CORPUS_DIR] [--jobs N] [--limit N]

Runs :func:`qpr.duties.read_many` (what ``qpr duties FOLDER`` runs) once in
one process and once on N worker processes (default: every core), with a
progress bar on a terminal, and prints MB/s, duties/s and peak memory.
Documents without articles (cases, interpretations) are counted and skipped.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def run(paths: list[str], jobs: int, progress: bool) -> tuple[float, list[tuple[int, int, int, int]]]:
    """Seconds taken, and (bytes, articles, duties, unread clauses) per document."""
    from qpr.duties import read_many

    sizes = {p: os.path.getsize(p) for p in paths}
    t0 = time.perf_counter()
    rows = []
    for r in read_many(paths, jobs=jobs, input_format="markdown", progress=progress):
        if r.reading is None:
            rows.append((sizes[r.path], 0, 0, 0))
        else:
            rows.append((sizes[r.path], len({d.article for d in r.reading.duties}), len(r.reading.duties),
                         len(r.reading.unread)))
    return time.perf_counter() - t0, rows


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
    progress = sys.stderr.isatty()
    run(paths[:1], 1, False)  # warm the caches (registry, lexicon), as a long-running session would

    one, rows = run(paths, 1, progress)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mb = sum(r[0] for r in rows) / 1e6
    duties = sum(r[2] for r in rows)
    skipped = sum(1 for r in rows if r[2] == 0 and r[1] == 0)
    print(f"documents: {len(paths)} ({mb:.1f} MB), {skipped} without duties, duties {duties}, "
          f"unread clauses {sum(r[3] for r in rows)}")
    print(f"1 process: {one:.1f} s = {mb / one:.2f} MB/s, {duties / one:.0f} duties/s, peak memory {peak:.0f} MB")
    if args.jobs > 1:
        many, rows_many = run(paths, args.jobs, progress)
        assert rows_many == rows, "the parallel run must give the same duties as the serial one"
        print(f"{args.jobs} processes: {many:.1f} s = {mb / many:.2f} MB/s, {duties / many:.0f} duties/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
