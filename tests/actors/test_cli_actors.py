"""``qpr actors``: list, lookup and resolve from the command line."""

from __future__ import annotations

import json

from qpr.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_actors_lists_the_registry_filtered_by_kind(capsys):
    status, out, _ = run(capsys, "actors", "--kind", "vertical", "--format", "csv")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("id,name,kind,levels")
    assert any(line.startswith("customs,海关,vertical") for line in lines)
    assert all(",vertical," in line for line in lines[1:])


def test_actors_json_lists_every_actor(capsys):
    status, out, _ = run(capsys, "actors", "--format", "json")
    rows = json.loads(out)
    assert status == 0 and len(rows) > 150 and {"id", "name", "kind", "levels"} <= set(rows[0])


def test_actors_at_a_level(capsys):
    _, out, _ = run(capsys, "actors", "--level", "township", "--format", "csv")
    assert "subdistrict-office" in out and "customs" not in out


def test_lookup_explains_how_a_name_matched(capsys):
    status, out, _ = run(capsys, "actors", "lookup", "环境保护局", "--format", "json")
    data = json.loads(out)
    assert status == 0
    assert (data["id"], data["matched_by"], data["renamed"]) == ("ecology-environment", "former", 2018)


def test_lookup_of_a_municipal_bureau_reads_the_level_in_its_regulation(capsys):
    _, out, _ = run(capsys, "actors", "lookup", "市市场监督管理局", "--in", "北京市某条例", "--format", "json")
    assert json.loads(out)["level_scope"] == "province"


def test_lookup_of_an_unknown_name_exits_3_with_one_line_and_suggestions(capsys):
    status, out, err = run(capsys, "actors", "lookup", "市场监管委员会乙")
    assert status == 3 and out == ""
    assert err.count("\n") == 1 and "did you mean" in err


def test_resolve_prints_actors_levels_and_open_list(capsys):
    status, out, _ = run(capsys, "actors", "resolve", "县级以上人民政府发展改革、财政等部门", "--format", "json")
    data = json.loads(out)
    assert status == 0 and data["levels"] == "county+" and data["open_list"] == "等"
    assert [a["id"] for a in data["actors"]] == ["development-reform", "finance"]


def test_a_users_registry_file_is_layered_over_the_builtin(capsys, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[[actor]]\nid = "my-centre"\nname = "某某中心"\nname_en = "centre"\nkind = "department"\n',
                    encoding="utf-8")
    status, out, _ = run(capsys, "actors", "lookup", "某某中心", "--registry", str(path), "--format", "json")
    assert status == 0 and json.loads(out)["id"] == "my-centre"
