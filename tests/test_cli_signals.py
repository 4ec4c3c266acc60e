"""SIGTERM ends a folder run as Ctrl-C does: workers too, nothing partial written, status 143 (issue 14)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (read from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def corpus_folder(tmp_path, corpus_dir):
    folder = tmp_path / "laws"
    folder.mkdir()
    files = sorted(corpus_dir.glob("DLC/**/*.md"))[:400]
    if len(files) < 50:
        pytest.skip("too few corpus files")
    for i, f in enumerate(files):
        (folder / f"{i:04d}.md").symlink_to(f)
    return folder


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see the workers")
@pytest.mark.parametrize("sig, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_to_a_folder_run_ends_its_workers_and_writes_nothing(tmp_path, corpus_folder, sig, status):
    out = tmp_path / "out" / "duties.csv"
    out.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "qpr", "duties", str(corpus_folder), "--jobs", "2", "-f", "csv",
                             "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    workers: set[int] = set()
    try:
        assert wait_for(lambda: len(children(proc.pid)) >= 2, 60), "the workers never started"
        workers = children(proc.pid)
        proc.send_signal(sig)  # to the parent only, as kill and timeout send it
        assert proc.wait(timeout=60) == status
        assert wait_for(lambda: not any(alive(w) for w in workers), 20), "workers outlived their parent"
        assert b"Traceback" not in proc.stderr.read()
        assert list(out.parent.iterdir()) == []
    finally:  # a failing run must not leave its processes behind
        for pid in [proc.pid, *workers]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        proc.stdout.close()
        proc.stderr.close()
        proc.wait()
