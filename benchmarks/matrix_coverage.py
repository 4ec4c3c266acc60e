"""Benchmark: the responsibility matrix and a coverage check for the whole corpus at once.

    python benchmarks/matrix_coverage.py [CORPUS_DIR] [--tasks 200000]

Extracts the duties of every corpus document (in parallel; cached in
/tmp/qpr-corpus-duties.pkl between runs), qualifies article ids by document
so that one frame holds them all, builds a synthetic plan of N tasks (most
right, some led by the wrong unit, some pointing nowhere), then times the
matrix and the coverage check and prints peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CACHE = Path("/tmp/qpr-corpus-duties.pkl")


def duties_of(args: tuple[int, str]) -> pd.DataFrame | None:
    from qpr.duties import extract, to_frame
    from qpr.errors import NoArticlesError
    from qpr.reading import read_regulation

    index, path = args
    try:
        reg = read_regulation(Path(path).read_bytes(), name=path, format="markdown")
    except NoArticlesError:
        return None
    frame = to_frame(extract(reg).duties)
    frame["article"] = f"{index}:" + frame["article"]  # one frame for the corpus: qualify by document
    return frame


def corpus_duties(corpus: Path, jobs: int) -> pd.DataFrame:
    if CACHE.exists():
        return pd.read_pickle(CACHE)
    paths = [str(p) for p in sorted(corpus.rglob("*.md")) if p.name != "README.md"]
    with ProcessPoolExecutor(jobs) as pool:
        frames = [f for f in pool.map(duties_of, enumerate(paths), chunksize=16) if f is not None]
    frame = pd.concat(frames, ignore_index=True)
    frame.to_pickle(CACHE)
    return frame


def synthetic_plan(frame: pd.DataFrame, n: int, seed: int = 7):  # type: ignore[no-untyped-def]
    from qpr.plans.model import Plan, ProvisionRef, Task

    rng = np.random.default_rng(seed)
    bearers = frame[frame["role"] == "bearer"].drop_duplicates(["article", "paragraph", "item"])
    picks = bearers.iloc[rng.integers(0, len(bearers), n)]
    ids = frame["actor_id"].dropna().unique()
    tasks = []
    for row, (article, paragraph, item, actor_id) in enumerate(
            zip(picks["article"], picks["paragraph"], picks["item"], picks["actor_id"]), start=2):
        roll = rng.random()
        lead = actor_id if roll < 0.85 or not isinstance(actor_id, str) else rng.choice(ids)  # 15% led wrongly
        if roll > 0.98:
            article = "nowhere:1"  # points at no duty
        ref = ProvisionRef(article, int(paragraph), None if pd.isna(item) else int(item))
        tasks.append(Task(row, str(row - 1), f"{article}.{paragraph}", [ref], "任务", str(lead), lead, (), (), "长期"))
    return Plan("synthetic", tuple(tasks))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--tasks", type=int, default=200_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    from qpr.analysis import check_plan, matrix_cells

    t0 = time.perf_counter()
    frame = corpus_duties(Path(args.corpus), args.jobs)
    print(f"duties: {len(frame)} rows over {frame['article'].nunique()} articles ({time.perf_counter() - t0:.1f} s to extract or load)")
    plan = synthetic_plan(frame, args.tasks)
    print(f"plan: {len(plan.tasks)} tasks")

    # Across the corpus the matrix stays in long form (one row per filled cell): a dense
    # actors x 134,000 articles table would be almost all empty and not fit in memory.
    t0 = time.perf_counter()
    cells = matrix_cells(frame)
    t_matrix = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = check_plan(frame, plan)
    t_check = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"matrix: {len(cells)} filled cells, {cells['actor'].nunique()} actors x {cells['column'].nunique()} articles: "
          f"{t_matrix:.2f} s")
    print(f"coverage check: {t_check:.2f} s; coverage {report.overall:.1%}, {len(report.findings)} findings")
    print(f"matrix + coverage: {t_matrix + t_check:.2f} s; peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
