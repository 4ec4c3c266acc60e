"""Finding and resolving party mentions in text; the seed regulation's 附件1 as proof."""

from __future__ import annotations

import itertools
import json
import re
import time
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qpr.actors import (
    Jurisdiction,
    Level,
    jurisdiction_from_title,
    parse_level,
    registry,
)

SICHUAN = Jurisdiction("四川省")
BEIJING = Jurisdiction("北京市", municipality=True)
GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold" / "sichuan-draft-2020.jsonl"


@pytest.fixture(scope="module")
def reg():
    return registry()


@pytest.fixture(scope="module")
def annex1() -> str:
    """附件1 of the built-in 2020 Sichuan draft: the regulation itself."""
    text = resources.files("qpr.data").joinpath("sichuan-quality-promotion-draft-2020.txt").read_text(encoding="utf-8")
    start = text.index("附件1 四川省质量促进条例")
    return text[start:text.index("附件2", start)]


def names(mention):
    return [(r.written, r.actor_id) for r in mention.resolution.actors]


# --- the seed regulation ---------------------------------------------------------


def test_every_department_like_word_in_annex1_lies_in_a_resolved_mention(reg, annex1):
    mentions = reg.mentions(annex1, SICHUAN)
    # Article headings ([协调机制及部门职责]) name no party: blank them out.
    body = re.sub(r"\[[^\]]*\]", lambda m: " " * len(m.group()), annex1)
    for occ in re.finditer(r"部门|机构|机关|委员会|(?<![布格大全结])局|人民政府", body):
        covering = [m for m in mentions if m.start <= occ.start() and occ.end() <= m.end]
        assert covering, f"nothing covers {annex1[max(0, occ.start() - 12):occ.end()]!r}"
        assert covering[0].resolution.resolved, covering[0]


def test_no_mention_in_annex1_leaves_a_name_unresolved(reg, annex1):
    for m in reg.mentions(annex1, SICHUAN):
        assert not m.resolution.unresolved, m


def test_every_level_expression_in_annex1_resolves(reg, annex1):
    for occ in re.finditer(r"(有条件的)?(县级以上地方|县级以上|市级以上|省级)人民政府", annex1):
        scope = parse_level(occ.group(0), SICHUAN)
        assert scope is not None and scope.code in ("county+", "city+", "province")
        covering = [m for m in reg.mentions(annex1, SICHUAN) if m.start <= occ.start() < m.end]
        assert covering and covering[0].resolution.levels is not None
        assert covering[0].resolution.levels.code == scope.code


def test_annex1_department_list_is_one_mention_of_eight_departments_at_county_level(reg, annex1):
    target = "县级以上人民政府发展改革、经济和信息化、住房和城乡建设、交通运输、水利、文化和旅游、农业农村、商务等部门"
    mention = next(m for m in reg.mentions(annex1, SICHUAN) if m.text == target)
    assert [r.actor_id for r in mention.resolution.actors] == [
        "development-reform", "industry-it", "housing-construction", "transport", "water-resources",
        "culture-tourism", "agriculture-rural", "commerce"]
    assert mention.resolution.levels.code == "county+"
    assert all(r.levels.code == "county+" for r in mention.resolution.actors)
    assert mention.resolution.open_list == "等"


@pytest.mark.skipif(not GOLD.is_file(), reason="shared/gold not present")
def test_every_leveled_bearer_of_the_gold_reading_is_found_with_its_level(reg, annex1):
    found = {(r.actor_id, r.levels.code) for m in reg.mentions(annex1, SICHUAN) for r in m.resolution.actors if r.levels}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["actor"] and rec["level"]:
            actor = reg.lookup(rec["actor"])
            # 金融监管部门 under a county government is the local regulator.
            ids = {actor.id, actor.local_counterpart}
            assert any((i, rec["level"]) in found for i in ids), rec


# --- the cases the issue names ---------------------------------------------------------


def test_a_2020_texts_环境保护部门_is_todays_生态环境部门_with_the_text_word_kept(reg):
    ref = reg.resolve("县级以上人民政府环境保护部门", SICHUAN).actors[0]
    assert (ref.actor_id, ref.name, ref.written, ref.renamed) == ("ecology-environment", "生态环境部门", "环境保护部门", 2018)


def test_银保监机构_maps_to_its_successor_and_keeps_the_original(reg):
    ref = reg.resolve("银保监机构").actors[0]
    assert ref.actor_id == "financial-regulation" and ref.written == "银保监机构" and ref.renamed == 2023


def test_in_a_municipality_市_is_provincial_and_区_county_level(reg):
    beijing = jurisdiction_from_title("北京市生活垃圾管理条例")
    assert beijing == BEIJING
    res = reg.resolve("市人民政府", beijing)
    assert res.levels.levels == {Level.PROVINCE}
    assert reg.resolve("区人民政府", beijing).levels.levels == {Level.COUNTY}
    assert reg.resolve("市、区人民政府", beijing).levels.code == "province+county"
    bureau = reg.resolve("市市场监督管理局", beijing).actors[0]
    assert bureau.actor_id == "market-regulation" and bureau.levels.code == "province"
    assert reg.resolve("市人民政府", SICHUAN).levels.levels == {Level.CITY}


def test_resolve_splits_a_department_list_and_keeps_the_open_marker(reg):
    res = reg.resolve("县级以上人民政府发展改革、财政等部门")
    assert res.actor_ids == ("development-reform", "finance")
    assert res.levels.code == "county+" and res.open_list == "等" and res.unresolved == ()
    res = reg.resolve("市场监督管理等有关部门")
    assert res.actor_ids == ("market-regulation", "relevant-departments") and res.open_list == "等有关"


def test_有条件的_government_keeps_its_condition(reg):
    res = reg.resolve("有条件的县级以上人民政府")
    assert res.actor_ids == ("people-government",)
    assert res.levels.code == "county+" and res.levels.condition == "有条件的"


def test_unknown_list_item_is_reported_not_dropped(reg):
    res = reg.resolve("县级以上人民政府供销合作、财政等部门")
    assert res.actor_ids == ("finance",) and res.unresolved == ("供销合作",)


def test_resolve_of_text_naming_nobody_gives_it_back_as_unresolved(reg):
    res = reg.resolve("水利工程")
    assert res.actors == () and res.unresolved == ("水利工程",)


def test_binds_answers_everything_that_binds_a_county_market_regulator(reg):
    text = ("县级以上人民政府市场监督管理部门负责质量工作。省市场监督管理局制定规划。"
            "市、县人民政府市场监管、财政等部门应当配合。企业应当守法。")
    binding = [m.text for m in reg.mentions(text, SICHUAN) if m.resolution.binds("market-regulation", Level.COUNTY)]
    assert binding == ["县级以上人民政府市场监督管理部门", "市、县人民政府市场监管、财政等部门"]


# --- mentions in free text --------------------------------------------------------------


def test_a_government_alone_is_a_government_mention(reg):
    (m,) = reg.mentions("第四条　县级以上人民政府应当加强领导。")
    assert m.text == "县级以上人民政府" and names(m) == [("人民政府", "people-government")]
    assert m.resolution.levels.code == "county+"


def test_a_list_of_parties_outside_government_is_one_mention_of_each(reg):
    (m,) = reg.mentions("鼓励高等院校、科研院所、行业协会和企业共同参与")
    assert m.text == "高等院校、科研院所、行业协会和企业"
    assert [r.actor_id for r in m.resolution.actors] == ["university", "research-institute", "industry-association",
                                                         "enterprise"]


@pytest.mark.parametrize("text", ["列入本级财政预算", "加强水利工程建设", "发展商务服务业", "推进教育改革"])
def test_bare_department_stems_in_ordinary_words_are_no_mention(reg, text):
    assert reg.mentions(text) == ()


def test_mention_offsets_point_into_the_text(reg, annex1):
    for m in reg.mentions(annex1):
        assert annex1[m.start:m.end] == m.text


def test_a_name_that_starts_first_wins_an_overlap(reg):
    # 企业主责: 企业 and 业主 overlap; a reader reads 企业.
    assert [m.text for m in reg.mentions("坚持企业主责、社会参与")] == ["企业"]


def test_defined_term_in_a_regulation_resolves_only_in_its_registry(reg):
    text = ("第二条 各级人民政府及其负有市场监管职责的部门（以下简称监管部门）应当依法履职。"
            "第三条 县级以上人民政府确定的清洁生产综合协调部门（以下称清洁生产行政主管部门）负责组织。"
            "第四条 监管部门和清洁生产行政主管部门应当公开信息。第五条 设立专项资金（以下简称专项资金）。")
    scoped = reg.with_defined_terms(text)
    assert scoped is not reg and "监管部门" in scoped.defined_terms
    assert scoped.lookup("监管部门").id == "responsible-departments"
    cleaner = scoped.lookup("清洁生产行政主管部门")
    assert cleaner.source == "defined" and cleaner.name == "清洁生产综合协调部门"
    assert "专项资金" not in scoped.defined_terms
    last = [m for m in scoped.mentions(text) if m.start > text.index("第四条")]
    assert last[0].resolution.actor_ids == ("responsible-departments", cleaner.id)
    assert reg.get(cleaner.id) is None  # the built-in registry is unchanged


# --- properties and speed ----------------------------------------------------------------

ALPHABET = list("县级以上人民政府市场监督管理部门发展改革财政等有关和、，。企业个人省市区乡镇（）的应当")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_mentions_are_in_text_order_never_overlap_and_match_the_text(text):
    mentions = registry().mentions(text)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start


def _growth(read, make, n: int) -> float:
    """How much longer ``read`` takes on a 10x larger input: about 10 when linear, 100 when quadratic.

    A ratio of two runs on one machine, so a loaded machine slows both: this checks the growth, not a speed.
    """
    def timed(k: int) -> float:
        text = make(k)
        t0 = time.perf_counter()
        read(text)
        return time.perf_counter() - t0

    timed(n)  # warm the caches
    return timed(10 * n) / max(timed(n), 1e-3)


def test_a_megabyte_line_of_department_names_is_read_in_linear_time(reg):
    line = "、".join(["发展改革", "财政", "教育", "市场监管"] * 50_000) + "等部门"
    assert len(line) > 700_000
    (m,) = reg.mentions(line)
    assert m.start == 0 and len(m.resolution.actors) == 200_000
    growth = _growth(reg.mentions, lambda k: "、".join(["发展改革", "财政", "教育", "市场监管"] * k) + "等部门", 5_000)
    assert growth < 40, growth


def test_deeply_nested_brackets_and_unclosed_lists_grow_linearly(reg):
    growth = _growth(reg.mentions, lambda k: "（" * k + "县级以上人民政府" + "）" * k + "财政、" * k + "企业", 10_000)
    assert growth < 40, growth


def test_a_kind_of_party_the_regulation_defines_by_its_genus_is_a_party():
    from qpr.actors.registry import registry

    text = ("本条例所称食品小作坊，是指从事食品生产加工的经营者，但是不包括食用农产品初级加工者。"
            "本条例所称电梯，是指动力驱动的机电设备。")
    reg = registry().with_defined_terms(text)
    found = [m.text for m in reg.mentions("食品小作坊应当依法生产。") if m.resolution.actors]
    assert found == ["食品小作坊"]
    assert reg.lookup("食品小作坊").source == "defined"
    # A thing defined by its genus (设备) is no party.
    assert not [m for m in reg.mentions("电梯应当定期检验。") if m.text == "电梯" and m.resolution.actors]
