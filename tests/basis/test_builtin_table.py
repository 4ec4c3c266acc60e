"""The built-in draft's 附件2, read against its 附件1: counts and contents checked by hand against the page."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import qpr
from qpr.basis import FindingKind

from .tables import EXPECTED_COUNTS


def test_every_article_of_the_builtin_gets_its_citations(builtin_table):
    counts = Counter(c.article for c in builtin_table.citations)
    assert builtin_table.articles == tuple(str(n) for n in range(1, 32))
    assert {a: counts.get(a, 0) for a in builtin_table.articles} == EXPECTED_COUNTS
    assert len(builtin_table.rows) == 31


def test_every_citation_names_a_source_and_numbers_follow_the_row(builtin_table):
    for article in builtin_table.articles:
        numbered = [c.number for c in builtin_table.citations_of(article) if c.number is not None]
        assert numbered == list(range(1, len(numbered) + 1)), article
    assert all(c.source_id for c in builtin_table.citations)
    assert all(c.title for c in builtin_table.citations)


def test_article_1_has_two_citations_with_their_dates(builtin_table):
    first, second = builtin_table.citations_of(1)
    assert (first.number, first.title, first.date) == (1, "中共中央国务院关于开展质量提升行动的指导意见", dt.date(2017, 9, 5))
    assert (second.number, second.title, second.date) == (2, "中共四川省委关于全面推动高质量发展的决定", dt.date(2018, 6, 30))
    assert (first.line, second.line) == (157, 158)
    assert first.issuer == "中共中央 国务院" and second.issuer == "中共四川省委"


def test_article_16_rests_on_three_sources_with_several_pinpoints(builtin_table):
    cites = builtin_table.citations_of(16)
    assert [c.number for c in cites] == [1, 2, 3]
    assert len({c.source_id for c in cites}) == 3
    law, outline, decision = cites
    assert law.title == "中华人民共和国标准化法"
    assert law.pinpoints == ("第八条", "第二十一条", "第三十一条")
    assert law.pinpoint == "第八条；第二十一条；第三十一条"
    # The article's own 2nd and 3rd paragraphs sit between the law's articles on the page.
    assert "支持企事业单位" not in law.quote and "鼓励企事业单位" not in law.quote
    assert "推荐性国家标准" in law.quote and "县级以上人民政府应当支持开展标准化试点示范" in law.quote
    assert len(law.parts) == 3
    assert outline.pinpoints == ("(四)",) and outline.title.startswith("国务院关于印发质量发展纲要")
    assert decision.pinpoints == ("12.",) and decision.quote.startswith("推动品质革命和品牌创建")


def test_article_5_quotation_runs_on_past_the_articles_own_paragraphs(builtin_table):
    """第五条: the 产品质量法 第八条 quotation continues after paragraph 3 of the article and on a line of its own."""
    guidance, law = builtin_table.citations_of(5)
    assert guidance.pinpoints == ("(二十八)",)
    assert law.title == "产品质量法" and law.pinpoints == ("第八条",)
    assert law.quote.startswith("国务院产品质量监督部门主管全国产品质量监督工作")
    assert "县级以上地方产品质量监督部门主管本行政区域内的产品质量监督工作" in law.quote
    assert law.quote.endswith("依照有关法律的规定执行。")
    assert "发展改革、经济和信息化" not in law.quote
    assert [p.line for p in [law]] == [166] and len(law.parts) == 3
    row = next(r for r in builtin_table.rows if r.article == "5")
    assert row.content.count("\n") == 2 and "负责有关质量促进相关工作" in row.content


def test_article_6_items_are_content_and_its_four_entries_are_basis(builtin_table):
    cites = builtin_table.citations_of(6)
    assert [c.number for c in cites] == [1, 2, 3, 4]
    assert [c.pinpoints for c in cites] == [("(二十六)",), ("(二十九)",), ("(四)",), ("(二)",)]
    assert cites[3].title == "四川省“十三五”质量发展规划"
    for c in cites:
        assert "建立质量促进专项基金" not in c.quote and "创新质量统计方法" not in c.quote
    row = next(r for r in builtin_table.rows if r.article == "6")
    assert "(四)开展质量损失率分析研究" in row.content


def test_article_11_continuation_lines_join_the_first_entry_not_the_article(builtin_table):
    """第十一条: "(二)完善配套政策…加大对质" looks like an item, and the next line starts mid-word."""
    outline, guidance = builtin_table.citations_of(11)
    assert outline.pinpoints == ("(四)", "(二)")
    assert "(二)完善配套政策" in outline.quote
    assert "加大对质量工作的投入" in outline.quote  # the word broken over two lines is whole again
    assert guidance.number == 2 and guidance.pinpoints == ("(二十六)",)
    row = next(r for r in builtin_table.rows if r.article == "11")
    assert "完善配套政策" not in row.content


def test_article_8_pinpoints_take_their_section_number(builtin_table):
    (outline,) = builtin_table.citations_of(8)
    assert outline.pinpoints == ("三、(一)", "三、(二)", "三、(三)", "三、(四)", "三、(五)")
    (outline9,) = builtin_table.citations_of(9)
    assert outline9.pinpoints == ("四、(五)", "六、(三)", "六、(四)")


def test_article_19_and_20_carry_issuers_and_document_numbers(builtin_table):
    _, opinion = builtin_table.citations_of(19)
    assert opinion.title == "关于促进首台(套)重大技术装备示范应用的意见"
    assert opinion.document_number == "发改产业〔2018〕558号"
    assert opinion.issuer.startswith("国家发展改革委、科技部") and opinion.issuer.endswith("知识产权局")
    assert opinion.pinpoints == () and opinion.quote.startswith("到2020年")
    assert [c.document_number for c in builtin_table.citations_of(20)] == [
        "国发〔2009〕36号", "国发〔2014〕52号", "工信部联企业〔2010〕175号"]


def test_article_10_second_document_in_brackets_is_its_own_entry_and_reported(builtin_table):
    outline, guidance = builtin_table.citations_of(10)
    assert outline.number == 1 and guidance.number is None
    assert outline.quote.endswith("树品牌。")  # the stray ")" before the bracketed citation is dropped
    assert guidance.title == "中共中央国务院关于开展质量提升行动的指导意见"
    assert guidance.date == dt.date(2017, 9, 5) and guidance.pinpoints == ("(二十六)",)
    embedded = [f for f in builtin_table.findings if f.kind is FindingKind.EMBEDDED_CITATION]
    assert [(f.line, f.article) for f in embedded] == [(189, "10")]


def test_builtin_findings_are_the_two_real_anomalies_of_the_page(builtin_table):
    """The page's table adds 有关 to 第五条's 3rd paragraph; 第十条 cites a document inside a quotation."""
    assert [(f.kind, f.line, f.article) for f in builtin_table.findings] == [
        (FindingKind.CONTENT_DIFFERS, 167, "5"),
        (FindingKind.EMBEDDED_CITATION, 189, "10"),
    ]
    assert "有关" in builtin_table.findings[0].message


def test_citation_spans_and_parts_point_into_the_regulation_text(builtin_table):
    text = qpr.load().text
    assert builtin_table.text == text
    for c in builtin_table.citations:
        assert text[c.span.start:c.span.end].startswith(c.text[:10])
        assert "".join(p.slice(text) for p in c.parts) == c.text.replace("\n", "")
        assert text.count("\n", 0, c.span.start) + 1 == c.line


def test_rows_hold_the_articles_text_as_the_table_has_it(builtin_table):
    reg = qpr.load()
    for row in builtin_table.rows:
        article = reg.article(row.article)
        if row.article != "5":
            assert "".join(row.content.split()) == "".join(article.text.split())
        assert row.label == article.label


def test_quotes_are_unquoted_when_the_whole_passage_is_in_quotation_marks(builtin_table):
    box, _ = builtin_table.citations_of(2)
    assert box.pinpoints == ("专栏1",)
    assert box.quote == "质量发展主要指标:产品质量、工程质量、服务质量"
    _, quoted = builtin_table.citations_of(2)
    assert quoted.quote.startswith("持续提高产品") and quoted.quote.endswith("显著增强。")
