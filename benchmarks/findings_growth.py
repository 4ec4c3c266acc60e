"""Benchmark: how ``qpr findings`` and ``qpr comments`` grow with the size of a regulation.

    python benchmarks/findings_growth.py [--times 1 5 10 20 40 160] [--what findings comments duties]

Builds regulations of 1x, 5x … the built-in draft's articles (renumbered, so
they are one long regulation, not duplicates), and times reading + extraction
(the ``qpr duties`` work) and then each analysis on top of it, in this
process. Linear code keeps the per-MB time flat as the size grows; the
quadratic loops this replaced (articles x clauses in drafting_findings)
took 5 s at 40x and 64 s at 160x.
"""

from __future__ import annotations

import argparse
import re
import time

import qpr
from qpr.numerals import to_chinese

_HEAD = re.compile(r"(?m)^(\s*)第[一二三四五六七八九十百千零〇两]+条")


def repeated(times: int) -> str:
    """The built-in draft's articles ``times`` over, numbered on from one copy to the next."""
    reg = qpr.load()
    body = reg.text[reg.articles[0].span.start:reg.articles[-1].span.end]
    out, n = [], 0
    for _ in range(times):
        def renumber(match: re.Match[str]) -> str:
            nonlocal n
            n += 1
            return f"{match.group(1)}第{to_chinese(n)}条"
        out.append(_HEAD.sub(renumber, body))
    return f"{reg.title}\n\n" + "\n\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, nargs="+", default=[1, 5, 10, 20, 40, 160])
    parser.add_argument("--what", nargs="+", default=["findings", "comments"], choices=["findings", "comments"])
    args = parser.parse_args()
    from qpr.analysis import drafting_findings
    from qpr.duties import extract
    from qpr.render.comment_form import comment_rows

    print(f"{'size':>6} {'MB':>6} {'articles':>8} {'duties':>7} {'read+extract s':>14} "
          + " ".join(f"{w + ' s':>10}" for w in args.what) + "  " + " ".join(f"{w + ' s/MB':>14}" for w in args.what))
    for times in args.times:
        text = repeated(times)
        mb = len(text.encode()) / 1e6
        t0 = time.perf_counter()
        reg = qpr.parse(text, name=f"{times}x.txt")
        reading = extract(reg)
        base = time.perf_counter() - t0
        spent = []
        for what in args.what:
            t0 = time.perf_counter()
            if what == "findings":
                drafting_findings(reading, reg)
            else:
                comment_rows(reading, reg)
            spent.append(time.perf_counter() - t0)
        print(f"{times:>5}x {mb:>6.2f} {len(reg.articles):>8} {len(reading.duties):>7} {base:>14.2f} "
              + " ".join(f"{s:>10.2f}" for s in spent) + "  " + " ".join(f"{s / mb:>14.2f}" for s in spent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
