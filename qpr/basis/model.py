"""Records of a legal-basis table (立法依据对照表): citations, sources, findings.

A drafting office sends, with a draft, a table saying article by article
which higher documents (上位法 higher law, 政策文件 policy documents) each
provision rests on. Each numbered entry in an article's 设立依据 (basis) cell
becomes a :class:`Citation`; the many spellings of one cited document resolve
to one :class:`Source`; anything that cannot be read or attributed becomes a
:class:`BasisFinding` with its line, never an exception or a lost row.

Records hold plain values only (ids, offsets, strings), like
:mod:`qpr.model`, so they compare, hash and pickle simply.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from qpr.errors import QprError
from qpr.model import Span

__all__ = [
    "BasisError",
    "BasisFinding",
    "BasisRow",
    "BasisTable",
    "Citation",
    "FindingKind",
    "NoBasisTableError",
    "Source",
]


class BasisError(QprError, ValueError):
    """A basis table file that cannot be read as a table at all (wrong format, no header row)."""


class NoBasisTableError(QprError, LookupError):
    """The regulation carries no legal-basis table and none was given."""


class FindingKind(enum.StrEnum):
    #: a row or line whose article cannot be told from its 条文 cell
    NO_ARTICLE_NUMBER = "no-article-number"
    #: a row for an article the regulation does not have
    UNKNOWN_ARTICLE = "unknown-article"
    #: a second row for an article that already had one (its citations are added to the first)
    DUPLICATE_ROW = "duplicate-row"
    #: an article of the regulation with no row in the table
    MISSING_ROW = "missing-row"
    #: a row that stops short: fewer cells than the header, or its text cut off
    TRUNCATED_ROW = "truncated-row"
    #: the row's 条文内容 differs from the regulation's text of that article
    CONTENT_DIFFERS = "content-differs"
    #: a paragraph or item of the article that the row leaves out
    MISSING_CONTENT = "missing-content"
    #: a citation that names no document in 《》
    NO_TITLE = "no-title"
    #: a 《 with no closing 》: the citation is cut off
    UNCLOSED_TITLE = "unclosed-title"
    #: citation numbers out of sequence (1., 3.) or a citation with no number
    NUMBERING = "citation-numbering"
    #: a second document cited inside another citation's passage, read as its own citation
    EMBEDDED_CITATION = "embedded-citation"
    #: text that belongs to no row (before the first article, between tables)
    UNATTRIBUTED = "unattributed-text"
    #: one title that fits two sources equally well
    AMBIGUOUS_SOURCE = "ambiguous-source"


@attrs.frozen(slots=True)
class BasisFinding:
    """Something in the table a person should look at: reported, never silently fixed.

    ``line`` is the line of the table's text (the regulation's text for a
    table attached to it; the Excel row number for an .xlsx table).
    """

    kind: FindingKind
    message: str
    line: int
    article: str | None = None
    text: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", 第{self.article}条" if self.article else "")
        return f"{where}: {self.message}"


@attrs.frozen(slots=True)
class Citation:
    """One entry of an article's 设立依据 cell: a document, where in it, and what it says.

    ``number`` is the entry's number in the row (``1.``, ``2.``), None when the
    table did not number it. ``title`` is the document's title as written inside
    《》 (spaces collapsed); ``source_id`` names the :class:`Source` its spelling
    resolves to. ``pinpoints`` are the places inside the document, in order
    (``第七条``, ``(二十八)``, ``三、(一)``); ``quote`` is the passage after
    the title, date, document number and leading pinpoints; ``text`` the whole
    entry as written. ``span`` runs from the entry's first character to its
    last in :attr:`BasisTable.text`; ``parts`` are the pieces it is made of when
    the article's own paragraphs interrupt it.
    """

    article: str | None
    number: int | None
    title: str
    source_id: str | None
    issuer: str | None
    document_number: str | None
    date: dt.date | None
    pinpoints: tuple[str, ...]
    quote: str
    text: str
    line: int
    span: Span
    parts: tuple[Span, ...] = ()

    @property
    def pinpoint(self) -> str:
        """The pinpoints as one string: ``第八条；第二十一条；第三十一条``."""
        return "；".join(self.pinpoints)


@attrs.frozen(slots=True)
class Source:
    """One cited document, whatever spellings the table uses for it.

    ``title`` is the canonical spelling (the most frequent one, document
    number and date taken out); ``variants`` every distinct spelling as
    written, in order of first use; ``key`` the normalised title the variants
    share. ``confidence`` is 1.0 when the variants differ only in spacing,
    brackets with dates or document numbers, and falls for each looser rule
    needed to group them (an issuer written one way or left out, a
    印发…的通知 wrapper, a period such as (2011-2020年) left out).
    """

    source_id: str
    title: str
    variants: tuple[str, ...]
    confidence: float
    key: str
    issuer: str | None = None
    document_number: str | None = None
    date: dt.date | None = None
    #: the kind of document as its title ends: 法, 条例, 意见, 纲要, 决定, 规划, 通知 …
    kind: str | None = None


@attrs.frozen(slots=True)
class BasisRow:
    """An article's row in the table: where it starts and its 条文内容 as written."""

    article: str
    label: str
    line: int
    span: Span
    content: str = ""


@attrs.frozen(slots=True)
class BasisTable:
    """A legal-basis table read against a regulation.

    ``articles`` are the regulation's article ids in order (the denominator of
    :func:`~qpr.basis.articles_without_basis`); ``text`` is the text every
    span points into: the regulation's own text for its attached table, else
    the table file's text (for .docx and .xlsx, one row a line with cells
    joined by tabs).
    """

    source: str | None
    title: str
    articles: tuple[str, ...]
    rows: tuple[BasisRow, ...]
    citations: tuple[Citation, ...]
    sources: tuple[Source, ...]
    findings: tuple[BasisFinding, ...]
    text: str = attrs.field(default="", repr=False, eq=False)

    def source_by_id(self, source_id: str) -> Source:
        for s in self.sources:
            if s.source_id == source_id:
                return s
        raise KeyError(f"no source {source_id!r}; the table has {', '.join(s.source_id for s in self.sources) or 'none'}")

    def citations_of(self, article: str | int) -> tuple[Citation, ...]:
        key = str(article)
        return tuple(c for c in self.citations if c.article == key)
