"""Many regulations at once: the same readings on one process or two, in any order; errors reported, not fatal."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
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


_DUTIES_OF = """
import json, sys
from qpr.duties import read_many
out = {r.path: [[d.article, d.paragraph, d.item, d.actor, d.actor_id, str(d.role), d.level] for d in r.reading.duties]
       for r in read_many(sys.argv[1:], jobs=1)}
print(json.dumps(out, ensure_ascii=False))
"""


def test_the_readings_do_not_depend_on_what_the_process_read_before():
    # Fresh processes, so no cache is warm: forward and reversed order must agree file by file.
    files = [str(p) for p in REGULATIONS]

    def duties(order: list[str]) -> dict:
        done = subprocess.run([sys.executable, "-c", _DUTIES_OF, *order], capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    assert duties(files) == duties(files[::-1])


def test_a_file_that_is_not_a_regulation_is_reported_and_the_rest_are_read(folder):
    results = list(read_many([folder, folder / "missing.md"], jobs=2))
    failed = {Path(r.path).name: r for r in results if not r.ok}
    assert set(failed) == {"notes.txt", "missing.md"}
    assert failed["notes.txt"].not_a_regulation and "no articles" in failed["notes.txt"].error
    assert not failed["missing.md"].not_a_regulation and "no such file" in failed["missing.md"].error
    assert sum(r.ok for r in results) == 3


def test_a_bug_on_one_file_is_reported_for_that_file(folder, monkeypatch):
    import importlib

    extract_module = importlib.import_module("qpr.duties.extract")  # the module, not the function qpr.duties exports

    real = extract_module.extract

    def flaky(reg, **kw):
        if reg.title == "北京市信息化促进条例":  # one file only: the folder holds other Beijing texts
            raise RuntimeError("boom")
        return real(reg, **kw)

    monkeypatch.setattr(extract_module, "extract", flaky)
    results = {Path(r.path).name: r for r in read_many([folder], jobs=1)}
    broken = results["beijing-informatization-promotion.md"]
    assert broken.internal and "internal error (RuntimeError: boom)" in broken.error
    assert sum(r.ok for r in results.values()) == 2


def test_the_cli_reads_a_folder_into_one_table_with_a_regulation_column(folder, capsys):
    code = main(["duties", str(folder), "--jobs", "2", "--format", "jsonl", "--role", "bearer"])
    out, err = capsys.readouterr()
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]  # strict JSON: no NaN anywhere
    titles = {qpr.load(p).title for p in REGULATIONS[:3]}
    assert {r["regulation"] for r in records} == titles
    assert {r["role"] for r in records} == {"bearer"}
    assert "skipped" in err and "notes.txt" in err and "read 3 regulations" in err


def test_the_cli_json_for_several_files_is_one_object_per_regulation(folder, tmp_path, capsys):
    out = tmp_path / "out.json"
    assert main(["duties", str(folder), "-f", "json", "-o", str(out)]) == 0
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert len(payload) == 3 and {"title", "file", "duties", "unread"} <= set(payload[0])
    first = qpr.load(payload[0]["file"])
    assert len(payload[0]["duties"]) == len(extract(first).duties)


def test_the_cli_table_tells_two_versions_of_one_regulation_apart(folder, capsys):
    shutil.copy(REGULATIONS[0], folder / "second-version.md")
    assert main(["duties", str(folder / REGULATIONS[0].name), str(folder / "second-version.md")]) == 0
    out = capsys.readouterr().out
    assert REGULATIONS[0].name in out and "second-version.md" in out


def test_the_cli_fails_with_bad_input_status_when_no_file_is_a_regulation(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("没有条文。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("也没有。\n", encoding="utf-8")
    code = main(["duties", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    _, err = capsys.readouterr()
    assert code == 3 and "none of the 2 files" in err


def test_the_cli_writes_the_rest_and_exits_3_when_a_file_cannot_be_read(folder, tmp_path, capsys):
    out = tmp_path / "out.csv"
    code = main(["duties", str(folder), str(folder / "missing.md"), "-f", "csv", "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 3 and "could not read 1 file" in err and out.is_file()


def test_the_cli_with_strict_stops_before_writing_anything(folder, tmp_path, capsys):
    (folder / "gap.txt").write_text("某省示范条例\n第一条 甲。\n第三条 乙。\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code = main(["duties", str(folder), "--strict", "-f", "csv", "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 3 and "gap.txt" in err and not out.exists()


def test_the_cli_reads_standard_input_only_alone(folder, capsys):
    code = main(["duties", "-", str(REGULATIONS[0])])
    _, err = capsys.readouterr()
    assert code == 2 and "standard input" in err


def test_the_cli_says_when_a_folder_holds_no_regulation_files(tmp_path, capsys):
    code = main(["duties", str(tmp_path), str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 3 and "no .md, .txt, .html or .docx files" in err


def test_the_cli_says_when_every_clause_of_every_regulation_was_read(folder, capsys):
    assert main(["duties", str(folder), "--unread"]) == 0
    assert "every clause of the 3 regulations was read" in capsys.readouterr().out


def test_the_cli_lists_unread_clauses_of_many_files_once(folder, capsys, monkeypatch):
    import importlib

    from qpr.duties.model import Clause, ClauseKind, Reading

    batch = importlib.import_module("qpr.duties.batch")
    real = batch.read_one

    def with_unread(path, *args, **kwargs):
        result = real(path, *args, **kwargs)
        if result.reading is None:
            return result
        clause = Clause(result.reading.duties[0].provision, ClauseKind.UNREAD, "读不懂的一句。", result.reading.duties[0].span)
        reading = Reading(result.reading.title, result.reading.duties, (*result.reading.clauses, clause))
        return type(result)(result.path, result.title, reading, None, result.warnings)

    monkeypatch.setattr(batch, "read_one", with_unread)
    assert main(["duties", str(folder), "--unread", "--jobs", "1", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 3 and {r["text"] for r in rows} == {"读不懂的一句。"}


def test_one_selection_over_many_files_equals_one_per_file(tmp_path):
    """qpr duties FOLDER selects from one frame of every file (within="file"): the rows, and who shares
    each provision, are those of each file read alone; a provision is never shared across files."""
    import pandas as pd

    import qpr
    from qpr.analysis import duties_for
    from qpr.duties import extract, to_frame

    texts = {"a.md": "第一条 县级以上人民政府市场监督管理部门会同财政部门做好工作。\n",
             "b.md": "第一条 县级以上人民政府市场监督管理部门会同教育部门做好工作。\n第二条 企业应当配合。\n"}
    readings = {name: extract(qpr.parse(text, name=name)) for name, text in texts.items()}
    frame = pd.concat([to_frame(r.duties).assign(file=name) for name, r in readings.items()], ignore_index=True)
    together = duties_for(frame, actor_ids=["market-regulation"], within="file")
    alone = pd.concat([duties_for(r, actor_ids=["market-regulation"]).assign(file=name)
                       for name, r in readings.items()], ignore_index=True)
    assert together["shared_with"].tolist() == alone["shared_with"].tolist() == [["财政部门"], ["教育部门"]]
    assert together.drop(columns="shared_with").equals(alone[together.columns].drop(columns="shared_with"))
