"""Layering a user's registry over the built-in one, and name collisions."""

from __future__ import annotations

import warnings

import pytest

from qpr.actors import Kind, load_registry, registry
from qpr.errors import RegistryError

PROVINCE_FILE = """\
version = 1

[[actor]]
id = "sichuan-big-data-center"
name = "四川省大数据中心"
name_en = "Sichuan big data centre"
kind = "department"
levels = ["province"]
aliases = ["省大数据中心"]

[[actor]]
id = "market-regulation"
extends = true
aliases = ["市场监管委"]
"""

ENTERPRISE = {
    "suffixes": {"internal": ["部", "处", "科"]},
    "actor": [
        {"id": "quality-dept", "name": "质量管理部", "name_en": "quality management department",
         "kind": "internal", "stems": ["质量管理", "质量"], "suffixes": "internal"},
        {"id": "purchasing-dept", "name": "采购部", "name_en": "purchasing department", "kind": "internal",
         "aliases": ["采购中心"]},
    ],
}


def test_a_users_file_layers_new_actors_and_names_over_the_builtin(tmp_path):
    path = tmp_path / "sichuan.toml"
    path.write_text(PROVINCE_FILE, encoding="utf-8")
    base = registry()
    layered = base.extend(path)
    assert layered.lookup("省大数据中心").id == "sichuan-big-data-center"
    assert layered.lookup("市场监管委").id == "market-regulation"
    assert layered.lookup("市场监管局").id == "market-regulation"  # built-in names still there
    assert len(layered) == len(base) + 1
    # the built-in registry is unchanged
    assert base.get("sichuan-big-data-center") is None
    assert "市场监管委" not in base.get("market-regulation").aliases


def test_an_enterprises_internal_departments_come_from_a_mapping():
    # Inside the company 质量 is its own department, not the market regulator.
    layered = registry().extend(ENTERPRISE, on_conflict="replace", name="acme")
    dept = layered.lookup("质量部")
    assert dept.id == "quality-dept" and dept.kind is Kind.INTERNAL and not dept.is_government
    assert layered.lookup("采购中心").id == "purchasing-dept"


def test_a_name_that_already_belongs_to_another_actor_raises_by_default():
    clash = {"actor": [{"id": "my-regulator", "name": "我的监管局", "name_en": "mine", "kind": "department",
                        "aliases": ["市场监管局"]}]}
    with pytest.raises(RegistryError) as info:
        registry().extend(clash, name="clash.toml")
    err = info.value
    assert err.entry == "my-regulator" and err.source == "clash.toml"
    assert "市场监管局" in str(err) and "market-regulation" in str(err)


def test_warn_lets_the_new_entry_win_and_says_so():
    clash = {"actor": [{"id": "my-regulator", "name": "我的监管局", "name_en": "mine", "kind": "department",
                        "aliases": ["市场监管局"]}]}
    with pytest.warns(RuntimeWarning, match="市场监管局"):
        layered = registry().extend(clash, on_conflict="warn")
    assert layered.lookup("市场监管局").id == "my-regulator"
    assert "市场监管局" not in layered.get("market-regulation").aliases
    assert registry().lookup("市场监管局").id == "market-regulation"


def test_replace_redefines_an_actor_silently():
    new = {"actor": [{"id": "customs", "name": "海关", "name_en": "customs (redefined)", "kind": "vertical",
                      "levels": ["national"]}]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        layered = registry().extend(new, on_conflict="replace")
    assert layered.get("customs").name_en == "customs (redefined)"
    assert registry().get("customs").name_en == "customs"


def test_reusing_an_id_without_extends_is_a_conflict():
    with pytest.raises(RegistryError, match="already the actor"):
        registry().extend({"actor": [{"id": "finance", "name": "财务部", "name_en": "x", "kind": "internal"}]})


def test_extending_an_unknown_actor_is_an_error():
    with pytest.raises(RegistryError, match="no actor 'no-such' to extend"):
        registry().extend({"actor": [{"id": "no-such", "extends": True, "aliases": ["某某"]}]})


def test_unknown_conflict_policy_is_refused():
    with pytest.raises(ValueError, match="on_conflict"):
        registry().extend({"actor": []}, on_conflict="ignore")  # type: ignore[arg-type]


def test_a_registry_from_one_file_alone(tmp_path):
    path = tmp_path / "own.toml"
    path.write_text(PROVINCE_FILE.split("[[actor]]\nid = \"market-regulation\"")[0], encoding="utf-8")
    own = load_registry(path)
    assert len(own) == 1 and own.lookup("四川省大数据中心").id == "sichuan-big-data-center"


def test_mentions_use_the_layered_names():
    layered = registry().extend(ENTERPRISE, on_conflict="replace", name="acme")
    (m,) = layered.mentions("由质量管理部、采购部负责")
    assert m.resolution.actor_ids == ("quality-dept", "purchasing-dept")
