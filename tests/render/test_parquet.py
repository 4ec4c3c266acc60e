"""Parquet for a data team: one typed row per duty with its regulation, a clause table beside it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import qpr
from qpr.cli import main
from qpr.duties import read_many

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

DATA = Path(__file__).resolve().parents[1] / "duties" / "data"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "regs"
    src.mkdir()
    for p in sorted(DATA.glob("*.md"))[:3]:
        if p.name != "README.md":
            shutil.copy(p, src / p.name)
    return src


def test_one_typed_row_per_duty_with_the_regulation_on_every_row(folder, tmp_path, capsys):
    out = tmp_path / "duties.parquet"
    assert main(["duties", str(folder), "-f", "parquet", "-o", str(out), "--jobs", "1"]) == 0
    table = pq.read_table(out)
    results = [r for r in read_many([folder], jobs=1) if r.ok]
    assert table.num_rows == sum(len(r.reading.duties) for r in results)
    schema = table.schema
    assert schema.field("date").type == pa.date32() and schema.field("paragraph").type == pa.int32()
    assert schema.field("rules").type == pa.list_(pa.string())
    rows = table.to_pylist()
    first = results[0]
    mine = [r for r in rows if r["path"] == first.path]
    assert len(mine) == len(first.reading.duties)
    d, row = first.reading.duties[0], mine[0]
    assert (row["title"], row["article"], row["paragraph"], row["item"]) == (first.title, d.article, d.paragraph, d.item)
    assert (row["actor_id"], row["role"], row["modality"], row["level"]) == (d.actor_id, "bearer", str(d.modality), d.level)
    assert row["rules"] == list(d.rules) and row["provision"].startswith("第")
    assert row["issuer"] and row["jurisdiction"] and row["date"] is not None


def test_clauses_go_beside_the_duties(folder, tmp_path, capsys):
    out = tmp_path / "all.parquet"
    assert main(["duties", str(folder), "-f", "parquet", "-o", str(out), "--clauses", "--jobs", "1"]) == 0
    clauses = pq.read_table(tmp_path / "all.clauses.parquet")
    results = [r for r in read_many([folder], jobs=1) if r.ok]
    assert clauses.num_rows == sum(len(r.reading.clauses) for r in results)
    assert set(clauses.column("kind").to_pylist()) >= {"duty", "no-duty"}


def test_the_builtin_regulation_alone_and_the_filters(tmp_path, capsys):
    out = tmp_path / "county.parquet"
    assert main(["duties", "-f", "parquet", "-o", str(out), "--actor", "市场监管部门", "--level", "county"]) == 0
    table = pq.read_table(out)
    assert table.num_rows > 5
    assert set(table.column("actor_id").to_pylist()) == {qpr.registry().lookup("市场监管部门").id}
    assert set(table.column("title").to_pylist()) == {"四川省质量促进条例(征求意见稿)"}


def test_parquet_needs_a_file_to_write_to(capsys):
    assert main(["duties", "-f", "parquet"]) == 2
    assert "-o PATH" in capsys.readouterr().err


def test_without_pyarrow_the_message_says_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ModuleNotFoundError
    out = tmp_path / "d.parquet"
    assert main(["duties", "-f", "parquet", "-o", str(out)]) == 2
    assert "qpr[parquet]" in capsys.readouterr().err and not out.exists()


def test_rows_go_out_in_row_groups_and_come_back_whole(builtin_reading, tmp_path):
    from qpr.duties.batch import FileReading
    from qpr.render.parquet import ParquetFile, document_batches, duty_schema

    out = ParquetFile(duty_schema(), row_group=40)
    batch, _ = document_batches(FileReading("x.md", builtin_reading.title, builtin_reading))
    for _ in range(3):  # three regulations' worth of rows: several row groups
        out.add(batch)
    path = tmp_path / "d.parquet"
    path.write_bytes(out.finish())
    assert pq.ParquetFile(path).metadata.num_row_groups == -(-3 * batch.num_rows // 40)
    assert pq.read_table(path).num_rows == out.num_rows == 3 * len(builtin_reading.duties)
