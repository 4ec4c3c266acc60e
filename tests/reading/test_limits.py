"""Outside input that asks for unbounded time or memory is refused, with one line and status 3 (issue 14)."""

from __future__ import annotations

import io
import zipfile

import pytest

import qpr
from qpr.cli import main
from qpr.errors import InputError, RegistryError
from qpr.reading import limits

# The classic billion laughs: 389 bytes that stand for 9^9 (387 million) strings.
BILLION_LAUGHS = "".join(
    [f'a: &a [{",".join(["lol"] * 9)}]\n']
    + [f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")]
    + ["tasks: [{条款: 第二条, 牵头单位: *i}]\n"]
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(capsys, argv: list[str], words: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 3 and out == "" and err.count("\n") == 1 and words in err, err
    return err


def test_a_json_plan_nested_100000_deep_is_refused(capsys, tmp_path):
    plan = tmp_path / "deep.json"
    plan.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert_refused(capsys, ["coverage", str(plan)], "JSON nested too deeply")


def test_a_yaml_billion_laughs_is_refused_before_it_expands(capsys, tmp_path):
    assert len(BILLION_LAUGHS.encode()) < 560
    plan = tmp_path / "bomb.yaml"
    plan.write_text(BILLION_LAUGHS, encoding="utf-8")
    err = assert_refused(capsys, ["coverage", str(plan)], "expands to more than 1,000,000 values")
    assert err.startswith(f"qpr: {plan}:")


def test_yaml_aliases_within_the_bound_still_read():
    data = limits.load_yaml("x: &x [县财政局, 县教育局]\ntasks: [{条款: 第二条, 牵头单位: 县人民政府, 配合单位: *x}]\n", "p.yaml")
    assert data["tasks"][0]["配合单位"] == ["县财政局", "县教育局"]


@pytest.mark.parametrize("text, words", [
    ("a: &a [*a]\ntasks: *a\n", "an alias inside itself"),
    ("[" * 100_000 + "]" * 100_000, "nested more than 100 levels"),
    ("tasks:\n" + "".join("  " * i + "- \n" for i in range(1, 150)), "nested more than 100 levels"),
])
def test_recursive_or_deep_yaml_is_refused(text, words):
    with pytest.raises(InputError, match=words):
        limits.load_yaml(text, "p.yaml")


def test_rows_in_memory_may_list_partners_too(builtin):
    from qpr.plans import read_plan

    tasks = [{"条款": "第二条", "牵头单位": "县人民政府", "配合单位": ["县财政局", "县教育局"]}]
    assert read_plan(tasks, builtin).tasks[0].partners == ("县财政局", "县教育局")


def test_a_json_task_listing_partners_in_a_file_names_each(builtin, tmp_path):
    import json

    from qpr.plans import read_plan

    path = tmp_path / "plan.json"
    path.write_text(json.dumps([{"条款": "第二条", "牵头单位": "县人民政府", "配合单位": ["县财政局", "县教育局"]}],
                               ensure_ascii=False), encoding="utf-8")
    assert read_plan(path, builtin).tasks[0].partners == ("县财政局", "县教育局")


def test_a_json_task_with_a_nested_structure_in_a_cell_is_refused(capsys, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text('[{"条款": "第二条", "牵头单位": {"a": [1]}}]', encoding="utf-8")
    assert_refused(capsys, ["coverage", str(path)], "expected text or a list of names")


def xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_xlsx_plan_with_too_many_cells_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 50)
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx([["条款", "牵头单位"]] + [["第二条", "县人民政府"]] * 30))
    assert_refused(capsys, ["coverage", str(path)], "more than 50 filled cells")


def test_an_xlsx_plan_with_text_far_to_the_right_is_refused(capsys, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx([["条款", "牵头单位"], ["第二条", "县人民政府"] + [None] * 254 + ["x"]]))
    assert_refused(capsys, ["coverage", str(path)], "text past column 256")


def test_a_csv_plan_with_too_many_rows_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    path = tmp_path / "plan.csv"
    path.write_text("条款,牵头单位\n" + "第二条,县人民政府\n" * 20, encoding="utf-8")
    assert_refused(capsys, ["coverage", str(path)], "more than 10 rows")


def test_a_csv_plan_with_a_huge_field_is_one_line(capsys, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text('条款,牵头单位\n第二条,"' + "县" * 200_000 + '"\n', encoding="utf-8")
    assert_refused(capsys, ["coverage", str(path)], "not a readable CSV file")


def bomb_zip(template: bytes, member: str, size: int) -> bytes:
    """``template`` (a real .docx or .xlsx) with ``member`` padded to ``size`` bytes of XML whitespace."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, data + b" " * (size - len(data)) if info.filename == member else data)
    return out.getvalue()


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_that_unpacks_past_the_bound_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 2**20)
    path = tmp_path / "law.docx"
    path.write_bytes(bomb_zip(docx_bytes("第一条 县级以上人民政府应当加强领导。"), "word/document.xml", 2 * 2**20))
    assert len(path.read_bytes()) < 2**20 // 10  # small on disk, large unpacked
    assert_refused(capsys, ["articles", str(path)], "MB (more than 1 MB)")


def test_a_docx_within_the_bound_reads(tmp_path):
    path = tmp_path / "law.docx"
    path.write_bytes(docx_bytes("第一条 县级以上人民政府应当加强领导。"))
    assert qpr.load(path).article(1).text.startswith("县级以上人民政府")


def test_a_basis_table_that_unpacks_past_the_bound_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 2**20)
    path = tmp_path / "basis.xlsx"
    path.write_bytes(bomb_zip(xlsx([["条文", "条文内容", "设立依据"]]), "xl/worksheets/sheet1.xml", 2 * 2**20))
    assert_refused(capsys, ["basis", "--table", str(path)], "MB (more than 1 MB)")


def test_html_nested_100000_deep_is_refused(capsys, tmp_path):
    path = tmp_path / "law.html"
    path.write_text("<html><body>" + "<div>" * 100_000 + "第一条 应当加强领导。" + "</div>" * 100_000 + "</body></html>",
                    encoding="utf-8")
    assert_refused(capsys, ["articles", str(path)], "HTML elements nested more than 1000 deep")


def test_a_registry_nested_too_deeply_is_a_registry_error(tmp_path):
    from qpr.actors._schema import read_document

    with pytest.raises(RegistryError, match="nested too deeply"):
        read_document(tmp_path / "r.toml", text="a = " + "[" * 100_000 + "]" * 100_000)
