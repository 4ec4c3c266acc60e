"""qpr explain and qpr duties --why: every row says which rules made it and which words named its party."""

from __future__ import annotations

import json
import pickle

import pytest

import qpr
from qpr.analysis.explain import explain
from qpr.cli import main
from qpr.duties import extract, read_many


def test_every_duty_of_the_builtin_names_its_rules_and_the_words_that_named_its_party(builtin):
    reading = extract(builtin)
    assert all(d.rules for d in reading.duties)
    named = [d for d in reading.duties if d.actor]
    assert all(d.evidence is not None for d in named)
    # The words point into the regulation's text and hold the party's name.
    d = next(d for d in named if d.article == "6" and d.actor == "财政部门")
    assert d.evidence.slice(builtin.text) == "财政部门" and d.rules[0] == "agent.you"


def test_explain_gives_each_clause_of_a_paragraph_with_its_rules(builtin):
    clauses = explain(extract(builtin), builtin, "第六条第一款")
    assert [str(c.clause.provision) for c in clauses][:2] == ["第六条第一款", "第六条第一款第（一）项"]
    first = clauses[0]
    assert {p.duty.actor for p in first.parties} == {"人民政府"}
    assert "subject.opening" in first.rules and first.parties[0].named_by == "县级以上人民政府"


def test_explain_of_a_provision_that_does_not_exist_names_it(builtin):
    with pytest.raises(KeyError, match="第六条 has 1 paragraph"):
        explain(extract(builtin), builtin, "第六条第三款")


def test_qpr_explain_prints_rules_and_parties(capsys):
    assert main(["explain", "第六条第一款第（一）项"]) == 0
    out = capsys.readouterr().out
    assert "agent.you" in out and "财政部门: bearer shall county+" in out and "partner.huitong" in out


def test_qpr_explain_json_and_a_bad_provision(capsys):
    assert main(["explain", "5.2", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["provision"] == "第五条第二款" and data["clauses"][0]["duties"][0]["actor"] == "市场监督管理部门"
    assert main(["explain", "第九十九条"]) == 2
    assert "no article 99" in capsys.readouterr().err
    assert main(["explain", "not-a-provision"]) == 2


def test_duties_why_adds_the_words_and_the_rules(capsys):
    assert main(["duties", "--why", "--actor", "财政部门", "-f", "csv"]) == 0
    out = capsys.readouterr().out
    assert "「财政部门」 agent.you" in out


def test_jsonl_records_carry_their_rules(capsys):
    assert main(["duties", "-f", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["rules"] for r in rows)


DEFINED = ("某省清洁生产条例\n第一条 县级以上人民政府确定的清洁生产综合协调部门（以下称清洁生产主管部门）负责组织。\n"
           "第二条 清洁生产主管部门应当会同有关部门制定规划。\n")


def test_a_reading_keeps_its_defined_terms_for_later_questions():
    reading = extract(qpr.parse(DEFINED))
    rows = qpr.duties_for(reading, "清洁生产主管部门")
    assert set(rows["article"]) >= {"2"}


def test_a_reading_pickles_with_its_registry_and_comes_back_the_same():
    reading = extract(qpr.parse(DEFINED))
    back = pickle.loads(pickle.dumps(reading))
    assert back.duties == reading.duties and back.registry.defined_terms == reading.registry.defined_terms
    assert len(pickle.dumps(qpr.registry())) < 200  # the built-in registry travels as a name, not its indexes


def test_read_many_reads_with_the_registry_given(tmp_path):
    (tmp_path / "a.txt").write_text("四川省示范条例\n第一条 质量办应当加强督查。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("四川省示范条例\n第一条 质量办应当加强宣传。\n", encoding="utf-8")
    extended = qpr.registry().extend({"actor": [{"id": "quality-office", "name": "质量办", "name_en": "quality office",
                                                 "kind": "department", "levels": ["county"], "suffixes": "none"}]})
    for jobs in (1, 2):
        results = list(read_many([tmp_path], jobs=jobs, registry=extended))
        assert [d.actor_id for r in results for d in r.reading.duties] == ["quality-office"] * 2
