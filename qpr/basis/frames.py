"""The basis table as pandas DataFrames: citations, sources, the article × source matrix and its questions."""

from __future__ import annotations

from typing import Any

import pandas as pd

from qpr.basis.model import BasisTable

__all__ = [
    "CITATION_COLUMNS",
    "FINDING_COLUMNS",
    "SOURCE_COLUMNS",
    "articles_without_basis",
    "basis_dict",
    "basis_matrix",
    "citations_frame",
    "findings_frame",
    "single_source_articles",
    "sources_frame",
]

CITATION_COLUMNS = ["article", "number", "source_id", "title", "issuer", "document_number", "date", "pinpoint",
                    "quote", "line", "start", "end"]
SOURCE_COLUMNS = ["source_id", "title", "articles", "citations", "article_ids", "confidence", "variants", "issuer",
                  "document_number", "date", "kind"]
FINDING_COLUMNS = ["line", "kind", "article", "message", "text"]


def _iso(d: Any) -> str | None:
    return d.isoformat() if d else None


def citations_frame(table: BasisTable) -> pd.DataFrame:
    """One row per citation, in table order. ``start``/``end`` are offsets into ``table.text``."""
    rows = [
        {
            "article": c.article, "number": c.number, "source_id": c.source_id, "title": c.title,
            "issuer": c.issuer, "document_number": c.document_number, "date": _iso(c.date),
            "pinpoint": c.pinpoint, "quote": c.quote, "line": c.line, "start": c.span.start, "end": c.span.end,
        }
        for c in table.citations
    ]
    frame = pd.DataFrame(rows, columns=CITATION_COLUMNS)
    # Keep numbers as integers even with a missing one (an unnumbered entry).
    frame["number"] = frame["number"].astype("Int64")
    return frame


def _article_order(table: BasisTable) -> dict[str, int]:
    order = {a: i for i, a in enumerate(table.articles)}
    for r in table.rows:  # rows for articles the regulation lacks go after its own
        order.setdefault(r.article, len(order))
    return order


def sources_frame(table: BasisTable) -> pd.DataFrame:
    """The sources ranked by how many articles rest on them (then citations, then id)."""
    order = _article_order(table)
    rows = []
    for s in table.sources:
        mine = [c for c in table.citations if c.source_id == s.source_id]
        articles = sorted({c.article for c in mine if c.article is not None}, key=lambda a: order.get(a, len(order)))
        rows.append({
            "source_id": s.source_id, "title": s.title, "articles": len(articles), "citations": len(mine),
            "article_ids": "、".join(articles), "confidence": s.confidence, "variants": "；".join(s.variants),
            "issuer": s.issuer, "document_number": s.document_number, "date": _iso(s.date), "kind": s.kind,
        })
    frame = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    if frame.empty:
        return frame
    frame["_n"] = frame["source_id"].str[1:].astype(int)
    frame = frame.sort_values(["articles", "citations", "_n"], ascending=[False, False, True]).drop(columns="_n")
    return frame.reset_index(drop=True)


def basis_matrix(table: BasisTable) -> pd.DataFrame:
    """Articles × sources: how many citations of each source each article has (0 where none).

    The index holds every article of the regulation in order (named
    ``article``), so an article with no basis shows as a row of zeros; the
    columns are source ids in order of first use (their titles are in
    :func:`sources_frame`).
    """
    order = _article_order(table)
    articles = sorted(order, key=order.__getitem__)
    ids = [s.source_id for s in table.sources]
    counts = {a: dict.fromkeys(ids, 0) for a in articles}
    for c in table.citations:
        if c.article is not None and c.source_id is not None:
            counts[c.article][c.source_id] += 1
    frame = pd.DataFrame.from_dict(counts, orient="index", columns=ids, dtype="int64")
    frame = frame.reindex(articles).fillna(0).astype("int64")
    frame.index.name = "article"
    frame.columns.name = "source_id"
    return frame


def single_source_articles(table: BasisTable) -> pd.DataFrame:
    """Articles resting on one source only: a reviewer's first question about each."""
    matrix = basis_matrix(table)
    titles = {s.source_id: s.title for s in table.sources}
    rows = []
    for article, counts in matrix.iterrows():
        used = [sid for sid, n in counts.items() if n]
        if len(used) == 1:
            rows.append({"article": article, "source_id": used[0], "title": titles[used[0]],
                         "citations": int(counts[used[0]])})
    return pd.DataFrame(rows, columns=["article", "source_id", "title", "citations"])


def articles_without_basis(table: BasisTable) -> pd.DataFrame:
    """Articles with no citation: no row in the table at all, or a row whose basis cell is empty."""
    rows_at: dict[str, int] = {}
    for r in table.rows:
        rows_at.setdefault(r.article, r.line)
    cited = {c.article for c in table.citations}
    out = []
    for article in table.articles:
        if article in cited:
            continue
        line = rows_at.get(article)
        out.append({"article": article, "line": line,
                    "reason": "the row has no basis" if line is not None else "no row in the table"})
    frame = pd.DataFrame(out, columns=["article", "line", "reason"])
    frame["line"] = frame["line"].astype("Int64")
    return frame


def findings_frame(table: BasisTable) -> pd.DataFrame:
    rows = [{"line": f.line, "kind": f.kind.value, "article": f.article, "message": f.message, "text": f.text}
            for f in table.findings]
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def basis_dict(table: BasisTable) -> dict[str, Any]:
    """The whole reading as JSON-ready data: citations, sources, findings and the analyses."""
    return {
        "source": table.source,
        "title": table.title,
        "articles": list(table.articles),
        "rows": [{"article": r.article, "label": r.label, "line": r.line, "span": [r.span.start, r.span.end],
                  "content": r.content} for r in table.rows],
        "citations": [
            {
                "article": c.article, "number": c.number, "source_id": c.source_id, "title": c.title,
                "issuer": c.issuer, "document_number": c.document_number, "date": _iso(c.date),
                "pinpoint": c.pinpoint, "pinpoints": list(c.pinpoints), "quote": c.quote, "text": c.text,
                "line": c.line, "span": [c.span.start, c.span.end],
                "parts": [[p.start, p.end] for p in c.parts],
            }
            for c in table.citations
        ],
        "sources": [
            {"source_id": s.source_id, "title": s.title, "variants": list(s.variants), "confidence": s.confidence,
             "key": s.key, "issuer": s.issuer, "document_number": s.document_number, "date": _iso(s.date),
             "kind": s.kind,
             "articles": sorted({c.article for c in table.citations if c.source_id == s.source_id and c.article},
                                key=lambda a: _article_order(table).get(a, 0))}
            for s in table.sources
        ],
        "findings": [{"kind": f.kind.value, "message": f.message, "line": f.line, "article": f.article,
                      "text": f.text} for f in table.findings],
        "single_source_articles": single_source_articles(table).to_dict(orient="records"),
        "articles_without_basis": [
            {"article": r["article"], "line": None if pd.isna(r["line"]) else int(r["line"]), "reason": r["reason"]}
            for r in articles_without_basis(table).to_dict(orient="records")
        ],
    }
