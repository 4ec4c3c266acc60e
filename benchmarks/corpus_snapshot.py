"""Snapshot every duty of the corpus, and compare two snapshots document by document.

    python benchmarks/corpus_snapshot.py save SNAPSHOT.jsonl.gz [CORPUS_DIR] [--jobs N]
    python benchmarks/corpus_snapshot.py diff OLD.jsonl.gz NEW.jsonl.gz [--show N]
    python benchmarks/corpus_snapshot.py names SNAPSHOT.jsonl.gz

``save`` reads the corpus through :func:`qpr.duties.read_many` and writes one
line per document: its path and every duty as (provision, actor, actor id,
role, modality, level). ``diff`` lists the documents whose duties differ and,
for the first few, the records gained and lost: how a change to the extractor
is checked to change nothing it did not mean to. ``names`` counts party names
that cannot be names (they hold 由, a modal word or a sentence mark, or are
one character cut out of a word such as 社会): a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import re
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

#: What a party's name never holds: the agent marker, a modal word, a sentence mark.
BAD_NAME = re.compile(r"(?<![自理缘事经])由(?![于此])|应当|不得|可以|[，。；：,;:！？]")


def save(out: Path, corpus: Path, jobs: int) -> int:
    from tqdm import tqdm

    from qpr.duties import read_many

    paths = [str(p) for p in sorted(corpus.rglob("*.md")) if p.name != "README.md"]
    t0 = time.perf_counter()
    bar = tqdm(total=len(paths), unit="file", disable=not sys.stderr.isatty())
    with gzip.open(out, "wt", encoding="utf-8") as fh:
        for r in read_many(paths, jobs=jobs, input_format="markdown"):
            bar.update()
            duties = [] if r.reading is None else [
                [d.article, d.paragraph, d.item, d.actor, d.actor_id, str(d.role), str(d.modality), d.level]
                for d in r.reading.duties]
            path = os.path.relpath(r.path, corpus)
            fh.write(json.dumps({"path": path, "error": r.error, "duties": duties}, ensure_ascii=False) + "\n")
    bar.close()
    print(f"{len(paths)} documents in {time.perf_counter() - t0:.1f} s -> {out}", file=sys.stderr)
    return 0


def _load(path: Path) -> dict[str, list[tuple]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {row["path"]: [tuple(d) for d in row["duties"]] for row in map(json.loads, fh)}


def diff(old_path: Path, new_path: Path, show: int) -> int:
    old, new = _load(old_path), _load(new_path)
    differ = sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))
    gained = lost = 0
    for p in differ:
        a, b = collections.Counter(old.get(p, [])), collections.Counter(new.get(p, []))
        gained += sum((b - a).values())
        lost += sum((a - b).values())
    print(f"documents: {len(old)} before, {len(new)} after; {len(differ)} differ; "
          f"records gained {gained}, lost {lost}")
    for p in differ[:show]:
        a, b = collections.Counter(old.get(p, [])), collections.Counter(new.get(p, []))
        print(f"\n{p}")
        for d in sorted(a - b, key=str):
            print(f"  - {d}")
        for d in sorted(b - a, key=str):
            print(f"  + {d}")
    return 0


def names(path: Path) -> int:
    rows = _load(path)
    bad = collections.Counter()
    single = collections.Counter()
    for duties in rows.values():
        for d in duties:
            actor = d[3]
            if not actor:
                continue
            if BAD_NAME.search(actor):
                bad[actor] += 1
            if len(actor) == 1:
                single[actor] += 1
    print(f"party names holding 由, 应当, 不得, 可以 or a sentence mark: {sum(bad.values())} records, "
          f"{len(bad)} names")
    for name, n in bad.most_common(15):
        print(f"  {n:5d}  {name}")
    print(f"one-character party names: {sum(single.values())} records")
    for name, n in single.most_common(15):
        print(f"  {n:5d}  {name}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("save")
    s.add_argument("out", type=Path)
    s.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    s.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    d = sub.add_parser("diff")
    d.add_argument("old", type=Path)
    d.add_argument("new", type=Path)
    d.add_argument("--show", type=int, default=20)
    n = sub.add_parser("names")
    n.add_argument("snapshot", type=Path)
    args = parser.parse_args(argv)
    if args.command == "save":
        return save(args.out, args.corpus, args.jobs)
    if args.command == "diff":
        return diff(args.old, args.new, args.show)
    return names(args.snapshot)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
