"""Benchmark: read and parse the whole corpus losslessly, in one process.

Prints documents/s, MB/s and peak memory (tracemalloc is not used: it slows
allocation-heavy code several times; ru_maxrss gives the process peak).

    python benchmarks/parse_corpus.py [CORPUS_DIR]
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from pathlib import Path

from qpr.errors import NoArticlesError
from qpr.reading import read_regulation

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    paths = sorted(corpus.rglob("*.md"))
    paths = [p for p in paths if p.name != "README.md"]
    if not paths:
        print(f"no documents under {corpus}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    blobs = [p.read_bytes() for p in paths]
    t_read = time.perf_counter() - t0
    size = sum(map(len, blobs))
    articles = no_articles = 0
    problems: Counter[str] = Counter()
    t0 = time.perf_counter()
    for path, blob in zip(paths, blobs):
        try:
            reg = read_regulation(blob, name=str(path), format="markdown")
        except NoArticlesError:
            no_articles += 1
            continue
        articles += len(reg.articles)
        for p in reg.problems:
            problems[str(p.kind)] += 1
    t_parse = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mb = size / 1e6
    print(f"documents: {len(paths)} ({mb:.1f} MB), {no_articles} without articles, {articles} articles")
    print(f"read:  {t_read:.2f} s")
    print(f"parse: {t_parse:.2f} s = {len(paths) / t_parse:.0f} documents/s, {mb / t_parse:.1f} MB/s, "
          f"{articles / t_parse:.0f} articles/s")
    print(f"peak memory (process): {peak_mb:.0f} MB")
    print("problems:", dict(problems.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
