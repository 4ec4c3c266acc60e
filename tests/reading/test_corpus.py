"""Every document of ../shared/corpus parses, losslessly, with only the anomalies it really has."""

from __future__ import annotations

import re
from pathlib import Path

from qpr.errors import NoArticlesError
from qpr.reading import read_regulation

KNOWN = Path(__file__).with_name("corpus_known_problems.tsv")
# A line that opens an article, the way the reader recognises one.
ARTICLE_LINE = re.compile(r"(?m)^[ \t\u3000#]*第[零〇一二两三四五六七八九十百千0-9０-９]+[条條]")


def known_problems() -> set[tuple[str, int, str]]:
    rows = set()
    for line in KNOWN.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            path, number, kind, _why = line.split("\t")
            rows.add((path, int(number), kind))
    return rows


def test_whole_corpus_parses_losslessly_with_only_known_problems(corpus_dir):
    found: set[tuple[str, int, str]] = set()
    failures: list[str] = []
    parsed = without_articles = 0
    for path in sorted(corpus_dir.rglob("*.md")):
        if path.name == "README.md":
            continue
        rel = str(path.relative_to(corpus_dir))
        try:
            reg = read_regulation(path, format="markdown")
        except NoArticlesError:
            without_articles += 1
            # Only documents that truly have no article line may say so.
            if ARTICLE_LINE.search(path.read_text(encoding="utf-8")):
                failures.append(f"{rel}: NoArticlesError but the text has article lines")
            continue
        parsed += 1
        units = list(reg.units())
        if "".join(s.slice(reg.text) for _, s in units) != reg.body_text:
            failures.append(f"{rel}: units do not join back into the body")
        if any(a.end != b.start for (_, a), (_, b) in zip(units, units[1:])):
            failures.append(f"{rel}: units overlap or leave a gap")
        outer = sorted([p.span for p in reg.parts] + [reg.body])
        if outer[0].start != 0 or outer[-1].end != len(reg.text) or any(a.end != b.start for a, b in zip(outer, outer[1:])):
            failures.append(f"{rel}: header, body and attachments do not cover the document")
        found.update((rel, p.line, str(p.kind)) for p in reg.problems)
    assert not failures, "\n".join(failures[:20])
    assert parsed > 3000 and without_articles < 200
    known = known_problems()
    assert not (found - known), f"new problems: {sorted(found - known)[:20]}"
    assert not (known - found), f"known problems no longer found: {sorted(known - found)[:20]}"
