"""The built-in regulation: the 2020 Sichuan draft read from its scraped page."""

from __future__ import annotations

import datetime as dt

import qpr

HEADINGS = [
    "立法宗旨", "适用范围", "基本原则", "统筹领导", "协调机制及部门职责", "政策保障", "政府职责", "企业职责",
    "中介组织职责", "质量奖励", "人才激励", "质量教育", "舆论宣传", "质量基础平台", "品牌培育及保护", "标准支撑",
    "计量支撑", "认证认可服务", "首套技术装备", "中小微企业促进", "质量溯源机制", "质量增信融资", "保险推广",
    "专家库建立", "信用监管", "监测机制", "执法监管", "强制报告制度", "质量考核", "质量督察", "施行日期",
]


def test_has_31_articles_numbered_in_order_with_their_headings(builtin):
    assert [a.number for a in builtin.articles] == list(range(1, 32))
    assert [a.heading for a in builtin.articles] == HEADINGS
    assert builtin.problems == ()


def test_paragraph_and_item_counts_of_articles_6_to_9(builtin):
    counts = {a.number: [len(p.items) for p in a.paragraphs] for a in builtin.articles if 6 <= a.number <= 9}
    assert counts == {6: [4], 7: [4], 8: [4], 9: [4]}
    assert builtin.article(6).paragraphs[0].items[0].text.startswith("建立质量促进专项基金")
    assert builtin.article(9).paragraphs[0].items[3].label == "(四)"


def test_multi_paragraph_articles_split_one_paragraph_a_line(builtin):
    assert len(builtin.article(5).paragraphs) == 3
    assert len(builtin.article(12).paragraphs) == 3
    assert builtin.article(16).paragraphs[0].text == "县级以上人民政府应当支持开展标准化试点示范和宣传工作;"


def test_notice_metadata_fills_the_regulation_fields(builtin):
    assert builtin.title == "四川省质量促进条例(征求意见稿)"
    assert builtin.issuer == "四川省市场监督管理局"
    assert builtin.published == dt.date(2020, 4, 17)
    assert builtin.comment_deadline == dt.date(2020, 4, 24)
    assert builtin.status == "draft"


def test_attachments_2_and_3_stay_outside_the_articles(builtin):
    last = builtin.articles[-1]
    assert last.text == "本条例自 年 月 日起施行。"
    for a in builtin.articles:
        assert "立法依据对照表" not in a.text and "意见反馈表" not in a.text and "设立依据" not in a.text
    names = [p.name for p in builtin.parts if p.kind == "attachment"]
    assert names == ["附件2", "附件3"]
    basis = builtin.attachment("附件2")
    assert "立法依据对照表" in basis.title
    assert "《中共中央国务院关于开展质量提升行动的指导意见》" in basis.span.slice(builtin.text)
    assert "条文序号" in builtin.attachment("附件3").span.slice(builtin.text)


def test_header_body_and_attachments_partition_the_page(builtin):
    spans = sorted([p.span for p in builtin.parts] + [builtin.body])
    assert spans[0].start == 0 and spans[-1].end == len(builtin.text)
    assert all(a.end == b.start for a, b in zip(spans, spans[1:]))


def test_load_returns_the_same_cached_object():
    assert qpr.load() is qpr.load()
