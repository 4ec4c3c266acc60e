"""Legal-basis tables (立法依据对照表): which higher documents each article rests on.

>>> import qpr
>>> from qpr.basis import read_basis, basis_matrix
>>> table = read_basis(qpr.load())          # the built-in draft's 附件2
>>> [c.title for c in table.citations_of(1)]
['中共中央国务院关于开展质量提升行动的指导意见', '中共四川省委关于全面推动高质量发展的决定']

``read_basis(reg, table=path)`` reads a user's own table (.txt, .docx,
.xlsx) against their draft. The analysis functions take the
:class:`BasisTable` and return DataFrames.
"""

from qpr.basis.frames import (
    articles_without_basis,
    basis_dict,
    basis_matrix,
    citations_frame,
    findings_frame,
    single_source_articles,
    sources_frame,
)
from qpr.basis.model import (
    BasisError,
    BasisFinding,
    BasisRow,
    BasisTable,
    Citation,
    FindingKind,
    NoBasisTableError,
    Source,
)
from qpr.basis.reading import find_basis_part, own_basis, read_basis
from qpr.basis.sources import parse_title, resolve_sources, title_key

__all__ = [
    "BasisError",
    "BasisFinding",
    "BasisRow",
    "BasisTable",
    "Citation",
    "FindingKind",
    "NoBasisTableError",
    "Source",
    "articles_without_basis",
    "basis_dict",
    "basis_matrix",
    "citations_frame",
    "find_basis_part",
    "findings_frame",
    "own_basis",
    "parse_title",
    "read_basis",
    "resolve_sources",
    "single_source_articles",
    "sources_frame",
    "title_key",
]
