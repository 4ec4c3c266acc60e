"""docs/bad-input.md says what qpr does with each bad input: check that it still does (issue 14)."""

from __future__ import annotations

import pytest

from tests.bad_input_cases import CASES, DOC, run, table_rows

DOCUMENTED = table_rows(DOC.read_text(encoding="utf-8"))
# Cheap cases, one of each kind of failure: unreadable input, bounded input, usage, output, stdout.
CHECKED = ["missing file", "empty file", "PDF", "UTF-16 without a BOM", "a zip that is not a .docx",
           "a JSON plan nested 100,000 deep", "a YAML plan that is a billion laughs (389 bytes)",
           "-o is the input file", "-o into a missing folder", "standard output closed",
           "the reader of standard output stops"]


def test_every_case_is_in_the_table_with_its_command():
    assert {c.name: c.command for c in CASES} == {name: row[0] for name, row in DOCUMENTED.items()}


@pytest.mark.parametrize("name", CHECKED)
def test_the_table_says_what_qpr_does(tmp_path, name):
    case = next(c for c in CASES if c.name == name)
    outcome = run(case, tmp_path)
    assert (outcome.status, outcome.message) == DOCUMENTED[name][1:]
    assert "Traceback" not in outcome.message
