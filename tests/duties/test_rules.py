"""Every rule's example sentences in qpr/data/lexicon.toml give exactly the records they list, by that rule."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import qpr
from qpr.duties import extract
from qpr.duties.lexicon import lexicon, parse_lexicon
from qpr.duties.rules import RuleId
from qpr.errors import RegistryError

EXAMPLES = [(rule.id, i, example) for rule in lexicon().rules.values() for i, example in enumerate(rule.examples)]


def _article(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(["第一条 " + lines[0], *lines[1:]]) + "\n"


@pytest.mark.parametrize("rule_id,index,example", EXAMPLES, ids=[f"{r}-{i}" for r, i, _ in EXAMPLES])
def test_rule_example_gives_its_records(rule_id, index, example):
    reading = extract(qpr.parse(f"{example.title}\n{_article(example.text)}", name="example.txt"))
    got = Counter((d.actor, str(d.role), str(d.modality), d.level) for d in reading.duties)
    assert got == Counter(example.duties), f"{rule_id}: {example.text}"
    fired = {r for d in reading.duties for r in d.rules} | {r for c in reading.clauses for r in c.rules}
    assert rule_id in fired, f"{rule_id} did not fire on its own example; rules that did: {sorted(fired)}"


def test_every_rule_has_a_doc_and_an_example():
    rules = lexicon().rules
    assert set(rules) == {r.value for r in RuleId}
    assert all(rules[r].doc and rules[r].examples for r in rules)


def test_every_rule_id_the_extractor_uses_is_a_rule():
    """A rule id written as a string in the code (not through RuleId) would escape the catalogue."""
    source = "".join(p.read_text(encoding="utf-8") for p in Path(qpr.__file__).parent.joinpath("duties").glob("*.py"))
    used = set(re.findall(r"RuleId\.([A-Z_]+)", source))
    assert used <= set(RuleId.__members__)


def _lexicon_data() -> dict:
    import tomllib
    from importlib.resources import files

    return tomllib.loads(files("qpr.data").joinpath("lexicon.toml").read_text(encoding="utf-8"))


def test_a_list_the_rule_does_not_use_is_an_error_naming_it():
    data = _lexicon_data()
    data["rules"]["agent.you"]["verbs"] = ["由"]
    with pytest.raises(RegistryError, match=r"rules.agent.you.verbs: this rule uses no list"):
        parse_lexicon(data, "test.toml")


def test_a_rule_without_its_table_is_an_error():
    data = _lexicon_data()
    del data["rules"]["partner.huitong"]
    with pytest.raises(RegistryError, match="partner.huitong"):
        parse_lexicon(data, "test.toml")


def test_an_example_record_must_have_four_fields():
    data = _lexicon_data()
    data["rules"]["agent.you"]["examples"][0]["duties"] = ["财政部门 bearer shall"]
    with pytest.raises(RegistryError, match="actor role modality level"):
        parse_lexicon(data, "test.toml")
