"""The structure of a regulation as a DataFrame and as plain JSON-ready data."""

from __future__ import annotations

from typing import Any

import pandas as pd

from qpr.model import Article, Item, Paragraph, Regulation, Span

ARTICLE_COLUMNS = ["article", "label", "heading", "chapter", "paragraphs", "items", "line", "text"]


def articles_frame(reg: Regulation) -> pd.DataFrame:
    """One row per article: id, label, heading, chapter, counts, first line, full text."""
    rows = [
        {
            "article": a.id,
            "label": a.label,
            "heading": a.heading or "",
            "chapter": a.chapter or "",
            "paragraphs": len(a.paragraphs),
            "items": sum(len(p.items) for p in a.paragraphs),
            "line": a.line,
            "text": a.text,
        }
        for a in reg.articles
    ]
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def _span(span: Span) -> list[int]:
    return [span.start, span.end]


def _item(i: Item) -> dict[str, Any]:
    return {
        "number": i.number, "label": i.label, "text": i.text, "line": i.line,
        "span": _span(i.span), "text_span": _span(i.text_span),
        "subitems": [{"number": s.number, "label": s.label, "text": s.text, "line": s.line,
                      "span": _span(s.span), "text_span": _span(s.text_span)} for s in i.subitems],
    }


def _paragraph(p: Paragraph) -> dict[str, Any]:
    return {"number": p.number, "text": p.text, "line": p.line, "span": _span(p.span),
            "text_span": _span(p.text_span), "items": [_item(i) for i in p.items]}


def _article(a: Article) -> dict[str, Any]:
    return {"number": a.number, "id": a.id, "label": a.label, "heading": a.heading, "chapter": a.chapter,
            "section": a.section, "line": a.line, "span": _span(a.span),
            "paragraphs": [_paragraph(p) for p in a.paragraphs]}


def regulation_dict(reg: Regulation) -> dict[str, Any]:
    """The regulation as JSON-ready data; offsets point into the decoded source text."""
    def iso(d: Any) -> str | None:
        return d.isoformat() if d else None

    return {
        "title": reg.title,
        "issuer": reg.issuer,
        "document_number": reg.document_number,
        "published": iso(reg.published),
        "adopted": iso(reg.adopted),
        "effective": iso(reg.effective),
        "comment_deadline": iso(reg.comment_deadline),
        "status": reg.status,
        "source": reg.source,
        "format": reg.format,
        "encoding": reg.encoding,
        "script": reg.script,
        "body": _span(reg.body),
        "chapters": [{"label": h.label, "title": h.title, "line": h.line, "span": _span(h.span)} for h in reg.chapters],
        "articles": [_article(a) for a in reg.articles],
        "parts": [{"kind": p.kind, "name": p.name, "title": p.title, "line": p.line, "span": _span(p.span)}
                  for p in reg.parts],
        "problems": [{"kind": str(p.kind), "message": p.message, "line": p.line, "article": p.article, "text": p.text}
                     for p in reg.problems],
    }
