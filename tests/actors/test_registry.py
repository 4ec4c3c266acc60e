"""The built-in registry: coverage, lookup order, search, renames, kinds."""

from __future__ import annotations

import pickle

import pytest

from qpr.actors import Actor, Kind, Level, registry
from qpr.errors import QprError, UnknownActorError


@pytest.fixture(scope="module")
def reg():
    return registry()


def test_registry_is_built_once_and_cached():
    assert registry() is registry()


def test_get_returns_actor_or_default_and_never_raises(reg):
    assert reg.get("market-regulation").name == "市场监督管理部门"
    assert reg.get("no-such-actor") is None
    sentinel = reg.get("market-regulation")
    assert reg.get("nope", sentinel) is sentinel


def test_iteration_length_and_ids_are_consistent(reg):
    actors = list(reg)
    assert len(actors) == len(reg) > 150
    assert len({a.id for a in actors}) == len(actors)
    assert all(a.id in reg for a in actors)


# The departments of the 2018 reorganisation and the other bodies the issue
# names, each by a short or full form a text uses.
DEPARTMENTS = {
    "发展改革部门": "development-reform", "经济和信息化厅": "industry-it", "工业和信息化部门": "industry-it",
    "教育局": "education", "科技部门": "science-technology", "民族宗教事务部门": "ethnic-religious",
    "公安机关": "public-security", "民政部门": "civil-affairs", "司法行政部门": "justice", "财政厅": "finance",
    "人社部门": "human-resources", "人力资源和社会保障局": "human-resources", "自然资源主管部门": "natural-resources",
    "生态环境局": "ecology-environment", "住房城乡建设部门": "housing-construction", "住建局": "housing-construction",
    "交通运输主管部门": "transport", "水行政主管部门": "water-resources", "农业农村部门": "agriculture-rural",
    "商务主管部门": "commerce", "文化和旅游部门": "culture-tourism", "卫生健康委员会": "health",
    "退役军人事务部门": "veterans", "应急管理部门": "emergency", "审计机关": "audit", "国资委": "sasac",
    "市场监管局": "market-regulation", "广播电视主管部门": "radio-tv", "体育主管部门": "sports", "统计机构": "statistics",
    "医疗保障部门": "medical-security", "林业和草原主管部门": "forestry-grassland",
    "地方金融监督管理部门": "local-financial-regulation", "大数据局": "big-data", "大数据中心": "big-data",
    "政务服务管理局": "government-services", "城管执法部门": "urban-management", "城市管理部门": "urban-management",
    "知识产权局": "ipr", "药品监督管理部门": "drug-administration", "粮食和物资储备部门": "grain-reserve",
    "能源主管部门": "energy", "人民防空主管部门": "civil-air-defense", "机关事务管理部门": "government-affairs",
    "信访工作机构": "petitions", "海关": "customs", "税务机关": "tax", "气象主管机构": "meteorology",
    "邮政管理部门": "postal-administration", "通信管理局": "communications-administration",
    "国家金融监督管理总局": "financial-regulation", "证券监督管理机构": "securities-regulation",
    "中国人民银行": "central-bank", "消防救援机构": "fire-rescue", "公安机关交通管理部门": "traffic-police",
    "档案主管部门": "archives", "网信部门": "cyberspace", "宣传部门": "publicity", "机构编制部门": "establishment",
    "人民法院": "court", "人民检察院": "procuratorate", "工会": "trade-union", "共青团": "youth-league",
    "妇联": "women-federation", "残联": "disabled-federation", "红十字会": "red-cross", "科协": "science-association",
    "村民委员会": "villagers-committee", "居民委员会": "residents-committee", "人民政府": "people-government",
    "企业": "enterprise", "中小微企业": "sme", "龙头企业": "leading-enterprise", "生产者": "producer",
    "销售者": "seller", "经营者": "operator", "行业协会": "industry-association", "社会组织": "social-organization",
    "高等院校": "university", "科研院所": "research-institute", "检验检测机构": "testing-body",
    "认证机构": "certification-body", "银行": "bank", "保险机构": "insurer", "媒体": "media", "社会公众": "public",
    "个人": "individual", "有关部门": "relevant-departments", "安全生产委员会": "work-safety-committee",
    "街道办事处": "subdistrict-office", "开发区管理委员会": "zone-administration", "监察委员会": "supervisory",
    "党委": "party-committee",
}


@pytest.mark.parametrize(("name", "actor_id"), sorted(DEPARTMENTS.items()))
def test_named_department_or_party_resolves(reg, name, actor_id):
    assert reg.lookup(name).id == actor_id


@pytest.mark.parametrize(("old", "actor_id", "year"), [
    ("环境保护部门", "ecology-environment", 2018),
    ("环保局", "ecology-environment", 2018),
    ("国土资源主管部门", "natural-resources", 2018),
    ("城乡规划主管部门", "natural-resources", 2018),
    ("卫生计生部门", "health", 2018),
    ("安全生产监督管理部门", "emergency", 2018),
    ("新闻出版广电部门", "radio-tv", 2018),
    ("质量技术监督部门", "market-regulation", 2018),
    ("工商行政管理部门", "market-regulation", 2018),
    ("食品药品监督管理部门", "market-regulation", 2018),
    ("银保监机构", "financial-regulation", 2023),
    ("银保监会", "financial-regulation", 2023),
    ("银监会", "financial-regulation", 2018),
    ("出入境检验检疫机构", "customs", 2018),
    ("地方税务局", "tax", 2018),
])
def test_former_name_resolves_to_todays_actor_with_year_of_rename(reg, old, actor_id, year):
    match = reg.explain(old)
    assert match.actor.id == actor_id
    assert match.how == "former" and match.renamed == year


def test_lookup_tries_id_then_name_then_alias_then_stem_then_former_then_mention(reg):
    assert reg.explain("market-regulation").how == "id"
    assert reg.explain("市场监督管理部门").how == "name"
    assert reg.explain("市场监管局").how == "alias"
    assert reg.explain("市场监管").how == "stem"
    assert reg.explain("市场监管部门").how == "stem"
    assert reg.explain("工商局").how == "former"
    match = reg.explain("省市场监督管理局")
    assert match.how == "mention" and match.actor.id == "market-regulation" and match.levels.code == "province"


def test_short_and_long_forms_name_one_actor(reg):
    ids = {reg.lookup(n).id for n in ("县级以上人民政府市场监督管理部门", "市场监管部门", "省市场监督管理局",
                                      "市场监督管理局", "国家市场监督管理总局")}
    assert ids == {"market-regulation"}
    assert reg.lookup("住房城乡建设部门").id == reg.lookup("住房和城乡建设部门").id
    assert reg.lookup("发改委").id == reg.lookup("发展改革部门").id
    assert reg.lookup("人社局").id == reg.lookup("人力资源社会保障部门").id


def test_unknown_name_raises_lookup_error_with_nearest_names(reg):
    with pytest.raises(UnknownActorError) as info:
        reg.lookup("市场监督局长办")
    err = info.value
    assert isinstance(err, LookupError) and isinstance(err, QprError)
    assert err.name == "市场监督局长办"
    assert err.suggestions and len(set(err.suggestions)) == len(err.suggestions)
    assert "did you mean" in str(err)


def test_search_is_ranked_and_ties_are_ordered_by_id(reg):
    results = reg.search("市场监管")
    assert results[0][0].id == "market-regulation" and results[0][1] == 1.0
    scores = [(-score, actor.id) for actor, score in results]
    assert scores == sorted(scores)
    assert reg.search("市场监管") == reg.search("市场监管")  # deterministic
    assert reg.search("customs")[0][0].id == "customs"
    assert reg.search("") == []


def test_kinds_cover_government_and_parties_outside_it(reg):
    kinds = {a.kind for a in reg}
    for kind in (Kind.GOVERNMENT, Kind.DEPARTMENT, Kind.VERTICAL, Kind.JUDICIAL, Kind.PARTY, Kind.ENTERPRISE,
                 Kind.BUSINESS, Kind.ASSOCIATION, Kind.ACADEMIC, Kind.TESTING, Kind.FINANCIAL, Kind.MEDIA,
                 Kind.PUBLIC, Kind.OPEN):
        assert kind in kinds
    assert reg.get("customs").is_government and reg.get("finance").is_government
    assert not reg.get("enterprise").is_government and not reg.get("court").is_government
    assert reg.get("relevant-departments").is_government and not reg.get("relevant-units").is_government
    assert {a.id for a in reg.of_kind("vertical")} >= {"customs", "tax", "financial-regulation"}


def test_a_county_has_a_market_regulator_and_no_customs_district_of_its_own_level_list(reg):
    county = {a.id for a in reg.at_level(Level.COUNTY)}
    assert "market-regulation" in county and "drug-administration" not in county
    assert Level.TOWNSHIP in reg.get("subdistrict-office").levels


def test_actor_records_are_frozen_hashable_and_pickle(reg):
    actor = reg.get("ecology-environment")
    assert isinstance(actor, Actor)
    with pytest.raises(AttributeError):
        actor.name = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(actor)) == actor
    assert hash(actor) == hash(pickle.loads(pickle.dumps(actor)))
    assert any(f.name == "环境保护" and f.until == 2018 for f in actor.history)
    assert "环境保护部门" in actor.names


def test_financial_regulator_under_a_local_government_is_the_local_one(reg):
    res = reg.resolve("县级以上人民政府金融监管部门")
    assert res.actor_ids == ("local-financial-regulation",)
    assert reg.resolve("金融监管部门").actor_ids == ("financial-regulation",)
