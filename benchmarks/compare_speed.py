"""Benchmark: how long aligning two versions takes, and how it grows with articles and with characters.

    python benchmarks/compare_speed.py [CORPUS_DIR] [--sizes 50,100,200,400,800] [--repeat 3]

Builds an "old" version from the first N articles of the 民法典's 合同编 (real
legal Chinese, 526 articles; more come from the other 编 for N above that)
and a "new" version from it with known edits: 5% of articles deleted, 5%
inserted from another 编, a third reworded (a phrase replaced, a clause
added), 3% split at a paragraph or sentence, 2% merged with the next, every
article renumbered. Times :func:`qpr.analysis.align.align_articles` (the
part that grows with the product of the sizes) and the whole
:func:`qpr.compare` (which adds duty extraction, linear in text), and checks
how many of the known links the alignment recovers.

A second table keeps 100 articles and makes each one 1x, 2x, 4x, 8x longer
(an article repeated with variations), to show that the cost follows
characters linearly, not quadratically.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
_ARTICLE = re.compile(r"^第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?\s*", re.M)


def source_articles(corpus: Path) -> tuple[list[str], list[str]]:
    """Article bodies (paragraphs joined by newlines) of the 合同编 first, then the other 编; and a spare pool."""
    order = ["合同编", "物权编", "侵权责任编", "人格权编", "婚姻家庭编", "继承编", "总则"]
    bodies: list[str] = []
    for name in order:
        text = (corpus / "民法典" / f"{name}.md").read_text(encoding="utf-8")
        body = text.split("<!-- INFO END -->", 1)[-1]
        for chunk in _ARTICLE.split(body)[1:]:
            lines = [ln.strip() for ln in chunk.splitlines() if ln.strip() and not ln.startswith("#")]
            if lines:
                bodies.append("\n".join(lines))
    return bodies[:1000], bodies[1000:]


def render(title: str, bodies: list[str]) -> str:
    from qpr.numerals import to_chinese

    return f"# {title}\n\n<!-- INFO END -->\n" + "\n\n".join(
        f"第{to_chinese(k)}条 " + b.replace("\n", "\n\n") for k, b in enumerate(bodies, 1)) + "\n"


def reword(rng: random.Random, body: str) -> str:
    cut = rng.randrange(0, max(len(body) - 8, 1))
    replaced = body[:cut] + rng.choice(["依法", "按照国家有关规定", "及时", "县级以上地方人民政府"]) + body[cut + 4:]
    if rng.random() < 0.5:
        replaced += rng.choice(["法律、行政法规另有规定的，依照其规定。", "有关部门应当加强监督检查。"])
    return replaced


def new_version(rng: random.Random, old: list[str], spare: list[str]) -> tuple[list[str], set[tuple[int, int]]]:
    """The edited version and the (old index, new index) links that the edits make."""
    new: list[str] = []
    truth: set[tuple[int, int]] = set()
    i = 0
    while i < len(old):
        r = rng.random()
        body = old[i]
        if r < 0.05:  # deleted
            i += 1
            continue
        if r < 0.10:  # an article inserted before this one
            new.append(spare[rng.randrange(len(spare))])
        if r < 0.13 and ("\n" in body or "。" in body[:-1]):  # split in two
            head, sep, tail = body.partition("\n") if "\n" in body else body.partition("。")
            if tail.strip():
                truth |= {(i, len(new)), (i, len(new) + 1)}
                new += [head + ("" if sep == "\n" else "。"), tail]
                i += 1
                continue
        if r < 0.15 and i + 1 < len(old):  # merged with the next
            truth |= {(i, len(new)), (i + 1, len(new))}
            new.append(body + "\n" + old[i + 1])
            i += 2
            continue
        truth.add((i, len(new)))
        new.append(reword(rng, body) if r < 0.48 else body)
        i += 1
    return new, truth


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    import qpr
    from qpr.analysis import align
    from qpr.analysis.compare import compare

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default="50,100,200,400,800")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not (args.corpus / "民法典").is_dir():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    pool, spare = source_articles(args.corpus)
    rng = random.Random(12)
    print("articles (old/new)  chars (old+new)  exact pairs  align s   compare s  links recovered")
    base = None
    for n in (int(s) for s in args.sizes.split(",")):
        old_bodies = pool[:n]
        new_bodies, truth = new_version(rng, old_bodies, spare)
        old, new = qpr.parse(render("旧", old_bodies), name="old.md"), qpr.parse(render("新", new_bodies), name="new.md")
        scored = len(align._candidates([align.comparable(t) for t in old_bodies],
                                       [align.comparable(t) for t in new_bodies]))
        t_align = timed(lambda: align.align_articles(old, new), args.repeat)
        qpr.extract_duties(old)  # load the registry and lexicon outside the timing
        t_all = timed(lambda: compare(old, new), 1)
        got = {(int(p.old) - 1, int(p.new) - 1) for p in align.align_articles(old, new) if p.old and p.new}
        recall = len(got & truth) / len(truth)
        precision = len(got & truth) / max(len(got), 1)
        chars = sum(map(len, old_bodies)) + sum(map(len, new_bodies))
        base = base or (n, t_align)
        print(f"{len(old_bodies):>8}/{len(new_bodies):<9} {chars:>15,} {scored:>12,} {t_align:>8.3f} {t_all:>10.3f}"
              f"  {recall:.3f} recall, {precision:.3f} precision")

    print("\n100 articles, each k times longer:")
    print("k   chars (old+new)  align s")
    for k in (1, 2, 4, 8):
        def longer(bodies: list[str]) -> list[str]:
            return ["\n".join(b if j == 0 else reword(random.Random(j), b) for j in range(k)) for b in bodies]

        old_bodies = longer(pool[:100])
        new_bodies, _ = new_version(random.Random(5), old_bodies, longer(spare[:50]))
        old, new = qpr.parse(render("旧", old_bodies), name="old.md"), qpr.parse(render("新", new_bodies), name="new.md")
        chars = sum(map(len, old_bodies)) + sum(map(len, new_bodies))
        print(f"{k:<3} {chars:>15,} {timed(lambda: align.align_articles(old, new), args.repeat):>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
