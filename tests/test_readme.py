"""The README's Python code runs as written, from the project folder, as a newcomer would run it."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import CORPUS, REPO

BLOCKS = re.findall(r"^```python\n(.*?)^```", (REPO / "README.md").read_text(encoding="utf-8"), re.DOTALL | re.MULTILINE)


def test_the_readme_has_python_to_run():
    assert BLOCKS and any("duties_for(" in b and "read_plan(" in b for b in BLOCKS)


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i + 1}" for i in range(len(BLOCKS))])
def test_a_readme_python_block_runs_as_written(code):
    if "../shared/corpus" in code and not CORPUS.is_dir():
        pytest.skip(f"the block reads the corpus, not found at {CORPUS}")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], check=False, cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    if "read_many(" in code:
        lines = done.stdout.splitlines()
        assert any(line.startswith("杭州市燃气管理条例") for line in lines)  # a real folder, really read
