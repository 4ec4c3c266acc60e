"""Benchmark: ``qpr duties FOLDER`` against the reading it is made of (:func:`qpr.duties.read_many`).

    python benchmarks/duties_folder.py [CORPUS_DIR] [--files 300] [--jobs N] [--profile]

Picks ``--files`` regulations of the corpus (every n-th of the sorted .md
files, so every province and size is in), links them into one temporary
folder, and times, in this process after one warm-up file:

- ``read_many`` alone, every result consumed (the floor: reading and extraction);
- ``qpr duties FOLDER -f csv -o …`` and ``-f table -o …`` (the CLI: the same
  reading, then selecting, tabulating and writing every duty);
- the same with ``--actor 市场监督管理部门`` (a selection: shared_with matters).

Prints MB/s for each and the CLI's overhead over ``read_many``; ``--profile``
prints where the CLI's own time goes (cProfile, top 25 by cumulative time).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "DLC"


def pick(corpus: Path, n: int) -> list[Path]:
    files = [p for p in sorted(corpus.rglob("*.md")) if p.name != "README.md"]
    step = max(1, len(files) // n)
    return files[::step][:n]


def timed(label: str, mb: float, fn) -> float:
    t0 = time.perf_counter()
    fn()
    seconds = time.perf_counter() - t0
    print(f"{label:<44} {seconds:6.2f} s  {mb / seconds:5.2f} MB/s")
    return seconds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--profile", action="store_true", help="profile the CLI run (csv output)")
    args = parser.parse_args(argv)

    from qpr.cli import main as qpr_main
    from qpr.duties import read_many

    files = pick(Path(args.corpus), args.files)
    if not files:
        print(f"no documents under {args.corpus}", file=sys.stderr)
        return 1
    mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"{len(files)} files, {mb:.1f} MB, {args.jobs} process{'es' * (args.jobs > 1)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "regulations"
        folder.mkdir()
        for i, f in enumerate(files):
            (folder / f"{i:04d}-{f.name}").symlink_to(f)
        out = Path(tmp) / "out"
        list(read_many([str(files[0])], jobs=1))  # warm the registry and lexicon, as a session would

        def cli(*extra: str) -> None:
            with contextlib.redirect_stderr(io.StringIO()):
                code = qpr_main(["duties", str(folder), "--jobs", str(args.jobs), *extra])
            assert code in (0, 3), code

        floor = timed("read_many", mb, lambda: [r for r in read_many([str(folder)], jobs=args.jobs)])
        runs = {
            "qpr duties FOLDER -f csv": ("-f", "csv", "-o", str(out) + ".csv"),
            "qpr duties FOLDER -f table": ("-f", "table", "-o", str(out) + ".txt"),
            "qpr duties FOLDER --actor 市场监督管理部门 -f csv": ("--actor", "市场监督管理部门", "-f", "csv", "-o",
                                                              str(out) + "-mr.csv"),
        }
        for label, extra in runs.items():
            seconds = timed(label, mb, lambda extra=extra: cli(*extra))
            print(f"{'':<44} overhead over read_many: {seconds - floor:+.2f} s")
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            cli("-f", "csv", "-o", str(out) + ".csv")
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
