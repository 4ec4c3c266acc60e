"""Benchmark: parse, resolve actors and extract duties over the whole corpus.

    python benchmarks/extract_corpus.py [CORPUS_DIR] [--jobs N] [--limit N]

Runs :func:`qpr.duties.read_many` (what ``qpr duties FOLDER`` runs) once in
one process and once on N worker processes (default: every core) in reverse
order, with a progress bar on a terminal; prints MB/s, duties/s and peak
memory, and checks that both runs give every document the same duties.
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


def run(paths: list[str], jobs: int, progress: bool) -> tuple[float, dict[str, tuple[int, int, tuple]]]:
    """Seconds taken, and per document: (bytes, unread clauses, every duty as a comparable tuple)."""
    from tqdm import tqdm

    from qpr.duties import read_many

    t0 = time.perf_counter()
    out = {}
    bar = tqdm(total=len(paths), disable=not progress, unit="file", desc=f"{jobs} process{'es' * (jobs > 1)}")
    for r in read_many(paths, jobs=jobs, input_format="markdown"):
        bar.update()
        duties = () if r.reading is None else tuple(
            (d.article, d.paragraph, d.item, d.actor, d.actor_id, str(d.role), str(d.modality), d.level)
            for d in r.reading.duties)
        out[r.path] = (os.path.getsize(r.path), 0 if r.reading is None else len(r.reading.unread), duties)
    bar.close()
    return time.perf_counter() - t0, out


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
    mb = sum(r[0] for r in rows.values()) / 1e6
    duties = sum(len(r[2]) for r in rows.values())
    print(f"documents: {len(paths)} ({mb:.1f} MB), {sum(1 for r in rows.values() if not r[2])} without duties, "
          f"duties {duties}, unread clauses {sum(r[1] for r in rows.values())}")
    print(f"1 process: {one:.1f} s = {mb / one:.2f} MB/s, {duties / one:.0f} duties/s, peak memory {peak:.0f} MB")
    if args.jobs > 1:
        # In reverse order: the readings must not depend on what each process read before.
        many, rows_many = run(paths[::-1], args.jobs, progress)
        differ = [p for p in paths if rows_many[p] != rows[p]]
        print(f"{args.jobs} processes: {many:.1f} s = {mb / many:.2f} MB/s, {duties / many:.0f} duties/s; "
              f"documents whose duties differ from the serial run: {len(differ)}")
        if differ:
            print("  " + "\n  ".join(differ[:10]))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
