"""Level expressions, level scopes and jurisdictions."""

from __future__ import annotations

import pytest

from qpr.actors import (
    Jurisdiction,
    Level,
    LevelScope,
    jurisdiction_from_title,
    parse_level,
)

SICHUAN = Jurisdiction("四川省")
BEIJING = Jurisdiction("北京市", municipality=True)
SHENZHEN = Jurisdiction("广东省", city="深圳市")


@pytest.mark.parametrize(("text", "code"), [
    ("各级", "all"),
    ("地方各级", "all"),
    ("县级以上", "county+"),
    ("县级以上地方", "county+"),
    ("县级以上地方各级", "county+"),
    ("设区的市级以上", "city+"),
    ("市级以上", "city+"),
    ("地级以上市", "city+"),
    ("省级", "province"),
    ("省", "province"),
    ("本省", "province"),
    ("省、自治区、直辖市", "province"),
    ("设区的市", "city"),
    ("市（州）", "city"),
    ("县（市、区）", "county"),
    ("区县（自治县）", "county"),
    ("市、县", "city+county"),
    ("市、县（市、区）", "city+county"),
    ("乡镇", "township"),
    ("乡（镇）", "township"),
    ("乡镇、街道", "township"),
    ("乡、民族乡、镇", "township"),
    ("县级以上人民政府", "county+"),
])
def test_level_expression_maps_to_annotation_code(text, code):
    scope = parse_level(text, SICHUAN)
    assert scope is not None and scope.code == code


def test_level_scope_keeps_condition_of_有条件的():
    scope = parse_level("有条件的县级以上", SICHUAN)
    assert scope is not None
    assert scope.code == "county+" and scope.condition == "有条件的" and scope.written == "有条件的县级以上"


def test_市_is_provincial_in_a_municipality_and_city_level_elsewhere():
    assert parse_level("市", BEIJING).levels == {Level.PROVINCE}
    assert parse_level("本市", BEIJING).code == "province"
    assert parse_level("市", SICHUAN).levels == {Level.CITY}
    assert parse_level("本市", SHENZHEN).code == "city"


def test_区_is_county_level_in_a_municipality():
    assert parse_level("区", BEIJING).levels == {Level.COUNTY}
    assert parse_level("市、区", BEIJING).code == "province+county"
    assert parse_level("市和区、县", BEIJING).levels == {Level.PROVINCE, Level.COUNTY}


def test_relative_levels_have_no_absolute_level():
    scope = parse_level("上级")
    assert scope is not None and scope.levels == frozenset() and scope.code == "upper"
    assert parse_level("本级").code == "same"


def test_text_that_is_no_level_expression_gives_none():
    assert parse_level("企业") is None
    assert parse_level("") is None
    assert parse_level("市场") is None


def test_level_scope_answers_whether_it_binds_a_level():
    scope = parse_level("县级以上", SICHUAN)
    assert Level.COUNTY in scope and scope.binds(Level.PROVINCE)
    assert not scope.binds(Level.TOWNSHIP)
    assert LevelScope(frozenset({Level.NATIONAL}), "国务院").code == "national"


def test_levels_sort_from_the_centre_down():
    assert sorted([Level.TOWNSHIP, Level.PROVINCE, Level.NATIONAL]) == [Level.NATIONAL, Level.PROVINCE, Level.TOWNSHIP]
    assert Level.from_code("county") is Level.COUNTY and Level.COUNTY.zh == "县级"


@pytest.mark.parametrize(("title", "expected"), [
    ("北京市生活垃圾管理条例", Jurisdiction("北京市", municipality=True)),
    ("上海市浦东新区城市管理领域非现场执法规定", Jurisdiction("上海市", municipality=True)),
    ("重庆市地方立法条例(2017-01-19)", Jurisdiction("重庆市", municipality=True)),
    ("四川省质量促进条例(征求意见稿)", Jurisdiction("四川省")),
    ("# 广东省市场监管条例", Jurisdiction("广东省")),
    ("深圳经济特区绿色建筑条例", Jurisdiction("广东省", city="深圳市")),
    ("东莞市城市管理综合执法条例", Jurisdiction("广东省", city="东莞市")),
    ("洛阳市陆浑水库饮用水水源保护条例", Jurisdiction("河南省", city="洛阳市")),
    ("阿坝藏族羌族自治州生态环境保护条例", Jurisdiction("四川省", city="阿坝藏族羌族自治州")),
    ("中华人民共和国产品质量法", Jurisdiction(None)),
])
def test_jurisdiction_from_title(title, expected):
    assert jurisdiction_from_title(title) == expected


def test_unknown_place_gives_no_jurisdiction():
    assert jurisdiction_from_title("某省示范条例") is None


def test_jurisdiction_level_and_city_word():
    assert Jurisdiction(None).is_national and Jurisdiction(None).level is Level.NATIONAL
    assert SHENZHEN.level is Level.CITY and SICHUAN.level is Level.PROVINCE
    assert BEIJING.city_word_level() is Level.PROVINCE and SICHUAN.city_word_level() is Level.CITY
