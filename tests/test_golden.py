"""Golden files: what the main commands print for the built-in regulation, kept in tests/golden.

A change to the extractor or a renderer that changes what a user sees shows
up here as a diff to read, not only as a score that moved. When the change is
meant, regenerate the files and commit them with it:

    QPR_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from qpr.cli import main

GOLDEN = Path(__file__).with_name("golden")

CASES = {
    "duties.jsonl": ["duties", "-f", "jsonl"],
    "duties-county-market-regulator.csv": ["duties", "--actor", "市场监督管理部门", "--level", "county", "-f", "csv"],
    "matrix.csv": ["matrix", "-f", "csv"],
    "findings.csv": ["findings", "-f", "csv"],
    "plan-template-county.csv": ["plan", "template", "--level", "county", "-f", "csv"],
    "explain-article-24.txt": ["explain", "第二十四条"],
}


def _comment_form_text(tmp_path: Path) -> str:
    """The comment form (a .docx) as the text of its paragraphs and table cells, in order."""
    import docx

    out = tmp_path / "form.docx"
    assert main(["comments", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.replace("\n", " / ") for cell in row.cells))
    return "\n".join(lines) + "\n"


def _check(name: str, got: str) -> None:
    path = GOLDEN / name
    if os.environ.get("QPR_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
        return
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), f"golden/{name}", "now",
                                            n=1))
        pytest.fail(f"{name} changed (QPR_UPDATE_GOLDEN=1 rewrites it when the change is meant):\n{diff[:4000]}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_builtin_regulation_prints_as_its_golden_file(name, capsys):
    assert main(CASES[name]) == 0
    _check(name, capsys.readouterr().out)


def test_the_comment_form_says_what_its_golden_file_says(tmp_path):
    _check("comment-form.txt", _comment_form_text(tmp_path))
