"""One entry of a basis cell taken apart: number, issuers, title, date, document number, pinpoints, passage."""

from __future__ import annotations

import datetime as dt

from qpr.basis import FindingKind
from qpr.basis.citations import Piece, parse_citation, split_citations


def test_entry_with_date_and_item_pinpoint():
    p = parse_citation("1.《中共中央国务院关于开展质量提升行动的指导意见》(2017年9月5日)(二十八)“加强党对质量工作领导”:健全质量工作体制机制。")
    assert p.number == 1 and p.title == "中共中央国务院关于开展质量提升行动的指导意见"
    assert p.date == dt.date(2017, 9, 5) and p.pinpoints == ("(二十八)",)
    assert p.quote.startswith("“加强党对质量工作领导”:健全") and not p.problems


def test_entry_with_document_number_inside_the_title_and_law_article():
    p = parse_citation("3.《中共中央 国务院关于开展质量提升行动的指导意见(中发〔2017〕24号)》(七)提升原材料供给水平。")
    assert p.document_number == "中发〔2017〕24号" and p.pinpoints == ("(七)",)
    law = parse_citation("2.《产品质量法》第七条 各级人民政府应当把提高产品质量纳入国民经济和社会发展规划。")
    assert law.pinpoints == ("第七条",) and law.quote.startswith("各级人民政府")


def test_joint_issuers_before_the_title_and_a_document_number_after_it():
    p = parse_citation("2.国家发展改革委、科技部联合印发《关于促进首台(套)重大技术装备示范应用的意见》(发改产业〔2018〕558号):到2020年,全面形成。")
    assert p.issuer == "国家发展改革委、科技部"
    assert p.title == "关于促进首台(套)重大技术装备示范应用的意见"
    assert p.document_number == "发改产业〔2018〕558号" and p.quote.startswith("到2020年")


def test_section_and_item_pinpoints_compose_and_carry_on():
    p = parse_citation("1.《国务院关于印发质量发展纲要(2011-2020年)的通知》四、加强质量监督管理(五)推进质量诚信体系建设。"
                       "六、优化质量发展环境(三)完善质量投诉。(四)发挥社会中介服务作用。")
    assert p.pinpoints == ("四、(五)", "六、(三)", "六、(四)")
    assert p.quote.startswith("加强质量监督管理(五)")
    bracketed = parse_citation("2.《指导意见》(2017年9月5日)(三、破除质量提升瓶颈)(十二)实施质量攻关工程。")
    assert bracketed.pinpoints == ("三、(十二)",) and bracketed.quote == "实施质量攻关工程。"
    box = parse_citation("1.《纲要》专栏1“质量发展主要指标:产品质量、工程质量”。")
    assert box.pinpoints == ("专栏1",) and box.quote == "质量发展主要指标:产品质量、工程质量"


def test_a_bracket_left_open_after_the_date_still_gives_the_date():
    p = parse_citation("(《中共中央国务院关于开展质量提升行动的指导意见》(2017年9月5日,(二十六)健全质量激励制度,建立机制。")
    assert p.number is None and p.date == dt.date(2017, 9, 5) and p.pinpoints == ("(二十六)",)


def test_entry_without_title_is_a_problem_not_an_error():
    p = parse_citation("2.根据有关规定。")
    assert p.title == "" and [k for k, _ in p.problems] == [FindingKind.NO_TITLE]
    guessed = parse_citation("1.产品质量法第七条 各级人民政府应当。")
    assert guessed.title == "产品质量法" and guessed.pinpoints == ("第七条",)
    assert [k for k, _ in guessed.problems] == [FindingKind.NO_TITLE]


def test_unclosed_title_is_cut_at_the_line_and_reported():
    p = parse_citation("1.《国务院关于印发质量发展纲要(2011-2020年)的通知")
    assert p.title == "国务院关于印发质量发展纲要(2011-2020年)的通知"
    assert [k for k, _ in p.problems] == [FindingKind.UNCLOSED_TITLE]


def test_entries_split_at_numbers_at_piece_starts_and_after_sentences():
    pieces = [Piece("1", "1.《甲法》第一条 甲。2.《乙法》第二条 乙。", 0, 1),
              Piece("1", "接上一行的引文。", 40, 2),
              Piece("1", "3.《丙法》第三条 丙。", 60, 3)]
    raws, findings = split_citations(pieces)
    assert [r.text for r in raws] == ["1.《甲法》第一条 甲。", "2.《乙法》第二条 乙。\n接上一行的引文。", "3.《丙法》第三条 丙。"]
    assert not findings


def test_numbering_out_of_sequence_is_reported_with_its_line():
    pieces = [Piece("2", "1.《甲法》第一条 甲。", 0, 10), Piece("2", "3.《乙法》第二条 乙。", 20, 11)]
    raws, findings = split_citations(pieces)
    assert len(raws) == 2
    assert [(f.kind, f.line, f.article) for f in findings] == [(FindingKind.NUMBERING, 11, "2")]
