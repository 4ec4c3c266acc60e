"""A fast start: `import qpr`, `qpr --help` and `qpr actors lookup` load no pandas (issue 13)."""

from __future__ import annotations

import subprocess
import sys

from qpr.cli import COMMAND_HELP, build_parser

HEAVY = ("pandas", "matplotlib", "openpyxl", "docx", "bs4")


def _loaded(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout.split()
    return {m for m in HEAVY if m in out}


def test_import_qpr_loads_no_heavy_library_until_asked():
    assert _loaded("import qpr") == set()
    assert "pandas" in _loaded("import qpr; qpr.responsibility_matrix")  # the re-exports still work


def test_qpr_help_and_actors_lookup_load_no_heavy_library():
    run = "from qpr.cli import main\ntry:\n    main({})\nexcept SystemExit:\n    pass"
    assert _loaded(run.format(["--help"])) == set()
    assert _loaded(run.format(["actors", "lookup", "市场监管部门"])) == set()


def test_the_command_list_says_what_each_command_module_says():
    parser = build_parser()
    helps = {a.dest: a.help for sub in parser._subparsers._group_actions for a in sub._choices_actions}
    assert helps == COMMAND_HELP
