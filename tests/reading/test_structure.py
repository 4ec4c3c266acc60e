"""The structural reader on small hand-written texts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qpr
from qpr.model import ProblemKind, Unit
from qpr.numerals import parse_article_label, parse_number, provision_label


def body_is_partitioned(reg: qpr.Regulation) -> bool:
    units = list(reg.units())
    joined = "".join(span.slice(reg.text) for _, span in units)
    contiguous = all(a.end == b.start for (_, a), (_, b) in zip(units, units[1:]))
    return joined == reg.body_text and contiguous and units[0][1].start == reg.body.start


def test_tiny_regulation_structure(tiny):
    assert tiny.title == "某省示范条例"
    assert [a.id for a in tiny.articles] == ["1", "2", "3", "3-1", "4"]
    assert tiny.article(1).heading == "立法目的"
    assert tiny.article(2).chapter == "第一章 总则"
    assert tiny.article(3).chapter == "第二章 措施" and tiny.article(3).section == "第一节 一般规定"
    items = tiny.article(3).paragraphs[0].items
    assert [i.number for i in items] == [1, 2]
    assert [s.text for s in items[1].subitems] == ["定期检查；", "专项检查。"]
    assert [h.label for h in tiny.chapters] == ["第一章", "第二章"]


def test_tiny_metadata_from_markdown_header_and_body(tiny):
    assert tiny.adopted == dt.date(2021, 3, 1)
    assert tiny.issuer == "某省人民代表大会常务委员会"
    assert tiny.effective == dt.date(2021, 5, 1)
    assert tiny.status == "adopted"


def test_a_reference_inside_a_sentence_does_not_open_an_article(tiny):
    assert tiny.article("3-1").paragraphs[0].text.startswith("依照本条例第二条的规定")
    assert len(tiny.articles) == 5


def test_article_lookup_accepts_int_id_and_label(tiny):
    assert tiny.article(2) is tiny.article("2") is tiny.article("第二条")
    assert tiny.article("第三条之一").sub_number == 1
    with pytest.raises(KeyError):
        tiny.article(99)


def test_units_partition_the_body(tiny, builtin):
    assert body_is_partitioned(tiny)
    assert body_is_partitioned(builtin)


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("一百零五", 105), ("一百一十", 110), ("两百", 200),
    ("一千零一", 1001), ("一千二百六十", 1260), ("１２", 12), ("12", 12), ("二〇二〇", 2020),
])
def test_numerals(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("args,label", [
    (("6", 1, 1), "第六条第一款第（一）项"), (("10-1",), "第十条之一"), (("105", 2), "第一百零五条第二款"),
    (("12:5", 1), "12:第五条第一款"), (("附则",), "附则"),
])
def test_provision_labels_read_back(args, label):
    assert provision_label(*args) == label
    if label.startswith("第") and "款" not in label:
        assert parse_article_label(label) == (int(args[0].split("-")[0]), int(args[0].split("-")[1]) if "-" in args[0] else None)


def test_article_labels():
    assert parse_article_label("第十条之一") == (10, 1)
    assert parse_article_label("第１２条") == (12, None)
    with pytest.raises(ValueError, match="not an article label"):
        parse_article_label("第十款")


@pytest.mark.parametrize("line,heading", [
    ("第一条[立法宗旨] 为了。", "立法宗旨"),
    ("第一条【立法宗旨】为了。", "立法宗旨"),
    ("第一条（立法宗旨）为了。", "立法宗旨"),
    ("第一条 (立法宗旨) 为了。", "立法宗旨"),
    ("第一条 为了。", None),
    ("第一条（一）为了。", None),
])
def test_article_heading_forms(line, heading):
    reg = qpr.parse(line + "\n")
    assert reg.articles[0].heading == heading


def test_arabic_fullwidth_and_traditional_labels():
    reg = qpr.parse("第1条 甲。\n第２条 乙。\n第三條 丙。\n")
    assert [a.number for a in reg.articles] == [1, 2, 3]


def test_items_with_half_and_full_width_brackets_and_subitems():
    reg = qpr.parse("第一条 有下列情形之一的：\n(一)甲；\n（二）乙：\n１．子一；\n2、子二。\n")
    items = reg.articles[0].paragraphs[0].items
    assert [i.number for i in items] == [1, 2]
    assert [s.number for s in items[1].subitems] == [1, 2]


def test_item_references_at_line_start_are_text_not_items():
    reg = qpr.parse("第一条 下列人员：\n（一）甲；\n（二）乙。\n（一）至（二）项所列人员，应当登记。\n")
    a = reg.articles[0]
    assert len(a.paragraphs) == 2 and a.paragraphs[1].text.startswith("（一）至（二）项")


def test_numbering_problems_are_collected_with_line_numbers():
    reg = qpr.parse("第一条 甲。\n第三条 乙。\n第三条 丙。\n第二条 丁。\n第四条\n第五条 有：\n（一）甲；\n（三）乙。\n"
                    "第七条 戊。\n")
    kinds = [(p.kind, p.line) for p in reg.problems]
    assert (ProblemKind.MISSING_ARTICLE, 9) in kinds  # 第六条 is nowhere
    assert (ProblemKind.MISSING_ARTICLE, 2) not in kinds  # 第二条 is there, only late: out of order (line 4)
    assert (ProblemKind.DUPLICATE_ARTICLE, 3) in kinds
    assert (ProblemKind.ARTICLE_OUT_OF_ORDER, 4) in kinds
    assert (ProblemKind.EMPTY_ARTICLE, 5) in kinds
    assert (ProblemKind.ITEM_SEQUENCE, 8) in kinds


def test_strict_raises_on_the_first_problem():
    with pytest.raises(qpr.ParseError) as err:
        qpr.parse("第一条 甲。\n第三条 乙。\n", name="gap.txt", strict=True)
    assert err.value.line == 2 and "gap.txt:2" in str(err.value)


def test_a_text_with_no_articles_is_an_error_naming_the_source():
    with pytest.raises(qpr.NoArticlesError, match="notes.txt: no articles"):
        qpr.parse("这是一段说明文字。\n", name="notes.txt")


def test_table_of_contents_is_not_read_as_chapters():
    text = "示范条例\n目录\n第一章 总则\n第二章 附则\n第一章 总则\n第一条 甲。\n第二章 附则\n第二条 乙。\n"
    reg = qpr.parse(text)
    assert [h.label for h in reg.chapters] == ["第一章", "第二章"]
    assert reg.article(2).chapter == "第二章 附则"


def test_text_between_a_heading_and_an_article_is_kept_and_reported():
    reg = qpr.parse("第一章 总则\n第一条 甲。\n第二章 其他\n说明文字\n第二条 乙。\n")
    assert [p.kind for p in reg.problems] == [ProblemKind.TEXT_OUTSIDE_ARTICLE]
    assert body_is_partitioned(reg)


_pieces = st.sampled_from([
    "第一章 总则", "第{n}条 县级以上人民政府应当加强领导。", "第{n}条之一 补充。", "（一）建立制度；", "(二)开展活动。",
    "1. 目一；", "说明文字，依照本条例第三条。", "", "   ", "\u3000\u3000缩进的段落。", "\xa0", "## 第二节 其他", "附件1 表格",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_pieces, st.integers(1, 30)), min_size=1, max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_parsing_is_lossless_on_any_arrangement_of_lines(lines, newline):
    text = newline.join(p.format(n=n) for p, n in lines)
    if not any("条" in p and p.startswith("第") for p, _ in lines):
        return
    try:
        reg = qpr.parse(text)
    except qpr.NoArticlesError:
        return
    assert body_is_partitioned(reg)
    kinds = {u for u, _ in reg.units()}
    assert Unit.ARTICLE_HEAD in kinds


def test_an_article_placed_late_is_out_of_order_not_missing():
    """Regression (issue 14): 第五条 after 第六条 was reported as missing, and 第六条 as missing after it."""
    reg = qpr.parse("第一条 甲。\n第二条 乙。\n第三条 丙。\n第四条 丁。\n第六条 己。\n第五条 戊。\n第七条 庚。\n第九条 壬。\n")
    assert [(p.kind, p.line, p.message) for p in reg.problems] == [
        (ProblemKind.ARTICLE_OUT_OF_ORDER, 6, "第五条 is out of order: it follows 第六条"),
        (ProblemKind.MISSING_ARTICLE, 8, "article 8 missing: 第七条 is followed by 第九条"),
    ]


def test_missing_runs_are_named_together():
    reg = qpr.parse("第一条 甲。\n第五条 乙。\n第三条 丙。\n")
    assert [p.message for p in reg.problems if p.kind == ProblemKind.MISSING_ARTICLE] == [
        "articles 2, 4 missing: 第一条 is followed by 第五条"]


@pytest.mark.parametrize("item", ["（四）至少每十五天进行一次维护保养；", "（四）到期不缴纳罚款的，加处罚款；",
                                  "（四）、建立台账；"])
def test_an_item_that_begins_with_zhi_or_dao_is_an_item(item):
    """Regression (issue 14, 台州市电梯安全管理规定 第二十一条): （四）至少… was read as a paragraph."""
    text = f"第一条 维护保养单位应当履行下列义务：\n（一）甲；\n（二）乙；\n（三）丙；\n{item}\n（五）丁。\n"
    reg = qpr.parse(text)
    items = reg.articles[0].paragraphs[0].items
    assert [i.number for i in items] == [1, 2, 3, 4, 5] and items[3].text.endswith(item[3:])
    assert reg.problems == ()


@pytest.mark.parametrize("reference", ["（一）至（三）项所列人员，应当登记。", "（一）至第（三）项所列人员，应当登记。",
                                       "（四）、（五）项所列人员，应当登记。", "（一）到（二）项规定的，从重处罚。"])
def test_a_reference_to_items_still_opens_a_paragraph(reference):
    reg = qpr.parse(f"第一条 下列人员：\n（一）甲；\n（二）乙；\n（三）丙；\n（四）丁；\n（五）戊。\n{reference}\n")
    assert reg.articles[0].paragraphs[-1].text == reference


def test_the_taizhou_elevator_rule_reads_all_its_items(corpus_dir):
    found = list(corpus_dir.glob("DLC/浙江地方法规/**/台州市电梯安全管理规定*.md"))
    if not found:
        pytest.skip("台州市电梯安全管理规定 is not in the corpus")
    reg = qpr.load(found[0])
    items = reg.article(21).paragraphs[0].items
    assert [i.number for i in items] == list(range(1, len(items) + 1)) and len(items) >= 6
    assert items[3].text.startswith("至少每十五天") and items[4].text.startswith("对电梯维护保养质量")
    assert not [p for p in reg.problems if p.article == "21"]
