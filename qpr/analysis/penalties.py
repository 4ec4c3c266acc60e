"""Which penalty enforces which duty: ``违反本条例第十二条规定…处…罚款`` links 第十二条 to that clause.

The first thing a compliance officer asks of a duty is what happens if it is
not done. A 法律责任 chapter answers it by reference: each penalty clause
names the provisions it enforces (违反本条例第十二条第二款规定, 违反本办法第十七条、
第十八条第一款). :func:`penalty_links` reads those references from the clauses
that impose a penalty and returns one row per (provision enforced, penalty
clause), with the body that imposes it; :func:`duty_penalties` gives each duty
the penalty provisions that cover it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from qpr.duties.lexicon import lexicon
from qpr.duties.model import Reading, Role
from qpr.numerals import NUMERAL_CHARS, parse_number, provision_label

__all__ = ["PENALTY_COLUMNS", "duty_penalties", "enforcing", "penalty_links"]

_N = NUMERAL_CHARS
_ONE = rf"第[{_N}]+条(?:之[{_N}]+)?(?:第[{_N}]+款)?(?:第[（(]?[{_N}]+[）)]?项)?"
# 违反本条例第十二条第二款、第十四条规定: the provisions a penalty clause enforces.
_VIOLATION = re.compile(rf"违反本(?:条例|办法|规定|细则|实施办法|实施细则|法|决定)"
                        rf"(?P<refs>{_ONE}(?:(?:、|和|及|或者|或|以及|至|到){_ONE})*)")
_REF = re.compile(rf"第([{_N}]+)条(?:之([{_N}]+))?(?:第([{_N}]+)款)?(?:第[（(]?([{_N}]+)[）)]?项)?")
_RANGE = re.compile(r"至|到")

#: The columns of :func:`penalty_links`.
PENALTY_COLUMNS = ["article", "paragraph", "item", "provision", "penalty_article", "penalty_paragraph",
                   "penalty_item", "penalty_provision", "imposed_by", "penalty_text"]


def _refs(text: str) -> list[tuple[str, int | None, int | None]]:
    """(article, paragraph, item) for each provision ``text``'s 违反本…第X条 names; a range 第X条至第Y条 is spread."""
    out: list[tuple[str, int | None, int | None]] = []
    for violation in _VIOLATION.finditer(text):
        refs = violation.group("refs")
        pieces = list(_REF.finditer(refs))
        for i, m in enumerate(pieces):
            article = str(parse_number(m.group(1))) + (f"-{parse_number(m.group(2))}" if m.group(2) else "")
            paragraph = parse_number(m.group(3)) if m.group(3) else None
            item = parse_number(m.group(4)) if m.group(4) else None
            between = refs[pieces[i - 1].end():m.start()] if i else ""
            if i and _RANGE.fullmatch(between) and out and out[-1][0].isdigit() and article.isdigit():
                out.extend((str(n), None, None) for n in range(int(out[-1][0]) + 1, int(article)))
            out.append((article, paragraph, item))
    return out


def penalty_links(reading: Reading) -> pd.DataFrame:
    """One row per (provision a penalty clause enforces, that clause), in text order (columns PENALTY_COLUMNS).

    A clause counts as a penalty when it, or the chapeau of its item, holds a
    penalty word (责令, 罚款, 吊销 …); ``imposed_by`` is the bearers the
    reading gives that clause's provision (the imposing body), joined with 、.
    """
    penalty = lexicon().penalty
    bearers: dict[tuple[str, int, int | None], list[str]] = {}
    for d in reading.duties:
        if d.role is Role.BEARER and d.actor:
            names = bearers.setdefault((d.provision.article, d.provision.paragraph, d.provision.item), [])
            if d.actor not in names:
                names.append(d.actor)
    chapeau_penalty: set[tuple[str, int]] = set()
    for c in reading.clauses:
        if c.provision.item is None and penalty.search(c.text):
            chapeau_penalty.add((c.provision.article, c.provision.paragraph))
    rows = []
    for c in reading.clauses:
        p = c.provision
        if not (penalty.search(c.text) or (p.item is not None and (p.article, p.paragraph) in chapeau_penalty)):
            continue
        key = (p.article, p.paragraph, p.item)
        imposed = bearers.get(key) or bearers.get((p.article, p.paragraph, None)) or []
        for article, paragraph, item in _refs(c.text):
            rows.append({
                "article": article, "paragraph": paragraph, "item": item,
                "provision": provision_label(article, paragraph, item),
                "penalty_article": p.article, "penalty_paragraph": p.paragraph, "penalty_item": p.item,
                "penalty_provision": str(p), "imposed_by": "、".join(imposed), "penalty_text": c.text,
            })
    frame = pd.DataFrame(rows, columns=PENALTY_COLUMNS)
    for col in ("paragraph", "item", "penalty_item"):
        frame[col] = frame[col].astype("Int64")
    return frame.drop_duplicates(["article", "paragraph", "item", "penalty_provision"], ignore_index=True)


def enforcing(links: pd.DataFrame) -> Callable[[str, int | None, int | None], tuple[str, ...]]:
    """A lookup: (article, paragraph, item) -> the penalty provisions that enforce it (a reference to an
    article covers all its paragraphs, to a paragraph all its items)."""
    by_article: dict[str, list[tuple[int | None, int | None, str]]] = {}
    for row in links.itertuples(index=False):
        by_article.setdefault(str(row.article), []).append(
            (None if pd.isna(row.paragraph) else int(row.paragraph), None if pd.isna(row.item) else int(row.item),
             str(row.penalty_provision)))

    def lookup(article: str, paragraph: int | None, item: int | None) -> tuple[str, ...]:
        return tuple(dict.fromkeys(
            label for p, i, label in by_article.get(str(article), ())
            if (p is None or p == paragraph) and (i is None or i == item)))

    return lookup


def duty_penalties(reading: Reading, links: pd.DataFrame | None = None) -> list[tuple[str, ...]]:
    """For each duty of ``reading`` (in order), the penalty provisions that enforce it."""
    lookup = enforcing(penalty_links(reading) if links is None else links)
    return [lookup(d.provision.article, d.provision.paragraph, d.provision.item) for d in reading.duties]
