"""read_many on any concurrent.futures.Executor, a Dask cluster included: the same readings, file by file."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

import qpr
from qpr.cli import main
from qpr.duties import read_many

DATA = Path(__file__).with_name("data")
REGULATIONS = sorted(p for p in DATA.glob("*.md") if p.name != "README.md")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("regs")
    for p in REGULATIONS[:8]:
        shutil.copy(p, out / p.name)
    (out / "notes.txt").write_text("这不是一部法规。\n", encoding="utf-8")  # reported, not fatal, on any executor
    return out


@pytest.fixture(scope="module")
def serial(folder) -> list:
    return list(read_many([folder], jobs=1))


def test_a_process_pool_of_ones_own_gives_the_serial_readings_in_order(folder, serial):
    with ProcessPoolExecutor(2) as pool:
        assert list(read_many([folder], executor=pool)) == serial


def test_a_custom_registry_travels_to_the_executors_workers(tmp_path):
    # A layered registry that knows one more body: the worker must read with it, not the built-in one.
    layered = qpr.registry().extend({"actor": [{"id": "quality-office", "name": "质量强省办公室", "name_en": "Quality Office", "kind": "institution", "aliases": ["质量强省办公室"]}]}, name="mine")
    text = "第一条 质量强省办公室应当统筹推进质量工作。\n"
    path = tmp_path / "office.md"
    path.write_text(text, encoding="utf-8")
    with ThreadPoolExecutor(2) as pool:
        [result] = read_many([path], executor=pool, registry=layered)
    with ProcessPoolExecutor(1) as pool:
        [remote] = read_many([path], executor=pool, registry=layered)
    assert [d.actor_id for d in result.reading.duties] == ["quality-office"]
    assert remote.reading == result.reading


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  scheduler_port=0, silence_logs=40) as local:
        yield local


def test_a_dask_cluster_of_two_worker_processes_gives_the_serial_readings_document_by_document(cluster, folder, serial):
    from distributed import Client

    with Client(cluster) as client:
        on_dask = list(read_many([folder], executor=client.get_executor()))
        workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2  # two processes really did the work
    assert [r.path for r in on_dask] == [r.path for r in serial]
    for mine, theirs in zip(on_dask, serial):
        assert mine == theirs, mine.path
    assert sum(not r.ok for r in on_dask) == 1


def test_qpr_duties_scheduler_writes_what_the_local_run_writes(cluster, folder, capsys):
    assert main(["duties", str(folder), "--jobs", "1", "-f", "jsonl"]) == 0
    local = capsys.readouterr().out
    assert main(["duties", str(folder), "--scheduler", cluster.scheduler_address, "-f", "jsonl"]) == 0
    remote = capsys.readouterr().out
    assert remote == local and len(remote.splitlines()) > 500
    assert {json.loads(line)["file"] for line in remote.splitlines()} == {str(p) for p in sorted(folder.glob("*.md"))}


def test_a_scheduler_nobody_answers_at_is_one_line_and_status_3(folder, capsys, monkeypatch):
    pytest.importorskip("distributed")
    import qpr.cli.duties as duties_cli

    monkeypatch.setattr(duties_cli, "SCHEDULER_TIMEOUT", 1)
    assert main(["duties", str(folder), "--scheduler", "tcp://127.0.0.1:9"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("qpr: cannot reach the Dask scheduler at tcp://127.0.0.1:9") and err.count("\n") == 1
