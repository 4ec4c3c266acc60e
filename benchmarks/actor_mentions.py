"""Benchmark: how much of the corpus's department-like wording the actor registry resolves, and how fast.

    python benchmarks/actor_mentions.py [CORPUS_DIR] [--top N] [--examples]

What is counted. In every document under DLC/ (the local regulations), each
occurrence of one of the four suffixes 部门, 机构, 局, 委员会 is one
*department-like mention occurrence*, except where the suffix is part of an
ordinary word that names no party: the words in ``NOT_PARTY_WORDS`` below
(布局, 格局 …) and the registry's own ``not_actors`` list (部门规章, 机构改革 …),
both short and fixed; how many occurrences they take out is printed. An
occurrence is *resolved* when it lies inside a span that
``Registry.mentions`` returns (with the jurisdiction read from the
document's title) and whose resolution places every name it contains (no
``unresolved`` names). Everything else is unresolved. The unresolved share is
unresolved / all occurrences. Nothing else is left out: anaphoric uses
(本部门, 该机构) and generic nouns (部门协作) count, and count as unresolved
unless the registry places them. One limit: an unknown name that opens a list
with no government before it (…会同供销合作、财政等部门) cannot be delimited,
so the scanner leaves it out of the mention and the shared 部门 counts as
resolved.

How each resolved occurrence was placed is reported too: by a listed actor
(a name, stem, alias or former name in the registry), or only by an open or
generic actor — 有关部门, a body named by a relative clause (负有…职责的部门),
a reference back (本部门), or a body the registry does not list named by what
it is for + a generic word (会展业主管部门, 水上搜救机构; the [generic] table of
actors.toml). The most frequent generically placed names are printed, so that
gaps in the registry stay visible.

For each unresolved occurrence the script names what it could not place: the
unresolved names of the mention around it, or else the Chinese words before
the suffix back to the nearest punctuation or function word (at most 12
characters). It prints the 50 most frequent, then the speed of
``Registry.mentions`` over the whole corpus (all 3,470 documents) in MB/s of
UTF-8 text, one process, after the registry is built: a first pass (its
caches cold, as a user reading a corpus once) and a second.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from qpr.actors import jurisdiction_from_title, registry

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SUFFIX = re.compile(r"部门|机构|委员会|局")
# Words where the suffix character is part of an ordinary word, not a party's name.
NOT_PARTY_WORDS = re.compile(
    r"布局|格局|大局|全局|结局|开局|局面|局部|局限|局势|时局|残局|僵局|定局|骗局|赌局|棋局|变局|当局者|出局|入局|终局|饭局"
)
_STOP = re.compile(r"[^\u3400-\u9fff]|[的由对向经和及与或、在将把为从给按依据应当可以]")


def guess_name(text: str, end: int, limit: int = 12) -> str:
    """The words before ``end`` back to punctuation or a function word."""
    i = end
    while i > 0 and end - i < limit and not _STOP.match(text[i - 1]):
        i -= 1
    return text[i:end]


def title_of(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.lstrip("# ").strip()
    return ""


GENERIC_IDS = {"relevant-departments", "relevant-units", "competent-department", "responsible-departments",
               "designated-body", "described-body", "this-body", "subordinate-bodies", "specialised-agency"}


def count(paths: list[Path], reg) -> tuple[int, int, int, int, Counter[str], Counter[str], dict[str, str]]:
    total = unresolved = generic = excluded = 0
    names: Counter[str] = Counter()
    generic_names: Counter[str] = Counter()
    examples: dict[str, str] = {}
    not_party = re.compile("|".join([NOT_PARTY_WORDS.pattern,
                                     *(re.escape(w) for w in sorted(reg.not_actors, key=len, reverse=True))]))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        jurisdiction = jurisdiction_from_title(title_of(text))
        blocked = [(m.start(), m.end()) for m in not_party.finditer(text)]
        mentions = reg.mentions(text, jurisdiction)
        starts = [m.start for m in mentions]
        bi = 0
        mi = 0
        for occ in SUFFIX.finditer(text):
            s, e = occ.span()
            while bi < len(blocked) and blocked[bi][1] <= s:
                bi += 1
            if bi < len(blocked) and blocked[bi][0] <= s < blocked[bi][1]:
                excluded += 1
                continue
            total += 1
            while mi < len(mentions) and mentions[mi].end < e:
                mi += 1
            mention = mentions[mi] if mi < len(mentions) and mentions[mi].start <= s and e <= mentions[mi].end else None
            if mention is not None and mention.resolution.resolved:
                # Which actor covers this occurrence: the one whose written
                # form ends here or, for a shared suffix (财政等部门), the last.
                refs = mention.resolution.actors
                if all(ref.actor_id in GENERIC_IDS for ref in refs):
                    generic += 1
                    generic_names[refs[-1].written] += 1
                continue
            unresolved += 1
            if mention is not None and mention.resolution.unresolved:
                for name in mention.resolution.unresolved:
                    names[name] += 1
            else:
                name = guess_name(text, e)
                names[name] += 1
                line_start = text.rfind("\n", 0, s) + 1
                examples.setdefault(name, text[max(line_start, s - 30):e + 10])
        del starts
    return total, unresolved, generic, excluded, names, generic_names, examples


def speed(paths: list[Path]) -> tuple[float, list[float], int]:
    """MB read, seconds for a first (cold) and a second pass, mentions found."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    size = sum(len(t.encode("utf-8")) for t in texts)
    reg = registry().extend({"actor": []}, name="fresh")  # new caches, same actors
    reg.mentions("县级以上人民政府")  # build the scanner
    times = []
    n = 0
    for _ in range(2):
        n = 0
        t0 = time.perf_counter()
        for t in texts:
            n += len(reg.mentions(t))
        times.append(time.perf_counter() - t0)
    return size / 1e6, times, n


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--examples", action="store_true", help="show a context for each top name")
    args = parser.parse_args(argv)
    corpus: Path = args.corpus
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    reg = registry()
    _ = reg.mentions("县级以上人民政府市场监督管理部门")  # build the scanner
    print(f"registry: {len(reg)} actors, built in {time.perf_counter() - t0:.2f} s")
    dlc = sorted((corpus / "DLC").rglob("*.md"))
    total, unresolved, generic, excluded, names, generic_names, examples = count(dlc, reg)
    share = unresolved / total if total else 0.0
    print(f"DLC/: {len(dlc)} documents, {total} department-like mention occurrences "
          f"(…部门, …机构, …局, …委员会; {excluded} inside words that name no party left out), "
          f"{unresolved} unresolved = {share:.2%}")
    print(f"placed only by an open or generic actor: {generic} = {generic / total:.2%}; "
          f"by a listed actor: {total - unresolved - generic} = {(total - unresolved - generic) / total:.2%}")
    print(f"top {args.top} unresolved names (occurrences):")
    for name, n in names.most_common(args.top):
        extra = f"    ← {examples[name]}" if args.examples and name in examples else ""
        print(f"  {n:6d}  {name}{extra}")
    print(f"top {min(args.top, 30)} names placed only generically (occurrences):")
    for name, n in generic_names.most_common(min(args.top, 30)):
        print(f"  {n:6d}  {name}")
    every = sorted(p for p in corpus.rglob("*.md") if p.name != "README.md")
    mb, (cold, warm), n = speed(every)
    print(f"mentions(): {len(every)} documents, {mb:.1f} MB, {n} mentions; first pass {cold:.2f} s = "
          f"{mb / cold:.1f} MB/s, second pass {warm:.2f} s = {mb / warm:.1f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
