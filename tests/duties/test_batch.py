"""Many regulations at once: the same readings on one process or two, errors reported, not fatal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import qpr
from qpr.cli import main
from qpr.duties import extract, read_many

DATA = Path(__file__).with_name("data")
REGULATIONS = sorted(p for p in DATA.glob("*.md") if p.name != "README.md")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for p in REGULATIONS[:3]:
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "notes.txt").write_text("这不是一部法规。\n", encoding="utf-8")  # no articles: skipped, reported
    return tmp_path


def test_two_processes_give_the_same_readings_in_the_same_order_as_one(folder):
    one = list(read_many([folder], jobs=1))
    two = list(read_many([folder], jobs=2))
    assert [r.path for r in one] == [r.path for r in two] == sorted(r.path for r in one)
    assert one == two
    # And each is what extract() gives for that file alone.
    first = next(r for r in one if r.ok)
    assert first.reading == extract(qpr.load(first.path))


def test_a_file_that_is_not_a_regulation_is_reported_and_the_rest_are_read(folder):
    results = list(read_many([folder, folder / "missing.md"], jobs=2))
    failed = {Path(r.path).name: r.error for r in results if not r.ok}
    assert set(failed) == {"notes.txt", "missing.md"}
    assert "no articles" in failed["notes.txt"] and "no such file" in failed["missing.md"]
    assert sum(r.ok for r in results) == 3


def test_the_cli_reads_a_folder_into_one_table_with_a_regulation_column(folder, capsys):
    code = main(["duties", str(folder), "--jobs", "2", "--format", "jsonl", "--role", "bearer"])
    out, err = capsys.readouterr()
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    titles = {qpr.load(p).title for p in REGULATIONS[:3]}
    assert {r["regulation"] for r in records} == titles
    assert {r["role"] for r in records} == {"bearer"}
    assert "skipped" in err and "notes.txt" in err and "read 3 regulations" in err


def test_the_cli_fails_with_bad_input_status_when_no_file_is_a_regulation(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("没有条文。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("也没有。\n", encoding="utf-8")
    code = main(["duties", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    _, err = capsys.readouterr()
    assert code == 3 and "none of the 2 files" in err
