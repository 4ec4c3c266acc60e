"""Reading every supported input: encodings, formats, bad input."""

from __future__ import annotations

import io

import pytest

import qpr
from qpr.reading import builtin_source

SAMPLE = "示范条例\n\n第一条 为了规范管理，制定本条例。\n\n第二条 县级以上人民政府应当加强领导。\n"


def test_reads_a_path_and_bytes_and_a_file_object_alike(tmp_path):
    path = tmp_path / "reg.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    a = qpr.load(path)
    b = qpr.load(str(path))
    c = qpr.parse(SAMPLE.encode())
    d = qpr.load(io.BytesIO(SAMPLE.encode()))
    assert a.articles == b.articles == c.articles == d.articles
    assert a.source == str(path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_are_detected_not_assumed(encoding):
    data = (SAMPLE * 3).encode(encoding)
    reg = qpr.parse(data, name="x.txt")
    assert reg.article(2).paragraphs[0].text == "县级以上人民政府应当加强领导。"
    assert reg.text.startswith("示范条例")


def test_gb18030_file_reports_its_encoding(tmp_path):
    path = tmp_path / "reg.txt"
    path.write_bytes((SAMPLE * 3).encode("gb18030"))
    assert qpr.load(path).encoding == "gb18030"


def test_builtin_page_read_as_gbk_bytes_gives_the_same_articles(builtin):
    gbk = builtin_source().decode("utf-8").encode("gb18030")
    assert qpr.parse(gbk).articles == builtin.articles


def test_binary_input_is_refused_with_the_file_name(tmp_path):
    path = tmp_path / "photo.bin"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(qpr.InputError, match="photo.bin: binary data"):
        qpr.load(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n", "\ufeff".encode()])
def test_empty_input_is_refused(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(qpr.InputError, match="empty.txt: the (file|text) is empty"):
        qpr.load(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(qpr.InputError, match="no such file"):
        qpr.load(tmp_path / "absent.txt")


def test_pdf_is_refused_with_what_was_expected():
    with pytest.raises(qpr.InputError, match="a PDF; expected text, Markdown, HTML or .docx"):
        qpr.parse(b"%PDF-1.7\n...")


def test_html_page_is_read_a_block_a_line():
    html = ("<html><head><title>t</title><style>p{}</style></head><body><h1>示范条例</h1>"
            "<p>第一条 为了<b>规范</b>管理，制定本条例。</p><div>第二条 县级以上人民政府应当：</div>"
            "<p>（一）加强领导；</p><p>（二）保障经费。</p></body></html>")
    reg = qpr.parse(html.encode(), name="page.html")
    assert reg.format == "html"
    assert reg.article(1).paragraphs[0].text == "为了规范管理，制定本条例。"
    assert [i.text for i in reg.article(2).paragraphs[0].items] == ["加强领导；", "保障经费。"]


def test_docx_paragraphs_and_tables_are_read_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("示范条例")
    document.add_paragraph("第一条 为了规范管理，制定本条例。")
    document.add_paragraph("第二条 县级以上人民政府应当加强领导。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "条文"
    table.rows[0].cells[1].text = "依据"
    path = tmp_path / "reg.docx"
    document.save(path)
    reg = qpr.load(path)
    assert reg.format == "docx"
    assert [a.number for a in reg.articles] == [1, 2]
    assert "条文\t依据" in reg.text
    assert reg.text.index("第二条") < reg.text.index("条文\t依据")


def test_damaged_docx_is_an_input_error(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(qpr.InputError, match="bad.docx: not a readable Word .docx file"):
        qpr.load(path)


def test_traditional_text_is_kept_and_simplified_alongside():
    text = "示範條例\n第一條 為了規範管理，制定本條例。\n第二條 縣級以上人民政府應當加強領導，保障經費。\n"
    reg = qpr.parse(text)
    assert reg.script == "traditional"
    para = reg.article(2).paragraphs[0]
    assert para.text.startswith("縣級以上人民政府應當")
    assert reg.simplified_slice(para.text_span).startswith("县级以上人民政府应当")
    assert len(reg.simplified) == len(reg.text)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("copies", [1, 3])
def test_utf16_without_a_bom_is_text_not_binary_data(encoding, copies):
    """Regression (issue 14): the NUL bytes of UTF-16's ASCII characters were taken for binary data."""
    reg = qpr.parse((SAMPLE * copies).encode(encoding), name="x.txt")
    assert reg.article(2).paragraphs[0].text == "县级以上人民政府应当加强领导。"


def test_binary_data_with_nul_bytes_is_still_refused():
    import random

    noise = bytes(random.Random(14).randrange(256) for _ in range(6000))
    with pytest.raises(qpr.InputError, match="binary data"):
        qpr.parse(b"\x00\x01\x02\x03" * 500 + noise, name="x.bin")
