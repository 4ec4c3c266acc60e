"""Benchmark: the whole corpus to Parquet, then a DuckDB query over it.

    python benchmarks/parquet_corpus.py [CORPUS_DIR] [--out DIR] [--jobs N]

Runs ``qpr duties CORPUS -f parquet -o DIR/duties.parquet --clauses`` (in this
process, through qpr.cli.main) and prints the time, peak memory and the two
files' sizes; then, if duckdb is installed (``pip install duckdb``), runs the
README's query (which departments carry most ``shall`` duties across the
provinces) three times and prints its rows and best time.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

#: The README's query, verbatim.
QUERY = """
SELECT actor_name AS department,
       count(*) AS shall_duties,
       count(DISTINCT province) AS provinces,
       count(DISTINCT path) AS regulations
FROM 'duties.parquet'
WHERE role = 'bearer' AND modality = 'shall' AND level IS NOT NULL
  AND province IS NOT NULL AND actor_name NOT IN ('人民政府', '有关部门')
GROUP BY department
ORDER BY shall_duties DESC
LIMIT 10
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--out", help="folder for duties.parquet and duties.clauses.parquet (default: a temporary one)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    from qpr.cli import main as qpr

    out = Path(args.out or tempfile.mkdtemp(prefix="qpr-parquet-"))
    out.mkdir(parents=True, exist_ok=True)
    duties = out / "duties.parquet"
    t0, c0 = time.perf_counter(), time.process_time()
    status = qpr(["duties", args.corpus, "-f", "parquet", "-o", str(duties), "--clauses", "--jobs", str(args.jobs)])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clauses = out / "duties.clauses.parquet"
    print(f"exit status {status}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"wrote {duties.stat().st_size / 1e6:.1f} MB ({duties.name}) + {clauses.stat().st_size / 1e6:.1f} MB "
          f"({clauses.name}) in {wall:.1f} s on {args.jobs} processes ({cpu:.1f} CPU s in the parent); "
          f"parent's peak memory {peak:.0f} MB")
    try:
        import duckdb
    except ModuleNotFoundError:
        print("duckdb is not installed: pip install duckdb for the query")
        return status
    os.chdir(out)
    con = duckdb.connect()
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        rows = con.execute(QUERY).fetchall()
        times.append(time.perf_counter() - t0)
    total = con.execute("SELECT count(*), count(DISTINCT path) FROM 'duties.parquet'").fetchone()
    print(f"DuckDB {duckdb.__version__}: {total[0]} duty rows of {total[1]} regulations; "
          f"query best of 3 {min(times) * 1000:.0f} ms (first {times[0] * 1000:.0f} ms)")
    for row in rows:
        print("  ", *row)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
