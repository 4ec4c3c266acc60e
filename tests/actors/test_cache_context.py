"""Caches must not change results: a mention reads the same whatever was read before it.

Regression: parses were cached by the few characters before a name that the
parse reported reading; some reads went unreported (a failed level-word walk,
others not found), so a parse cached from another text was reused and
由区级以上公安机关 lost its bearer in a long-running process. The cache saved
2% of extraction time and is gone; the resolution cache keyed by the whole
mention stays.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qpr.actors import registry
from qpr.actors.levels import Jurisdiction

FRAGMENTS = [
    "由", "区级以上", "县级以上", "市", "区", "人民政府", "公安机关", "市场监督管理部门", "、", "和", "等部门", "有关部门",
    "应当", "负责", "，", "。", "各级", "乡镇", "街道办事处", "发展改革", "财政", "教育", "民政", "行政部门", "其", "所在单位",
    "或者", "上级主管部门", "（市、区）", "设区的市", "本市", "企业", "行业协会", "机关", "团体", "主管负责人", "给予",
    "二十人以上", "五日以上", "以上", "级以上", "三级",
]
texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14).map("".join)


def cold(text: str, where: Jurisdiction | None):
    reg = registry()
    reg._cache.clear()
    return reg.mentions(text, where)


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, min_size=2, max_size=6), st.sampled_from([None, Jurisdiction("北京市", municipality=True)]))
def test_mentions_do_not_depend_on_what_was_read_before(history, where):
    *before, text = history
    for other in before:
        registry().mentions(other, where)
    warm = registry().mentions(text, where)
    assert warm == cold(text, where)


def test_a_failed_level_walk_elsewhere_does_not_cut_the_level_off():
    """The case found in the corpus: 二十人以上公安机关 read first made 由区级以上公安机关 lose 区级以上."""
    where = Jurisdiction("北京市", municipality=True)
    target = "由区级以上公安机关责令改正"
    expected = cold(target, where)
    assert [m.text for m in expected] == ["区级以上公安机关"]
    for before in ("二十人以上公安机关", "五日以上公安机关", "情节严重以上公安机关"):
        cold(before, where)
        registry().mentions(before, where)
        assert registry().mentions(target, where) == expected


def test_the_same_words_after_different_left_context_keep_their_own_resolution():
    # Regression: resolutions were cached by the mention's words alone, but 相应行政管理部门 and
    # 行政管理部门 parse the same last words differently, so the first text read decided the second.
    where = Jurisdiction("浙江省")
    alone = [r.actor_id for m in cold("行政管理部门对投诉应当及时处理。", where) for r in m.resolution.actors]
    cold("活动应当接受舟山市人民政府相应行政管理部门的业务指导。", where)
    after = [r.actor_id for m in registry().mentions("行政管理部门对投诉应当及时处理。", where) for r in m.resolution.actors]
    assert after == alone
