"""Questions by kind: what enterprises must do, whatever the text calls them."""

from __future__ import annotations

import json

import pytest

import qpr
from qpr.actors.kinds import kind_queries, kinds_asked, party_kind
from qpr.actors.model import Kind
from qpr.analysis import duties_for
from qpr.cli import main
from qpr.duties import extract

GAS = "DLC/浙江地方法规/地方性法规/浙江/杭州市燃气管理条例(2021-12-03).md"


def test_a_query_is_a_group_or_a_kind_code():
    assert kinds_asked("enterprise") == {Kind.ENTERPRISE, Kind.BUSINESS}
    assert kinds_asked("government") == {Kind.GOVERNMENT, Kind.DEPARTMENT, Kind.VERTICAL}
    assert kinds_asked("public") == {Kind.PUBLIC}
    assert {"enterprise", "government", "department", "open"} <= set(kind_queries())
    with pytest.raises(ValueError, match="did you mean enterprise"):
        kinds_asked("enterprize")


def test_a_party_the_registry_does_not_list_gets_its_kind_from_its_name():
    assert party_kind(None, "管道燃气经营者") is Kind.BUSINESS
    assert party_kind(None, "危险化学品生产企业") is Kind.ENTERPRISE
    assert party_kind(None, "燃气设施") is None
    assert party_kind("market-regulation", "市场监管部门") is Kind.DEPARTMENT


def test_kind_selects_in_the_builtin_draft():
    reading = extract(qpr.load())
    government = duties_for(reading, kind="government")
    assert set(government["actor_id"]) >= {"people-government", "market-regulation"}
    assert "enterprise" not in set(government["actor_id"])
    both = duties_for(reading, kind=["enterprise", "public"])
    assert {"企业", "个人"} <= set(both["actor"])


def test_enterprise_duties_of_the_hangzhou_gas_regulation(corpus_dir):
    reading = extract(qpr.load(corpus_dir / GAS))
    found = duties_for(reading, kind="enterprise")
    assert len(found) >= 22
    assert {"燃气经营者", "建设单位", "施工单位", "管道燃气经营者", "瓶装燃气经营者"} <= set(found["actor"])
    assert not found["actor_id"].isin(["housing-construction", "people-government"]).any()
    assert len(duties_for(reading, "企业")) < len(found)  # the name alone finds the one 企业


def test_cli_kind_enterprise_on_the_gas_regulation(corpus_dir, capsys):
    assert main(["duties", str(corpus_dir / GAS), "--kind", "enterprise", "-f", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["duties"]
    assert len(rows) >= 22 and {"燃气经营者", "施工单位"} <= {r["actor"] for r in rows}


def test_cli_unknown_kind_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["duties", "--kind", "enterprize"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.count("\n") == 1 and "did you mean enterprise" in err
