"""Every command over regulations of odd shapes: a status and at most a line, never a traceback (issue 14).

``qpr matrix -f xlsx`` crashed on regulations where no two actors share a
provision (10 of 1,884 DLC regulations); the sweep that found it ran every
command variant over tiny, duty-less and one-actor texts. These are its cases.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qpr.cli import main

ODD = {
    "no duty.md": "# 某条例\n\n第一条 为了示范，制定本条例。\n",
    "one line.txt": "第一条 本条例自公布之日起施行。\n",
    "one duty.txt": "第一条 县级以上人民政府应当加强领导。\n",
    "nobody named.md": "# 某条例\n\n第一条 应当加强领导。\n\n第二条 应当开展检查。\n",
    "one actor.md": "# 某条例\n\n第一条 市场监督管理部门应当登记。\n\n第二条 市场监督管理部门可以检查。\n",
}

VARIANTS = [
    "articles F -f json", "duties F --why", "duties F -f csv", "duties F --unread", "duties F -f jsonl",
    "matrix F", "matrix F -f json", "matrix F -f xlsx -o OUT.xlsx", "matrix F --plot OUT.png",
    "matrix F --split-levels --by provision --lang en", "matrix F --government --level county",
    "findings F -f csv", "findings F -f json", "plan template F -o OUT.xlsx", "plan template F -f json",
    "coverage PLAN -r F", "coverage PLAN -r F -f xlsx -o OUT.xlsx", "coverage PLAN -r F --level county -f csv",
    "comments F -o OUT.docx", "comments F -o OUT.xlsx", "comments F -f markdown", "explain 第一条 F",
]


def sweep(capsys, tmp_path: Path, regulation: Path) -> list[str]:
    """Run every variant over ``regulation``; return what went wrong."""
    plan = tmp_path / "plan.csv"
    plan.write_text("序号,条款,任务内容,牵头单位\n1,第一条,示范,县市场监督管理局\n", encoding="utf-8")
    wrong = []
    for variant in VARIANTS:
        argv = [str(regulation) if a == "F" else str(plan) if a == "PLAN" else a.replace("OUT", str(tmp_path / "o"))
                for a in variant.split()]
        try:
            code = main(argv)
        except BaseException as exc:  # the test reports every crash, not the first
            wrong.append(f"{variant}: {type(exc).__name__}: {exc}")
            continue
        _, err = capsys.readouterr()
        lines = [line for line in err.splitlines() if not line.startswith("qpr: warning:")]
        if code not in (0, 3) or len(lines) > 1:
            wrong.append(f"{variant}: status {code}: {err!r}")
    return wrong


@pytest.mark.parametrize("name", ODD)
def test_every_command_takes_an_odd_regulation(capsys, tmp_path, name):
    regulation = tmp_path / name
    regulation.write_text(ODD[name], encoding="utf-8")
    assert sweep(capsys, tmp_path, regulation) == []


def test_every_command_takes_a_regulation_where_no_two_actors_share_a_provision(capsys, tmp_path, corpus_dir):
    found = list(corpus_dir.glob("DLC/上海地方法规/**/上海市企业名称登记管理规定*.md"))
    if not found:
        pytest.skip("上海市企业名称登记管理规定 is not in the corpus")
    regulation = tmp_path / "shanghai.md"
    shutil.copy(found[0], regulation)
    assert sweep(capsys, tmp_path, regulation) == []
    from openpyxl import load_workbook

    assert main(["matrix", str(regulation), "-f", "xlsx", "-o", str(tmp_path / "m.xlsx")]) == 0
    summary = load_workbook(tmp_path / "m.xlsx")["主体汇总"]
    header = [c.value for c in summary[1]]
    assert header[0] == "责任主体" and "共同涉及" in header  # shared_with
    assert summary.cell(row=2, column=2).value == "market-regulation"


def test_the_heatmap_of_a_regulation_without_duties_says_so(tmp_path, recwarn):
    import pandas as pd

    from qpr.render.plot import matrix_heatmap

    matrix_heatmap(pd.DataFrame(), tmp_path / "m.png", title="某条例")
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]
