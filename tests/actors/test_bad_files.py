"""Malformed registry files fail with an error that names the file, the line and the entry."""

from __future__ import annotations

import pytest

from qpr.actors import load_registry, registry
from qpr.errors import RegistryError

GOOD = """\
[[actor]]
id = "a-body"
name = "甲局"
name_en = "body A"
kind = "department"
"""


def write(tmp_path, text: str):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path, text: str) -> RegistryError:
    with pytest.raises(RegistryError) as info:
        load_registry(write(tmp_path, text))
    return info.value


def test_invalid_toml_names_file_and_line(tmp_path):
    err = error_for(tmp_path, GOOD + "\n[[actor]\nid = 1\n")
    assert err.source.endswith("mine.toml") and err.line == 7
    assert "mine.toml:7" in str(err) and "not valid TOML" in str(err)


def test_unknown_kind_names_entry_line_and_the_allowed_kinds(tmp_path):
    err = error_for(tmp_path, GOOD + '\n[[actor]]\nid = "b-body"\nname = "乙局"\nname_en = "B"\nkind = "ministry"\n')
    assert err.entry == "b-body" and err.line == 7
    assert "kind" in str(err) and "'ministry'" in str(err) and "department" in str(err)


def test_missing_fields_are_named(tmp_path):
    err = error_for(tmp_path, '[[actor]]\nid = "c-body"\nname = "丙局"\n')
    assert err.entry == "c-body" and "name_en" in str(err) and "kind" in str(err)


def test_bad_id_is_refused(tmp_path):
    err = error_for(tmp_path, GOOD.replace('"a-body"', '"A Body"'))
    assert err.entry == "A Body" and "id" in str(err)


def test_entry_without_id_is_named_by_position(tmp_path):
    err = error_for(tmp_path, GOOD + '\n[[actor]]\nname = "乙局"\nname_en = "B"\nkind = "department"\n')
    assert err.entry == "actor #2" and err.line == 7


def test_duplicate_id_is_refused(tmp_path):
    err = error_for(tmp_path, GOOD + "\n" + GOOD.replace("甲局", "乙局"))
    assert err.entry == "a-body" and "twice" in str(err) and err.line == 7


def test_one_name_for_two_actors_names_both_entries(tmp_path):
    err = error_for(tmp_path, GOOD + '\n[[actor]]\nid = "b-body"\nname = "乙局"\nname_en = "B"\n'
                              'kind = "department"\naliases = ["甲局"]\n')
    assert err.entry == "b-body" and "甲局" in str(err) and "a-body" in str(err)


def test_name_with_spaces_or_listed_twice_is_refused(tmp_path):
    assert "spaces" in str(error_for(tmp_path, GOOD + 'aliases = ["甲 局"]\n'))
    assert "twice" in str(error_for(tmp_path, GOOD + 'aliases = ["甲办", "甲办"]\n'))


def test_unknown_suffix_class_and_counterpart_are_refused(tmp_path):
    err = error_for(tmp_path, GOOD + 'stems = ["甲"]\nsuffixes = "bureaux"\n')
    assert "suffix class 'bureaux'" in str(err) and err.entry == "a-body"
    err = error_for(tmp_path, GOOD + 'local_counterpart = "nobody"\n')
    assert "nobody" in str(err) and err.entry == "a-body"


def test_unreadable_file_is_a_registry_error(tmp_path):
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry(tmp_path / "missing.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes("名".encode("gb18030") + b"\xff\xfe")
    with pytest.raises(RegistryError, match="not UTF-8"):
        load_registry(path)


def test_a_bad_layer_does_not_touch_the_builtin(tmp_path):
    with pytest.raises(RegistryError):
        registry().extend(write(tmp_path, GOOD.replace('"department"', '"nope"')))
    assert registry().get("a-body") is None
