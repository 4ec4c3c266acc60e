"""What a one-page report of a regulation says: the facts, the matrix, each party's duties, the findings.

:func:`regulation_report` decides the content of ``qpr report`` and returns it
as data (a :class:`RegulationReport` of DataFrames and plain values); how it
looks is :mod:`qpr.render.report`'s business. Every place the page points at
has one anchor, made by :func:`provision_anchor`, so a matrix cell, a duty row
and a finding all link to the same 条/款/项 in the regulation's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pandas as pd

from qpr.analysis.coverage import CoverageReport, check_plan, drafting_findings
from qpr.analysis.duties import binds_mask
from qpr.analysis.matrix import UNASSIGNED, actor_summary, duty_frame, matrix_cells, responsibility_matrix
from qpr.duties.model import Reading
from qpr.model import Regulation
from qpr.numerals import provision_label

if TYPE_CHECKING:
    from qpr.analysis.compare import Comparison
    from qpr.basis import BasisTable
    from qpr.plans.model import Plan

__all__ = ["RegulationReport", "provision_anchor", "provision_texts", "regulation_report"]

#: How much of a provision a matrix cell's hover text quotes.
HOVER_CHARS = 240


def provision_anchor(article: str, paragraph: object = None, item: object = None) -> str:
    """The HTML id of 第X条(第X款(第X项)): ``a5``, ``a5p2``, ``a10-1p2i3``; unambiguous for 第十条之一."""
    anchor = f"a{article}"
    if paragraph is not None and not pd.isna(paragraph):
        anchor += f"p{int(paragraph)}"  # type: ignore[call-overload]
        if item is not None and not pd.isna(item):
            anchor += f"i{int(item)}"  # type: ignore[call-overload]
    return anchor


def provision_texts(reg: Regulation) -> dict[tuple[str, int | None, int | None], str]:
    """The words of every article, paragraph (its chapeau) and item, keyed (article, paragraph, item)."""
    out: dict[tuple[str, int | None, int | None], str] = {}
    for a in reg.articles:
        out[(a.id, None, None)] = a.text
        for p in a.paragraphs:
            out[(a.id, p.number, None)] = p.text or p.full_text
            for i in p.items:
                out[(a.id, p.number, i.number)] = f"{i.label}{i.full_text}"
    return out


@attrs.frozen(slots=True)
class RegulationReport:
    """Everything ``qpr report`` shows, as data.

    - ``facts``: the regulation's metadata, keyed by field name (issuer,
      document_number, status, published, adopted, effective,
      comment_deadline, jurisdiction, source), None where the text does not say.
    - ``counts``: articles, chapters, paragraphs, items, clauses, duties
      (rows), provisions with a duty, parties, unassigned duties, unread
      clauses, findings.
    - ``matrix``: :func:`~qpr.analysis.responsibility_matrix` (with ``level``).
    - ``cells``: one row per non-empty matrix cell: ``actor``, ``column``,
      ``code``, ``anchor`` (its first provision) and ``provisions``/``texts``
      (the labels and words of the provisions behind it, for hover text).
    - ``parties``: one row per party in matrix order: ``party``, ``section``
      (its HTML id), the counts of :func:`~qpr.analysis.actor_summary`.
    - ``duties``: the duties by party, each with its ``provision`` label and ``anchor``.
    - ``findings``: :func:`~qpr.analysis.drafting_findings` with ``anchor``.
    - ``text``: the regulation's articles, paragraphs and items, one row each,
      with ``anchor`` and ``depth`` (0 article, 1 paragraph, 2 item).
    - ``basis_sources``/``basis_articles``: the legal-basis table's sources and
      each article's citations, None when the document has no table.
    - ``coverage``: the plan's :class:`~qpr.analysis.CoverageReport`, None without a
      plan; ``coverage_findings`` its findings with ``anchor``.
    - ``comparison``: the earlier version compared with this one
      (:func:`~qpr.analysis.compare.compare`), None without one;
      ``changed_duties`` its duty changes, each with the ``anchor`` of the
      provision it now stands in ("" for a duty removed).
    """

    title: str
    facts: dict[str, object]
    counts: dict[str, int]
    level: str | None
    matrix: pd.DataFrame
    cells: pd.DataFrame
    parties: pd.DataFrame
    duties: pd.DataFrame
    findings: pd.DataFrame
    text: pd.DataFrame
    basis_sources: pd.DataFrame | None = None
    basis_articles: pd.DataFrame | None = None
    basis_unbased: pd.DataFrame | None = None
    coverage: CoverageReport | None = None
    coverage_findings: pd.DataFrame | None = None
    plan_source: str | None = None
    comparison: Comparison | None = None
    changed_duties: pd.DataFrame | None = None


def regulation_report(reg: Regulation, reading: Reading | None = None, *, level: str | None = None,
                      plan: Plan | None = None, basis: BasisTable | None = None,
                      comparison: Comparison | None = None) -> RegulationReport:
    """The content of the one-page report of ``reg`` (its duties read here unless ``reading`` is given).

    ``level`` narrows the matrix, the parties' duties and the plan check to
    what binds a body at that level; the drafting findings are about the
    whole text. ``basis`` is a legal-basis table read with
    :func:`~qpr.basis.read_basis`; by default the document's own, if it has one.
    ``comparison`` is ``compare(earlier_version, reg)``: the page then says
    what changed since.
    """
    if reading is None:
        from qpr.duties import extract

        reading = extract(reg)
    texts = provision_texts(reg)
    frame = duty_frame(reading)
    if level is not None:
        frame = frame[binds_mask(frame["level"], level)]
    frame = frame.assign(
        provision=[provision_label(a, p, None if pd.isna(i) else int(i))
                   for a, p, i in zip(frame["article"], frame["paragraph"], frame["item"])],
        anchor=[provision_anchor(a, p, i) for a, p, i in zip(frame["article"], frame["paragraph"], frame["item"])],
    )
    matrix = responsibility_matrix(frame)
    cells = _cells(frame, texts)
    parties, duties = _parties(frame, list(matrix.index))
    findings = _anchored(drafting_findings(reading, reg))
    coverage = check_plan(reading, plan, level=level) if plan is not None else None
    if basis is None:
        from qpr.basis import own_basis

        basis = own_basis(reg)
    sources = by_article = unbased = None
    if basis is not None:
        sources, by_article, unbased = _basis(basis)
    counts = {
        "articles": len(reg.articles),
        "chapters": len(reg.chapters),
        "paragraphs": sum(len(a.paragraphs) for a in reg.articles),
        "items": sum(len(p.items) for a in reg.articles for p in a.paragraphs),
        "clauses": len(reading.clauses),
        "duties": len(frame),
        "provisions_with_duty": int(frame.loc[frame["role"] != "target", "anchor"].nunique()),
        "parties": int(frame["party"].nunique()),
        "unassigned": int((frame["role"].eq("bearer") & frame["actor"].isna()).sum()),
        "unread": len(reading.unread),
        "findings": len(findings),
    }
    return RegulationReport(
        title=reg.title, facts=_facts(reg, reading), counts=counts, level=level, matrix=matrix, cells=cells,
        parties=parties, duties=duties, findings=findings, text=_text(reg), basis_sources=sources,
        basis_articles=by_article, basis_unbased=unbased, coverage=coverage,
        coverage_findings=_anchored(coverage.findings) if coverage is not None else None,
        plan_source=plan.source if plan is not None else None,
        comparison=comparison, changed_duties=_changed_duties(comparison) if comparison is not None else None)


def _changed_duties(comparison: Comparison) -> pd.DataFrame:
    """The duty changes, each with the anchor of its provision in this (the later) version."""
    frame = comparison.duties_frame()
    return frame.assign(anchor=[provision_anchor(c.after.provision.article, c.after.provision.paragraph,
                                                 c.after.provision.item)
                                if c.after is not None else "" for c in comparison.duties])


def _anchored(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings with the anchor of their provision ("" for one about a plan row, which has none)."""
    return findings.assign(anchor=[provision_anchor(a, p, i) if a else ""
                                   for a, p, i in zip(findings["article"], findings["paragraph"], findings["item"])])


def _facts(reg: Regulation, reading: Reading) -> dict[str, object]:
    jurisdiction = reading.jurisdiction.name if reading.jurisdiction is not None else None
    return {
        "issuer": reg.issuer, "document_number": reg.document_number, "status": reg.status,
        "published": reg.published, "adopted": reg.adopted, "effective": reg.effective,
        "comment_deadline": reg.comment_deadline, "jurisdiction": jurisdiction, "source": reg.source,
    }


def _cells(frame: pd.DataFrame, texts: dict[tuple[str, int | None, int | None], str]) -> pd.DataFrame:
    """The matrix cells with what is behind each: its provisions, their words, the first one's anchor."""
    codes = matrix_cells(frame)
    if codes.empty:
        return codes.assign(anchor=[], provisions=[], texts=[])
    actor = frame["party"].fillna(UNASSIGNED["zh"])
    seen = frame.assign(actor=actor).drop_duplicates(["actor", "article", "anchor"])
    behind: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for a, article, paragraph, item, label, anchor in zip(seen["actor"], seen["article"], seen["paragraph"],
                                                           seen["item"], seen["provision"], seen["anchor"]):
        words = texts.get((article, int(paragraph), None if pd.isna(item) else int(item)), "")
        behind.setdefault((a, article), []).append((label, anchor, _shorten(words)))
    keys = list(zip(codes["actor"], codes["column"]))
    return codes.assign(
        anchor=[behind[k][0][1] for k in keys],
        provisions=[tuple(p[0] for p in behind[k]) for k in keys],
        texts=[tuple(p[2] for p in behind[k]) for k in keys],
    )


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= HOVER_CHARS else text[: HOVER_CHARS - 1] + "…"


def _parties(frame: pd.DataFrame, order: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per party (in matrix order) its counts and section id; and its duties, in text order."""
    summary = actor_summary(frame).drop(columns=["shared_with", "actor_id"], errors="ignore")
    named = frame.assign(party=frame["party"].fillna(UNASSIGNED["zh"]))
    section = {party: f"party-{i + 1}" for i, party in enumerate(order)}
    parties = pd.DataFrame({"party": order, "section": [section[p] for p in order]})
    parties = parties.join(summary, on="party")
    counts = summary.columns.tolist()
    parties[counts] = parties[counts].fillna(0).astype(int)
    # The unassigned row: its duties are bearer duties nobody holds.
    unassigned = parties["party"] == UNASSIGNED["zh"]
    n_unassigned = named.loc[named["actor"].isna()].groupby("party")["anchor"].nunique()
    parties.loc[unassigned, "duties"] = parties.loc[unassigned, "party"].map(n_unassigned).fillna(0).astype(int)
    columns = ["party", "section", "provision", "anchor", "article", "paragraph", "item", "role", "modality", "level",
               "action", "confident"]
    duties = named[named["party"].isin(section)].assign(section=lambda f: f["party"].map(section))
    rank = {p: i for i, p in enumerate(order)}
    duties = duties.sort_values("party", key=lambda s: s.map(rank), kind="stable").reset_index(drop=True)
    return parties, duties[columns]


def _text(reg: Regulation) -> pd.DataFrame:
    """The regulation's articles, paragraphs and items in order, each with its anchor."""
    rows: list[dict[str, object]] = []
    chapter = None
    for a in reg.articles:
        if a.chapter != chapter:
            chapter = a.chapter
            if chapter:
                rows.append({"depth": -1, "anchor": "", "label": chapter, "text": "", "heading": None})
        rows.append({"depth": 0, "anchor": provision_anchor(a.id), "label": a.label, "text": "",
                     "heading": a.heading})
        for p in a.paragraphs:
            rows.append({"depth": 1, "anchor": provision_anchor(a.id, p.number), "label": "", "text": p.text,
                         "heading": None})
            for i in p.items:
                rows.append({"depth": 2, "anchor": provision_anchor(a.id, p.number, i.number), "label": i.label,
                             "text": i.full_text, "heading": None})
    return pd.DataFrame(rows, columns=["depth", "anchor", "label", "text", "heading"])


def _basis(table: BasisTable) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The sources ranked, each article's citations (title and pinpoints), and the articles with none."""
    from qpr.basis import articles_without_basis, sources_frame

    titles = {s.source_id: s.title for s in table.sources}
    rows = [{"article": c.article, "provision": provision_label(c.article), "anchor": provision_anchor(c.article),
             "source_id": c.source_id, "title": titles.get(c.source_id or "", c.title), "pinpoint": c.pinpoint}
            for c in table.citations if c.article is not None]
    by_article = pd.DataFrame(rows, columns=["article", "provision", "anchor", "source_id", "title", "pinpoint"])
    unbased = articles_without_basis(table)
    unbased = unbased.assign(provision=[provision_label(a) for a in unbased["article"]],
                             anchor=[provision_anchor(a) for a in unbased["article"]])
    return sources_frame(table), by_article, unbased
