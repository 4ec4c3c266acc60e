"""Benchmark: what ``qpr duties FOLDER`` costs beyond the reading it is made of (:func:`qpr.duties.read_many`).

    python benchmarks/duties_folder.py [CORPUS_DIR] [--files 300] [--jobs N] [--profile]

Picks ``--files`` regulations of the corpus (every n-th of the sorted .md
files, so every province and size is in) and links them into one temporary
folder. It reads them once with ``read_many`` (the floor: reading and
extraction, on ``--jobs`` processes), then runs the CLI on the same folder
with ``read_many`` replaying those results, so that what is timed is the
CLI's own work: selecting, tabulating and writing every duty.

The CLI's work runs in this one process; it is timed as CPU time (and wall
time), which other load on the machine changes little, while the reading's
wall time moves with it. ``--profile`` shows where the CLI's time goes.
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


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--profile", action="store_true", help="profile the CLI's work (csv output)")
    args = parser.parse_args(argv)

    import qpr.duties
    from qpr.cli import main as qpr_main

    files = pick(Path(args.corpus), args.files)
    if not files:
        print(f"no documents under {args.corpus}", file=sys.stderr)
        return 1
    mb = sum(f.stat().st_size for f in files) / 1e6
    read_many = qpr.duties.read_many
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "regulations"
        folder.mkdir()
        for i, f in enumerate(files):
            (folder / f"{i:04d}-{f.name}").symlink_to(f)
        list(read_many([str(files[0])], jobs=1))  # warm the registry and lexicon, as a session would
        t0 = time.perf_counter()
        results = list(read_many([str(folder)], jobs=args.jobs))
        reading = time.perf_counter() - t0
        duties = sum(len(r.reading.duties) for r in results if r.reading is not None)
        print(f"{len(files)} files, {mb:.1f} MB, {duties} duties; read_many on {args.jobs} process"
              f"{'es' * (args.jobs > 1)}: {reading:.2f} s = {mb / reading:.2f} MB/s")

        qpr.duties.read_many = lambda *a, **k: iter(results)  # the CLI gets the same readings, at once

        def cli(*extra: str) -> None:
            with contextlib.redirect_stderr(io.StringIO()):
                code = qpr_main(["duties", str(folder), *extra])
            assert code in (0, 3), code

        runs = {
            "-f csv": ("-f", "csv", "-o", f"{tmp}/out.csv"),
            "-f table": ("-f", "table", "-o", f"{tmp}/out.txt"),
            "-f jsonl": ("-f", "jsonl", "-o", f"{tmp}/out.jsonl"),
            "--actor 市场监督管理部门 -f csv": ("--actor", "市场监督管理部门", "-f", "csv", "-o", f"{tmp}/mr.csv"),
        }
        print(f"{'qpr duties FOLDER …':<36} {'CLI cpu':>8} {'CLI wall':>9}  {'MB/s with the reading':>22}")
        try:
            for label, extra in runs.items():
                c0, w0 = time.process_time(), time.perf_counter()
                cli(*extra)
                cpu, wall = time.process_time() - c0, time.perf_counter() - w0
                print(f"{label:<36} {cpu:7.2f}s {wall:8.2f}s  {mb / (reading + wall):22.2f}")
            if args.profile:
                profile = cProfile.Profile()
                profile.enable()
                cli(*runs["-f csv"])
                profile.disable()
                pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        finally:
            qpr.duties.read_many = read_many
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
