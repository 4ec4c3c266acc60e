"""Duties and clauses of many regulations as typed Parquet tables, for DuckDB, pandas or Spark.

One row per duty, with the regulation it comes from (path, title, issuing
body, date, jurisdiction) on every row, so a query across provinces needs no
join; a second table holds every clause with its kind. Columns are typed
(dates are dates, paragraph and item integers, ``rules`` a list of strings),
and the schemas are fixed here, so an empty corpus still writes a table a
query can read. Needs pyarrow (``pip install 'qpr[parquet]'``).

>>> import qpr
>>> from qpr.duties.batch import FileReading
>>> reg = qpr.parse("第一条 县级以上人民政府应当加强领导。\\n", name="x.md")
>>> duties, _ = document_batches(FileReading("x.md", reg.title, qpr.extract_duties(reg)))
>>> duties.to_pylist()[0]["provision"], duties.num_rows
('第一条第一款', 1)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from qpr.duties.batch import FileReading
from qpr.errors import UsageError
from qpr.numerals import provision_label

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["ParquetFile", "clause_schema", "document_batches", "duty_schema"]

#: Rows per row group: DuckDB and pandas read a row group at a time, and skip those a filter rules out.
ROW_GROUP = 65536

# The columns every row carries about its regulation.
_REGULATION_COLUMNS = ("path", "title", "issuer", "document_number", "status", "date", "effective", "jurisdiction",
                       "province", "city")


def _pyarrow():  # type: ignore[no-untyped-def]
    try:
        import pyarrow
        import pyarrow.parquet
    except ModuleNotFoundError as exc:
        raise UsageError("--format parquet needs pyarrow: pip install 'qpr[parquet]'") from exc
    return pyarrow


def _regulation_fields(pa):  # type: ignore[no-untyped-def]
    return [
        pa.field("path", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("issuer", pa.string()),
        pa.field("document_number", pa.string()),
        pa.field("status", pa.string()),
        # 通过 (adopted), else 公布 (published): the date a researcher sorts regulations by.
        pa.field("date", pa.date32()),
        pa.field("effective", pa.date32()),
        pa.field("jurisdiction", pa.string()),
        pa.field("province", pa.string()),
        pa.field("city", pa.string()),
    ]


def _provision_fields(pa):  # type: ignore[no-untyped-def]
    return [
        pa.field("provision", pa.string(), nullable=False),
        pa.field("article", pa.string(), nullable=False),
        pa.field("paragraph", pa.int32(), nullable=False),
        pa.field("item", pa.int32()),
    ]


@cache
def duty_schema() -> pa.Schema:
    """The duty table: the regulation's columns, then one duty (provision, actor, role) per row."""
    pa = _pyarrow()
    return pa.schema([
        *_regulation_fields(pa), *_provision_fields(pa),
        pa.field("actor", pa.string()),
        pa.field("actor_id", pa.string()),
        pa.field("actor_name", pa.string()),
        pa.field("role", pa.string(), nullable=False),
        pa.field("modality", pa.string(), nullable=False),
        pa.field("level", pa.string()),
        pa.field("action", pa.string(), nullable=False),
        pa.field("basis", pa.string(), nullable=False),
        pa.field("confident", pa.bool_(), nullable=False),
        pa.field("rules", pa.list_(pa.string()), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
    ])


@cache
def clause_schema() -> pa.Schema:
    """The clause table: the regulation's columns, then one sentence of a provision and its kind per row."""
    pa = _pyarrow()
    return pa.schema([
        *_regulation_fields(pa), *_provision_fields(pa),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("rules", pa.list_(pa.string()), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
    ])


def _regulation_values(result: FileReading) -> dict[str, object]:
    meta = result.metadata
    where = result.reading.jurisdiction if result.reading is not None else None
    date: dt.date | None = None
    if meta is not None:
        date = meta.adopted or meta.published
    return {
        "path": result.path, "title": result.title,
        "issuer": meta.issuer if meta else None, "document_number": meta.document_number if meta else None,
        "status": meta.status if meta else None, "date": date, "effective": meta.effective if meta else None,
        "jurisdiction": where.name if where else None,
        "province": where.province if where else None, "city": where.city if where else None,
    }


def _batch(schema: pa.Schema, head: dict[str, object], columns: dict[str, list[object]], n: int) -> pa.RecordBatch:
    """One document's rows: its regulation values repeated, then its own columns."""
    pa = _pyarrow()
    arrays = {name: [head[name]] * n for name in _REGULATION_COLUMNS}
    arrays.update(columns)
    return pa.RecordBatch.from_pydict(arrays, schema=schema)


# A corpus has some 400,000 duties but far fewer distinct provisions: spell each label once.
_label = lru_cache(maxsize=65536)(provision_label)


def _provisions(records: Iterable[object]) -> dict[str, list[object]]:
    provs = [r.provision for r in records]  # type: ignore[attr-defined]
    return {
        "provision": [_label(p.article, p.paragraph, p.item) for p in provs],
        "article": [p.article for p in provs],
        "paragraph": [p.paragraph for p in provs],
        "item": [p.item for p in provs],
    }


def document_batches(result: FileReading, *, clauses: bool = False) -> tuple[pa.RecordBatch, pa.RecordBatch | None]:
    """One regulation's duty rows (and clause rows): small, so a corpus run can drop each reading once converted."""
    reading = result.reading
    if reading is None:
        raise ValueError(f"{result.path} has no reading to write: {result.error}")
    head = _regulation_values(result)
    ds = reading.duties
    duties = _batch(duty_schema(), head, {
        **_provisions(ds),
        "actor": [d.actor for d in ds], "actor_id": [d.actor_id for d in ds],
        "actor_name": [d.actor_name for d in ds], "role": [d.role.value for d in ds],
        "modality": [d.modality.value for d in ds], "level": [d.level for d in ds],
        "action": [d.action for d in ds], "basis": [d.basis for d in ds],
        "confident": [d.confident for d in ds], "rules": [list(d.rules) for d in ds],
        "start": [d.span.start for d in ds], "end": [d.span.end for d in ds],
    }, len(ds))
    if not clauses:
        return duties, None
    cs = reading.clauses
    return duties, _batch(clause_schema(), head, {
        **_provisions(cs),
        "kind": [c.kind.value for c in cs], "text": [c.text for c in cs], "reason": [c.reason for c in cs],
        "rules": [list(c.rules) for c in cs],
        "start": [c.span.start for c in cs], "end": [c.span.end for c in cs],
    }, len(cs))


class ParquetFile:
    """A Parquet file built in memory from one regulation's rows at a time, in row groups of ``row_group`` rows.

    Rows are compressed as each row group fills, so a corpus run holds the
    compressed file and one row group, not every row; :meth:`finish` gives the
    bytes, to be written whole or not at all.
    """

    def __init__(self, schema: pa.Schema, *, row_group: int = ROW_GROUP) -> None:
        arrow = _pyarrow()
        import pyarrow.parquet as pq

        self.schema = schema
        self.num_rows = 0
        self._row_group = row_group
        self._pending: list[pa.RecordBatch] = []
        self._pending_rows = 0
        self._sink = arrow.BufferOutputStream()
        self._writer = pq.ParquetWriter(self._sink, schema, compression="zstd")

    def add(self, batch: pa.RecordBatch) -> None:
        self._pending.append(batch)
        self._pending_rows += batch.num_rows
        self.num_rows += batch.num_rows
        if self._pending_rows >= self._row_group:
            self._flush()

    def _flush(self) -> None:
        pa = _pyarrow()
        if self._pending:
            self._writer.write_table(pa.Table.from_batches(self._pending, schema=self.schema),
                                     row_group_size=self._row_group)
        self._pending, self._pending_rows = [], 0

    def finish(self) -> bytes:
        self._flush()
        self._writer.close()
        return self._sink.getvalue().to_pybytes()
