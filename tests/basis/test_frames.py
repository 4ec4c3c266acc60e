"""The analysis as DataFrames: citations, ranked sources, the matrix, single-source and unbased articles."""

from __future__ import annotations

import json

import pandas as pd

from qpr.basis import (
    articles_without_basis,
    basis_dict,
    basis_matrix,
    citations_frame,
    findings_frame,
    single_source_articles,
    sources_frame,
)

from .tables import EXPECTED_COUNTS


def test_citations_frame_has_one_row_per_citation_with_the_promised_columns(builtin_table):
    frame = citations_frame(builtin_table)
    assert len(frame) == sum(EXPECTED_COUNTS.values()) == 55
    for column in ("article", "source_id", "title", "pinpoint", "quote", "line", "start", "end"):
        assert column in frame.columns
    assert frame["number"].dtype == "Int64" and frame["number"].isna().sum() == 1  # 第十条's bracketed entry
    assert frame.loc[frame["article"] == "16", "pinpoint"].iloc[0] == "第八条；第二十一条；第三十一条"


def test_matrix_counts_equal_the_citation_counts(builtin_table):
    matrix = basis_matrix(builtin_table)
    assert matrix.shape == (31, 12) and matrix.index.name == "article"
    assert list(matrix.index) == [str(n) for n in range(1, 32)]
    assert matrix.sum(axis=1).to_dict() == EXPECTED_COUNTS
    assert (matrix.loc["31"] == 0).all()
    assert matrix.loc["16"].astype(bool).sum() == 3


def test_sources_are_ranked_by_how_many_articles_rest_on_them(builtin_table):
    ranked = sources_frame(builtin_table)
    assert list(ranked["articles"]) == sorted(ranked["articles"], reverse=True)
    top = ranked.iloc[0]
    assert (top["source_id"], top["articles"], top["citations"]) == ("S1", 21, 24)
    second = ranked.iloc[1]
    assert second["title"] == "国务院关于印发质量发展纲要(2011-2020年)的通知" and second["articles"] == 15
    assert ranked["citations"].sum() == 55


def test_single_source_articles_are_those_with_one_document(builtin_table):
    single = single_source_articles(builtin_table)
    assert set(single["article"]) == {"7", "8", "9", "13", "17", "18", "22", "24", "27", "28", "29", "30"}
    row7 = single.set_index("article").loc["7"]
    assert (row7["source_id"], row7["citations"]) == ("S1", 3)


def test_articles_without_basis_says_why(builtin_table):
    frame = articles_without_basis(builtin_table)
    assert frame.to_dict(orient="records") == [{"article": "31", "line": 234, "reason": "the row has no basis"}]


def test_findings_frame_and_json_dict_round_trip(builtin_table):
    assert list(findings_frame(builtin_table)["line"]) == [167, 189]
    data = json.loads(json.dumps(basis_dict(builtin_table), ensure_ascii=False))
    assert len(data["citations"]) == 55 and len(data["sources"]) == 12
    first = data["citations"][0]
    assert {"article", "source_id", "title", "pinpoint", "quote", "line", "span"} <= set(first)
    assert data["articles_without_basis"] == [{"article": "31", "line": 234, "reason": "the row has no basis"}]


def test_empty_table_gives_empty_frames_with_columns(draft, tmp_path):
    from qpr.basis import read_basis

    path = tmp_path / "empty.txt"
    path.write_text("条文\t条文内容\t设立依据\n", encoding="utf-8")
    table = read_basis(draft, table=path)
    assert citations_frame(table).empty and list(citations_frame(table).columns)[:3] == ["article", "number", "source_id"]
    assert sources_frame(table).empty
    assert basis_matrix(table).shape == (4, 0)
    assert list(articles_without_basis(table)["reason"]) == ["no row in the table"] * 4
    assert isinstance(single_source_articles(table), pd.DataFrame)
