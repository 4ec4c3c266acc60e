"""Open-ended bearers are found by the actor the words resolve to, whatever the wording."""

from __future__ import annotations

import qpr
from qpr.analysis import drafting_findings
from qpr.duties import extract

TEXT = ("某省示范条例\n第一条 其他相关部门应当做好相关工作。\n第二条 有关机构应当配合。\n"
        "第三条 相关单位应当报送材料。\n第四条 财政部门应当安排经费。\n")


def test_every_wording_of_an_open_ended_party_is_flagged_and_a_named_department_is_not():
    reg = qpr.parse(TEXT, name="example.txt")
    findings = drafting_findings(extract(reg), reg)
    flagged = set(findings.loc[findings["kind"].astype(str) == "open-bearer", "article"].astype(str))
    assert flagged == {"1", "2", "3"}
