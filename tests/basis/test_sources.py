"""Many spellings of one document resolve to one source, by rules that generalise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qpr.basis import parse_title, resolve_sources, title_key


def _group(table, spelling: str):
    return next(s for s in table.sources if spelling in s.variants)


def test_builtin_guidance_spellings_are_one_source_with_full_confidence(builtin_table):
    source = _group(builtin_table, "中共中央国务院关于开展质量提升行动的指导意见")
    assert set(source.variants) == {
        "中共中央国务院关于开展质量提升行动的指导意见",
        "中共中央国务院关于开展质量提升行动的指导意见(中发〔2017〕24号)",
        "中共中央 国务院关于开展质量提升行动的指导意见(中发〔2017〕24号)",
    }
    assert source.title == "中共中央国务院关于开展质量提升行动的指导意见"  # the most used spelling
    assert source.confidence == 1.0  # spacing and a document number only
    assert source.document_number == "中发〔2017〕24号" and source.issuer == "中共中央 国务院"
    assert source.kind == "指导意见"


def test_builtin_outline_notice_and_short_name_are_one_source_with_lower_confidence(builtin_table):
    source = _group(builtin_table, "国务院质量发展纲要")
    assert set(source.variants) == {"国务院关于印发质量发展纲要(2011-2020年)的通知", "国务院质量发展纲要"}
    assert source.title == "国务院关于印发质量发展纲要(2011-2020年)的通知"
    assert 0.8 < source.confidence < 0.9  # a 印发…的通知 wrapper and a period left out
    assert source.key == "质量发展纲要" and source.kind == "纲要"


def test_builtin_provincial_committee_spellings_are_one_source(builtin_table):
    source = _group(builtin_table, "四川省委关于全面推动高质量发展的决定")
    assert set(source.variants) == {"中共四川省委关于全面推动高质量发展的决定", "四川省委关于全面推动高质量发展的决定"}
    assert source.issuer == "中共四川省委" and source.confidence == 0.95


def test_builtin_table_has_twelve_sources_numbered_by_first_use(builtin_table):
    assert [s.source_id for s in builtin_table.sources] == [f"S{n}" for n in range(1, 13)]
    first_use = [next(c.source_id for c in builtin_table.citations if c.source_id == s.source_id)
                 for s in builtin_table.sources]
    assert first_use == [s.source_id for s in builtin_table.sources]


def test_document_number_inside_or_outside_the_title_brackets_and_full_width_brackets_agree():
    spellings = [
        "中共中央 国务院关于开展质量提升行动的指导意见(中发〔2017〕24号)",
        "中共中央国务院关于开展质量提升行动的指导意见（中发〔2017〕24号）",
        "中共中央、国务院关于开展质量提升行动的指导意见",
        "中共中央国务院关于开展质量提升行动的指导意见(2017年9月5日)",
    ]
    sources, ids, ambiguous = resolve_sources(spellings)
    assert len(sources) == 1 and set(ids.values()) == {"S1"} and not ambiguous
    assert sources[0].confidence == 1.0
    assert parse_title(spellings[1]).document_number == "中发〔2017〕24号"


def test_wrapper_issuer_forms_and_state_prefix_are_normalised():
    assert title_key("科技部、财政部关于印发《国家科技计划管理办法》的通知") == title_key("国家科技计划管理办法")
    assert title_key("中国共产党四川省委员会关于全面推动高质量发展的决定") == title_key("四川省委关于全面推动高质量发展的决定")
    assert title_key("中华人民共和国标准化法") == title_key("标准化法") == "标准化法"
    assert title_key("中华人民共和国产品质量法(2018年修正)") == "产品质量法"
    parts = parse_title("国务院关于印发质量发展纲要(2011-2020年)的通知")
    assert (parts.issuer, parts.core, parts.period, parts.wrapped) == ("国务院", "质量发展纲要", "2011-2020", True)


def test_same_name_from_different_issuers_or_periods_stays_apart():
    sources, ids, _ = resolve_sources([
        "中共中央国务院关于开展质量提升行动的指导意见",
        "四川省人民政府关于开展质量提升行动的指导意见",
        "四川省质量发展规划(2016-2020年)",
        "四川省质量发展规划(2021-2025年)",
    ])
    assert len(sources) == 4 and len(set(ids.values())) == 4


def test_a_title_without_issuer_that_fits_two_sources_is_reported_as_ambiguous():
    sources, ids, ambiguous = resolve_sources([
        "中共中央国务院关于开展质量提升行动的指导意见",
        "中共中央国务院关于开展质量提升行动的指导意见",
        "四川省人民政府关于开展质量提升行动的指导意见",
        "关于开展质量提升行动的指导意见",
    ])
    assert len(sources) == 2
    assert ambiguous == [("关于开展质量提升行动的指导意见", "S1")]  # the most cited group wins
    assert ids["关于开展质量提升行动的指导意见"] == "S1"
    assert sources[0].confidence == 0.85  # one spelling leaves the issuer out


def test_unrelated_titles_are_not_merged(builtin_table):
    laws = [s for s in builtin_table.sources if s.kind == "法"]
    assert {s.key for s in laws} == {"产品质量法", "中小企业促进法", "标准化法"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([" ", "\u3000", "\t"]), min_size=1, max_size=3), st.integers(min_value=0, max_value=100),
       st.booleans())
def test_title_key_ignores_spacing_and_bracket_width(spaces, at, full_width):
    """Inserting spaces anywhere, or writing brackets full-width, never changes which document a title names."""
    for title in ("国务院关于印发质量发展纲要(2011-2020年)的通知", "中共中央 国务院关于开展质量提升行动的指导意见(中发〔2017〕24号)",
                  "关于促进首台(套)重大技术装备示范应用的意见"):
        pos = at % (len(title) + 1)
        variant = title[:pos] + "".join(spaces) + title[pos:]
        if full_width:
            variant = variant.replace("(", "（").replace(")", "）")
        assert title_key(variant) == title_key(title)
